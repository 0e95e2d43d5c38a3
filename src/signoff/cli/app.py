"""The Typer application every command module registers on.

Command modules import heavy libraries (spaCy, pdfium, Textual) inside the command
function, never at module level, so `signoff --help` stays instant.
"""

from typing import Annotated

import typer

from signoff import __version__
from signoff.cli import completion
from signoff.cli.readable import Typer

app = Typer(
    name="signoff",
    help="Decide whether a customer-support AI is ready to launch, and leave the paper trail.",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"signoff {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    show_completion: Annotated[
        completion.Shell | None,
        typer.Option(
            "--show-completion",
            metavar="SHELL",
            callback=completion.show,
            is_eager=True,
            expose_value=False,
            help="Print the completion script for bash, zsh or fish (default: your login shell, $SHELL).",
        ),
    ] = None,
    install_completion: Annotated[
        completion.Shell | None,
        typer.Option(
            "--install-completion",
            metavar="SHELL",
            callback=completion.install,
            is_eager=True,
            expose_value=False,
            help="Install completion of commands, item ids, gap ids, formats and tiers for bash, zsh or "
            "fish (default: your login shell); it works in terminals opened afterwards.",
        ),
    ] = None,
) -> None:
    """Decide whether a customer-support AI is ready to launch, and leave the paper trail.

    Run `signoff` with no command to open the readiness app on the current folder.
    """
    if ctx.invoked_subcommand is None:
        from signoff.cli.tui_cmd import open_default

        open_default()
