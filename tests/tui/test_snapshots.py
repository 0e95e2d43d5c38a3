"""Every screen at a fixed size, compared with the approved SVG in __snapshots__/.

Update after a deliberate change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the new pictures before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from signoff.tui.screens.checklist import ChecklistScreen

from .helpers import make_app, steady_cursors, type_into

SMALL, LARGE = (80, 24), (120, 40)


def settle(then=None):
    """A run_before hook: optional interaction, then steady cursors for a stable picture."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        if then is not None:
            await then(pilot)
        await pilot.pause()  # let selections post their messages, which may start workers
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        steady_cursors(pilot.app)

    return run_before


@pytest.mark.parametrize(
    ("keys", "size"),
    [
        pytest.param([], SMALL, id="overview-80x24"),
        pytest.param([], LARGE, id="overview-120x40"),
        pytest.param(["4"], LARGE, id="gaps-120x40"),
        pytest.param(["4"], SMALL, id="gaps-80x24"),
        pytest.param(["3", "question_mark"], SMALL, id="help-on-contracts-80x24"),
        pytest.param(["2"], SMALL, id="checklist-80x24"),
        pytest.param(["3"], SMALL, id="contracts-80x24"),
        pytest.param(["3", "a"], SMALL, id="add-contract-dialog-80x24"),
    ],
)
def test_screens_of_the_example_workspace(snap_compare, example_ws: Path, keys, size, tmp_path, monkeypatch):
    # the add-contract dialog browses the current folder: give it one whose name and files are fixed
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "vendor-terms.md").write_text("# Terms\n")
    monkeypatch.chdir(inbox)
    assert snap_compare(make_app(example_ws), press=keys, terminal_size=size, run_before=settle())


def test_accept_dialog_at_80x24(snap_compare, example_ws: Path):
    async def accept_a_major(pilot) -> None:
        await pilot.press("4")
        table = pilot.app.screen.query_one("#gaps")
        major = next(g for g in pilot.app.evaluation.gaps if g.open and g.severity == "major")
        table.move_cursor(row=table.get_row_index(major.id))
        await pilot.press("a")

    assert snap_compare(make_app(example_ws), terminal_size=SMALL, run_before=settle(accept_a_major))


def test_approval_dialog_at_80x24(snap_compare, example_ws: Path, fixed_fingerprint, monkeypatch):
    monkeypatch.setenv("SIGNOFF_SIGNING_KEY", "/keys/id_ed25519")

    async def record(pilot) -> None:
        await pilot.press("5", "r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(example_ws), terminal_size=SMALL, run_before=settle(record))


def test_checklist_long_question_wraps_in_the_form_at_80x24(snap_compare, example_ws: Path):
    async def longest(pilot) -> None:
        await pilot.press("2")
        screen = pilot.app.screen
        item = max((i for s in pilot.app.checklist.sections for i in s.items), key=lambda i: len(i.prompt))
        screen.show_item(item.id)

    assert snap_compare(make_app(example_ws), terminal_size=SMALL, run_before=settle(longest))


@pytest.fixture
def fixed_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprint changes with any wording in the engine or report; the picture is about layout."""
    import signoff.report as report

    real = report.build_report

    def pinned(ws):
        return real(ws).model_copy(update={"fingerprint": "f" * 64, "assessment_fingerprint": "a" * 64})

    monkeypatch.setattr(report, "build_report", pinned)


@pytest.mark.parametrize("size", [pytest.param(SMALL, id="80x24"), pytest.param(LARGE, id="120x40")])
def test_sign_off(snap_compare, example_ws: Path, fixed_fingerprint, size):
    assert snap_compare(make_app(example_ws), press=["5"], terminal_size=size, run_before=settle())


def test_contracts_with_a_finding_open(snap_compare, example_ws: Path):
    async def open_incident_notice(pilot) -> None:
        await pilot.press("3")
        await pilot.pause()
        tree = pilot.app.screen.query_one("#findings")
        node = next(n for n in tree._tree_nodes.values() if str(n.label).startswith("✗ Incident notice"))
        tree.focus()
        tree.move_cursor(node)

    assert snap_compare(make_app(example_ws), terminal_size=LARGE, run_before=settle(open_incident_notice))


def test_checklist_owner_item(snap_compare, example_ws: Path):
    async def owner(pilot) -> None:
        await pilot.press("2")
        screen = pilot.app.screen
        assert isinstance(screen, ChecklistScreen)
        screen.show_item("outcome_owner")

    assert snap_compare(make_app(example_ws), terminal_size=LARGE, run_before=settle(owner))


def test_checklist_invalid_owner_message_at_80x24(snap_compare, fresh_ws: Path):
    async def team_as_owner(pilot) -> None:
        await pilot.press("2")
        pilot.app.screen.show_item("outcome_owner", edit=True)
        await pilot.pause()
        await type_into(pilot, "support team")
        await pilot.press("enter")

    assert snap_compare(make_app(fresh_ws), terminal_size=SMALL, run_before=settle(team_as_owner))


def test_overview_light_theme(snap_compare, example_ws: Path):
    assert snap_compare(make_app(example_ws), press=["ctrl+t"], terminal_size=LARGE, run_before=settle())


def test_workspace_picker(snap_compare):
    assert snap_compare(make_app(None), terminal_size=SMALL, run_before=settle())
