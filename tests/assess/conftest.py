"""Fixtures for assessment tests: a fresh workspace, hand-labelled findings."""

from pathlib import Path

import pytest

from signoff.assess import Workspace
from signoff.models import Analysis

from .helpers import load_analysis


@pytest.fixture
def nimbus() -> Analysis:
    return load_analysis("nimbus-ai-services-agreement")


@pytest.fixture
def quickbot() -> Analysis:
    return load_analysis("quickbot-terms")


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.init(tmp_path / "ws", "Acme support assistant", "alice")
