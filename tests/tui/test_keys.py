"""Screen keys (1-5, w) switch screens from lists, never while a person is in a field."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Select, SelectionList

from signoff.tui.screens.checklist import ChecklistScreen
from signoff.tui.screens.gaps import GapsScreen

from .conftest import SIZE
from .helpers import make_app, type_into

pytestmark = pytest.mark.anyio

@pytest.mark.parametrize(
    ("item", "editor", "keys"),
    [
        ("intents", SelectionList, "1w"),
        ("customer_segment", Select, "4"),
        ("deployment_summary", None, "3 w"),
    ],
    ids=["multi-choice", "choice", "text"],
)
async def test_screen_keys_typed_in_a_field_stay_in_the_field(fresh_ws: Path, item, editor, keys):
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = app.screen
        assert isinstance(screen, ChecklistScreen)
        screen.show_item(item, edit=True)
        await pilot.pause()
        focused = app.focused
        if editor is not None:
            assert isinstance(focused, editor)
        await type_into(pilot, keys)
        await pilot.pause()
        assert app.current_mode == "checklist" and app.screen is screen and app.focused is focused
        await pilot.press("escape", "4")
        assert app.current_mode == "gaps"


async def test_esc_leaves_a_filter_so_the_screen_keys_work_again(fresh_ws: Path):
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "f")
        assert isinstance(app.focused, Select)
        await pilot.press("1")
        assert isinstance(app.screen, GapsScreen)
        assert any("Leave the field first" in n.message for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.focused, DataTable)
        await pilot.press("1")
        assert app.current_mode == "overview"
