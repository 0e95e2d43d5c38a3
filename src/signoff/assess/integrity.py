"""Integrity of a workspace's files: evidence still matching its fingerprint, assessment.yaml still
what signoff last wrote (each journal entry records the SHA-256 of the file it wrote), and
every decision in the journal signed by its approver.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from signoff.assess.assessment import Answer
from signoff.assess.decisions import allowed_signers, decision_problems
from signoff.assess.journal import Journal
from signoff.assess.lock import workspace_lock
from signoff.assess.storage import SHA_KEY, file_sha, save_interrupted
from signoff.errors import DataFileError


def evidence_problems(answers: Mapping[str, Answer], folder: Path) -> dict[str, str]:
    """Item id -> what is wrong with its evidence file (missing, or changed since it was attached);
    relative evidence paths are inside the workspace `folder`."""
    problems = {}
    for item_id, answer in answers.items():
        ev = answer.evidence
        if ev is None or ev.kind != "file":
            continue
        path = Path(ev.ref) if Path(ev.ref).is_absolute() else folder / ev.ref
        if not path.is_file():
            problems[item_id] = f"evidence file {ev.ref} is missing; attach it again"
        elif hashlib.sha256(path.read_bytes()).hexdigest() != ev.sha256:
            problems[item_id] = f"evidence file {ev.ref} changed since it was attached; attach it again"
    return problems


def outside_edit(path: Path, journal: Journal) -> str | None:
    """Why the assessment file at `path` differs from what signoff last wrote (a hand edit), else None."""
    recorded = [(e.seq, e.data[SHA_KEY]) for e in journal.entries() if SHA_KEY in e.data]
    if not recorded:
        return None
    current = file_sha(path)
    if current == recorded[-1][1]:
        return None
    # A save stopped between its journal entry and the rename of its file, in a folder this process
    # could not finish it in (read-only): the previous file is still in place, the new one beside it.
    if len(recorded) > 1 and current == recorded[-2][1] and save_interrupted(path.parent, recorded[-1][1]):
        return None
    return (
        f"{path.name} was changed outside signoff after journal entry #{recorded[-1][0]}; "
        f"the change is not in the journal"
    )


def verify(path: Path, journal: Journal, signers: Path | None = None) -> list[str]:
    """Journal problems, a hand edit of the assessment file at `path` not in the journal, and decisions
    that do not count (checked against the allowed-signers file `signers`, default the workspace's);
    empty: intact."""
    folder = path.parent
    # Shared lock: journal and file are compared between saves, never in the middle of one.
    with workspace_lock(folder, shared=True):
        problems = journal.verify()
        if not problems and (edited := outside_edit(path, journal)):
            problems.append(edited)
        try:
            entries = journal.entries()
        except DataFileError:
            return problems  # the unreadable line is among them
    return problems + decision_problems(entries, allowed_signers(folder, signers))
