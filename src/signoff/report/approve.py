"""Record a sign-off decision: signed with the approver's SSH key, then journalled.

The signature covers the decision, the assessment fingerprint it is made against and
the journal head at that moment (`SignedDecision.message`). Signing may wait for a
passphrase or a hardware key's touch, so it happens outside the workspace lock; under
the lock the fingerprint and the head are checked again before the entry is appended,
and a workspace that changed meanwhile refuses the decision rather than misdate it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from signoff.assess.decisions import (
    ALLOWED_SIGNERS,
    DECISION_ACTION,
    ROLES,
    SignedDecision,
    allowed_signers,
)
from signoff.assess.lock import ConflictError
from signoff.clock import now
from signoff.errors import SignoffError, UnknownNameError
from signoff.report.build import build_snapshot, iso
from signoff.report.snapshot import Approval, fingerprint
from signoff.signatures import allowed_line, public_key, sign


def record_approval(
    ws: Any,
    role: str,
    name: str,
    decision: str,
    note: str | None = None,
    *,
    key: Path,
    actor: str | None = None,
    interactive: bool = True,
) -> Approval:
    """Sign a decision with the private key at `key` and journal it; SignoffError when refused.

    `interactive`: ssh-keygen may ask for the key's passphrase on the terminal (see
    `signoff.signatures.sign`). Nothing is recorded unless the signature verifies against
    the workspace's allowed signers.
    """
    from signoff.assess.answers import person_name_problem

    if role not in ROLES:
        raise UnknownNameError(
            f"unknown role {role!r}", role, ROLES, listed_by=f"use one of: {', '.join(ROLES)}"
        )
    if decision not in ("approve", "reject"):
        raise UnknownNameError(
            f"unknown decision {decision!r}",
            decision,
            ("approve", "reject"),
            listed_by="use approve or reject",
        )
    name = name.strip()
    problem = person_name_problem(name)
    if problem:
        raise SignoffError(f"the name {problem}; the approver must be one named person", field="name")
    if any(c in name for c in ',"'):
        # The name is the approver's principal in allowed_signers, a comma-separated list of patterns.
        raise SignoffError(
            f"the name {name!r} has a comma or a quote; write it as 'First Last'", field="name"
        )
    note = (note or "").strip() or None
    if decision == "reject" and note is None:
        raise SignoffError("a rejection needs a note saying what must change", field="note")

    ws.reload()
    snapshot = build_snapshot(ws)
    # An approval of a blocked launch records how many blocking gaps the approver saw open.
    blocking = snapshot.counts.blocker + snapshot.counts.major if decision == "approve" else 0
    unsigned = SignedDecision(
        role=role,  # type: ignore[arg-type]  (checked against ROLES above)
        name=name,
        decision=decision,  # type: ignore[arg-type]
        note=note,
        blocking=blocking or None,
        fingerprint=fingerprint(snapshot),
        journal_head=ws.journal.head_hash,
        at=iso(now()),
        signature="",
    )
    signed = unsigned.model_copy(update={"signature": sign(unsigned.message(), key, interactive=interactive)})
    allowed = allowed_signers(ws.dir)
    refused = signed.problem(allowed.text)
    if refused:
        line = allowed_line(name, public_key(signed.signature) or "KEY")
        raise SignoffError(
            f"not recorded: the decision {refused}; to let {name} sign, whoever keeps your organisation's "
            f"allowed signers adds this line to {ws.dir / ALLOWED_SIGNERS}: {line}",
            field="key",
        )
    with ws.transaction():
        ws.reload()
        if (
            ws.journal.head_hash != signed.journal_head
            or fingerprint(build_snapshot(ws)) != signed.fingerprint
        ):
            raise ConflictError(
                f"{ws.dir}: the workspace changed while the decision was being signed; "
                f"nothing was recorded: review the change and decide again"
            )
        ws.journal.append(actor or name, DECISION_ACTION, signed.model_dump(mode="json"))
    return Approval(**signed.model_dump(), key=signed.key, current=True)
