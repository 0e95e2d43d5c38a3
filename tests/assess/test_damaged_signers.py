"""A bad byte in the workspace's allowed_signers file (issue 14): every command that reads it names
the file and the line in one line, says what to do, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from signoff.assess import lock
from signoff.assess.decisions import ALLOWED_SIGNERS

from .helpers import run_cli


def _files(ws: Path) -> dict[str, bytes]:
    files = (p for p in sorted(ws.rglob("*")) if p.is_file() and p.name != lock.LOCK_FILE)
    return {str(p): p.read_bytes() for p in files}


@pytest.mark.parametrize(
    "command",
    [("journal", "verify", "{ws}"), ("report", "{ws}", "--format", "md")],
    ids=["journal-verify", "report"],
)
def test_a_bad_byte_in_allowed_signers_is_one_line_naming_the_file(monkeypatch, capsys, answered, command):
    monkeypatch.setenv("SIGNOFF_USER", "dana")
    (answered.dir / ALLOWED_SIGNERS).write_bytes(b'dana\xff namespaces="signoff" ssh-ed25519 AAAA\n')
    before = _files(answered.dir)
    code, _, err = run_cli(monkeypatch, capsys, *(a.format(ws=answered.dir) for a in command))
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1, err
    assert f"{answered.dir / ALLOWED_SIGNERS}:1: not UTF-8 text (byte 0xff)" in err
    assert "save the file as UTF-8" in err
    assert _files(answered.dir) == before
