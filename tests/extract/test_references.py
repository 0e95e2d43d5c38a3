"""A carve-out that names another clause ('except for the Excluded Claims') takes that clause's categories."""

CAP = "9.1 Cap. Except for the Excluded Claims, each party's liability will not exceed the fees paid.\n\n"
NAMED = (
    "9.2 Excluded Claims. The limitations of liability above do not apply to a party's "
    "indemnification obligations or its fraud.\n"
)


def _carve_outs(analyze, text):
    return [f for f in analyze(text).findings if f.clause == "liability_carve_out"]


def test_an_exception_naming_a_clause_takes_its_categories(analyze):
    by_reference, named = _carve_outs(analyze, CAP + NAMED)
    # the run-in title "9.1 Cap." names the section; the quote is the sentence
    assert by_reference.text.startswith("Except for the Excluded Claims")
    assert by_reference.section == "9.1 Cap"
    assert by_reference.values["categories"] == named.values["categories"] == ["indemnification", "fraud"]


def test_a_clause_merely_mentioned_is_not_a_reference(analyze):
    # the name appears, but not as what the exception is for
    text = (
        "9.1 Cap. Except for breach of Section 5, each party's liability will not exceed the fees paid; "
        "see the Excluded Claims.\n\n" + NAMED
    )
    by_reference = _carve_outs(analyze, text)[0]
    assert by_reference.values["categories"] == ["other"]
