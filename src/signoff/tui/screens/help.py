"""`?`: what signoff is for, the flow in five steps, and every key of the current screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

INTRO = """\
# signoff: is this customer-support AI ready to launch?

Work left to right, in any order you like:

1. **Overview** shows the risk tier and why, what is answered, what blocks launch, and the next step.
2. **Checklist**: answer each item. An answer is saved as soon as it is valid; a half-typed
   answer is kept as a draft, even if you close signoff.
3. **Contracts**: add the vendor's contract (PDF, Word, Markdown or text). Each clause found
   is shown with its page, section and the exact words, and compared with the playbook.
4. **Gaps**: what is still missing. Close a gap by answering or renegotiating, or accept it:
   a named approver, a reason and an expiry date are recorded.
5. **Sign-off**: who must sign, and the document to file, with a fingerprint.

Press **Esc** in a field to leave it, so the keys below work again.
**Ctrl+P** searches every command.
"""


class HelpScreen(ModalScreen[None]):
    """A modal listing the flow and the keys; any of Esc, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", key_display="Esc")]

    def __init__(self, about: Screen | None = None):
        super().__init__()
        self.about = about

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(INTRO + "\n" + self._keys_table())

    def _keys_table(self) -> str:
        rows = []
        for source in (self.about, self.app):
            for binding in getattr(source, "BINDINGS", []):
                if isinstance(binding, Binding) and binding.description:
                    key = binding.key_display or self.app.get_key_display(binding)
                    rows.append(f"| `{key}` | {binding.description} | {binding.tooltip} |")
        return "## Keys\n\n| key | does | |\n|---|---|---|\n" + "\n".join(rows) + "\n"
