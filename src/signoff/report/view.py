"""How the readable formats order and word a report: the decision first, then the detail.

DOCX, HTML and Markdown (and PDF, made from the DOCX) lay out this one view, computed
from the report alone, so `verify` renders it again from the embedded report and every
format groups and words the same things the same way.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from signoff.report.snapshot import Citation, ContractRow, FindingRow, GapRow, Report, Snapshot, short
from signoff.wording import (
    date_text,
    decision_text,
    gap_state_text,
    quote_text,
    readable,
    role_text,
    tier_text,
)

# Topic order of the findings: what an auditor reads first.
TOPICS = ("liability", "indemnity", "notice", "exit", "data", "audit", "general")
SEVERITIES = ("blocker", "major", "minor")
CHECKLIST_GROUP = "Launch checklist"
ALL_CONTRACTS = "Every vendor contract"
# Longer value lists (acceptable use's prohibited uses) repeat the quote beside them.
VALUES_SHOWN = 160


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class DecisionView(_View):
    role: str
    person: str
    decision: str
    date: str
    note: str
    standing: str


class RiskView(_View):
    gap: str
    approver: str
    reason: str
    until: str


class GapView(_View):
    label: str
    anchor: str
    title: str
    severity: str
    state: str
    requirement: str
    problem: str
    where: str
    quote: str
    ask: str
    fallback: str
    acceptance: str


class GapGroup(_View):
    vendor: str
    gaps: list[GapView]


class FindingView(_View):
    clause: str
    quote: str
    where: str
    values: str
    verdict: str
    links: list[str]
    review: str = ""

    @property
    def verdict_line(self) -> str:
        """The verdict with the gaps it falls short into, for formats without links."""
        return self.verdict + (f" See gap {', '.join(self.links)}." if self.links else "")


class TopicGroup(_View):
    topic: str
    findings: list[FindingView]


class VendorFindings(_View):
    vendor: str
    files: list[str]
    topics: list[TopicGroup]
    absent: list[str]
    reviewed: int = 0


class DocumentView(_View):
    title: str
    status_line: str
    tier_line: str
    tier_why: list[str]
    decisions: list[DecisionView]
    outcome_owner: str
    redress: str
    feedback: str
    risks: list[RiskView]
    gap_groups: list[GapGroup]
    vendors: list[VendorFindings]
    how_to_verify: list[str]


def vendor_of(contract: ContractRow) -> str:
    """The one place that says which vendor a contract belongs to: the workspace's vendor
    (named by the analysis or by `--vendor`)."""
    return contract.vendor or f"Vendor not identified ({contract.file})"


def status_line(s: Snapshot) -> str:
    """'NOT READY: 16 blocker, 10 major and 0 minor gap(s) open, 1 accepted; 21 of 42 required ...'."""
    n = s.counts
    head = "READY" if s.ready else "NOT READY"
    if s.ready and n.accepted:
        head = "READY WITH ACCEPTED GAPS"
    return (
        f"{head}: {n.blocker} blocker, {n.major} major and {n.minor} minor gap(s) open, "
        f"{n.accepted} accepted; {n.answered} of {n.required} required checklist items answered."
    )


def where_text(c: Citation) -> str:
    """'page 7, section L.3 Limits on Liability'; the document is named by the group it is in."""
    parts = [f"page {c.page}" if c.page else "", f"section {c.section}" if c.section else ""]
    return ", ".join(p for p in parts if p) or "no page or section"


def tier_why(s: Snapshot) -> list[str]:
    """The answers that set the tier in force (not those that would set a lower one), and its notes."""
    prefix = f"{tier_text(s.tier.tier)}: "
    setting = [t.effect.removeprefix(prefix) for t in s.tier.reasons if t.effect.startswith(prefix)]
    return setting + list(s.tier.notes)


def _decisions(report: Report) -> list[DecisionView]:
    latest = {a.role: a for a in report.approvals}
    out = []
    for row in report.signoff:
        a = latest.get(row.role)
        if a is None:
            out.append(
                DecisionView(
                    role=role_text(row.role),
                    person="",
                    decision="no decision yet",
                    date="",
                    note="",
                    standing="",
                )
            )
            continue
        standing = (
            "signed, on this assessment"
            if a.current
            else (f"signed, on an earlier assessment ({short(a.fingerprint)})")
        )
        out.append(
            DecisionView(
                role=role_text(a.role),
                person=a.name,
                decision=decision_text(a.decision),
                date=date_text(a.at),
                note=a.note or "",
                standing=standing,
            )
        )
    return out


def _gap_group(g: GapRow, vendors: dict[str, str]) -> str:
    if g.source == "checklist":
        return CHECKLIST_GROUP
    if g.vendor:
        return g.vendor
    return vendors.get(g.citation.document, ALL_CONTRACTS) if g.citation else ALL_CONTRACTS


def _acceptance(g: GapRow) -> str:
    a = g.acceptance
    if a is None:
        return ""
    lapsed = " (the acceptance has expired)" if a.expired else ""
    return f"Accepted by {a.approver} until {date_text(a.until)}{lapsed}: {a.reason}"


def ordered_gaps(s: Snapshot) -> list[tuple[str, list[GapRow]]]:
    """Gaps by vendor (the checklist's last), then severity, then as the engine listed them."""
    vendors = {c.file: vendor_of(c) for c in s.contracts}
    groups: dict[str, list[GapRow]] = {}
    for g in s.gaps:
        groups.setdefault(_gap_group(g, vendors), []).append(g)
    order = sorted(k for k in groups if k not in (CHECKLIST_GROUP, ALL_CONTRACTS))
    order += [k for k in (ALL_CONTRACTS, CHECKLIST_GROUP) if k in groups]
    return [(k, sorted(groups[k], key=lambda g: SEVERITIES.index(g.severity))) for k in order]


def gap_labels(s: Snapshot) -> dict[str, str]:
    """Gap id -> 'G3', numbered in the order the document lists the gaps."""
    ids = [g.id for _, gaps in ordered_gaps(s) for g in gaps]
    return {gid: f"G{n}" for n, gid in enumerate(ids, 1)}


def _gap_view(g: GapRow, label: str) -> GapView:
    c = g.citation
    return GapView(
        label=label,
        anchor=label.lower(),
        title=g.title,
        severity=g.severity.capitalize(),
        state=gap_state_text(g.state),
        requirement=g.requirement,
        problem=g.problem,
        where=f"{c.document}, {where_text(c)}" if c else "",
        quote=quote_text(c.quote) if c else "",
        ask=g.recommendation,
        fallback=g.fallback_wording or "",
        acceptance=_acceptance(g),
    )


def _finding(f: FindingRow, labels: dict[str, str]) -> FindingView:
    values = f.values
    if len(values) > VALUES_SHOWN:
        values = values[: VALUES_SHOWN - 1].rstrip(" ,;") + "\u2026"
    return FindingView(
        clause=f.label,
        quote=quote_text(f.citation.quote),
        where=where_text(f.citation),
        values=values,
        verdict=f.verdict,
        links=[labels[g] for g in f.gaps or [] if g in labels],
        review=f.review or "",
    )


def _file_line(c: ContractRow) -> str:
    state = "" if c.status == "ok" else f", {c.status}"
    return f"{c.file} (SHA-256 {c.sha256}{state}; added {date_text(c.added_at)})"


def _vendors(s: Snapshot, labels: dict[str, str]) -> list[VendorFindings]:
    by_vendor: dict[str, list[ContractRow]] = {}
    for c in s.contracts:
        by_vendor.setdefault(vendor_of(c), []).append(c)
    out = []
    for vendor in sorted(by_vendor):
        contracts = by_vendor[vendor]
        topics = []
        present = {f.topic or "general" for c in contracts for f in c.findings}
        # A family of a company's own clause library comes after the known ones.
        for topic in [t for t in TOPICS if t in present] + sorted(present - set(TOPICS)):
            # Contract order within a topic: each file's findings are already in text order.
            rows = [
                _finding(f, labels) for c in contracts for f in c.findings if (f.topic or "general") == topic
            ]
            topics.append(TopicGroup(topic=readable(topic).capitalize(), findings=rows))
        files = [_file_line(c) for c in contracts]
        # absent from the vendor only when none of its documents has it (the DPA may hold it)
        absent = sorted(set.intersection(*(set(c.absent_labels) for c in contracts)))
        reviewed = sum(1 for c in contracts for f in c.findings if f.review)
        out.append(
            VendorFindings(vendor=vendor, files=files, topics=topics, absent=absent, reviewed=reviewed)
        )
    return out


def how_to_verify(file_name: str) -> list[str]:
    return [
        f"signoff verify {file_name} --allowed-signers ORGANISATION_ALLOWED_SIGNERS: exit 0 when this "
        "file is exactly what signoff wrote and every decision is signed by its approver.",
        f"signoff verify {file_name} --workspace DIR: also lists what changed in the workspace since.",
        "File the document signoff wrote: opened and saved again in a word processor, it no longer verifies.",
    ]


def document_view(report: Report, file_name: str) -> DocumentView:
    s = report.snapshot
    labels = gap_labels(s)
    groups = [
        GapGroup(vendor=vendor, gaps=[_gap_view(g, labels[g.id]) for g in gaps])
        for vendor, gaps in ordered_gaps(s)
    ]
    risks = [
        RiskView(
            gap=f"{labels[g.id]} {g.title}",
            approver=g.acceptance.approver,
            reason=g.acceptance.reason,
            until=date_text(g.acceptance.until) + (" (expired)" if g.acceptance.expired else ""),
        )
        for g in s.gaps
        if g.acceptance
    ]
    a = s.accountability
    return DocumentView(
        title=f"AI launch sign-off: {s.deployment}",
        status_line=status_line(s),
        tier_line=f"{tier_text(s.tier.tier).capitalize()} risk tier"
        + (
            ""
            if s.tier.tier == s.tier.derived_tier
            else f" (the answers give {tier_text(s.tier.derived_tier)})"
        ),
        tier_why=tier_why(s),
        decisions=_decisions(report),
        outcome_owner=a.outcome_owner or "not named",
        redress=a.redress or "not stated",
        feedback=a.feedback_duty or "not stated",
        risks=risks,
        gap_groups=groups,
        vendors=_vendors(s, labels),
        how_to_verify=how_to_verify(file_name),
    )
