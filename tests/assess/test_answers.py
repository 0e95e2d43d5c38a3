"""Answer validation: each rule's message, canonical stored values, and that refusal saves nothing."""

import hashlib
from datetime import timedelta

import pytest

from signoff import clock
from signoff.assess import AnswerError
from signoff.errors import UnknownNameError

TOMORROW = object()  # the day after the pinned today, computed inside the test


@pytest.mark.parametrize(
    ("item", "raw", "message"),
    [
        ("outcome_owner", "support team", "'support team' names a team or a placeholder, not a person"),
        ("outcome_owner", "Launch Committee, n/a, board@acme.example", "names a team"),
        ("outcome_owner", "TBD", "'TBD' is not a person"),
        ("outcome_owner", "Dana, Head of Support, dana@acme.example", "give the person's full name"),
        ("outcome_owner", "Dana Reyes, Head of Support", "no contact for Dana Reyes; add an email"),
        ("outcome_owner", "Dana Reyes, dana@acme.example", "no role for Dana Reyes"),
        ("deployment_summary", "   ", "is a placeholder; write the actual answer"),
        ("deployment_summary", "n/a", "'n/a' is a placeholder"),
        ("customer_segment", "everyone", "'everyone' is not an option; choose from: business, consumers,"),
        ("intents", "faq, teleportation", "'teleportation' is not an option"),
        ("intents", " , ", "choose at least one option"),
        ("irreversible_actions", "none, issue_refund", "'none' cannot be combined with other options"),
        ("rollback_time", "soon", "'soon' is not a duration; write e.g. '15m'"),
        ("stop_drill_on", "31/12/2026", "is not a date; write it as YYYY-MM-DD"),
        ("stop_drill_on", TOMORROW, "is in the future"),
        ("escalation_threshold", "high", "'high' is not a number"),
        ("escalation_threshold", "1.5", "1.5 is above the maximum 1"),
        ("escalation_threshold", "-0.1", "-0.1 is below the minimum 0"),
        ("owner_feedback_duty", "maybe", "answer yes or no"),
        ("reviewer_playbook", "no-such-playbook.pdf", "evidence file 'no-such-playbook.pdf' not found"),
        ("reviewer_playbook", "ftp://files.acme.example/p.pdf", "must be an http(s) URL or a file path"),
    ],
    ids=[
        "person-team",
        "person-committee",
        "person-tbd",
        "person-one-name",
        "person-no-contact",
        "person-no-role",
        "text-empty",
        "text-placeholder",
        "choice-unknown",
        "multi-unknown",
        "multi-empty",
        "multi-exclusive",
        "duration",
        "date-format",
        "date-future",
        "number-text",
        "number-max",
        "number-min",
        "attestation",
        "evidence-missing-file",
        "evidence-bad-scheme",
    ],
)
def test_invalid_answer_is_refused_with_its_message_and_nothing_is_saved(ws, item, raw, message):
    raw = (clock.today() + timedelta(days=1)).isoformat() if raw is TOMORROW else raw
    before = ws.path.read_bytes(), ws.journal.path.read_bytes()
    with pytest.raises(AnswerError) as err:
        ws.answer(item, raw, "alice")
    assert str(err.value).startswith(f"{item}: ")
    assert message in str(err.value)
    assert (ws.path.read_bytes(), ws.journal.path.read_bytes()) == before
    assert item not in ws.assessment.answers


@pytest.mark.parametrize(
    ("item", "raw", "stored"),
    [
        (
            "outcome_owner",
            "Dana Reyes <dana@acme.example>, Head of Support",
            {"name": "Dana Reyes", "role": "Head of Support", "contact": "dana@acme.example"},
        ),
        (
            "outcome_owner",
            "Dana Reyes, Head of Support, +44 20 7946 0958",
            {"name": "Dana Reyes", "role": "Head of Support", "contact": "+44 20 7946 0958"},
        ),
        (
            "outcome_owner",
            "José Álvarez, Jefe de Soporte, jose@acme.example",
            {"name": "José Álvarez", "role": "Jefe de Soporte", "contact": "jose@acme.example"},
        ),
        ("customer_segment", "Business customers only", "business"),
        ("intents", "FAQ, password_reset, faq", ["faq", "password_reset"]),
        ("rollback_time", "1 hour 30 minutes", "1h30m"),
        ("rollback_time", "90 min", "1h30m"),
        ("owner_feedback_duty", "Y", True),
        ("owner_redress_authority", "no", False),
        ("escalation_threshold", "0.75", 0.75),
        ("stop_drill_on", "2026-01-15", "2026-01-15"),
        ("reviewer_playbook", "https://wiki.acme.example/reviewers", "https://wiki.acme.example/reviewers"),
    ],
    ids=[
        "person-angle-email",
        "person-phone",
        "person-accents",
        "choice-label",
        "multi-dedupe",
        "duration-words",
        "duration-minutes",
        "yes",
        "no",
        "number",
        "date",
        "evidence-url",
    ],
)
def test_valid_answer_is_stored_in_canonical_form(ws, item, raw, stored):
    answer = ws.answer(item, raw, "alice")
    assert answer.value == stored
    assert ws.assessment.answers[item].value == stored


def test_structured_values_from_the_tui_are_accepted(ws):
    assert ws.answer("intents", ["faq", "shipping_status"], "alice").value == ["faq", "shipping_status"]
    assert ws.answer("owner_feedback_duty", True, "alice").value is True
    person = {"name": "Dana Reyes", "role": "Head of Support", "contact": "dana@acme.example"}
    assert ws.answer("outcome_owner", person, "alice").value == person


def test_evidence_file_is_fingerprinted(ws, tmp_path):
    playbook = tmp_path / "reviewer-playbook.md"
    playbook.write_text("1. read the draft\n")
    answer = ws.answer("reviewer_playbook", str(playbook), "alice")
    assert answer.evidence.kind == "file"
    assert answer.evidence.sha256 == hashlib.sha256(playbook.read_bytes()).hexdigest()


def test_evidence_inside_the_workspace_is_recorded_relative_to_it(ws):
    (ws.dir / "evidence").mkdir()
    (ws.dir / "evidence" / "decision.md").write_text("decided\n")
    answer = ws.answer(
        "ownership_decided_on", "2026-01-10", "alice", evidence=str(ws.dir / "evidence/decision.md")
    )
    assert answer.evidence.ref == "evidence/decision.md"


def test_unknown_item_names_the_likely_one_and_saves_nothing(ws):
    before = ws.path.read_bytes()
    with pytest.raises(UnknownNameError, match="unknown checklist item 'outcome_ownr'") as caught:
        ws.answer("outcome_ownr", "Jo Bloggs, Head of Support, jo@acme.example", "alice")
    assert caught.value.likely == "outcome_owner"
    assert "did you mean 'outcome_owner'?" in caught.value.message
    # the core words no command: each interface says where its user finds the ids
    assert "signoff" not in caught.value.message
    assert ws.path.read_bytes() == before


def test_each_answer_is_journaled_with_actor_and_value(ws):
    ws.answer("customer_segment", "consumers", "bob")
    entry = ws.journal.entries()[-1]
    assert (entry.actor, entry.action) == ("bob", "answer")
    assert entry.data["item"] == "customer_segment" and entry.data["value"] == "consumers"
