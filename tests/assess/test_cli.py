"""The workspace commands end to end, through the real entry point: init ... check exits 0."""

import json

import pytest

from signoff.assess import load_checklist
from signoff.assess import workspace as workspace_module

from .helpers import NEUTRAL, NIMBUS, USE_CASE, load_analysis, run_cli, valid_answer


@pytest.fixture
def cli(monkeypatch, capsys):
    # Contract extraction has its own tests; here the labelled findings stand in for it.
    monkeypatch.setattr(workspace_module, "_analyze", lambda path, vendor: load_analysis(path.stem))
    monkeypatch.setenv("SIGNOFF_USER", "dana")
    return lambda *args: run_cli(monkeypatch, capsys, *args)


def test_full_flow_from_init_to_a_passing_check(cli, tmp_path):
    ws = str(tmp_path / "acme")
    assert cli("init", ws, "--name", "Acme support assistant")[0] == 0
    code, out, _ = cli("add-contract", ws, str(NIMBUS))
    assert code == 0 and "21 findings" in out

    code, out, _ = cli("check", ws)
    assert code == 1 and "BLOCKED" in out and "checklist.outcome_owner [blocker] not answered" in out

    evidence = tmp_path / "evidence.md"
    evidence.write_text("signed\n")
    fixed = {**NEUTRAL, **USE_CASE["medium_high"]}
    for item in load_checklist().items():
        extra = ["--evidence", str(evidence)] if item.evidence_from else []
        code, _, err = cli("answer", ws, item.id, fixed.get(item.id) or valid_answer(item, evidence), *extra)
        assert code == 0, err

    code, out, _ = cli("check", ws)
    assert code == 0, out
    assert out.startswith("Acme support assistant: READY\nrisk tier medium-high")

    code, out, _ = cli("gaps", ws, "--format", "json")
    assert code == 0 and json.loads(out)["gaps"] == []

    code, out, _ = cli("journal", "verify", ws)
    assert code == 0 and "journal intact" in out


def test_raising_the_tier_reveals_contract_gaps_and_acceptance_is_shown(cli, tmp_path):
    ws = str(tmp_path / "acme")
    cli("init", ws)
    cli("add-contract", ws, str(NIMBUS))
    assert cli("tier", ws, "high")[0] == 0
    code, out, _ = cli(
        "accept",
        ws,
        "contract.audit",
        "--approver",
        "Sam Okafor",
        "--reason",
        "SOC 2 report suffices for the pilot",
        "--until",
        "2099-12-31",
    )
    assert code == 0 and "accepted by Sam Okafor until 31 December 2099" in out

    code, out, _ = cli("gaps", ws)
    assert code == 0
    block = out.split("contract.incident_notice  [blocker, open]")[1].split("\n\n")[0]
    assert "requirement  The vendor notifies us of a security incident within 48 hours." in block
    assert "seventy-two (72) hours" in block and "§ 4.2 Incident Notice" in block
    assert "problem      notice window is 72 hours, needs at most 48 hours" in block
    accepted = out.split("contract.audit  [major, accepted]")[1].split("\n\n")[0]
    assert "by Sam Okafor until 31 December 2099: SOC 2 report suffices for the pilot" in accepted

    gaps = {g["id"]: g for g in json.loads(cli("gaps", ws, "-f", "json")[1])["gaps"]}
    assert gaps["contract.audit"]["acceptance"]["approver"] == "Sam Okafor"
    assert gaps["contract.incident_notice"]["citation"]["section"] == "4.2 Incident Notice"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("answer", "{ws}", "outcome_owner", "Support Team"), "outcome_owner: 'Support Team' names a team"),
        (("answer", "{ws}", "no_such_item", "x"), "unknown checklist item 'no_such_item'"),
        (("tier", "{ws}", "low", "--reason", "pilot"), None),
        (("tier", "{ws}", "extreme"), "unknown tier 'extreme'"),
        (
            (
                "accept",
                "{ws}",
                "contract.none",
                "--approver",
                "Sam Okafor",
                "--reason",
                "r",
                "--until",
                "2099-01-01",
            ),
            "contract.none is a blocker",
        ),
        (
            ("accept", "{ws}", "contract.none", "--approver", "S O", "--reason", "r", "--until", "tomorrow"),
            "--until 'tomorrow' is not a date",
        ),
        (("check", "{missing}"), "is not a signoff workspace"),
        (("check", "{ws}/assessment.yaml"), "is not a signoff workspace"),
        (("init", "{ws}"), "already a signoff workspace"),
        (("add-contract", "{ws}", "{missing}/x.pdf"), "contract file not found"),
    ],
    ids=[
        "team-owner",
        "unknown-item",
        "lower-without-approver",
        "unknown-tier",
        "accept-blocker",
        "bad-until",
        "not-a-workspace",
        "a-file-not-a-folder",
        "init-twice",
        "missing-contract",
    ],
)
def test_bad_input_exits_2_with_a_one_line_error(cli, tmp_path, args, message):
    ws = str(tmp_path / "acme")
    cli("init", ws)
    cli("answer", ws, "intents", "refund_eligibility")
    before = (tmp_path / "acme" / "assessment.yaml").read_bytes()
    code, out, err = cli(*(a.format(ws=ws, missing=tmp_path / "missing") for a in args))
    assert code == 2
    assert err.startswith("signoff: error: ") and err.count("\n") == 1
    assert "Traceback" not in err
    if message:
        assert message in err
    assert (tmp_path / "acme" / "assessment.yaml").read_bytes() == before


