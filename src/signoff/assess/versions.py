"""Versions of a vendor's terms: adding, replacing and removing contracts, and what changed.

The same content added twice changes nothing; a new version (`replaces`) shows what changed
between the two versions' findings and carries legal's reviews over, flagging those whose
text changed; a removed contract stays in the journal's history. A sign-off made before
such a change is stale (`stale_decisions`). The CLI and the app call these functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from signoff.assess.assessment import ContractRecord, FindingReview
from signoff.assess.decisions import DECISION_ACTION
from signoff.assess.storage import file_sha
from signoff.assess.vendors import finding_id, id_of, locate_quote
from signoff.assess.workspace import Workspace
from signoff.errors import SignoffError, UnknownNameError
from signoff.models import Analysis, Document, Finding, Strict

CONTRACT_ACTIONS = ("add_contract", "replace_contract", "remove_contract", "set_vendor", "review_finding")


class FindingChange(Strict):
    """One difference between two versions' findings, with both quotes."""

    change: Literal["added", "removed", "changed"]
    clause: str
    old_text: str | None = None
    new_text: str | None = None
    old_values: dict[str, Any] = Field(default_factory=dict)
    new_values: dict[str, Any] = Field(default_factory=dict)


class ContractChange(Strict):
    """What adding a contract did."""

    outcome: Literal["added", "unchanged", "vendor_set", "replaced"]
    record: ContractRecord = Field(description="the new record, or the one already holding this content")
    changes: list[FindingChange] = Field(default_factory=list, description="replaced: findings diff")
    carried: int = Field(0, description="reviews carried over to the new version unchanged")
    flagged: int = Field(0, description="reviews carried over whose text changed: to look at again")


def add_contract(
    ws: Workspace, path: Path, actor: str, vendor: str | None = None, replaces: str | None = None
) -> ContractChange:
    """Add a contract; the same content again changes nothing (but a new --vendor corrects the vendor)."""
    path = Path(path)
    old = _record(ws, replaces) if replaces is not None else None
    digest = file_sha(path) if path.is_file() else None
    if digest is not None:
        same = next((r for r in ws.assessment.contracts if r.sha256 == digest), None)
        if same is not None:
            if vendor and vendor.strip() != (same.vendor or ""):
                return ContractChange(
                    outcome="vendor_set", record=ws.set_vendor(same.file, vendor.strip(), actor)
                )
            return ContractChange(outcome="unchanged", record=same)
    if old is None:
        return ContractChange(outcome="added", record=ws.add_contract(path, actor, vendor=vendor))
    before = _analysis(ws, old)
    carried: dict[str, dict[str, FindingReview]] = {}

    def carry(new: Analysis) -> dict[str, FindingReview]:
        from signoff.ingest import load

        document = load(ws.dir / new.document.path)  # the copy in the workspace, read again for quotes
        carried["reviews"] = carry_reviews(before, new, ws.assessment.reviews) | carry_added(
            before, new, document, ws.assessment.reviews
        )
        return carried["reviews"]

    record = ws.add_contract(path, actor, vendor=vendor or old.vendor, replaces=old, carry=carry)
    reviews = carried.get("reviews", {})
    return ContractChange(
        outcome="replaced",
        record=record,
        changes=findings_diff(before, _analysis(ws, record)),
        carried=sum(not r.recheck for r in reviews.values()),
        flagged=sum(r.recheck for r in reviews.values()),
    )


def remove_contract(ws: Workspace, file: str, reason: str, actor: str) -> ContractRecord:
    """Take a contract out of the assessment (added by mistake); the journal keeps its history."""
    record = _record(ws, file)
    if not reason.strip():
        raise SignoffError("give the reason the contract is removed", field="reason")
    ws.remove_contract(record.file, reason.strip(), actor)
    return record


