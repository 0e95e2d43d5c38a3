"""Forged sign-off documents fail `signoff verify`: the edits of issue 14, and random byte changes.

Each edit keeps the embedded report as it was (what a forger who only changes what
readers see does), or rewrites it consistently, fingerprint and all (what one who knows
the format does); both must fail with one line per problem naming the part, and never
with another exception. The workspace's legal decision is a signed rejection.
"""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from signoff.errors import SignoffError
from signoff.report.formats import ReportFormat, renderer
from signoff.report.snapshot import make_report
from signoff.report.verify import verify_file

from .conftest import legal_rejection

TEXT_FORMATS = [ReportFormat.md, ReportFormat.html, ReportFormat.json, ReportFormat.docx]


@pytest.fixture(scope="module")
def rejected(tmp_path_factory: pytest.TempPathFactory, signers) -> Path:
    """The example workspace where legal (Lee Park) signed a rejection, with a document per format."""
    folder = tmp_path_factory.mktemp("forgery") / "ws"
    return legal_rejection(folder, signers("Lee Park"), "the liability cap is too low", TEXT_FORMATS)


def _copy(rejected: Path, fmt: ReportFormat, tmp_path: Path) -> Path:
    target = tmp_path / f"copy.{fmt.value}"
    shutil.copy(rejected / "out" / f"signoff-report.{fmt.value}", target)
    return target


