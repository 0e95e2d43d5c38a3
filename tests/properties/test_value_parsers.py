"""Property tests (issue 14): whatever text reaches a value parser or an answer validator, it gives
a value or signoff's own one-line error, never another exception. Hypothesis writes the texts;
the `example`s are the hostile ones found by hand (a 400-digit number, a 300-character path,
`~nosuchuser/x`, a NUL byte)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from signoff.assess import AnswerError, load_checklist, parse_answer
from signoff.durations import format_duration, parse_duration
from signoff.extract.clause_values import Context, clause_values
from signoff.extract.library import load_catalogue
from signoff.extract.values import find_durations, find_money, find_multiplier, parse_number, words_to_number

HOSTILE = [
    "9" * 400,
    "9" * 400 + " days",
    "9" * 400 + "h",
    "1" + "0" * 400 + ".5 weeks",
    "x" * 300,
    "/" + "a" * 299,
    "~nosuchuser/x",
    "report\0.pdf",
    "\0",
    "ninety " * 200 + "days",
    "$" + "9" * 400,
    "9" * 400 + " times the fees",
    "1e400",
    "-inf",
    "nan",
    "\ufeff\u202e12 days",
]
# text that looks like contract values: numbers, number words, units, money, separators
PIECES = st.sampled_from(
    ["9" * 40, "12", "1,000", "0.5", "thirty", "hundred", "and", "-", " ", "days", "business", "h",
     "m", "weeks", "months", "$", "€", "USD", "times", "fees", "(", ")", "%", ".", ",", "\0", "~"]
)  # fmt: skip
TEXTS = st.one_of(st.text(), st.lists(PIECES, max_size=30).map("".join))
TODAY = date(2026, 11, 20)
# The property checks that nothing raises, not speed; tmp_path is reused safely across examples.
PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _examples(test):
    for text in HOSTILE:
        test = example(text)(test)
    return test


@PROPERTY
@given(TEXTS)
@_examples
def test_number_and_value_finders_return_values_or_nothing(text):
    assert words_to_number(text) is None or isinstance(words_to_number(text), int)
    number = parse_number(text)
    assert number is None or isinstance(number, float)
    for d in find_durations(text):
        assert min(d.days, d.hours, d.months) >= 0
    for money in find_money(text):
        money.as_value()
    find_multiplier(text)


@PROPERTY
@given(TEXTS)
@_examples
def test_a_duration_is_read_or_refused_and_read_back_the_same(text):
    seconds = parse_duration(text)
    if seconds is not None:
        assert parse_duration(format_duration(seconds)) == seconds


CLAUSES = load_catalogue().clauses


def _read_clause(info, text: str, party: str | None) -> None:
    lead = "The Provider shall " + text
    values = clause_values(info, Context(text, lead, lead + " " + text, party, len(lead) - len(text)))
    assert values is None or isinstance(values, dict)


@PROPERTY
@given(st.sampled_from(CLAUSES), TEXTS, st.sampled_from([None, "vendor", "customer", "mutual"]))
def test_every_clause_normaliser_reads_any_quote(info, text, party):
    _read_clause(info, text, party)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_every_clause_normaliser_reads_the_hostile_quotes(text):
    for info in CLAUSES:
        _read_clause(info, text, "vendor")


ITEMS = list(load_checklist().items())


def _answer(item, text: str, workspace: Path) -> None:
    try:
        parse_answer(item, text, workspace, TODAY)
    except AnswerError as e:
        assert e.message.startswith(f"{item.id}: ") and "\n" not in e.message


@PROPERTY
@given(st.sampled_from(ITEMS), TEXTS)
def test_every_answer_is_stored_or_refused_with_its_reason(tmp_path, item, text):
    _answer(item, text, tmp_path)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_every_item_takes_the_hostile_answers_or_refuses_them(tmp_path: Path, text):
    for item in ITEMS:
        _answer(item, text, tmp_path)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_evidence_paths_are_refused_in_one_line(tmp_path: Path, text):
    item = next(i for i in ITEMS if i.type == "evidence")
    with pytest.raises(AnswerError, match=f"^{item.id}: ") as refused:
        parse_answer(item, text, tmp_path, TODAY)
    assert "\n" not in refused.value.message
