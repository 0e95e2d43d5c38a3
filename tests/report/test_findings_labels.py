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
    ("values", "text"),
    [
        ({"notice_days": 30}, "notice days: 30"),
        ({"immediate": True, "notice_days": None}, "immediate: yes; notice days: not stated"),
        ({"basis": "fees_paid", "period_months": 12}, "basis: fees paid; period months: 12"),
        (
            {"scope": ["customer_content", "usage_policy_violation"]},
            "scope: customer content, usage policy violation",
        ),
        ({"amount": {"value": 5000000, "currency": "USD"}}, "amount: 5,000,000 USD"),
        ({"jurisdiction": "Delaware"}, "jurisdiction: Delaware"),
        ({"prohibited": ["building a competing product"]}, "prohibited: building a competing product"),
        ({}, ""),
    ],
    ids=[
        "snake-key",
        "bool-and-missing",
        "coded-value",
        "coded-list",
        "money",
        "proper-name",
        "phrase",
        "none",
    ],
)
def test_values_read_as_words(values, text):
    assert values_text(values) == text


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
    assert findings["termination_for_convenience"].values == "notice days: 30"
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
    assert "notice days: 30" in body and "notice_days" not in body


def test_a_document_made_before_titles_still_parses_and_hashes_the_same():
    data = json.loads(canonical_json(sample_report().snapshot))
    contract = data["contracts"][0]
    del contract["absent_titles"], contract["findings"][0]["title"]
    old = Snapshot.model_validate(data)
    # Re-serialising must give the very bytes the old document hashed, or verify would call it altered.
    assert canonical_json(old) == json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    assert old.contracts[0].absent_labels == ["audit_rights"]
    assert old.contracts[0].findings[0].label == "liability_cap"
