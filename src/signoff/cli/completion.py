"""Shell completion: the scripts for bash, zsh and fish, and the names completed from a workspace.

Typer answers a shell's request for completions (the script sets `_SIGNOFF_COMPLETE`) by parsing the
line typed so far; the callbacks here then read the workspace named earlier on that line. A missing
or broken workspace completes nothing: a message or a traceback would land in the middle of the
user's command line.

Formats and tiers are choices, which Typer completes by itself.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

import typer

from signoff.errors import SignoffError

COMPLETE_VAR = "_SIGNOFF_COMPLETE"
OPTIONS = ("--show-completion", "--install-completion")


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def prepare(argv: list[str]) -> list[str]:
    """The command line to parse: a completion option given last, with no shell, gets the login shell.

    `signoff --install-completion` is how Typer apps teach it; naming the shell stays possible
    (`--show-completion zsh` from bash), which an option without a value could not offer.
    When a shell is asking for completions, Typer's completion classes are registered first.
    """
    if os.environ.get(COMPLETE_VAR):
        # Typer's own completion classes speak the protocol its scripts use.
        from typer.completion import completion_init

        completion_init()
    if not argv or argv[-1] not in OPTIONS:
        return argv
    shell = Path(os.environ.get("SHELL", "")).name
    if shell not in Shell.__members__:
        raise SignoffError(
            f"cannot tell your shell from $SHELL ({shell or 'not set'}); "
            f"name it: signoff {argv[-1]} {'|'.join(Shell)}"
        )
    return [*argv, shell]


def show(ctx: typer.Context, param: typer.CallbackParam, shell: Shell | None) -> None:
    if shell is None or ctx.resilient_parsing:
        return
    from typer.completion import show_callback

    show_callback(ctx, param, shell.value)


def install(ctx: typer.Context, param: typer.CallbackParam, shell: Shell | None) -> None:
    if shell is None or ctx.resilient_parsing:
        return
    from typer.completion import install_callback

    install_callback(ctx, param, shell.value)


DESCRIPTION_WIDTH = 70


def _one_line(text: str) -> str:
    """A description zsh and fish show beside a name: one short line, since Typer wraps long ones
    at 80 columns and a line break inside a description breaks the shell's list."""
    text = " ".join(text.split())
    return text if len(text) <= DESCRIPTION_WIDTH else text[: DESCRIPTION_WIDTH - 1] + "…"


def _workspace(ctx: typer.Context):
    from signoff.assess import Workspace

    folder = ctx.params.get("dir")
    return None if folder is None else Workspace.open(Path(folder))


def item_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Checklist item ids of the workspace on the command line, each with its question."""
    try:
        ws = _workspace(ctx)
        items = ws.checklist().items() if ws else []
        return [(i.id, _one_line(i.prompt)) for i in items if i.id.startswith(incomplete)]
    except (SignoffError, OSError):
        return []


def gap_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Ids of the workspace's gaps that may be accepted (not blockers), each with its severity and title."""
    try:
        ws = _workspace(ctx)
        if ws is None:
            return []
        from signoff.assess import evaluate

        gaps = evaluate(ws).gaps
        return [
            (g.id, _one_line(f"{g.severity}: {g.title}"))
            for g in gaps
            if g.acceptable and g.id.startswith(incomplete)
        ]
    except (SignoffError, OSError):
        return []
