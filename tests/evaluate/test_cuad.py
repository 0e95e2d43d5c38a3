import pytest

from signoff.errors import SignoffError
from signoff.evaluate.cuad import days_of, norm_place, read_labels, score_cuad

from .helpers import finding, record, span, write_cuad

CAP = "Liability shall not exceed the fees paid in the prior twelve months."
RENEW = "This Agreement renews unless either party gives notice sixty (60) days before the end of the term."
LAW = "This Agreement is governed by the laws of the State of New York."
AUDIT = "Customer may audit Vendor's records once a year."
TEXT_A = f"1. Liability. {CAP}\n\n2. Term. {RENEW}\n\n3. Law. {LAW}\n\n4. Audit. {AUDIT}\n"
TEXT_B = "Vendor shall maintain general liability insurance. Either party may end this for convenience.\n"


@pytest.fixture
def cuad(tmp_path):
    return write_cuad(
        tmp_path,
        {
            "a.txt": (
                TEXT_A,
                {
                    "Cap on Liability": ("", [span(TEXT_A, CAP)]),
                    "Notice Period to Terminate Renewal": (
                        "sixty (60) days",
                        [span(TEXT_A, "notice sixty (60) days")],
                    ),
                    "Governing Law": ("New York", [span(TEXT_A, LAW)]),
                    "Audit Rights": ("", [span(TEXT_A, AUDIT)]),
                },
            ),
            # CUAD could not place this span: the contract has the clause, but there is no span to hit
            "b.txt": (TEXT_B, {"Insurance": ("", [{"text": "insurance", "start": None, "end": None}])}),
        },
    )


PREDICTIONS = [
    record(
        "contracts/a.txt",
        finding("liability_cap", CAP.replace("the fees", "the\n   fees")),  # re-wrapped quote
        finding("consequential_damages_exclusion", "Customer may audit Vendor's records"),  # off-target span
        finding("renewal_notice", RENEW, notice_days=60),
        finding("governing_law", LAW, jurisdiction="State of New York"),
    ),
    record(
        "b.txt",
        finding("insurance", "words that are not in the contract"),
        finding("termination_for_convenience", "Either party may end this for convenience."),
    ),
]


def test_category_scores(cuad):
    r = score_cuad(PREDICTIONS, read_labels(cuad / "labels.jsonl"), cuad / "contracts")
    cap = r.categories["Cap on Liability"]
    assert (cap.doc_p, cap.doc_r, cap.doc_f1) == (1.0, 1.0, 1.0)
    assert (cap.span_p, cap.span_r) == (0.5, 1.0)  # both cap clause ids count; one misses the gold span
    ins = r.categories["Insurance"]
    assert (ins.doc_r, ins.span_p, ins.span_r, ins.n_gold_spans) == (1.0, 0.0, 0.0, 0)
    tfc = r.categories["Termination for Convenience"]
    assert (tfc.doc_p, tfc.doc_f1, tfc.span_p) == (0.0, 0.0, 0.0)
    audit = r.categories["Audit Rights"]
    assert (audit.doc_r, audit.span_r) == (0.0, 0.0)
    assert r.categories["Notice Period to Terminate Renewal"].value_acc == 1.0
    assert r.categories["Governing Law"].value_acc == 1.0
    assert r.categories["Insurance"].value_acc is None
    assert r.documents["a.txt"].missed == ["Audit Rights"]
    assert r.documents["b.txt"].spurious == ["Termination for Convenience"]


def test_summary_is_the_mean_over_the_eight_categories(cuad):
    r = score_cuad(PREDICTIONS, read_labels(cuad / "labels.jsonl"), cuad / "contracts")
    f1s = [c.doc_f1 for c in r.categories.values()]
    assert len(f1s) == 8
    assert r.summary.mean_doc_f1 == pytest.approx(sum(f1s) / 8)
    assert (r.summary.missing_docs, r.summary.docs) == (0, 2)


def test_offsets_are_never_trusted(cuad):
    labels = read_labels(cuad / "labels.jsonl")
    good = span(TEXT_A, AUDIT)
    wrong_quote = {
        "clause": "audit_rights",
        "text": "not in the text",
        "start": good["start"],
        "end": good["end"],
    }
    r = score_cuad([record("a.txt", wrong_quote)], labels, cuad / "contracts")
    assert r.categories["Audit Rights"].span_r == 0.0
    assert r.summary.missing_docs == 1


@pytest.mark.parametrize(
    ("clause", "values", "acc"),
    [
        ("governing_law", {"jurisdiction": "new york"}, 1.0),
        ("governing_law", {"jurisdiction": "Laws of New-York"}, 1.0),
        ("governing_law", {"jurisdiction": "Delaware"}, 0.0),
        ("governing_law", {}, 0.0),
        ("renewal_notice", {"notice_days": 60}, 1.0),
        ("renewal_notice", {"notice_days": 60.0}, 1.0),
        ("renewal_notice", {"notice_days": 2}, 0.0),
        ("renewal_notice", {"notice_days": "60"}, 0.0),
    ],
    ids=[
        "law-case",
        "law-laws-of-punct",
        "law-wrong",
        "law-missing",
        "days",
        "days-float",
        "days-wrong",
        "days-str",
    ],
)
def test_value_accuracy(cuad, clause, values, acc):
    cat = "Governing Law" if clause == "governing_law" else "Notice Period to Terminate Renewal"
    text = LAW if clause == "governing_law" else RENEW
    r = score_cuad(
        [record("a.txt", finding(clause, text, **values))],
        read_labels(cuad / "labels.jsonl"),
        cuad / "contracts",
    )
    assert r.categories[cat].value_acc == acc


@pytest.mark.parametrize(
    ("answer", "days"),
    [
        ("90 days", 90),
        ("sixty (60) days", 60),
        ("Three months", 90),
        ("1 year", 365),
        ("two weeks", 14),
        ("at least 30 days prior", 30),
        ("no notice stated", None),
        ("", None),
    ],
    ids=["digits", "word-and-digits", "months", "year", "weeks", "in-sentence", "none", "empty"],
)
def test_days_of(answer, days):
    assert days_of(answer) == days


@pytest.mark.parametrize(
    ("place", "norm"),
    [
        ("State of New York", "newyork"),
        ("the laws of Delaware", "thedelaware"),
        ("England & Wales", "englandwales"),
        (None, ""),
    ],
    ids=["state-of", "laws-of", "punctuation", "none"],
)
def test_norm_place(place, norm):
    assert norm_place(place) == norm


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{oops\n", r"labels.jsonl:1: not JSON"),
        ('{"file": "a.txt"}\n', r"labels.jsonl:1: expected"),
        (
            '{"file": "a.txt", "labels": {}}\n',
            r"labels.jsonl:1: a.txt: no labels for CUAD category 'Cap on Liability'",
        ),
        ("\n", r"no labelled contracts"),
    ],
    ids=["bad-json", "no-labels", "missing-category", "empty"],
)
def test_bad_labels_file(tmp_path, content, message):
    (tmp_path / "labels.jsonl").write_text(content, encoding="utf-8")
    with pytest.raises(SignoffError, match=message):
        read_labels(tmp_path / "labels.jsonl")
