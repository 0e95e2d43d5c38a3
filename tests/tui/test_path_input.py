"""Path completion in the contract and workspace fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from signoff.tui.widgets.path_input import PathSuggester

pytestmark = pytest.mark.anyio


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "nimbus-msa.pdf").write_bytes(b"%PDF")
    (tmp_path / "contracts" / "nimbus-dpa.docx").write_bytes(b"PK")
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    return tmp_path


@pytest.mark.parametrize(
    ("typed", "dirs_only", "expected"),
    [
        pytest.param("con", False, "contracts/", id="folder-gets-a-slash"),
        pytest.param("contracts/nimbus-m", False, "contracts/nimbus-msa.pdf", id="file"),
        pytest.param("contracts/nimbus", False, "contracts/nimbus-dpa.docx", id="first-in-order"),
        pytest.param("no", True, None, id="dirs-only-skips-files"),
        pytest.param("contracts/zzz", False, None, id="no-match"),
        pytest.param(".hid", False, ".hidden", id="hidden-only-when-asked"),
        pytest.param("missing/fold", False, None, id="missing-parent"),
    ],
)
async def test_suggestions(tree: Path, monkeypatch: pytest.MonkeyPatch, typed, dirs_only, expected):
    monkeypatch.chdir(tree)
    assert await PathSuggester(dirs_only=dirs_only).get_suggestion(typed) == expected


async def test_a_typed_absolute_path_keeps_its_form(tree: Path):
    assert await PathSuggester().get_suggestion(f"{tree}/no") == f"{tree}/notes.md"
