"""Gaps from the playbook against labelled contract findings, acceptances and their expiry, launch status."""

from datetime import UTC, date, datetime, timedelta

import pytest

from signoff import clock
from signoff.assess import (
    AnswerError,
    Assessment,
    TierOverride,
    accept_gap,
    evaluate,
    evaluate_assessment,
    load_checklist,
    load_playbook,
)
from signoff.errors import SignoffError
from signoff.models import Analysis, DocumentInfo, Finding

from .helpers import NIMBUS

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def at_tier(tier: str) -> Assessment:
    override = TierOverride(tier=tier, derived_tier="low", set_by="test", set_at=NOW)
    return Assessment(deployment="test", created_at=NOW, updated_at=NOW, tier_override=override)


def contract_gaps(tier: str, *analyses: Analysis) -> dict[str, str]:
    ev = evaluate_assessment(at_tier(tier), load_checklist(), load_playbook(), list(analyses))
    return {g.id: g.severity for g in ev.gaps if g.source == "contract"}


@pytest.mark.parametrize(
    ("tier", "expected"),
    [
        ("low", {}),
        ("medium", {}),
        ("medium_high", {}),
        (
            "high",
            {
                "contract.incident_notice": "blocker",
                "contract.liability_carve_out": "major",
                "contract.audit": "major",
                "contract.subprocessor_notice": "minor",
            },
        ),
        (
            "critical",
            {
                "contract.incident_notice": "blocker",
                "contract.liability_carve_out": "major",
                "contract.audit": "major",
                "contract.subprocessor_notice": "minor",
                "contract.permitted_use": "major",
            },
        ),
    ],
    ids=["low", "medium", "medium_high", "high", "critical"],
)
def test_nimbus_contract_gaps_per_tier(nimbus, tier, expected):
    assert contract_gaps(tier, nimbus) == expected


@pytest.mark.parametrize(
    ("tier", "expected"),
    [
        (
            "low",
            {
                "contract.data_return_deletion": "minor",
                "contract.termination_for_convenience": "minor",
                "contract.terms_change_notice": "minor",
                "contract.vendor_ip_indemnity": "minor",
            },
        ),
        (
            "medium",
            {
                "contract.no_training": "major",
                "contract.data_return_deletion": "major",
                "contract.termination_for_convenience": "minor",
                "contract.incident_notice": "major",
                "contract.terms_change_notice": "major",
                "contract.vendor_ip_indemnity": "major",
                "contract.audit": "major",
            },
        ),
        (
            "medium_high",
            {
                "contract.no_training": "major",
                "contract.data_return_deletion": "major",
                "contract.termination_for_convenience": "major",
                "contract.incident_notice": "major",
                "contract.terms_change_notice": "major",
                "contract.vendor_ip_indemnity": "major",
                "contract.audit": "major",
                "contract.liability_cap": "major",
            },
        ),
    ],
    ids=["low", "medium", "medium_high"],
)
def test_one_sided_contract_gaps_per_tier(quickbot, tier, expected):
    assert contract_gaps(tier, quickbot) == expected


def _gap(tier, gap_id, *analyses):
    ev = evaluate_assessment(at_tier(tier), load_checklist(), load_playbook(), list(analyses))
    return next(g for g in ev.gaps if g.id == gap_id)


def test_a_failing_clause_cites_its_quote_and_says_what_is_wrong(nimbus):
    gap = _gap("high", "contract.incident_notice", nimbus)
    assert gap.problem == "notice window is 72 hours, needs at most 48 hours"
    assert gap.requirement == "The vendor notifies us of a security incident within 48 hours."
    assert gap.citation.section == "4.2 Incident Notice"
    assert gap.found == gap.citation.text and "seventy-two (72) hours" in gap.found
    assert gap.document.endswith("nimbus-ai-services-agreement.md")
    assert "forty-eight (48) hours" in gap.fallback_wording
    assert gap.recommendation


def test_a_clause_the_contract_lacks_is_a_gap_with_nothing_found(quickbot):
    gap = _gap("medium", "contract.audit", quickbot)
    assert gap.found is None and gap.citation is None
    assert gap.problem == "no audit rights clause found in the contracts"


def test_a_missing_value_fails_a_numeric_position(quickbot):
    gap = _gap("medium", "contract.incident_notice", quickbot)
    assert gap.problem == "notice window is not stated, needs at most 72 hours"


