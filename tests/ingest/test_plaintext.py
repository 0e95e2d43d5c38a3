"""Markdown and plain-text ingestion: verbatim text, headings as a reader quotes them."""

import pytest

from signoff.ingest import find_sections, load, load_text


def test_markdown_text_is_verbatim(nimbus_md):
    doc = load(nimbus_md)
    assert doc.text == nimbus_md.read_text(encoding="utf-8")
    assert doc.format == "md"
    assert doc.pages == [] and doc.page_at(100) is None
    assert len(doc.sha256) == 64 and doc.size_bytes == nimbus_md.stat().st_size


def test_markdown_sections_cite_the_clause(nimbus_md):
    doc = load(nimbus_md)
    cap = doc.text.index("EACH PARTY'S TOTAL AGGREGATE LIABILITY")
    assert doc.section_at(cap).heading == "10.2 CAP"
    parents = [s for s in doc.sections if s.start <= cap < s.end]
    assert [(s.heading, s.level) for s in parents] == [
        ("Nimbus AI Services Agreement", 1),
        ("10. Limitation of Liability", 2),
        ("10.2 CAP", 3),
    ]
    for s in doc.sections:
        assert doc.text[s.start :].lstrip("# ").startswith(s.heading.split()[0])


def test_untitled_numbered_clause_belongs_to_its_heading(nimbus_md):
    doc = load(nimbus_md)
    definition = doc.text.index('"Inputs" means')
    assert doc.section_at(definition).heading == "1. Definitions"


@pytest.mark.parametrize(
    ("text", "markdown", "expected"),
    [
        (
            "L.3. **Limits on Liability.**\n\nL.3.a. Except as stated ...\n",
            True,
            [("L.3 Limits on Liability", 2)],
        ),
        (
            "A. Services\n-----------\n\nA.1. **Overview.** Subject to these Terms.\n",
            True,
            [("A. Services", 2), ("A.1 Overview", 3)],
        ),
        ("Title\n=====\n", False, [("Title", 1)]),
        (
            "ARTICLE IV\nLIMITATION OF LIABILITY\n\n4.1 Cap. Liability is capped.\n",
            False,
            [("ARTICLE IV LIMITATION OF LIABILITY", 1), ("4.1 Cap", 2)],
        ),
        ("Section 4.2 Audit Rights\n\nThe vendor may audit.\n", False, [("Section 4.2 Audit Rights", 2)]),
        (
            "12.3 Entire Agreement. This Agreement is the entire agreement.\n",
            False,
            [("12.3 Entire Agreement", 2)],
        ),
        ("INDEMNIFICATION\n\nEach party will defend.\n", False, [("INDEMNIFICATION", 1)]),
        ('1.1 "Fees" means the fees in the Order Form.\n', False, []),
        ("12.3 of this Agreement applies to the Customer.\n", False, []),
        ("I am not a heading. Nor is this.\n", False, []),
        ("1\n\n2020 was a year.\n", False, []),
        ("Article II and Section 5.4\n", False, []),
        ("H.\nthe vendor shall pay.\n", False, []),
        (
            "12.\nLimitation of Liability\nNeither party is liable.\n",
            False,
            [("12. Limitation of Liability", 1)],
        ),
        ("Accepted by the customer\n------------------------\n", False, []),
        ("Fees\n----\n", False, [("Fees", 2)]),
        ("BNL\n", False, []),
        (
            "**Schedule 1 - Details of Processing**\n\n"
            "A. List of Parties\n-----\n\n"
            "B.1. **Categories of data**: Any.\n",
            True,
            [
                ("Schedule 1 - Details of Processing", 1),
                ("A. List of Parties", 2),
                ("B.1 Categories of data", 3),
            ],
        ),
        ("EXHIBIT A\n\nPricing follows.\n", False, [("EXHIBIT A", 1)]),
        ("Exhibit A shows the prices.\n", False, []),
    ],
    ids=[
        "md-letter-number-bold",
        "setext-and-inline",
        "setext-equals",
        "article-with-title-below",
        "section-keyword",
        "inline-title",
        "all-caps",
        "definition-not-heading",
        "wrapped-reference",
        "roman-i-sentence",
        "page-number-and-year",
        "reference-not-heading",
        "bare-letter-then-body",
        "bare-number-title-below",
        "signature-rule-in-txt",
        "setext-in-txt",
        "short-caps-abbreviation",
        "schedule-bold-and-sentence-case-bold-lead-in",
        "exhibit-heading",
        "exhibit-reference",
    ],
)
def test_heading_detection(text, markdown, expected):
    assert [(s.heading, s.level) for s in find_sections(text, markdown=markdown)] == expected