def _edit_part(path: Path, part: str, edit) -> None:
    """Rewrite one part of the DOCX with `edit(xml) -> xml`, every other entry as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename == part:
                changed = edit(blob.decode("utf-8")).encode("utf-8")
                assert changed != blob, f"the edit did not apply to {part}"
                blob = changed
            zout.writestr(info, blob)
    path.write_bytes(out.getvalue())


def _problems(path: Path, **kwargs) -> list[str]:
    result = verify_file(path, **kwargs)
    assert not result.ok
    assert all("\n" not in p for p in result.problems)
    return result.problems


@pytest.mark.parametrize("fmt", TEXT_FORMATS, ids=[f.value for f in TEXT_FORMATS])
def test_untouched_documents_with_a_signed_decision_verify(rejected, fmt):
    result = verify_file(rejected / "out" / f"signoff-report.{fmt.value}", rejected)
    assert result.ok, result.problems + result.changes
    assert result.decisions == 1 and result.signers.endswith("allowed_signers")


def test_docx_banner_hidden_with_vanish_in_the_header_is_caught(rejected, tmp_path):
    path = _copy(rejected, ReportFormat.docx, tmp_path)
    _edit_part(path, "word/header1.xml", lambda x: x.replace("<w:b/>", "<w:b/><w:vanish/>", 1))
    (problem,) = _problems(path)
    assert problem.startswith("part word/header1.xml differs from a fresh rendering of the embedded report")
    assert "vanish" in problem


def test_docx_white_text_over_blocked_is_caught(rejected, tmp_path):
    path = _copy(rejected, ReportFormat.docx, tmp_path)

    def whiten(xml: str) -> str:
        run = re.search(r"<w:r>(<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t>(NOT READY: [^<]*)</w:t>", xml)
        assert run is not None
        return xml.replace(
            run.group(0), f'<w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>{run.group(2)}</w:t>', 1
        )

    _edit_part(path, "word/document.xml", whiten)
    (problem,) = _problems(path)
    assert problem.startswith("part word/document.xml differs") and "FFFFFF" in problem


def test_docx_body_hidden_through_the_normal_style_is_caught(rejected, tmp_path):
    path = _copy(rejected, ReportFormat.docx, tmp_path)

    def hide_normal(xml: str) -> str:
        normal = re.search(
            r'<w:style w:type="paragraph" w:default="1" w:styleId="Normal">.*?</w:style>', xml, re.S
        )
        assert normal is not None
        return xml.replace(normal.group(0), normal.group(0).replace("<w:rPr>", "<w:rPr><w:vanish/>", 1), 1)

    _edit_part(path, "word/styles.xml", hide_normal)
    (problem,) = _problems(path)
    assert problem.startswith("part word/styles.xml differs")


def test_docx_paragraph_inside_a_field_is_caught(rejected, tmp_path):
    path = _copy(rejected, ReportFormat.docx, tmp_path)
    stamp = (
        '<w:p><w:fldSimple w:instr="QUOTE APPROVED"><w:r><w:t>APPROVED - READY TO LAUNCH</w:t></w:r>'
        "</w:fldSimple></w:p>"
    )
    _edit_part(path, "word/document.xml", lambda x: x.replace("<w:body>", "<w:body>" + stamp, 1))
    (problem,) = _problems(path)
    assert problem.startswith("part word/document.xml differs") and "fldSimple" in problem


def test_docx_added_part_and_duplicate_part_are_named(rejected, tmp_path):
    path = _copy(rejected, ReportFormat.docx, tmp_path)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("word/media/stamp.png", b"\x89PNG not really")
    assert _problems(path) == ["part word/media/stamp.png was added; signoff does not write it"]

    path = _copy(rejected, ReportFormat.docx, tmp_path)
    with zipfile.ZipFile(path) as z:
        header = z.read("word/header1.xml")
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(path, "a") as z:
        z.writestr("word/header1.xml", header.replace(b"NOT READY", b"READY"))
    (problem,) = _problems(path)
    assert problem == "the zip holds part word/header1.xml twice; readers disagree on which one they show"


@pytest.mark.parametrize("fmt", TEXT_FORMATS, ids=[f.value for f in TEXT_FORMATS])
def test_reject_changed_to_approve_in_every_part_fails_even_without_the_workspace(rejected, fmt, tmp_path):
    # The thorough forger: the embedded report rewritten, both fingerprints recomputed, the document
    # rendered again by signoff itself. Only the decision's signature can tell, and it does.
    r = renderer(fmt)
    stated = r.extract((rejected / "out" / f"signoff-report.{fmt.value}").read_bytes(), "x")
    flipped = [a.model_copy(update={"decision": "approve", "note": None}) for a in stated.approvals]
    forged = tmp_path / f"forged.{fmt.value}"
    forged.write_bytes(r.render(make_report(stated.snapshot, flipped, list(stated.not_counted)), None))
    (problem,) = _problems(forged)
    assert problem.startswith("the decision by Lee Park (Legal, ")
    assert "does not match its signature" in problem and problem.endswith("it does not count")


@pytest.mark.parametrize("fmt", TEXT_FORMATS, ids=[f.value for f in TEXT_FORMATS])
def test_reject_changed_to_approve_byte_for_byte_is_caught(rejected, fmt, tmp_path):
    # The hasty forger: every "reject" in every part replaced, nothing recomputed.
    path = _copy(rejected, fmt, tmp_path)
    if fmt is ReportFormat.docx:
        out = io.BytesIO()
        with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                zout.writestr(info, zin.read(info.filename).replace(b"reject", b"approve"))
        path.write_bytes(out.getvalue())
    else:
        path.write_bytes(path.read_bytes().replace(b"reject", b"approve"))
    problems = _problems(path)
    assert problems[0].startswith("the embedded report was altered")
    assert any("does not match its signature" in p for p in problems)


def test_a_decision_added_with_the_forger_s_own_key_fails_against_the_allowed_signers(
    rejected, signers, tmp_path
):
    from signoff.assess.decisions import SignedDecision
    from signoff.report.snapshot import Approval
    from signoff.signatures import sign

    r = renderer(ReportFormat.json)
    stated = r.extract((rejected / "out" / "signoff-report.json").read_bytes(), "x")
    decision = SignedDecision(
        role="product_owner",
        name="Dana Reyes",
        decision="approve",
        fingerprint=stated.assessment_fingerprint,
        journal_head="f" * 64,
        at="2026-11-23T13:00:00Z",
        signature="",
    )
    signature = sign(decision.message(), signers("Mallory Stone").key, interactive=False)
    signed = decision.model_copy(update={"signature": signature})
    added = Approval(**signed.model_dump(), key=signed.key, current=True)
    forged = tmp_path / "forged.json"
    forged.write_bytes(r.render(make_report(stated.snapshot, [*stated.approvals, added], []), None))
    # On its own the document is consistent: only the organisation's allowed signers say whose key it is.
    assert verify_file(forged).ok
    (problem,) = _problems(forged, allowed_signers=rejected / "allowed_signers")
    assert problem.startswith(
        "the decision by Dana Reyes (Product owner, 23 November 2026, 13:00 UTC) is signed with key"
    )
    assert "which the allowed signers do not list" in problem


def test_html_banner_hidden_with_css_is_caught(rejected, tmp_path):
    path = _copy(rejected, ReportFormat.html, tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</style>", ".banner { display: none }\n</style>", 1), encoding="utf-8")
    (problem,) = _problems(path)
    assert re.match(r"line \d+ differs from a fresh rendering of the embedded report: ", problem)


def test_markdown_line_break_characters_count_as_changes(rejected, tmp_path):
    # str.splitlines() treats \x0b, \x1c and \x85 as line ends: comparing lines would miss these.
    path = _copy(rejected, ReportFormat.md, tmp_path)
    data = path.read_bytes()
    at = data.rindex(b"\n\n")
    path.write_bytes(data[:at] + b"\n\x0b" + data[at + 2 :])
    (problem,) = _problems(path)
    assert problem.startswith("line ")


@pytest.mark.parametrize("fmt", TEXT_FORMATS, ids=[f.value for f in TEXT_FORMATS])
def test_random_single_byte_changes_fail_verify_with_one_line(rejected, fmt, tmp_path):
    data = (rejected / "out" / f"signoff-report.{fmt.value}").read_bytes()
    caught, rng = 0, random.Random(14)
    path = tmp_path / f"changed.{fmt.value}"
    for _ in range(200):
        at = rng.randrange(len(data))
        value = rng.randrange(255)
        changed = bytearray(data)
        changed[at] = value if value < data[at] else value + 1  # never the byte it was
        path.write_bytes(bytes(changed))
        try:
            result = verify_file(path)
        except SignoffError as e:  # what `signoff verify` prints as one line, exit 2
            assert "\n" not in e.message
            caught += 1
            continue
        assert all("\n" not in p for p in result.problems)
        caught += not result.ok
    # DOCX: the only bytes ignored are zip timestamps (8 of every entry's ~110 header bytes).
    assert caught >= 198, f"{200 - caught} of 200 single-byte changes verified as intact"


def test_json_document_rejects_floats_and_extra_fields_as_not_a_report(rejected, tmp_path):
    path = _copy(rejected, ReportFormat.json, tmp_path)
    data = json.loads(path.read_text())
    data["approvals"][0]["trusted"] = True
    path.write_text(json.dumps(data, indent=2, sort_keys=True))
    with pytest.raises(SignoffError, match=r"the embedded snapshot is not a valid sign-off report"):
        verify_file(path)


def test_a_document_made_by_another_version_says_which_version_to_verify_with(rejected, tmp_path):
    r = renderer(ReportFormat.md)
    stated = r.extract((rejected / "out" / "signoff-report.md").read_bytes(), "x")
    manifest = stated.snapshot.manifest.model_copy(update={"tool_version": "0.0.9"})
    older = make_report(stated.snapshot.model_copy(update={"manifest": manifest}), list(stated.approvals), [])
    path = tmp_path / "older.md"
    # What an older version would have written differently: one line of its layout.
    path.write_bytes(r.render(older, None).replace(b"## Decisions", b"## Decided", 1))
    (problem,) = _problems(path)
    assert "(made by signoff 0.0.9, checked with " in problem and "verify with 0.0.9)" in problem


def test_a_decision_whose_name_would_inject_allowed_signers_options_does_not_count(rejected, tmp_path):
    r = renderer(ReportFormat.json)
    stated = r.extract((rejected / "out" / "signoff-report.json").read_bytes(), "x")
    injected = [a.model_copy(update={"name": 'Lee Park" cert-authority "x'}) for a in stated.approvals]
    forged = tmp_path / "forged.json"
    forged.write_bytes(r.render(make_report(stated.snapshot, injected, []), None))
    (problem,) = _problems(forged)
    assert problem.endswith("is not a well-formed signed decision; it does not count")
