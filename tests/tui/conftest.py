"""Fixtures for the readiness app: isolated preferences, a fresh and an example workspace."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from signoff.assess import Workspace

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "fixtures" / "example-workspace"
NIMBUS = ROOT / "fixtures" / "contracts" / "nimbus-ai-services-agreement.md"
ACTOR = "Pat Product"
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Never read or write the developer's own recent-workspaces list.
    monkeypatch.setenv("SIGNOFF_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("SIGNOFF_USER", ACTOR)


@pytest.fixture
def fresh_ws(tmp_path: Path) -> Path:
    folder = tmp_path / "acme-support"
    Workspace.init(folder, "Acme support assistant", ACTOR)
    return folder


@pytest.fixture
def example_ws(tmp_path: Path) -> Path:
    """A copy of the bundled example (tier high, partly answered, Nimbus contract added)."""
    if not (EXAMPLE / "assessment.yaml").is_file():
        pytest.skip("fixtures/example-workspace is not built")
    folder = tmp_path / "example-workspace"
    shutil.copytree(EXAMPLE, folder)
    return folder


@pytest.fixture
def anyio_backend() -> str:
    # Textual runs on asyncio; the anyio plugin just lets tests be `async def`.
    return "asyncio"
