"""Value normalisers on real phrasings: durations, money, multipliers, jurisdictions."""

import pytest

from signoff.extract.clause_values import Context, acceptable_use
from signoff.extract.jurisdictions import find_jurisdictions
from signoff.extract.values import (
    find_durations,
    find_money,
    find_multiplier,
    words_to_number,
)


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("twelve", 12),
        ("seventy-two", 72),
        ("forty eight", 48),
        ("one hundred twenty", 120),
        ("two hundred and fifty", 250),
        ("one million", 1_000_000),
        ("banana", None),
    ],
    ids=lambda v: str(v),
)
def test_words_to_number(words, number):
    assert words_to_number(words) == number


@pytest.mark.parametrize(
    ("text", "days", "hours", "business"),
    [
        ("thirty (30) days", 30, 720, False),
        ("forty-eight hours", 2, 48, False),
        ("within 72 hours", 3, 72, False),
        ("two business days", 2, 48, True),
        ("five (5) working days", 5, 120, True),
        ("twelve (12) months", 360, 8640, False),
        ("one (1) year", 365, 8760, False),
        ("a 90-day period", 90, 2160, False),
        ("sixty (60)-day notice", 60, 1440, False),
        ("six weeks", 42, 1008, False),
        ("provides a thirty-day notice", 30, 720, False),
    ],
    ids=lambda v: str(v),
)
def test_durations(text, days, hours, business):
    (d,) = find_durations(text)
    assert (d.days, d.hours, d.business) == (days, hours, business)
    assert d.unit in text[d.start : d.end].lower()


def test_months_for_fee_periods():
    (d,) = find_durations("the fees paid in the twelve (12) months preceding the claim")
    assert d.months == 12


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("US$1,000,000", 1_000_000, "USD"),
        ("$2 million", 2_000_000, "USD"),
        ("one million dollars", 1_000_000, "USD"),
        ("EUR 500k", 500_000, "EUR"),
        ("€ 10,000", 10_000, "EUR"),
        ("£250,000", 250_000, "GBP"),
        ("500,000 USD", 500_000, "USD"),
        ("CAD 75,000.50", 75_000.5, "CAD"),
    ],
    ids=lambda v: str(v),
)
def test_money(text, value, currency):
    (m,) = find_money(text)
    assert m.as_value() == {"value": value, "currency": currency}


@pytest.mark.parametrize(
    ("text", "mult"),
    [
        ("two times the fees", 2),
        ("1.5x the annual fees", 1.5),
        ("twice the amounts paid", 2),
        ("three (3) times", 3),
        ("the fees paid", None),
    ],
    ids=lambda v: str(v),
)
def test_multiplier(text, mult):
    assert find_multiplier(text) == mult


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("governed by the laws of the State of New York, without regard to", "New York"),
        ("GOVERNED BY THE LAWS OF THE STATE OF NEW YORK, WITHOUT REGARD", "New York"),
        ("the Laws of Ireland; and", "Ireland"),
        ("construed under the laws of England and Wales.", "England and Wales"),
        ("the laws of the Commonwealth of Massachusetts", "Massachusetts"),
        ("the laws of the People's Republic of China", "People's Republic of China"),
        ("This Agreement is governed by English law.", "England and Wales"),
        (
            "governed by the internal laws, and not by the laws regarding conflicts, of the State of Ohio",
            "Ohio",
        ),
        ("will be governed by PRC Laws.", "People's Republic of China"),
        (
            "the laws of the Province of Ontario and the federal laws of Canada applicable therein",
            "Ontario, Canada",
        ),
        ("the laws of the United States of America and the State of Florida", "Florida"),
        ("Effective legislation of the Republic of Kazakhstan shall apply", "Republic of Kazakhstan"),
        ("This Agreement shall be governed by Minnesota law.", "Minnesota"),
        ("construed under New York law, without regard to its conflicts rules", "New York"),
    ],
    ids=lambda v: str(v),
)
def test_jurisdictions(text, place):
    assert find_jurisdictions(text)[0][0] == place


def test_federal_law_names_no_place():
    assert find_jurisdictions("This Agreement is governed by Federal law.") == []


def test_every_law_in_a_sentence_is_found():
    text = "(i) for Customers in the EEA, the Laws of Ireland; and (ii) for others, the laws of California."
    assert [p for p, _, _ in find_jurisdictions(text)] == ["Ireland", "California"]


@pytest.mark.parametrize(
    "quote, prohibited",
    [
        (
            "Customer will not use the Services (a) to provide **medical** advice; (b) to make automated "
            "decisions about individuals (as defined in Annex 2); or (c) to build a competing product.",
            [
                "to provide medical advice",
                "to make automated decisions about individuals",
                "to build a competing product",
            ],
        ),
        (
            "Users may only use the Services in compliance with (a) the [Usage Policy](https://ex.com/aup) "
            "(\u201cAUP\u201d), and (b) our [Regional Terms](https://example.com/regions), each of which is "
            "incorporated by reference.",
            ["the Usage Policy", "our Regional Terms"],
        ),
        (
            "Customer shall not use the Platform to send unsolicited messages, including marketing.",
            ["to send unsolicited messages"],
        ),
        ("Customer must keep its account credentials secret.", []),
    ],
    ids=["enumerated-with-markup", "markdown-links", "single-use", "no-restriction"],
)
def test_acceptable_use_lists_short_prohibited_uses(quote, prohibited):
    context = Context(quote=quote, lead=quote, block=quote, party="customer", quote_offset=0)
    assert acceptable_use(context) == {"prohibited": prohibited}


def test_a_long_prohibited_use_is_cut_at_a_word_with_an_ellipsis():
    quote = (
        "Customer will not (a) " + "operate the Services for any purpose whatsoever " * 4 + "; (b) resell."
    )
    items = acceptable_use(Context(quote=quote, lead=quote, block=quote, party=None, quote_offset=0))[
        "prohibited"
    ]
    assert len(items[0]) <= 101 and items[0].endswith("whatsoever…") and items[1] == "resell"
