"""The contract playbook as data: per tier, the position each contract term must meet.

A position's test is a `Condition`, a small validated vocabulary over one finding's
values (`min`, `max`, `equals`, `one_of`, `includes_any`, `includes_all`, `party`,
and `any_of` for alternatives). Field names are checked against the clause catalogue
(`clause_library/clauses.yaml`, the spec's clause table), so a typo in the playbook
fails at load time instead of silently turning into a permanent gap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from signoff.assess.datafile import ID_PATTERN, DataFile, load_data_file
from signoff.assess.tiers import Severity, Tier, tier_rank
from signoff.errors import DataFileError
from signoff.models import Finding, Party, Strict
from signoff.wording import clause_fields, field_label, field_value
from signoff.yamlio import Loc, line_of


def _field_names() -> dict[str, set[str]]:
    """Value names per clause id, from the clause catalogue (the spec's table, extended there)."""
    from signoff.extract import clause_catalogue

    return {c.id: set(c.fields) for c in clause_catalogue()}


class Condition(Strict):
    """Tests on one finding; every test given must hold. Empty: the clause merely has to be present."""

    party: list[Party] | None = Field(None, description="the finding's party must be one of these")
    equals: dict[str, Any] | None = Field(None, description="value name -> required value")
    one_of: dict[str, list[Any]] | None = Field(None, description="value name -> allowed values")
    min: dict[str, float] | None = Field(None, description="value name -> smallest acceptable number")
    max: dict[str, float] | None = Field(None, description="value name -> largest acceptable number")
    includes_any: dict[str, list[str]] | None = Field(
        None, description="list value name -> at least one of these must be in it"
    )
    includes_all: dict[str, list[str]] | None = Field(
        None, description="list value name -> all of these must be in it"
    )
    mentions_none: dict[str, list[str]] | None = Field(
        None, description="text or list-of-text value name -> none of these words may appear (any case)"
    )
    any_of: list[Condition] | None = Field(None, description="alternatives: at least one must hold")

    def fields(self) -> set[str]:
        names: set[str] = set()
        tests = (
            self.equals,
            self.one_of,
            self.min,
            self.max,
            self.includes_any,
            self.includes_all,
            self.mentions_none,
        )
        for test in tests:
            names.update(test or {})
        for alt in self.any_of or []:
            names.update(alt.fields())
        return names

    def failures(self, finding: Finding) -> list[str]:
        """Why `finding` does not meet this condition, in the words of the clause catalogue
        ('notice window is 72 hours, needs at most 48 hours'); empty when it does."""
        v = finding.values
        fields = clause_fields(finding.clause)

        def label(name: str) -> str:
            return field_label(name, fields.get(name))

        def shown(name: str, value: Any) -> str:
            return field_value(value, fields.get(name))

        def some(name: str, values: list[Any], join: str = "or") -> str:
            words = [shown(name, x) for x in values]
            return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {join} {words[-1]}"

        out: list[str] = []
        if self.party is not None and finding.party not in self.party:
            out.append(f"binds {finding.party or 'no party named'}, needs {' or '.join(self.party)}")
        for name, want in (self.equals or {}).items():
            if v.get(name) != want:
                out.append(f"{label(name)} is {shown(name, v.get(name))}, needs {shown(name, want)}")
        for name, allowed in (self.one_of or {}).items():
            if v.get(name) not in allowed:
                out.append(f"{label(name)} is {shown(name, v.get(name))}, needs {some(name, allowed)}")
        for name, low in (self.min or {}).items():
            if not _is_number(v.get(name)) or v[name] < low:
                out.append(f"{label(name)} is {shown(name, v.get(name))}, needs at least {shown(name, low)}")
        for name, high in (self.max or {}).items():
            if not _is_number(v.get(name)) or v[name] > high:
                out.append(f"{label(name)} is {shown(name, v.get(name))}, needs at most {shown(name, high)}")
        for name, wanted in (self.includes_any or {}).items():
            if not set(wanted) & set(v.get(name) or []):
                out.append(f"{label(name)} is {shown(name, v.get(name) or [])}, needs {some(name, wanted)}")
        for name, wanted in (self.includes_all or {}).items():
            missing = [w for w in wanted if w not in (v.get(name) or [])]
            if missing:
                out.append(
                    f"{label(name)} is {shown(name, v.get(name) or [])}, lacks {some(name, missing, 'and')}"
                )
        for name, words in (self.mentions_none or {}).items():
            value = v.get(name)
            texts = value if isinstance(value, list) else [value] if value else []
            hits = [(w, t) for t in texts for w in words if w.lower() in str(t).lower()]
            if hits:
                out.append(f"{label(name)} mentions {hits[0][0]!r}: {hits[0][1]}")
        if self.any_of:
            alternatives = [alt.failures(finding) for alt in self.any_of]
            if all(alternatives):
                out.append(" or ".join("; ".join(a) for a in alternatives))
        return out


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


class Level(Strict):
    """The position from one tier upwards (until a higher level takes over)."""

    from_tier: Tier = Field(description="lowest tier this level applies to")
    severity: Severity = Field(description="gap severity when the contract does not meet it")
    requirement: str = Field(description="the position in plain language, e.g. 'notice within 72 hours'")
    require: Condition = Field(default_factory=Condition, description="test a finding must pass")
    when_absent: Literal["gap", "met"] = Field(
        "gap", description="'met' when a contract silent on this clause is fine (e.g. no use restrictions)"
    )


class Position(Strict):
    """What one contract term must say, per tier, and what legal should ask for when it does not."""

    id: str = Field(pattern=ID_PATTERN, description="stable id; the gap id is 'contract.<id>'")
    clause: str = Field(description="clause id from the contract-findings spec, e.g. 'incident_notice'")
    title: str
    levels: list[Level] = Field(min_length=1, description="in ascending tier order")
    recommendation: str = Field(description="plain-language ask for legal")
    fallback_wording: str = Field(description="contract wording to propose")

    def level_for(self, tier: Tier) -> Level | None:
        """The highest level whose tier is at or below `tier`; None: no position at this tier."""
        applicable = [lv for lv in self.levels if tier_rank(lv.from_tier) <= tier_rank(tier)]
        return applicable[-1] if applicable else None


class Verdict(Strict):
    """How one finding fares against one playbook position at a tier."""

    position: str = Field(description="position id; its gap id is 'contract.<position>'")
    title: str
    requirement: str
    severity: Severity = Field(description="severity of the gap if no contract meets the position")
    meets: bool
    why: list[str] = Field(default_factory=list, description="what falls short; empty when it meets")


class Playbook(DataFile):
    """Contract positions by tier."""

    positions: list[Position] = Field(min_length=1)

    def verdicts(self, finding: Finding, tier: Tier) -> list[Verdict]:
        """Every position on this finding's clause at `tier`, met or not (empty: no position applies)."""
        out = []
        for position in self.positions:
            level = position.level_for(tier) if position.clause == finding.clause else None
            if level is not None:
                why = level.require.failures(finding)
                out.append(
                    Verdict(
                        position=position.id,
                        title=position.title,
                        requirement=level.requirement,
                        severity=level.severity,
                        meets=not why,
                        why=why,
                    )
                )
        return out


def _cross_check(playbook: Playbook, source: str, lines: dict[Loc, int]) -> None:
    def fail(loc: Loc, message: str) -> None:
        raise DataFileError(f"{source}:{line_of(lines, loc)}: {'.'.join(map(str, loc))}: {message}")

    fields = _field_names()
    seen: set[str] = set()
    for p, position in enumerate(playbook.positions):
        loc: Loc = ("positions", p)
        if position.id in seen:
            fail((*loc, "id"), f"duplicate position id {position.id!r}")
        seen.add(position.id)
        if position.clause not in fields:
            fail((*loc, "clause"), f"unknown clause id {position.clause!r}; known: {', '.join(fields)}")
        ranks = [tier_rank(lv.from_tier) for lv in position.levels]
        if ranks != sorted(set(ranks)):
            fail((*loc, "levels"), "levels must be in ascending tier order, one per tier")
        for i, level in enumerate(position.levels):
            unknown = level.require.fields() - fields[position.clause]
            if unknown:
                fail(
                    (*loc, "levels", i, "require"),
                    f"{position.clause} has no value {sorted(unknown)[0]!r}; "
                    f"its values are: {', '.join(sorted(fields[position.clause])) or 'none'}",
                )


def load_playbook(path: Path | None = None) -> Playbook:
    """Load and validate a playbook; the clause library's `playbook.yaml` by default."""
    from signoff.extract.library import library_folder

    path = Path(path) if path is not None else library_folder() / "playbook.yaml"
    return load_data_file(Playbook, path, _cross_check)
