"""Is a sign-off document what signoff wrote, and does it still describe the workspace?

Four checks. The embedded report still hashes to the document fingerprint, which covers
the decisions too. What a reader sees equals a fresh rendering of that embedded report:
every byte of a text format, every part of a DOCX, every page, the outline and the
metadata of a PDF; so an edit is caught even when the embedded report was left alone.
Every decision's signature verifies for its approver: against an allowed-signers file
when one is given (or the workspace's), else against the key the decision carries. And,
given the workspace, what changed since the document was made.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from signoff import __version__
from signoff.assess.decisions import AllowedSigners, SignedDecision, allowed_signers
from signoff.clock import today as clock_today
from signoff.errors import SignoffError
from signoff.report.build import expired_since
from signoff.report.changes import diff_snapshots
from signoff.report.formats import CannotCompare, ReportFormat, format_of, renderer
from signoff.report.snapshot import (
    Approval,
    Report,
    canonical_json,
    document_fingerprint,
    make_report,
    short,
)
from signoff.signatures import allowed_line, public_key
from signoff.wording import date_text, decision_text, role_text

CARRIED_KEYS = "the keys the decisions carry"


class VerifyResult(BaseModel):
    file: str
    format: ReportFormat
    fingerprint: str = Field(description="document fingerprint recomputed from the embedded report")
    stated_fingerprint: str = Field(description="fingerprint the document states")
    problems: list[str] = Field(default_factory=list, description="the document was altered")
    changes: list[str] = Field(default_factory=list, description="the workspace changed since the document")
    notes: list[str] = Field(
        default_factory=list, description="facts that make the document neither altered nor stale"
    )
    signers: str = Field(
        default=CARRIED_KEYS, description="what the decisions' keys were checked against: a file, or none"
    )
    decisions: int = Field(default=0, description="signed decisions in the document")

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def ok(self) -> bool:
        """Exit 0 when true: not altered, and not stale against the workspace."""
        return not self.problems and not self.changes


def verify_file(
    path: Path,
    workspace: Path | None = None,
    template_dir: Path | None = None,
    today: date | None = None,
    *,
    allowed_signers: Path | None = None,
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
    actual = document_fingerprint(stated)
    result = VerifyResult(
        file=str(path),
        format=fmt,
        fingerprint=actual,
        stated_fingerprint=stated.fingerprint,
        decisions=len(stated.approvals),
    )
    if actual != stated.fingerprint:
        result.problems.append(
            f"the embedded report was altered: it hashes to {actual}, "
            f"the document states {stated.fingerprint}"
        )
    expected = make_report(stated.snapshot, list(stated.approvals), list(stated.not_counted))
    if expected.model_dump(exclude={"fingerprint"}) != stated.model_dump(exclude={"fingerprint"}):
        result.problems.append(
            "the embedded report is inconsistent: its assessment fingerprint or sign-off block "
            "does not follow from its snapshot and decisions"
        )
    allowed = _allowed(workspace, allowed_signers)
    result.signers = allowed.source if allowed else CARRIED_KEYS
    result.problems += decision_problems(stated, allowed)
    result.problems += r.self_check(data)
    try:
        result.problems += _rendering_problems(fmt, data, stated, template_dir)
    except CannotCompare as e:
        if not result.problems:
            raise
        result.notes.append(f"not compared with a fresh rendering: {e.message}")
    if workspace is not None:
        _compare_workspace(result, stated, Path(workspace), today or clock_today(), allowed)
    return result


def _allowed(workspace: Path | None, given: Path | None) -> AllowedSigners | None:
    if given is not None or workspace is not None:
        return allowed_signers(Path(workspace or "."), given)
    return None


def decision_problems(report: Report, allowed: AllowedSigners | None) -> list[str]:
    """Decisions of the document whose signature does not verify; `allowed` None: each against its own key."""
    out = []
    for a in report.approvals:
        try:
            decision = SignedDecision(**a.model_dump(include=set(SignedDecision.model_fields)))
        except ValidationError:
            out.append(f"the decision by {_who(a)} is not a well-formed signed decision; it does not count")
            continue
        text = allowed.text if allowed else allowed_line(a.name, public_key(a.signature) or "")
        why = decision.problem(text)
        if why is None and decision.key != a.key:
            why = f"names key {a.key} but is signed with key {decision.key}"
        if why:
            out.append(f"the decision by {_who(a)} {why}; it does not count")
    return out


def _rendering_problems(
    fmt: ReportFormat, data: bytes, stated: Report, template_dir: Path | None
) -> list[str]:
    problems = renderer(fmt).compare(data, fresh_rendering(stated, fmt, template_dir))
    if not problems:
        return problems
    made_by = stated.snapshot.manifest.tool_version
    if made_by != __version__:
        # Another version may lay the same report out differently: say so rather than only "altered".
        problems[0] += f" (made by signoff {made_by}, checked with {__version__}: verify with {made_by})"
    templated = fmt in (ReportFormat.md, ReportFormat.html, ReportFormat.docx)
    if template_dir is None and templated and "differs from a fresh" in problems[0]:
        problems[0] += " (if it was made with a template folder, verify with the same folder)"
    return problems


# Verifying many copies of one document (an archive, the altered copies of a test) renders it
# once: a PDF takes LibreOffice seconds. Keyed by the report's bytes and the templates' bytes.
_FRESH: dict[tuple[str, str, str], bytes] = {}
_FRESH_KEPT = 4


def fresh_rendering(report: Report, fmt: ReportFormat, template_dir: Path | None) -> bytes:
    if fmt is ReportFormat.pdf:
        from signoff.report.formats.pdf import VERIFY_NEEDS_LIBREOFFICE, libreoffice

        if libreoffice() is None:
            raise CannotCompare(VERIFY_NEEDS_LIBREOFFICE)
    key = (fmt.value, hashlib.sha256(canonical_json(report)).hexdigest(), _templates_digest(template_dir))
    if key not in _FRESH:
        if len(_FRESH) >= _FRESH_KEPT:
            del _FRESH[next(iter(_FRESH))]
        _FRESH[key] = renderer(fmt).render(report, template_dir)
    return _FRESH[key]


def _templates_digest(template_dir: Path | None) -> str:
    if template_dir is None:
        return ""
    digest = hashlib.sha256()
    for f in sorted(p for p in Path(template_dir).iterdir() if p.is_file()):
        digest.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()


def _compare_workspace(
    result: VerifyResult, stated: Report, workspace: Path, today: date, allowed: AllowedSigners | None
) -> None:
    from signoff.assess import Workspace
    from signoff.assess.decisions import decision_problems as journal_decisions
    from signoff.report.build import build_report

    ws = Workspace.open(workspace)
    allowed = allowed or allowed_signers(ws.dir)
    journal = ws.journal.verify() + journal_decisions(ws.journal.entries(), allowed)
    result.changes += [f"workspace journal: {p}" for p in journal]
    current = build_report(ws, allowed)
    result.changes += diff_snapshots(stated.snapshot, current.snapshot)
    result.changes += expired_since(current.snapshot, today)
    if current.assessment_fingerprint != stated.assessment_fingerprint and not result.changes:
        result.changes.append(f"the workspace now gives fingerprint {short(current.assessment_fingerprint)}")
    recorded = {a.signature for a in current.approvals}
    for a in stated.approvals:
        if a.signature not in recorded:
            result.problems.append(f"the decision by {_who(a)} is not in the workspace journal")
    shown = {a.signature for a in stated.approvals}
    for e in current.approvals:
        if e.signature not in shown:
            against = (
                "this document"
                if e.fingerprint == stated.assessment_fingerprint
                else f"fingerprint {short(e.fingerprint)}"
            )
            result.notes.append(
                f"{role_text(e.role)} {e.name} {decision_text(e.decision)} on {date_text(e.at)} "
                f"against {against}, after this document was made"
            )


def _who(a: Approval) -> str:
    """'Lee Park (Legal, 23 November 2026, 12:00 UTC)'."""
    return f"{a.name} ({role_text(a.role)}, {date_text(a.at)})"
