"""The fingerprints: canonical JSON, the assessment decided on, and the document with its decisions."""

import hashlib
import json

import pytest

from signoff.report.snapshot import Approval, canonical_json, document_fingerprint, fingerprint, make_report

from .report_samples import sample_report, sample_snapshot


def test_canonical_json_is_sorted_compact_utf8():
    raw = canonical_json({"b": 1, "a": "é", "c": [1, {"z": 0, "y": None}]})
    assert raw == '{"a":"é","b":1,"c":[1,{"y":null,"z":0}]}'.encode()


def test_canonical_json_refuses_floats_so_number_formatting_cannot_move_the_fingerprint():
    with pytest.raises(ValueError, match=r"float at \$\.x\[0\]"):
        canonical_json({"x": [0.1]})


def test_fingerprint_is_sha256_of_canonical_snapshot():
    snap = sample_snapshot()
    assert fingerprint(snap) == hashlib.sha256(canonical_json(snap)).hexdigest()


def test_any_stated_value_changes_the_fingerprint():
    assert fingerprint(sample_snapshot()) != fingerprint(sample_snapshot(deployment="Support copilot (US)"))


def _approval(fp: str, role: str = "legal", at: str = "2026-11-21T10:00:00Z") -> Approval:
    # The signature is not checked here: make_report trusts decisions that build or verify checked.
    return Approval(
        role=role,
        name="Lee Park",
        decision="approve",
        at=at,
        fingerprint=fp,
        journal_head="e" * 64,
        signature="(signature)",
        key="SHA256:x",
        current=False,
    )


def test_decisions_leave_the_assessment_fingerprint_and_move_the_document_fingerprint():
    snap = sample_snapshot()
    fp = fingerprint(snap)
    with_approval = make_report(snap, [_approval(fp)])
    without = make_report(snap, [])
    assert with_approval.assessment_fingerprint == without.assessment_fingerprint == fp
    assert with_approval.fingerprint != without.fingerprint
    assert with_approval.approvals[0].current is True
    assert with_approval.signoff[0].name == "Lee Park"


def test_document_fingerprint_covers_every_decision_field():
    snap = sample_snapshot()
    base = make_report(snap, [_approval(fingerprint(snap))])
    flipped = base.approvals[0].model_copy(update={"decision": "reject"})
    assert document_fingerprint(base.model_copy(update={"approvals": [flipped]})) != base.fingerprint
    assert document_fingerprint(base) == base.fingerprint


def test_approval_against_an_older_fingerprint_is_flagged():
    report = sample_report()
    legal = report.signoff[0]
    assert report.approvals[0].current is False
    assert legal.against.endswith("(older fingerprint)")


def test_latest_decision_per_role_is_shown_and_missing_roles_are_pending():
    snap = sample_snapshot()
    fp = fingerprint(snap)
    first = _approval("0" * 64, at="2026-11-20T10:00:00Z")
    second = _approval(fp, at="2026-11-22T10:00:00Z")
    report = make_report(snap, [first, second])
    rows = {r.role: r for r in report.signoff}
    assert rows["legal"].date == "2026-11-22" and "older" not in rows["legal"].against
    assert rows["product_owner"].decision == "pending" and rows["outcome_owner"].name == "pending"


def test_json_document_parses_back_to_the_same_report(report):
    from signoff.report.formats import ReportFormat, renderer

    data = renderer(ReportFormat.json).render(report, None)
    assert json.loads(data)["fingerprint"] == report.fingerprint
    assert renderer(ReportFormat.json).extract(data, "x.json") == report
