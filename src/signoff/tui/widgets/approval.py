"""Dialog: record a sign-off decision (approve or reject) for one role.

Like the gap dialog, it only collects answers; `submit` hands them to the report
module (`record_approval`) and returns its error message, or None once recorded.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

Submit = Callable[[str, str, str, str | None], str | None]
ROLE_CHOICES = [("Legal", "legal"), ("Product owner", "product_owner"), ("Outcome owner", "outcome_owner")]


class ApprovalDialog(ModalScreen[bool]):
    """Dismisses with True when the decision was recorded, False when cancelled."""

    DEFAULT_CSS = """
    ApprovalDialog { align: center middle; }
    ApprovalDialog > Vertical {
        width: 90%; max-width: 80; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ApprovalDialog #error { color: $error; }
    ApprovalDialog Horizontal { height: auto; align-horizontal: right; }
    ApprovalDialog Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, fingerprint: str, submit: Submit, name: str = ""):
        super().__init__()
        self.fingerprint, self.submit, self.approver_name = fingerprint, submit, name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Record a sign-off decision[/]")
            yield Static(f"It applies to the document as it stands now (fingerprint {self.fingerprint}); "
                         "any later change makes it an older approval.")
            yield Select(ROLE_CHOICES, prompt="Role", id="role")
            yield Input(value=self.approver_name, id="name", placeholder="your full name")
            yield Select([("Approve", "approve"), ("Reject", "reject")], value="approve", allow_blank=False,
                         id="decision")
            yield Input(id="note", placeholder="note (required when rejecting: what must change)")
            yield Static("", id="error")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Record", id="record", variant="primary")

    @on(Input.Submitted, "#note")
    @on(Button.Pressed, "#record")
    def _record(self) -> None:
        role = self.query_one("#role", Select).value
        if role is Select.NULL:
            self.query_one("#error", Static).update(Text("Choose the role you sign for."))
            return
        name = self.query_one("#name", Input).value
        decision = str(self.query_one("#decision", Select).value)
        note = self.query_one("#note", Input).value.strip() or None
        error = self.submit(str(role), name, decision, note)
        if error is None:
            self.dismiss(True)
        else:
            self.query_one("#error", Static).update(Text(error))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
