"""`?`: what signoff is for, the flow in five steps, and every key of the current screen."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
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
    """A modal listing the flow and the keys; any of Esc, q or ? closes it.

    signoff's own keys come first, grouped by screen (this one, everywhere, the others);
    Textual's keys are listed only for the field or list that had focus, where they apply.
    """

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,q", "dismiss", "Close", key_display="Esc")]

    def __init__(self, about: Screen | None = None, focused: Widget | None = None):
        super().__init__()
        self.about, self.focused_before = about, focused

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(INTRO + "\n" + self._keys())

    def _keys(self) -> str:
        from signoff.tui.app import SCREEN_CLASSES, SCREEN_LABELS, SCREENS_IN_ORDER, screen_class
        from signoff.tui.commands import signoff_bindings

        current = next((m for m in SCREEN_CLASSES if type(self.about) is screen_class(m)), None)
        here = signoff_bindings(type(self.about)) if self.about is not None else []
        if self.focused_before is not None:
            here += signoff_bindings(type(self.focused_before))
        parts = [_table(f"Keys on {SCREEN_LABELS.get(current, 'this screen')}", here, self.app),
                 _table("Keys everywhere", signoff_bindings(type(self.app)), self.app)]
        parts += [_table(f"Keys on {SCREEN_LABELS[m]}", signoff_bindings(screen_class(m)), self.app)
                  for m in (*SCREENS_IN_ORDER, "picker") if m != current]
        if self.focused_before is not None:
            own = {(b.action, b.description) for b in signoff_bindings(type(self.focused_before))}
            textual = [b for _, b in self.focused_before._bindings
                       if (b.action, b.description) not in own and b.description]
            parts.append(_table(f"In the focused {type(self.focused_before).__name__} (Textual's keys)",
                                textual, self.app))
        return "".join(p for p in parts if p)


def _table(title: str, bindings: list[Binding], app: App) -> str:
    """A Markdown table of keys, one row per action; '' when there are none."""
    keys: dict[str, list[str]] = {}  # Textual splits "a,b" into one binding per key: one row again
    tips: dict[str, str] = {}
    for b in bindings:
        key = b.key_display or app.get_key_display(b)
        if key not in keys.setdefault(b.description, []):
            keys[b.description].append(key)
        tips.setdefault(b.description, b.tooltip)
    rows = [f"| `{' '.join(k)}` | {does} | {tips[does]} |" for does, k in keys.items()]
    if not rows:
        return ""
    return f"## {title}\n\n| key | does | |\n|---|---|---|\n" + "\n".join(rows) + "\n\n"
