"""Dialog: accept a gap, recording who approves it, why, and until when."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from signoff.errors import SignoffError
from signoff.tui.widgets.form_dialog import FormDialog

Submit = Callable[[str, str, date], SignoffError | None]


class AcceptGapDialog(FormDialog):
    LAST_FIELD = "until"
    DEFAULT_CSS = "AcceptGapDialog > Vertical { border: thick $warning; }"

    def __init__(self, title: str, submit: Submit, approver: str = ""):
        super().__init__()
        self.gap_title, self.submit, self.approver = title, submit, approver

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"[b]Accept gap:[/] {self.gap_title}")
            yield Static("Launch may go ahead with this gap open. The approver is named in the sign-off.")
            yield Input(value=self.approver, id="approver", placeholder="approver: full name and role")
            yield Input(id="reason", placeholder="reason the risk is acceptable for now")
            yield Input(id="until", placeholder="review by (YYYY-MM-DD)")
            yield Static("", id="error")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Accept gap", id="accept", variant="warning")

    @on(Button.Pressed, "#accept")
    def save(self) -> None:
        approver = self.query_one("#approver", Input).value.strip()
        reason = self.query_one("#reason", Input).value.strip()
        typed = self.query_one("#until", Input).value.strip()
        try:
            until = date.fromisoformat(typed)
        except ValueError:
            message = f"{typed or 'an empty date'!r} is not a date; use YYYY-MM-DD, e.g. 2027-06-30"
            self.finish(SignoffError(message, field="until"))
            return
        self.finish(self.submit(approver, reason, until))
