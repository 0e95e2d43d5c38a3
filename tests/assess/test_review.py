"""review_contracts: what the contracts screen shows, decided in the core."""

from datetime import date

from signoff.assess import evaluate
from signoff.assess.review import FAMILY_TITLES, review_contracts
from signoff.extract import clause_catalogue
from signoff.extract.library import Family


def review(ws, ev):
    return review_contracts(ws.assessment.contracts, ws.analyses(), ws.playbook(), ev)


def test_findings_are_grouped_by_catalogue_family_in_reading_order(answered):
    (contract,) = review(answered, evaluate(answered))
    family_of = {c.id: c.family for c in clause_catalogue()}
    shown = [f.family for f in contract.families]
    assert shown == sorted(shown, key=list(FAMILY_TITLES).index)
    assert contract.families[0].title == "Liability"
    for family in contract.families:
        assert {family_of[c.clause] for c in family.clauses} == {family.family}
    found = [c.clause for f in contract.families for c in f.clauses]
    assert sorted(found) == sorted(f.clause for f in answered.analyses()[0].findings)
    assert "Incident notice" in [c.title for f in contract.families for c in f.clauses]


def test_every_catalogue_family_has_a_heading():
    assert set(Family.__args__) <= set(FAMILY_TITLES)


def test_verdicts_and_states_follow_the_tier_and_acceptances(answered):
    answered.set_tier("high", "alice")
    answered.answer("logs_tamper_evident", "yes", "alice")
    answered.answer("review_before_irreversible", "yes", "alice")
    answered.accept_gap("contract.audit", "Sam Okafor", "SOC 2 report is enough", date(2099, 1, 1), "legal")
    (contract,) = review(answered, evaluate(answered))
    by_clause = {c.clause: c for f in contract.families for c in f.clauses}

    incident = by_clause["incident_notice"]
    assert incident.state == "open_gap"
    assert [(v.meets, v.why) for v in incident.verdicts] == [
        (False, ["window_hours is 72, needs at most 48"])
    ]
    assert [g.id for g in incident.gaps] == ["contract.incident_notice"]
    assert by_clause["audit_rights"].state == "accepted_gap"
    assert by_clause["termination_for_convenience"].state == "meets"


def test_without_an_evaluation_nothing_is_judged(answered):
    (contract,) = review(answered, None)
    clauses = [c for f in contract.families for c in f.clauses] + contract.absent
    assert {c.state for c in clauses} == {"unknown"}
    assert all(c.verdicts == [] and c.gaps == [] for c in clauses)
