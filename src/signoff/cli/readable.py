"""Help that says what to type, and a one-line "did you mean" for a mistyped choice.

Typer's help shows a parameter's Python type (`<bool>`, `<list[Path]>`, `{dir}`); signoff's shows
what to type: `DIR`, `PATH...`, `[docx|html|md|json|pdf]`, and nothing after a flag. A value that is
none of a parameter's choices (a format, a tier) raises `UnknownNameError`, so it is reported like
every other bad input: one line naming the likely choice, exit code 2.

Typer builds the parameters itself, with no hook for their class, so each command turns its own into
the subclasses below when it is made (`_readable`). The tests walk every command's help.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from signoff.errors import UnknownNameError

# What to type for a value whose option names no metavar: people read PATH, not <path>.
TYPE_WORDS: dict[Any, str] = {str: "TEXT", int: "N", float: "NUMBER", Path: "PATH"}


def _choices(param: TyperArgument | TyperOption) -> list[str] | None:
    choices = param.type_descriptor.choices
    if choices is None:
        return None
    return [str(c.value) if isinstance(c, Enum) else str(c) for c in choices]


def _check_choice(param: TyperArgument | TyperOption, label: str, value: Any) -> None:
    """Raise UnknownNameError, naming the likely choice, when a typed value is none of the choices."""
    choices = _choices(param)
    if choices is None or not isinstance(value, str) or value in choices:
        return
    raise UnknownNameError(
        f"unknown {label} {value!r}", value, choices, listed_by=f"choose from: {', '.join(choices)}"
    )


@contextmanager
def names_listed_by(listing: str) -> Iterator[None]:
    """Within it, an unknown item or gap id also says which command lists them (the core cannot know)."""
    try:
        yield
    except UnknownNameError as e:
        raise e.listed_by(listing) from None


class ReadableArgument(TyperArgument):
    """An argument shown by its metavar alone: `DIR` in the usage and the table, `[DIR]` when optional."""

    @property
    def display_name_raw(self) -> str:
        return f"{self.metavar}..." if self.nargs != 1 else str(self.metavar)

    def _usage_display_name(self) -> str:
        return self.display_name_raw if self.required else f"[{self.display_name_raw}]"

    def display_type_rich(self, ctx: typer.Context) -> str | None:
        return None

    def process_value(self, ctx: typer.Context, value: Any) -> Any:
        _check_choice(self, self.display_name_raw.lower(), value)
        return super().process_value(ctx, value)


class ReadableOption(TyperOption):
    """An option followed by what to type (FILE, N, [table|json]); a flag by nothing."""

    def display_type_rich(self, ctx: typer.Context) -> str | None:
        if self.is_flag or self.count:
            return None
        if self.metavar is not None:
            return self.metavar
        choices = _choices(self)
        if choices is not None:
            return f"[{'|'.join(choices)}]"
        return TYPE_WORDS.get(self.type_descriptor.annotation, "VALUE")

    def process_value(self, ctx: typer.Context, value: Any) -> Any:
        _check_choice(self, max(self.opts, key=len), value)
        return super().process_value(ctx, value)


def _readable(param: Any) -> Any:
    # The subclasses add no state, only how the parameter is shown and checked.
    if isinstance(param, TyperArgument):
        param.__class__ = ReadableArgument
        param.metavar = param.metavar or param.name.upper()
    elif isinstance(param, TyperOption):
        param.__class__ = ReadableOption
    return param


class _ReadableParameters:
    """Makes a command's parameters, and the --help option Typer adds later, readable."""

    params: list[Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            _readable(param)

    def get_help_option(self, ctx: typer.Context) -> Any:
        return _readable(super().get_help_option(ctx))  # type: ignore[misc]


class ReadableCommand(_ReadableParameters, TyperCommand):
    pass


class ReadableGroup(_ReadableParameters, TyperGroup):
    pass


class Typer(typer.Typer):
    """A Typer app whose groups and commands show readable help (every signoff command group is one)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cls=ReadableGroup, **kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", ReadableCommand)
        return super().command(*args, **kwargs)
