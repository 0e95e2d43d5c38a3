"""The bundled fixture contract, which has every clause type: values, party, citation, verbatim quotes.

The DOCX and PDF twins are checked the same way once the ingestion fixtures exist.
"""

from pathlib import Path

import pytest

from signoff.extract import analyze_file, clause_catalogue

CONTRACTS = Path(__file__).resolve().parents[2] / "fixtures" / "contracts"
STEM = "nimbus-ai-services-agreement"

# clause -> (party, values that must be present, a phrase the quote must contain, section heading prefix)
EXPECTED = {
    "liability_cap": ("mutual", {"basis": "fees_paid", "period_months": 12}, "WILL NOT EXCEED", "10.2"),
    "consequential_damages_exclusion": ("mutual", {"mutual": True}, "CONSEQUENTIAL", "10.1"),
    "liability_carve_out": (
        None,
        {"categories": ["indemnification", "gross_negligence", "willful_misconduct", "fraud"]},
        "do not apply",
        "10.3",
    ),
    "incident_notice": ("vendor", {"window_hours": 72, "standard": "fixed"}, "seventy-two (72) hours", "4.2"),
    "terms_change_notice": ("vendor", {"notice_days": 30}, "modify this Agreement", "7"),
    "suspension": ("vendor", {"immediate": True}, "may suspend", "5.2"),
    "termination_for_convenience": ("customer", {"notice_days": 30}, "for convenience", "6.2"),
    "termination_for_cause": ("mutual", {"cure_days": 30}, "fails to cure", "6.3"),
    "renewal_notice": ("mutual", {"notice_days": 60}, "non-renewal", "6.1"),
    "data_return_deletion": (
        "vendor",
        {"days": 30, "export": True, "deletion": True},
        "delete all Customer Data",
        "6.4",
    ),
    "transition_assistance": ("vendor", {"days": 90}, "transition assistance", "6.5"),
    "training_on_customer_data": (
        "vendor",
        {"allowed": False, "opt_out": False},
        "will not use Customer Data",
        "3.2",
    ),
    "data_retention": ("vendor", {"days": 30}, "retains Inputs and Outputs", "3.3"),
    "subprocessor_notice": ("vendor", {"notice_days": 15}, "new Subprocessor", "3.4"),
    "audit_rights": ("vendor", {"kind": "reports"}, "SOC 2", "4.3"),
    "governing_law": ("mutual", {"jurisdiction": "Delaware"}, "laws of the State of Delaware", "12.1"),
    "insurance": ("vendor", {"amount": {"value": 5000000, "currency": "USD"}}, "US$5,000,000", "11"),
    "warranty_disclaimer": ("vendor", {}, '"AS IS"', "8.2"),
    "acceptable_use": ("customer", {}, "medical, legal or financial advice", "2.2"),
}


def _twin(suffix: str) -> Path:
    path = CONTRACTS / f"{STEM}.{suffix}"
    if not path.exists():
        pytest.skip(f"{path.name} not generated yet (the ingestion fixtures build it)")
    return path


@pytest.fixture(scope="module", params=["md", "docx", "pdf"])
def nimbus(request):
    path = _twin(request.param)
    from signoff.ingest import load

    return request.param, load(path), analyze_file(path)


def test_every_clause_of_the_catalogue_is_found(nimbus):
    _, _, analysis = nimbus
    assert analysis.absent == []
    assert {f.clause for f in analysis.findings} == {c.id for c in clause_catalogue()}


@pytest.mark.parametrize("clause", sorted(EXPECTED), ids=str)
def test_clause_values_party_and_citation(nimbus, clause):
    fmt, doc, analysis = nimbus
    party, values, phrase, section = EXPECTED[clause]
    hits = [f for f in analysis.findings if f.clause == clause and phrase in " ".join(f.text.split())]
    assert hits, (
        f"no {clause} quoting {phrase!r}: {[f.text[:60] for f in analysis.findings if f.clause == clause]}"
    )
    f = hits[0]
    assert doc.text[f.start : f.end] == f.text
    assert all(f.values.get(k) == v for k, v in values.items()), f.values
    if party:
        assert f.party == party
    if fmt == "pdf":
        assert f.page == doc.page_at(f.start) and f.page is not None
    else:
        assert f.page is None
    assert f.section and f.section.lstrip("# ").startswith(section)


def test_document_info_and_vendor(nimbus):
    _, doc, analysis = nimbus
    assert analysis.document.sha256 == doc.sha256
    assert analysis.document.chars == len(doc.text)
    assert analysis.vendor == "Nimbus"
    starts = [f.start for f in analysis.findings]
    assert starts == sorted(starts)


def test_the_cap_s_exception_by_name_takes_the_named_clause_s_categories(nimbus):
    _, _, analysis = nimbus
    found = [f for f in analysis.findings if f.clause == "liability_carve_out"]
    carve_outs = {f.section.lstrip("# ")[:4]: f for f in found}
    assert carve_outs["10.2"].values == carve_outs["10.3"].values