def test_a_damaged_assessment_exits_2_naming_file_and_line(cli, tmp_path):
    ws = tmp_path / "acme"
    cli("init", str(ws))
    text = (ws / "assessment.yaml").read_text().replace("revision: 1", "revision: lots")
    (ws / "assessment.yaml").write_text(text)
    code, _, err = cli("check", str(ws))
    assert code == 2
    assert f"{ws / 'assessment.yaml'}:2: revision:" in err


def test_journal_verify_exits_1_on_tampering(cli, tmp_path):
    ws = tmp_path / "acme"
    cli("init", str(ws))
    cli("answer", str(ws), "customer_segment", "consumers")
    journal = ws / "journal.jsonl"
    journal.write_text(journal.read_text().replace('"consumers"', '"business"'))
    code, _, err = cli("journal", "verify", str(ws))
    assert code == 1
    assert "entry #2 was edited after it was written" in err


def test_actor_defaults_to_signoff_user_and_can_be_given(cli, tmp_path):
    ws = tmp_path / "acme"
    cli("init", str(ws))
    cli("answer", str(ws), "customer_segment", "consumers")
    cli("answer", str(ws), "channels", "email", "--actor", "lee")
    actors = [json.loads(line)["actor"] for line in (ws / "journal.jsonl").read_text().splitlines()]
    assert actors == ["dana", "dana", "lee"]


def test_checklist_lists_what_to_answer_and_how(cli, tmp_path):
    ws = str(tmp_path / "acme")
    cli("init", ws)
    cli("answer", ws, "customer_segment", "consumers")
    code, out, _ = cli("checklist", ws)
    assert code == 0
    assert "  [x] customer_segment: Which customers does it serve?\n        answered: Consumers" in out
    assert "  [!] outcome_owner: " in out and "answer person (Full Name, Role, email or phone)" in out
    assert "comma-separated from: faq, shipping_status, password_reset" in out
    assert "compliance_review" not in out
    assert "compliance_review" in cli("checklist", ws, "--all")[1]


def test_the_assessment_core_never_imports_textual():
    import subprocess
    import sys

    code = "import sys, signoff.assess, signoff.cli.workspace_cmd; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_check_json_for_pipelines(cli, tmp_path):
    ws = str(tmp_path / "acme")
    cli("init", ws)
    code, out, _ = cli("check", ws, "--format", "json")
    summary = json.loads(out)
    assert code == 1
    assert summary["status"] == "blocked" and "contract.none" in summary["blocking"]
    assert summary["checklist_version"] == "2026.1" and len(summary["playbook_sha256"]) == 64


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("answer", "{ws}", "outcome_ownr", "Dana Reyes, Head of Support, dana@acme.example"),
            "unknown checklist item 'outcome_ownr'; did you mean 'outcome_owner'? "
            "`signoff checklist {ws}` lists the item ids",
        ),
        (
            ("answer", "{ws}", "zzz", "x"),
            "unknown checklist item 'zzz'; `signoff checklist {ws}` lists the item ids",
        ),
        (
            ("accept", "{ws}", "checklist.redress_tme", "--approver", "Sam Okafor", "--reason", "pilot")
            + ("--until", "2099-01-01"),
            "no gap 'checklist.redress_tme' in {ws}; did you mean 'checklist.redress_time'? "
            "`signoff gaps {ws}` lists the gap ids",
        ),
        (
            ("tier", "{ws}", "hgh"),
            "unknown tier 'hgh'; did you mean 'high'? choose from: low, medium, medium_high, high, critical",
        ),
        (
            ("report", "{ws}", "--format", "dcx"),
            "unknown --format 'dcx'; did you mean 'docx'? choose from: docx, html, md, json, pdf, oscal",
        ),
        (
            ("gaps", "{ws}", "-f", "jsn"),
            "unknown --format 'jsn'; did you mean 'json'? choose from: table, json",
        ),
    ],
    ids=["item", "item-far-off", "gap", "tier", "report-format", "gaps-format"],
)
def test_a_mistyped_name_is_one_line_naming_the_likely_one_and_nothing_is_saved(cli, tmp_path, args, message):
    ws = tmp_path / "acme"
    cli("init", str(ws))
    cli("answer", str(ws), "intents", "faq, refund_eligibility")
    before = {p.relative_to(ws): p.read_bytes() for p in ws.rglob("*") if p.is_file()}
    code, out, err = cli(*(a.format(ws=ws) for a in args))
    assert code == 2 and out == ""
    assert err == f"signoff: error: {message.format(ws=ws)}\n"
    assert {p.relative_to(ws): p.read_bytes() for p in ws.rglob("*") if p.is_file()} == before
