"""The sign-off document auditors file, and the proof that it was not altered.

Public API (the CLI and the TUI call only these):
    build_report(ws) -> Report                  what the document states, with its fingerprint
    write_report(ws, fmt, template_dir=None, report=None) -> Path   DIR/out/signoff-report.<ext>
                                                (.oscal.json for OSCAL)
    render_report(report, fmt, template_dir=None) -> bytes
    verify_file(path, workspace=None, template_dir=None, allowed_signers=None) -> VerifyResult
    record_approval(ws, role, name, decision, note=None, *, key, actor=None, interactive=True) -> Approval
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from signoff.report.formats import ReportFormat
from signoff.report.snapshot import ROLES, Approval, Report, Snapshot, canonical_json, fingerprint

if TYPE_CHECKING:
    from signoff.assess.workspace import Workspace
    from signoff.report.verify import VerifyResult

REPORT_STEM = "signoff-report"

__all__ = [
    "ROLES",
    "Approval",
    "Report",
    "ReportFormat",
    "Snapshot",
    "build_report",
    "canonical_json",
    "fingerprint",
    "record_approval",
    "render_report",
    "verify_file",
    "write_report",
]


def build_report(ws: Workspace) -> Report:
    from signoff.report.build import build_report as build

    return build(ws)


def render_report(report: Report, fmt: ReportFormat | str, template_dir: Path | None = None) -> bytes:
    from signoff.report.formats import renderer

    return renderer(ReportFormat(fmt)).render(report, template_dir)


def write_report(
    ws: Workspace,
    fmt: ReportFormat | str = ReportFormat.docx,
    template_dir: Path | None = None,
    report: Report | None = None,
) -> Path:
    """Render the workspace's document into DIR/out/ and return its path (replaced atomically).

    Pass `report` when it was just built, to skip hashing every input file again.
    """
    from signoff.report.formats import renderer

    fmt = ReportFormat(fmt)
    data = render_report(report or build_report(ws), fmt, template_dir)
    out_dir = Path(ws.dir) / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{REPORT_STEM}.{renderer(fmt).extension}"
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=out_dir)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def verify_file(
    path: Path,
    workspace: Path | None = None,
    template_dir: Path | None = None,
    allowed_signers: Path | None = None,
) -> VerifyResult:
    from signoff.report.verify import verify_file as verify

    return verify(path, workspace, template_dir, allowed_signers=allowed_signers)


def record_approval(
    ws: Workspace,
    role: str,
    name: str,
    decision: str,
    note: str | None = None,
    *,
    key: Path,
    actor: str | None = None,
    interactive: bool = True,
) -> Approval:
    """Sign a decision with the approver's SSH key and journal it, against the assessment as it stands."""
    from signoff.report.approve import record_approval as record

    return record(ws, role, name, decision, note, key=key, actor=actor, interactive=interactive)
