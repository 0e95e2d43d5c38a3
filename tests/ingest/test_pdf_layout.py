"""The opt-in layout pass: font-based headings on top of the pdfium text, never a changed text."""

import subprocess
import sys
from pathlib import Path

import pytest

from signoff.ingest import load
from signoff.ingest.pdf_layout import _is_bold, _line_start

ROOT = Path(__file__).resolve().parents[2]
TWIN = ROOT / "fixtures" / "contracts" / "nimbus-ai-services-agreement.pdf"
TITLE = "Nimbus AI Services Agreement"


@pytest.fixture(scope="module")
def plain():
    return load(TWIN)


@pytest.fixture(scope="module")
def laid_out():
    return load(TWIN, layout=True)


def test_layout_finds_the_unnumbered_title_only_fonts_show(plain, laid_out):
    assert TITLE not in {s.heading for s in plain.sections}
    title = laid_out.sections[0]
    assert (title.heading, title.level, title.start) == (TITLE, 1, 0)
    assert title.end == len(laid_out.text)  # the title governs the whole contract
    assert laid_out.section_at(laid_out.text.index("This AI Services Agreement")).heading == TITLE


def test_layout_never_changes_text_or_pages(plain, laid_out):
    assert laid_out.text == plain.text
    assert laid_out.pages == plain.pages
    assert laid_out.warnings == plain.warnings == []
    # Every heading the text path found is still found, at the same offset.
    assert {(s.heading, s.start) for s in plain.sections} <= {(s.heading, s.start) for s in laid_out.sections}
    for s in laid_out.sections:
        assert laid_out.text[s.start : s.start + 4] == s.heading[:4]


def test_layout_levels_match_the_markdown_twin(laid_out, nimbus_md):
    md = load(nimbus_md)
    by_heading = {s.heading: s.level for s in laid_out.sections}
    for heading in [
        TITLE,
        "1. Definitions",
        "10. Limitation of Liability",
        "10.2 CAP",
        "6.4 Return and Deletion of Data",
    ]:
        assert by_heading[heading] == next(s.level for s in md.sections if s.heading == heading), heading


def test_layout_opens_an_encrypted_pdf_with_its_password(fixtures_dir):
    doc = load(fixtures_dir / "invalid" / "encrypted.pdf", password="open-sesame", layout=True)
    assert doc.sections[0].heading == TITLE and doc.warnings == []


def test_layout_is_ignored_for_text_formats(nimbus_md):
    assert load(nimbus_md, layout=True) == load(nimbus_md)


def test_unreadable_fonts_keep_the_text_and_warn(plain, monkeypatch):
    import pdfplumber

    def broken(*args, **kwargs):
        raise ValueError("pdfminer choked")

    monkeypatch.setattr(pdfplumber, "open", broken)
    doc = load(TWIN, layout=True)
    assert doc.text == plain.text and doc.sections == plain.sections
    assert len(doc.warnings) == 1 and "layout pass could not read" in doc.warnings[0]


@pytest.mark.parametrize(
    ("layout", "imported"), [(False, False), (True, True)], ids=["default-never-imports", "layout-imports"]
)
def test_pdfplumber_is_imported_only_for_layout(layout, imported):
    code = (
        "import sys; from signoff.ingest import load; "
        f"load({str(TWIN)!r}, layout={layout}); print('pdfplumber' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(imported)


@pytest.mark.parametrize(("args", "shown"), [([], False), (["--layout"], True)], ids=["default", "layout"])
def test_cli_layout_flag_shows_the_title_heading(args, shown):
    out = subprocess.run(
        [sys.executable, "-m", "signoff", "text", str(TWIN), "--sections", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    assert (f"§ [1] {TITLE}\n" in out.stdout) is shown
    # Under the title every numbered clause moves one level down, as in the Markdown twin.
    assert f"§ [{2 if shown else 1}] 10. Limitation of Liability\n" in out.stdout


@pytest.mark.parametrize(
    ("fontname", "bold"),
    [
        ("Helvetica-Bold", True),
        ("ABCDEF+Arial-BoldMT", True),
        ("TimesNewRomanPS-BlackItalic", True),
        ("Helvetica", False),
    ],
    ids=["base14", "subset-prefix", "black-weight", "regular"],
)
def test_is_bold(fontname, bold):
    assert _is_bold(fontname) is bold


@pytest.mark.parametrize(
    ("page", "line", "cursor", "expected"),
    [
        ("Title\nbody", "Title", 0, 0),
        ("see Title below\nTitle\n", "Title", 0, 16),
        ("Title\nTitle", "Title", 1, 6),
        ("the Title", "Title", 0, None),
    ],
    ids=["first-line", "skips-mid-line-mention", "after-cursor", "only-mid-line"],
)
def test_line_start(page, line, cursor, expected):
    assert _line_start(page, line, cursor) == expected
