"""Vendors, not files (issue 13): each vendor judged on its own documents; legal's review of findings."""

import json
import shutil
from pathlib import Path

import pytest

from signoff.assess import Workspace, evaluate
from signoff.assess.vendors import vendor_key

from .helpers import FIXTURES, run_cli

EXAMPLE = FIXTURES / "example-workspace"
NIMBUS_FILE = "nimbus-ai-services-agreement.md"
SKYLINE = FIXTURES / "contracts" / "skyline-hosting-terms.md"
NIMBUS_GAPS = {"contract.incident_notice", "contract.liability_carve_out", "contract.audit"}


@pytest.fixture
def example(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "ws")
    return tmp_path / "ws"


@pytest.fixture
def cli(monkeypatch, capsys):
    monkeypatch.setenv("SIGNOFF_USER", "sam.ortiz")
    return lambda *args: run_cli(monkeypatch, capsys, *args)


def gaps_json(cli, ws: Path) -> dict:
    code, out, err = cli("gaps", str(ws), "--format", "json")
    assert code == 0, err
    return json.loads(out)


def findings_json(cli, ws: Path, *args: str) -> list[dict]:
    code, out, err = cli("findings", str(ws), "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def nimbus_finding(cli, ws: Path, clause: str) -> dict:
    return next(f for f in findings_json(cli, ws, "--vendor", "Nimbus") if f["finding"]["clause"] == clause)


def test_the_example_workspace_evaluates_as_before_with_one_vendor(example):
    ev = evaluate(Workspace.open(example))
    contract = {g.id: g.open for g in ev.gaps if g.source == "contract"}
    # the acceptance recorded before vendors were told apart still matches its gap
    assert contract == {**dict.fromkeys(NIMBUS_GAPS, True), "contract.subprocessor_notice": False}
    assert [v.name for v in ev.vendors] == ["Nimbus Labs, Inc."]


def test_a_second_vendor_is_judged_on_its_own_contract(cli, example):
    code, out, err = cli("add-contract", str(example), str(SKYLINE))
    assert code == 0, err
    data = gaps_json(cli, example)
    gaps = {g["id"]: g for g in data["gaps"]}
    # Skyline's on-site audit right does not close Nimbus's audit gap ...
    assert gaps["contract.audit"]["open"] and gaps["contract.audit"]["vendor"] == "Nimbus Labs, Inc."
    assert gaps["contract.audit"]["document"] == "contracts/nimbus-ai-services-agreement.md"
    # ... and Skyline has no liability cap: its own open gap, citing its document, though Nimbus has one.
    cap = gaps["contract.liability_cap.skyline-hosting"]
    assert cap["open"] and cap["vendor"] == "Skyline Hosting"
    assert cap["document"] == "contracts/skyline-hosting-terms.md"
    assert cap["problem"] == "no liability cap clause found in the contracts of Skyline Hosting"
    assert "contract.audit.skyline-hosting" not in gaps
    assert [(v["name"], v["documents"]) for v in data["vendors"]] == [
        ("Nimbus Labs, Inc.", ["contracts/nimbus-ai-services-agreement.md"]),
        ("Skyline Hosting", ["contracts/skyline-hosting-terms.md"]),
    ]
    code, out, _ = cli("gaps", str(example))
    assert "vendor Skyline Hosting: contracts/skyline-hosting-terms.md;" in out


def test_vendor_names_differing_in_legal_form_are_one_vendor():
    assert vendor_key("Nimbus Labs, Inc.") == vendor_key("NIMBUS LABS") == "nimbus-labs"
    assert vendor_key(None) == "unnamed"


def test_findings_have_ids_that_survive_reanalysis(cli, example, tmp_path):
    ids = [f["id"] for f in findings_json(cli, example)]
    assert len(ids) == len(set(ids)) and all(i.startswith("f-") for i in ids)
    # the same file analysed again (in another workspace) gives the same ids, twice over
    again = []
    for name in ("one", "two"):
        other = tmp_path / name
        assert cli("init", str(other), "--name", "Other")[0] == 0
        assert cli("add-contract", str(other), str(example / "contracts" / NIMBUS_FILE))[0] == 0
        again.append({f["id"]: f["finding"]["clause"] for f in findings_json(cli, other)})
    assert again[0] == again[1]
    # the example was analysed by an earlier release: the findings it shares with today's keep their ids
    assert "incident_notice" in {again[0].get(i) for i in ids}


def test_correcting_the_incident_notice_closes_the_blocker_and_is_journaled(cli, example):
    finding = nimbus_finding(cli, example, "incident_notice")
    assert finding["finding"]["values"]["window_hours"] == 72
    assert "contract.incident_notice" in {g["id"] for g in gaps_json(cli, example)["gaps"]}

    code, out, err = cli(
        "review", str(example), finding["id"], "--set", "window_hours=24",
        "--reviewer", "Sam Ortiz", "--reason", "the signed order form says 24 hours",
    )  # fmt: skip
    assert code == 0, err
    assert "corrected by Sam Ortiz: notice window: 24 hours (was 72 hours)" in out

    assert "contract.incident_notice" not in {g["id"] for g in gaps_json(cli, example)["gaps"]}
    shown = nimbus_finding(cli, example, "incident_notice")
    assert shown["finding"]["values"]["window_hours"] == 24
    assert shown["review_text"] == (
        "corrected by Sam Ortiz: notice window: 24 hours (was 72 hours); "
        "reason: the signed order form says 24 hours"
    )
    entry = Workspace.open(example).journal.entries()[-1]
    assert entry.action == "review_finding" and entry.data["finding"] == finding["id"]
    assert cli("journal", "verify", str(example))[0] == 0


def test_dismissing_a_finding_judges_the_gap_without_it(cli, example):
    # Nimbus's audit finding (reports only) is dismissed: the gap now says no audit clause was found.
    finding = nimbus_finding(cli, example, "audit_rights")
    code, _, err = cli(
        "review",
        str(example),
        finding["id"],
        "--dismiss",
        "--reviewer",
        "Sam Ortiz",
        "--reason",
        "misread §7",
    )
    assert code == 0, err
    audit = next(g for g in gaps_json(cli, example)["gaps"] if g["id"] == "contract.audit")
    assert audit["found"] is None and audit["problem"].startswith("no audit rights clause found")
    assert nimbus_finding(cli, example, "audit_rights")["dismissed"]


def test_adding_a_missed_clause_by_its_quote(cli, example):
    quote = "Provider will notify Customer without undue delay"
    code, out, err = cli(
        "review", str(example), "--add", "incident_notice", "--document", "nimbus-ai-services-agreement.md",
        "--quote", quote, "--set", "window_hours=12", "--reviewer", "Sam Ortiz", "--reason", "also §4.2",
    )  # fmt: skip
    assert code == 0, err
    added = [f for f in findings_json(cli, example) if f["review"] and f["review"]["action"] == "add"]
    assert len(added) == 1 and added[0]["finding"]["text"] == quote
    assert added[0]["finding"]["section"] and added[0]["finding"]["values"] == {"window_hours": 12}
    # any one of a vendor's findings meeting the position is enough
    assert "contract.incident_notice" not in {g["id"] for g in gaps_json(cli, example)["gaps"]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["f-0000000000", "--confirm"], "no finding 'f-0000000000'"),
        (["INCIDENT", "--set", "window_hours=soon"], "window_hours takes a number of hours"),
        (["INCIDENT", "--set", "colour=red"], "incident_notice has no value 'colour'"),
        (["INCIDENT", "--confirm", "--dismiss"], "give exactly one of --confirm, --dismiss or --set"),
        (["INCIDENT", "--confirm", "--reviewer", "Legal team"], "names a team or a placeholder"),
        (
            [
                "--add",
                "audit_rights",
                "--document",
                "nimbus-ai-services-agreement.md",
                "--quote",
                "not in it",
            ],
            "the quote is not in contracts/nimbus-ai-services-agreement.md",
        ),
        (["--add", "audit_rights", "--document", "nope.md", "--quote", "x"], "no contract 'nope.md'"),
        (
            ["--add", "audit_right", "--document", "nimbus-ai-services-agreement.md", "--quote", "x"],
            "no clause",
        ),
    ],
)
def test_bad_reviews_exit_2_with_one_line_and_save_nothing(cli, example, args, message):
    before = (example / "assessment.yaml").read_bytes(), (example / "journal.jsonl").read_bytes()
    incident = nimbus_finding(cli, example, "incident_notice")["id"]
    args = [incident if a == "INCIDENT" else a for a in args]
    if "--reviewer" not in args:
        args += ["--reviewer", "Sam Ortiz"]
    code, out, err = cli("review", str(example), *args, "--reason", "because")
    assert code == 2
    assert err.count("\n") == 1 and message in err, err
    assert ((example / "assessment.yaml").read_bytes(), (example / "journal.jsonl").read_bytes()) == before


def test_findings_of_an_unknown_vendor_is_one_line_naming_the_vendors(cli, example):
    code, _, err = cli("findings", str(example), "--vendor", "Nimbis Labs")
    assert code == 2 and err.count("\n") == 1
    assert "no vendor 'Nimbis Labs'" in err and "did you mean 'Nimbus Labs, Inc.'?" in err


def test_findings_table_groups_by_vendor_and_shows_reviews(cli, example):
    assert cli("add-contract", str(example), str(SKYLINE))[0] == 0
    code, out, _ = cli("findings", str(example))
    assert code == 0
    assert out.startswith("Nimbus Labs, Inc.\n  f-") and "\nSkyline Hosting\n  f-" in out
