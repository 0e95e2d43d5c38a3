"""The risk tier: derived from answers by the checklist's rules, raised freely, lowered only with approval."""

import pytest

from signoff.assess import AnswerError, evaluate, load_checklist

from .helpers import NEUTRAL, NIMBUS


@pytest.mark.parametrize(
    ("answers", "tier"),
    [
        ({"intents": ["faq"]}, "low"),
        ({"intents": ["shipping_status"]}, "low"),
        ({"intents": ["faq", "password_reset"]}, "medium"),
        ({"sensitive_domains": ["identity"]}, "medium"),
        ({"intents": ["refund_eligibility"]}, "medium_high"),
        ({"sensitive_domains": ["money"]}, "medium_high"),
        ({"customer_segment": "consumers_vulnerable"}, "medium_high"),
        ({"intents": ["account_closure"]}, "high"),
        ({"intents": ["data_deletion"]}, "high"),
        ({"intents": ["faq"], "irreversible_actions": ["issue_refund"]}, "high"),
        ({"sensitive_domains": ["regulated_service"]}, "high"),
        ({"intents": ["health_advice"]}, "critical"),
        ({"intents": ["faq", "legal_advice"]}, "critical"),
        ({"intents": ["financial_advice"], "irreversible_actions": ["none"]}, "critical"),
        ({"intents": ["password_reset", "refund_eligibility", "account_closure"]}, "high"),
        ({}, "low"),
    ],
    ids=[
        "faq",
        "shipping",
        "password-reset",
        "identity",
        "refund-guidance",
        "money",
        "vulnerable",
        "account-closure",
        "data-deletion",
        "irreversible-refund",
        "regulated",
        "health",
        "legal",
        "financial",
        "highest-wins",
        "nothing-answered",
    ],
)
def test_derived_tier_is_the_highest_any_answer_triggers(answers, tier):
    derivation = load_checklist().derive_tier({"customer_segment": "business", **answers})
    assert derivation.tier == tier


def test_tier_reasons_name_the_answers_that_set_it():
    derivation = load_checklist().derive_tier({"intents": ["faq", "refund_eligibility"]})
    assert derivation.reasons[0].item == "intents"
    assert derivation.reasons[0].tier == "medium_high"
    assert "Refund" in derivation.reasons[0].reason


def test_tier_is_provisional_until_every_use_case_answer_is_in():
    checklist = load_checklist()
    partial = checklist.derive_tier({"intents": ["faq"]})
    assert not partial.known
    assert set(partial.missing) == {"irreversible_actions", "sensitive_domains", "customer_segment"}
    full = checklist.derive_tier(
        {
            "intents": ["faq"],
            "irreversible_actions": ["none"],
            "sensitive_domains": ["none"],
            "customer_segment": "business",
        }
    )
    assert full.known and full.missing == []


def _answer_use_case(ws, intents):
    for item, value in {**NEUTRAL, "intents": intents}.items():
        ws.answer(item, value, "alice")


def test_raising_the_tier_needs_no_approval(ws):
    _answer_use_case(ws, "faq")
    ws.set_tier("high", "alice")
    ev = evaluate(ws)
    assert (ev.tier, ev.derived_tier) == ("high", "low")


def test_lowering_without_reason_and_approver_is_refused_and_not_saved(ws):
    _answer_use_case(ws, "refund_eligibility")
    revision = ws.assessment.revision
    with pytest.raises(
        AnswerError,
        match="below the derived tier medium-high; lowering it needs a reason and the person who approves it",
    ):
        ws.set_tier("low", "alice", reason="pilot")
    assert ws.assessment.revision == revision
    assert evaluate(ws).tier == "medium_high"


def test_lowering_needs_a_person_as_approver(ws):
    _answer_use_case(ws, "refund_eligibility")
    with pytest.raises(AnswerError, match="approver 'Risk Committee' names a team"):
        ws.set_tier("low", "alice", reason="pilot", approver="Risk Committee")
    assert ws.assessment.tier_override is None


def test_lowering_with_reason_and_approver_applies_and_is_explained(ws):
    _answer_use_case(ws, "refund_eligibility")
    ws.set_tier("medium", "alice", reason="refund answers are read-only links", approver="Sam Okafor")
    ev = evaluate(ws)
    assert ev.tier == "medium"
    assert "approved by Sam Okafor" in ev.tier_note


def test_a_lowered_tier_lapses_when_answers_later_derive_a_higher_one(ws):
    _answer_use_case(ws, "refund_eligibility")
    ws.set_tier("medium", "alice", reason="read-only", approver="Sam Okafor")
    ws.answer("intents", "refund_eligibility, account_closure", "alice")
    ev = evaluate(ws)
    assert ev.tier == "high"
    assert "no longer applies" in ev.tier_note


def test_critical_tier_is_blocked_until_a_compliance_review_is_recorded(ws, nimbus, tmp_path):
    _answer_use_case(ws, "health_advice")
    ws.add_contract(NIMBUS, "alice", analysis=nimbus)
    gap = next(g for g in evaluate(ws).gaps if g.id == "checklist.compliance_review")
    assert gap.severity == "blocker" and gap.open
    review = tmp_path / "compliance-review.pdf"
    review.write_bytes(b"%PDF-1.4 review")
    ws.answer("compliance_review", str(review), "alice")
    assert "checklist.compliance_review" not in {g.id for g in evaluate(ws).gaps}
