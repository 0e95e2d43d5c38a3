"""Legal's review of findings: confirm, dismiss, correct a value, or add a clause the analysis missed.

Every extractor is wrong sometimes; a wrong finding is corrected here, with the reviewer and
the reason, instead of being accepted as a gap that records a falsehood. The CLI and the app
call these functions; each review is one journal entry, and gaps are judged on the reviewed
findings (`vendors.apply_reviews`).
"""

from __future__ import annotations

from typing import Any

from signoff.assess.answers import AnswerError, is_placeholder, person_name_problem
from signoff.assess.assessment import ContractRecord, FindingReview, ReviewAction
from signoff.assess.vendors import (
    UNNAMED,
    ReviewedFinding,
    finding_id,
    locate_quote,
    reviewed_findings,
    vendor_key,
)
from signoff.assess.workspace import Workspace
from signoff.clock import now
from signoff.errors import SignoffError, UnknownNameError
from signoff.models import Analysis, Document


def list_findings(ws: Workspace, vendor: str | None = None) -> list[ReviewedFinding]:
    """Every finding of every contract (of one vendor, by name or key), as legal reviewed it."""
    analyses = ws.analyses()
    if vendor is not None:
        wanted = vendor_key(vendor)

        def named(a: Analysis) -> bool:  # 'Nimbus' names 'Nimbus Labs, Inc.'
            return vendor_key(a.vendor) == wanted or vendor_key(a.vendor).startswith(wanted + "-")

        if not any(named(a) for a in analyses):
            known = {a.vendor or UNNAMED for a in analyses}
            raise UnknownNameError(f"no vendor {vendor!r} in {ws.dir}", vendor, known)
        analyses = [a for a in analyses if named(a)]
    return [r for a in analyses for r in reviewed_findings(a, ws.assessment.reviews)]


def review_finding(
    ws: Workspace,
    fid: str,
    action: ReviewAction,
    sets: list[str],
    reviewer: str,
    reason: str,
    actor: str,
) -> FindingReview:
    """Confirm, dismiss or correct (`sets`: 'KEY=VALUE') one finding; nothing is saved on bad input."""
    findings = list_findings(ws)
    found = next((r for r in findings if r.id == fid), None)
    if found is None:
        raise UnknownNameError(f"no finding {fid!r} in {ws.dir}", fid, (r.id for r in findings))
    if found.review is not None and found.review.action == "add":
        raise SignoffError(f"{fid} is a clause {found.review.reviewer} added; it is not reviewed again")
    _check_person(reviewer, reason)
    if action == "set" and not sets:
        raise SignoffError("give the corrected value as KEY=VALUE", field="values")
    if action != "set" and sets:
        raise SignoffError(
            "a corrected value goes with a correction, not with confirming or dismissing", field="values"
        )
    f = found.finding
    values = _parse_sets(f.clause, sets)
    # The analysis's own values, not an earlier correction's: 'was' tells what signoff misread.
    original = found.review.was if found.review and found.review.action == "set" else {}
    was = {k: original.get(k, f.values.get(k)) for k in values}
    review = FindingReview(
        action=action,
        values=values,
        was=was,
        text=f.text,
        clause=f.clause,
        document=found.document,
        start=f.start,
        end=f.end,
        page=f.page,
        section=f.section,
        party=f.party,
        reviewer=reviewer.strip(),
        reason=reason.strip(),
        reviewed_by=actor,
        reviewed_at=now(),
    )
    ws.record_review(fid, review, actor)
    return review


def add_finding(
    ws: Workspace,
    clause: str,
    document: str,
    quote: str,
    sets: list[str],
    reviewer: str,
    reason: str,
    actor: str,
) -> tuple[str, FindingReview]:
    """Add a clause the analysis missed, located in `document` by its exact `quote`; returns its id."""
    from signoff.extract import clause_catalogue

    catalogue = {c.id: c for c in clause_catalogue()}
    if clause not in catalogue:
        raise UnknownNameError(f"no clause {clause!r} in the clause catalogue", clause, catalogue)
    record = _contract(ws, document)
    _check_person(reviewer, reason)
    values = _parse_sets(clause, sets)
    doc = _load(ws, record)
    start, end = _locate(doc.text, quote, record.file)
    fid = finding_id(record.sha256, clause, start, end)
    if any(r.id == fid for r in list_findings(ws)):
        raise SignoffError(f"that quote is already finding {fid}; review it with `signoff review DIR {fid}`")
    info = catalogue[clause]
    section = doc.section_at(start)
    review = FindingReview(
        action="add",
        values=values,
        text=doc.text[start:end],
        clause=clause,
        document=record.file,
        start=start,
        end=end,
        page=doc.page_at(start),
        section=section.heading if section else None,
        party=info.party or info.default_party or "vendor",
        reviewer=reviewer.strip(),
        reason=reason.strip(),
        reviewed_by=actor,
        reviewed_at=now(),
    )
    ws.record_review(fid, review, actor)
    return fid, review


def _check_person(reviewer: str, reason: str) -> None:
    if problem := person_name_problem(reviewer):
        raise AnswerError(f"reviewer {problem}; name the one person who reviewed it", field="reviewer")
    if not reason.strip() or is_placeholder(reason):
        raise AnswerError("give the reason for the review: what the contract really says", field="reason")


def _parse_sets(clause: str, sets: list[str]) -> dict[str, Any]:
    """'KEY=VALUE' pairs read by the clause catalogue's field kinds; SignoffError names the bad one."""
    from signoff.extract.clause_values import parse_field_value
    from signoff.wording import clause_fields

    fields = clause_fields(clause)
    values: dict[str, Any] = {}
    for pair in sets:
        key, sep, text = pair.partition("=")
        key = key.strip()
        if not sep:
            raise SignoffError(
                f"{pair!r}: write a corrected value as KEY=VALUE, e.g. window_hours=24", field="values"
            )
        if key not in fields:
            known = ", ".join(fields) or "none"
            raise SignoffError(f"{clause} has no value {key!r}; its values are: {known}", field="values")
        try:
            values[key] = parse_field_value(key, fields[key], text)
        except ValueError as e:
            raise SignoffError(f"{pair!r}: {e}", field="values") from None
    return values


def _contract(ws: Workspace, document: str) -> ContractRecord:
    """The workspace contract named by its file name or its path in the workspace."""
    records = ws.assessment.contracts
    for r in records:
        if document in (r.file, r.file.removeprefix("contracts/")):
            return r
    raise UnknownNameError(
        f"no contract {document!r} in {ws.dir}",
        document,
        (r.file.removeprefix("contracts/") for r in records),
    )


def _load(ws: Workspace, record: ContractRecord) -> Document:
    from signoff.ingest import load

    return load(ws.dir / record.file)


def _locate(text: str, quote: str, file: str) -> tuple[int, int]:
    if not quote.split():
        raise SignoffError("give the clause's exact words as the quote", field="quote")
    span = locate_quote(text, quote)
    if span is None:
        raise SignoffError(
            f"the quote is not in {file}: copy the clause's exact words from the contract", field="quote"
        )
    return span
