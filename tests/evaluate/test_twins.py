"""Scoring on DOCX/PDF twins, with the readers (pandoc, pdftotext) replaced by their output."""

import pytest

from signoff.errors import SignoffError
from signoff.evaluate import twins
from signoff.evaluate.gold import read_gold, score_gold
from signoff.evaluate.twins import Reference, skeleton, split_pages, strip_markdown

from .helpers import TFC_QUOTE, finding, record, write_gold


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vendor\u2019s \u201cService\u201d", 'vendor\'s "service"'),
        ("e\ufb03cient", "efficient"),
        ("agree-\nment", "agreement"),
        ("non-\nrenewal", "nonrenewal"),
        ("\u2022 Caf\u00e9 \u2014 d\u00e9j\u00e0", "cafe deja"),
        ("A | B", "ab"),
        ("soft\u00adhyphen", "softhyphen"),
    ],
    ids=[
        "quote-marks",
        "ligature",
        "line-break-hyphen",
        "hyphenated-word",
        "bullet-dash-accents",
        "table-bar",
        "soft-hyphen",
    ],
)
def test_skeleton_keeps_what_every_format_keeps(a, b):
    assert skeleton(a)[0] == skeleton(b)[0]


def test_skeleton_maps_back_to_the_text():
    skel, pos = skeleton("A  b-c")
    assert skel == "abc"
    assert pos == [0, 3, 5]


@pytest.mark.parametrize(
    ("md", "plain"),
    [
        ("**Vendor's** liability", "Vendor's liability"),
        ("see [Section K](https://x.test/k(1)) now", "see Section K now"),
        ("## L.3 Limits", "L.3 Limits"),
        ("- item one", "item one"),
        ("an *emphasised* word", "an emphasised word"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("a\\*b", "a*b"),
        ("line<br/>break", "line break"),
    ],
    ids=["strong", "link", "heading", "bullet", "em", "intraword-underscore", "escape", "br"],
)
def test_strip_markdown(md, plain):
    assert strip_markdown(md) == plain


def test_pdftotext_pages_split_at_form_feeds():
    text, starts = split_pages("one\ftwo\fthree\f")
    assert text == "one\ftwo\fthree"
    assert starts == [0, 4, 8]
    ref = Reference(text, starts)
    assert [ref.page(ref.locate(w)) for w in ("one", "two", "three")] == [1, 2, 3]


PDF_TEXT = (
    "Terms\nLiability\n\f"
    "Vendor\u2019s total liability is limited to fees paid in the previ-\nous 12 months.\nTermination\n"
    "Either party may terminate for convenience with 30 days\u2019 notice.\f"
)


@pytest.fixture
def pdf_twin(tmp_path, monkeypatch):
    gold_dir, docs_dir = write_gold(tmp_path)
    (docs_dir / "doc.pdf").write_bytes(b"%PDF-1.4 stand-in; its text comes from the fake pdftotext")
    calls = []

    def fake_run(variant, path):
        calls.append((variant, path.name))
        return PDF_TEXT

    monkeypatch.setattr(twins, "_run", fake_run)
    return read_gold(gold_dir), docs_dir, calls


def test_pdf_twin_hits_pages_and_reduction(pdf_twin):
    golds, docs_dir, calls = pdf_twin
    preds = [
        record(
            "scan/doc.pdf",
            # the reader's text: curly apostrophe, word broken across lines
            finding(
                "liability_cap",
                "Vendor\u2019s total liability is limited to fees paid in the previ-\nous 12 months.",
                basis="fees_paid",
                period_months=12,
            )
            | {"page": 2},
            finding("termination_for_convenience", TFC_QUOTE, notice_days=30) | {"page": 1},
        )
    ]
    r = score_gold(preds, golds, docs_dir, "pdf")
    assert calls == [("pdf", "doc.pdf")]
    assert (r.summary.recall, r.summary.value_acc) == (1.0, 1.0)
    assert r.summary.page_acc == 0.5  # the termination clause starts on page 2, not 1
    assert (r.summary.variant, r.summary.gold_unlocated) == ("pdf", 0)


def test_gold_quote_missing_from_twin_is_a_warned_miss(pdf_twin, monkeypatch):
    golds, docs_dir, _ = pdf_twin
    monkeypatch.setattr(twins, "_run", lambda variant, path: "Terms only.\f")
    r = score_gold([record("doc.pdf")], golds, docs_dir, "pdf")
    assert r.summary.gold_unlocated == 2
    assert r.summary.recall == 0.0
    assert "doc.pdf: gold quote not found (liability_cap)" in r.warnings[0]


def test_docx_twin_has_no_pages_and_drops_grid_borders(tmp_path, monkeypatch):
    gold_dir, docs_dir = write_gold(tmp_path)
    (docs_dir / "doc.docx").write_bytes(b"PK stand-in")
    pandoc_plain = (
        "+-----+\n| Either party may terminate for convenience with |\n+=====+\n| 30 days' notice. |\n"
    )
    monkeypatch.setattr(twins, "_run", lambda variant, path: pandoc_plain)
    r = score_gold(
        [
            record(
                "doc.docx",
                finding("termination_for_convenience", "may terminate for convenience with 30 days' notice"),
            )
        ],
        read_gold(gold_dir),
        docs_dir,
        "docx",
    )
    assert r.docs["doc"].hit == 1
    assert r.summary.page_acc == 1.0  # DOCX has no pages: a null page is right
    assert r.summary.gold_unlocated == 1  # the cap quote is not in this twin


def test_missing_twin_is_a_clear_error(tmp_path):
    gold_dir, docs_dir = write_gold(tmp_path)
    with pytest.raises(SignoffError, match=r"doc.pdf: not found; --variant pdf needs the pdf twin"):
        score_gold([], read_gold(gold_dir), docs_dir, "pdf")


@pytest.mark.parametrize(("variant", "tool"), [("pdf", "pdftotext"), ("docx", "pandoc")], ids=["pdf", "docx"])
def test_missing_reader_is_a_clear_error(monkeypatch, variant, tool):
    monkeypatch.setattr(twins.shutil, "which", lambda name: None)
    with pytest.raises(SignoffError, match=rf"^{tool} is needed to score --variant {variant}"):
        twins.require_tool(variant)
