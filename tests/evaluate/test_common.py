import pytest

from signoff.errors import SignoffError
from signoff.evaluate.common import covers_half, locate, overlaps, prf, read_predictions


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("The cap is fees paid.", "fees paid", (11, 20)),
        ("The cap is\n  fees\tpaid.", "fees paid", (13, 22)),
        ("The cap is fees paid.", "  fees \n paid ", (11, 20)),
        ("The cap is fees paid.", "fees owed", None),
        ("The cap is fees paid.", "", None),
        ("The cap is fees paid.", None, None),
        ("The cap is fees paid.", "   ", None),
        ("The cap is FEES paid.", "fees paid", None),
    ],
    ids=["exact", "rewrapped-text", "rewrapped-quote", "absent", "empty", "none", "blank", "case-sensitive"],
)
def test_locate_finds_quotes_whitespace_insensitively(text, quote, expected):
    assert locate(text, quote) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 10), (5, 30), True),  # shares exactly half of the shorter
        ((0, 10), (6, 30), False),  # shares 4 of 10
        ((0, 100), (40, 44), True),  # a short gold span inside a long finding
        ((0, 10), (10, 20), False),  # touching is not overlapping
        ((0, 10), (20, 30), False),
    ],
    ids=["half-of-shorter", "under-half", "contained", "touching", "disjoint"],
)
def test_overlap_needs_half_of_the_shorter_span(a, b, expected):
    assert overlaps(a, b) is expected
    assert overlaps(b, a) is expected


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        ((0, 5), (0, 10), True),
        ((0, 4), (0, 10), False),
        ((0, 100), (40, 50), True),
        ((20, 30), (0, 10), False),
    ],
    ids=["half", "under-half", "covers", "disjoint"],
)
def test_gold_hit_needs_half_of_the_gold_quote(pred, gold, expected):
    assert covers_half(pred, gold) is expected


def test_prf_is_zero_not_an_error_when_undefined():
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    p, r, f = prf(3, 1, 2)
    assert (p, r) == (0.75, 0.6)
    assert f == pytest.approx(2 * 0.75 * 0.6 / 1.35)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"document": {"path": "a.txt"}, "findings": []}\nnot json\n', "pred.jsonl:2: not JSON"),
        ('{"findings": []}\n', "pred.jsonl:1: no document.path"),
        ('{"document": {"path": "a.txt"}, "findings": {}}\n', "pred.jsonl:1: findings is not a list"),
    ],
    ids=["bad-json", "no-path", "findings-not-list"],
)
def test_bad_predictions_file_names_file_and_line(tmp_path, content, message):
    (tmp_path / "pred.jsonl").write_text(content, encoding="utf-8")
    with pytest.raises(SignoffError, match=message):
        read_predictions(tmp_path / "pred.jsonl")


def test_later_record_of_a_document_replaces_earlier(tmp_path):
    from signoff.evaluate.common import findings_by

    recs = [
        {"document": {"path": "x/a.txt"}, "findings": [1]},
        {"document": {"path": "y/a.txt"}, "findings": [2]},
    ]
    assert findings_by(recs, key=lambda n: n) == {"a.txt": [2]}
