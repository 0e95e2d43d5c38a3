"""Is a sign-off document what signoff wrote, and does it still describe the workspace?

Three checks: the embedded snapshot still hashes to the fingerprint; the visible
content equals a fresh rendering of that snapshot (so edited text is caught even when
the snapshot is intact); and, given the workspace, what changed since the document:
answers, contracts, evidence, acceptances, journal entries and approvals.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from signoff.clock import today as clock_today
from signoff.errors import SignoffError
from signoff.report.build import expired_since
from signoff.report.formats import ReportFormat, format_of, renderer
from signoff.report.snapshot import Report, Snapshot, fingerprint, make_report, short


class VerifyResult(BaseModel):
    file: str
    format: ReportFormat
    fingerprint: str = Field(description="fingerprint recomputed from the embedded snapshot")
    stated_fingerprint: str = Field(description="fingerprint the document states")
    problems: list[str] = Field(default_factory=list, description="the document was altered")
    changes: list[str] = Field(default_factory=list, description="the workspace changed since the document")
    notes: list[str] = Field(
        default_factory=list, description="facts that make the document neither altered nor stale"
    )

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def ok(self) -> bool:
        """Exit 0 when true: not altered, and not stale against the workspace."""
        return not self.problems and not self.changes


def verify_file(
    path: Path, workspace: Path | None = None, template_dir: Path | None = None, today: date | None = None
) -> VerifyResult:
    path = Path(path)
    fmt = format_of(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SignoffError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise SignoffError(f"{path}: is a folder; give the sign-off document file") from None
    r = renderer(fmt)
    stated = r.extract(data, str(path))
    actual = fingerprint(stated.snapshot)
    result = VerifyResult(
        file=str(path), format=fmt, fingerprint=actual, stated_fingerprint=stated.fingerprint
    )
    if actual != stated.fingerprint:
        result.problems.append(
            f"the embedded snapshot was altered: it hashes to {actual}, "
            f"the document states {stated.fingerprint}"
        )
    expected = make_report(stated.snapshot, list(stated.approvals))
    if expected.signoff != stated.signoff:
        result.problems.append("the embedded sign-off block does not match the recorded approvals")
    result.problems += _visible_problems(fmt, data, expected, template_dir)
    if workspace is not None:
        _compare_workspace(result, stated, Path(workspace), today or clock_today())
    return result


def _visible_problems(
    fmt: ReportFormat, data: bytes, expected: Report, template_dir: Path | None
) -> list[str]:
    r = renderer(fmt)
    if fmt is ReportFormat.pdf:
        from signoff.report.formats.pdf import docx_text_in_pdf

        missing = docx_text_in_pdf(expected, r.visible(data))
        return (
            [] if missing is None else [f"the visible text differs from the snapshot near: {missing[:120]!r}"]
        )
    have, want = r.visible(data), r.visible(r.render(expected, template_dir))
    for n, (a, b) in enumerate(zip(have, want, strict=False), 1):
        if a != b:
            hint = "" if template_dir else " (if it was made with --template-dir, pass the same folder)"
            return [
                f"the visible content differs from the snapshot at line {n}: {a[:120]!r} "
                f"instead of {b[:120]!r}{hint}"
            ]
    if len(have) != len(want):
        return [f"the visible content has {len(have)} lines, the snapshot renders to {len(want)}"]
    return []


def _compare_workspace(result: VerifyResult, stated: Report, workspace: Path, today: date) -> None:
    from signoff.assess import Workspace
    from signoff.report.build import APPROVE_ACTION, build_report

    ws = Workspace.open(workspace)
    result.changes += [f"workspace journal: {p}" for p in ws.journal.verify()]
    current = build_report(ws)
    result.changes += diff_snapshots(stated.snapshot, current.snapshot)
    result.changes += expired_since(current.snapshot, today)
    if current.fingerprint != stated.fingerprint and not result.changes:
        result.changes.append(f"the workspace now gives fingerprint {short(current.fingerprint)}")
    recorded = {(a.role, a.name, a.decision, a.at, a.fingerprint) for a in current.approvals}
    for a in stated.approvals:
        if (a.role, a.name, a.decision, a.at, a.fingerprint) not in recorded:
            result.problems.append(f"approval by {a.name} ({a.role}, {a.at}) is not in the workspace journal")
    shown = {(a.role, a.name, a.decision, a.at, a.fingerprint) for a in stated.approvals}
    for e in current.approvals:
        if (e.role, e.name, e.decision, e.at, e.fingerprint) not in shown:
            against = (
                "this document"
                if e.fingerprint == stated.fingerprint
                else f"fingerprint {short(e.fingerprint)}"
            )
            result.notes.append(
                f"{e.role} {e.name} recorded '{e.decision}' on {e.at} against {against} "
                f"after this document was made (`{APPROVE_ACTION}` entry)"
            )


def _by(items: list[Any], key: str) -> dict[str, Any]:
    return {getattr(x, key): x for x in items}


def diff_snapshots(old: Snapshot, new: Snapshot) -> list[str]:
    """What changed between the document's snapshot and the workspace now, in plain words."""
    out: list[str] = []
    if old.status != new.status:
        out.append(f"status changed: {old.status_label} -> {new.status_label}")
    if old.tier.tier != new.tier.tier:
        out.append(f"risk tier changed: {old.tier.tier} -> {new.tier.tier}")
    out += _answers(old, new)
    out += _contracts(old, new)
    out += _gaps(old, new)
    m, n = old.manifest, new.manifest
    if (m.checklist_sha256, m.playbook_sha256) != (n.checklist_sha256, n.playbook_sha256):
        out.append("the checklist or playbook file changed")
    if m.journal_head != n.journal_head:
        added = n.journal_entries - m.journal_entries
        out.append(
            f"{added} journal entr{'y' if added == 1 else 'ies'} since the document "
            f"(head {short(m.journal_head or '')} -> {short(n.journal_head or '')})"
            if added > 0
            else "the journal no longer continues from the document's journal head"
        )
    if not out and fingerprint(old) != fingerprint(new):
        fields = sorted(k for k in type(old).model_fields if getattr(old, k) != getattr(new, k))
        out.append(f"the document content changed: {', '.join(fields)}")
    return out


