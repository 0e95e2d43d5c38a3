"""Fixtures of the report tests: the hand-built sample report and a copy of the example workspace."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from signoff.report.snapshot import Report

from .report_samples import sample_report


@pytest.fixture
def report() -> Report:
    return sample_report()


EXAMPLE_WORKSPACE = Path(__file__).resolve().parents[2] / "fixtures" / "example-workspace"


def legal_rejection(folder: Path, signer, note: str, formats) -> Path:
    """A copy of the example workspace in `folder` where legal (`signer`) signed a rejection with
    `note`, then a document per format was made."""
    from signoff.assess import Workspace
    from signoff.report import record_approval, write_report

    shutil.copytree(EXAMPLE_WORKSPACE, folder)
    signer.allow(folder)
    ws = Workspace.open(folder)
    record_approval(ws, "legal", signer.name, "reject", note, key=signer.key)
    for fmt in formats:
        write_report(ws, fmt)
    return folder


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A private copy of the example workspace (blocked, tier high, one contract, one accepted gap)."""
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLE_WORKSPACE, target)
    return target
