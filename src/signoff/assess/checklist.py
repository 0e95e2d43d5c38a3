"""The launch checklist as data: sections of items a product owner answers, and tier rules.

The YAML (`checklists/launch.yaml`, or a company's own) is validated twice: pydantic
checks each field, then `_cross_check` checks what spans fields (unique ids, rules that
point at real items and choices), each error naming the file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field, model_validator

from signoff.assess.datafile import ID_PATTERN, DataFile, load_data_file
from signoff.assess.tiers import Severity, Tier, tier_rank
from signoff.durations import parse_duration
from signoff.errors import DataFileError, UnknownNameError
from signoff.models import Strict
from signoff.resources import data_dir
from signoff.yamlio import Loc, line_of

AnswerType = Literal[
    "person", "text", "choice", "multi_choice", "duration", "date", "number", "attestation", "evidence"
]

# The parts the engine and the sign-off document treat specially, whatever a checklist calls
# the item that plays them: the accountability section is built from these.
Role = Literal[
    "outcome_owner",
    "owner_redress_authority",
    "owner_feedback_duty",
    "redress_channel",
    "redress_remedy",
    "redress_time",
    "redress_reviewer",
]
# Every checklist names these, so no sign-off document lacks an owner, a redress path or the
# duty to learn from each case.
REQUIRED_ROLES: dict[Role, str] = {
    "outcome_owner": "person",
    "owner_feedback_duty": "attestation",
    "redress_channel": "text",
}
M = TypeVar("M", bound=BaseModel)


class Choice(Strict):
    """One option of a choice or multi-choice item."""

    value: str = Field(pattern=ID_PATTERN, description="stored answer value, e.g. 'password_reset'")
    label: str = Field(description="what the user sees, e.g. 'Password reset'")
    exclusive: bool = Field(False, description="cannot be combined with other options (e.g. 'none')")


class FrameworkRefs(Strict):
    """Identifiers of the framework controls an item serves (identifiers only, no text)."""

    nist_ai_rmf: list[str] = Field(default_factory=list, description="e.g. 'GOVERN 2.1', 'MANAGE 4.3'")
    iso_42001: list[str] = Field(default_factory=list, description="ISO/IEC 42001 Annex A, e.g. 'A.6.2.8'")
    eu_ai_act: list[str] = Field(default_factory=list, description="EU AI Act articles, e.g. '26(5)'")


class Item(Strict):
    """One question of the checklist."""

    id: str = Field(pattern=ID_PATTERN, description="stable id used in answers, gaps and the CLI")
    prompt: str = Field(description="the question as asked")
    help: str = Field("", description="why it matters and what a good answer looks like")
    type: AnswerType = Field(description="answer type; decides how an answer is validated")
    example: str | None = Field(None, description="an example answer shown in help and error messages")
    choices: list[Choice] = Field(
        default_factory=list, description="options of choice and multi_choice items"
    )
    required_from: Tier | None = Field(
        "low", description="lowest tier at which the item must be answered; null: never required"
    )
    severity: Severity = Field("blocker", description="severity of the gap when required and not met")
    evidence_from: Tier | None = Field(
        None, description="lowest tier at which the answer must carry evidence (a file or URL)"
    )
    must_include: list[str] = Field(
        default_factory=list, description="multi_choice items: options an answer must select, else a gap"
    )
    min: float | None = Field(None, description="number items: smallest valid value")
    max: float | None = Field(None, description="number items: largest valid value")
    max_duration: str | None = Field(None, description="duration items: longer answers are a gap, e.g. '15m'")
    max_age_days: int | None = Field(
        None, ge=1, description="date items: dates older than this many days are a gap (stale drill)"
    )
    past_only: bool = Field(False, description="date items: reject dates in the future")
    refs: FrameworkRefs = Field(default_factory=FrameworkRefs, description="framework controls served")
    role: Role | None = Field(
        None,
        description="the part this item plays in the accountability section (outcome_owner, redress_channel, "
        "…); each role is played by at most one item",
    )

    def choice_values(self) -> list[str]:
        return [c.value for c in self.choices]


class Section(Strict):
    """A group of items shown together (a TUI screen section, a report chapter)."""

    id: str = Field(pattern=ID_PATTERN)
    title: str
    help: str = ""
    items: list[Item] = Field(min_length=1)


class TierRule(Strict):
    """An answer that sets a minimum tier: the derived tier is the highest any rule triggers."""

    id: str = Field(pattern=ID_PATTERN)
    item: str = Field(description="id of the item whose answer is tested")
    any_of: list[str | bool] | None = Field(
        None, description="triggers when the answer (or any selected option) is one of these"
    )
    min: float | None = Field(None, description="number items: triggers when the answer is at least this")
    tier: Tier = Field(description="tier this rule triggers")
    reason: str = Field(description="plain-language reason shown with the tier")

    @model_validator(mode="after")
    def _one_test(self) -> TierRule:
        if (self.any_of is None) == (self.min is None):
            raise ValueError("give exactly one of 'any_of' or 'min'")
        return self


class TierReason(Strict):
    """A tier rule that an answer triggered."""

    rule: str
    item: str
    tier: Tier
    reason: str


class TierDerivation(Strict):
    """The tier the answers imply, why, and whether every answer it depends on is in."""

    tier: Tier = Field(description="highest tier any answer triggers; 'low' when none does")
    reasons: list[TierReason] = Field(
        default_factory=list, description="the rules that set it, highest first"
    )
    known: bool = Field(description="false while an item the tier depends on is unanswered")
    missing: list[str] = Field(default_factory=list, description="unanswered items the tier depends on")


class Checklist(DataFile):
    """The launch checklist: sections, items, and the rules that derive the risk tier."""

    sections: list[Section] = Field(min_length=1)
    tier_rules: list[TierRule] = Field(default_factory=list)

    def items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.items

    def item(self, item_id: str) -> Item:
        for item in self.items():
            if item.id == item_id:
                return item
        raise UnknownNameError(f"unknown checklist item {item_id!r}", item_id, (i.id for i in self.items()))

    def by_role(self, role: Role) -> Item | None:
        """The item that plays `role`; None only for an optional role the checklist leaves out."""
        return next((item for item in self.items() if item.role == role), None)

    def tier_items(self) -> list[str]:
        """Items the tier depends on: until all are answered the tier is not known."""
        return list(dict.fromkeys(rule.item for rule in self.tier_rules))

    def derive_tier(self, values: Mapping[str, Any]) -> TierDerivation:
        """Tier from answer values (item id -> stored value): the highest tier any rule triggers."""
        fired = [
            rule for rule in self.tier_rules if rule.item in values and _triggers(rule, values[rule.item])
        ]
        fired.sort(key=lambda r: tier_rank(r.tier), reverse=True)
        top = fired[0].tier if fired else "low"
        missing = [i for i in self.tier_items() if i not in values]
        return TierDerivation(
            tier=top,
            reasons=[TierReason(rule=r.id, item=r.item, tier=r.tier, reason=r.reason) for r in fired],
            known=not missing,
            missing=missing,
        )


def _triggers(rule: TierRule, value: Any) -> bool:
    if rule.min is not None:
        return isinstance(value, int | float) and not isinstance(value, bool) and value >= rule.min
    selected = value if isinstance(value, list) else [value]
    return any(v in (rule.any_of or []) for v in selected)


def _cross_check(checklist: Checklist, source: str, lines: dict[Loc, int]) -> None:
    def fail(loc: Loc, message: str) -> None:
        line = line_of(lines, loc)
        raise DataFileError(f"{source}:{line}: {'.'.join(map(str, loc))}: {message}")

    items: dict[str, Item] = {}
    for s, section in enumerate(checklist.sections):
        for i, item in enumerate(section.items):
            loc: Loc = ("sections", s, "items", i)
            if item.id in items:
                fail((*loc, "id"), f"duplicate item id {item.id!r}")
            items[item.id] = item
            needs_choices = item.type in ("choice", "multi_choice")
            if needs_choices != bool(item.choices):
                fail(
                    (*loc, "choices"),
                    f"'choices' is {'required' if needs_choices else 'only allowed'} "
                    f"for choice and multi_choice items",
                )
            values = item.choice_values()
            if len(set(values)) != len(values):
                fail((*loc, "choices"), "choice values must be unique")
            missing = [v for v in item.must_include if v not in values]
            if missing:
                fail((*loc, "must_include"), f"{missing[0]!r} is not one of the item's choices")
            if item.max_duration is not None and (
                item.type != "duration" or parse_duration(item.max_duration) is None
            ):
                fail((*loc, "max_duration"), "only for duration items, written like '15m', '4h', '2d'")
            if item.max_age_days is not None and item.type != "date":
                fail((*loc, "max_age_days"), "only for date items")
    for r, rule in enumerate(checklist.tier_rules):
        loc = ("tier_rules", r)
        if rule.item not in items:
            fail((*loc, "item"), f"no checklist item {rule.item!r}")
        target = items[rule.item]
        if rule.any_of is not None and target.choices:
            unknown = [v for v in rule.any_of if v not in target.choice_values()]
            if unknown:
                fail((*loc, "any_of"), f"{unknown[0]!r} is not an option of item {rule.item!r}")
    _check_roles(checklist, fail)


def _check_roles(checklist: Checklist, fail: Callable[[Loc, str], None]) -> None:
    played: dict[str, str] = {}
    for s, section in enumerate(checklist.sections):
        for i, item in enumerate(section.items):
            if item.role is None:
                continue
            loc: Loc = ("sections", s, "items", i, "role")
            if item.role in played:
                fail(loc, f"role {item.role!r} is already played by item {played[item.role]!r}")
            if REQUIRED_ROLES.get(item.role, item.type) != item.type:
                fail(loc, f"the {item.role} item must be a {REQUIRED_ROLES[item.role]} item, not {item.type}")
            played[item.role] = item.id
    missing = [role for role in REQUIRED_ROLES if role not in played]
    if missing:
        fail(
            ("sections",),
            f"no item plays the role {missing[0]!r}: mark one with `role: {missing[0]}` "
            f"(every checklist names {', '.join(REQUIRED_ROLES)})",
        )


def load_checklist(path: Path | None = None) -> Checklist:
    """Load and validate a checklist; the bundled `checklists/launch.yaml` by default."""
    path = Path(path) if path is not None else data_dir("checklists") / "launch.yaml"
    return load_data_file(Checklist, path, _cross_check)
