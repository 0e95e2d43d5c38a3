"""Workspace storage: atomic saves, concurrent writers, the lock, and the tamper-evident journal."""

import hashlib
import json
import os
import signal

import pytest

from signoff.assess import ConflictError, Workspace
from signoff.assess import lock as lock_module
from signoff.errors import DataFileError, InputFileError, SignoffError

from .helpers import NIMBUS


def test_init_creates_the_layout_and_journals_it(ws):
    assert {p.name for p in ws.dir.iterdir()} >= {"assessment.yaml", "contracts", "out", "journal.jsonl"}
    assert ws.assessment.schema_version == 1 and ws.assessment.revision == 1
    assert [e.action for e in ws.journal.entries()] == ["init"]


def test_init_refuses_an_existing_workspace(ws):
    with pytest.raises(SignoffError, match="already a signoff workspace"):
        Workspace.init(ws.dir, "Other", "bob")


def test_open_refuses_a_folder_that_is_not_a_workspace(tmp_path):
    with pytest.raises(SignoffError, match=r"is not a signoff workspace .* `signoff init"):
        Workspace.open(tmp_path)


def _crash_when_replacing(monkeypatch, name):
    real_replace = os.replace

    def replace(src, dst):
        if os.path.basename(dst) == name:
            raise OSError("power lost")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def test_a_failure_while_replacing_the_file_is_finished_by_the_next_command(ws, monkeypatch):
    ws.answer("customer_segment", "consumers", "alice")
    before = ws.path.read_bytes()
    _crash_when_replacing(monkeypatch, "assessment.yaml")
    with pytest.raises(
        SignoffError, match=r"the change is in the journal but the file could not be replaced \(power lost\)"
    ):
        ws.answer("customer_segment", "business", "alice")
    monkeypatch.undo()
    assert ws.path.read_bytes() == before
    # What was typed is not lost: the journal holds it, and that is no outside edit.
    assert ws.journal.entries()[-1].data["value"] == "business"
    assert ws.verify() == []
    reopened = Workspace.open(ws.dir)
    assert reopened.assessment.answers["customer_segment"].value == "business"
    assert {p.name for p in ws.dir.iterdir()} == {
        "assessment.yaml",
        "contracts",
        "out",
        "journal.jsonl",
        "journal.head",
        ".signoff.lock",
    }
    assert reopened.verify() == []


def test_an_interrupted_save_that_cannot_be_finished_yet_is_read_as_it_stands(ws, monkeypatch):
    ws.answer("customer_segment", "consumers", "alice")
    _crash_when_replacing(monkeypatch, "assessment.yaml")  # e.g. a folder turned read-only
    with pytest.raises(SignoffError, match="the change is in the journal"):
        ws.answer("customer_segment", "business", "alice")
    reader = Workspace.open(ws.dir)
    assert reader.assessment.answers["customer_segment"].value == "consumers"
    assert reader.verify() == []  # an unfinished save, not an outside edit
    with pytest.raises(
        SignoffError, match=r"cannot finish the save an interrupted signoff left \(power lost\)"
    ):
        reader.answer("channels", "email", "alice")
    monkeypatch.undo()
    assert Workspace.open(ws.dir).assessment.answers["customer_segment"].value == "business"
    assert [e.actor for e in ws.journal.entries()] == ["alice"] * 3


def test_a_save_an_older_signoff_left_half_done_is_finished_too(ws):
    # Older versions journaled first, then wrote the file through a mkstemp temp file and renamed it.
    from signoff.assess.assessment import dump
    from signoff.assess.storage import SHA_KEY

    new = ws.assessment.model_copy(deep=True)
    new.deployment, new.revision = "Renamed", 2
    text = dump(new)
    ws.journal.append("alice", "rename", {SHA_KEY: hashlib.sha256(text.encode()).hexdigest()})
    (ws.dir / ".assessment.yaml.k3j9x2.tmp").write_text(text)
    (ws.dir / ".journal.head.a8b7c6.tmp").write_text("{}")
    assert Workspace.open(ws.dir).assessment.deployment == "Renamed"
    assert ws.verify() == []
    assert not [p for p in ws.dir.iterdir() if p.name.endswith(".tmp")]


