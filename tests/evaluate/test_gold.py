import pytest

from signoff.errors import SignoffError
from signoff.evaluate.gold import read_gold, score_gold, value_ok

from .helpers import CAP_QUOTE, GOLD_YAML, TFC_QUOTE, finding, record, write_gold

CAP_PART = "total liability is limited to fees paid in the previous"  # 55 of the gold quote's 79 characters


def score(tmp_path, *findings, gold_yaml=GOLD_YAML):
    gold_dir, docs_dir = write_gold(tmp_path, gold_yaml)
    return score_gold([record("out/doc.md", *findings)], read_gold(gold_dir), docs_dir)


def test_recall_values_absent_and_false_positives(tmp_path):
    r = score(
        tmp_path,
        finding("liability_cap", CAP_PART, basis="Fees Paid", period_months=12.0),
        finding("termination_for_convenience", "Either party may terminate"),  # under half of the gold quote
        finding("termination_for_convenience", TFC_QUOTE, notice_days=60),
        finding("audit_rights", "Either party"),  # a clause the gold marks absent
    )
    s = r.summary
    assert (s.recall, s.gold, s.predictions) == (1.0, 2, 4)
    assert s.value_acc == pytest.approx(
        2 / 3
    )  # basis and period right, notice days wrong; null amount not scored
    assert (s.absent_ok, s.false_pos_rate) == (0.5, 0.25)
    assert r.docs["doc"].missed == []
    assert s.page_acc is None


def test_a_gold_finding_needs_the_same_clause(tmp_path):
    r = score(tmp_path, finding("liability_carve_out", CAP_PART))
    assert r.summary.recall == 0.0
    assert r.docs["doc"].missed == ["liability_cap", "termination_for_convenience"]
    assert r.summary.absent_ok == 1.0


def test_first_qualifying_prediction_supplies_the_values(tmp_path):
    r = score(
        tmp_path,
        finding("liability_cap", CAP_QUOTE, basis="fixed_amount"),
        finding("liability_cap", CAP_PART, basis="fees_paid", period_months=12),
    )
    assert r.docs["doc"].vok == 0
    assert r.docs["doc"].vals == 2


def test_gold_quote_in_markdown_is_located_verbatim_in_md(tmp_path):
    r = score(tmp_path, finding("liability_cap", "Vendor's total liability is limited to fees paid"))
    assert r.docs["doc"].hit == 0  # the Markdown text has "**Vendor's**": no skeleton reduction for md


def test_predictions_for_other_documents_are_ignored(tmp_path):
    gold_dir, docs_dir = write_gold(tmp_path)
    r = score_gold([record("other.md", finding("audit_rights", "x"))], read_gold(gold_dir), docs_dir)
    assert (r.summary.predictions, r.summary.false_pos_rate, r.summary.absent_ok) == (0, 0.0, 1.0)


@pytest.mark.parametrize(
    ("gold", "got", "ok"),
    [
        ("fees_paid", "Fees Paid", True),
        ("New York", "the State of New York", True),
        ("", "", False),
        (["indemnification"], ["confidentiality", "Indemnification"], True),
        (["indemnification", "fraud"], ["indemnification"], False),
        (["indemnification"], "indemnification", False),
        ({"value": 1000000, "currency": "USD"}, {"value": 1e6, "currency": "usd"}, True),
        ({"value": None, "currency": "USD"}, {"currency": "USD"}, True),
        (30, 30.0, True),
        (30, 31, False),
        (True, True, True),
        (False, None, False),
        (None, None, True),
    ],
    ids=[
        "str-norm",
        "str-contained",
        "str-empty",
        "list-subset",
        "list-missing",
        "list-vs-str",
        "dict",
        "dict-null",
        "int-float",
        "int-wrong",
        "bool",
        "bool-vs-none",
        "none",
    ],
)
def test_value_normalisation(gold, got, ok):
    assert value_ok(gold, got) is ok


@pytest.mark.parametrize(
    ("gold_yaml", "message"),
    [
        (GOLD_YAML.replace("absent:", "absnet:"), r"doc.yaml:\d+: absnet: Extra inputs"),
        (GOLD_YAML.replace('    quote: "Either', '    qoute: "Either'), r"doc.yaml:\d+: findings.1"),
        (GOLD_YAML.replace("document: doc.md\n", ""), r"doc.yaml:1: document: Field required"),
        ("document: [oops\n", r"doc.yaml:\d+: not valid YAML"),
    ],
    ids=["unknown-key", "misspelt-quote", "no-document", "bad-yaml"],
)
def test_bad_gold_file_names_file_and_line(tmp_path, gold_yaml, message):
    gold_dir, _ = write_gold(tmp_path, gold_yaml)
    with pytest.raises(SignoffError, match=message):
        read_gold(gold_dir)


def test_missing_document_is_a_clear_error(tmp_path):
    gold_dir, docs_dir = write_gold(tmp_path, doc=None)
    with pytest.raises(SignoffError, match=r"doc.md: gold document .* not found|doc.md: gold document"):
        score_gold([], read_gold(gold_dir), docs_dir)


@pytest.mark.parametrize("make", ["missing", "empty"], ids=["no-folder", "no-yaml"])
def test_gold_folder_problems(tmp_path, make):
    folder = tmp_path / "gold"
    if make == "empty":
        folder.mkdir()
    with pytest.raises(SignoffError, match="no .yaml gold files" if make == "empty" else "not a folder"):
        read_gold(folder)
