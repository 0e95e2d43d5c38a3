"""DOCX ingestion: paragraphs in order, list numbers as Word shows them, headings, tables, footnotes."""

import importlib.util
import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from signoff.ingest import load
from signoff.ingest.docx_numbering import format_number

ROOT = Path(__file__).resolve().parents[2]
TWIN = ROOT / "fixtures" / "contracts" / "nimbus-ai-services-agreement.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _fixture_builders():
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "fixtures" / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


mf = _fixture_builders()


def test_twin_reads_like_the_markdown(nimbus_md):
    doc = load(TWIN)
    markdown = nimbus_md.read_text(encoding="utf-8")
    # Word shows the numbers that numbering.xml computes; the .md spells them out.
    assert doc.text == re.sub(r"(?m)^#+ ", "", markdown).strip()
    assert doc.format == "docx" and doc.pages == [] and doc.page_at(10) is None


def test_twin_sections_from_heading_styles():
    doc = load(TWIN)
    by_heading = {s.heading: s for s in doc.sections}
    assert by_heading["Nimbus AI Services Agreement"].level == 1
    assert by_heading["10. Limitation of Liability"].level == 2
    assert by_heading["10.2 CAP"].level == 3
    cap = doc.text.index("EACH PARTY'S TOTAL AGGREGATE LIABILITY")
    assert doc.section_at(cap).heading == "10.2 CAP"
    limitation = by_heading["10. Limitation of Liability"]
    assert doc.text[limitation.start : limitation.end].rstrip().endswith("willful misconduct.")


def _build(tmp_path, fill) -> Path:
    document = mf.new_docx()
    fill(document)
    path = tmp_path / "built.docx"
    path.write_bytes(mf.docx_bytes(document))
    return path


def test_list_numbers_at_every_level(tmp_path):
    levels = [0, 1, 2, 2, 3, 3, 4, 5, 1, 2, 0, 1]

    def fill(document):
        num_id = mf.add_list(document, mf.CONTRACT_LEVELS, 20)
        for i, ilvl in enumerate(levels):
            mf.number_paragraph(document.add_paragraph(f"item {i}"), num_id, ilvl)

    doc = load(_build(tmp_path, fill))
    labels = [line.rsplit(" item", 1)[0] for line in doc.text.split("\n\n")]
    assert labels == ["1.", "1.1", "(a)", "(b)", "(i)", "(ii)", "A.", "I.", "1.2", "(a)", "2.", "2.1"]


def test_separate_lists_count_separately(tmp_path):
    def fill(document):
        first = mf.add_list(document, [("decimal", "%1.")], 30)
        second = mf.add_list(document, [("upperLetter", "Article %1")], 31)
        for num_id in (first, second, first, second):
            mf.number_paragraph(document.add_paragraph("x"), num_id, 0)

    assert load(_build(tmp_path, fill)).text.split("\n\n") == ["1. x", "Article A x", "2. x", "Article B x"]


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (3, "decimal", "3"),
        (7, "decimalZero", "07"),
        (2, "lowerLetter", "b"),
        (27, "lowerLetter", "aa"),
        (4, "upperLetter", "D"),
        (14, "lowerRoman", "xiv"),
        (1999, "upperRoman", "MCMXCIX"),
        (5, "ordinalText", "5"),
    ],
    ids=["decimal", "decimal-zero", "lower-letter", "letter-past-z", "upper-letter", "lower-roman",
         "upper-roman", "unknown-format-falls-back"],
)  # fmt: skip
def test_format_number(n, fmt, shown):
    assert format_number(n, fmt) == shown


def test_tables_become_rows_of_text(tmp_path):
    def fill(document):
        document.add_heading("Schedule A", level=1)
        table = document.add_table(rows=2, cols=2)
        for r, row in enumerate([("Service", "Monthly fee"), ("Support assistant", "US$4,000")]):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        document.add_paragraph("After the table.")

    doc = load(_build(tmp_path, fill))
    assert doc.text == "Schedule A\n\nService | Monthly fee\nSupport assistant | US$4,000\n\nAfter the table."
    assert [(s.heading, s.level) for s in doc.sections] == [("Schedule A", 1)]


def _with_footnote(tmp_path) -> Path:
    document = mf.new_docx()
    p = document.add_paragraph("Liability is capped at the fees paid.")
    run = p.add_run()._r
    ref = etree.SubElement(run, f"{{{W_NS}}}footnoteReference")
    ref.set(f"{{{W_NS}}}id", "1")
    raw = mf.docx_bytes(document)
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Fees means fees paid in the prior 12 months.</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    ).encode()
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'footnotes" Target="footnotes.xml"/></Relationships>',
    )
    types = types.replace(
        "</Types>",
        '<Override PartName="/word/footnotes.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
    )
    path = tmp_path / "footnote.docx"
    path.write_bytes(
        mf.rezip(
            raw,
            replace={"word/_rels/document.xml.rels": rels.encode(), "[Content_Types].xml": types.encode()},
            extra={"word/footnotes.xml": footnotes},
        )
    )
    return path


def test_footnotes_are_marked_and_appended(tmp_path):
    doc = load(_with_footnote(tmp_path))
    assert doc.text == (
        "Liability is capped at the fees paid.[1]\n\n"
        "Footnotes\n\n"
        "[1] Fees means fees paid in the prior 12 months."
    )
    note = doc.text.index("Fees means")
    assert doc.section_at(note).heading == "Footnotes"
