"""Each added contract as legal reads it: findings grouped by family, judged against the playbook.

One function, `review_contracts`, so the TUI (and any other interface) shows the same
families, titles, verdicts and launch state without re-deriving them. Families and
titles come from the clause catalogue (`clause_library/clauses.yaml`); verdicts from
`Playbook.verdicts`; the launch state from the evaluation's contract gaps of the same vendor, because any
one of a vendor's documents meeting a position is enough (a DPA may improve on the main agreement).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from signoff.assess.assessment import ContractRecord, FindingReview
from signoff.assess.engine import Evaluation, Gap
from signoff.assess.playbook import Playbook, Verdict
from signoff.assess.vendors import UNNAMED, reviewed_findings
from signoff.models import Analysis, Finding, Strict

ClauseState = Literal["meets", "open_gap", "accepted_gap", "unknown"]


class ClauseReview(Strict):
    """One clause of one contract: found (with its finding) or absent."""

    clause: str = Field(description="clause id, e.g. 'incident_notice'")
    title: str = Field(description="the title legal knows it by, from the clause catalogue")
    finding: Finding | None = Field(description="null when the clause is absent from this contract")
    id: str | None = Field(None, description="the finding's stable id (`signoff review` takes it)")
    review: FindingReview | None = Field(None, description="legal's review of the finding, if any")
    verdicts: list[Verdict] = Field(
        description="this finding against each playbook position on its clause at the tier in force"
    )
    gaps: list[Gap] = Field(description="this vendor's contract gaps on this clause")
    state: ClauseState = Field(
        description="open_gap / accepted_gap: a gap on the clause is open / accepted; meets: no gap; "
        "unknown: the workspace could not be evaluated"
    )


class FamilyReview(Strict):
    family: str = Field(description="family id from the clause catalogue, e.g. 'notice'")
    title: str = Field(description="heading, e.g. 'Notice duties'")
    clauses: list[ClauseReview] = Field(description="catalogue order, then order in the contract")


class ContractReview(Strict):
    record: ContractRecord
    vendor: str | None
    families: list[FamilyReview] = Field(description="families with at least one finding, in reading order")
    absent: list[ClauseReview] = Field(description="clauses the contract does not contain")
    warnings: list[str]


def review_contracts(
    records: list[ContractRecord],
    analyses: list[Analysis],
    playbook: Playbook,
    evaluation: Evaluation | None,
    reviews: dict[str, FindingReview] | None = None,
) -> list[ContractReview]:
    """Every contract, in the order added, its findings as legal reviewed them (`reviews`); with no
    evaluation, verdicts are empty and states unknown."""
    from signoff.extract import clause_catalogue, clause_families

    catalogue = clause_catalogue()
    family_titles = clause_families()
    order = {c.id: i for i, c in enumerate(catalogue)}
    # a finding of a clause this catalogue lacks (stored by another library) shows in the last family
    last_family = list(family_titles)[-1]
    family_of = {c.id: c.family for c in catalogue}
    titles = {c.id: c.title for c in catalogue}
    ev = evaluation

    def review(
        vendor: str,
        clause: str,
        finding: Finding | None,
        fid: str | None = None,
        by: FindingReview | None = None,
    ) -> ClauseReview:
        gaps = (
            [g for g in ev.gaps if g.source == "contract" and g.ref == clause and g.vendor == vendor]
            if ev
            else []
        )
        judged = ev and finding and not (by and by.action == "dismiss")
        return ClauseReview(
            clause=clause,
            title=titles.get(clause, clause.replace("_", " ").capitalize()),
            finding=finding,
            id=fid,
            review=by,
            verdicts=playbook.verdicts(finding, ev.tier) if judged else [],
            gaps=gaps,
            state=_state(gaps) if ev else "unknown",
        )

    out = []
    for record, analysis in zip(records, analyses, strict=True):
        vendor = analysis.vendor or UNNAMED
        found = sorted(
            reviewed_findings(analysis, reviews or {}),
            key=lambda r: (order.get(r.finding.clause, len(order)), r.finding.start),
        )
        families = []
        for family, title in family_titles.items():
            clauses = [
                review(vendor, r.finding.clause, r.finding, r.id, r.review)
                for r in found
                if family_of.get(r.finding.clause, last_family) == family
            ]
            if clauses:
                families.append(FamilyReview(family=family, title=title, clauses=clauses))
        present = {r.finding.clause for r in found}
        out.append(
            ContractReview(
                record=record,
                vendor=analysis.vendor,
                families=families,
                absent=[review(vendor, c, None) for c in analysis.absent if c not in present],
                warnings=analysis.warnings,
            )
        )
    return out


def _state(gaps: list[Gap]) -> ClauseState:
    if any(g.open for g in gaps):
        return "open_gap"
    return "accepted_gap" if gaps else "meets"
