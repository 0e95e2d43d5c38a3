"""`--format oscal`: an OSCAL assessment-results document a GRC tool accepts, and that `verify` checks.

Validity is checked with compliance-trestle's AssessmentResults model (a dev dependency),
which forbids unknown fields and checks OSCAL's datatypes (uuids, tokens, dates).
"""

import json
from pathlib import Path

import pytest
from pydantic import ValidationError
from trestle.oscal.assessment_results import AssessmentResults

from signoff.assess import Workspace
from signoff.errors import SignoffError
from signoff.report import build_report, record_approval, write_report
from signoff.report.formats import ReportFormat
from signoff.report.verify import verify_file

from .test_cli import run


def _oscal(ws_dir: Path) -> tuple[Path, dict]:
    path = write_report(Workspace.open(ws_dir), ReportFormat.oscal)
    return path, json.loads(path.read_text(encoding="utf-8"))


def _validated(doc: dict) -> AssessmentResults:
    return AssessmentResults.model_validate(doc["assessment-results"])


def test_cli_writes_an_oscal_file_trestle_accepts(workspace):
    out = run("report", workspace, "--format", "oscal")
    path = workspace / "out" / "signoff-report.oscal.json"
    assert out.exit_code == 0, out.output
    assert f"wrote {path}" in out.output
    ar = _validated(json.loads(path.read_text(encoding="utf-8")))
    assert ar.metadata.oscal_version.root.root.startswith("1.1")


def test_trestle_refuses_a_document_missing_what_oscal_requires(workspace):
    _, doc = _oscal(workspace)
    del doc["assessment-results"]["import-ap"]
    with pytest.raises(ValidationError):
        _validated(doc)


def test_every_gap_is_a_finding_and_accepted_ones_are_risks_with_approver_and_deadline(workspace):
    _, doc = _oscal(workspace)
    report = build_report(Workspace.open(workspace))
    result = doc["assessment-results"]["results"][0]
    targets = {f["target"]["target-id"]: f for f in result["findings"]}
    assert set(targets) == {g.id for g in report.snapshot.gaps}
    accepted = targets["contract.subprocessor_notice"]
    (risk,) = result["risks"]
    assert accepted["related-risks"] == [{"risk-uuid": risk["uuid"]}]
    assert risk["status"] == "deviation-approved" and risk["deadline"] == "2027-05-22T23:59:59Z"
    (entry,) = risk["risk-log"]["entries"]
    parties = {p["uuid"]: p["name"] for p in doc["assessment-results"]["metadata"]["parties"]}
    assert parties[entry["logged-by"][0]["party-uuid"]] == "Sam Okafor"
    assert entry["title"] == "Accepted by Sam Okafor"


def test_findings_and_answers_are_observations_of_the_deployment_with_their_citation(workspace):
    _, doc = _oscal(workspace)
    result = doc["assessment-results"]["results"][0]
    (component,) = result["local-definitions"]["components"]
    assert component["title"] == "Acme Outfitters support assistant"
    observations = result["observations"]
    subject = [{"subject-uuid": component["uuid"], "type": "component"}]
    assert all(o["subjects"] == subject for o in observations)
    owner = next(o for o in observations if o["title"].startswith("Who owns the outcome"))
    assert "Dana Reyes" in owner["description"]
    cap = next(o for o in observations if o["title"].startswith("Liability cap"))
    (evidence,) = cap["relevant-evidence"]
    assert evidence["description"].startswith("contracts/nimbus-ai-services-agreement.md, section ")
    assert "\u201c" in evidence["description"]
    resources = {r["uuid"]: r for r in doc["assessment-results"]["back-matter"]["resources"]}
    contract = resources[evidence["href"].lstrip("#")]
    assert contract["rlinks"][0]["href"] == "contracts/nimbus-ai-services-agreement.md"
    assert contract["rlinks"][0]["hashes"][0]["algorithm"] == "SHA-256"


def test_metadata_carries_the_fingerprint_and_the_same_workspace_gives_the_same_bytes(workspace):
    path, doc = _oscal(workspace)
    report = build_report(Workspace.open(workspace))
    props = {p["name"]: p["value"] for p in doc["assessment-results"]["metadata"]["props"]}
    assert props["document-fingerprint"] == report.fingerprint
    data = path.read_bytes()
    assert _oscal(workspace)[0].read_bytes() == data


def test_decisions_are_attestations(workspace, signers):
    sam = signers("Sam Ortiz")
    sam.allow(workspace)
    record_approval(Workspace.open(workspace), "legal", "Sam Ortiz", "reject", "cap too low", key=sam.key)
    path, doc = _oscal(workspace)
    _validated(doc)
    (attestation,) = doc["assessment-results"]["results"][0]["attestations"]
    (part,) = attestation["parts"]
    assert part["title"] == "Legal: Sam Ortiz rejected"
    assert "cap too low" in part["prose"]
    assert verify_file(path, workspace).ok


def test_verify_passes_a_fresh_oscal_file_and_catches_an_edit(workspace):
    path, _ = _oscal(workspace)
    assert verify_file(path, workspace).ok
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"deviation-approved"', '"closed"', 1), encoding="utf-8")
    result = verify_file(path)
    assert not result.intact
    assert any("differs from a fresh rendering" in p for p in result.problems)
    assert run("verify", path).exit_code == 1


def test_verify_refuses_an_oscal_file_signoff_did_not_write_in_one_line(tmp_path):
    other = tmp_path / "grc-export.oscal.json"
    other.write_text(json.dumps({"assessment-results": {"uuid": "x", "back-matter": {"resources": []}}}))
    with pytest.raises(SignoffError, match=r"grc-export\.oscal\.json: no embedded signoff report found"):
        verify_file(other)
    out = run("verify", other)
    assert out.exit_code == 2
    assert out.output.count("\n") == 1 and "Traceback" not in out.output


def test_an_oscal_file_renamed_to_json_is_told_to_keep_its_name(workspace, tmp_path):
    path, _ = _oscal(workspace)
    renamed = tmp_path / "report.json"
    renamed.write_bytes(path.read_bytes())
    out = run("verify", renamed)
    assert out.exit_code == 2
    message = "an OSCAL assessment-results document; name it *.oscal.json to verify it"
    assert out.output == f"signoff: error: {renamed}: {message}\n"
