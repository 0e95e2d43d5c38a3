"""The row of screen names under the header: where you are, and a mouse way to move."""

from __future__ import annotations

from textual import on
from textual.widgets import Tab, Tabs

NAV = (
    ("overview", "1 Overview"),
    ("checklist", "2 Checklist"),
    ("contracts", "3 Contracts"),
    ("gaps", "4 Gaps"),
    ("signoff", "5 Sign-off"),
)


class NavBar(Tabs, can_focus=False):
    """Tabs that switch the app's screen; the keys 1-5 do the same from the keyboard."""

    DEFAULT_CSS = """
    NavBar { height: 2; }
    """

    def __init__(self, current: str):
        super().__init__(*(Tab(label, id=f"nav-{mode}") for mode, label in NAV), active=f"nav-{current}")
        self.current = current

    @on(Tabs.TabActivated)
    def _go(self, event: Tabs.TabActivated) -> None:
        event.stop()
        target = (event.tab.id or "").removeprefix("nav-")
        if target and target != self.current:
            # The tab must keep showing this screen; the screen we go to has its own bar.
            self.active = f"nav-{self.current}"
            self.app.run_action(f"goto('{target}')")
