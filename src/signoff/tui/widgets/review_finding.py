"""Dialog: legal's review of one finding (confirm, dismiss as false, or correct a value), with who and why."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from signoff.errors import SignoffError
from signoff.tui.widgets.form_dialog import FormDialog

# reviewer, reason, corrected values ('KEY=VALUE' each) -> the core's error, or None once saved
Submit = Callable[[str, str, list[str]], SignoffError | None]
ACTIONS = {
    "confirm": ("Confirm finding", "The finding is right as signoff read it."),
    "dismiss": ("Dismiss finding", "The contract says no such thing: gaps are judged without it."),
    "set": ("Correct a value", "Gaps are judged on the corrected value; the report shows who and why."),
}


class ReviewFindingDialog(FormDialog):
    LAST_FIELD = "reason"
    def __init__(self, action: str, finding: str, fields: list[str], submit: Submit, reviewer: str = ""):
        super().__init__()
        self.action, self.finding, self.fields, self.submit, self.reviewer = (
            action,
            finding,
            fields,
            submit,
            reviewer,
        )

    def compose(self) -> ComposeResult:
        title, what = ACTIONS[self.action]
        with Vertical():
            yield Label(f"[b]{title}:[/] {self.finding}")
            yield Static(what)
            if self.action == "set":
                yield Input(
                    id="values", placeholder=f"KEY=VALUE, e.g. {self.fields[0]}=24" if self.fields else ""
                )
            yield Input(value=self.reviewer, id="reviewer", placeholder="reviewer: full name")
            yield Input(id="reason", placeholder="reason: what the contract really says")
            yield Static("", id="error")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button(title, id="save", variant="primary")

    @on(Button.Pressed, "#save")
    def save(self) -> None:
        sets = []
        if self.action == "set":
            typed = self.query_one("#values", Input).value
            sets = [pair.strip() for pair in typed.split(";") if pair.strip()]
        reviewer = self.query_one("#reviewer", Input).value
        reason = self.query_one("#reason", Input).value
        self.finish(self.submit(reviewer, reason, sets))
