"""`signoff eval` as a user runs it: exit codes, one-line errors, tables and files written."""

import json
import sys

import pytest

from signoff import cli
from signoff.evaluate import twins

from .helpers import CAP_QUOTE, finding, record, write_cuad, write_gold, write_jsonl

TEXT = "The Vendor shall carry insurance. This Agreement is governed by the laws of Ireland.\n"


def run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["signoff", "eval", *map(str, args)])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    out, err = capsys.readouterr()
    return exc.value.code or 0, out, err


@pytest.fixture
def cuad(tmp_path):
    i = TEXT.index("This Agreement")
    spans = [{"text": TEXT[i:], "start": i, "end": len(TEXT) - 1}]
    return write_cuad(tmp_path / "cuad", {"a.txt": (TEXT, {"Governing Law": ("Ireland", spans)})})


@pytest.fixture
def pred(tmp_path):
    law = finding("governing_law", "governed by the laws of Ireland.", jurisdiction="Ireland")
    return write_jsonl(tmp_path / "pred.jsonl", [record("contracts/a.txt", law)])


def test_cuad_scores_a_predictions_file(monkeypatch, capsys, cuad, pred, tmp_path):
    code, out, err = run(monkeypatch, capsys, "cuad", cuad, "--pred", pred, "--json", tmp_path / "s.json")
    assert code == 0, err
    assert "Governing Law" in out and "mean doc F1 0.125" in out
    scores = json.loads((tmp_path / "s.json").read_text())
    assert scores["categories"]["Governing Law"]["value_acc"] == 1.0
    assert scores["summary"]["docs"] == 1


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("no-labels", "labels.jsonl: labels file not found"),
        ("no-contract", "a.txt: labelled contract not found"),
        ("other-docs", "pred.jsonl: none of its 1 documents is a labelled contract"),
        ("save-with-pred", "--save-pred saves the predictions analyze makes"),
        ("not-a-folder", "not a folder"),
    ],
    ids=["no-labels", "no-contract", "other-docs", "save-with-pred", "not-a-folder"],
)
def test_cuad_bad_input(monkeypatch, capsys, cuad, pred, tmp_path, setup, message):
    args = ["cuad", cuad, "--pred", pred]
    if setup == "no-labels":
        (cuad / "labels.jsonl").unlink()
    elif setup == "no-contract":
        (cuad / "contracts" / "a.txt").unlink()
    elif setup == "other-docs":
        write_jsonl(pred, [record("b.txt")])
    elif setup == "save-with-pred":
        args += ["--save-pred", tmp_path / "again.jsonl"]
    else:
        args[1] = cuad / "labels.jsonl"
    code, out, err = run(monkeypatch, capsys, *args)
    assert code == 2
    assert err.startswith("signoff: error: ") and message in err
    assert len(err.strip().splitlines()) == 1  # one line, no traceback
    assert out == ""


def test_cuad_stops_before_analysing_when_a_contract_is_missing(monkeypatch, capsys, cuad):
    (cuad / "contracts" / "a.txt").unlink()
    monkeypatch.setattr("signoff.evaluate.predict", lambda *a, **k: pytest.fail("analyze must not run"))
    code, _, err = run(monkeypatch, capsys, "cuad", cuad)
    assert code == 2
    assert "a.txt: not found (1 of 1 labelled documents missing)" in err


def test_jobs_must_be_positive(monkeypatch, capsys, cuad):
    code, _, err = run(monkeypatch, capsys, "cuad", cuad, "--jobs", "0")
    assert code == 2
    assert "--jobs" in err


def test_gold_runs_analyze_and_saves_predictions(monkeypatch, capsys, tmp_path):
    gold_dir, docs_dir = write_gold(tmp_path)
    seen = {}

    def fake_predict(paths, *, jobs, on_progress):
        seen.update(paths=[p.name for p in paths], jobs=jobs)
        return [record(str(paths[0]), finding("liability_cap", CAP_QUOTE))], ["other.md: unreadable"]

    monkeypatch.setattr("signoff.evaluate.predict", fake_predict)
    saved = tmp_path / "saved.jsonl"
    code, out, err = run(monkeypatch, capsys, "gold", gold_dir, docs_dir, "-j", "2", "--save-pred", saved)
    assert code == 0, err
    assert seen == {"paths": ["doc.md"], "jobs": 2}
    assert "not analysed, scored as having no findings: other.md: unreadable" in err
    assert "overall recall 0.500" in out and "termination_for_convenience" in out
    assert json.loads(saved.read_text())["findings"][0]["clause"] == "liability_cap"


def test_gold_twin_needs_its_reader(monkeypatch, capsys, tmp_path):
    gold_dir, docs_dir = write_gold(tmp_path)
    monkeypatch.setattr(twins.shutil, "which", lambda name: None)
    monkeypatch.setattr("signoff.evaluate.predict", lambda *a, **k: pytest.fail("analyze must not run"))
    code, _, err = run(monkeypatch, capsys, "gold", gold_dir, docs_dir, "--variant", "pdf")
    assert code == 2
    assert "signoff: error: pdftotext is needed to score --variant pdf" in err


def test_gold_bad_yaml_names_file_and_line(monkeypatch, capsys, tmp_path, pred):
    gold_dir, docs_dir = write_gold(tmp_path, "document: doc.md\nfindings:\n  - clause: x\n")
    code, _, err = run(monkeypatch, capsys, "gold", gold_dir, docs_dir, "--pred", pred)
    assert code == 2
    assert "doc.yaml:3: findings.0.quote: Field required" in err


def test_gold_with_the_real_analyzer_saves_rescorable_predictions(monkeypatch, capsys, tmp_path):
    gold_dir, docs_dir = write_gold(tmp_path)
    saved, scores = tmp_path / "pred.jsonl", tmp_path / "scores.json"
    code, out, err = run(
        monkeypatch, capsys, "gold", gold_dir, docs_dir, "--save-pred", saved, "--json", scores
    )
    assert code == 0, err
    first = json.loads(scores.read_text())
    assert first["summary"]["gold"] == 2
    (rec,) = [json.loads(line) for line in saved.read_text().splitlines()]
    assert rec["document"]["path"].endswith("doc.md")
    # scoring the saved file gives the same numbers as scoring the run that made it
    code, out2, _ = run(monkeypatch, capsys, "gold", gold_dir, docs_dir, "--pred", saved, "--json", scores)
    assert code == 0
    assert json.loads(scores.read_text())["summary"] == first["summary"]
    assert out2 == out


def test_cuad_per_doc_lists_contracts_with_errors(monkeypatch, capsys, cuad, pred):
    write_jsonl(pred, [record("a.txt", finding("insurance", "The Vendor shall carry insurance."))])
    code, out, _ = run(monkeypatch, capsys, "cuad", cuad, "--pred", pred, "--per-doc")
    assert code == 0
    (line,) = [x for x in out.splitlines() if x.startswith("a.txt")]
    assert "-Governing Law" in line and "+Insurance" in line


@pytest.mark.parametrize("command", ["cuad", "gold"])
def test_help_gives_an_example(monkeypatch, capsys, command):
    code, out, _ = run(monkeypatch, capsys, command, "--help")
    assert code == 0
    assert f"Example: signoff eval {command} " in " ".join(out.split())  # however rich wraps it
    assert "--save-pred" in out and "--pred" in out and "--json" in out and "--jobs" in out
