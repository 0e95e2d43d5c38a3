"""A damaged workspace file (a bad byte, a cut line, invalid JSON or YAML): every command names the
file, says what is wrong and what to do, in one line, and overwrites nothing."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from signoff.assess import lock
from signoff.assess.decisions import ALLOWED_SIGNERS
from signoff.signatures import allowed_line

from .helpers import run_cli

RESTORE = (
    "restore journal.jsonl and journal.head from a backup (signoff adds nothing to the journal until then)"
)
ANSWER = ("answer", "{ws}", "review_cadence", "weekly")
APPROVE = (
    "approve",
    "{ws}",
    "--role",
    "legal",
    "--name",
    "Sam Okafor",
    "--decision",
    "approve",
    "--key",
    "{ws}/key",
)


def _allow_signer(ws: Path, signer) -> None:
    """A decision by `signer` that signoff would record: the key in the workspace and allowed."""
    shutil.copyfile(signer.key, ws / "key")
    (ws / "key").chmod(0o600)
    (ws / ALLOWED_SIGNERS).write_text(allowed_line(signer.name, signer.public) + "\n")


def _flip_byte(name: str, line: int) -> Callable[[Path], None]:
    """Put 0xff at the start of the given line (counting from 1) of a workspace file."""

    def damage(ws: Path) -> None:
        lines = (ws / name).read_bytes().split(b"\n")
        lines[line - 1] = b"\xff" + lines[line - 1][1:]
        (ws / name).write_bytes(b"\n".join(lines))

    return damage


def _replace_line(name: str, line: int, text: bytes) -> Callable[[Path], None]:
    def damage(ws: Path) -> None:
        lines = (ws / name).read_bytes().split(b"\n")
        lines[line - 1] = text
        (ws / name).write_bytes(b"\n".join(lines))

    return damage


def _cut(name: str, keep: Callable[[bytes], int]) -> Callable[[Path], None]:
    def damage(ws: Path) -> None:
        raw = (ws / name).read_bytes()
        (ws / name).write_bytes(raw[: keep(raw)])

    return damage


def _analysis(ws: Path) -> Path:
    return next((ws / "contracts").glob("*.analysis.json"))


def _flip_analysis(ws: Path) -> None:
    path = _analysis(ws)
    raw = path.read_bytes()
    path.write_bytes(raw[:40] + b"\xff" + raw[41:])


# (damage, the file it names, what it must say)
JOURNAL_DAMAGE = {
    "journal-bad-byte": (
        _flip_byte("journal.jsonl", 2),
        "journal.jsonl",
        f"line 2 is not UTF-8 text (byte 0xff); {RESTORE}",
    ),
    "journal-nul-bytes": (
        _replace_line("journal.jsonl", 3, b"\0" * 40),
        "journal.jsonl",
        "line 3 is not valid JSON",
    ),
    "journal-line-cut": (
        _replace_line("journal.jsonl", 2, b'{"seq":2,"at":"2026-'),
        "journal.jsonl",
        f"line 2 is not valid JSON; {RESTORE}",
    ),
    "journal-not-an-entry": (
        _replace_line("journal.jsonl", 2, b'{"seq": 2}'),
        "journal.jsonl",
        "line 2 is not a journal entry",
    ),
    "journal-last-entry-cut": (
        _cut("journal.jsonl", lambda raw: len(raw) - 30),
        "journal.jsonl",
        "is cut off: the journal ends in the middle of it",
    ),
    "head-bad-byte": (
        _flip_byte("journal.head", 1),
        "journal.head",
        f"not UTF-8 text (byte 0xff); {RESTORE}",
    ),
    "head-cut": (_cut("journal.head", lambda raw: 20), "journal.head", f"not a journal head; {RESTORE}"),
    "head-wrong-shape": (
        _replace_line("journal.head", 1, b'{"entries": "many", "head": "x"}'),
        "journal.head",
        "not a journal head",
    ),
}
ASSESSMENT_DAMAGE = {
    "assessment-bad-byte": (
        _flip_byte("assessment.yaml", 5),
        "assessment.yaml",
        "assessment.yaml:5: not UTF-8 text (byte 0xff); fix that line, or save the file as UTF-8",
    ),
    "assessment-cut": (
        _cut("assessment.yaml", lambda raw: len(raw) // 2),
        "assessment.yaml",
        "correct it by hand or restore assessment.yaml from a backup (journal.jsonl holds every value",
    ),
    "assessment-nul-bytes": (
        _replace_line("assessment.yaml", 3, b"\0\0\0"),
        "assessment.yaml",
        "assessment.yaml:3: not valid YAML",
    ),
    "assessment-not-yaml": (
        _replace_line("assessment.yaml", 4, b"deployment: [unclosed"),
        "assessment.yaml",
        "not valid YAML",
    ),
}


def _files(ws: Path) -> dict[str, bytes]:
    """Every file of the workspace but the lock (which any writer may create), by path."""
    return {
        str(p.relative_to(ws)): p.read_bytes()
        for p in sorted(ws.rglob("*"))
        if p.is_file() and p.name != lock.LOCK_FILE
    }


@pytest.fixture
def cli(monkeypatch, capsys, answered):
    monkeypatch.setenv("SIGNOFF_USER", "dana")

    def run(*args: str) -> tuple[int, str, str]:
        return run_cli(monkeypatch, capsys, *(a.format(ws=answered.dir) for a in args))

    return run


def _assert_one_line_error(code: int, err: str, path: Path, says: str) -> None:
    assert code == 2, err
    assert err.startswith("signoff: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert str(path) in err and says in err


@pytest.mark.parametrize(
    "command", [ANSWER, ("tier", "{ws}", "critical"), APPROVE, ("report", "{ws}", "--format", "json")]
)
@pytest.mark.parametrize("case", list(JOURNAL_DAMAGE), ids=list(JOURNAL_DAMAGE))
def test_a_damaged_journal_stops_every_command_that_needs_it_and_nothing_is_written(
    cli, answered, case, command, signers
):
    if command[0] == "approve":
        _allow_signer(answered.dir, signers("Sam Okafor"))
    damage, name, says = JOURNAL_DAMAGE[case]
    damage(answered.dir)
    before = _files(answered.dir)
    code, _, err = cli(*command)
    if command[0] == "report" and name == "journal.head":
        # The document pins the last entry's hash, not the head file: it is built, and the damage
        # stays for `journal verify` and the next change to report.
        assert code == 0, err
        return
    if command[0] == "report" and case == "journal-last-entry-cut":
        assert code == 0, err  # an unfinished line is not an entry: the document covers the others
        return
    _assert_one_line_error(code, err, answered.dir / name, says)
    assert _files(answered.dir) == before


@pytest.mark.parametrize("case", list(JOURNAL_DAMAGE), ids=list(JOURNAL_DAMAGE))
def test_journal_verify_reports_the_damage_in_one_line(cli, answered, case):
    damage, _, says = JOURNAL_DAMAGE[case]
    damage(answered.dir)
    before = _files(answered.dir)
    code, _, err = cli("journal", "verify", "{ws}")
    assert code == 1
    assert err.count("\n") == 1 and err.startswith(f"{answered.dir / 'journal.jsonl'}: ")
    assert says in err and "Traceback" not in err
    assert _files(answered.dir) == before


@pytest.mark.parametrize("case", list(JOURNAL_DAMAGE), ids=list(JOURNAL_DAMAGE))
def test_commands_that_do_not_read_the_journal_still_work(cli, answered, case):
    JOURNAL_DAMAGE[case][0](answered.dir)
    code, out, err = cli("check", "{ws}")
    assert code == 0 and "READY" in out, err


@pytest.mark.parametrize(
    "command", [ANSWER, ("check", "{ws}"), ("gaps", "{ws}"), ("journal", "verify", "{ws}"), APPROVE]
)
@pytest.mark.parametrize("case", list(ASSESSMENT_DAMAGE), ids=list(ASSESSMENT_DAMAGE))
def test_a_damaged_assessment_stops_every_command(cli, answered, case, command):
    damage, name, says = ASSESSMENT_DAMAGE[case]
    damage(answered.dir)
    before = _files(answered.dir)
    code, _, err = cli(*command)
    _assert_one_line_error(code, err, answered.dir / name, says)
    assert _files(answered.dir) == before


@pytest.mark.parametrize(
    "command", [("check", "{ws}"), ("gaps", "{ws}"), ("report", "{ws}", "--format", "md")]
)
def test_a_damaged_analysis_says_to_add_the_contract_again(cli, answered, command):
    _flip_analysis(answered.dir)
    before = _files(answered.dir)
    code, _, err = cli(*command)
    _assert_one_line_error(code, err, _analysis(answered.dir), "not a valid analysis")
    assert "add the contract again" in err
    assert _files(answered.dir) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (a POSIX system)")
def test_a_pipe_in_place_of_the_journal_is_refused_not_waited_on(cli, answered):
    (answered.dir / "journal.jsonl").unlink()
    os.mkfifo(answered.dir / "journal.jsonl")
    code, _, err = cli(*ANSWER)
    _assert_one_line_error(code, err, answered.dir / "journal.jsonl", "not a regular file")
