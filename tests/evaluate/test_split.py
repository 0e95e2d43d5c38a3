"""The tuning/checking split of the vendor-terms gold: gathering a half, per-clause counts, vendor names."""

import pytest

from signoff.errors import InputFileError
from signoff.evaluate.gold import read_gold, score_gold
from signoff.evaluate.split import by_clause, gather, read_split, vendor_named, vendor_rows

from .helpers import CAP_QUOTE, GOLD_YAML, finding, record, write_gold


def _dir(path):
    path.mkdir()
    return path


def test_a_half_gathers_gold_and_documents_from_each_corpus(tmp_path):
    gold_dir, docs_dir = write_gold(_dir(tmp_path / "src"), GOLD_YAML)
    out = gather(["mine/doc"], {"mine": (gold_dir, docs_dir)}, tmp_path / "half")
    assert sorted(p.name for p in (out / "gold").iterdir()) == ["doc.yaml"]
    assert sorted(p.name for p in (out / "docs").iterdir()) == ["doc.md"]


@pytest.mark.parametrize(
    ("name", "message"), [("other/doc", "no corpus 'other'"), ("mine/missing", "missing.yaml")]
)
def test_a_name_the_split_cannot_find_is_an_error(tmp_path, name, message):
    gold_dir, docs_dir = write_gold(_dir(tmp_path / "src"), GOLD_YAML)
    with pytest.raises(InputFileError, match=message):
        gather([name], {"mine": (gold_dir, docs_dir)}, tmp_path / "half")


def test_counts_per_clause_add_up_to_the_summary(tmp_path):
    gold_dir, docs_dir = write_gold(tmp_path, GOLD_YAML)
    res = score_gold([record("doc.md", finding("liability_cap", CAP_QUOTE, basis="fees_paid"))],
                     read_gold(gold_dir), docs_dir)  # fmt: skip
    counts = by_clause(res)
    assert counts["liability_cap"].hit == 1 and counts["termination_for_convenience"].hit == 0
    assert sum(c.gold for c in counts.values()) == res.summary.gold


@pytest.mark.parametrize(
    ("gold", "got", "right"),
    [
        ("Anthropic", "Anthropic PBC", True),
        ("xAI", "X.AI", True),
        ("OpenAI", "Developer", False),
        ("X", None, False),
    ],
)
def test_a_vendor_is_named_right_when_one_name_holds_the_other(gold, got, right):
    assert vendor_named(gold, got) is right


def test_vendor_rows_pair_each_gold_document_with_its_prediction():
    rows = vendor_rows(
        [{"document": {"path": "a/doc.md"}, "vendor": "Nimbus Inc"}], {"doc": "Nimbus", "other": "Acme"}
    )
    assert rows == [("doc", "Nimbus", "Nimbus Inc", True), ("other", "Acme", "", False)]


def test_the_project_split_keeps_every_vendor_in_one_half():
    from pathlib import Path

    split = read_split(Path(__file__).resolve().parents[2] / "benchmarks" / "gold" / "split.yaml")
    vendor = lambda name: name.split("/")[1].split("-")[0]  # noqa: E731
    assert not {vendor(n) for n in split.tuning} & {vendor(n) for n in split.checking}
    assert len(split.tuning) + len(split.checking) == 30
    assert len(split.checking) == 10  # the checking half never grows by tuning documents
