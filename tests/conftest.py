"""Shared test helpers. Tests never need ../shared; those that use it are marked and skip."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def nimbus_md() -> Path:
    return FIXTURES / "contracts" / "nimbus-ai-services-agreement.md"
