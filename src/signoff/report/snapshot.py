"""What the sign-off document states, as one pydantic model, and its fingerprints.

Every value a reader sees is computed in Python and stored here as display-ready
text; templates only lay it out. Two fingerprints, both SHA-256 of canonical JSON:
the assessment fingerprint covers `Snapshot` (what was assessed), and is what each
decision approves or rejects, so recording a decision does not change it; the
document fingerprint covers everything the document states, decisions included, so
a decision edited in a filed document is caught without the workspace.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from signoff.assess.decisions import ROLES, Decision, Role
from signoff.models import Strict

SCHEMA_VERSION = "2"
Status = Literal["ready", "blocked", "ready_with_accepted_gaps"]
Severity = Literal["blocker", "major", "minor"]
FileStatus = Literal["ok", "missing", "changed"]

FINGERPRINT_SCOPE = (
    "The document fingerprint is the SHA-256 of the canonical JSON (sorted keys, no insignificant "
    "whitespace, UTF-8) of everything this document states, the sign-off decisions included. The "
    "assessment fingerprint covers everything but the decisions: it is what each approver signed "
    "with their own key, so a later decision does not change it. Journal entries that record "
    "decisions are likewise excluded from the journal head and the document date."
)


class _Model(Strict):
    model_config = ConfigDict(frozen=True)


class SummaryRow(_Model):
    label: str = Field(description="row label, e.g. 'Risk tier'")
    value: str = Field(description="display value")


class TierReason(_Model):
    item_id: str = Field(description="checklist item whose answer set the tier")
    question: str = Field(description="the checklist question")
    answer: str = Field(description="the answer as displayed")
    effect: str = Field(description="the tier it sets and why, e.g. 'high: refunds are irreversible'")


class TierInfo(_Model):
    tier: str = Field(description="the tier in force (override or derived)")
    derived_tier: str = Field(description="the tier the answers imply")
    reasons: list[TierReason] = Field(default_factory=list, description="the answers that set the tier")
    notes: list[str] = Field(
        default_factory=list, description="a tier set by hand (who, why) and answers the tier still waits for"
    )


class Accountability(_Model):
    outcome_owner: str | None = Field(description="named person who owns the outcome when the AI is wrong")
    redress: str | None = Field(description="how a harmed customer is made whole")
    feedback_duty: str | None = Field(description="the duty to feed each case back into the guardrails")


class Evidence(_Model):
    path: str = Field(description="evidence file (relative to the workspace) or URL")
    sha256: str | None = Field(description="SHA-256 recorded when the answer was given; null for a URL")
    status: Literal["ok", "missing", "changed", "url"] = Field(
        description="state of the file when the document was produced; 'url' for a link"
    )


class AnswerRow(_Model):
    item_id: str = Field(description="checklist item id")
    question: str = Field(description="the checklist question")
    required: bool = Field(description="whether the item must be answered before launch")
    answer: str = Field(description="the answer as displayed; 'not answered' when empty")
    answered: bool = Field(description="whether an answer exists")
    answered_by: str | None = Field(default=None, description="who answered")
    answered_at: str | None = Field(default=None, description="when (ISO 8601, UTC)")
    evidence: list[Evidence] = Field(default_factory=list, description="evidence files cited by the answer")


class ChecklistSection(_Model):
    id: str = Field(description="section id")
    title: str = Field(description="section title")
    answers: list[AnswerRow] = Field(description="every item of the section, in checklist order")


class Citation(_Model):
    document: str = Field(description="contract file")
    page: int | None = Field(default=None, description="1-based page; null for formats without pages")
    section: str | None = Field(default=None, description="nearest heading")
    quote: str = Field(description="verbatim quote from the contract (untrusted text)")


class FindingRow(_Model):
    clause: str = Field(description="clause id, e.g. 'liability_cap'")
    # Optional and left out of the JSON when absent, so documents made before titles existed
    # still parse and still hash to the fingerprint they state.
    title: str | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="clause title from the clause catalogue, e.g. 'Liability cap'",
    )
    topic: str | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="clause family the document groups it under: liability, indemnity, notice, exit, "
        "data, audit or general",
    )
    values: str = Field(description="normalised values as display text, e.g. 'notice days: 30'")
    party: str | None = Field(default=None, description="who the clause binds or protects")
    citation: Citation
    verdict: str = Field(
        description="playbook verdict in sentences; empty when no position applies at the tier"
    )
    gaps: list[str] | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="ids of the gaps this finding falls short into, each in `gaps` of the snapshot",
    )
    # Left out when absent, so documents made before findings had ids keep their fingerprint.
    id: str | None = Field(default=None, exclude_if=lambda v: v is None, description="stable finding id")
    review: str | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="legal's review, e.g. 'corrected by Sam Ortiz: 24 hours (was 72 hours); reason ...'",
    )

    @property
    def label(self) -> str:
        """What the Clause column shows: the title, or the id for a document made without titles."""
        return self.title or self.clause


class ContractRow(_Model):
    file: str = Field(description="contract file, relative to the workspace")
    sha256: str = Field(description="SHA-256 of the contract as analysed")
    status: FileStatus = Field(description="state of the file when the document was produced")
    vendor: str | None = Field(default=None, description="party taken to be the vendor")
    added_at: str = Field(description="when the contract was added (ISO 8601, UTC)")
    findings: list[FindingRow] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list, description="clause ids with no finding")
    absent_titles: list[str] | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="titles of the clauses with no finding, in the order of `absent`",
    )

    @property
    def absent_labels(self) -> list[str]:
        """What 'Not found in this contract' lists: titles, or ids for a document made without titles."""
        return self.absent_titles if self.absent_titles is not None else self.absent


class Acceptance(_Model):
    approver: str
    reason: str
    until: str = Field(description="expiry date (ISO 8601)")
    expired: bool = Field(description="expired as of the document date")


class VendorRow(_Model):
    """One vendor: its contract files, its contract gaps, and how many findings legal reviewed."""

    name: str
    documents: list[str]
    gaps: list[str] = Field(description="ids of its contract gaps, open or accepted")
    open_gaps: int
    reviewed: int = Field(description="findings in its documents legal reviewed")


class GapRow(_Model):
    id: str = Field(description="stable gap id, e.g. 'contract.incident_notice'")
    vendor: str | None = Field(
        default=None, exclude_if=lambda v: v is None, description="the vendor of a contract gap"
    )
    severity: Severity
    source: Literal["checklist", "contract"]
    ref: str = Field(description="checklist item id or clause id")
    title: str
    requirement: str = Field(description="what the checklist or playbook requires")
    problem: str = Field(description="what is wrong, e.g. 'not answered'")
    found: str | None = Field(default=None, description="what was found instead")
    citation: Citation | None = None
    recommendation: str
    fallback_wording: str | None = None
    state: Literal["open", "accepted", "expired"] = Field(
        description="open, accepted by a named approver, or accepted but the acceptance expired"
    )
    acceptance: Acceptance | None = None


class Counts(_Model):
    blocker: int = Field(description="open blockers")
    major: int = Field(description="open major gaps")
    minor: int = Field(description="open minor gaps")
    accepted: int = Field(description="gaps accepted and not expired")
    answered: int = Field(description="required checklist items answered")
    required: int = Field(description="required checklist items")


class ManifestFile(_Model):
    role: Literal["contract", "evidence", "checklist", "playbook"]
    path: str
    sha256: str
    status: FileStatus


class Manifest(_Model):
    tool_version: str = Field(description="signoff version that produced the snapshot")
    checklist_version: str
    checklist_sha256: str
    playbook_version: str
    playbook_sha256: str
    journal_head: str | None = Field(description="hash of the last journal entry that is not an approval")
    journal_entries: int = Field(description="journal entries up to and including the head")
    files: list[ManifestFile] = Field(
        description="every input file with its SHA-256, sorted by role and path"
    )


class Snapshot(_Model):
    """Everything the document states except the sign-off block."""

    schema_version: Literal["2"] = SCHEMA_VERSION
    deployment: str = Field(description="name of the AI deployment")
    date: str = Field(description="date of the assessment state (last non-approval journal entry), ISO 8601")
    status: Status
    status_label: str = Field(description="status as displayed, e.g. 'Blocked'")
    ready: bool = Field(description="false when blocked; the document then says NOT READY on every page")
    banner: str | None = Field(description="the not-ready warning shown on every page; null when ready")
    summary: list[SummaryRow]
    tier: TierInfo
    accountability: Accountability
    checklist: list[ChecklistSection]
    contracts: list[ContractRow]
    vendors: list[VendorRow] | None = Field(
        default=None, exclude_if=lambda v: v is None, description="contracts grouped by vendor"
    )
    gaps: list[GapRow] = Field(description="every gap, open or accepted, blockers first")
    counts: Counts
    manifest: Manifest
    fingerprint_scope: str = Field(default=FINGERPRINT_SCOPE, description="what the fingerprints cover")


class Approval(_Model):
    """A decision that counts: its signature verified for the named approver when the document was made."""

    role: Role
    name: str
    decision: Decision
    note: str | None = None
    blocking: int | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="open blocking gaps when it approved a blocked launch",
    )
    at: str = Field(description="when it was signed (ISO 8601, UTC)")
    fingerprint: str = Field(description="assessment fingerprint the approver decided on")
    journal_head: str = Field(description="hash of the journal's last entry when it was signed")
    signature: str = Field(description="the approver's SSH signature (namespace 'signoff') of the decision")
    key: str = Field(description="fingerprint of the signing key, e.g. 'SHA256:Fp+Mj...'")
    current: bool = Field(description="whether it was made against this document's assessment fingerprint")



class NotCounted(_Model):
    """A decision entry of the journal that does not count: unsigned, or its signature does not verify."""

    entry: int = Field(description="its position in the journal")
    who: str = Field(description="role, name and decision as the entry states them")
    reason: str = Field(description="why it does not count, e.g. 'is unsigned'")



class SignoffRow(_Model):
    role: Role
    role_label: str = Field(description="role as displayed, e.g. 'Product owner'")
    name: str = Field(description="approver name, or 'pending'")
    decision: str = Field(description="'approve', 'reject' or 'pending'")
    date: str = Field(description="date of the decision, or empty")
    note: str = Field(description="approver's note, or empty")
    against: str = Field(
        description="assessment fingerprint decided on, abbreviated, with '(older)' when stale"
    )


class Report(_Model):
    """The document: the snapshot, the decisions, and the sign-off block, under one fingerprint."""

    kind: Literal["signoff-report"] = "signoff-report"
    schema_version: Literal["2"] = SCHEMA_VERSION
    fingerprint: str = Field(
        description="document fingerprint: SHA-256 of the canonical JSON of every other field"
    )
    assessment_fingerprint: str = Field(
        description="SHA-256 of canonical_json(snapshot): what each decision approves or rejects"
    )
    snapshot: Snapshot
    approvals: list[Approval] = Field(description="every signed decision of the journal, oldest first")
    not_counted: list[NotCounted] = Field(
        default_factory=list, description="decision entries whose signature is missing or does not verify"
    )
    signoff: list[SignoffRow] = Field(
        description="latest decision per role: legal, product owner, outcome owner"
    )


def _check_no_floats(value: Any, path: str = "$") -> None:
    # Float formatting differs between languages and versions; a fingerprint must not depend on it.
    if isinstance(value, float):
        raise ValueError(f"float at {path}: snapshots hold display text or integers, never floats")
    if isinstance(value, dict):
        for k, v in value.items():
            _check_no_floats(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_no_floats(v, f"{path}[{i}]")


def canonical_json(model: BaseModel | dict[str, Any]) -> bytes:
    """Sorted keys, no insignificant whitespace, UTF-8, no floats: same data, same bytes."""
    data = model.model_dump(mode="json") if isinstance(model, BaseModel) else model
    _check_no_floats(data)
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def fingerprint(snapshot: Snapshot) -> str:
    """The assessment fingerprint."""
    return hashlib.sha256(canonical_json(snapshot)).hexdigest()


def document_fingerprint(report: Report) -> str:
    """SHA-256 of everything the document states but the fingerprint itself."""
    return hashlib.sha256(canonical_json(report.model_dump(mode="json", exclude={"fingerprint"}))).hexdigest()


def short(fp: str) -> str:
    """The abbreviated fingerprint people read aloud and compare."""
    return fp[:16]


def make_report(
    snapshot: Snapshot, approvals: list[Approval], not_counted: list[NotCounted] | None = None
) -> Report:
    """Attach decisions to a snapshot: flag stale ones, pick the latest per role, fingerprint it all."""
    fp = fingerprint(snapshot)
    marked = [a.model_copy(update={"current": a.fingerprint == fp}) for a in approvals]
    rows = []
    for role in ROLES:
        latest = next((a for a in reversed(marked) if a.role == role), None)
        label = role.replace("_", " ").capitalize()
        if latest is None:
            rows.append(
                SignoffRow(
                    role=role,
                    role_label=label,
                    name="pending",
                    decision="pending",
                    date="",
                    note="",
                    against="",
                )
            )
            continue
        against = short(latest.fingerprint) + ("" if latest.current else " (older fingerprint)")
        rows.append(
            SignoffRow(
                role=role,
                role_label=label,
                name=latest.name,
                decision=latest.decision,
                date=latest.at[:10],
                note=latest.note or "",
                against=against,
            )
        )
    report = Report(
        fingerprint="",
        assessment_fingerprint=fp,
        snapshot=snapshot,
        approvals=marked,
        not_counted=not_counted or [],
        signoff=rows,
    )
    return report.model_copy(update={"fingerprint": document_fingerprint(report)})


def json_schema() -> dict[str, Any]:
    """The published schema of the JSON document (docs/snapshot.schema.json)."""
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://signoff.dev/schemas/snapshot-2.schema.json"
    schema["title"] = "signoff sign-off document (schema version 2)"
    return schema
