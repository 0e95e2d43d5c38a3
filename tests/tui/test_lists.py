"""Lists keep their place: the sort shows in the header, the cursor stays after an action,
identical findings are one row, and the tier's "why" agrees between screens (issue 17)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static, Tree

from signoff import clock
from signoff.assess import Workspace
from signoff.tui.screens.gaps import GapsScreen

from .conftest import SIZE
from .helpers import make_app

pytestmark = pytest.mark.anyio


def headers(table: DataTable) -> list[str]:
    return [str(c.label) for c in table.ordered_columns]


async def test_the_sort_order_is_shown_in_the_column_header(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        table = app.screen.query_one("#gaps", DataTable)
        assert headers(table) == ["Severity ▲", "Source", "Status", "Gap"]
        await pilot.press("o")
        assert headers(table) == ["Severity", "Source ▲", "Status", "Gap"]
        await pilot.press("o")
        assert headers(table) == ["Severity", "Source", "Status", "Gap ▲"]


async def test_after_accepting_a_gap_the_cursor_stays_on_its_row(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        screen = app.screen
        assert isinstance(screen, GapsScreen)
        table = screen.query_one("#gaps", DataTable)
        majors = [g.id for g in app.evaluation.gaps if g.open and g.severity == "major"]
        row = table.get_row_index(majors[0])
        following = table.coordinate_to_cell_key((row + 1, 0)).row_key.value
        table.move_cursor(row=row)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#approver", Input).value = "Sam Okafor, General Counsel"
        dialog.query_one("#reason", Input).value = "Pilot limited to 5% of traffic"
        dialog.query_one("#until", Input).value = (clock.today() + timedelta(days=30)).isoformat()
        await pilot.click("#accept")
        await pilot.pause()
        assert app.screen is screen
        # The accepted gap left the "Open" list; the cursor is on the row that followed it, not row 1.
        assert majors[0] not in screen._shown
        assert table.cursor_row == row
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == following
    assert majors[0] in Workspace.open(example_ws).assessment.acceptances


async def test_a_long_gap_title_ends_in_an_ellipsis_in_the_list_and_shows_whole_below(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        table = app.screen.query_one("#gaps", DataTable)
        gap = app.screen._shown[table.coordinate_to_cell_key((0, 0)).row_key.value]
        cell = str(table.get_cell_at((0, 3)))
        assert cell.endswith("…") and gap.title.startswith(cell[:-1])
        assert gap.title in str(app.screen.query_one("#gap-detail", Static).render())


async def test_checklist_and_overview_give_the_same_reasons_for_the_tier(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        overview = str(app.screen.query_one("#tier", Static).render())
        bullets = [line[2:] for line in overview.splitlines() if line.startswith("• ")]
        await pilot.press("2")
        await pilot.pause()
        line = str(app.screen.query_one("#tier-line", Static).render())
        assert bullets == [r.reason for r in app.evaluation.deciding_reasons]
        assert f"Why: {bullets[0]}" in line
        more = len(bullets) - 1
        assert (f"and {more} more" in line) if more else ("more, see Overview" not in line)


REPEATED_DISCLAIMER = """# Terms of Service

## 1. Services

THE SERVICE IS PROVIDED "AS IS" AND "AS AVAILABLE" WITHOUT WARRANTIES OF ANY KIND, EXPRESS OR IMPLIED.

## 2. Outputs

OUTPUTS ARE PROVIDED "AS IS" AND "AS AVAILABLE" WITHOUT WARRANTIES OF ANY KIND, EXPRESS OR IMPLIED.

## 3. Beta features

BETA FEATURES ARE PROVIDED "AS IS" AND "AS AVAILABLE" WITHOUT WARRANTIES OF ANY KIND, EXPRESS OR IMPLIED.
"""


async def test_identical_findings_are_one_row_with_a_count(fresh_ws: Path, tmp_path: Path):
    terms = tmp_path / "terms.md"
    terms.write_text(REPEATED_DISCLAIMER, encoding="utf-8")
    ws = Workspace.open(fresh_ws)
    ws.add_contract(terms, "Pat Product")
    assert [f.clause for f in ws.analyses()[0].findings] == ["warranty_disclaimer"] * 3
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        tree = app.screen.query_one("#findings", Tree)
        leaves = [str(n.label) for n in tree._tree_nodes.values() if isinstance(n.data, tuple)]
        assert len(leaves) == 1 and "Warranty disclaimer ×3" in leaves[0]
