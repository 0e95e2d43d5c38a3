"""Each clause family on short passages (fixtures/passages/*.yaml): the findings a lawyer expects,
with party and values, and the clauses a careless rule would wrongly report (negations, exceptions)."""

from pathlib import Path

import pytest
import yaml

PASSAGES = Path(__file__).resolve().parents[2] / "fixtures" / "passages"
CASES = [
    pytest.param(case, id=f"{f.stem}:{case['id']}")
    for f in sorted(PASSAGES.glob("*.yaml"))
    for case in yaml.safe_load(f.read_text(encoding="utf-8"))
]


def _matches(finding, want: dict) -> bool:
    if finding.clause != want["clause"]:
        return False
    if "party" in want and finding.party != want["party"]:
        return False
    if "quote_starts" in want and not finding.text.startswith(want["quote_starts"]):
        return False
    for key, value in (want.get("values") or {}).items():
        got = finding.values.get(key)
        if isinstance(value, list):
            if not isinstance(got, list) or not set(value) <= set(got):
                return False
        elif got != value:
            return False
    return True


@pytest.mark.parametrize("case", CASES)
def test_passage(analyze, case):
    analysis = analyze(case["text"])
    for want in case.get("expect") or []:
        assert any(_matches(f, want) for f in analysis.findings), (
            f"expected {want}, got {[(f.clause, f.party, f.values, f.text[:40]) for f in analysis.findings]}"
        )
    found = {f.clause for f in analysis.findings}
    for clause in case.get("absent") or []:
        assert clause not in found, (
            f"{clause} wrongly found: {[f.text for f in analysis.findings if f.clause == clause]}"
        )


@pytest.mark.parametrize("case", CASES)
def test_quotes_are_verbatim_slices(analyze, case):
    analysis = analyze(case["text"])
    for f in analysis.findings:
        assert case["text"][f.start : f.end] == f.text
