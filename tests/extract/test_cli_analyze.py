"""`signoff analyze`: formats, directory walk, a bad file in a batch, --vendor."""

import json
import shutil
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
