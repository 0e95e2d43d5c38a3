"""What every form dialog shares: the frame, Escape to cancel, and an error shown in place.

A dialog only collects answers; the screen's `submit` hands them to the core and returns
the core's error (or None once saved). The error shows in the dialog, which stays open
with the field it is about focused, so nothing typed is lost.
"""

from __future__ import annotations

from contextlib import suppress

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from signoff.errors import SignoffError


class FormDialog(ModalScreen[bool]):
    """Dismisses with True when the form was saved, False when cancelled.

    Subclasses compose a `Static#error`, a `Button#cancel` and the fields, with widget ids
    named like the core's fields ('approver', 'reason', 'until', 'name', 'note').
    """

    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > Vertical {
        width: 90%; max-width: 80; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FormDialog #error { color: $error; }
    FormDialog Input, FormDialog Select { margin-bottom: 1; }
    FormDialog Horizontal { height: auto; align-horizontal: right; }
    FormDialog Button { margin-left: 1; }
    """
    # Tab is a priority key here: handled when it arrives, not after bubbling up from the field,
    # so the keys typed right after it (fast, or pasted) land in the next field, never in this one.
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    # Enter in a field moves to the next one; in this field (the last) it saves. None: each
    # subclass handles Enter itself.
    LAST_FIELD: str | None = None

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        if self.LAST_FIELD is None:
            return
        if event.input.id == self.LAST_FIELD:
            self.save()
        else:
            self.focus_next()

    def save(self) -> None:
        """Check and record the form (subclasses that set LAST_FIELD)."""
        raise NotImplementedError

    def on_mount(self) -> None:
        # Borderless fields (one row each, a blank row between) so the whole form and its
        # buttons fit 80x24 without scrolling.
        for field in self.query(Input).results(Input):
            field.compact = True
        for choice in self.query(Select).results(Select):
            choice.compact = True

    def finish(self, error: SignoffError | None) -> None:
        """Close when saved; otherwise say why and put the cursor on the field it is about."""
        if error is None:
            self.dismiss(True)
            return
        self.show_error(error.message)
        if error.field:
            with suppress(NoMatches):
                self.query_one(f"#{error.field}").focus()

    def show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(Text(message))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