def test_a_failure_writing_the_journal_saves_nothing_and_says_so(ws, monkeypatch):
    real_fsync = os.fsync
    journal = ws.journal.path.stat().st_ino

    def fsync(fd):
        if os.fstat(fd).st_ino == journal:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    before = ws.journal.path.read_bytes()
    with pytest.raises(
        SignoffError, match=r"could not save \(No space left on device\); nothing was changed"
    ):
        ws.answer("customer_segment", "business", "alice")
    monkeypatch.undo()
    assert ws.journal.path.read_bytes() == before
    assert "customer_segment" not in Workspace.open(ws.dir).assessment.answers
    assert ws.verify() == []


def test_a_crash_between_journal_entry_and_head_is_not_reported_as_tampering(ws, monkeypatch):
    _crash_when_replacing(monkeypatch, "journal.head")
    with pytest.raises(SignoffError, match="the change is in the journal"):
        ws.answer("customer_segment", "business", "alice")
    monkeypatch.undo()
    assert ws.journal.verify() == []
    ws.answer("customer_segment", "business", "alice")
    assert ws.journal.verify() == []


def test_a_second_writer_changing_the_same_answer_is_refused(ws):
    other = Workspace.open(ws.dir)
    ws.answer("customer_segment", "consumers", "alice")
    with pytest.raises(ConflictError, match="someone else changed this since you opened it"):
        other.answer("customer_segment", "business", "bob")
    assert Workspace.open(ws.dir).assessment.answers["customer_segment"].value == "consumers"
    # The refused writer now sees the other's answer and may decide again.
    assert other.assessment.answers["customer_segment"].value == "consumers"
    other.answer("customer_segment", "business", "bob")
    assert Workspace.open(ws.dir).assessment.answers["customer_segment"].value == "business"


def test_a_second_writer_changing_a_different_answer_is_merged(ws):
    other = Workspace.open(ws.dir)
    ws.answer("customer_segment", "consumers", "alice")
    other.answer("channels", "web_chat", "bob")
    answers = Workspace.open(ws.dir).assessment.answers
    assert answers["customer_segment"].value == "consumers"
    assert answers["channels"].value == ["web_chat"]
    assert Workspace.open(ws.dir).assessment.revision == 3


def test_changed_on_disk_and_reload(ws):
    other = Workspace.open(ws.dir)
    assert not other.changed_on_disk()
    ws.answer("customer_segment", "consumers", "alice")
    assert other.changed_on_disk()
    other.reload()
    assert not other.changed_on_disk()
    assert other.assessment.answers["customer_segment"].value == "consumers"


def test_a_held_lock_makes_the_next_writer_wait_then_give_up(ws, monkeypatch):
    import threading

    monkeypatch.setattr(lock_module, "LOCK_WAIT_SECONDS", 0.1)
    holding, release = threading.Event(), threading.Event()

    def hold():
        with lock_module.workspace_lock(ws.dir):
            holding.set()
            release.wait()

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait()
    try:
        with pytest.raises(
            ConflictError, match=r"is busy: another signoff process has been saving to it for 0.1 s"
        ):
            ws.answer("customer_segment", "consumers", "alice")
    finally:
        release.set()
        holder.join()
    assert "customer_segment" not in Workspace.open(ws.dir).assessment.answers
    ws.answer("customer_segment", "consumers", "alice")


@pytest.mark.parametrize(
    "content", ["", "999999999", str(os.getpid())], ids=["empty", "dead-pid", "live-pid"]
)
def test_a_lock_file_left_behind_blocks_nothing(ws, content):
    # What older versions left (a pid, or nothing after a crash between creating and writing it).
    (ws.dir / lock_module.LOCK_FILE).write_text(content)
    ws.answer("customer_segment", "consumers", "alice")
    assert Workspace.open(ws.dir).assessment.answers["customer_segment"].value == "consumers"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (a POSIX system)")
