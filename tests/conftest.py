"""Shared test helpers. Tests never need ../shared; those that use it are marked and skip."""

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
# The day the example workspace was built: acceptances and drill dates in fixtures,
# goldens and snapshots are judged as of it, so results do not drift with the calendar.
PINNED_TODAY = "2026-11-23"


@pytest.fixture(scope="session", autouse=True)
def _pinned_today() -> Iterator[None]:
    # An environment variable, not a patch, so CLI subprocesses see the same day; session-wide
    # so session fixtures (workspaces answered once and copied) are dated the same way.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SIGNOFF_TODAY", PINNED_TODAY)
        yield


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def nimbus_md() -> Path:
    return FIXTURES / "contracts" / "nimbus-ai-services-agreement.md"
