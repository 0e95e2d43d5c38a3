"""Clause segmentation: sentences, numbered sub-clauses, lead-ins with their items."""

import pytest

from signoff.extract.segment import inline_items, segment


def _texts(text):
    return [text[u.start : u.end] for u in segment(text)]


def test_sentences_do_not_split_at_abbreviations_or_clause_numbers():
    text = (
        "1.1 Acme Inc. will pay the Fees, e.g. the monthly fee. The U.S. law applies.\n\n"
        "1.2 Next clause here."
    )
    assert _texts(text) == [
        "1.1 Acme Inc. will pay the Fees, e.g. the monthly fee.",
        "The U.S. law applies.",
        "1.2 Next clause here.",
    ]


def test_inline_sub_clauses_are_items_of_their_sentence():
    text = "The liability of each party (i) excludes indirect damages and (ii) is limited to the Fees paid."
    (unit,) = segment(text)
    assert [text[s:e] for s, e in unit.items] == [
        "(i) excludes indirect damages",
        "(ii) is limited to the Fees paid.",
    ]
    assert text[unit.start : unit.lead_end] == "The liability of each party "


def test_references_inside_a_sentence_are_not_items():
    text = "as set out in Section 10(a) and subject to (b) above, the Fees apply."
    assert inline_items(text, 0, len(text)) == []


def test_lead_in_with_numbered_lines_is_one_unit():
    text = (
        "H.1. Within thirty (30) days, Provider will:\n\n"
        "H.1.a. return the data; and\n\nH.1.b. delete all copies.\n\nH.2. Other."
    )
    units = segment(text)
    assert text[units[0].start : units[0].end].endswith("delete all copies.")
    assert len(units[0].items) == 2
    assert text[units[1].start : units[1].end] == "H.2. Other."


def test_all_caps_paragraph_splits_into_sentences():
    text = "EXCEPT AS SET OUT HEREIN, THE SERVICES ARE PROVIDED AS IS. PROVIDER DISCLAIMS ALL WARRANTIES."
    assert len(segment(text)) == 2


@pytest.mark.parametrize("furniture", ["12", "- 12 -", "Page 3 of 9", "Source: ACME INC, 10-K, 3/1/2011"])
def test_a_sentence_runs_on_across_a_page_number_or_source_line(furniture):
    first = "IN NO EVENT SHALL EITHER PARTY'S AGGREGATE LIABILITY UNDER THIS AGREEMENT EXCEED THE"
    text = f"{first}\n\n{furniture}\n\nFEES PAID IN THE TWELVE MONTHS BEFORE THE CLAIM.\n\n10.3 Next clause."
    units = _texts(text)
    assert units[0].startswith(first) and units[0].endswith("BEFORE THE CLAIM.")
    assert units[1] == "10.3 Next clause."


def test_a_page_number_after_a_finished_sentence_still_ends_the_paragraph():
    text = "The Fees are due within thirty days of the invoice.\n\n4\n\nProvider may suspend the Services."
    assert _texts(text) == [
        "The Fees are due within thirty days of the invoice.",
        "Provider may suspend the Services.",
    ]


def test_an_empty_blockquote_line_separates_paragraphs():
    text = "> First provision ends here.\n> \n> _Governing Law_\n>\n"
    text += "> These Terms are governed by Danish law.\n"
    blocks = [text[u.block[0] : u.block[1]] for u in segment(text)]
    assert any(b.strip().startswith("> These Terms") or b.strip().startswith("These Terms") for b in blocks)
    assert not any("First provision" in b and "Danish" in b for b in blocks)


def test_a_paragraph_ending_in_bold_after_its_full_stop_ends_there():
    first = "**9.5 Waiver.** You resolve disputes individually. **You waive any right to class actions.**"
    text = first + "\n\n**9.6 EU members.** If you are based in the EU, the law of your residence applies.\n"
    blocks = [text[u.block[0] : u.block[1]] for u in segment(text)]
    assert not any("class actions" in b and "EU members" in b for b in blocks)


def test_markdown_heading_without_blank_line_is_not_part_of_the_clause():
    text = "## 1. Liability\nAcme's total liability will not exceed the fees paid.\n"
    assert "Acme's total liability will not exceed the fees paid." in _texts(text)
    assert not any(t.startswith("Liability") and "Acme" in t for t in _texts(text))
