"""Signed decisions in the journal: a decision counts only when its approver's key signed it.

The forgeries are written the way the issue measured them: an entry appended with its
hash recomputed as the chain defines it and `journal.head` updated, so the chain itself
is intact and only the signature can tell.
"""

import json
from pathlib import Path

import pytest

from signoff.assess import Workspace
from signoff.assess.journal import entry_hash
from signoff.report import build_report, record_approval
from signoff.wording import not_counted_line

from .helpers import run_cli


@pytest.fixture
def signed(ws: Workspace, signers) -> Workspace:
    """A workspace where Lee Park (allowed) has signed one approval."""
    lee = signers("Lee Park")
    lee.allow(ws.dir)
    record_approval(ws, "legal", "Lee Park", "approve", "cap is acceptable", key=lee.key)
    assert ws.verify() == []
    return ws


def _forge(ws: Workspace, data: dict, action: str = "approve") -> None:
    """Append an entry as an attacker would: hashes recomputed as the chain defines them, head updated."""
    entries = ws.journal.entries()
    fields = {
        "seq": len(entries) + 1,
        "at": "2026-11-23T12:00:00Z",
        "actor": "mallory",
        "action": action,
        "data": data,
        "prev": entries[-1].hash,
    }
    line = json.dumps({**fields, "hash": entry_hash(fields)}, separators=(",", ":"))
    with ws.journal.path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    ws.journal.head_path.write_text(json.dumps({"entries": fields["seq"], "head": entry_hash(fields)}) + "\n")
    assert ws.journal.verify() == [], "the forgery keeps the hash chain intact"


def _last_decision(ws: Workspace) -> dict:
    return dict(next(e for e in reversed(ws.journal.entries()) if e.action == "approve").data)


def test_a_signed_decision_counts_and_carries_its_key(signed, signers):
    report = build_report(signed)
    (approval,) = report.approvals
    assert (approval.name, approval.decision, approval.current) == ("Lee Park", "approve", True)
    assert approval.key.startswith("SHA256:") and report.not_counted == []
    assert report.signoff[0].name == "Lee Park"


def test_an_unsigned_decision_forged_with_recomputed_hashes_fails_journal_verify(signed, monkeypatch, capsys):
    forged = {k: v for k, v in _last_decision(signed).items() if k != "signature"}
    _forge(signed, {**forged, "role": "product_owner", "name": "Dana Reyes"})
    problems = signed.verify()
    assert problems == [
        "entry #3 (Product owner Dana Reyes: approved): a decision that is unsigned; it does not count"
    ]
    code, out, err = run_cli(monkeypatch, capsys, "journal", "verify", str(signed.dir))
    assert code == 1 and out == ""
    assert err == f"{signed.journal.path}: {problems[0]}\n"
    # Never shown as a decision: the role stays pending and the entry is listed as not counted.
    report = build_report(signed)
    assert next(r for r in report.signoff if r.role == "product_owner").decision == "pending"
    assert [not_counted_line(x) for x in report.not_counted] == [
        "journal entry #3 (Product owner Dana Reyes: approved) does not count: it is unsigned"
    ]


def test_a_decision_edited_in_place_with_the_chain_recomputed_fails_journal_verify(signed):
    signed.answer("deployment_summary", "Returns bot for UK shoppers.", "alice")
    entries = [e.model_dump(mode="json", exclude={"hash"}) for e in signed.journal.entries()]
    entries[1]["data"] = {**entries[1]["data"], "decision": "reject", "note": "cap too low"}
    prev, lines = "0" * 64, []
    for fields in entries:
        fields["prev"] = prev
        prev = entry_hash(fields)
        lines.append(json.dumps({**fields, "hash": prev}, separators=(",", ":")) + "\n")
    signed.journal.path.write_text("".join(lines))
    signed.journal.head_path.write_text(json.dumps({"entries": len(lines), "head": prev}) + "\n")
    assert signed.journal.verify() == [], "the forgery keeps the hash chain intact"
    (problem,) = signed.verify()
    assert problem.startswith(
        "entry #2 (Legal Lee Park: rejected): a decision that does not match its signature"
    )


def test_a_signature_copied_to_another_place_in_the_journal_fails(signed):
    signed.answer("deployment_summary", "Returns bot for UK shoppers.", "alice")
    _forge(signed, _last_decision(signed))
    (problem,) = signed.verify()
    assert "was signed for another place in the journal" in problem


def test_a_decision_signed_with_a_key_nobody_allowed_fails(signed, signers):
    mallory = signers("Mallory Stone")
    record_for_lee = _sign_as(signed, mallory.key, "Lee Park")
    _forge(signed, record_for_lee)
    (problem,) = signed.verify()
    assert "which the allowed signers do not list" in problem and "entry #3 (Legal Lee Park" in problem


def test_a_decision_signed_with_a_colleague_s_key_names_whose_key_it_is(signed, signers):
    kim = signers("Kim Chen")
    kim.allow(signed.dir)
    _forge(signed, _sign_as(signed, kim.key, "Lee Park"))
    (problem,) = signed.verify()
    assert "which the allowed signers give to Kim Chen, not Lee Park" in problem


def test_journal_verify_against_the_organisation_s_file_catches_a_key_added_to_the_workspace(
    signed, tmp_path, monkeypatch, capsys
):
    # Someone appends their own key to the workspace's copy; the organisation's file does not have it.
    org = tmp_path / "org_allowed_signers"
    org.write_text((signed.dir / "allowed_signers").read_text())
    assert signed.verify(org) == []
    (signed.dir / "allowed_signers").write_text("")
    assert signed.verify(org) == []
    assert len(signed.verify()) == 1
    code, _, err = run_cli(
        monkeypatch, capsys, "journal", "verify", str(signed.dir), "--allowed-signers", str(org)
    )
    assert code == 0, err


