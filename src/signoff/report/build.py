"""Workspace + evaluation -> Snapshot: every value the document shows, computed here.

The document's date is the time of the last journal entry that is not a decision,
and the evaluation runs as of that date, so the same workspace always gives the same
snapshot (and the same bytes), whoever runs it and whenever. Decisions come from the
journal, each checked against the allowed signers: only signed ones count.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from signoff import __version__
from signoff.assess.decisions import DECISION_ACTION, AllowedSigners, allowed_signers, check_entry, describe
from signoff.assess.vendors import reviewed_findings, vendor_key
from signoff.report.snapshot import (
    Acceptance,
    Accountability,
    AnswerRow,
    Approval,
    ChecklistSection,
    Citation,
    ContractRow,
    Counts,
    Evidence,
    FindingRow,
    GapRow,
    Manifest,
    ManifestFile,
    NotCounted,
    Report,
    Snapshot,
    SummaryRow,
    TierInfo,
    TierReason,
    VendorRow,
    make_report,
)
from signoff.wording import readable, review_text, show, status_text, tier_text, values_text

if TYPE_CHECKING:
    from signoff.assess.answers import Evidence as AnswerEvidence
    from signoff.assess.assessment import Answer
    from signoff.assess.checklist import Checklist, Item
    from signoff.assess.engine import Evaluation, Gap
    from signoff.assess.playbook import Playbook
    from signoff.assess.workspace import Workspace
    from signoff.extract.library import ClauseInfo
    from signoff.models import Analysis, Finding

# The checklist roles that make up the redress model, in reading order, with their short label.
REDRESS_ROLES = (
    ("redress_channel", "channel"),
    ("redress_remedy", "remedy"),
    ("redress_time", "made good within"),
    ("redress_reviewer", "claims reviewed by"),
    ("owner_redress_authority", "owner may order redress without further approval"),
)


def iso(value: datetime) -> str:
    """UTC, second precision, 'Z' suffix: one spelling per instant."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def sha256_file(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return None


def file_status(path: Path, recorded: str) -> str:
    actual = sha256_file(path)
    return "missing" if actual is None else ("ok" if actual == recorded else "changed")


def build_report(ws: Workspace, allowed: AllowedSigners | None = None) -> Report:
    """The document for a workspace as it is on disk: snapshot plus the journal's decisions,
    checked against `allowed` (default: the workspace's allowed_signers)."""
    counted, not_counted = decisions(ws, allowed or allowed_signers(ws.dir))
    return make_report(build_snapshot(ws), counted, not_counted)


def decisions(ws: Workspace, allowed: AllowedSigners) -> tuple[list[Approval], list[NotCounted]]:
    """Every decision entry of the journal, oldest first: those that count, and those that do not."""
    counted, not_counted = [], []
    for e in ws.journal.entries():
        if e.action != DECISION_ACTION:
            continue
        decision, problem = check_entry(e, allowed)
        if decision is None:
            not_counted.append(NotCounted(entry=e.seq, who=describe(e), reason=problem or ""))
            continue
        counted.append(Approval(**decision.model_dump(), key=decision.key, current=False))
    return counted, not_counted


def build_snapshot(ws: Workspace) -> Snapshot:
    from signoff.assess import evaluate

    entries = [e for e in ws.journal.entries() if e.action != DECISION_ACTION]
    when = entries[-1].at if entries else ws.assessment.updated_at
    as_of = when.astimezone(UTC).date() if when.tzinfo else when.date()
    ev = evaluate(ws, today=as_of)
    checklist, playbook, analyses = ws.checklist(), ws.playbook(), ws.analyses()
    items = {i.id: i for i in checklist.items()}
    answers = ws.assessment.answers

    sections, evidence_files = _checklist(ws, checklist, ev, items, answers)
    contracts = _contracts(ws, analyses, playbook, ev.tier, _contract_gap_ids(ev))
    # A gap cites the analysed path (absolute or not, machine-dependent); show the workspace path.
    documents = {a.document.path: r.file for r, a in zip(ws.assessment.contracts, analyses, strict=True)}
    gaps = [_gap(g, documents) for g in ev.gaps]
    counts = Counts(
        blocker=ev.counts.get("blocker", 0),
        major=ev.counts.get("major", 0),
        minor=ev.counts.get("minor", 0),
        accepted=ev.accepted,
        answered=ev.answered,
        required=ev.required,
    )
    files = [ManifestFile(role="contract", path=c.file, sha256=c.sha256, status=c.status) for c in contracts]
    files += evidence_files
    files += [
        ManifestFile(
            role="checklist",
            path=_data_ref(ws.assessment.checklist, "checklists/launch.yaml"),
            sha256=ev.checklist_sha256,
            status="ok",
        ),
        ManifestFile(
            role="playbook",
            path=_data_ref(ws.assessment.playbook, "clause_library/playbook.yaml"),
            sha256=ev.playbook_sha256,
            status="ok",
        ),
    ]
    files = sorted({(f.role, f.path): f for f in files}.values(), key=lambda f: (f.role, f.path))
    owner = str(ev.outcome_owner) if ev.outcome_owner else None
    return Snapshot(
        deployment=ws.assessment.deployment,
        date=iso(when),
        status=ev.status,
        status_label=status_text(ev.status),
        ready=ev.status != "blocked",
        banner=_banner(ev) if ev.status == "blocked" else None,
        summary=[
            SummaryRow(label="Status", value=status_text(ev.status)),
            SummaryRow(label="Risk tier", value=tier_text(ev.tier)),
            SummaryRow(label="Outcome owner", value=owner or "not named"),
            SummaryRow(label="Required checklist items answered", value=f"{ev.answered} of {ev.required}"),
            SummaryRow(
                label="Open gaps",
                value=f"{counts.blocker} blocker, {counts.major} major, {counts.minor} minor",
            ),
            SummaryRow(label="Accepted gaps", value=str(counts.accepted)),
            SummaryRow(label="Vendor contracts analysed", value=str(len(contracts))),
            SummaryRow(label="Contract findings", value=str(sum(len(c.findings) for c in contracts))),
        ],
        tier=_tier(ws, ev, items, answers),
        accountability=Accountability(
            outcome_owner=owner,
            redress=_redress(checklist, answers),
            feedback_duty=_feedback(checklist, answers),
        ),
        checklist=sections,
        contracts=contracts,
        vendors=_vendors(ev),
        gaps=gaps,
        counts=counts,
        manifest=Manifest(
            tool_version=__version__,
            checklist_version=ev.checklist_version,
            checklist_sha256=ev.checklist_sha256,
            playbook_version=ev.playbook_version,
            playbook_sha256=ev.playbook_sha256,
            journal_head=entries[-1].hash if entries else None,
            journal_entries=len(entries),
            files=files,
        ),
    )


