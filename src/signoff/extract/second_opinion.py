"""The classifier's findings beside the rules' (settings in `clause_library/classifier.yaml`).

A unit the classifier scores high for a clause becomes a finding (rule `classifier`) with the
values and party the rules' findings get, when the rules found that clause elsewhere in the
document (score >= `propose`) or, far more rarely, when they did not (>= `absent_override`).
A clause with no finding at all but a unit scored >= `doubt` is not claimed absent: legal is
told where to look instead.
"""

from __future__ import annotations

from collections.abc import Callable

from signoff.extract.library import ClassifierSettings
from signoff.extract.segment import Unit
from signoff.models import Finding

RULE_ID = "classifier"
MakeFinding = Callable[[Unit, str, int, int, float], Finding | None]


def second_opinion(
    units: list[Unit],
    scores: list[dict[str, float]],
    findings: list[Finding],
    settings: ClassifierSettings,
    make: MakeFinding,
    vetoed: set[tuple[str, int]] = frozenset(),
) -> tuple[list[Finding], dict[str, tuple[Unit, float]]]:
    """(the findings to add, {clause: (best unit, score)} for clauses only doubted).

    `vetoed` holds (clause, unit start) pairs a rule looked at and turned down ("This Note shall
    be governed by ..." is no governing law of the contract): the classifier, which reads words
    and not such distinctions, does not overrule it there."""
    present = {f.clause for f in findings}
    added: list[Finding] = []
    best: dict[str, tuple[Unit, float]] = {}
    for unit, unit_scores in zip(units, scores, strict=True):
        for clause, p in unit_scores.items():
            if (clause, unit.start) in vetoed:
                continue
            if p > best.get(clause, (unit, -1.0))[1]:
                best[clause] = (unit, p)
            if p < (settings.propose if clause in present else settings.absent_override):
                continue
            if any(_quotes(f, clause, unit) for f in findings + added):
                continue  # the rules (or a sibling) already quote this unit for the clause
            f = make(unit, clause, unit.body_start, unit.end, round(p, 2))
            if f is not None:
                added.append(f)
    found = present | {f.clause for f in added}
    doubted = {c: ub for c, ub in best.items() if c not in found and ub[1] >= settings.doubt}
    return added, doubted


def _quotes(f: Finding, clause: str, unit: Unit) -> bool:
    return f.clause == clause and f.start < unit.end and unit.body_start < f.end
