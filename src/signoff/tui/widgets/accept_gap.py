"""Dialog: accept a gap, recording who approves it, why, and until when.

The dialog only collects the three answers; `submit` hands them to the engine and
returns its error message (shown in the dialog, which stays open) or None when saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

Submit = Callable[[str, str, date], str | None]


class AcceptGapDialog(ModalScreen[bool]):
    """Dismisses with True when the acceptance was saved, False when cancelled."""

    DEFAULT_CSS = """
    AcceptGapDialog { align: center middle; }
    AcceptGapDialog > Vertical {
        width: 90%; max-width: 80; height: auto;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    AcceptGapDialog #error { color: $error; }
    AcceptGapDialog Horizontal { height: auto; align-horizontal: right; }
    AcceptGapDialog Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

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

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id == "until":
            self._accept()
        else:
            self.focus_next()

    @on(Button.Pressed, "#accept")
    def _accept(self) -> None:
        approver = self.query_one("#approver", Input).value.strip()
        reason = self.query_one("#reason", Input).value.strip()
        typed = self.query_one("#until", Input).value.strip()
        try:
            until = date.fromisoformat(typed)
        except ValueError:
            self._error(f"{typed or 'an empty date'!r} is not a date; use YYYY-MM-DD, e.g. 2027-06-30")
            return
        error = self.submit(approver, reason, until)
        if error is None:
            self.dismiss(True)
        else:
            self._error(error)

    def _error(self, message: str) -> None:
        self.query_one("#error", Static).update(Text(message))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
