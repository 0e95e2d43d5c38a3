"""benchmarks/eval.py (`make eval`): the target table, and its behaviour without ../shared."""

import importlib.util
from pathlib import Path

import pytest

from signoff.evaluate import read_labels, score_cuad

from .helpers import finding, record, span, write_cuad

EVAL_PY = Path(__file__).resolve().parents[2] / "benchmarks" / "eval.py"


@pytest.fixture(scope="module")
def make_eval():
    spec = importlib.util.spec_from_file_location("make_eval", EVAL_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_absent_shared_is_said_and_exits_0(make_eval, tmp_path, capsys):
    assert make_eval.main(["--shared", str(tmp_path / "nowhere")]) == 0
    assert "is absent" in capsys.readouterr().out


def test_target_rows_compare_with_the_baseline_and_the_bars(make_eval, tmp_path):
    text = "Governed by the laws of Ireland. Vendor shall carry insurance.\n"
    law = span(text, "Governed by the laws of Ireland.")
    cuad = write_cuad(tmp_path, {"a.txt": (text, {"Governing Law": ("Ireland", [law])})})
    labels = read_labels(cuad / "labels.jsonl")
    ours = score_cuad(
        [record("a.txt", finding("governing_law", law["text"], jurisdiction="Ireland"))],
        labels,
        cuad / "contracts",
    )
    base = score_cuad(
        [record("a.txt", finding("insurance", "Vendor shall carry insurance."))], labels, cuad / "contracts"
    )
    rows = {r.name: r for r in make_eval.cuad_rows(ours, base)}
    assert rows["CUAD Governing Law"].ok is True
    assert rows["CUAD Insurance"].ok is False  # equal (zero) doc F1 does not beat the baseline
    assert rows["CUAD Insurance"].line().endswith("FAIL (docF1)")
    assert rows["CUAD value accuracy: governing law"].ok is True
    assert rows["CUAD value accuracy: renewal notice days"].ok is False
    assert rows["CUAD mean doc F1"].ok is False  # 1 of 8 categories right: 0.125
    assert all(" PASS" in r.line() or " FAIL" in r.line() for r in rows.values())
