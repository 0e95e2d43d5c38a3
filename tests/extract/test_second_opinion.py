"""The classifier's second opinion: findings it may add beside the rules', and absent claims it stops."""

import pytest
import spacy

from signoff.extract.classifier import unit_words

SUSPEND = "Provider may suspend the Services if the Customer does not pay. "
ODD = "The Provider can pause the Customer's use of the platform whenever it sees fit. "


@pytest.fixture
def scored(analyze, monkeypatch):
    """analyze() with the classifier replaced by fixed scores for the sentence ODD."""
    from signoff.extract.classifier import ClauseClassifier

    def fake_scores(self, lower_space, spans):
        last = len(spans) - 1  # ODD is the last sentence of every text these tests analyse
        return [{"suspension": 0.8, "insurance": 0.6} if i == last else {} for i in range(len(spans))]

    monkeypatch.setattr(ClauseClassifier, "score_spans", fake_scores)
    monkeypatch.setattr(ClauseClassifier, "available", property(lambda self: True))
    return analyze


def test_a_unit_scored_high_for_a_clause_the_rules_found_becomes_a_finding(scored):
    analysis = scored(SUSPEND + ODD)
    found = [(f.clause, f.rule, f.text[:22]) for f in analysis.findings if f.clause == "suspension"]
    assert ("suspension", "classifier", "The Provider can pause") in found
    assert any(rule != "classifier" for _, rule, _ in found)


def test_a_clause_only_doubted_is_not_claimed_absent(scored):
    analysis = scored(SUSPEND + ODD)
    assert "insurance" not in analysis.absent
    assert not any(f.clause == "insurance" for f in analysis.findings)
    assert any("possible insurance" in w and "not reported absent" in w for w in analysis.warnings)


def test_a_clause_the_rules_missed_needs_a_far_higher_score(scored):
    # suspension at 0.8 is below absent_override (0.9) when the rules found no suspension
    analysis = scored(ODD)
    assert not any(f.clause == "suspension" for f in analysis.findings)
    assert "suspension" not in analysis.absent  # but it is doubted, so not claimed absent either


def test_the_classifier_reads_words_without_markup():
    tokens = spacy.blank("en")("**5.4. No Training.** We will _not_ train   on\nYour Data.")
    assert unit_words(tokens) == [
        "5.4",
        ".",
        "no",
        "training",
        ".",
        "we",
        "will",
        "not",
        "train",
        "on",
        "your",
        "data",
        ".",
    ]
