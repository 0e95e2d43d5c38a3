"""The classifier's findings beside the rules' (settings in `clause_library/classifier.yaml`).

A unit the classifier scores high for a clause becomes a finding (rule `classifier`) with the
values and party the rules' findings get, when the rules found that clause elsewhere in the
document (score >= `propose`) or, far more rarely, when they did not (>= `absent_override`).
A clause with no finding at all but a unit scored >= `doubt` is not claimed absent: legal is
told where to look instead.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from itertools import accumulate

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
    quoted = _Quoted(findings)
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
            if quoted.covers(clause, unit):
                continue  # the rules (or a sibling) already quote this unit for the clause
            f = make(unit, clause, unit.body_start, unit.end, round(p, 2))
            if f is not None:
                added.append(f)
                quoted.add(f)
    found = present | {f.clause for f in added}
    doubted = {c: ub for c, ub in best.items() if c not in found and ub[1] >= settings.doubt}
    return added, doubted


class _Quoted:
    """The spans quoted per clause, asked whether any overlaps a unit without a scan of them all
    (a long contract has thousands of findings and of units)."""

    def __init__(self, findings: list[Finding]):
        self.spans: dict[str, list[tuple[int, int]]] = {}
        for f in findings:
            self.spans.setdefault(f.clause, []).append((f.start, f.end))
        for spans in self.spans.values():
            spans.sort()
        self.reach = {c: list(accumulate((e for _, e in s), max)) for c, s in self.spans.items()}

    def add(self, f: Finding) -> None:
        spans = self.spans.setdefault(f.clause, [])
        spans.insert(bisect.bisect(spans, (f.start, f.end)), (f.start, f.end))
        self.reach[f.clause] = list(accumulate((e for _, e in spans), max))

    def covers(self, clause: str, unit: Unit) -> bool:
        """Does a quote of `clause` overlap the unit's sentence (from its body to its end)?"""
        spans = self.spans.get(clause)
        if not spans:
            return False
        # the quotes starting before the unit ends; the furthest any of them reaches
        n = bisect.bisect_left(spans, (unit.end, -1))
        return n > 0 and self.reach[clause][n - 1] > unit.body_start
