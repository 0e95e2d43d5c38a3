"""verify: intact on a fresh document; altered when visible text, an embedded value or an input changes."""

import io
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from signoff.assess import Workspace
from signoff.report import record_approval, write_report
from signoff.report.formats import ReportFormat
from signoff.report.verify import verify_file

from .conftest import EXAMPLE_WORKSPACE

TEXT_FORMATS = [ReportFormat.md, ReportFormat.html, ReportFormat.json, ReportFormat.docx]
IDS = [f.value for f in TEXT_FORMATS]


def _write(ws_dir: Path, fmt: ReportFormat) -> Path:
    return write_report(Workspace.open(ws_dir), fmt)


@pytest.mark.parametrize("fmt", TEXT_FORMATS, ids=IDS)
def test_fresh_document_is_intact_and_current(workspace, fmt):
    result = verify_file(_write(workspace, fmt), workspace)
    assert result.problems == [] and result.changes == []
    assert result.ok


def _edit_docx(path: Path, old: bytes, new: bytes, part_prefix: str) -> None:
    src = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename.startswith(part_prefix) and old in blob:
                blob = blob.replace(old, new, 1)
            zout.writestr(info, blob)
    path.write_bytes(out.getvalue())


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("fmt", TEXT_FORMATS, ids=IDS)
def test_edited_visible_text_is_detected(workspace, fmt):
    path = _write(workspace, fmt)
    if fmt is ReportFormat.docx:
        _edit_docx(path, b"NOT READY: ", b"READY: ", "word/document.xml")
    elif fmt is ReportFormat.json:
        _replace(path, '"status_label": "Blocked: not ready"', '"status_label": "Ready"')
    else:
        _replace(
            path,
            "> **NOT READY: " if fmt is ReportFormat.md else '<p class="status blocked">NOT READY: ',
            "> **READY: " if fmt is ReportFormat.md else '<p class="status">READY: ',
        )
    result = verify_file(path)
    assert not result.intact
    assert any("differs" in p or "altered" in p for p in result.problems)


@pytest.mark.parametrize("fmt", TEXT_FORMATS, ids=IDS)
def test_edited_embedded_value_is_detected(workspace, fmt):
    path = _write(workspace, fmt)
    if fmt is ReportFormat.docx:
        _edit_docx(path, b"Dana Reyes", b"Dan Reyes", "customXml/")
    else:
        _replace(path, "Dana Reyes, Head of Support Operations", "Dan Reyes, Head of Support Operations")
    result = verify_file(path)
    assert any(p.startswith("the embedded report was altered") for p in result.problems)


def test_not_a_signoff_document_is_a_clear_error(tmp_path):
    from signoff.errors import SignoffError

    plain = tmp_path / "notes.md"
    plain.write_text("# just notes\n")
    with pytest.raises(SignoffError, match=r"notes\.md: no embedded snapshot"):
        verify_file(plain)
    with pytest.raises(SignoffError, match=r"not a sign-off document"):
        verify_file(tmp_path / "report.odt")


def test_replaced_contract_is_reported(workspace):
    path = _write(workspace, ReportFormat.md)
    contract = workspace / "contracts" / "nimbus-ai-services-agreement.md"
    contract.write_text(contract.read_text() + "\nAmendment: Provider may change prices at will.\n")
    changes = verify_file(path, workspace).changes
    assert any("contract contracts/nimbus-ai-services-agreement.md is changed on disk" in c for c in changes)


def test_edited_answer_is_reported_with_who_and_new_journal_entries(workspace):
    path = _write(workspace, ReportFormat.json)
    Workspace.open(workspace).answer("redress_time", "3d", "lee.park")
    changes = verify_file(path, workspace).changes
    assert any(
        c.startswith("answer redress_time changed: '5 days' -> '3 days' (by lee.park") for c in changes
    )
    assert any("1 journal entry since the document" in c for c in changes)


def test_missing_evidence_is_listed_in_the_document_and_as_a_change(workspace):
    path = _write(workspace, ReportFormat.md)
    (workspace / "evidence" / "reviewer-playbook.md").unlink()
    changes = verify_file(path, workspace).changes
    assert any(
        "evidence of reviewer_playbook changed: now evidence/reviewer-playbook.md missing" in c
        for c in changes
    )
    again = _write(workspace, ReportFormat.md).read_text()
    assert "evidence/reviewer-playbook.md sha256:" in again and "(missing)" in again


def test_acceptance_that_expired_since_the_document_is_reported(workspace):
    path = _write(workspace, ReportFormat.md)
    assert verify_file(path, workspace, today=date(2027, 1, 1)).ok
    result = verify_file(path, workspace, today=date(2027, 6, 1))
    assert "acceptance of contract.subprocessor_notice by Sam Okafor expired on 2027-05-22" in result.changes


def test_decisions_do_not_make_the_document_stale_and_forged_ones_are_caught(workspace, signers):
    lee = signers("Lee Park")
    lee.allow(workspace)
    ws = Workspace.open(workspace)
    before = write_report(ws, ReportFormat.json)
    record_approval(ws, "legal", "Lee Park", "approve", "cap is acceptable", key=lee.key)
    result = verify_file(before, workspace)
    assert result.ok and any("Legal Lee Park approved on " in n for n in result.notes)

    after = write_report(Workspace.open(workspace), ReportFormat.json)
    data = json.loads(after.read_text())
    assert data["assessment_fingerprint"] == json.loads(before.read_text())["assessment_fingerprint"]
    assert data["signoff"][0]["name"] == "Lee Park" and data["approvals"][0]["current"] is True
    assert verify_file(after, workspace).ok

    forged = workspace / "out" / "forged.json"
    shutil.copy(after, forged)
    _replace(forged, '"name": "Lee Park"', '"name": "Kim Park"')
    problems = verify_file(forged, workspace).problems
    assert any("decision by Kim Park (Legal" in p and "give to Lee Park, not Kim Park" in p for p in problems)

    elsewhere = workspace.parent / "elsewhere"
    shutil.copytree(EXAMPLE_WORKSPACE, elsewhere)
    lee.allow(elsewhere)
    problems = verify_file(after, elsewhere).problems
    assert any("decision by Lee Park (Legal" in p and "not in the workspace journal" in p for p in problems)


def test_a_malformed_decision_in_the_journal_does_not_count_and_is_listed(workspace):
    ws = Workspace.open(workspace)
    ws.record("someone", "approve", {"role": "legal"})
    report = json.loads(write_report(Workspace.open(workspace), ReportFormat.json).read_text())
    assert report["approvals"] == []
    assert [x["reason"] for x in report["not_counted"]] == ["is unsigned"]
    assert report["signoff"][0]["decision"] == "pending"


def test_a_document_of_the_earlier_schema_is_refused_with_what_to_do(workspace):
    from signoff.errors import SignoffError

    path = _write(workspace, ReportFormat.json)
    _replace(path, '"schema_version": "2"', '"schema_version": "1"')
    with pytest.raises(
        SignoffError, match=r"earlier signoff \(document schema 1\).*generate the document again"
    ):
        verify_file(path)