def _answers(old: Snapshot, new: Snapshot) -> list[str]:
    out = []
    was = {a.item_id: a for s in old.checklist for a in s.answers}
    for s in new.checklist:
        for a in s.answers:
            before = was.get(a.item_id)
            if before is None or before.answered != a.answered or before.answer != a.answer:
                old_text = before.answer if before else "not in the checklist"
                who = f" (by {a.answered_by} at {a.answered_at})" if a.answered else ""
                out.append(f"answer {a.item_id} changed: {old_text!r} -> {a.answer!r}{who}")
            elif before.evidence != a.evidence:
                states = ", ".join(f"{e.path} {e.status}" for e in a.evidence) or "none"
                out.append(f"evidence of {a.item_id} changed: now {states}")
    return out


def _contracts(old: Snapshot, new: Snapshot) -> list[str]:
    out = []
    was, now = _by(old.contracts, "file"), _by(new.contracts, "file")
    for name in sorted(was.keys() | now.keys()):
        a, b = was.get(name), now.get(name)
        if b is None:
            out.append(f"contract {name} was removed")
        elif a is None:
            out.append(f"contract {name} was added")
        elif a.sha256 != b.sha256:
            out.append(f"contract {name} was replaced (sha256 {short(a.sha256)} -> {short(b.sha256)})")
        elif a.status != b.status:
            out.append(f"contract {name} is {b.status} on disk (sha256 recorded {short(a.sha256)})")
        elif a.findings != b.findings:
            out.append(f"findings of contract {name} changed (re-analysed)")
    return out


def _gaps(old: Snapshot, new: Snapshot) -> list[str]:
    out = []
    was, now = _by(old.gaps, "id"), _by(new.gaps, "id")
    for gid in sorted(was.keys() | now.keys()):
        a, b = was.get(gid), now.get(gid)
        if b is None:
            out.append(f"gap {gid} was closed")
        elif a is None:
            out.append(f"new gap {gid} ({b.severity}): {b.problem}")
        elif a.state != b.state or a.acceptance != b.acceptance:
            if b.state == "expired" and b.acceptance:
                out.append(f"acceptance of {gid} by {b.acceptance.approver} expired on {b.acceptance.until}")
            else:
                out.append(
                    f"gap {gid} is now {b.state}"
                    + (
                        f" (accepted by {b.acceptance.approver} until {b.acceptance.until})"
                        if b.acceptance
                        else ""
                    )
                )
        elif a != b:
            fields = ", ".join(k for k in type(a).model_fields if getattr(a, k) != getattr(b, k))
            out.append(f"gap {gid} now reads differently ({fields})")
    return out