def test_a_missing_organisation_file_is_one_line_exit_2(signed, tmp_path, monkeypatch, capsys):
    missing = tmp_path / "nope"
    code, out, err = run_cli(
        monkeypatch, capsys, "journal", "verify", str(signed.dir), "--allowed-signers", str(missing)
    )
    assert (code, out) == (2, "")
    assert err == f"signoff: error: {missing}: allowed-signers file not found\n"


def test_a_key_retired_after_signing_still_verifies_the_decisions_it_made(ws, signers):
    lee = signers("Lee Park")
    (ws.dir / "allowed_signers").write_text(f'"Lee Park" valid-before="20261124" {lee.public}\n')
    record_approval(ws, "legal", "Lee Park", "approve", key=lee.key)  # SIGNOFF_TODAY is 2026-11-23
    # Checked as of the signing time, not today: retiring a key does not undo its past decisions.
    assert ws.verify() == []


def test_a_key_expired_before_signing_is_refused_and_nothing_is_recorded(ws, signers):
    from signoff.errors import SignoffError

    lee = signers("Lee Park")
    (ws.dir / "allowed_signers").write_text(f'"Lee Park" valid-before="20250101" {lee.public}\n')
    journal = ws.journal.path.read_bytes()
    with pytest.raises(SignoffError, match=r"not recorded: .*which the allowed signers do not list"):
        record_approval(ws, "legal", "Lee Park", "approve", key=lee.key)
    assert ws.journal.path.read_bytes() == journal


def test_the_workspace_changing_while_signing_refuses_the_decision(ws, signers, monkeypatch):
    from signoff.assess import ConflictError
    from signoff.report import approve as approve_module

    lee = signers("Lee Park")
    lee.allow(ws.dir)
    real_sign = approve_module.sign

    def sign_while_someone_answers(message: bytes, key: Path, *, interactive: bool) -> str:
        Workspace.open(ws.dir).answer("deployment_summary", "Returns bot for UK shoppers.", "alice")
        return real_sign(message, key, interactive=interactive)

    monkeypatch.setattr(approve_module, "sign", sign_while_someone_answers)
    with pytest.raises(
        ConflictError, match="changed while the decision was being signed; nothing was recorded"
    ):
        record_approval(ws, "legal", "Lee Park", "approve", key=lee.key)
    assert [e.action for e in ws.journal.entries()][-1] == "answer"


def test_a_key_that_needs_a_passphrase_in_the_app_says_to_use_ssh_agent(ws, signers, tmp_path):
    import shutil
    import subprocess

    from signoff.errors import SignoffError

    key = tmp_path / "locked"
    subprocess.run(
        [shutil.which("ssh-keygen"), "-q", "-t", "ed25519", "-N", "correct horse", "-f", str(key)], check=True
    )
    journal = ws.journal.path.read_bytes()
    with pytest.raises(SignoffError, match=r"protected by a passphrase.*ssh-add") as err:
        record_approval(ws, "legal", "Lee Park", "approve", key=key, interactive=False)
    assert err.value.field == "key"
    assert ws.journal.path.read_bytes() == journal


def _sign_as(ws: Workspace, key: Path, name: str) -> dict:
    """A decision for `name` at the journal's current head, signed with `key` (not necessarily theirs)."""
    from signoff.assess.decisions import SignedDecision
    from signoff.signatures import sign

    decision = SignedDecision(
        role="legal",
        name=name,
        decision="approve",
        note=None,
        fingerprint=build_report(ws).assessment_fingerprint,
        journal_head=ws.journal.head_hash,
        at="2026-11-23T12:00:00Z",
        signature="",
    )
    signature = sign(decision.message(), key, interactive=False)
    return decision.model_copy(update={"signature": signature}).model_dump(mode="json")


def test_without_ssh_keygen_a_workspace_with_decisions_says_what_to_install(signed, monkeypatch):
    from signoff import signatures
    from signoff.errors import SignoffError

    signatures.check.cache_clear()
    monkeypatch.setattr(signatures.shutil, "which", lambda name: None)
    with pytest.raises(
        SignoffError, match=r"need OpenSSH's ssh-keygen \(8\.9 or later\), which is not installed"
    ):
        build_report(signed)


def test_approving_a_blocked_launch_warns_and_records_the_blocking_count(ws, signers, monkeypatch, capsys):
    lee = signers("Lee Park")
    lee.allow(ws.dir)
    args = ["approve", str(ws.dir), "--role", "legal", "--name", "Lee Park", "--decision", "approve"]
    code, out, err = run_cli(monkeypatch, capsys, *args, "--key", str(lee.key))
    assert code == 0, err
    blocking = _last_decision(ws)["blocking"]
    assert (
        blocking > 0 and f"warning: approved while the launch is blocked: {blocking} blocking gap(s)" in out
    )
    assert ws.verify() == []  # the count is signed with the decision
    (approval,) = build_report(ws).approvals
    assert approval.blocking == blocking


def test_a_rejection_or_a_ready_launch_records_no_blocking_count(answered, signers):
    lee = signers("Lee Park")
    lee.allow(answered.dir)
    approval = record_approval(answered, "legal", "Lee Park", "approve", key=lee.key)
    assert approval.blocking is None and "blocking" not in _last_decision(answered)
    record_approval(answered, "legal", "Lee Park", "reject", "no", key=lee.key)
    assert "blocking" not in _last_decision(answered)
