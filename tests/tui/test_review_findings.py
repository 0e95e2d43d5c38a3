"""Legal's review of findings in the app (issue 13): contracts grouped by vendor; correct and dismiss."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static, Tree

from signoff.assess import Workspace, evaluate
from signoff.assess.legal import list_findings, review_finding

from .helpers import make_app

SIZE = (120, 40)
pytestmark = pytest.mark.anyio


def select_finding(app, clause: str) -> None:
    tree = app.screen.query_one("#findings", Tree)
    node = next(
        n for n in tree._tree_nodes.values() if isinstance(n.data, tuple) and n.data[1].clause == clause
    )
    tree.move_cursor(node)


async def test_contracts_are_grouped_by_vendor(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        tree = app.screen.query_one("#findings", Tree)
        (vendor,) = tree.root.children
        assert str(vendor.label) == "Nimbus Labs, Inc."
        assert [str(c.label) for c in vendor.children] == ["nimbus-ai-services-agreement.md"]


async def test_correcting_the_incident_notice_closes_its_blocker(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        select_finding(app, "incident_notice")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#values", Input).value = "window_hours=soon"
        dialog.query_one("#reviewer", Input).value = "Sam Ortiz"
        dialog.query_one("#reason", Input).value = "the order form says 24 hours"
        dialog.query_one("#reason", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # a value that does not parse: said in place, nothing saved
        assert "window_hours takes a number of hours" in str(dialog.query_one("#error", Static).render())
        assert Workspace.open(example_ws).assessment.reviews == {}
        dialog.query_one("#values", Input).value = "window_hours=24"
        dialog.query_one("#reason", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not dialog
        await pilot.pause()
        labels = [str(n.label) for n in app.screen.query_one("#findings", Tree)._tree_nodes.values()]
        assert any(
            "Incident notice" in label and "24 hours" in label and "[reviewed]" in label for label in labels
        )
    ws = Workspace.open(example_ws)
    (review,) = ws.assessment.reviews.values()
    assert (review.action, review.values, review.reviewer) == ("set", {"window_hours": 24}, "Sam Ortiz")
    assert "contract.incident_notice" not in {g.id for g in evaluate(ws).gaps}
    assert ws.verify() == []


async def test_dismissing_a_finding_marks_it_in_the_tree(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        select_finding(app, "audit_rights")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#reviewer", Input).value = "Sam Ortiz"
        app.screen.query_one("#reason", Input).value = "§4.3 is about reports, read as audit rights"
        await pilot.click("#save")
        await pilot.pause()
        await pilot.pause()
        tree = app.screen.query_one("#findings", Tree)
        labels = [str(n.label) for n in tree._tree_nodes.values()]
        assert any(label.startswith("✗ Audit") and label.endswith("[dismissed]") for label in labels), labels
    (review,) = Workspace.open(example_ws).assessment.reviews.values()
    assert review.action == "dismiss"


def select_contract(app) -> None:
    tree = app.screen.query_one("#findings", Tree)
    node = next(n for n in tree._tree_nodes.values() if hasattr(n.data, "sha256"))
    tree.move_cursor(node)


async def test_adding_a_missed_clause_by_its_words(example_ws: Path):
    quote = "Provider will notify Customer without undue delay"
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        select_contract(app)
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#clause", Input).value = "incident_notice"
        dialog.query_one("#quote", Input).value = "words the contract does not have"
        dialog.query_one("#values", Input).value = "window_hours=12"
        dialog.query_one("#reviewer", Input).value = "Sam Ortiz"
        dialog.query_one("#reason", Input).value = "§4.2"
        await pilot.click("#save")
        await pilot.pause()
        assert app.screen is dialog
        assert "the quote is not in contracts/" in str(dialog.query_one("#error", Static).render())
        assert Workspace.open(example_ws).assessment.reviews == {}
        dialog.query_one("#quote", Input).value = quote
        await pilot.click("#save")
        await pilot.pause()
        assert app.screen is not dialog
    (review,) = Workspace.open(example_ws).assessment.reviews.values()
    assert (review.action, review.text, review.values) == ("add", quote, {"window_hours": 12})
    assert "contract.incident_notice" not in {g.id for g in evaluate(Workspace.open(example_ws)).gaps}


async def test_a_new_version_shows_the_diff_and_removing_a_contract_asks_why(example_ws: Path, tmp_path):
    old = example_ws / "contracts" / "nimbus-ai-services-agreement.md"
    new = tmp_path / "nimbus-2027.md"
    new.write_text(old.read_text().replace("seventy-two (72) hours", "twenty-four (24) hours"))
    ws = Workspace.open(example_ws)
    incident = next(r for r in list_findings(ws) if r.finding.clause == "incident_notice")
    review_finding(ws, incident.id, "confirm", [], "Sam Ortiz", "§4.2 read", "sam")
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        select_contract(app)
        await pilot.press("v")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(new)
        await pilot.press("enter", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        diff = str(app.screen.query_one("#diff", Static).render())
        assert "contracts/nimbus-2027.md replaces contracts/nimbus-ai-services-agreement.md" in diff
        assert "twenty-four (24) hours" in diff
        await pilot.press("escape")
        await pilot.pause()
        labels = [str(n.label) for n in app.screen.query_one("#findings", Tree)._tree_nodes.values()]
        assert any("Incident notice" in label and label.endswith("[look again]") for label in labels), labels
        select_contract(app)
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        await pilot.click("#save")
        await pilot.pause()
        assert app.screen is dialog and "give the reason" in str(dialog.query_one("#error", Static).render())
        dialog.query_one("#reason", Input).value = "wrong vendor"
        await pilot.pause(0.5)  # a button ignores a second press while it still shows the first
        await pilot.click("#save")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.screen is not dialog, str(dialog.query_one("#error", Static).render())
    ws = Workspace.open(example_ws)
    assert ws.assessment.contracts == []
    assert [e.action for e in ws.journal.entries()[-3:]] == [
        "review_finding",
        "replace_contract",
        "remove_contract",
    ]
    assert ws.verify() == []