def test_a_writer_killed_while_holding_the_lock_blocks_nothing(ws, monkeypatch):
    import subprocess
    import sys

    script = (
        "import os, signal, sys\nfrom signoff.assess.lock import workspace_lock\n"
        "with workspace_lock(sys.argv[1]):\n    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    assert subprocess.run([sys.executable, "-c", script, str(ws.dir)]).returncode == -signal.SIGKILL
    monkeypatch.setattr(lock_module, "LOCK_WAIT_SECONDS", 0.0)  # not even a moment's wait
    ws.answer("customer_segment", "consumers", "alice")
    assert Workspace.open(ws.dir).assessment.answers["customer_segment"].value == "consumers"


def test_a_lock_that_cannot_be_opened_is_named(ws):
    (ws.dir / lock_module.LOCK_FILE).unlink()
    (ws.dir / lock_module.LOCK_FILE).mkdir()
    before = ws.path.read_bytes()
    with pytest.raises(
        SignoffError,
        match=r"\.signoff\.lock: cannot open the workspace lock .* remove whatever is in its place",
    ):
        ws.answer("customer_segment", "consumers", "alice")
    assert ws.path.read_bytes() == before


def test_add_contract_copies_fingerprints_and_stores_the_analysis(ws, nimbus):
    record = ws.add_contract(NIMBUS, "legal", analysis=nimbus)
    assert record.file == "contracts/nimbus-ai-services-agreement.md"
    assert (ws.dir / record.file).read_bytes() == NIMBUS.read_bytes()
    [stored] = Workspace.open(ws.dir).analyses()
    assert stored.findings == nimbus.findings
    assert stored.document.path == "contracts/nimbus-ai-services-agreement.md"  # the copy, workspace-relative


def test_a_different_contract_with_the_same_name_is_refused(ws, nimbus, tmp_path):
    ws.add_contract(NIMBUS, "legal", analysis=nimbus)
    impostor = tmp_path / NIMBUS.name
    impostor.write_text("other terms\n")
    with pytest.raises(InputFileError, match="a different contract named .* rename the file"):
        ws.add_contract(impostor, "legal", analysis=nimbus)


def test_a_missing_contract_file_is_a_clear_error(ws, tmp_path):
    with pytest.raises(InputFileError, match="contract file not found"):
        ws.add_contract(tmp_path / "nope.pdf", "legal")


def test_a_damaged_analysis_says_how_to_recover(ws, nimbus):
    record = ws.add_contract(NIMBUS, "legal", analysis=nimbus)
    (ws.dir / record.analysis).write_text("{}")
    with pytest.raises(DataFileError, match="not a valid analysis .* add the contract again"):
        ws.analyses()


# --- journal ------------------------------------------------------------------------------------


@pytest.fixture
def journaled(ws):
    for value in ("consumers", "business", "consumers_vulnerable"):
        ws.answer("customer_segment", value, "alice")
    assert ws.journal.verify() == []
    return ws


def _lines(ws):
    return ws.journal.path.read_text().splitlines(keepends=True)


def _write(ws, lines):
    ws.journal.path.write_text("".join(lines))


def test_an_edited_entry_is_detected(journaled):
    lines = _lines(journaled)
    lines[1] = lines[1].replace('"consumers"', '"business"')
    _write(journaled, lines)
    assert any("entry #2 was edited" in p for p in journaled.journal.verify())


def test_a_removed_entry_is_detected(journaled):
    lines = _lines(journaled)
    del lines[2]
    _write(journaled, lines)
    problems = journaled.journal.verify()
    assert any("out of place" in p for p in problems)
    assert any("entries removed or added" in p for p in problems)


def test_reordered_entries_are_detected(journaled):
    lines = _lines(journaled)
    lines[1], lines[2] = lines[2], lines[1]
    _write(journaled, lines)
    assert any("does not follow the entry before it" in p for p in journaled.journal.verify())


def test_a_truncated_tail_is_detected(journaled):
    _write(journaled, _lines(journaled)[:-1])
    assert journaled.journal.verify() == [
        "journal has 3 entries but 4 were written (entries removed or added)"
    ]


def test_a_forged_last_entry_with_a_recomputed_hash_is_detected(journaled):
    from signoff.assess.journal import entry_hash

    lines = _lines(journaled)
    last = json.loads(lines[-1])
    last["actor"] = "mallory"
    last["hash"] = entry_hash({k: v for k, v in last.items() if k != "hash"})
    lines[-1] = json.dumps(last) + "\n"
    _write(journaled, lines)
    assert journaled.journal.verify() == ["the last entry is not the one last written"]


def test_an_unreadable_line_is_reported_not_raised(journaled):
    _write(journaled, [*_lines(journaled), "not json\n"])
    assert journaled.journal.verify() == [
        "line 5 is not valid JSON; restore journal.jsonl and journal.head from a backup "
        "(signoff adds nothing to the journal until then)"
    ]


def test_the_head_hash_is_the_last_entry(journaled):
    assert journaled.journal.head_hash == journaled.journal.entries()[-1].hash


def test_record_journals_an_event_that_changes_no_answer(ws):
    revision = ws.assessment.revision
    entry = ws.record("Sam Okafor", "approve", {"role": "legal"})
    assert ws.journal.entries()[-1] == entry
    assert ws.assessment.revision == revision
    assert ws.journal.verify() == []


def test_an_assessment_from_a_newer_signoff_asks_for_an_upgrade(ws):
    ws.path.write_text(ws.path.read_text().replace("schema_version: 1", "schema_version: 2"))
    with pytest.raises(
        DataFileError, match="schema_version 2 was written by a newer signoff .* upgrade signoff"
    ):
        Workspace.open(ws.dir)


def test_a_hand_edit_of_the_assessment_is_reported_then_journaled_by_the_next_change(ws):
    ws.answer("customer_segment", "consumers", "alice")
    ws.path.write_text(ws.path.read_text().replace("value: consumers", "value: business"))
    assert ws.verify() == [
        "assessment.yaml was changed outside signoff after journal entry #2; the change is not in the journal"
    ]
    ws.answer("channels", "email", "alice")
    actions = [(e.actor, e.action) for e in ws.journal.entries()]
    assert actions[-2:] == [("(outside signoff)", "outside_edit"), ("alice", "answer")]
    assert ws.verify() == []
    assert (
        ws.assessment.answers["customer_segment"].value == "business"
    )  # the edit is kept, and now on record


def test_two_processes_writing_at_once_lose_nothing(ws):
    import subprocess
    import sys

    script = (
        "import sys\nfrom signoff.assess import Workspace\n"
        "ws = Workspace.open(sys.argv[1])\n"
        "for i in range(15):\n"
        "    ws.answer(sys.argv[2], f'{i + 1}m', sys.argv[2])\n"
    )
    writers = [
        subprocess.Popen([sys.executable, "-c", script, str(ws.dir), item], stderr=subprocess.PIPE, text=True)
        for item in ("rollback_time", "stop_drill_duration")
    ]
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read()
    final = Workspace.open(ws.dir)
    assert final.assessment.answers["rollback_time"].value == "15m"
    assert final.assessment.answers["stop_drill_duration"].value == "15m"
    assert final.assessment.revision == 31
    assert final.verify() == []


def test_changing_an_answer_keeps_its_evidence_unless_told_otherwise(tmp_path):
    ws = Workspace.init(tmp_path / "ws", "Acme", "alice")
    proof = ws.dir / "drill.md"
    proof.write_text("drill log\n")
    ws.answer("rollback_time", "30m", "alice", evidence=str(proof))
    ws.answer("rollback_time", "20m", "alice")
    assert Workspace.open(ws.dir).assessment.answers["rollback_time"].evidence.ref == "drill.md"
    ws.answer("rollback_time", "25m", "alice", evidence="")
    assert Workspace.open(ws.dir).assessment.answers["rollback_time"].evidence is None
