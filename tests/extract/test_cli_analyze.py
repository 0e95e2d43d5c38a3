"""`signoff analyze`: formats, directory walk, a bad file in a batch, --vendor."""

import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from signoff.cli.app import app
from signoff.errors import SignoffError

NIMBUS = Path(__file__).resolve().parents[2] / "fixtures" / "contracts" / "nimbus-ai-services-agreement.md"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, ["analyze", *map(str, args)])


def test_table_groups_by_family_and_lists_absent_clauses(tmp_path):
    contract = tmp_path / "short.md"
    contract.write_text(
        "12.1 This Agreement is governed by the laws of the State of New York.\n", encoding="utf-8"
    )
    result = run(contract)
    assert result.exit_code == 0, result.output
    assert "GENERAL" in result.output and "Governing law [mutual]  law: New York" in result.output
    assert "NOT FOUND" in result.output and "Incident notice" in result.output


def test_json_is_one_object_as_in_the_spec():
    result = run(NIMBUS, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) >= {"document", "findings", "warnings"}
    assert set(data["document"]) >= {"path", "sha256", "pages", "chars"}
    f = data["findings"][0]
    assert set(f) >= {"clause", "text", "start", "end", "page", "section", "party", "values", "confidence"}
    text = NIMBUS.read_text(encoding="utf-8")
    assert all(text[x["start"] : x["end"]] == x["text"] for x in data["findings"])


def test_directory_is_walked_and_jsonl_has_one_line_per_document(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(NIMBUS, tmp_path / "a.md")
    shutil.copy(NIMBUS, tmp_path / "sub" / "b.txt")
    (tmp_path / "notes.csv").write_text("not a contract", encoding="utf-8")
    result = run(tmp_path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [Path(x["document"]["path"]).name for x in lines] == ["a.md", "b.txt"]


def test_json_array_for_several_documents(tmp_path):
    shutil.copy(NIMBUS, tmp_path / "a.md")
    result = run(NIMBUS, tmp_path / "a.md", "--format", "json")
    assert isinstance(json.loads(result.output), list)


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["serial", "two-workers"])
def test_bad_file_in_a_batch_is_reported_and_the_others_still_analysed(tmp_path, jobs):
    shutil.copy(NIMBUS, tmp_path / "good.md")
    (tmp_path / "broken.pdf").write_bytes(b"this is not a PDF")
    result = runner.invoke(app, ["analyze", str(tmp_path), "--format", "jsonl", "--jobs", jobs])
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(x["document"]["path"]).name for x in out] == ["good.md"]
    assert "broken.pdf" in result.stderr and "1 of 2 files could not be analysed" in result.stderr


def test_single_missing_file_is_a_one_line_error(tmp_path):
    result = run(tmp_path / "nope.md")
    # the CLI entry point prints SignoffError as "signoff: error: <message>" and exits with its code
    assert isinstance(result.exception, SignoffError)
    assert "nope.md" in result.exception.message and "\n" not in result.exception.message


def test_vendor_option_overrides_party(tmp_path):
    contract = tmp_path / "c.txt"
    contract.write_text(
        'Agreement between Gamma Inc ("Gamma") and Delta LLC ("Delta").\n\n'
        "Delta may suspend Gamma's access to the platform immediately if Gamma fails to pay.\n",
        encoding="utf-8",
    )
    forced = json.loads(run(contract, "--format", "json", "--vendor", "Delta").output)
    assert forced["vendor"] == "Delta"
    assert [f["party"] for f in forced["findings"] if f["clause"] == "suspension"] == ["vendor"]


def test_jsonl_prints_each_document_as_soon_as_it_is_analysed(tmp_path, monkeypatch):
    """A pipeline can start on the first line before the last file is read."""
    from signoff import extract
    from signoff.cli import main
    from signoff.models import Analysis

    stored = Path(__file__).resolve().parents[2] / "fixtures" / "findings"
    template = Analysis.model_validate_json(
        (stored / "nimbus-ai-services-agreement.analysis.json").read_text()
    )
    files = [tmp_path / f"{name}.md" for name in ("a", "b", "c")]
    for f in files:
        f.write_text("a contract\n", encoding="utf-8")
    events: list[str] = []

    def each(paths, **_):
        for i, path in enumerate(paths):
            events.append(f"analysed {Path(path).name}")
            analysis = template.model_copy(deep=True)
            analysis.document.path = str(path)
            yield i, analysis

    class Stdout(io.StringIO):
        def write(self, text):
            if text.strip():
                events.append(f"printed {Path(json.loads(text)['document']['path']).name}")
            return super().write(text)

    monkeypatch.setattr(extract, "analyze_each", each)
    monkeypatch.setattr(sys, "stdout", Stdout())
    monkeypatch.setattr(sys, "argv", ["signoff", "analyze", *map(str, files), "--format", "jsonl"])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code in (0, None)
    assert events == [f"{what} {f.name}" for f in files for what in ("analysed", "printed")]


def test_analyze_each_yields_every_file_once_with_its_index(tmp_path):
    from signoff.extract import analyze_each

    files = [tmp_path / "a.md", tmp_path / "b.md", tmp_path / "broken.pdf"]
    shutil.copy(NIMBUS, files[0])
    shutil.copy(NIMBUS, files[1])
    files[2].write_bytes(b"this is not a PDF")
    results = dict(analyze_each(files, jobs=2))
    assert sorted(results) == [0, 1, 2]
    assert [Path(results[i].document.path).name for i in (0, 1)] == ["a.md", "b.md"]
    assert isinstance(results[2], SignoffError) and "broken.pdf" in results[2].message


def test_jsonl_help_states_the_order_of_the_lines():
    result = runner.invoke(app, ["analyze", "--help"])
    text = " ".join(result.output.replace("│", " ").split())  # the help as read, across its wrapped lines
    assert "written as soon as it is analysed, so in the order they finish with --jobs above 1" in text
    assert "each line carries its document.path" in text
