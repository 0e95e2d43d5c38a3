"""`signoff tui`: the readiness app (issue: The readiness TUI)."""

import typer


def open_default() -> None:
    typer.echo("signoff: the readiness app is not built yet; see `signoff --help` for the commands.")
