"""Dialogs on one contract: add a missed clause, remove the contract, read a new version's diff."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from signoff.errors import SignoffError
from signoff.tui.widgets.form_dialog import FormDialog

# clause, quote, corrected values ('KEY=VALUE' each), reviewer, reason -> the core's error or None
AddSubmit = Callable[[str, str, list[str], str, str], SignoffError | None]
RemoveSubmit = Callable[[str], SignoffError | None]


class MissedClauseDialog(FormDialog):
    """A clause the analysis missed, located by its exact words (a passage selected in the source view)."""
    LAST_FIELD = "reason"

    def __init__(self, document: str, quote: str, submit: AddSubmit):
        super().__init__()
        self.document, self.quote, self.submit = document, quote, submit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"[b]Add a missed clause[/] to {self.document}")
            yield Input(id="clause", placeholder="clause id, e.g. audit_rights (`signoff schema clauses`)")
            yield Input(value=self.quote, id="quote", placeholder="the clause's exact words in the contract")
            yield Input(id="values", placeholder="values: KEY=VALUE; KEY=VALUE (optional)")
            yield Input(id="reviewer", placeholder="reviewer: full name")
            yield Input(id="reason", placeholder="reason: why signoff missed it")
            yield Static("", id="error")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Add clause", id="save", variant="primary")

    @on(Button.Pressed, "#save")
    def save(self) -> None:
        def value(field: str) -> str:
            return self.query_one(f"#{field}", Input).value

        sets = [pair.strip() for pair in value("values").split(";") if pair.strip()]
        self.finish(
            self.submit(value("clause").strip(), value("quote"), sets, value("reviewer"), value("reason"))
        )


class RemoveContractDialog(FormDialog):
    """Take a contract out of the assessment (added by mistake); the journal keeps its history."""

    DEFAULT_CSS = "RemoveContractDialog > Vertical { border: thick $error; }"

    def __init__(self, document: str, submit: RemoveSubmit):
        super().__init__()
        self.document, self.submit = document, submit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"[b]Remove contract:[/] {self.document}")
            yield Static("Its findings no longer count; the journal keeps the file's record and your reason.")
            yield Input(id="reason", placeholder="reason, e.g. added by mistake")
            yield Static("", id="error")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Remove", id="save", variant="error")

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        self.finish(self.submit(self.query_one("#reason", Input).value))


class VersionDiffScreen(ModalScreen[None]):
    """What changed between two versions of a vendor's terms, as `add-contract --replaces` prints it."""

    DEFAULT_CSS = """
    VersionDiffScreen { align: center middle; }
    VersionDiffScreen > Vertical {
        width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    VersionDiffScreen Horizontal { height: auto; align-horizontal: right; }
    """
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]New version of the terms[/]")
            with VerticalScroll():
                yield Static(self.text, id="diff", markup=False)
            with Horizontal():
                yield Button("Close", id="close", variant="primary")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
