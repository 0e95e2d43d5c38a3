"""The one judgement: tier, gaps and launch status from answers, contract findings and data.

Blocker and major gaps block launch until fixed; a major or minor gap may instead be
accepted by a named approver until a date, after which it reopens. Minor gaps never
block. `evaluate_assessment` is pure (no disk), so the report and tests can call it
with any inputs; `evaluate(ws)` reads a workspace.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from signoff.assess.answers import (
    AnswerError,
    Person,
    is_placeholder,
    parse_answer,
    person_name_problem,
)
from signoff.assess.assessment import Acceptance, Assessment
from signoff.assess.checklist import Checklist, Item, TierReason
from signoff.assess.playbook import Playbook, Position
from signoff.assess.tiers import SEVERITIES, Severity, Tier, applies, tier_rank
from signoff.assess.vendors import UNNAMED, VendorGroup, apply_reviews, by_vendor
from signoff.assess.workspace import Workspace
from signoff.clock import today as clock_today
from signoff.durations import parse_duration
from signoff.errors import UnknownNameError
from signoff.models import Analysis, Finding, Strict
from signoff.wording import date_text, duration_text, options_text, show, tier_text

Status = Literal["ready", "blocked", "ready_with_accepted_gaps"]


class GapAcceptance(Strict):
    approver: str
    reason: str
    until: date
    expired: bool = Field(description="the date has passed: the gap is open again")


class Gap(Strict):
    """Something the launch needs and does not have."""

    id: str = Field(description="stable id: 'checklist.<item>' or 'contract.<position>'")
    severity: Severity
    source: Literal["checklist", "contract"]
    ref: str = Field(description="checklist item id or contract clause id")
    title: str
    requirement: str = Field(description="what the tier requires, in plain language")
    problem: str = Field(
        description="what is wrong, e.g. 'not answered', 'window_hours is 72, needs at most 48'"
    )
    found: str | None = Field(description="the answer or contract quote found; null when nothing was found")
    citation: Finding | None = Field(None, description="the contract finding (page, section, quote)")
    document: str | None = Field(
        None, description="contract file the citation comes from (the vendor's first, when none is cited)"
    )
    vendor: str | None = Field(
        None, description="the vendor whose contracts fall short; null for checklist gaps"
    )
    recommendation: str
    fallback_wording: str | None = None
    acceptance: GapAcceptance | None = None
    open: bool = Field(description="false while accepted and not expired")

    @property
    def blocking(self) -> bool:
        return self.open and self.severity in ("blocker", "major")

    @property
    def acceptable(self) -> bool:
        """A named approver may accept it until a date; a blocker must be fixed instead."""
        return self.severity != "blocker"

    @property
    def why_not_acceptable(self) -> str | None:
        """Why accepting this gap is refused, in one line; None when it may be accepted."""
        return None if self.acceptable else f"{self.id} is a blocker: it must be fixed, it cannot be accepted"


class ItemStatus(Strict):
    """One checklist item as the TUI shows it."""

    id: str
    prompt: str
    type: str
    required: bool = Field(description="required at the current tier")
    answered: bool
    gap: str | None = Field(None, description="id of this item's gap, if any")


class SectionStatus(Strict):
    id: str
    title: str
    required: int
    answered: int = Field(description="required items answered")
    complete: bool = Field(description="no item of the section has a gap")
    items: list[ItemStatus]


class VendorStatus(Strict):
    """One vendor: its documents, its contract gaps, and how many of its findings legal reviewed."""

    name: str
    key: str = Field(description="the suffix of this vendor's gap ids (none for the first vendor)")
    documents: list[str] = Field(description="its contract files, in the order added")
    gaps: list[str] = Field(description="ids of its contract gaps, open or accepted")
    open_gaps: int
    reviewed: int = Field(description="findings in its documents legal reviewed (any action)")


class Evaluation(Strict):
    """Everything the CLI, TUI and sign-off document show about readiness."""

    deployment: str
    tier: Tier = Field(description="the tier in force: derived, or set by hand")
    derived_tier: Tier
    tier_known: bool = Field(description="false while an answer the tier depends on is missing")
    tier_reasons: list[TierReason]
    tier_note: str | None = Field(None, description="how a hand-set tier was applied or why it was ignored")
    status: Status
    gaps: list[Gap]
    vendors: list[VendorStatus] = Field(description="the vendors whose contracts were judged")
    answered: int = Field(description="required items answered")
    required: int = Field(description="items required at this tier")
    outcome_owner: Person | None
    counts: dict[str, int] = Field(description="open gaps by severity")
    accepted: int = Field(description="gaps accepted and not expired")
    sections: list[SectionStatus]
    checklist_version: str
    checklist_sha256: str
    playbook_version: str
    playbook_sha256: str

    @property
    def blocking(self) -> list[Gap]:
        return [g for g in self.gaps if g.blocking]

    @property
    def deciding_reasons(self) -> list[TierReason]:
        """The answers that set the derived tier; rules for lower tiers are true but beside the point."""
        return [r for r in self.tier_reasons if r.tier == self.derived_tier] or self.tier_reasons


def evaluate(ws: Workspace, today: date | None = None) -> Evaluation:
    """Evaluate a workspace as it is in memory (call `ws.reload()` first to see others' changes)."""
    return evaluate_assessment(
        ws.assessment, ws.checklist(), ws.playbook(), ws.analyses(), today, ws.evidence_problems()
    )


def evaluate_assessment(
    assessment: Assessment,
    checklist: Checklist,
    playbook: Playbook,
    analyses: list[Analysis],
    today: date | None = None,
    evidence_problems: dict[str, str] | None = None,
) -> Evaluation:
    """Evaluate given inputs; `evidence_problems` (item id -> problem) comes from the workspace's files."""
    today = today or clock_today()
    evidence_problems = evidence_problems or {}
    values = {k: a.value for k, a in assessment.answers.items()}
    derivation = checklist.derive_tier(values)
    tier, note = _tier_in_force(assessment, derivation.tier)
    gaps = [
        g
        for item in checklist.items()
        if (g := _item_gap(item, assessment, tier, today, evidence_problems.get(item.id)))
    ]
    gaps += _contract_gaps(playbook, apply_reviews(analyses, assessment.reviews), tier)
    for gap in gaps:
        _apply_acceptance(gap, assessment, today)
    gaps.sort(key=lambda g: (not g.open, SEVERITIES.index(g.severity), g.source != "checklist"))
    by_id = {g.id: g for g in gaps}
    sections = [_section_status(s.id, s.title, s.items, assessment, tier, by_id) for s in checklist.sections]
    owner_item = checklist.by_role("outcome_owner")
    owner = values.get(owner_item.id) if owner_item else None
    return Evaluation(
        deployment=assessment.deployment,
        tier=tier,
        derived_tier=derivation.tier,
        tier_known=derivation.known,
        tier_reasons=derivation.reasons,
        tier_note=note,
        status=_status(gaps),
        gaps=gaps,
        vendors=_vendors(analyses, assessment, gaps),
        answered=sum(s.answered for s in sections),
        required=sum(s.required for s in sections),
        outcome_owner=Person(**owner) if isinstance(owner, dict) else None,
        counts={sev: sum(1 for g in gaps if g.open and g.severity == sev) for sev in SEVERITIES},
        accepted=sum(1 for g in gaps if not g.open),
        sections=sections,
        checklist_version=checklist.version,
        checklist_sha256=checklist.sha256,
        playbook_version=playbook.version,
        playbook_sha256=playbook.sha256,
    )


def _tier_in_force(assessment: Assessment, derived: Tier) -> tuple[Tier, str | None]:
    override = assessment.tier_override
    if override is None:
        return derived, None
    if tier_rank(override.tier) >= tier_rank(derived):
        return (
            override.tier,
            f"raised to {tier_text(override.tier)} by {override.set_by}"
            if override.tier != derived
            else None,
        )
    if tier_rank(derived) > tier_rank(override.derived_tier):
        # Answers changed since the tier was lowered: that decision was about a lesser risk.
        return derived, (
            f"lowering to {tier_text(override.tier)} (approved by {override.approver}) no longer applies: "
            f"answers now derive {tier_text(derived)}; set the tier again if it still should"
        )
    return (
        override.tier,
        f"lowered from {tier_text(derived)} to {tier_text(override.tier)}, "
        f"approved by {override.approver}: {override.reason}",
    )


def _status(gaps: list[Gap]) -> Status:
    if any(g.blocking for g in gaps):
        return "blocked"
    if any(not g.open for g in gaps):
        return "ready_with_accepted_gaps"
    return "ready"


def _item_gap(
    item: Item, assessment: Assessment, tier: Tier, today: date, evidence_problem: str | None
) -> Gap | None:
    if not applies(item.required_from, tier):
        return None
    answer = assessment.answers.get(item.id)
    problem = None
    if answer is None:
        problem = "not answered"
    elif stale := _no_longer_fits(item, answer.value):
        problem = f"the saved answer no longer fits this item ({stale}); answer it again"
    elif item.type == "attestation" and answer.value is not True:
        problem = "answered no"
    elif item.must_include and (left := [v for v in item.must_include if v not in answer.value]):
        problem = f"does not include: {options_text(item, left)}"
    elif item.max_duration and (parse_duration(str(answer.value)) or 0) > (
        parse_duration(item.max_duration) or 0
    ):
        problem = (
            f"{duration_text(answer.value)} is longer than the {duration_text(item.max_duration)} allowed"
        )
    elif item.max_age_days and (today - date.fromisoformat(str(answer.value))).days > item.max_age_days:
        problem = f"{date_text(answer.value)} is more than {item.max_age_days} days ago; repeat it"
    elif applies(item.evidence_from, tier) and answer.evidence is None:
        problem = f"no evidence attached (required from the {tier_text(item.evidence_from)} tier)"
    elif evidence_problem:
        problem = evidence_problem
    if problem is None:
        return None
    return Gap(
        id=f"checklist.{item.id}",
        severity=item.severity,
        source="checklist",
        ref=item.id,
        title=item.prompt,
        requirement=_item_requirement(item),
        problem=problem,
        found=show(answer.value, item) if answer else None,
        recommendation=_item_recommendation(item),
        open=True,
    )


def _item_recommendation(item: Item) -> str:
    text = item.help or f"Answer: {item.prompt}"
    return text + (f" Example: {item.example}" if item.example else "")


def _no_longer_fits(item: Item, value: Any) -> str | None:
    """Why a saved value fails the item as it is now (a company checklist was edited); None if it fits."""
    if item.type == "evidence":
        return None  # evidence files are checked by the workspace (`evidence_problems`)
    try:
        # date.max: a date that was in the past when answered stays acceptable (past_only).
        parse_answer(item, value, Path("."), date.max)
    except AnswerError as e:
        return e.message.removeprefix(f"{item.id}: ")
    return None


def _item_requirement(item: Item) -> str:
    parts = [f"answer required from the {tier_text(item.required_from)} tier"]
    if item.type == "attestation":
        parts.append("attested yes")
    if item.must_include:
        parts.append(f"includes {options_text(item, item.must_include)}")
    if item.max_duration:
        parts.append(f"at most {duration_text(item.max_duration)}")
    if item.max_age_days:
        parts.append(f"within the last {item.max_age_days} days")
    if item.evidence_from:
        parts.append(f"evidence from the {tier_text(item.evidence_from)} tier")
    return "; ".join(parts)


def _contract_gaps(playbook: Playbook, analyses: list[Analysis], tier: Tier) -> list[Gap]:
    if not analyses:
        return [
            Gap(
                id="contract.none",
                severity="blocker",
                source="contract",
                ref="contract",
                title="Vendor contract",
                requirement="the vendor contract is reviewed against the playbook",
                problem="no contract added",
                found=None,
                recommendation="Add the vendor's contract (and DPA): `signoff add-contract DIR FILE`.",
                open=True,
            )
        ]
    groups = by_vendor(analyses)
    # The first vendor keeps the ids gaps had before vendors were told apart, so acceptances recorded
    # then still match; every later vendor's gap ids carry its key.
    return [
        gap
        for i, group in enumerate(groups)
        for position in playbook.positions
        if (gap := _vendor_gap(position, group, tier, "" if i == 0 else f".{group.key}"))
    ]


def _vendor_gap(position: Position, group: VendorGroup, tier: Tier, suffix: str) -> Gap | None:
    """The gap of one vendor on one position, judged over that vendor's documents only."""
    level = position.level_for(tier)
    if level is None:
        return None
    candidates = [
        (a.document.path, f) for a in group.analyses for f in a.findings if f.clause == position.clause
    ]
    if not candidates and level.when_absent == "met":
        return None
    # Any finding meeting the position is enough: a DPA may improve on the main agreement.
    failing = [(doc, f, level.require.failures(f)) for doc, f in candidates]
    if candidates and any(not why for _, _, why in failing):
        return None
    doc, finding, why = failing[0] if failing else (group.documents[0], None, None)
    return Gap(
        id=f"contract.{position.id}{suffix}",
        severity=level.severity,
        source="contract",
        ref=position.clause,
        title=position.title,
        requirement=level.requirement,
        problem="; ".join(why)
        if why
        else f"no {position.clause.replace('_', ' ')} clause found in the contracts{_of(group)}",
        found=finding.text if finding else None,
        citation=finding,
        document=doc,
        vendor=group.name,
        recommendation=position.recommendation,
        fallback_wording=position.fallback_wording,
        open=True,
    )


def _vendors(analyses: list[Analysis], assessment: Assessment, gaps: list[Gap]) -> list[VendorStatus]:
    out = []
    for group in by_vendor(analyses):
        own = [g for g in gaps if g.source == "contract" and g.document in group.documents]
        out.append(
            VendorStatus(
                name=group.name,
                key=group.key,
                documents=group.documents,
                gaps=[g.id for g in own],
                open_gaps=sum(g.open for g in own),
                reviewed=sum(r.document in group.documents for r in assessment.reviews.values()),
            )
        )
    return out


def _of(group: VendorGroup) -> str:
    return "" if group.name == UNNAMED else f" of {group.name}"


def _apply_acceptance(gap: Gap, assessment: Assessment, today: date) -> None:
    acc = assessment.acceptances.get(gap.id)
    if acc is None:
        return
    expired = acc.until < today
    gap.acceptance = GapAcceptance(approver=acc.approver, reason=acc.reason, until=acc.until, expired=expired)
    # An acceptance never covers a blocker, even if the gap became one after it was accepted.
    gap.open = expired or not gap.acceptable


def _section_status(
    sid: str, title: str, items: list[Item], assessment: Assessment, tier: Tier, gaps: dict[str, Gap]
) -> SectionStatus:
    rows = [
        ItemStatus(
            id=i.id,
            prompt=i.prompt,
            type=i.type,
            required=applies(i.required_from, tier),
            answered=i.id in assessment.answers,
            gap=f"checklist.{i.id}" if f"checklist.{i.id}" in gaps else None,
        )
        for i in items
    ]
    return SectionStatus(
        id=sid,
        title=title,
        required=sum(r.required for r in rows),
        answered=sum(r.required and r.answered for r in rows),
        complete=not any(r.gap and gaps[r.gap].open for r in rows),
        items=rows,
    )


def acceptance_problem(gap: Gap, approver: str, reason: str, until: date, today: date) -> AnswerError | None:
    """Why this acceptance is not allowed (a blocker, no named person, no reason, a past date), or None."""
    if why := gap.why_not_acceptable:
        return AnswerError(why)
    if problem := person_name_problem(approver):
        return AnswerError(f"approver {problem}; name the one person who accepts this risk", field="approver")
    if not reason.strip() or is_placeholder(reason):
        return AnswerError("give the reason this gap is acceptable", field="reason")
    if until <= today:
        return AnswerError(
            f"the end date {date_text(until)} is not in the future; acceptances must expire later",
            field="until",
        )
    return None


def accept_gap(
    ws: Workspace, gap_id: str, approver: str, reason: str, until: date, actor: str, today: date | None = None
) -> Acceptance:
    """Accept an open major or minor gap until a date (blockers must be fixed, not accepted)."""
    today = today or clock_today()
    gaps = evaluate(ws, today).gaps
    gap = next((g for g in gaps if g.id == gap_id), None)
    if gap is None:
        raise UnknownNameError(f"no gap {gap_id!r} in {ws.dir}", gap_id, (g.id for g in gaps))
    if problem := acceptance_problem(gap, approver, reason, until, today):
        raise problem
    return ws.record_acceptance(gap_id, approver, reason, until, actor)
