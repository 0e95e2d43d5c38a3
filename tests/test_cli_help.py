"""Every command's --help says what to type (DIR, ITEM, [docx|html]), never a Python type."""

import re

import pytest
from tests.assess.helpers import run_cli
from typer.main import get_command

from signoff.cli import app


def _command_paths(command, path=()):
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _command_paths(sub, (*path, name))


COMMANDS = list(_command_paths(get_command(app)))


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) or "signoff" for c in COMMANDS])
def test_help_shows_what_to_type_not_python_types(monkeypatch, capsys, command):
    code, out, _ = run_cli(monkeypatch, capsys, *command, "--help")
    assert code == 0
    usage = next(line for line in out.splitlines() if "Usage: signoff" in line)
    # Typer's own words for types: <bool>, <str>, <list[Path]>, <int range>, and {dir} in the usage line
    assert not re.search(r"<(bool|str|int|float|path|list|int range|table|docx|md|checklist)\b", out), out
    assert "list[" not in out, out
    assert "{" not in usage, usage


def test_usage_names_the_arguments_and_a_flag_shows_no_type(monkeypatch, capsys):
    code, out, _ = run_cli(monkeypatch, capsys, "answer", "--help")
    assert "Usage: signoff answer [OPTIONS] DIR ITEM VALUE" in out
    help_row = next(line for line in out.splitlines() if "--help" in line)
    assert re.search(r"--help\s+-h\s+Show this message", help_row), help_row

    code, out, _ = run_cli(monkeypatch, capsys, "analyze", "--help")
    assert "Usage: signoff analyze [OPTIONS] PATH..." in out
    assert "[table|json|jsonl]" in out and "N [x>=1]" in out

    code, out, _ = run_cli(monkeypatch, capsys, "tui", "--help")
    assert "Usage: signoff tui [OPTIONS] [DIR]" in out