def _data_ref(ref: str | None, bundled: str) -> str:
    return ref if ref else f"bundled:{bundled}"


def _banner(ev: Evaluation) -> str:
    parts = [
        f"{ev.counts.get('blocker', 0)} open blocker(s)",
        f"{ev.counts.get('major', 0)} open major gap(s)",
    ]
    if ev.required > ev.answered:
        parts.append(f"{ev.required - ev.answered} required item(s) unanswered")
    return "NOT READY: " + ", ".join(parts)


def _tier(ws: Workspace, ev: Evaluation, items: dict[str, Item], answers: dict[str, Answer]) -> TierInfo:
    reasons = []
    for r in ev.tier_reasons:
        item = items.get(r.item)
        value = answers[r.item].value if r.item in answers else None
        reasons.append(
            TierReason(
                item_id=r.item,
                question=item.prompt if item else r.item,
                answer=show(value, item),
                effect=f"{tier_text(r.tier)}: {r.reason}",
            )
        )
    notes = [ev.tier_note] if ev.tier_note else []
    if not ev.tier_known:
        notes.append("the tier is provisional: an answer it depends on is missing")
    return TierInfo(tier=ev.tier, derived_tier=ev.derived_tier, reasons=reasons, notes=notes)


def _redress(checklist: Checklist, answers: dict[str, Answer]) -> str | None:
    parts = []
    for role, label in REDRESS_ROLES:
        item = checklist.by_role(role)
        if item is not None and item.id in answers:
            parts.append(f"{label}: {show(answers[item.id].value, item)}")
    return "; ".join(parts) if parts else None


def _feedback(checklist: Checklist, answers: dict[str, Answer]) -> str | None:
    item = checklist.by_role("owner_feedback_duty")
    if item is None or item.id not in answers:
        return None
    return f"{item.prompt} {show(answers[item.id].value)}"


def _evidence(ws: Workspace, proof: AnswerEvidence) -> Evidence:
    if proof.kind == "url":
        return Evidence(path=proof.ref, sha256=None, status="url")
    path = Path(proof.ref) if Path(proof.ref).is_absolute() else ws.dir / proof.ref
    return Evidence(path=proof.ref, sha256=proof.sha256, status=file_status(path, proof.sha256 or ""))


def _checklist(
    ws: Workspace, checklist: Checklist, ev: Evaluation, items: dict[str, Item], answers: dict[str, Answer]
) -> tuple[list[ChecklistSection], list[ManifestFile]]:
    required = {i.id: i.required for s in ev.sections for i in s.items}
    sections, files = [], []
    for sec in checklist.sections:
        rows = []
        for item in sec.items:
            a = answers.get(item.id)
            evidence = [_evidence(ws, a.evidence)] if a and a.evidence else []
            files += [
                ManifestFile(role="evidence", path=e.path, sha256=e.sha256, status=e.status)
                for e in evidence
                if e.sha256
            ]
            rows.append(
                AnswerRow(
                    item_id=item.id,
                    question=item.prompt,
                    required=required.get(item.id, False),
                    answer=show(a.value, item) if a else "not answered",
                    answered=a is not None,
                    answered_by=a.answered_by if a else None,
                    answered_at=iso(a.answered_at) if a else None,
                    evidence=evidence,
                )
            )
        sections.append(ChecklistSection(id=sec.id, title=sec.title, answers=rows))
    return sections, files


