"""Vendors, not files: contracts grouped by the vendor they bind, and findings as legal reviewed them.

A launch that uses two vendors is judged per vendor: one vendor's audit right does not
close another's gap. Findings carry a stable id (document hash, clause, span) so legal's
reviews (`Assessment.reviews`) stay attached when the same file is analysed again; the
playbook is judged on the findings as reviewed (`apply_reviews`). Pure: no disk.
"""

from __future__ import annotations

import hashlib
import re

from pydantic import Field

from signoff.assess.assessment import FindingReview
from signoff.models import Analysis, Finding, Strict

UNNAMED = "unnamed vendor"
# Legal-form words that do not tell two vendors apart ("Nimbus Labs, Inc." is "Nimbus Labs").
_FORMS = {"inc", "ltd", "llc", "plc", "gmbh", "corp", "co", "limited", "incorporated", "sa", "ag", "bv"}


class VendorGroup(Strict):
    """One vendor and the analyses of its documents, in the order they were added."""

    name: str = Field(description="the vendor as named by the analysis or by --vendor")
    key: str = Field(description="short stable id, e.g. 'nimbus-labs'")
    analyses: list[Analysis]

    @property
    def documents(self) -> list[str]:
        return [a.document.path for a in self.analyses]


def vendor_key(name: str | None) -> str:
    """'Nimbus Labs, Inc.' -> 'nimbus-labs': the same vendor however its legal form is written."""
    words = [w for w in re.findall(r"[a-z0-9]+", (name or "").lower()) if w not in _FORMS]
    return "-".join(words) or "unnamed"


def by_vendor(analyses: list[Analysis]) -> list[VendorGroup]:
    """Analyses grouped by vendor, vendors in the order their first document was added."""
    groups: dict[str, VendorGroup] = {}
    for a in analyses:
        key = vendor_key(a.vendor)
        group = groups.setdefault(key, VendorGroup(name=a.vendor or UNNAMED, key=key, analyses=[]))
        group.analyses.append(a)
    return list(groups.values())


def finding_id(document_sha256: str, clause: str, start: int, end: int) -> str:
    """Stable id of a finding: the same file analysed again gives the same ids."""
    digest = hashlib.sha256(f"{document_sha256}:{clause}:{start}:{end}".encode()).hexdigest()
    return f"f-{digest[:10]}"


def id_of(analysis: Analysis, finding: Finding) -> str:
    return finding_id(analysis.document.sha256, finding.clause, finding.start, finding.end)


class ReviewedFinding(Strict):
    """One finding as legal sees it: its stable id, its values as corrected, and the review if any."""

    id: str
    vendor: str
    document: str = Field(description="contract file inside the workspace")
    finding: Finding = Field(description="with corrected values; a dismissed finding keeps the analysis's")
    review: FindingReview | None = None

    @property
    def dismissed(self) -> bool:
        return self.review is not None and self.review.action == "dismiss"


def reviewed_findings(analysis: Analysis, reviews: dict[str, FindingReview]) -> list[ReviewedFinding]:
    """Every finding of one document, dismissed ones included, and the clauses legal added, in text order."""
    out = []
    for f in analysis.findings:
        fid = id_of(analysis, f)
        review = reviews.get(fid)
        if review is not None and review.action == "set":
            f = f.model_copy(update={"values": {**f.values, **review.values}})
        out.append(_reviewed(fid, analysis, f, review))
    out += [
        _reviewed(fid, analysis, added_finding(r), r)
        for fid, r in reviews.items()
        if r.action == "add" and r.document == analysis.document.path
    ]
    return sorted(out, key=lambda r: (r.finding.start, r.finding.end, r.finding.clause))


def _reviewed(fid: str, analysis: Analysis, f: Finding, review: FindingReview | None) -> ReviewedFinding:
    return ReviewedFinding(
        id=fid, vendor=analysis.vendor or UNNAMED, document=analysis.document.path, finding=f, review=review
    )


def apply_reviews(analyses: list[Analysis], reviews: dict[str, FindingReview]) -> list[Analysis]:
    """The analyses as legal reviewed them: dismissed findings gone, corrected values in, missed added."""
    out = []
    for analysis in analyses:
        findings = [r.finding for r in reviewed_findings(analysis, reviews) if not r.dismissed]
        found = {f.clause for f in findings}
        absent = sorted(
            {c for c in analysis.absent if c not in found} | {f.clause for f in analysis.findings} - found
        )
        out.append(analysis.model_copy(update={"findings": findings, "absent": absent}))
    return out


def locate_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` is in `text`; spaces and line breaks may differ from the extracted text."""
    words = quote.split()
    m = re.search(r"\s+".join(map(re.escape, words)), text) if words else None
    return (m.start(), m.end()) if m else None


def added_finding(review: FindingReview) -> Finding:
    """The finding legal added by quoting a clause the analysis missed."""
    return Finding(
        clause=review.clause,
        text=review.text,
        start=review.start,
        end=review.end,
        page=review.page,
        section=review.section,
        party=review.party,
        values=review.values,
        confidence=1.0,
        rule="review",
    )
