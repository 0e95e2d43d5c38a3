"""Contract findings read as legal words: clause titles, readable value labels, the same in every format."""

import json

import pytest

from signoff.assess.workspace import Workspace
from signoff.report import build_report, render_report
from signoff.report.formats import ReportFormat
from signoff.report.snapshot import Report, Snapshot, canonical_json
from signoff.wording import values_text

from .report_samples import sample_report


@pytest.mark.parametrize(
    ("clause", "values", "text"),
    [
        ("termination_for_convenience", {"notice_days": 30}, "notice to terminate: 30 days"),
        ("incident_notice", {"window_hours": 1}, "notice window: 1 hour"),
        (
            "suspension",
            {"immediate": True, "notice_days": None},
            "notice before suspension: not stated; without notice: yes",
        ),
        (
            "liability_cap",
            {"period_months": 12, "basis": "fees_paid"},
            "basis of the cap: fees paid; fees counted over: 12 months",
        ),
        (
            "indemnity",
            {"scope": ["customer_content", "usage_policy_violation"]},
            "claims covered: customer content, usage policy violation",
        ),
        ("insurance", {"amount": {"value": 5000000, "currency": "USD"}}, "cover: 5,000,000 USD"),
        ("governing_law", {"jurisdiction": "Delaware"}, "law: Delaware"),
        (
            "acceptable_use",
            {"prohibited": ["building a competing product"]},
            "prohibited: building a competing product",
        ),
        (
            "a_clause_of_another_library",
            {"notice_days": 30, "fees_paid": True},
            "fees paid: yes; notice days: 30",
        ),
        ("warranty_disclaimer", {}, ""),
    ],
    ids=[
        "duration-days",
        "one-hour",
        "bool-and-missing",
        "catalogue-order-and-choice",
        "choices",
        "money",
        "proper-name",
        "phrase",
        "unknown-clause",
        "none",
    ],
)
def test_values_read_as_words(clause, values, text):
    assert values_text(values, clause) == text


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Report:
    import shutil

    from .conftest import EXAMPLE_WORKSPACE

    target = tmp_path_factory.mktemp("labels") / "ws"
    shutil.copytree(EXAMPLE_WORKSPACE, target)
    return build_report(Workspace.open(target))


def test_findings_carry_the_catalogue_title_and_keep_the_id(example):
    findings = {f.clause: f for c in example.snapshot.contracts for f in c.findings}
    assert findings["termination_for_convenience"].title == "Termination for convenience"
    assert findings["termination_for_convenience"].values == "notice to terminate: 30 days"
    data = json.loads(render_report(example, ReportFormat.json))
    rows = data["snapshot"]["contracts"][0]["findings"]
    assert {"clause": "termination_for_convenience", "title": "Termination for convenience"}.items() <= next(
        r for r in rows if r["clause"] == "termination_for_convenience"
    ).items()


@pytest.mark.parametrize("fmt", [ReportFormat.md, ReportFormat.html], ids=["markdown", "html"])
def test_text_formats_show_titles_and_readable_values(example, fmt):
    text = render_report(example, fmt).decode()
    body = text.split("\n---\n", 1)[1] if fmt is ReportFormat.md else text.split("</script>", 1)[1]
    assert "Termination for convenience" in body
    assert "notice to terminate: 30 days" in body and "notice_days" not in body


def test_a_document_made_before_titles_still_parses_and_hashes_the_same():
    data = json.loads(canonical_json(sample_report().snapshot))
    contract = data["contracts"][0]
    del contract["absent_titles"], contract["findings"][0]["title"]
    old = Snapshot.model_validate(data)
    # Re-serialising must give the very bytes the old document hashed, or verify would call it altered.
    assert canonical_json(old) == json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    assert old.contracts[0].absent_labels == ["audit_rights"]
    assert old.contracts[0].findings[0].label == "liability_cap"
