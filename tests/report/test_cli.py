"""`signoff report`, `verify` and `approve` as a user runs them: output, files, exit codes."""

import json
import subprocess
import sys
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from signoff.cli import app, error_line
from signoff.errors import SignoffError

runner = CliRunner()


@dataclass
class Run:
    exit_code: int
    output: str


def run(*args: object) -> Run:
    """Invoke in-process; a SignoffError becomes its exit code and message, as `signoff.cli.main` does."""
    r = runner.invoke(app, [str(a) for a in args])
    if isinstance(r.exception, SignoffError):
        return Run(r.exception.exit_code, r.output + error_line(r.exception) + "\n")
    return Run(r.exit_code, r.output)


def test_report_writes_into_out_and_two_runs_give_identical_bytes(workspace):
    first = run("report", workspace, "--format", "docx")
    assert first.exit_code == 0, first.output
    path = workspace / "out" / "signoff-report.docx"
    assert f"wrote {path}" in first.output and "fingerprint" in first.output
    data = path.read_bytes()
    assert run("report", workspace, "--format", "docx").exit_code == 0
    assert path.read_bytes() == data


@pytest.mark.parametrize("fmt", ["md", "html", "json"], ids=["md", "html", "json"])
def test_reports_of_all_text_formats_are_deterministic(workspace, fmt):
    assert run("report", workspace, "-f", fmt).exit_code == 0
    data = (workspace / "out" / f"signoff-report.{fmt}").read_bytes()
    assert run("report", workspace, "-f", fmt).exit_code == 0
    assert (workspace / "out" / f"signoff-report.{fmt}").read_bytes() == data


def test_blocked_workspace_still_gets_a_report_marked_not_ready(workspace):
    assert run("report", workspace, "-f", "md").exit_code == 0
    md = (workspace / "out" / "signoff-report.md").read_text()
    body = md.split("\n---\n", 1)[1]
    assert body.count("NOT READY") == 2  # top and bottom; the DOCX/PDF repeat it in every page header
    assert "not answered" in body


def test_verify_exit_codes_intact_altered_and_not_a_document(workspace, tmp_path):
    run("report", workspace, "-f", "md")
    path = workspace / "out" / "signoff-report.md"
    ok = run("verify", path, "--workspace", workspace)
    assert ok.exit_code == 0 and "intact" in ok.output
    text = path.read_text()
    path.write_text(text.replace("| Risk tier | High risk tier |", "| Risk tier | Low risk tier |", 1))
    bad = run("verify", path)
    assert bad.exit_code == 1 and "ALTERED" in bad.output
    other = tmp_path / "x.txt"
    other.write_text("hello")
    assert run("verify", other).exit_code == 2


def test_verify_of_a_docx_with_a_hidden_banner_prints_one_altered_line_per_problem(workspace):
    import io
    import zipfile

    run("report", workspace, "-f", "docx")
    path = workspace / "out" / "signoff-report.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename == "word/header1.xml":
                blob = blob.replace(b"<w:b/>", b"<w:b/><w:vanish/>", 1)
            zout.writestr(info, blob)
    path.write_bytes(out.getvalue())
    result = run("verify", path)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"{path}: fingerprint " + lines[0].rsplit(" ", 1)[1]
    assert lines[1].startswith("ALTERED: part word/header1.xml differs from a fresh rendering")
    assert lines[-1] == "altered" and len(lines) == 3


def test_verify_with_a_missing_allowed_signers_file_is_one_line_exit_2(workspace, tmp_path):
    run("report", workspace, "-f", "md")
    missing = tmp_path / "org_allowed_signers"
    result = run("verify", workspace / "out" / "signoff-report.md", "--allowed-signers", missing)
    assert result.exit_code == 2
    assert result.output.strip() == f"signoff: error: {missing}: allowed-signers file not found"


def test_verify_says_decisions_were_checked_only_against_their_own_keys(workspace, signers):
    lee = signers("Lee Park")
    lee.allow(workspace)
    args = ["--role", "legal", "--name", "Lee Park", "--decision", "approve", "--key", lee.key]
    assert run("approve", workspace, *args).exit_code == 0
    run("report", workspace, "-f", "json")
    path = workspace / "out" / "signoff-report.json"
    alone = run("verify", path)
    assert alone.exit_code == 0
    assert "note: 1 signed decision(s), checked against the keys they carry only" in alone.output
    org = run("verify", path, "--allowed-signers", workspace / "allowed_signers")
    assert org.exit_code == 0
    assert f"checked against {workspace / 'allowed_signers'}" in org.output


