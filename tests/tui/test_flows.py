"""The flows a product owner cares about, driven through the keyboard with Textual's Pilot."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static, Tree

from signoff import clock
from signoff.assess import Workspace, evaluate
from signoff.tui.commands import app_commands
from signoff.tui.screens.checklist import ChecklistScreen
from signoff.tui.screens.gaps import GapsScreen

from .conftest import ACTOR, NIMBUS, SIZE
from .helpers import make_app, type_into

pytestmark = pytest.mark.anyio

OWNER = "Dana Reyes, Head of Support Operations, dana.reyes@acme.example"


def open_gap_ids(folder: Path) -> set[str]:
    return {g.id for g in evaluate(Workspace.open(folder)).gaps if g.open}


async def open_item(pilot, item_id: str) -> ChecklistScreen:
    await pilot.press("2")
    screen = pilot.app.screen
    assert isinstance(screen, ChecklistScreen)
    screen.show_item(item_id, edit=True)
    await pilot.pause()
    return screen


async def test_answering_the_owner_closes_its_gap(fresh_ws: Path):
    assert "checklist.outcome_owner" in open_gap_ids(fresh_ws)
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_item(pilot, "outcome_owner")
        await type_into(pilot, OWNER)
        await pilot.press("enter")
        await pilot.pause()
        assert "Saved" in str(screen.query_one("#status", Static).render())
        assert "checklist.outcome_owner" not in {g.id for g in app.evaluation.gaps if g.open}
    saved = Workspace.open(fresh_ws)
    assert saved.assessment.answers["outcome_owner"].value["name"] == "Dana Reyes"
    assert saved.assessment.answers["outcome_owner"].answered_by == ACTOR
    assert [e.action for e in saved.journal.entries()][-1] == "answer"
    assert "checklist.outcome_owner" not in open_gap_ids(fresh_ws)


async def test_a_team_as_owner_shows_why_and_saves_nothing(fresh_ws: Path):
    before = (fresh_ws / "assessment.yaml").read_bytes()
    entries = len(list(Workspace.open(fresh_ws).journal.entries()))
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_item(pilot, "outcome_owner")
        await type_into(pilot, "support team")
        await pilot.press("enter")
        await pilot.pause()
        message = str(screen.query_one("#message", Static).render())
        assert "names a team" in message and "Dana Reyes" in message
    assert (fresh_ws / "assessment.yaml").read_bytes() == before
    assert len(list(Workspace.open(fresh_ws).journal.entries())) == entries
    drafts = json.loads((fresh_ws / ".signoff" / "drafts.json").read_text())
    assert drafts["drafts"]["outcome_owner"] == "support team"


async def test_quitting_and_reopening_restores_answers_draft_and_place(fresh_ws: Path):
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        await open_item(pilot, "deployment_summary")
        await type_into(pilot, "Chat assistant answering order questions for UK consumers.")
        await pilot.press("enter")
        await open_item(pilot, "outcome_owner")
        await type_into(pilot, "Dana Re")  # half typed, not valid yet
        await pilot.press("ctrl+q")
    reopened = make_app(fresh_ws)
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reopened.screen
        assert isinstance(screen, ChecklistScreen)
        assert screen.item_id == "outcome_owner"
        assert screen.query_one("#answer", Input).value == "Dana Re"
        screen.show_item("deployment_summary")
        await pilot.pause()
        assert screen.query_one("#answer", Input).value.startswith("Chat assistant answering order")


async def test_adding_the_fixture_contract_shows_its_findings(fresh_ws: Path):
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(NIMBUS)
        await pilot.press("enter")  # into the vendor field
        await pilot.press("enter")  # analyse
        await app.workers.wait_for_complete()
        await pilot.pause()
        tree = app.screen.query_one("#findings", Tree)
        labels = [str(node.label) for node in tree._tree_nodes.values()]
        assert any("Incident notice" in label and "notice window: 72 hours" in label for label in labels)
        assert any(label.startswith("Liability") for label in labels)
    assert [c.file for c in Workspace.open(fresh_ws).assessment.contracts] == [f"contracts/{NIMBUS.name}"]


async def test_an_unreadable_contract_is_a_notification_and_the_app_keeps_running(fresh_ws, tmp_path):
    bogus = tmp_path / "contract.pdf"
    bogus.write_text("this is not a PDF")
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(bogus)
        await pilot.press("enter", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(n.severity == "error" and "contract.pdf" in n.message for n in app._notifications)
        await pilot.press("1")
        assert app.current_mode == "overview"
    assert Workspace.open(fresh_ws).assessment.contracts == []


async def test_accepting_a_gap_records_approver_and_reason(example_ws: Path):
    app = make_app(example_ws)
    until = clock.today() + timedelta(days=90)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        screen = app.screen
        assert isinstance(screen, GapsScreen)
        table = screen.query_one("#gaps", DataTable)
        major = next(g for g in app.evaluation.gaps if g.open and g.severity == "major")
        table.move_cursor(row=table.get_row_index(major.id))
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#approver", Input).value = "Sam Okafor, General Counsel"
        app.screen.query_one("#reason", Input).value = "Pilot limited to 5% of traffic"
        app.screen.query_one("#until", Input).value = until.isoformat()
        await pilot.click("#accept")
        await pilot.pause()
        assert isinstance(app.screen, GapsScreen)
    accepted = Workspace.open(example_ws).assessment.acceptances[major.id]
    assert (accepted.approver, accepted.reason, accepted.until) == (
        "Sam Okafor, General Counsel", "Pilot limited to 5% of traffic", until)
    assert accepted.accepted_by == ACTOR


async def test_a_refused_acceptance_keeps_the_dialog_and_points_at_the_field(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        table = app.screen.query_one("#gaps", DataTable)
        major = next(g for g in app.evaluation.gaps if g.open and g.severity == "major")
        table.move_cursor(row=table.get_row_index(major.id))
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#approver", Input).value = "Sam Okafor, General Counsel"
        dialog.query_one("#until", Input).value = (clock.today() + timedelta(days=30)).isoformat()
        await pilot.click("#accept")
        await pilot.pause()
        assert app.screen is dialog
        assert "give the reason this gap is acceptable" in str(dialog.query_one("#error", Static).render())
        assert "--reason" not in str(dialog.query_one("#error", Static).render())
        assert app.focused is dialog.query_one("#reason", Input)
        assert dialog.query_one("#approver", Input).value == "Sam Okafor, General Counsel"
    assert major.id not in Workspace.open(example_ws).assessment.acceptances


async def test_accepting_a_blocker_says_why_and_opens_no_dialog(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        table = app.screen.query_one("#gaps", DataTable)
        blocker = next(g for g in app.evaluation.gaps if g.open and g.severity == "blocker")
        table.move_cursor(row=table.get_row_index(blocker.id))
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, GapsScreen)
        assert [n.message for n in app._notifications] == [
            f"{blocker.id} is a blocker: it must be fixed, it cannot be accepted"
        ]
    assert blocker.id not in Workspace.open(example_ws).assessment.acceptances


async def test_a_change_on_disk_is_picked_up_not_overwritten(fresh_ws: Path):
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # A colleague (or the CLI) answers while the app is open.
        Workspace.open(fresh_ws).answer("customer_segment", "consumers", "Sam Okafor")
        app.check_disk()  # what the disk-watch timer calls
        await pilot.pause()
        assert "customer_segment" in app.ws.assessment.answers
        assert any("changed on disk" in n.message for n in app._notifications)
        await open_item(pilot, "outcome_owner")
        await type_into(pilot, OWNER)
        await pilot.press("enter")
        await pilot.pause()
    answers = Workspace.open(fresh_ws).assessment.answers
    assert {"customer_segment", "outcome_owner"} <= set(answers)


async def test_a_folder_that_is_not_a_workspace_offers_to_create_one(tmp_path: Path):
    folder = tmp_path / "new-launch"
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == "picker"
        assert any("not a signoff workspace" in n.message for n in app._notifications)
        assert app.screen.query_one("#new-path", Input).value == str(folder)
        app.screen.query_one("#new-name", Input).value = "Acme returns bot"
        await pilot.click("#create")
        await pilot.pause()
        assert app.current_mode == "overview"
    assert Workspace.open(folder).assessment.deployment == "Acme returns bot"


async def test_an_invalid_assessment_file_is_a_readable_notification(tmp_path: Path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "assessment.yaml").write_text("schema_version: 1\ndeployment: [unclosed\n")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == "picker"
        [note] = [n for n in app._notifications if n.severity == "error"]
        assert "assessment.yaml" in note.message and "Traceback" not in note.message


async def test_theme_toggles_and_is_remembered(fresh_ws: Path):
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        dark = app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark is not dark
    again = make_app(fresh_ws)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.current_theme.dark is not dark


async def test_help_lists_the_keys_of_the_current_screen(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "question_mark")
        await pilot.pause()
        text = app.screen.query_one("Markdown").source
        assert "Add contract" in text and "Workspaces" in text
        await pilot.press("escape")
        assert app.current_mode == "contracts" and app.screen.__class__.__name__ == "ContractsScreen"


async def test_the_command_palette_offers_every_screen_and_action(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        titles = {c.title for c in app_commands(app)}
        wanted = {"Go to Overview", "Go to Checklist", "Go to Contracts", "Go to Gaps", "Go to Sign-off",
                  "Switch workspace", "Help", "Toggle light/dark theme", "Reload workspace",
                  "Accept gap", "Sort", "Add contract", "Generate", "Record decision"}
        assert wanted <= titles
        sort = next(c for c in app_commands(app) if c.title == "Sort")
        sort.run()
        await pilot.pause()
        assert app.screen.sort_by == "source"


async def test_sign_off_generates_the_document_and_records_a_signed_decision(example_ws: Path, signers):
    sam = signers("Sam Okafor")
    sam.allow(example_ws)
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one("#format").value = "md"
        await pilot.press("g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Written:" in str(app.screen.query_one("#result", Static).render())
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#role").value = "legal"
        dialog.query_one("#name", Input).value = "Sam Okafor"
        await pilot.click("#record")
        await pilot.pause()
        assert "key" in str(dialog.query_one("#error", Static).render())
        dialog.query_one("#key", Input).value = str(sam.key)
        dialog.query_one("#name", Input).value = "legal team"
        dialog.query_one("#key", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        # the example launch is blocked: approving it takes a second press, after the count is shown
        warning = str(dialog.query_one("#error", Static).render())
        assert "The launch is blocked: " in warning and "blocking gap(s) are open" in warning
        assert Workspace.open(example_ws).journal.entries()[-1].action != "approve"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "one named person" in str(dialog.query_one("#error", Static).render())
        dialog.query_one("#name", Input).value = "Sam Okafor"
        dialog.query_one("#note", Input).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is not dialog
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Sam Okafor approved" in str(app.screen.query_one("#signers", Static).render())
    assert (example_ws / "out" / "signoff-report.md").is_file()
    last = list(Workspace.open(example_ws).journal.entries())[-1]
    assert last.data["role"] == "legal" and last.data["name"] == "Sam Okafor" and last.data["blocking"] > 0
    assert last.data["signature"].startswith("-----BEGIN SSH SIGNATURE-----")
    assert Workspace.open(example_ws).verify() == []


async def test_sign_off_dialog_with_a_key_not_allowed_shows_the_line_to_add_and_records_nothing(
    example_ws: Path, signers
):
    sam = signers("Sam Okafor")
    journal = (example_ws / "journal.jsonl").read_bytes()
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await app.workers.wait_for_complete()
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#role").value = "legal"
        dialog.query_one("#name", Input).value = "Sam Okafor"
        dialog.query_one("#key", Input).value = str(sam.key)
        await pilot.click("#record")  # the launch is blocked: the first press shows the count
        await pilot.pause()
        assert "The launch is blocked" in str(dialog.query_one("#error", Static).render())
        await pilot.pause(0.5)  # a button ignores a second press while it still shows the first
        await pilot.click("#record")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is dialog
        assert sam.public in str(dialog.query_one("#error", Static).render())
    assert (example_ws / "journal.jsonl").read_bytes() == journal


async def test_an_unsigned_decision_in_the_journal_shows_as_not_counted_and_the_role_stays_pending(
    example_ws: Path,
):
    Workspace.open(example_ws).record(
        "mallory", "approve", {"role": "legal", "name": "Sam Okafor", "decision": "approve"}
    )
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#signers", Static).render())
        assert "Legal: pending" in text
        assert "Not counted: journal entry #25 (Legal Sam Okafor: approved): it is unsigned" in text


async def test_a_decision_recorded_elsewhere_shows_on_the_open_sign_off_screen(example_ws: Path, signers):
    from signoff.report import record_approval

    priya = signers("Priya Natarajan")
    priya.allow(example_ws)
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        signers = app.screen.query_one("#signers", Static)
        assert "Priya Natarajan" not in str(signers.render())
        record_approval(Workspace.open(example_ws), "legal", "Priya Natarajan", "approve", key=priya.key)
        app.check_disk()  # what the disk-watch timer calls
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Priya Natarajan approved" in str(signers.render())


async def test_a_colleague_s_answer_to_the_open_item_replaces_the_form(fresh_ws: Path):
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_item(pilot, "deployment_summary")
        Workspace.open(fresh_ws).answer("deployment_summary", "Returns bot for UK shoppers.", "Sam Okafor")
        app.check_disk()
        await pilot.pause()
        assert screen.query_one("#answer", Input).value == "Returns bot for UK shoppers."
        assert "Sam Okafor" in str(screen.query_one("#status", Static).render())


async def test_unreadable_drafts_are_moved_aside_not_overwritten(fresh_ws: Path):
    (fresh_ws / ".signoff").mkdir()
    (fresh_ws / ".signoff" / "drafts.json").write_text('{"drafts": {"outcome_owner": "Dana')
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("drafts.unreadable.json" in n.message for n in app._notifications)
    assert (fresh_ws / ".signoff" / "drafts.unreadable.json").read_text().endswith('"Dana')


async def test_evidence_is_attached_to_an_answer_that_needs_it(fresh_ws: Path):
    (fresh_ws / "decision.md").write_text("Minutes: Dana Reyes owns the outcome.\n")
    app = make_app(fresh_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_item(pilot, "ownership_decided_on")
        await type_into(pilot, "2026-01-15")
        evidence = screen.query_one("#evidence", Input)
        evidence.focus()
        await type_into(pilot, str(fresh_ws / "decision.md"))
        await pilot.press("enter")
        await pilot.pause()
    answer = Workspace.open(fresh_ws).assessment.answers["ownership_decided_on"]
    assert answer.value == "2026-01-15"
    assert answer.evidence is not None and answer.evidence.ref == "decision.md" and answer.evidence.sha256


async def test_signoff_alone_outside_a_workspace_shows_the_picker_quietly(tmp_path: Path):
    from signoff.tui import build_app

    app = build_app(tmp_path, probe=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == "picker"
        assert not [n for n in app._notifications if n.severity == "error"]
        assert app.screen.query_one("#new-path", Input).value == str(tmp_path)


async def test_opening_another_workspace_shows_its_own_answers(example_ws: Path, fresh_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_item(pilot, "outcome_owner")
        assert screen.query_one("#answer", Input).value.startswith("Dana Reyes")
        await pilot.press("escape", "w")
        assert app.open_workspace(fresh_ws)
        await open_item(pilot, "outcome_owner")
        assert app.screen is not screen
        assert app.screen.query_one("#answer", Input).value == ""
        assert app.sub_title == "Acme support assistant"


async def test_sign_off_writes_the_oscal_assessment_results(example_ws: Path):
    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one("#format").value = "oscal"
        await pilot.press("g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "signoff-report.oscal.json" in str(app.screen.query_one("#result", Static).render())
    assert (example_ws / "out" / "signoff-report.oscal.json").is_file()