def test_hash_headings_only_in_markdown():
    assert find_sections("# Not a heading in txt\n", markdown=False) == []
    assert [s.heading for s in find_sections("# Heading\n", markdown=True)] == ["Heading"]


def test_section_ends_at_next_heading_of_same_level():
    doc = load_text("1. One\nbody one\n1.1 Sub\nsub body\n2. Two\nbody two\n")
    one, sub, two = doc.sections
    assert doc.text[one.start : one.end] == "1. One\nbody one\n1.1 Sub\nsub body\n"
    assert doc.text[sub.start : sub.end] == "1.1 Sub\nsub body\n"
    assert two.end == len(doc.text)


def test_non_utf8_text_loads_with_warning(tmp_path):
    p = tmp_path / "legacy.txt"
    p.write_bytes("The Supplier\x92s liability \x93cap\x94.".encode("latin-1"))
    doc = load(p)
    assert doc.text == "The Supplier\u2019s liability \u201ccap\u201d."
    assert len(doc.warnings) == 1
    assert "legacy.txt" in doc.warnings[0] and "cp1252" in doc.warnings[0] and "UTF-8" in doc.warnings[0]


def test_crlf_offsets_point_into_original_text(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"1. Fees\r\nCustomer pays.\r\n2. Term\r\nOne year.\r\n")
    doc = load(p)
    assert [doc.text[s.start : s.start + 7] for s in doc.sections] == ["1. Fees", "2. Term"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**1\\. Who we are.**\n-------------------\n\nWe build things.\n", [("1. Who we are", 2)]),
        ("[**Welcome to Nimbus!**](#welcome)\n-----\n\nHello.\n", [("Welcome to Nimbus!", 2)]),
        ("THE SERVICES ARE PROVIDED AS IS.\n\nMore text.\n", []),
        (
            "## 2. Accounts\n\n**Minimum age.** You must be 18.\n\nYou may close your account.\n",
            [("2. Accounts", 2), ("Minimum age", 3)],
        ),
        (
            "## Access\n\nRegistration. You must give accurate details.\n",
            [("Access", 2), ("Registration", 3)],
        ),
        ("## Access\n\nPlease note: we may change this.\n", [("Access", 2)]),
        (
            "## Ending\n\n**Termination and Suspension**\n\nWe may suspend you.\n",
            [("Ending", 2), ("Termination and Suspension", 3)],
        ),
    ],
    ids=[
        "escaped-number",
        "linked-heading",
        "caps-sentence",
        "bold-run-in-title",
        "plain-run-in-title",
        "sentence-case-lead-is-no-title",
        "bold-line-heading",
    ],
)
def test_markdown_headings_read_as_a_reader_sees_them(text, expected):
    assert [(s.heading, s.level) for s in find_sections(text, markdown=True)] == expected


def test_a_run_in_title_governs_its_own_paragraph_only():
    doc = load_text(
        "## 2. Accounts\n\n**Minimum age.** You must be 18.\n\nYou may close your account.\n", format="md"
    )
    assert doc.section_at(doc.text.index("You must")).heading == "Minimum age"
    assert doc.section_at(doc.text.index("You may close")).heading == "2. Accounts"
