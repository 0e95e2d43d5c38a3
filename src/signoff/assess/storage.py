"""How a change to a workspace reaches the disk, so that a crash at any moment loses no saved
answer and leaves nothing that looks like tampering.

A save, under the exclusive workspace lock:
  1. the new assessment.yaml is written beside it, as `.assessment.yaml.pending`, and synced;
  2. the journal entry, with the SHA-256 of that text, is appended and synced: from here on the
     change is saved, even if nothing else happens;
  3. journal.head is brought up to date;
  4. the pending file is renamed over assessment.yaml, and the rename synced.

`recover`, run by every writer as soon as it holds the lock (and by `Workspace.open` when it sees
something left behind), finishes what a crashed writer left: the journal's own traces (see
`Journal.repair`), then a pending file whose text the journal's last entry records is renamed
into place (step 4 again); any other pending file was never saved and is removed. A crash during
`recover` leaves the same traces, so the next one finishes the job, however many crashes in a row.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from signoff.assess.journal import Journal, JournalDamaged, JournalEntry
from signoff.assess.lock import ConflictError, LockUnavailable, workspace_lock
from signoff.errors import DataFileError, SignoffError
from signoff.yamlio import read_file_bytes, replace_synced, write_synced

ASSESSMENT_FILE = "assessment.yaml"
JOURNAL_FILE = "journal.jsonl"
PENDING_FILE = ".assessment.yaml.pending"
SHA_KEY = "assessment_sha256"  # journal data: the bytes of assessment.yaml each change wrote
# Temp files of atomic writes (tempfile.mkstemp) that a killed process never renamed or removed;
# signoff before this save order wrote assessment.yaml that way, after its journal entry.
_LEGACY_PENDING = ".assessment.yaml.*.tmp"
_STRAY_TEMPS = (_LEGACY_PENDING, ".journal.head.*.tmp")


class SaveUnfinished(SignoffError):
    """The change is journaled, so saved, but assessment.yaml could not be replaced yet."""


@contextmanager
def writing(dir: Path, journal: Journal) -> Iterator[None]:
    """Hold the workspace lock for a change, with whatever a crashed writer left finished first;
    JournalDamaged (nothing written) when the journal cannot take another entry."""
    with workspace_lock(dir):
        try:
            recover(dir, journal)
        except OSError as e:
            raise SignoffError(
                f"{dir}: cannot finish the save an interrupted signoff left ({_why(e)}); "
                f"check the folder's permissions and free disk space, then try again"
            ) from None
        yield


def save(
    dir: Path, journal: Journal, actor: str, action: str, data: dict[str, Any], text: str
) -> JournalEntry:
    """Write the new assessment.yaml and journal the change (caller is inside `writing`)."""
    raw = text.encode("utf-8")
    sha = hashlib.sha256(raw).hexdigest()
    target = dir / ASSESSMENT_FILE
    try:
        write_synced(dir / PENDING_FILE, raw)
        entry = journal.append(actor, action, {**data, SHA_KEY: sha})
    except OSError as e:
        if last_recorded_sha(journal) != sha:
            raise SignoffError(
                f"{target}: could not save ({_why(e)}); nothing was changed: "
                f"free some disk space or fix the folder's permissions, then try again"
            ) from None
        raise _unfinished(target, e) from None
    try:
        replace_synced(dir / PENDING_FILE, target)
    except OSError as e:
        raise _unfinished(target, e) from None
    return entry


def recover(dir: Path, journal: Journal) -> None:
    """Finish or undo what a crashed save left (caller holds the exclusive lock)."""
    problem = journal.repair()
    if problem:
        raise JournalDamaged(journal.path, problem)
    for stray in dir.glob(".journal.head.*.tmp"):
        os.unlink(stray)
    candidates = [p for p in [dir / PENDING_FILE, *dir.glob(_LEGACY_PENDING)] if os.path.lexists(p)]
    if not candidates:
        return
    saved = last_recorded_sha(journal)
    for pending in candidates:
        if saved is not None and saved != file_sha(dir / ASSESSMENT_FILE) and file_sha(pending) == saved:
            replace_synced(pending, dir / ASSESSMENT_FILE)
        else:
            # Never journaled, so never reported saved (or already in place): not a change.
            os.unlink(pending)


def recover_for_reading(dir: Path) -> None:
    """Before reading a workspace, finish a crashed save if one seems to have been left;
    DataFileError for a journal whose assessment.yaml is gone."""
    if not dir.is_dir():
        return
    journal = Journal(dir / JOURNAL_FILE)
    if _left_behind(dir, journal):
        try:
            with workspace_lock(dir):
                recover(dir, journal)
        except (JournalDamaged, LockUnavailable, ConflictError, OSError):
            # A damaged journal is reported by whatever needs it; a read-only or busy folder is read
            # as it stands, where `integrity.outside_edit` still tells a crashed save from an edit.
            pass
    if not (dir / ASSESSMENT_FILE).is_file():
        refuse_orphan_journal(dir)


def refuse_existing_workspace(dir: Path) -> None:
    """SignoffError when `dir` already holds a workspace, or what is left of one."""
    if (dir / ASSESSMENT_FILE).exists():
        raise SignoffError(f"{dir} is already a signoff workspace; open it instead of initialising it again")
    refuse_orphan_journal(dir)


def refuse_orphan_journal(dir: Path) -> None:
    """A journal without its assessment.yaml is a damaged workspace, not an empty folder."""
    stamp = Journal(dir / JOURNAL_FILE).stamp()
    if stamp and stamp[0] > 0:
        raise DataFileError(
            f"{dir / ASSESSMENT_FILE}: missing, though {JOURNAL_FILE} records changes to it; "
            f"restore it from a backup"
        )


def disk_stamp(path: Path) -> tuple[int, int, int] | None:
    """The file's identity (inode, modification time, size): a rename by another writer changes it."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def save_interrupted(dir: Path, saved_sha: str) -> bool:
    """True when the save journaled as `saved_sha` stopped before its file was renamed into place."""
    return file_sha(dir / PENDING_FILE) == saved_sha


def last_recorded_sha(journal: Journal) -> str | None:
    """The SHA-256 of assessment.yaml as the last change that wrote it left it."""
    for entry in reversed(journal.entries()):
        if SHA_KEY in entry.data:
            return str(entry.data[SHA_KEY])
    return None


def file_sha(path: Path) -> str | None:
    try:
        raw = read_file_bytes(path)
    except DataFileError:
        return None
    return None if raw is None else hashlib.sha256(raw).hexdigest()


def _left_behind(dir: Path, journal: Journal) -> bool:
    """A cheap look, without the lock, for anything `recover` would act on."""
    if os.path.lexists(dir / PENDING_FILE) or any(any(dir.glob(p)) for p in _STRAY_TEMPS):
        return True
    return journal.has_crash_traces()


def _unfinished(target: Path, error: OSError) -> SaveUnfinished:
    return SaveUnfinished(
        f"{target}: the change is in the journal but the file could not be replaced ({_why(error)}); "
        f"free some disk space or fix the folder's permissions: the next signoff command on this "
        f"workspace finishes it"
    )


def _why(error: OSError) -> str:
    return error.strerror or str(error)
