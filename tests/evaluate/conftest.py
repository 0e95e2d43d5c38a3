"""Fixtures of the evaluation tests."""

from pathlib import Path

import pytest


@pytest.fixture
def shared_dir() -> Path:
    """The shared corpus, the repository's sibling ../shared; skip when it is absent."""
    root = Path(__file__).resolve().parents[2].parent / "shared"
    if not (root / "tools" / "cuad_score.py").is_file():
        pytest.skip(f"needs the shared corpus and reference scorers at {root} (absent)")
    return root
