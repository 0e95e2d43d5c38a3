"""The readiness app: a Textual interface over `signoff.assess` with no business logic.

Only `signoff.cli.tui_cmd` imports this package, and only inside the command, so
the rest of signoff starts (and is importable) without Textual.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from signoff.tui.app import SignoffApp


def build_app(
    directory: Path | None = None, *, probe: bool = False, state_path: Path | None = None
) -> SignoffApp:
    """The one factory the CLI, the tests and the benchmark use to make the app.

    `directory` is a workspace to open at once; when it is not one, the picker shows with
    that folder offered for a new workspace. `probe` makes that quiet (no error shown):
    `signoff` alone merely tries the current folder.
    `state_path` overrides where recent workspaces and the theme are remembered.
    """
    from signoff.tui.app import SignoffApp
    from signoff.tui.state import Preferences

    return SignoffApp(directory, Preferences(state_path) if state_path else Preferences(), probe=probe)
