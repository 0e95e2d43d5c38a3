"""Versions of a vendor's terms (issue 13): same content twice, a new version with its diff, removal."""

import json
from pathlib import Path

import pytest

from signoff.assess import Workspace

from .helpers import FIXTURES, run_cli

SKYLINE = FIXTURES / "contracts" / "skyline-hosting-terms.md"
AUDIT_V1 = "on site once per year on thirty (30) days' notice"
AUDIT_V2 = "on site twice per year on ten (10) days' notice"
CAP = (
    "\n## 5. Liability\n\n5.1 Each party's total aggregate liability will not exceed the fees "
    "paid or payable in the twelve (12) months preceding the claim.\n"
)


@pytest.fixture
def cli(monkeypatch, capsys):
    monkeypatch.setenv("SIGNOFF_USER", "sam.ortiz")
    return lambda *args: run_cli(monkeypatch, capsys, *args)


@pytest.fixture
def ws(cli, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    assert cli("init", str(folder), "--name", "Acme")[0] == 0
    assert cli("add-contract", str(folder), str(SKYLINE))[0] == 0
    return folder


@pytest.fixture
def v2(tmp_path: Path) -> Path:
    path = tmp_path / "skyline-hosting-terms-2027.md"
    path.write_text(SKYLINE.read_text().replace(AUDIT_V1, AUDIT_V2) + CAP)
    return path


def saved(folder: Path) -> tuple[bytes, bytes]:
    return (folder / "assessment.yaml").read_bytes(), (folder / "journal.jsonl").read_bytes()


def findings(cli, folder: Path) -> dict[str, dict]:
    code, out, err = cli("findings", str(folder), "--format", "json")
    assert code == 0, err
    return {f["finding"]["clause"]: f for f in json.loads(out)}


def review(cli, folder: Path, fid: str, *args: str) -> None:
    code, _, err = cli("review", str(folder), fid, *args, "--reviewer", "Sam Ortiz", "--reason", "read it")
    assert code == 0, err


def test_the_same_content_again_says_so_and_changes_nothing(cli, ws, tmp_path):
    before = saved(ws)
    copy = tmp_path / "renamed.md"
    copy.write_bytes(SKYLINE.read_bytes())
    code, out, _ = cli("add-contract", str(ws), str(copy))
    assert code == 0 and out.startswith("contracts/skyline-hosting-terms.md already holds this content")
    assert "nothing changed" in out and saved(ws) == before


def test_vendor_given_for_the_same_content_corrects_the_vendor(cli, ws):
    code, out, _ = cli("add-contract", str(ws), str(SKYLINE), "--vendor", "Skyline Cloud")
    assert code == 0 and "vendor set to Skyline Cloud" in out
    assert {f["vendor"] for f in findings(cli, ws).values()} == {"Skyline Cloud"}
    assert Workspace.open(ws).journal.entries()[-1].action == "set_vendor"


def test_a_new_version_prints_the_diff_and_carries_reviews(cli, ws, v2):
    old = findings(cli, ws)
    review(cli, ws, old["governing_law"]["id"], "--confirm")
    review(cli, ws, old["audit_rights"]["id"], "--confirm")
    hosting = "Provider hosts the Customer's support assistant in data centres in the European Union."
    code, _, err = cli(
        "review", str(ws), "--add", "data_retention", "--document", "skyline-hosting-terms.md",
        "--quote", hosting, "--reviewer", "Sam Ortiz", "--reason", "EU hosting",
    )  # fmt: skip
    assert code == 0, err

    code, out, err = cli("add-contract", str(ws), str(v2), "--replaces", "skyline-hosting-terms.md")
    assert code == 0, err
    assert "contracts/skyline-hosting-terms-2027.md replaces contracts/skyline-hosting-terms.md" in out
    was = "Customer, or an independent auditor it appoints, may audit Provider's compliance with "
    was += f"these Terms {AUDIT_V1}"
    assert f'~ audit_rights changed\n      was: "2.1 {was}' in out
    assert AUDIT_V2 in out and "+ liability_cap added: \"5.1 Each party's total aggregate liability" in out
    assert "legal's reviews carried over: 2; flagged for another look (text changed): 1" in out

    new = findings(cli, ws)
    assert {f["document"] for f in new.values()} == {"contracts/skyline-hosting-terms-2027.md"}
    assert new["governing_law"]["review"]["recheck"] is False
    assert new["audit_rights"]["review"]["recheck"] is True
    assert new["audit_rights"]["review_text"].endswith("the text changed in a new version: look again")
    # the clause legal added is found again by its words in the new version
    assert (
        new["data_retention"]["finding"]["text"] == hosting
        and new["data_retention"]["review"]["action"] == "add"
    )
    entry = Workspace.open(ws).journal.entries()[-1]
    assert (
        entry.action == "replace_contract" and entry.data["replaces"] == "contracts/skyline-hosting-terms.md"
    )
    assert cli("journal", "verify", str(ws))[0] == 0


def test_removing_a_contract_is_journaled_and_leaves_no_gap_behind(cli, ws):
    code, out, _ = cli("remove-contract", str(ws), "skyline-hosting-terms.md", "--reason", "added by mistake")
    assert code == 0 and out.startswith("removed contracts/skyline-hosting-terms.md")
    code, out, _ = cli("gaps", str(ws), "--format", "json")
    assert [g["id"] for g in json.loads(out)["gaps"] if g["source"] == "contract"] == ["contract.none"]
    entry = Workspace.open(ws).journal.entries()[-1]
    assert (entry.action, entry.data["reason"]) == ("remove_contract", "added by mistake")
    assert cli("journal", "verify", str(ws))[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add-contract", "WS", "NEW", "--replaces", "nope.md"], "no contract 'nope.md'"),
        (["remove-contract", "WS", "nope.md", "--reason", "x"], "no contract 'nope.md'"),
        (["remove-contract", "WS", "skyline-hosting-terms.md", "--reason", " "], "give the reason"),
    ],
)
def test_bad_version_commands_exit_2_and_save_nothing(cli, ws, v2, args, message):
    before = saved(ws)
    args = [str(ws) if a == "WS" else str(v2) if a == "NEW" else a for a in args]
    code, _, err = cli(*args)
    assert code == 2 and err.count("\n") == 1 and message in err, err
    assert saved(ws) == before


def test_a_decision_made_before_a_contract_change_is_stale(cli, ws, v2, signers):
    lee = signers("Lee Park")
    lee.allow(ws)
    args = ["approve", str(ws), "--role", "legal", "--name", "Lee Park", "--decision", "reject"]
    assert cli(*args, "--note", "cap missing", "--key", str(lee.key))[0] == 0
    code, out, _ = cli("check", str(ws))
    assert "stale" not in out
    assert cli("add-contract", str(ws), str(v2), "--replaces", "skyline-hosting-terms.md")[0] == 0
    code, out, _ = cli("check", str(ws))
    assert "stale sign-off: the decision of Legal Lee Park: rejected (entry #3) is stale" in out
    assert "replace contract" in out


def test_a_document_made_before_a_new_version_is_stale_for_verify(cli, ws, v2):
    assert cli("report", str(ws), "--format", "md")[0] == 0
    assert cli("add-contract", str(ws), str(v2), "--replaces", "skyline-hosting-terms.md")[0] == 0
    code, out, _ = cli("verify", str(ws / "out" / "signoff-report.md"), "--workspace", str(ws))
    assert code == 1 and "stale: the workspace changed since this document was made" in out
    assert "CHANGED since the document: contract contracts/skyline-hosting-terms.md was removed" in out
