"""Fixtures for assessment tests: a fresh workspace, hand-labelled findings."""

import shutil
from pathlib import Path

import pytest

from signoff.assess import Workspace
from signoff.models import Analysis

from .helpers import NIMBUS, answer_everything, load_analysis


@pytest.fixture
def nimbus() -> Analysis:
    return load_analysis("nimbus-ai-services-agreement")


@pytest.fixture
def quickbot() -> Analysis:
    return load_analysis("quickbot-terms")


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.init(tmp_path / "ws", "Acme support assistant", "alice")


@pytest.fixture(scope="session")
def _answered_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = Workspace.init(tmp_path_factory.mktemp("template") / "ws", "Acme support assistant", "alice")
    answer_everything(ws, "medium_high")
    ws.add_contract(NIMBUS, "alice", analysis=load_analysis("nimbus-ai-services-agreement"))
    return ws.dir


@pytest.fixture
def answered(_answered_template: Path, tmp_path: Path) -> Workspace:
    """A workspace with every item answered for tier medium_high and the Nimbus contract (no gaps)."""
    shutil.copytree(_answered_template, tmp_path / "answered")
    return Workspace.open(tmp_path / "answered")