def test_verify_reports_stale_document_with_exit_1(workspace):
    run("report", workspace, "-f", "json")
    from signoff.assess import Workspace

    Workspace.open(workspace).answer("redress_time", "2d", "lee.park")
    result = run("verify", workspace / "out" / "signoff-report.json", "-w", workspace)
    assert result.exit_code == 1
    assert "CHANGED since the document: answer redress_time changed" in result.output
    assert "stale" in result.output


def test_approve_signs_and_records_against_the_current_assessment(workspace, signers):
    dana = signers("Dana Reyes")
    dana.allow(workspace)
    run("report", workspace, "-f", "json")
    before = json.loads((workspace / "out" / "signoff-report.json").read_text())
    result = run(
        "approve",
        workspace,
        "--role",
        "product_owner",
        "--name",
        "Dana Reyes",
        "--decision",
        "approve",
        "--note",
        "pilot scope only",
        "--key",
        dana.key,
    )
    assert result.exit_code == 0, result.output
    assert before["assessment_fingerprint"] in result.output and "signed with key SHA256:" in result.output
    run("report", workspace, "-f", "json")
    data = json.loads((workspace / "out" / "signoff-report.json").read_text())
    row = next(r for r in data["signoff"] if r["role"] == "product_owner")
    assert (row["name"], row["decision"], row["note"]) == ("Dana Reyes", "approve", "pilot scope only")
    # The decision is part of the document, so the document fingerprint moved; what was decided on did not.
    assert data["assessment_fingerprint"] == before["assessment_fingerprint"]
    assert data["fingerprint"] != before["fingerprint"]
    assert data["approvals"][0]["signature"].startswith("-----BEGIN SSH SIGNATURE-----")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--role", "legl", "--name", "Dana Reyes", "--decision", "approve"],
            "unknown role 'legl'; did you mean 'legal'?",
        ),
        (["--role", "legal", "--name", "Dana Reyes", "--decision", "aprove"], "did you mean 'approve'?"),
        (["--role", "legal", "--name", "Legal team", "--decision", "approve"], "names a team"),
        (["--role", "legal", "--name", "Reyes, Dana", "--decision", "approve"], "has a comma or a quote"),
        (
            ["--role", "legal", "--name", "Dana Reyes", "--decision", "reject"],
            "rejection needs a note saying what must change (--note)",
        ),
    ],
    ids=["role", "decision", "team-name", "comma-in-name", "reject-without-note"],
)
def test_approve_refuses_bad_input_and_records_nothing(workspace, signers, args, message):
    dana = signers("Dana Reyes")
    dana.allow(workspace)
    journal = (workspace / "journal.jsonl").read_bytes()
    result = run("approve", workspace, *args, "--key", dana.key)
    assert result.exit_code == 2
    assert message in result.output
    assert (workspace / "journal.jsonl").read_bytes() == journal


def test_approve_with_a_key_not_in_the_allowed_signers_says_which_line_to_add(workspace, signers):
    dana = signers("Dana Reyes")
    journal = (workspace / "journal.jsonl").read_bytes()
    result = run(
        "approve",
        workspace,
        "--role",
        "legal",
        "--name",
        "Dana Reyes",
        "--decision",
        "approve",
        "--key",
        dana.key,
    )
    assert result.exit_code == 2
    error = result.output.strip().splitlines()[-1]
    assert error.startswith("signoff: error: not recorded: ")
    assert f'"Dana Reyes" namespaces="signoff" {dana.public}' in error
    assert str(workspace / "allowed_signers") in error
    assert (workspace / "journal.jsonl").read_bytes() == journal


def test_approve_with_a_missing_key_file_is_one_line_and_records_nothing(workspace, signers, tmp_path):
    signers("Dana Reyes").allow(workspace)
    journal = (workspace / "journal.jsonl").read_bytes()
    missing = tmp_path / "no-such-key"
    result = run(
        "approve",
        workspace,
        "--role",
        "legal",
        "--name",
        "Dana Reyes",
        "--decision",
        "approve",
        "--key",
        missing,
    )
    assert result.exit_code == 2
    assert f"signoff: error: {missing}: no such key file" in result.output
    assert (workspace / "journal.jsonl").read_bytes() == journal


def test_report_on_a_folder_that_is_not_a_workspace_fails_cleanly(tmp_path):
    result = run("report", tmp_path)
    assert result.exit_code == 2
    assert "not a signoff workspace" in result.output


def test_verify_error_is_one_line_without_traceback(tmp_path):
    other = tmp_path / "notes.md"
    other.write_text("# notes\n")
    r = subprocess.run(
        [sys.executable, "-m", "signoff", "verify", str(other)], capture_output=True, text=True
    )
    assert r.returncode == 2
    assert (
        r.stderr.strip()
        == f"signoff: error: {other}: no embedded snapshot (front matter between '---' lines) found"
    )
