"""`signoff tui DIR`, and `signoff` alone: the readiness app (Textual, imported lazily)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from signoff.cli.app import app


def _run(directory: Path | None, probe: bool) -> None:
    from signoff.tui import build_app

    build_app(directory, probe=probe).run()


@app.command("tui")
def tui(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="Workspace folder to open; if it is not one, the app offers to create it."
        ),
    ] = Path("."),
) -> None:
    """Open the readiness app on a workspace: answer the checklist, add contracts, close gaps, sign off.

    Keys: 1-5 switch screens, ? shows help, Ctrl+P searches commands, Ctrl+Q quits.

    Example: signoff tui launches/acme-support
    """
    _run(directory, probe=False)


def open_default() -> None:
    """`signoff` with no command: the current folder when it is a workspace, else the picker."""
    _run(Path.cwd(), probe=True)
