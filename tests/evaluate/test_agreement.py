"""Our scorers against the reference scripts in ../shared/tools, on the keyword baseline."""

import subprocess
import sys

import pytest

from signoff.evaluate import read_gold, read_labels, read_predictions, score_cuad, score_gold
from signoff.evaluate.agreement import cuad_differences, differences, gold_differences


@pytest.mark.parametrize(
    ("ours", "theirs", "found"),
    [
        ({"a": 0.5, "extra": 1}, {"a": 0.5 + 1e-12}, []),
        ({"a": {"b": 0.5}}, {"a": {"b": 0.6}}, ["a.b: ours 0.5, reference 0.6"]),
        ({"a": 1}, {"a": 1, "b": None}, ["b: missing from ours"]),
        ({"v": None}, {"v": 0.0}, ["v: ours None, reference 0.0"]),
    ],
    ids=["equal-within-tolerance", "different-number", "missing-key", "none-vs-zero"],
)
def test_differences_reports_every_disagreement(ours, theirs, found):
    assert differences(ours, theirs) == found


def baseline(shared, folder, out):
    script = shared / "tools" / "baseline_keywords.py"
    out.write_text(
        subprocess.run(
            [sys.executable, str(script), str(folder)], check=True, capture_output=True, text=True
        ).stdout,
        encoding="utf-8",
    )
    return out


@pytest.mark.shared
def test_cuad_scores_agree_with_reference(shared_dir, tmp_path):
    cuad = shared_dir / "corpus" / "cuad"
    pred = baseline(shared_dir, cuad / "contracts", tmp_path / "pred.jsonl")
    ours = score_cuad(read_predictions(pred), read_labels(cuad / "labels.jsonl"), cuad / "contracts")
    assert ours.summary.docs == 301
    assert (
        cuad_differences(
            ours, shared_dir / "tools" / "cuad_score.py", pred, cuad / "labels.jsonl", cuad / "contracts"
        )
        == []
    )


@pytest.mark.shared
def test_gold_scores_agree_with_reference(shared_dir, tmp_path):
    terms = shared_dir / "corpus" / "ai-terms"
    pred = baseline(shared_dir, terms / "docs", tmp_path / "pred.jsonl")
    ours = score_gold(read_predictions(pred), read_gold(terms / "gold"), terms / "docs")
    assert ours.summary.gold > 0
    assert (
        gold_differences(ours, shared_dir / "tools" / "gold_score.py", pred, terms / "gold", terms / "docs")
        == []
    )
