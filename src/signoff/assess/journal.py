"""The workspace journal: an append-only, hash-chained record of who changed what, and when.

Each line of `journal.jsonl` is one entry whose `hash` covers its own content and the
previous entry's hash, so editing, removing or reordering any entry breaks the chain.
`journal.head` (count and last hash, rewritten atomically after each append) catches
a truncated tail, which a chain alone cannot; one entry beyond the head is a crash
between the two writes, not tampering.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from signoff.clock import now
from signoff.errors import DataFileError
from signoff.models import Strict
from signoff.yamlio import atomic_write_text

GENESIS = "0" * 64


class JournalEntry(Strict):
    """One recorded change."""

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


class Journal:
    """`journal.jsonl` of one workspace. Appends are serialised by the workspace lock."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.head_path = self.path.with_name("journal.head")

    def stamp(self) -> tuple[int, int] | None:
        """Size and modification time of the journal file (None before the first entry): a cheap
        way for a watcher to notice entries appended by another process, e.g. an approval."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_size, st.st_mtime_ns)

    def entries(self) -> list[JournalEntry]:
        """All entries; DataFileError naming the line when one cannot be read."""
        if not self.path.exists():
            return []
        out = []
        for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                out.append(JournalEntry.model_validate_json(line))
            except ValidationError:
                raise DataFileError(
                    f"{self.path}:{n}: not a journal entry; the journal was edited by hand "
                    f"(run `signoff journal verify`)"
                ) from None
        return out

    @property
    def head_hash(self) -> str:
        """Hash of the last entry (64 zeros when empty): what a sign-off document pins."""
        entries = self.entries()
        return entries[-1].hash if entries else GENESIS

    def append(self, actor: str, action: str, data: dict[str, Any]) -> JournalEntry:
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
        line = entry.model_dump_json() + "\n"
        # O_APPEND writes of one short line land whole; fsync so an acknowledged entry survives a crash.
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        atomic_write_text(self.head_path, json.dumps({"entries": entry.seq, "head": entry.hash}) + "\n")
        return entry

    def verify(self) -> list[str]:
        """Problems found (edited, removed, reordered or unreadable entries); empty when intact."""
        problems: list[str] = []
        try:
            entries = self.entries()
        except DataFileError as e:
            return [e.message]
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
        problems.extend(self._check_head(entries))
        return problems

    def _check_head(self, entries: list[JournalEntry]) -> list[str]:
        if not self.head_path.exists():
            return [f"{self.head_path.name} is missing"] if entries else []
        try:
            head = json.loads(self.head_path.read_text(encoding="utf-8"))
            count, last = int(head["entries"]), str(head["head"])
        except (ValueError, KeyError, TypeError):
            return [f"{self.head_path.name} is unreadable"]
        if count == len(entries) - 1 and (entries[-2].hash if count else GENESIS) == last:
            # The process stopped between appending an entry and recording the head: not tampering.
            return []
        if count != len(entries):
            return [f"journal has {len(entries)} entries but {count} were written (entries removed or added)"]
        if entries and last != entries[-1].hash:
            return ["the last entry is not the one last written"]
        return []
