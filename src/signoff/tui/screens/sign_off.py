"""Sign-off: what the document will contain, who must sign, and generating it.

Everything shown comes from `signoff.report.build_report(ws)` (run in a worker: it
hashes every input file); generating calls `write_report`, and decisions go through
`record_approval`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static
from textual.worker import Worker, WorkerState

from signoff import report as report_api
from signoff.errors import SignoffError
from signoff.tui.screens.base import WorkspaceScreen
from signoff.tui.widgets.approval import ApprovalDialog
from signoff.tui.widgets.select import Select
from signoff.wording import date_text, decision_text

if TYPE_CHECKING:
    from signoff.report.snapshot import Report

FORMATS = [
    ("Word (docx)", "docx"), ("PDF", "pdf"), ("HTML", "html"), ("Markdown", "md"), ("JSON", "json"),
    ("OSCAL assessment results", "oscal"),
]
DECISION_STYLE = {"approve": "green", "reject": "red", "pending": "yellow"}


class SignOffScreen(WorkspaceScreen):
    """The last step: check what will be filed, who signs, then generate the document."""

    NAME = "signoff"
    CSS_PATH = "sign_off.tcss"
    # Not the format dropdown: in a field the screen keys are input, and g/r must work at once.
    AUTO_FOCUS = "#signoff-body"
    BINDINGS = [
        Binding("g", "generate", "Generate", id="signoff.generate", tooltip="Write the sign-off document"),
        Binding("r", "record", "Record decision", id="signoff.record", tooltip="Approve or reject, by role"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: Report | None = None
        self._record_when_ready = False

    def body(self) -> ComposeResult:
        # The actions sit above the scrolling preview, so they show at 80x24 without scrolling.
        with Horizontal(id="generate-row"):
            yield Select(FORMATS, value="docx", allow_blank=False, id="format", compact=True)
            yield Button("Generate (g)", id="generate", variant="primary", compact=True)
            yield Button("Record decision (r)", id="record", compact=True)
        yield Static(id="result")
        with VerticalScroll(id="signoff-body"):
            yield Static(id="contents", classes="panel")
            yield Static(id="signers", classes="panel")

    def on_mount(self) -> None:
        super().on_mount()
        # A decision recorded elsewhere (the CLI, a colleague) shows without reopening the screen.
        self.sapp.journal_changed.subscribe(self, self._workspace_changed)
        self.query_one("#contents").border_title = "The document will contain"
        self.query_one("#signers").border_title = "Who must sign"

    def refresh_view(self) -> None:
        self._preview()

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _preview(self) -> None:
        try:
            report = report_api.build_report(self.ws)
        except SignoffError as e:
            self.app.call_from_thread(self.notify, e.message, severity="error", markup=False)
            return
        self.app.call_from_thread(self._show, report)

    def _show(self, report: Report) -> None:
        self.report = report
        if self._record_when_ready:
            self._record_when_ready = False
            self.action_record()
        snap = report.snapshot
        text = Text()
        if snap.banner:
            text.append(f"{snap.banner}\n", style="bold red")
        for row in snap.summary:
            text.append(f"{row.label}: ", style="bold")
            text.append(f"{row.value}\n")
        text.append("Also every answer with who gave it and when, each finding's citation, every gap.\n",
                    style="dim")
        text.append("Fingerprint: ", style="bold")
        text.append(f"{report.fingerprint[:16]}", style="bold reverse")
        text.append("  changes if anything above changes", style="dim")
        self.query_one("#contents", Static).update(text)
        signers = Text()
        for row in report.signoff:
            signers.append(f"{row.role_label}: ", style="bold")
            if row.decision == "pending":
                who = snap.accountability.outcome_owner if row.role == "outcome_owner" else None
                signers.append(f"{who}: " if who else "")
                signers.append("pending\n", style=DECISION_STYLE["pending"])
                continue
            signers.append(f"{row.name} ")
            signers.append(decision_text(row.decision), style=DECISION_STYLE.get(row.decision, ""))
            when = date_text(row.date) if row.date else ""
            signers.append(f" on {when} against {row.against}{f': {row.note}' if row.note else ''}\n")
        for x in report.not_counted:
            signers.append(f"Not counted: journal entry #{x.entry} ({x.who}): it {x.reason}\n", style="red")
        signers.append("Press r to sign a decision for your role.", style="dim")
        self.query_one("#signers", Static).update(signers)

    # -- generating and approving ----------------------------------------------------

    @on(Button.Pressed, "#generate")
    def action_generate(self) -> None:
        fmt = str(self.query_one("#format", Select).value)
        self.query_one("#result", Static).update(Text(f"Writing the {fmt} document…"))
        self._write(fmt)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.group in ("report", "preview"):
            error = event.worker.error
            self._written(Text(f"The document could not be built ({type(error).__name__}: {error}); "
                               "please report this.", style="red"))

    # exit_on_error=False: a failing renderer is reported above; the app stays open.
    @work(thread=True, exclusive=True, group="report", exit_on_error=False)
    def _write(self, fmt: str) -> None:
        try:
            path = report_api.write_report(self.ws, fmt)
            message = Text(f"Written: {path}", style="green")
        except SignoffError as e:
            message = Text(e.message, style="red")
        self.app.call_from_thread(self._written, message)

    def _written(self, message: Text) -> None:
        self.query_one("#result", Static).update(message)
        self.notify(message.plain, title="Sign-off document", markup=False)

    @on(Button.Pressed, "#record")
    def action_record(self) -> None:
        if self.report is None:
            # Reached straight from another screen (the palette): the form opens once the preview is in.
            self._record_when_ready = True
            self.notify("Preparing the document; the form opens when it is ready.")
            return

        def submit(role: str, name: str, decision: str, note: str | None, key: str) -> SignoffError | None:
            try:
                report_api.record_approval(
                    self.ws, role, name, decision, note,
                    key=Path(key), actor=self.sapp.prefs.actor, interactive=False,
                )
            except SignoffError as e:
                return e
            return None

        # The same default key as `signoff approve --key`.
        key = os.environ.get("SIGNOFF_SIGNING_KEY", "")
        counts = self.report.snapshot.counts
        dialog = ApprovalDialog(
            self.report.assessment_fingerprint[:16],
            submit,
            name=self.sapp.prefs.actor,
            key=key,
            blocking=counts.blocker + counts.major,
        )
        self.app.push_screen(dialog, self._recorded)

    def _recorded(self, saved: bool | None) -> None:
        if saved:
            self.notify("Decision recorded in the journal.", title="Sign-off")
            self.sapp.reevaluate()
