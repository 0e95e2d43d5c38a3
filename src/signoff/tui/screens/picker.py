"""The workspace picker: recent workspaces, open a folder, or create a new workspace."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList
from textual.widgets.option_list import Option

from signoff.tui.widgets.path_input import PathInput

if TYPE_CHECKING:
    from signoff.tui.app import SignoffApp


class PickerScreen(Screen[None]):
    """Choose the launch to work on. Shown first when signoff starts outside a workspace."""

    CSS_PATH = "picker.tcss"
    AUTO_FOCUS = "#recent"
    BINDINGS = [
        Binding("n", "focus_create", "New workspace", id="picker.new", tooltip="Create a workspace"),
        Binding("f", "focus_open", "Open folder", id="picker.open", tooltip="Type a folder to open"),
        Binding("delete", "forget", "Forget", id="picker.forget", tooltip="Remove from the recent list"),
        Binding("escape", "back", "Back", id="picker.back", tooltip="Back to the open workspace"),
    ]

    @property
    def sapp(self) -> SignoffApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="recent-pane"):
                yield Label("Recent workspaces", classes="heading")
                yield OptionList(id="recent")
            with Vertical(id="forms"):
                yield Label("Open a folder", classes="heading")
                yield PathInput(dirs_only=True, id="open-path", placeholder="path/to/workspace")
                yield Button("Open", id="open", variant="primary")
                yield Label("Create a new workspace", classes="heading")
                yield PathInput(dirs_only=True, id="new-path", placeholder="folder (created if missing)")
                yield Input(id="new-name", placeholder="deployment name, e.g. Acme support assistant")
                yield Input(id="new-actor", placeholder="your name")
                yield Button("Create", id="create", variant="success")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#new-actor", Input).value = self.sapp.prefs.actor
        if self.sapp.suggested_new is not None:
            self.query_one("#new-path", Input).value = str(self.sapp.suggested_new)
        self._fill_recent()
        if not self.sapp.prefs.recent:
            # Nothing to pick from: start where the person will type.
            first = "#new-name" if self.sapp.suggested_new is not None else "#open-path"
            self.query_one(first).focus()

    def on_screen_resume(self) -> None:
        self._fill_recent()

    def _fill_recent(self) -> None:
        recent = self.query_one("#recent", OptionList)
        recent.clear_options()
        for path in self.sapp.prefs.recent:
            label = str(path) if path.is_dir() else f"{path}  (missing)"
            recent.add_option(Option(label, id=str(path)))
        if not self.sapp.prefs.recent:
            recent.add_option(Option("No recent workspaces yet: open or create one →", disabled=True))

    @on(OptionList.OptionSelected, "#recent")
    def _open_recent(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.sapp.open_workspace(Path(event.option.id))

    @on(Button.Pressed, "#open")
    @on(Input.Submitted, "#open-path")
    def _open_folder(self) -> None:
        typed = self.query_one("#open-path", Input).value.strip()
        if not typed:
            self.notify("Type the folder of a workspace to open.", severity="warning")
            return
        self.sapp.open_workspace(Path(typed).expanduser())

    @on(Button.Pressed, "#create")
    @on(Input.Submitted, "#new-path, #new-name, #new-actor")
    def _create(self) -> None:
        folder = self.query_one("#new-path", Input).value.strip()
        name = self.query_one("#new-name", Input).value.strip()
        actor = self.query_one("#new-actor", Input).value.strip()
        missing = [what for what, value in (("a folder", folder), ("a deployment name", name),
                                            ("your name", actor)) if not value]
        if missing:
            self.notify(f"To create a workspace, give {', '.join(missing)}.", severity="warning")
            return
        self.sapp.prefs.actor = actor
        self.sapp.create_workspace(Path(folder).expanduser(), name, actor)

    def action_focus_create(self) -> None:
        self.query_one("#new-path").focus()

    def action_focus_open(self) -> None:
        self.query_one("#open-path").focus()

    def action_back(self) -> None:
        if self.sapp.ws is not None:
            self.sapp.action_goto("overview")

    def action_forget(self) -> None:
        recent = self.query_one("#recent", OptionList)
        if recent.highlighted is None:
            return
        option = recent.get_option_at_index(recent.highlighted)
        if option.id:
            self.sapp.prefs.forget(Path(option.id))
            self._fill_recent()
