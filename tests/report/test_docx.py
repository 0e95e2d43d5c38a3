"""The DOCX an auditor opens: headings, tables, footer, properties, embedded snapshot, same bytes."""

import io
import zipfile

import pytest
from docx import Document

from signoff.report.formats import ReportFormat, renderer
from signoff.report.formats import pdf as pdf_format

from .report_samples import sample_report
from .test_page_one import PARTS

DOCX = renderer(ReportFormat.docx)


@pytest.fixture(scope="module")
def data() -> bytes:
    return DOCX.render(sample_report(), None)


@pytest.fixture(scope="module")
def doc(data):
    return Document(io.BytesIO(data))


def test_real_headings_for_every_part(doc):
    heading1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert heading1 == PARTS
    assert doc.paragraphs[0].style.name == "Title"
    heading2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert "2.1 Ownership" in heading2 and "3.1 Nimbus AI" in heading2


def test_answers_findings_and_signoff_are_tables_with_header_rows(doc):
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["Question", "Answer", "Answered by", "Evidence"] in headers
    assert ["Clause", "Quote", "Where", "Values", "Playbook verdict"] in headers
    assert ["Role", "Person", "Decision", "Date", "Note", "Signed and current"] in headers
    findings = next(t for t in doc.tables if t.rows[0].cells[0].text == "Clause")
    assert findings.rows[1].cells[2].text == "page 7, section L.3 Limits on Liability"


def test_footer_carries_fingerprint_and_page_numbers_on_every_page(data, doc):
    report = sample_report()
    footer = doc.sections[0].footer.paragraphs[0]
    assert report.fingerprint in footer.text
    xml = footer._p.xml
    assert 'w:instr="PAGE"' in xml and 'w:instr="NUMPAGES"' in xml


def test_blocked_document_says_not_ready_in_the_page_header(doc):
    assert doc.sections[0].header.paragraphs[0].text.startswith("NOT READY")


def test_document_properties_come_from_the_snapshot(doc):
    report = sample_report()
    props = doc.core_properties
    assert props.title == "AI launch sign-off: Support copilot (EU)"
    assert props.author == "signoff"
    assert report.fingerprint in props.keywords
    assert props.created.isoformat() == "2026-11-20T09:30:00+00:00"
    assert props.modified == props.created


def test_snapshot_is_embedded_as_custom_xml_part(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [n for n in z.namelist() if n.startswith("customXml/item")]
        assert any(b"urn:signoff:report:1" in z.read(n) for n in parts)
    assert DOCX.extract(data, "x.docx") == sample_report()


def test_same_report_gives_identical_bytes(data):
    assert DOCX.render(sample_report(), None) == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_reference_docx_in_template_dir_gives_its_styles(tmp_path, data):
    base = Document()
    base.styles["Normal"].font.name = "Georgia"
    base.save(tmp_path / "reference.docx")
    styled = Document(io.BytesIO(DOCX.render(sample_report(), tmp_path)))
    assert styled.styles["Normal"].font.name == "Georgia"
    assert DOCX.visible(DOCX.render(sample_report(), tmp_path)) == DOCX.visible(data)


def test_unreadable_reference_docx_is_a_clear_error(tmp_path):
    from signoff.errors import SignoffError

    (tmp_path / "reference.docx").write_text("not a zip")
    with pytest.raises(SignoffError, match=r"reference\.docx: not a usable Word document"):
        DOCX.render(sample_report(), tmp_path)


def test_reference_docx_without_a_needed_style_names_the_style(tmp_path):
    from signoff.errors import SignoffError

    base = Document()
    base.styles.element.remove(base.styles["List Bullet"].element)
    base.save(tmp_path / "reference.docx")
    with pytest.raises(SignoffError, match=r"reference\.docx: no style with name 'List Bullet'"):
        DOCX.render(sample_report(), tmp_path)


@pytest.mark.skipif(
    pdf_format.libreoffice() is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer); needed to re-save the DOCX",
)
def test_docx_resaved_by_libreoffice_no_longer_verifies_and_the_part_is_named(tmp_path, data):
    # A word processor rewrites styles, fields and properties: what a reader sees may change, so a
    # re-saved document is another document. Keep the file signoff wrote; re-save copies, not it.
    import subprocess

    from signoff.report.verify import verify_file

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.docx").write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            pdf_format.libreoffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "in" / "report.docx"),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    resaved = tmp_path / "report.docx"
    problems = verify_file(resaved).problems
    assert problems and all("\n" not in p for p in problems)
    assert problems[0].startswith("part ") and "saved again by another program" in problems[0]
