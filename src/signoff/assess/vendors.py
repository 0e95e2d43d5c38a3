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


def apply_reviews(analyses: list[Analysis], reviews: dict[str, FindingReview]) -> list[Analysis]:
    """The analyses as legal reviewed them: dismissed findings gone, corrected values in, missed added."""
    out = []
    for analysis in analyses:
        findings = []
        for f in analysis.findings:
            review = reviews.get(id_of(analysis, f))
            if review is None or review.action == "confirm":
                findings.append(f)
            elif review.action == "set":
                findings.append(f.model_copy(update={"values": {**f.values, **review.values}}))
        findings += [
            added_finding(r)
            for r in reviews.values()
            if r.action == "add" and r.document == analysis.document.path
        ]
        found = {f.clause for f in findings}
        absent = sorted(
            {c for c in analysis.absent if c not in found}
            | {f.clause for f in analysis.findings if f.clause not in found}
        )
        out.append(analysis.model_copy(update={"findings": findings, "absent": absent}))
    return out


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