def test_alternatives_explain_every_way_the_cap_falls_short(quickbot):
    gap = _gap("medium_high", "contract.liability_cap", quickbot)
    assert "basis of the cap is a fixed amount, needs fees paid" in gap.problem
    assert " or " in gap.problem


def test_any_contract_meeting_the_position_is_enough(nimbus):
    text = "Processor will notify Customer within twenty-four (24) hours of a Personal Data Breach."
    dpa = Analysis(
        document=DocumentInfo(path="contracts/nimbus-dpa.md", sha256="0" * 64, pages=None, chars=len(text)),
        findings=[
            Finding(
                clause="incident_notice",
                text=text,
                start=0,
                end=len(text),
                party="vendor",
                values={"window_hours": 24, "standard": "fixed"},
                confidence=1.0,
            )
        ],
    )
    assert "contract.incident_notice" not in contract_gaps("high", nimbus, dpa)


def test_no_contract_is_a_blocker():
    assert contract_gaps("low") == {"contract.none": "blocker"}


# --- status, acceptance and expiry on a fully answered workspace ---------------------------------


def test_fully_answered_workspace_with_a_conforming_contract_is_ready(answered):
    ev = evaluate(answered)
    assert ev.gaps == []
    assert ev.status == "ready"
    assert ev.answered == ev.required
    assert ev.outcome_owner.name == "Jo Bloggs"
    assert all(s.complete for s in ev.sections)


def test_an_accepted_major_gap_lets_launch_proceed_until_it_expires(answered):
    answered.set_tier("high", "alice")
    answered.answer("logs_tamper_evident", "yes", "alice")
    answered.answer("review_before_irreversible", "yes", "alice")
    dpa = answered.dir / "dpa.md"
    dpa.write_text("x")
    today = date(2026, 3, 1)
    for gap in ("contract.liability_carve_out", "contract.audit", "contract.subprocessor_notice"):
        accept_gap(answered, gap, "Sam Okafor", "pilot only", date(2026, 6, 30), "legal", today=today)
    ev = evaluate(answered, today=today)
    assert [g.id for g in ev.blocking] == ["contract.incident_notice"]  # a blocker cannot be accepted
    assert {g.severity: g.acceptable for g in ev.gaps} == {"blocker": False, "major": True, "minor": True}
    with pytest.raises(AnswerError, match="is a blocker: it must be fixed"):
        accept_gap(
            answered,
            "contract.incident_notice",
            "Sam Okafor",
            "pilot",
            date(2026, 6, 30),
            "legal",
            today=today,
        )

    answered.set_tier("medium_high", "alice", reason="cancellations need agent approval", approver="Ann Lee")
    assert evaluate(answered, today=today).status == "ready"  # at this tier none of the gaps exists

    answered.set_tier("high", "alice")
    gap = next(g for g in evaluate(answered, today=date(2026, 6, 30)).gaps if g.id == "contract.audit")
    assert not gap.open and gap.acceptance.approver == "Sam Okafor" and not gap.acceptance.expired
    expired = next(g for g in evaluate(answered, today=date(2026, 7, 1)).gaps if g.id == "contract.audit")
    assert expired.open and expired.acceptance.expired


def test_ready_with_accepted_gaps(answered):
    answered.answer("rollback_time", "3h", "alice")
    assert evaluate(answered).status == "blocked"
    accept_gap(
        answered, "checklist.rollback_time", "Sam Okafor", "manual rollback tested", date(2099, 1, 1), "a"
    )
    ev = evaluate(answered)
    assert ev.status == "ready_with_accepted_gaps"
    assert ev.accepted == 1 and ev.counts == {"blocker": 0, "major": 0, "minor": 0}


def test_open_minor_gaps_do_not_block(answered, quickbot):
    answered.set_tier("low", "alice", reason="pilot with staff only", approver="Ann Lee")
    ws = answered
    ev = evaluate_assessment(ws.assessment, ws.checklist(), ws.playbook(), [quickbot])
    assert ev.counts == {"blocker": 0, "major": 0, "minor": 4}
    assert ev.status == "ready"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"gap_id": "contract.nope"}, "no gap 'contract.nope'"),
        ({"approver": "Legal Team"}, "approver 'Legal Team' names a team"),
        ({"reason": "tbd"}, "give the reason this gap is acceptable"),
        ({"until": date(2026, 3, 1)}, "is not in the future"),
    ],
    ids=["unknown-gap", "team-approver", "placeholder-reason", "until-today"],
)
def test_acceptance_is_refused_when_invalid(answered, kwargs, message):
    answered.answer("rollback_time", "3h", "alice")
    args = {
        "gap_id": "checklist.rollback_time",
        "approver": "Sam Okafor",
        "reason": "manual rollback tested",
        "until": date(2026, 6, 1),
        **kwargs,
    }
    with pytest.raises(SignoffError, match=message):
        accept_gap(answered, **args, actor="alice", today=date(2026, 3, 1))
    assert answered.assessment.acceptances == {}