def clause_info() -> dict[str, ClauseInfo]:
    """Clause id -> its catalogue entry: the title legal knows it by, and its family."""
    from signoff.extract import clause_catalogue

    return {c.id: c for c in clause_catalogue()}


def _contract_gap_ids(ev: Evaluation) -> dict[tuple[str, str], str]:
    """The id of each contract gap by (playbook position, vendor key): one vendor's shortfall
    links to that vendor's gap, never to another's."""
    return {
        (g.id.split(".")[1], vendor_key(g.vendor)): g.id
        for g in ev.gaps
        if g.source == "contract" and g.vendor is not None
    }


def _verdict(
    finding: Finding, playbook: Playbook, tier: str, gaps: dict[tuple[str, str], str], vendor: str
) -> tuple[str, list[str]]:
    """The playbook verdict on a finding in sentences, and the gaps it falls short into.

    A finding may fall short of a position that another finding meets (a DPA improving on the
    main terms): that is no gap, and the sentence says so rather than leave a shortfall unexplained.
    """
    sentences, linked = [], []
    for v in playbook.verdicts(finding, tier):
        position = f"{v.title} ({tier_text(tier)} tier)"
        why = "; ".join(v.why)
        gap = gaps.get((v.position, vendor))
        if v.meets:
            sentences.append(f"{position}: meets.")
        elif gap:
            linked.append(gap)
            sentences.append(f"{position}: falls short, {v.severity}: {why}.")
        else:
            sentences.append(
                f"{position}: falls short here ({why}), but another clause of the contracts meets it, "
                "so it is not a gap."
            )
    return " ".join(sentences), linked


def _contracts(
    ws: Workspace, analyses: list[Analysis], playbook: Playbook, tier: str, gaps: dict[tuple[str, str], str]
) -> list[ContractRow]:
    clauses = clause_info()
    rows = []
    for record, analysis in zip(ws.assessment.contracts, analyses, strict=True):
        findings = []
        vendor = vendor_key(analysis.vendor)
        for r in sorted(
            reviewed_findings(analysis, ws.assessment.reviews),
            key=lambda r: (r.finding.start, r.finding.end, r.finding.clause),
        ):
            f = r.finding
            verdict, linked = (
                ("Dismissed by legal.", []) if r.dismissed else _verdict(f, playbook, tier, gaps, vendor)
            )
            findings.append(
                FindingRow(
                    clause=f.clause,
                    title=clauses[f.clause].title if f.clause in clauses else readable(f.clause),
                    topic=clauses[f.clause].family if f.clause in clauses else "general",
                    values=values_text(f.values, f.clause),
                    party=f.party,
                    citation=Citation(document=record.file, page=f.page, section=f.section, quote=f.text),
                    verdict=verdict,
                    gaps=linked,
                    id=r.id,
                    review=review_text(r.review) if r.review else None,
                )
            )
        rows.append(
            ContractRow(
                file=record.file,
                sha256=record.sha256,
                status=file_status(ws.dir / record.file, record.sha256),
                vendor=record.vendor,
                added_at=iso(record.added_at),
                findings=findings,
                absent=sorted(analysis.absent),
                absent_titles=[
                    clauses[c].title if c in clauses else readable(c) for c in sorted(analysis.absent)
                ],
            )
        )
    return sorted(rows, key=lambda c: c.file)


def _vendors(ev: Evaluation) -> list[VendorRow] | None:
    """Contracts by vendor; None (left out of the document) when there is no contract."""
    rows = [
        VendorRow(name=v.name, documents=v.documents, gaps=v.gaps, open_gaps=v.open_gaps, reviewed=v.reviewed)
        for v in ev.vendors
    ]
    return rows or None


def _gap(g: Gap, documents: dict[str, str]) -> GapRow:
    citation = None
    if g.citation is not None:
        document = documents.get(g.document or "", g.document or "")
        citation = Citation(
            document=document, page=g.citation.page, section=g.citation.section, quote=g.citation.text
        )
    acceptance = None
    if g.acceptance is not None:
        a = g.acceptance
        acceptance = Acceptance(
            approver=a.approver, reason=a.reason, until=a.until.isoformat(), expired=a.expired
        )
    if acceptance and acceptance.expired:
        state = "expired"
    elif acceptance and not g.open:
        state = "accepted"
    else:
        state = "open"
    return GapRow(
        id=g.id,
        vendor=g.vendor,
        severity=g.severity,
        source=g.source,
        ref=g.ref,
        title=g.title,
        requirement=g.requirement,
        problem=g.problem,
        found=g.found,
        citation=citation,
        recommendation=g.recommendation,
        fallback_wording=g.fallback_wording,
        state=state,
        acceptance=acceptance,
    )


def expired_since(snapshot: Snapshot, today: date) -> list[str]:
    """Acceptances in force on the document date that have lapsed by `today`."""
    return [
        f"acceptance of {g.id} by {g.acceptance.approver} expired on {g.acceptance.until}"
        for g in snapshot.gaps
        if g.acceptance and not g.acceptance.expired and date.fromisoformat(g.acceptance.until) < today
    ]
