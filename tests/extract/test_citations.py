"""One clause, one citation: sentences that only continue a clause are quoted with it."""

GRANT = (
    "Licensee shall keep complete and accurate records of all sales. "
    "Licensor may audit such records once each calendar year."
)
FOLLOW_ON = "The cost of any such audit shall be borne by Licensor unless it reveals an underpayment."


def test_audit_follow_on_sentence_is_quoted_with_the_grant(analyze):
    found = [
        f for f in analyze(f"7. Records.\n\n{GRANT} {FOLLOW_ON}\n").findings if f.clause == "audit_rights"
    ]
    assert len(found) == 1
    assert "may audit" in found[0].text and found[0].text.endswith("underpayment.")
    assert found[0].rule == "audit.right_to_audit"


def test_a_sentence_in_another_paragraph_is_not_joined(analyze):
    found = [
        f for f in analyze(f"{GRANT}\n\n8. Costs.\n\n{FOLLOW_ON}\n").findings if f.clause == "audit_rights"
    ]
    assert found and not any("may audit" in f.text and "The cost" in f.text for f in found)


def test_a_pattern_does_not_reach_into_the_next_sentence(analyze):
    # "may ~6 audit" would span "may publish a press release. Audit": the first sentence grants no audit
    found = analyze("Each party may publish a press release. Audit fees are payable by Licensee.\n").findings
    assert not [f for f in found if f.clause == "audit_rights"]
