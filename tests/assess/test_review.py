"""review_contracts: what the contracts screen shows, decided in the core."""

from datetime import date

from signoff.assess import accept_gap, evaluate
from signoff.assess.review import review_contracts
from signoff.extract import clause_catalogue, clause_families


def review(ws, ev):
    return review_contracts(ws.assessment.contracts, ws.analyses(), ws.playbook(), ev)


def test_findings_are_grouped_by_catalogue_family_in_reading_order(answered):
    (contract,) = review(answered, evaluate(answered))
    family_of = {c.id: c.family for c in clause_catalogue()}
    shown = [f.family for f in contract.families]
    assert shown == sorted(shown, key=list(clause_families()).index)
    assert contract.families[0].title == "Liability"
    for family in contract.families:
        assert {family_of[c.clause] for c in family.clauses} == {family.family}
    found = [c.clause for f in contract.families for c in f.clauses]
    assert sorted(found) == sorted(f.clause for f in answered.analyses()[0].findings)
    assert "Incident notice" in [c.title for f in contract.families for c in f.clauses]


def test_a_finding_of_a_clause_the_catalogue_lacks_still_shows_under_the_last_family(answered):
    (analysis,) = answered.analyses()
    stray = analysis.findings[0].model_copy(update={"clause": "escrow"})
    analysis = analysis.model_copy(update={"findings": [*analysis.findings, stray]})
    (contract,) = review_contracts(answered.assessment.contracts, [analysis], answered.playbook(), None)
    assert contract.families[-1].title == "Other terms"
    assert "escrow" in [c.clause for c in contract.families[-1].clauses]


def test_verdicts_and_states_follow_the_tier_and_acceptances(answered):
    answered.set_tier("high", "alice")
    answered.answer("logs_tamper_evident", "yes", "alice")
    answered.answer("review_before_irreversible", "yes", "alice")
    accept_gap(answered, "contract.audit", "Sam Okafor", "SOC 2 report is enough", date(2099, 1, 1), "legal")
    (contract,) = review(answered, evaluate(answered))
    by_clause = {c.clause: c for f in contract.families for c in f.clauses}

    incident = by_clause["incident_notice"]
    assert incident.state == "open_gap"
    assert [(v.meets, v.why) for v in incident.verdicts] == [
        (False, ["notice window is 72 hours, needs at most 48 hours"])
    ]
    assert [g.id for g in incident.gaps] == ["contract.incident_notice"]
    assert by_clause["audit_rights"].state == "accepted_gap"
    assert by_clause["termination_for_convenience"].state == "meets"


def test_without_an_evaluation_nothing_is_judged(answered):
    (contract,) = review(answered, None)
    clauses = [c for f in contract.families for c in f.clauses] + contract.absent
    assert {c.state for c in clauses} == {"unknown"}
    assert all(c.verdicts == [] and c.gaps == [] for c in clauses)
