"""PDF through LibreOffice: same text, snapshot attached, verify; a clear error without LibreOffice."""

import pytest

from signoff.errors import SignoffError
from signoff.report.formats import ReportFormat, renderer
from signoff.report.formats import pdf as pdf_format

from .report_samples import sample_report

needs_libreoffice = pytest.mark.skipif(
    pdf_format.libreoffice() is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer); PDF output needs it",
)
PDF = renderer(ReportFormat.pdf)


def test_without_libreoffice_pdf_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(pdf_format, "libreoffice", lambda: None)
    with pytest.raises(SignoffError) as err:
        PDF.render(sample_report(), None)
    assert "LibreOffice, which is not installed" in err.value.message
    assert "apt-get install libreoffice-writer" in err.value.message and "--format docx" in err.value.message


@pytest.fixture(scope="module")
def data() -> bytes:
    if pdf_format.libreoffice() is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer); PDF output needs it")
    return PDF.render(sample_report(), None)


@needs_libreoffice
def test_pdf_carries_the_snapshot_and_the_same_text_across_runs(data):
    # Not byte-identical: under CPU load LibreOffice 7.4 sometimes numbers the embedded fonts
    # in another order. Text and snapshot are stable; DOCX is the byte-reproducible twin.
    assert data.startswith(b"%PDF")
    assert PDF.extract(data, "x.pdf") == sample_report()
    again = PDF.render(sample_report(), None)
    assert PDF.visible(again) == PDF.visible(data)
    assert PDF.extract(again, "y.pdf") == PDF.extract(data, "x.pdf")


@needs_libreoffice
def test_pdf_verifies_and_edited_text_is_caught(tmp_path, data):
    from signoff.report.verify import verify_file

    good = tmp_path / "report.pdf"
    good.write_bytes(data)
    assert verify_file(good).ok
    # The PDF's text is compared with its DOCX twin; drop the text of one table row by
    # pretending the PDF says something else.
    edited = pdf_format.docx_text_in_pdf(
        sample_report(), [PDF.visible(data)[0].replace("Refundwithin5days", "")]
    )
    assert edited == "Refund within 5 days"


@needs_libreoffice
def test_pdf_with_an_edited_embedded_snapshot_fails_verify(tmp_path):
    from signoff.report.formats.docx import DocxRenderer
    from signoff.report.snapshot import canonical_json
    from signoff.report.verify import verify_file

    report = sample_report()
    plain = pdf_format._convert(DocxRenderer().render(report, None))
    tampered = canonical_json(report).replace(b"Dana Ruiz", b"Dana Ruix")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_format._attach(plain, tampered))
    problems = verify_file(path).problems
    assert any(p.startswith("the embedded report was altered") for p in problems)
    assert any(p.startswith("the file was changed after signoff wrote it") for p in problems)
    assert any(p.startswith("page ") and "Dana Ruiz" in p for p in problems)


def test_a_table_cell_split_over_two_pages_is_found_in_order_and_a_dropped_one_is_not():
    # What pdfium reads when a row splits: each cell's first part, the page furniture, the rest.
    text = (
        "5daysdana.reyes,23November"
        "QuestionAnsweredbyEvidence"
        "2026,14:12UTCOnwhatdatewasownershipdecided?3November2026dana.reyes,23November2026,14:12UTC"
    )
    after = pdf_format._located(text, "dana.reyes,23November2026,14:12UTC", text.index("dana"))
    assert after is not None and after < text.index("Onwhatdate")
    assert pdf_format._located(text, "Onwhatdatewasownershipdecided?", after) is not None
    assert pdf_format._located(text, "Whoreviewsclaims?", after) is None


@needs_libreoffice
def test_the_example_workspace_renders_verifies_and_no_page_is_half_empty_but_a_part_end(workspace):
    from signoff.assess import Workspace
    from signoff.report import write_report
    from signoff.report.verify import verify_file

    path = write_report(Workspace.open(workspace), ReportFormat.pdf)
    assert verify_file(path, workspace).ok
    assert _short_pages(path.read_bytes()) == []


def _short_pages(data: bytes) -> list[int]:
    """Pages whose text stops above the middle of the page, but for the last page of a part."""
    import pypdfium2 as pdfium

    from .test_page_one import PARTS

    doc = pdfium.PdfDocument(data)
    pages = [doc[i] for i in range(len(doc))]
    texts = [p.get_textpage().get_text_range() for p in pages]
    short = []
    for n, page in enumerate(pages[:-1]):
        next_starts_a_part = any(part in texts[n + 1][:400] for part in PARTS[3:])
        textpage = page.get_textpage()
        # The footer (fingerprint, page number) sits in the bottom margin: not content.
        bottoms = [textpage.get_rect(i)[1] for i in range(textpage.count_rects())]
        lowest = min(b for b in bottoms if b > 60)
        if lowest > page.get_height() / 2 and not next_starts_a_part:
            short.append(n + 1)
    return short
