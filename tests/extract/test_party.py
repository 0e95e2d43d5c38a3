"""Who a clause binds: vendor found from defined terms or subjects, --vendor overriding it."""

import pytest

from signoff.extract.party import find_parties, party_of

PREAMBLE = 'This Agreement is between Acme Cloud Ltd ("Acme" or "Supplier") and Beta Bank plc ("Client"). '


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("Supplier will notify Client of any breach.", "vendor"),
        ("Acme may suspend the Services.", "vendor"),
        ("Client shall pay the Fees.", "customer"),
        ("Upon Client's written request, Supplier will provide its SOC 2 report.", "vendor"),
        ("Each party may terminate this Agreement on notice.", "mutual"),
        ("Neither party will be liable for indirect damages.", "mutual"),
        ("Claims Against Client. Acme will defend Client against any claim.", "vendor"),
        ("The Services are provided as is.", None),
    ],
    ids=lambda v: str(v),
)
def test_party_from_the_subject(sentence, party):
    parties = find_parties(PREAMBLE + sentence)
    assert party_of(sentence, parties) == party


def test_vendor_is_the_frequent_subject_when_no_role_word_is_defined():
    text = (
        "These terms are between Anthropic and you (“Customer”). "
        + "Anthropic will provide the Services. " * 3
    )
    parties = find_parties(text)
    assert "anthropic" in parties.vendor
    assert party_of("Anthropic may not train models on Customer Content.", parties) == "vendor"


def test_vendor_option_overrides_the_guess():
    text = 'This Agreement is between Gamma Inc ("Gamma") and Delta LLC ("Delta"). Gamma will pay Delta. ' * 2
    parties = find_parties(text, vendor="Delta")
    assert party_of("Delta will host the platform.", parties) == "vendor"
    assert party_of("Gamma will pay the fees.", parties) == "customer"
    assert parties.vendor_name == "Delta"