def findings_diff(old: Analysis, new: Analysis) -> list[FindingChange]:
    """Clause by clause: added, removed, or a quote or value that changed (findings paired in text order)."""
    out = []
    clauses = dict.fromkeys([f.clause for f in old.findings] + [f.clause for f in new.findings])
    for clause in clauses:
        before = [f for f in old.findings if f.clause == clause]
        after = [f for f in new.findings if f.clause == clause]
        for a, b in zip(before, after, strict=False):
            if a.text != b.text or a.values != b.values:
                out.append(_change("changed", clause, a, b))
        out += [_change("removed", clause, a, None) for a in before[len(after) :]]
        out += [_change("added", clause, None, b) for b in after[len(before) :]]
    return out


def _change(kind: str, clause: str, a: Finding | None, b: Finding | None) -> FindingChange:
    return FindingChange(
        change=kind,  # type: ignore[arg-type]
        clause=clause,
        old_text=a.text if a else None,
        new_text=b.text if b else None,
        old_values=a.values if a else {},
        new_values=b.values if b else {},
    )


def carry_reviews(
    old: Analysis, new: Analysis, reviews: dict[str, FindingReview]
) -> dict[str, FindingReview]:
    """Reviews of the old version's findings, re-keyed to the new version's finding of the same clause:
    as they were when the quote is unchanged, flagged for another look when it changed. A clause
    legal added by quote is carried by `carry_added`."""
    out: dict[str, FindingReview] = {}
    old_ids = {id_of(old, f) for f in old.findings}
    for fid, review in reviews.items():
        if fid not in old_ids or review.document != old.document.path:
            continue
        same_clause = [f for f in new.findings if f.clause == review.clause]
        match = next((f for f in same_clause if f.text == review.text), None)
        target = match or (same_clause[0] if same_clause else None)
        if target is None:
            continue
        out[id_of(new, target)] = review.model_copy(
            update={
                "document": new.document.path,
                "start": target.start,
                "end": target.end,
                "recheck": match is None,
            }
        )
    return out


def carry_added(
    old: Analysis, new: Analysis, document: Document, reviews: dict[str, FindingReview]
) -> dict[str, FindingReview]:
    """Clauses legal added to the old version, found again by their quote in the new one's text."""
    out: dict[str, FindingReview] = {}
    for review in reviews.values():
        if review.action != "add" or review.document != old.document.path:
            continue
        span = locate_quote(document.text, review.text)
        if span is None:  # the words are gone from the new version: the diff shows what changed
            continue
        section = document.section_at(span[0])
        fid = finding_id(new.document.sha256, review.clause, *span)
        out[fid] = review.model_copy(
            update={
                "document": new.document.path,
                "start": span[0],
                "end": span[1],
                "page": document.page_at(span[0]),
                "section": section.heading if section else None,
            }
        )
    return out


def stale_decisions(ws: Workspace) -> list[str]:
    """Sign-off decisions made before a contract or a finding changed, one line each."""
    from signoff.wording import claimed_text

    out: list[str] = []
    try:
        entries = ws.journal.entries()
    except SignoffError:
        # A damaged journal is `journal verify`'s to report; `check` still gates on the assessment.
        return out
    for i, entry in enumerate(entries):
        if entry.action != DECISION_ACTION:
            continue
        later = next((e for e in entries[i + 1 :] if e.action in CONTRACT_ACTIONS), None)
        if later is not None:
            d = entry.data
            out.append(
                f"the decision of {claimed_text(d.get('role'), d.get('name'), d.get('decision'))} "
                f"(entry #{entry.seq}) is stale: the contracts changed after it "
                f"(entry #{later.seq}, {later.action.replace('_', ' ')}); decide again"
            )
    return out


def _record(ws: Workspace, file: str) -> ContractRecord:
    records = ws.assessment.contracts
    name = Path(file).name
    found = next((r for r in records if r.file in (file, f"contracts/{name}")), None)
    if found is None:
        raise UnknownNameError(
            f"no contract {file!r} in {ws.dir}", file, (r.file.removeprefix("contracts/") for r in records)
        )
    return found


def _analysis(ws: Workspace, record: ContractRecord) -> Analysis:
    return next(
        a for r, a in zip(ws.assessment.contracts, ws.analyses(), strict=True) if r.file == record.file
    )
