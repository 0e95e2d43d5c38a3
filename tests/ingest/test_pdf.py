"""PDF ingestion on the generated twin of the example contract: text, pages, sections."""

from pathlib import Path

import pytest

from signoff.ingest import load
from signoff.ingest.pdf import clean_page_text

TWIN = Path(__file__).resolve().parents[2] / "fixtures" / "contracts" / "nimbus-ai-services-agreement.pdf"


@pytest.fixture(scope="module")
def pdf_doc():
    return load(TWIN)


def test_text_and_metadata(pdf_doc):
    assert pdf_doc.format == "pdf"
    assert pdf_doc.warnings == []
    # Lines wrap as printed, so compare with whitespace collapsed.
    assert "EACH PARTY'S TOTAL AGGREGATE LIABILITY ARISING" in " ".join(pdf_doc.text.split())
    assert "\r" not in pdf_doc.text


def test_pages_tile_the_text(pdf_doc):
    assert [p.number for p in pdf_doc.pages] == [1, 2, 3, 4]
    assert pdf_doc.pages[0].start == 0 and pdf_doc.pages[-1].end == len(pdf_doc.text)
    for before, after in zip(pdf_doc.pages, pdf_doc.pages[1:], strict=False):
        assert before.end < after.start
        assert pdf_doc.text[before.end : after.start].strip() == ""


@pytest.mark.parametrize(
    ("quote", "page"),
    [
        ("This AI Services Agreement", 1),
        ("5.1 Fees. Customer will pay", 3),
        ("10.2 CAP.", 4),
    ],
    ids=["preamble", "section-5-starts-page-3", "cap-on-last-page"],
)
def test_page_at(pdf_doc, quote, page):
    assert pdf_doc.page_at(pdf_doc.text.index(quote)) == page


def test_sections_cite_numbered_clauses(pdf_doc):
    cap = pdf_doc.text.index("10.2 CAP.") + len("10.2 CAP. EXCEPT")
    assert pdf_doc.section_at(cap).heading == "10.2 CAP"
    headings = {s.heading: s for s in pdf_doc.sections}
    assert headings["10. Limitation of Liability"].level == 1
    assert headings["6.4 Return and Deletion of Data"].level == 2
    for s in pdf_doc.sections:
        assert pdf_doc.text[s.start : s.start + 4] == s.heading[:4]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("line one\r\nline two\r\n", "line one\nline two"),
        ("protein\ufffeprotein", "protein-protein"),
        ("e\ufb03cient \ufb01nal", "efficient final"),
        ("a\u00a0b", "a b"),
        ("Nissin\u037e and", "Nissin; and"),
    ],
    ids=["crlf", "line-end-hyphen-marker", "ligatures", "nbsp", "greek-question-mark"],
)
def test_clean_page_text(raw, clean):
    assert clean_page_text(raw) == clean


def test_partly_scanned_pdf_keeps_page_numbers(fixtures_dir):
    doc = load(fixtures_dir / "invalid" / "warn-partly-scanned.pdf")
    assert len(doc.pages) == 5
    blank = doc.pages[2]
    assert doc.text[blank.start : blank.end] == ""
    assert doc.page_at(doc.text.index("5.1 Fees")) == 4
    assert len(doc.warnings) == 1 and "page(s) 3 of 5" in doc.warnings[0]
