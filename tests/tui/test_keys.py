"""Screen keys (1-5, w) switch screens from lists, never while a person is in a field."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, SelectionList

from signoff import clock
from signoff.assess import Workspace
from signoff.tui.screens.checklist import ChecklistScreen
from signoff.tui.screens.gaps import GapsScreen
from signoff.tui.screens.help import HelpScreen
from signoff.tui.widgets.accept_gap import AcceptGapDialog

from .conftest import SIZE
from .helpers import make_app, type_fast, type_into

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


@pytest.mark.parametrize("expanded", [False, True], ids=["dropdown-focused", "dropdown-open"])
async def test_question_mark_opens_help_from_a_dropdown(example_ws: Path, expanded):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "f")
        assert isinstance(app.focused, Select)
        if expanded:
            await pilot.press("enter")
            assert app.screen.query_one("#severity", Select).expanded  # the list of choices has focus
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")  # the same key closes it
        assert isinstance(app.screen, GapsScreen)


async def test_question_mark_in_an_answer_is_text_and_f1_still_helps(fresh_ws: Path):
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        app.screen.show_item("deployment_summary", edit=True)
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input)
        await type_into(pilot, "Why?")
        assert field.value == "Why?"
        assert isinstance(app.screen, ChecklistScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_help_lists_signoff_keys_first_by_screen_and_textual_keys_only_for_the_focus(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.query_one("Markdown").source
        # The Overview has no keys of its own, so it has no table.
        headings = [line for line in text.splitlines() if line.startswith("## ")]
        assert headings == [
            "## Keys on Gaps", "## Keys everywhere", "## Keys on Checklist",
            "## Keys on Contracts", "## Keys on Sign-off", "## Keys on Workspaces",
            "## In the focused DataTable (Textual's keys)",
        ]
        signoff_part, textual_part = text.split("## In the focused DataTable")
        assert "Accept gap" in signoff_part and "Add contract" in signoff_part and "Generate" in signoff_part
        assert "Copy selected text" not in text  # the screen's copy key applies to no list here
        assert "Select" in textual_part and "Accept gap" not in textual_part


async def test_a_fast_typist_fills_the_accept_form_without_losing_a_key(example_ws: Path):
    app = make_app(example_ws)
    until = (clock.today() + timedelta(days=60)).isoformat()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        table = app.screen.query_one("#gaps", DataTable)
        major = next(g for g in app.evaluation.gaps if g.open and g.severity == "major")
        table.move_cursor(row=table.get_row_index(major.id))
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AcceptGapDialog)
        keys = [*"Sam Okafor, General Counsel", "tab", *"Pilot at 5% of traffic", "tab", *until, "enter"]
        type_fast(pilot, keys)
        for _ in range(30):
            await pilot.pause(0.1)
            if isinstance(app.screen, GapsScreen):
                break
        assert isinstance(app.screen, GapsScreen), {f.id: f.value for f in app.screen.query(Input)}
    accepted = Workspace.open(example_ws).assessment.acceptances[major.id]
    assert (accepted.approver, accepted.reason, accepted.until.isoformat()) == (
        "Sam Okafor, General Counsel", "Pilot at 5% of traffic", until)
