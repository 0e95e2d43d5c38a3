"""Integrity of a workspace's files: evidence still matching its fingerprint, assessment.yaml still
what signoff last wrote (each journal entry records the SHA-256 of the file it wrote), and
every decision in the journal signed by its approver.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from signoff.assess.decisions import allowed_signers, decision_problems
from signoff.assess.lock import workspace_lock
from signoff.assess.storage import SHA_KEY, file_sha, save_interrupted
from signoff.errors import DataFileError

if TYPE_CHECKING:
    from signoff.assess.workspace import Workspace


def evidence_problems(ws: Workspace) -> dict[str, str]:
    """Item id -> what is wrong with its evidence file (missing, or changed since it was attached)."""
    problems = {}
    for item_id, answer in ws.assessment.answers.items():
        ev = answer.evidence
        if ev is None or ev.kind != "file":
            continue
        path = Path(ev.ref) if Path(ev.ref).is_absolute() else ws.dir / ev.ref
        if not path.is_file():
            problems[item_id] = f"evidence file {ev.ref} is missing; attach it again"
        elif hashlib.sha256(path.read_bytes()).hexdigest() != ev.sha256:
            problems[item_id] = f"evidence file {ev.ref} changed since it was attached; attach it again"
    return problems


def outside_edit(ws: Workspace) -> str | None:
    """Why assessment.yaml differs from what signoff last wrote (a hand edit), else None."""
    recorded = [(e.seq, e.data[SHA_KEY]) for e in ws.journal.entries() if SHA_KEY in e.data]
    if not recorded:
        return None
    current = file_sha(ws.path)
    if current == recorded[-1][1]:
        return None
    # A save stopped between its journal entry and the rename of its file, in a folder this process
    # could not finish it in (read-only): the previous file is still in place, the new one beside it.
    if len(recorded) > 1 and current == recorded[-2][1] and save_interrupted(ws.dir, recorded[-1][1]):
        return None
    return (
        f"{ws.path.name} was changed outside signoff after journal entry #{recorded[-1][0]}; "
        f"the change is not in the journal"
    )


def verify(ws: Workspace, signers: Path | None = None) -> list[str]:
    """Journal problems, a hand edit of assessment.yaml not in the journal, and decisions that do not
    count (checked against the allowed-signers file `signers`, default the workspace's); empty: intact."""
    # Shared lock: journal and file are compared between saves, never in the middle of one.
    with workspace_lock(ws.dir, shared=True):
        problems = ws.journal.verify()
        if not problems and (edited := ws.outside_edit()):
            problems.append(edited)
        try:
            entries = ws.journal.entries()
        except DataFileError:
            return problems  # the unreadable line is among them
    return problems + decision_problems(entries, allowed_signers(ws.dir, signers))