def test_a_duration_in_two_units_is_stored_judged_and_worded(answered):
    answered.answer("rollback_time", "1h 30m", "alice")
    assert answered.assessment.answers["rollback_time"].value == "1h30m"
    gap = {g.id: g for g in evaluate(answered).gaps}["checklist.rollback_time"]
    assert gap.problem == "1 hour 30 minutes is longer than the 1 hour allowed"
    answered.answer("rollback_time", "0h45m", "alice")
    assert "checklist.rollback_time" not in {g.id for g in evaluate(answered).gaps}


def test_checklist_gaps_explain_unmet_answers(answered):
    answered.answer("logged_fields", "timestamp, answer", "alice")
    answered.answer("stop_drill_on", (clock.today() - timedelta(days=200)).isoformat(), "alice")
    answered.answer("owner_feedback_duty", "no", "alice")
    gaps = {g.id: g for g in evaluate(answered).gaps}
    assert gaps["checklist.logged_fields"].problem.startswith("does not include: Customer id, Channel")
    assert "more than 90 days ago" in gaps["checklist.stop_drill_on"].problem
    assert gaps["checklist.owner_feedback_duty"].problem == "answered no"
    assert gaps["checklist.owner_feedback_duty"].found == "no"


def test_verdicts_explain_each_finding_against_the_positions_on_its_clause(nimbus):
    playbook = load_playbook()
    notice = next(f for f in nimbus.findings if f.clause == "incident_notice")
    [medium] = playbook.verdicts(notice, "medium")
    assert medium.meets and medium.why == []
    [high] = playbook.verdicts(notice, "high")
    assert (high.position, high.meets, high.severity) == ("incident_notice", False, "blocker")
    assert high.why == ["notice window is 72 hours, needs at most 48 hours"]
    law = next(f for f in nimbus.findings if f.clause == "governing_law")
    assert playbook.verdicts(law, "critical") == []


def test_evidence_changed_or_removed_after_it_was_attached_reopens_the_item(answered):
    answered.set_tier("high", "alice")
    evidence = answered.dir / "evidence.md"
    assert "checklist.stop_drill_on" not in {g.id for g in evaluate(answered).gaps}
    evidence.write_text("edited after the fact\n")
    gap = next(g for g in evaluate(answered).gaps if g.id == "checklist.stop_drill_on")
    assert gap.problem == "evidence file evidence.md changed since it was attached; attach it again"
    evidence.unlink()
    gap = next(g for g in evaluate(answered).gaps if g.id == "checklist.stop_drill_on")
    assert gap.problem == "evidence file evidence.md is missing; attach it again"


@pytest.mark.parametrize("tier", ["medium_high", "high"])
def test_the_extractor_on_the_bundled_contract_yields_the_labelled_gaps(nimbus, tier):
    extract = pytest.importorskip("signoff.extract", reason="contract extraction not built")
    real = extract.analyze_file(NIMBUS)
    assert contract_gaps(tier, real) == contract_gaps(tier, nimbus)


def test_an_answer_the_edited_checklist_no_longer_accepts_is_a_gap_not_a_crash(answered):
    checklist = answered.checklist()
    checklist.item("stop_drill_on").type = "number"
    ev = evaluate_assessment(answered.assessment, checklist, answered.playbook(), answered.analyses())
    gap = next(g for g in ev.gaps if g.id == "checklist.stop_drill_on")
    assert gap.problem.startswith("the saved answer no longer fits this item (")
    assert gap.problem.endswith("is not a number); answer it again")


def test_use_restrictions_that_forbid_the_advice_we_give_are_a_gap(nimbus):
    gap = _gap("critical", "contract.permitted_use", nimbus)
    assert (
        gap.problem
        == "prohibited mentions 'advice': medical, legal or financial advice without professional review"
    )
    assert gap.citation.section == "2.2 Use Restrictions"


def test_a_contract_without_use_restrictions_meets_a_when_absent_position(quickbot):
    assert "contract.permitted_use" not in contract_gaps("critical", quickbot)
