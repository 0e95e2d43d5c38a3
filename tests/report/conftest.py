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


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A private copy of the example workspace (blocked, tier high, one contract, one accepted gap)."""
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLE_WORKSPACE, target)
    return target
