"""Each added contract as legal reads it: findings grouped by family, judged against the playbook.

One function, `review_contracts`, so the TUI (and any other interface) shows the same
families, titles, verdicts and launch state without re-deriving them. Families and
titles come from the clause catalogue (`clause_library/clauses.yaml`); verdicts from
`Playbook.verdicts`; the launch state from the evaluation's contract gaps, because any
one contract meeting a position is enough (a DPA may improve on the main agreement).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from signoff.assess.assessment import ContractRecord
from signoff.assess.engine import Evaluation, Gap
from signoff.assess.playbook import Playbook, Verdict
from signoff.models import Analysis, Finding, Strict

ClauseState = Literal["meets", "open_gap", "accepted_gap", "unknown"]


class ClauseReview(Strict):
    """One clause of one contract: found (with its finding) or absent."""

    clause: str = Field(description="clause id, e.g. 'incident_notice'")
    title: str = Field(description="the title legal knows it by, from the clause catalogue")
    finding: Finding | None = Field(description="null when the clause is absent from this contract")
    verdicts: list[Verdict] = Field(
        description="this finding against each playbook position on its clause at the tier in force"
    )
    gaps: list[Gap] = Field(description="contract gaps on this clause, across all contracts")
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
) -> list[ContractReview]:
    """Every contract, in the order added; with no evaluation, verdicts are empty and states unknown."""
    from signoff.extract import clause_catalogue, clause_families

    catalogue = clause_catalogue()
    family_titles = clause_families()
    order = {c.id: i for i, c in enumerate(catalogue)}
    # a finding of a clause this catalogue lacks (stored by another library) shows in the last family
    last_family = list(family_titles)[-1]
    family_of = {c.id: c.family for c in catalogue}
    titles = {c.id: c.title for c in catalogue}
    ev = evaluation

    def review(clause: str, finding: Finding | None) -> ClauseReview:
        gaps = [g for g in ev.gaps if g.source == "contract" and g.ref == clause] if ev else []
        return ClauseReview(
            clause=clause,
            title=titles.get(clause, clause.replace("_", " ").capitalize()),
            finding=finding,
            verdicts=playbook.verdicts(finding, ev.tier) if ev and finding else [],
            gaps=gaps,
            state=_state(gaps) if ev else "unknown",
        )

    out = []
    for record, analysis in zip(records, analyses, strict=True):
        found = sorted(analysis.findings, key=lambda f: (order.get(f.clause, len(order)), f.start))
        families = []
        for family, title in family_titles.items():
            clauses = [review(f.clause, f) for f in found if family_of.get(f.clause, last_family) == family]
            if clauses:
                families.append(FamilyReview(family=family, title=title, clauses=clauses))
        out.append(
            ContractReview(
                record=record,
                vendor=analysis.vendor,
                families=families,
                absent=[review(c, None) for c in analysis.absent],
                warnings=analysis.warnings,
            )
        )
    return out


def _state(gaps: list[Gap]) -> ClauseState:
    if any(g.open for g in gaps):
        return "open_gap"
    return "accepted_gap" if gaps else "meets"
