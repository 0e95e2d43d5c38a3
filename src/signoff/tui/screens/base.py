"""What every workspace screen shares: the frame, and redrawing when the workspace changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

from signoff.tui.widgets.nav import NavBar

if TYPE_CHECKING:
    from signoff.assess import Evaluation, Workspace
    from signoff.tui.app import SignoffApp


class WorkspaceScreen(Screen[None]):
    """A screen over the open workspace. Subclasses compose `body` and implement `refresh_view`."""

    NAME: ClassVar[str]

    @property
    def sapp(self) -> SignoffApp:
        return self.app  # type: ignore[return-value]

    @property
    def ws(self) -> Workspace | None:
        return self.sapp.ws

    @property
    def evaluation(self) -> Evaluation | None:
        return self.sapp.evaluation

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar(self.NAME)
        yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.sapp.workspace_changed.subscribe(self, self._workspace_changed)

    def on_screen_resume(self) -> None:
        if self.ws is not None:
            self.refresh_view()

    def _workspace_changed(self, _evaluation: Evaluation | None) -> None:
        if self.ws is not None and self.is_mounted:
            self.refresh_view()

    def refresh_view(self) -> None:
        """Redraw from `self.ws` and `self.evaluation` (called on show and on every change)."""
        raise NotImplementedError
