"""Signed sign-off decisions: what a journal decision entry holds, what is signed, and when it counts.

A decision (approve or reject, for one role) is a journal entry whose data is a
`SignedDecision`. The approver's SSH key signs the decision together with the
fingerprint of the assessment it decides on and the journal head at that moment, so a
decision cannot be edited, replayed at another place in the journal, or forged with
recomputed hashes: it counts only when its signature verifies for the named approver
against the allowed-signers file (the workspace's `allowed_signers`, or one given).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, ValidationError

from signoff.errors import SignoffError
from signoff.models import Strict
from signoff.signatures import check, key_fingerprint, public_key
from signoff.wording import claimed_text
from signoff.yamlio import decode_utf8

if TYPE_CHECKING:
    from signoff.assess.journal import JournalEntry

DECISION_ACTION = "approve"
ALLOWED_SIGNERS = "allowed_signers"
Role = Literal["legal", "product_owner", "outcome_owner"]
ROLES: tuple[Role, ...] = ("legal", "product_owner", "outcome_owner")
Decision = Literal["approve", "reject"]


class SignedDecision(Strict):
    """The data of a decision entry: the decision, what it was made against, and its signature."""

    role: Role
    # The name is a principal in an allowed-signers line: no quote, comma or line break can end it early.
    name: str = Field(
        pattern=r"^[^\",\r\n]+$",
        description="the approver's full name: their principal in the allowed signers",
    )
    decision: Decision
    note: str | None = Field(default=None, description="why; required for a rejection")
    # Left out when absent, so decisions signed before it existed keep the message they signed.
    blocking: int | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="open blocking gaps when an approval was made while the launch was blocked",
    )
    fingerprint: str = Field(description="fingerprint of the assessment decided on (the snapshot's)")
    journal_head: str = Field(description="hash of the journal's last entry when the decision was signed")
    at: str = Field(
        pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$",
        description="when it was signed (ISO 8601, UTC, seconds)",
    )
    signature: str = Field(description="SSH signature (namespace 'signoff') over `message()`")

    def message(self) -> bytes:
        """The bytes the approver signs: every field but the signature, as canonical JSON."""
        fields = self.model_dump(mode="json", exclude={"signature"})
        body = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return b"signoff decision v1\n" + body.encode("utf-8")

    @property
    def key(self) -> str:
        """Fingerprint of the signing key ('SHA256:...'); empty when the signature is unreadable."""
        key = public_key(self.signature)
        return key_fingerprint(key) if key else ""

    def problem(self, allowed_signers: str) -> str | None:
        """None when the signature is the approver's, by a key the allowed signers give them."""
        when = self.at.replace("-", "").replace(":", "").replace("T", "")
        return check(self.signature, self.message(), self.name, allowed_signers, when)


class AllowedSigners(Strict):
    """The allowed-signers text decisions are checked against, and where it came from."""

    text: str
    source: str = Field(description="the file, for messages")


def allowed_signers(workspace: Path, override: Path | None = None) -> AllowedSigners:
    """`override` when given, else the workspace's `allowed_signers` (empty when there is none)."""
    path = Path(override) if override is not None else Path(workspace) / ALLOWED_SIGNERS
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if override is not None:
            raise SignoffError(f"{path}: allowed-signers file not found") from None
        return AllowedSigners(text="", source=f"{path} (missing)")
    except (IsADirectoryError, PermissionError) as e:
        raise SignoffError(f"{path}: not a readable allowed-signers file ({type(e).__name__})") from None
    return AllowedSigners(text=decode_utf8(raw, str(path)), source=str(path))


def check_entry(entry: JournalEntry, allowed: AllowedSigners) -> tuple[SignedDecision | None, str | None]:
    """(the decision, None) when the entry is a decision that counts; else (None, why not)."""
    if "signature" not in entry.data:
        return None, "is unsigned"
    try:
        decision = SignedDecision(**entry.data)
    except (TypeError, ValidationError):
        return None, "is not a complete signed decision (role, name, decision, fingerprint, signature...)"
    if decision.journal_head != entry.prev:
        return (
            None,
            "was signed for another place in the journal (its journal head is not the entry before it)",
        )
    problem = decision.problem(allowed.text)
    return (None, problem) if problem else (decision, None)


def describe(entry: JournalEntry) -> str:
    """'Legal Lee Park: approved', from whatever the entry holds."""
    data: dict[str, Any] = entry.data
    return claimed_text(data.get("role"), data.get("name"), data.get("decision"))


def decision_problems(entries: list[JournalEntry], allowed: AllowedSigners) -> list[str]:
    """One line per decision entry that does not count, for `journal verify`."""
    out = []
    for entry in entries:
        if entry.action != DECISION_ACTION:
            continue
        _, problem = check_entry(entry, allowed)
        if problem:
            out.append(
                f"entry #{entry.seq} ({describe(entry)}): a decision that {problem}; it does not count"
            )
    return out
