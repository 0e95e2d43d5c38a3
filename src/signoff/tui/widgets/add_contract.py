"""Dialog: choose a contract file by typing a path (with completion) or browsing a tree."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label

from signoff.tui.widgets.path_input import PathInput

CONTRACT_SUFFIXES = {".pdf", ".docx", ".md", ".markdown", ".txt"}


class ContractTree(DirectoryTree):
    """Folders and the file types signoff reads; hidden files left out."""

    def filter_paths(self, paths):
        return [p for p in paths if not p.name.startswith(".")
                and (p.is_dir() or p.suffix.lower() in CONTRACT_SUFFIXES)]


class AddContractDialog(ModalScreen[tuple[Path, str | None] | None]):
    """Returns (file, vendor or None), or None when cancelled."""

    DEFAULT_CSS = """
    AddContractDialog { align: center middle; }
    AddContractDialog > Vertical {
        width: 90%; max-width: 100; height: 90%; max-height: 30;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    AddContractDialog ContractTree { height: 1fr; border: round $primary-darken-2; }
    AddContractDialog Horizontal { height: auto; align-horizontal: right; }
    AddContractDialog Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, start: Path):
        super().__init__()
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Add a vendor contract[/] (PDF, Word, Markdown or text)")
            yield PathInput(id="path", placeholder="type a path; → accepts the completion")
            yield ContractTree(self.start, id="tree")
            yield Input(id="vendor", placeholder="vendor name (optional: signoff infers it)")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Analyse", id="add", variant="primary")

    @on(DirectoryTree.FileSelected, "#tree")
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#path", Input).value = str(event.path)
        self.query_one("#vendor", Input).focus()

    @on(Button.Pressed, "#add")
    @on(Input.Submitted)
    def _add(self) -> None:
        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            self.notify("Type a file path or pick a file in the tree.", severity="warning")
            return
        vendor = self.query_one("#vendor", Input).value.strip() or None
        self.dismiss((Path(typed).expanduser(), vendor))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
