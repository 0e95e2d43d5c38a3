"""The workspace journal: an append-only, hash-chained record of who changed what, and when.

Each line of `journal.jsonl` is one entry whose `hash` covers its own content and the
previous entry's hash, so editing, removing or reordering any entry breaks the chain.
`journal.head` (count and last hash, rewritten atomically after each append) catches
a truncated tail, which a chain alone cannot.

An entry exists once its whole line, newline included, is on disk. A crash leaves at most
two traces, and neither is tampering: a last line without its newline (the entry was never
written, and no change it carried was ever reported saved), and a head one entry behind (a
crash between an entry and its head). `repair`, run by every writer under the workspace lock,
sets the first aside in `journal.unfinished` and brings the head up to date; a reader
meanwhile ignores both. Anything else that disagrees is kept as it is for `verify` to report,
and no writer adds to the journal until it is restored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ConfigDict, Field, ValidationError

from signoff.assess.lock import workspace_lock
from signoff.clock import now
from signoff.errors import DataFileError
from signoff.models import Strict
from signoff.yamlio import atomic_write_text, read_file_bytes, write_all, write_synced

GENESIS = "0" * 64
_HASH = re.compile(r"[0-9a-f]{64}")
# journal path -> (its bytes up to the last newline, their entries, their line count), see `_parse`.
_PARSED: dict[str, tuple[bytes, list[JournalEntry], int]] = {}
RESTORE = (
    "restore journal.jsonl and journal.head from a backup (signoff adds nothing to the journal until then)"
)


class JournalEntry(Strict):
    """One recorded change."""

    model_config = ConfigDict(frozen=True)

    seq: int = Field(description="1-based position in the journal")
    at: datetime = Field(description="when, UTC")
    actor: str = Field(description="who made the change")
    action: str = Field(description="what kind of change, e.g. 'answer', 'add_contract', 'approve'")
    data: dict[str, Any] = Field(default_factory=dict, description="what changed")
    prev: str = Field(description="hash of the previous entry (64 zeros for the first)")
    hash: str = Field(description="SHA-256 over this entry's other fields")

    def expected_hash(self) -> str:
        return entry_hash(self.model_dump(mode="json", exclude={"hash"}))


def entry_hash(fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class JournalDamaged(DataFileError):
    """The journal or its head cannot be read, or they disagree. `problem` is the same as a line of
    `verify`, which names journal.head when that is the file at fault and the journal otherwise."""

    def __init__(self, path: Path, what: str):
        self.problem = f"{what}; {RESTORE}"
        if path.name != "journal.jsonl":
            self.problem = f"{path.name}: {self.problem}"
        super().__init__(f"{path}: {what}; {RESTORE}")


class Journal:
    """`journal.jsonl` of one workspace. Appends are serialised by the workspace lock."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.head_path = self.path.with_name("journal.head")
        self.unfinished_path = self.path.with_name("journal.unfinished")

    def stamp(self) -> tuple[int, int] | None:
        """Size and modification time of the journal file (None before the first entry): a cheap
        way for a watcher to notice entries appended by another process, e.g. an approval."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_size, st.st_mtime_ns)

    def entries(self) -> list[JournalEntry]:
        """All entries; JournalDamaged naming the line when one cannot be read."""
        return self._parse(_complete(self._raw()))

    @property
    def head_hash(self) -> str:
        """Hash of the last entry (64 zeros when empty): what a sign-off document pins."""
        entries = self.entries()
        return entries[-1].hash if entries else GENESIS

    def append(self, actor: str, action: str, data: dict[str, Any]) -> JournalEntry:
        """Add an entry (the caller holds the workspace lock, after `repair`)."""
        entries = self.entries()
        prev = entries[-1].hash if entries else GENESIS
        fields = {
            "seq": len(entries) + 1,
            "at": now().isoformat(timespec="seconds").replace("+00:00", "Z"),
            "actor": actor,
            "action": action,
            "data": json.loads(json.dumps(data, default=str)),
            "prev": prev,
        }
        entry = JournalEntry(**fields, hash=entry_hash(fields))
        line = (entry.model_dump_json() + "\n").encode("utf-8")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        try:
            end = os.fstat(fd).st_size
            try:
                write_all(fd, line)
                os.fsync(fd)
            except BaseException:
                # Take back a line that did not reach the disk whole; a crash here is undone by `repair`.
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, end)
                raise
        finally:
            os.close(fd)
        atomic_write_text(self.head_path, json.dumps({"entries": entry.seq, "head": entry.hash}) + "\n")
        return entry

    def repair(self) -> str | None:
        """Clear what a crash left (caller holds the lock exclusively). Returns what stops a new
        entry (the journal and its head disagree), None when entries can be added."""
        raw = self._raw()
        complete = _complete(raw)
        entries = self._parse(complete)
        head = self._head()
        problem = _head_problem(entries, head, unfinished=raw[len(complete) :])
        if problem:
            return problem
        if len(complete) < len(raw):
            self._set_aside(raw[len(complete) :], len(complete))
        if entries and (head is None or head[0] == len(entries) - 1):
            atomic_write_text(
                self.head_path, json.dumps({"entries": len(entries), "head": entries[-1].hash}) + "\n"
            )
        return None

    def has_crash_traces(self) -> bool:
        """A cheap look, without the lock, for what `repair` clears: an unfinished last line, or a head
        one entry behind. False when unsure; the next writer looks properly."""
        try:
            raw = self._raw()
            head = self._head()
        except DataFileError:
            return False
        if not raw.endswith(b"\n") and raw:
            return True
        lines = sum(1 for line in raw.splitlines() if line.strip())
        written = head[0] if head else 0
        return written == lines - 1

    def verify(self) -> list[str]:
        """Problems found (edited, removed, reordered or unreadable entries); empty when intact."""
        with workspace_lock(self.path.parent, shared=True):
            try:
                raw = self._raw()
                complete = _complete(raw)
                entries = self._parse(complete)
                head = self._head()
            except JournalDamaged as e:
                return [e.problem]
        problems: list[str] = []
        prev = GENESIS
        for n, entry in enumerate(entries, 1):
            if entry.seq != n:
                problems.append(
                    f"line {n}: entry #{entry.seq} is out of place (entries removed or reordered)"
                )
            if entry.prev != prev:
                problems.append(f"line {n}: entry #{entry.seq} does not follow the entry before it")
            if entry.hash != entry.expected_hash():
                problems.append(f"line {n}: entry #{entry.seq} was edited after it was written")
            prev = entry.hash
        if problem := _head_problem(entries, head, unfinished=raw[len(complete) :]):
            problems.append(problem)
        return problems

    def _raw(self) -> bytes:
        return read_file_bytes(self.path) or b""

    def _parse(self, complete: bytes) -> list[JournalEntry]:
        # Entries already parsed from the same bytes are reused: a long journal is read several
        # times in every save, and only its new lines need parsing. Bytes, not timestamps, decide.
        key = str(self.path.absolute())
        known, parsed, lines = _PARSED.get(key, (b"", [], 0))
        if not complete.startswith(known):
            known, parsed, lines = b"", [], 0
        out = parsed + self._parse_lines(complete[len(known) :], first=lines + 1)
        _PARSED[key] = (complete, out, lines + complete.count(b"\n", len(known)))
        return list(out)

    def _parse_lines(self, complete: bytes, first: int) -> list[JournalEntry]:
        out = []
        for n, line in enumerate(complete.split(b"\n")[:-1], first):
            if not line.strip():
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as e:
                raise JournalDamaged(
                    self.path, f"line {n} is not UTF-8 text (byte 0x{line[e.start]:02x})"
                ) from None
            try:
                out.append(JournalEntry.model_validate_json(text))
            except ValidationError as e:
                what = "not valid JSON" if e.errors()[0]["type"] == "json_invalid" else "not a journal entry"
                raise JournalDamaged(self.path, f"line {n} is {what}") from None
        return out

    def _head(self) -> tuple[int, str] | None:
        """(entries written, hash of the last), None when there is no head file."""
        raw = read_file_bytes(self.head_path)
        if raw is None:
            return None
        try:
            head = json.loads(raw.decode("utf-8"))
            count, last = head["entries"], head["head"]
        except UnicodeDecodeError as e:
            raise JournalDamaged(self.head_path, f"not UTF-8 text (byte 0x{raw[e.start]:02x})") from None
        except (ValueError, KeyError, TypeError):
            raise JournalDamaged(self.head_path, "not a journal head") from None
        if type(count) is not int or count < 0 or not isinstance(last, str) or not _HASH.fullmatch(last):
            raise JournalDamaged(self.head_path, "not a journal head")
        return count, last

    def _set_aside(self, unfinished: bytes, keep: int) -> None:
        """Move an unfinished last line to journal.unfinished (kept, for whoever wonders what it was),
        then cut it from the journal."""
        kept = read_file_bytes(self.unfinished_path) or b""
        record = unfinished + b"\n"
        if not kept.endswith(record):  # a crash after setting it aside, before cutting it: already kept
            write_synced(self.unfinished_path, kept + record)
        fd = os.open(self.path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            os.ftruncate(fd, keep)
            os.fsync(fd)
        finally:
            os.close(fd)


def _complete(raw: bytes) -> bytes:
    """The journal up to and including its last newline: the entries that were written whole."""
    return raw[: raw.rfind(b"\n") + 1]


def _head_problem(entries: list[JournalEntry], head: tuple[int, str] | None, unfinished: bytes) -> str | None:
    """What is wrong between the entries and the head; None when they agree or the head is one
    entry behind (the process stopped between appending an entry and recording the head)."""
    if head is None:
        return "journal.head is missing" if len(entries) > 1 else None
    count, last = head
    hashes = [GENESIS] + [e.hash for e in entries]
    if count in (len(entries), len(entries) - 1) and count >= 0 and hashes[count] == last:
        return None
    if unfinished and count == len(entries) + 1:
        return f"entry #{count} is cut off: the journal ends in the middle of it"
    if count != len(entries):
        return f"journal has {len(entries)} entries but {count} were written (entries removed or added)"
    return "the last entry is not the one last written"
