"""Dialog: sign and record a sign-off decision (approve or reject) for one role.

Signing may wait for a hardware key's touch, so `submit` (which calls `record_approval`)
runs in a worker and the dialog stays responsive; the core's error shows in place.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from signoff.errors import SignoffError
from signoff.tui.widgets.form_dialog import FormDialog
from signoff.tui.widgets.path_input import PathInput
from signoff.tui.widgets.select import Select
from signoff.wording import ROLES

Submit = Callable[[str, str, str, str | None, str], SignoffError | None]
ROLE_CHOICES = [(label, role) for role, label in ROLES.items()]


class ApprovalDialog(FormDialog):
    def __init__(self, fingerprint: str, submit: Submit, name: str = "", key: str = "", blocking: int = 0):
        super().__init__()
        self.fingerprint, self.submit, self.approver_name, self.key_path = fingerprint, submit, name, key
        # Approving a blocked launch takes a second press, after the blocking count is shown.
        self.blocking, self.confirmed = blocking, False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Sign a sign-off decision[/]")
            yield Static(
                f"It applies to the assessment as it stands now (fingerprint {self.fingerprint}); "
                "any later change makes it an older approval. Your SSH key signs it; a key with a "
                "passphrase must be in ssh-agent (ssh-add)."
            )
            yield Select(ROLE_CHOICES, prompt="Role", id="role")
            yield Input(value=self.approver_name, id="name", placeholder="your full name")
            decisions = [("Approve", "approve"), ("Reject", "reject")]
            yield Select(decisions, value="approve", allow_blank=False, id="decision")
            yield Input(id="note", placeholder="note (required when rejecting: what must change)")
            yield PathInput(value=self.key_path, id="key", placeholder="SSH private key: ~/.ssh/id_ed25519")
            yield Static("", id="error")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Sign and record", id="record", variant="primary")

    @on(Input.Submitted, "#note")
    @on(Input.Submitted, "#key")
    @on(Button.Pressed, "#record")
    def _record(self) -> None:
        role = self.query_one("#role", Select).value
        if role is Select.NULL:
            self.finish(SignoffError("Choose the role you sign for.", field="role"))
            return
        key = self.query_one("#key", Input).value.strip()
        if not key:
            self.finish(SignoffError("Give your SSH private key: it signs the decision.", field="key"))
            return
        name = self.query_one("#name", Input).value
        decision = str(self.query_one("#decision", Select).value)
        note = self.query_one("#note", Input).value.strip() or None
        if decision == "approve" and self.blocking and not self.confirmed:
            self.confirmed = True
            self.show_error(
                f"The launch is blocked: {self.blocking} blocking gap(s) are open, and the decision records "
                "that. Press Sign and record again to approve anyway."
            )
            return
        self.show_error("Signing… (touch your security key if it blinks)")
        self.query_one("#record", Button).disabled = True
        self._sign(str(role), name, decision, note, key)

    @work(thread=True, exclusive=True, group="sign")
    def _sign(self, role: str, name: str, decision: str, note: str | None, key: str) -> None:
        error = self.submit(role, name, decision, note, key)
        self.app.call_from_thread(self._signed, error)

    def _signed(self, error: SignoffError | None) -> None:
        self.query_one("#record", Button).disabled = False
        self.finish(error)
