"""Dialog: record a sign-off decision (approve or reject) for one role."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from signoff.errors import SignoffError
from signoff.tui.widgets.form_dialog import FormDialog
from signoff.wording import ROLES

Submit = Callable[[str, str, str, str | None], SignoffError | None]
ROLE_CHOICES = [(label, role) for role, label in ROLES.items()]


class ApprovalDialog(FormDialog):
    def __init__(self, fingerprint: str, submit: Submit, name: str = ""):
        super().__init__()
        self.fingerprint, self.submit, self.approver_name = fingerprint, submit, name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Record a sign-off decision[/]")
            yield Static(
                f"It applies to the document as it stands now (fingerprint {self.fingerprint}); "
                "any later change makes it an older approval."
            )
            yield Select(ROLE_CHOICES, prompt="Role", id="role")
            yield Input(value=self.approver_name, id="name", placeholder="your full name")
            decisions = [("Approve", "approve"), ("Reject", "reject")]
            yield Select(decisions, value="approve", allow_blank=False, id="decision")
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
            self.finish(SignoffError("Choose the role you sign for.", field="role"))
            return
        name = self.query_one("#name", Input).value
        decision = str(self.query_one("#decision", Select).value)
        note = self.query_one("#note", Input).value.strip() or None
        self.finish(self.submit(str(role), name, decision, note))
