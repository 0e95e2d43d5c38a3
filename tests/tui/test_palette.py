"""Ctrl+P finds every signoff action from every screen, with its keys, and runs it there (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from signoff.tui.screens.checklist import ChecklistScreen
from signoff.tui.screens.contracts import ContractsScreen
from signoff.tui.screens.gaps import GapsScreen
from signoff.tui.widgets.accept_gap import AcceptGapDialog
from signoff.tui.widgets.add_contract import AddContractDialog
from signoff.tui.widgets.approval import ApprovalDialog

from .conftest import SIZE
from .helpers import make_app, type_into

pytestmark = pytest.mark.anyio

SCREEN_KEYS = ["1", "2", "3", "4", "5"]


async def search(pilot, query: str) -> list[str]:
    """Open the palette, type the query, and read the offers (title and help) as shown."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await type_into(pilot, query)
    await pilot.pause(0.3)
    options = pilot.app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


OFFERS = [
    ("add contract", "Add contract", "Contracts: keys 3, a"),
    ("accept gap", "Accept gap", "Gaps: keys 4, a"),
    ("generate", "Generate", "Sign-off: keys 5, g"),
    ("record decision", "Record decision", "Sign-off: keys 5, r"),
    ("go to gaps", "Go to Gaps", "key 4"),
    ("switch workspace", "Switch workspace", "key w"),
    ("answer who owns", "Answer: Who owns the outcome", "key 2"),
]


@pytest.mark.parametrize("screen_key", SCREEN_KEYS)
async def test_every_action_is_found_from_every_screen_with_its_keys(example_ws: Path, screen_key):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(screen_key)
        await pilot.pause()
        for query, offer, keys in OFFERS:
            offers = await search(pilot, query)
            assert any(o.startswith(offer) and keys in o for o in offers), (query, offers)
            await pilot.press("escape")
            await pilot.pause()


@pytest.mark.parametrize(
    ("query", "lands_on"),
    [
        ("add contract", AddContractDialog),
        ("record decision", ApprovalDialog),
    ],
)
async def test_a_palette_action_of_another_screen_runs_there(example_ws: Path, query, lands_on):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, query)
        await pilot.press("enter")
        # Recording waits for the document preview (a worker); the form opens when it is in.
        for _ in range(50):
            await pilot.pause(0.1)
            if isinstance(app.screen, lands_on):
                break
        assert isinstance(app.screen, lands_on)
        assert app.current_mode == {AddContractDialog: "contracts", ApprovalDialog: "signoff"}[lands_on]


async def test_answering_an_item_from_the_palette_opens_its_field(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await search(pilot, "who owns the outcome")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ChecklistScreen)
        assert app.screen.item_id == "outcome_owner"
        assert isinstance(app.focused, Input)


async def test_accepting_a_named_gap_from_the_palette_selects_it_and_opens_the_dialog(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        major = next(g for g in app.evaluation.gaps if g.open and g.severity == "major")
        await pilot.press("3")
        assert isinstance(app.screen, ContractsScreen)
        await search(pilot, f"accept gap {major.title}")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, AcceptGapDialog)
        assert major.title in app.screen.gap_title
        gaps = app.screen_stack[-2]
        assert isinstance(gaps, GapsScreen) and gaps._selected_id() == major.id
