"""The app shell: which workspace is open, navigation between screens, disk watching.

Screens read `app.ws` (the open `signoff.assess.Workspace`) and `app.evaluation`
(the latest `evaluate(ws)`), and redraw when `app.workspace_changed` fires. Every
call into the core goes through `attempt`, so a bad file or a bad answer becomes
a notification and the app keeps running.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal
from textual.widgets import Input, Select, SelectionList, TextArea

from signoff.errors import SignoffError
from signoff.tui.state import Drafts, Preferences

if TYPE_CHECKING:
    from signoff.assess import Evaluation, Workspace

T = TypeVar("T")

# Screen names double as the position remembered in the workspace's drafts file.
SCREENS_IN_ORDER = ("overview", "checklist", "contracts", "gaps", "signoff")
DISK_POLL_SECONDS = 2.0
# Widgets a person types or picks into. Some let keys they do not use (a digit in a
# multi-choice list) bubble up to the app; there those keys must never switch screens.
FIELDS = (Input, TextArea, Select, SelectionList)


def lazy_screen(module: str, name: str) -> Callable[[], Screen]:
    """A screen factory that imports its module on first use: start-up loads only the first screen."""

    def make() -> Screen:
        return getattr(importlib.import_module(f"signoff.tui.screens.{module}"), name)()

    return make


class SignoffApp(App[None]):
    """Take one launch from an empty workspace to a signed-off document."""

    TITLE = "signoff"
    CSS_PATH = "app.tcss"
    MODES = {
        "picker": lazy_screen("picker", "PickerScreen"),
        "overview": lazy_screen("overview", "OverviewScreen"),
        "checklist": lazy_screen("checklist", "ChecklistScreen"),
        "contracts": lazy_screen("contracts", "ContractsScreen"),
        "gaps": lazy_screen("gaps", "GapsScreen"),
        "signoff": lazy_screen("sign_off", "SignOffScreen"),
    }
    # The screen keys 1-5 are shown by the tab row under the header, so the footer keeps
    # its width for the current screen's own keys (it must fit 80 columns).
    BINDINGS = [
        *(
            Binding(str(n), f"key_goto('{mode}')", label, show=False, id=f"goto.{mode}", tooltip=tip)
            for n, (mode, label, tip) in enumerate(
                (
                    ("overview", "Overview", "Readiness at a glance"),
                    ("checklist", "Checklist", "Answer the launch checklist"),
                    ("contracts", "Contracts", "Vendor contract findings"),
                    ("gaps", "Gaps", "What still blocks launch"),
                    ("signoff", "Sign-off", "Generate the sign-off document"),
                ),
                start=1,
            )
        ),
        Binding(
            "w", "key_goto('picker')", "Workspaces", id="goto.picker", tooltip="Open or create a workspace"
        ),
        Binding("escape", "leave_field", "Leave field", key_display="Esc", show=False, id="leave_field",
                tooltip="Back from a field, so the screen keys work again"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help", tooltip="Keys and the flow"),
        Binding("ctrl+t", "toggle_theme", "Theme", id="theme", tooltip="Switch light and dark theme"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, directory: Path | None, prefs: Preferences, *, probe: bool = False):
        super().__init__()
        self.start_dir = directory
        self.probe = probe
        self.prefs = prefs
        self.ws: Workspace | None = None
        self.evaluation: Evaluation | None = None
        self.drafts: Drafts | None = None
        self.suggested_new: Path | None = None
        self.workspace_changed: Signal[Evaluation | None] = Signal(self, "workspace_changed")
        # Approvals live in the journal, not in assessment.yaml: watched on their own.
        self.journal_changed: Signal[None] = Signal(self, "journal_changed")
        self._journal_stamp: tuple[int, int] | None = None

    def on_mount(self) -> None:
        if self.prefs.theme in self.available_themes:
            self.theme = self.prefs.theme
        self.set_interval(DISK_POLL_SECONDS, self.check_disk, name="disk-watch")
        if self.start_dir is None or not self.open_workspace(self.start_dir, quiet=self.probe):
            # Offer the folder the person named for a new workspace rather than making them retype it.
            self.suggested_new = self.start_dir
            self.switch_mode("picker")

    # -- the open workspace -------------------------------------------------

    def attempt(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a core call; show a SignoffError as a notification instead of failing."""
        try:
            return call(*args, **kwargs)
        except SignoffError as e:
            self.notify(e.message, title="signoff", severity="error", markup=False, timeout=8)
            return None

    def attempt_ok(self, call: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Like `attempt`, for calls that return nothing: True when it worked."""
        try:
            call(*args, **kwargs)
        except SignoffError as e:
            self.notify(e.message, title="signoff", severity="error", markup=False, timeout=8)
            return False
        return True

    def open_workspace(self, directory: Path, *, quiet: bool = False) -> bool:
        from signoff.assess import Workspace

        try:
            ws = Workspace.open(Path(directory))
        except SignoffError as e:
            if not quiet:
                self.notify(e.message, title="Cannot open", severity="error", markup=False, timeout=8)
            return False
        self._adopt(ws)
        return True

    def create_workspace(self, directory: Path, name: str, actor: str) -> bool:
        from signoff.assess import Workspace

        ws = self.attempt(Workspace.init, Path(directory), name, actor)
        if ws is None:
            return False
        self._adopt(ws)
        return True

    def _adopt(self, ws: Workspace) -> None:
        if self.ws is not None:
            self._forget_screens()
        self.ws = ws
        self._journal_stamp = ws.journal.stamp()
        self.drafts = Drafts(ws.dir)
        if self.drafts.problem:
            self.notify(self.drafts.problem, title="Drafts", severity="warning", markup=False, timeout=10)
        self.prefs.remember(ws.dir)
        self.sub_title = ws.assessment.deployment
        self.reevaluate()
        where = self.drafts.position.get("screen", "overview")
        self.switch_mode(where if where in SCREENS_IN_ORDER else "overview")

    def _forget_screens(self) -> None:
        """Another workspace is opened: its screens start afresh (lazily) instead of showing the old one."""
        for mode in SCREENS_IN_ORDER:
            if mode != self.current_mode:
                self.remove_mode(mode)
                self.add_mode(mode, self.MODES[mode])

    @property
    def checklist(self) -> Any:
        return self.ws.checklist()

    def reevaluate(self) -> None:
        """Recompute readiness from the saved workspace and tell every screen."""
        from signoff.assess import evaluate

        if self.ws is None:
            return
        evaluation = self.attempt(evaluate, self.ws)
        if evaluation is not None:
            self.evaluation = evaluation
        self.workspace_changed.publish(self.evaluation)

    def check_disk(self) -> None:
        """Someone else (a colleague, the CLI) saved: reload rather than overwrite them."""
        if self.ws is None:
            return
        journal_stamp = self.ws.journal.stamp()
        if journal_stamp != self._journal_stamp:
            self._journal_stamp = journal_stamp
            self.journal_changed.publish(None)
        if not self.attempt(self.ws.changed_on_disk):
            return
        if not self.attempt_ok(self.ws.reload):
            return
        self.notify("The workspace changed on disk; showing the saved version.", title="Reloaded")
        self.reevaluate()

    def remember_position(self, **where: str) -> None:
        if self.drafts is None:
            return
        try:
            self.drafts.set_position(**where)
        except OSError as e:
            self.notify(f"{self.drafts.path}: cannot save your place: {e.strerror}", severity="warning")

    # -- actions ------------------------------------------------------------

    def action_goto(self, screen: str) -> None:
        if screen != "picker" and self.ws is None:
            self.notify("Open or create a workspace first.", severity="warning")
            return
        if screen != self.current_mode:
            self.switch_mode(screen)
        if screen in SCREENS_IN_ORDER:
            self.remember_position(screen=screen)

    def action_key_goto(self, screen: str) -> None:
        """A screen key pressed outside any field; in a field it is input, so it only says how to leave."""
        if isinstance(self.focused, FIELDS):
            self.notify("Leave the field first (Esc), then press the screen key.", timeout=3)
            return
        self.action_goto(screen)

    def action_leave_field(self) -> None:
        # Screens with their own Esc (the checklist, dialogs) handle it before it gets here.
        if isinstance(self.focused, FIELDS) and (home := getattr(self.screen, "AUTO_FOCUS", None)):
            self.screen.query_one(home).focus()

    def action_help(self) -> None:
        from signoff.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"
        self.prefs.theme = self.theme

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.action.startswith("key_goto"):
                target = binding.action.split("'")[1]
                yield SystemCommand(
                    f"Go to {binding.description}", binding.tooltip, lambda t=target: self.action_goto(t)
                )
        # The current screen's own actions (Add contract, Accept gap, Generate...) too.
        for binding in getattr(screen, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.show and binding.description:
                yield SystemCommand(binding.description, binding.tooltip or binding.description,
                                    lambda b=binding: self.call_later(screen.run_action, b.action))
        yield SystemCommand("Help", "Keys and how signoff works", self.action_help)
        yield SystemCommand("Toggle light/dark theme", "Switch light and dark", self.action_toggle_theme)
        if self.ws is not None:
            yield SystemCommand("Reload workspace", "Read the workspace again from disk", self._reload_now)

    def _reload_now(self) -> None:
        if self.attempt_ok(self.ws.reload):
            self.reevaluate()
