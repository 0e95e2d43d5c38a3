"""Sign-off: what the document will contain, who must sign, and generating it.

The document itself is built by `signoff.report.write_report`; this screen only
gathers the choice of format and shows where the file went.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Select, Static
from textual.worker import Worker, WorkerState

from signoff.errors import SignoffError
from signoff.tui.screens.base import WorkspaceScreen
from signoff.tui.screens.overview import tier_word

FORMATS = [("Markdown", "md"), ("HTML", "html"), ("Word (docx)", "docx"), ("PDF", "pdf"), ("JSON", "json")]
ROLE_WORDS = {"legal": "Legal", "product_owner": "Product owner", "outcome_owner": "Outcome owner"}


def report_writer() -> Any:
    """`signoff.report.write_report`, or None while the report module does not provide it."""
    try:
        from signoff.report import write_report
    except ImportError:
        return None
    return write_report


class SignOffScreen(WorkspaceScreen):
    """The last step: check what will be filed, then generate the fingerprinted document."""

    NAME = "signoff"
    CSS_PATH = "sign_off.tcss"
    BINDINGS = [
        Binding("g", "generate", "Generate document", id="signoff.generate",
                tooltip="Write the sign-off document into the workspace"),
    ]

    def body(self) -> ComposeResult:
        with VerticalScroll(id="signoff-body"):
            yield Static(id="contents", classes="panel")
            yield Static(id="signers", classes="panel")
            with Horizontal(id="generate-row"):
                yield Select(FORMATS, value="md", allow_blank=False, id="format")
                yield Button("Generate", id="generate", variant="primary")
            yield Static(id="result")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#contents").border_title = "The document will contain"
        self.query_one("#signers").border_title = "Who must sign"

    def refresh_view(self) -> None:
        self.query_one("#contents", Static).update(self._contents())
        self.query_one("#signers", Static).update(self._signers())
        if report_writer() is None:
            self.query_one("#generate", Button).disabled = True
            self.query_one("#result", Static).update(Text(
                "Generating the document is not available in this version of signoff.", style="yellow"))

    def _contents(self) -> Text:
        ev, a = self.evaluation, self.ws.assessment
        if ev is None:
            return Text("Not evaluated: see the error notification.", style="red")
        analyses = self.sapp.attempt(self.ws.analyses) or []
        findings = sum(len(x.findings) for x in analyses)
        open_gaps = sum(ev.counts.values())
        accepted = ev.accepted
        text = Text()
        text.append(f"• Deployment: {a.deployment}, risk tier {tier_word(ev.tier)}\n")
        text.append(f"• {len(a.answers)} checklist answers ({ev.answered} of {ev.required} required)\n")
        text.append(f"• {len(a.contracts)} contract(s), {findings} findings cited by page, section, quote\n")
        text.append(f"• {open_gaps} open gaps, {accepted} accepted with approver and reason\n")
        text.append(f"• checklist {ev.checklist_version}, playbook {ev.playbook_version}, "
                    "and a fingerprint that changes if anything above changes\n")
        verdict = {"ready": ("Ready to launch.", "bold green"),
                   "ready_with_accepted_gaps": ("Ready, with accepted gaps.", "bold yellow"),
                   "blocked": ("Blocked: the document will say so. See Gaps (4).", "bold red")}
        words, style = verdict.get(ev.status, (ev.status, "bold"))
        text.append(words, style=style)
        return text

    def _signers(self) -> Text:
        ev = self.evaluation
        text = Text()
        for role, label in ROLE_WORDS.items():
            text.append(f"{label}: ", style="bold")
            if role == "outcome_owner":
                text.append(str(ev.outcome_owner) if ev and ev.outcome_owner else "not named yet (Checklist)")
            else:
                text.append("approves with `signoff approve`", style="dim")
            text.append("\n")
        approvers = sorted({g.acceptance.approver for g in (ev.gaps if ev else []) if g.acceptance})
        if approvers:
            text.append("Gap approvers named in the document: ", style="bold")
            text.append(", ".join(approvers))
        return text

    @on(Button.Pressed, "#generate")
    def action_generate(self) -> None:
        if report_writer() is None:
            self.notify("Generating the document is not available in this version.", severity="warning")
            return
        fmt = str(self.query_one("#format", Select).value)
        self.query_one("#result", Static).update(Text(f"Writing the {fmt} document…"))
        self._write(fmt)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.group == "report":
            error = event.worker.error
            self._written(Text(f"The document could not be written ({type(error).__name__}: {error}); "
                               "please report this.", style="red"))

    # exit_on_error=False: a failing renderer is reported above; the app stays open.
    @work(thread=True, exclusive=True, group="report", exit_on_error=False)
    def _write(self, fmt: str) -> None:
        try:
            path: Path | None = report_writer()(self.ws, fmt)
            message, style = f"Written: {path}", "green"
        except SignoffError as e:
            message, style = e.message, "red"
        self.app.call_from_thread(self._written, Text(message, style=style))

    def _written(self, message: Text) -> None:
        self.query_one("#result", Static).update(message)
        self.notify(message.plain, title="Sign-off document", markup=False)
