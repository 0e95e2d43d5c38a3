"""The form for one checklist item: prompt, help, references, the right editor, and messages.

The form only reports what the person typed (`ItemForm.Edited`); the screen decides
when to save through the engine, and tells the form what the engine said.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Select, SelectionList, Static

from signoff.tui.widgets.path_input import PathInput
from signoff.wording import answer_hint, input_hint


def as_text(item: Any, value: Any) -> str:
    """How a saved value is shown back in a one-line editor."""
    if value is None:
        return ""
    if item.type == "person" and isinstance(value, dict):
        return ", ".join(str(value.get(k, "")) for k in ("name", "role", "contact"))
    if item.type == "attestation":
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


class ItemForm(VerticalScroll):
    """Edits one item. Posts `Edited` on every change; `settled` when the person is done."""

    DEFAULT_CSS = """
    ItemForm { padding: 0 1; }
    ItemForm .prompt { text-style: bold; margin-bottom: 1; }
    ItemForm .help { color: $text-muted; margin-bottom: 1; }
    ItemForm .refs { color: $text-muted; text-style: italic; margin-bottom: 1; }
    ItemForm #message { color: $error; }
    ItemForm #status { color: $success; margin-bottom: 1; }
    ItemForm SelectionList { height: auto; max-height: 12; }
    """

    class Edited(Message):
        """The person changed the answer; `settled` means Enter, a pick, or leaving the field."""

        def __init__(self, item_id: str, raw: Any, settled: bool, evidence: str | None = None):
            super().__init__()
            self.item_id, self.raw, self.settled, self.evidence = item_id, raw, settled, evidence

    def __init__(
        self, item: Any, saved: Any, draft: str | None, status: str = "", evidence: str | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.item, self.saved, self.draft, self.status = item, saved, draft, status
        self.evidence = evidence
        self._focus_when_ready = False

    def compose(self) -> ComposeResult:
        # Question, field and what the engine said first, so they fit 80x24; then the help.
        item = self.item
        yield Static(Text(item.prompt), classes="prompt")
        yield self._editor()
        if item.evidence_from and item.type != "evidence":
            yield Static(Text(f"Evidence, a file or https:// URL (required from tier {item.evidence_from}):"),
                         classes="help")
            yield PathInput(value=self.evidence or "", placeholder=input_hint("evidence"), id="evidence")
        yield Static("", id="message")
        yield Static(Text(self.status), id="status")
        if item.help:
            yield Static(Text(item.help), classes="help")
        if item.example:
            yield Static(Text.assemble(("Example: ", "bold"), item.example), classes="help")
        refs = self._refs()
        if refs:
            yield Static(refs, classes="refs")

    def _refs(self) -> str:
        refs = self.item.refs
        parts = [f"NIST AI RMF {', '.join(refs.nist_ai_rmf)}" if refs.nist_ai_rmf else "",
                 f"ISO/IEC 42001 {', '.join(refs.iso_42001)}" if refs.iso_42001 else "",
                 f"EU AI Act Art. {', '.join(refs.eu_ai_act)}" if refs.eu_ai_act else ""]
        return " · ".join(p for p in parts if p)

    def _editor(self) -> Any:
        item, start = self.item, self.draft if self.draft is not None else as_text(self.item, self.saved)
        if item.type == "choice":
            options = [(c.label, c.value) for c in item.choices]
            value = start if start in item.choice_values() else Select.NULL
            return Select(options, value=value, prompt="Choose one", id="answer")
        if item.type == "attestation":
            value = start if start in ("yes", "no") else Select.NULL
            return Select([("Yes", "yes"), ("No", "no")], value=value, prompt="Yes or no", id="answer")
        if item.type == "multi_choice":
            picked = {v.strip() for v in start.split(",")}
            return SelectionList(*((c.label, c.value, c.value in picked) for c in item.choices), id="answer")
        cls = PathInput if item.type == "evidence" else Input
        return cls(value=start, placeholder=answer_hint(item), id="answer")

    def focus_editor(self) -> None:
        """Focus the editor now, or as soon as it exists (a new form composes asynchronously)."""
        editors = self.query("#answer")
        if editors:
            editors.first().focus()
        else:
            self._focus_when_ready = True

    def on_mount(self) -> None:
        if self._focus_when_ready:
            self.query_one("#answer").focus()

    def show_error(self, message: str) -> None:
        self.query_one("#message", Static).update(Text(message))
        self.query_one("#status", Static).update("")

    def show_status(self, message: str) -> None:
        self.query_one("#message", Static).update("")
        self.query_one("#status", Static).update(Text(message))

    # -- what the person does ---------------------------------------------------

    @on(Input.Changed, "#answer")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Edited(self.item.id, event.value, settled=False))

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Edited(self.item.id, event.value, settled=True))

    @on(Input.Blurred, "#answer")
    def _left(self, event: Input.Blurred) -> None:
        self.post_message(self.Edited(self.item.id, event.value, settled=True))

    def current_raw(self) -> Any:
        """What the answer field holds now, in the form `Edited.raw` carries."""
        editor = self.query_one("#answer")
        if isinstance(editor, SelectionList):
            return list(editor.selected)
        if isinstance(editor, Select):
            return None if editor.value is Select.NULL else str(editor.value)
        return editor.value

    @on(Input.Submitted, "#evidence")
    @on(Input.Blurred, "#evidence")
    def _evidence(self, event: Input.Submitted | Input.Blurred) -> None:
        event.stop()
        raw = self.current_raw()
        if raw is not None and event.value.strip():
            self.post_message(self.Edited(self.item.id, raw, settled=True, evidence=event.value.strip()))

    @on(Select.Changed, "#answer")
    def _picked(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is not Select.NULL:
            self.post_message(self.Edited(self.item.id, str(event.value), settled=True))

    @on(SelectionList.SelectedChanged, "#answer")
    def _ticked(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self.post_message(self.Edited(self.item.id, list(event.selection_list.selected), settled=True))
