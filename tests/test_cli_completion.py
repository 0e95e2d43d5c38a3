"""Shell completion: the scripts, their installation, and names completed from the workspace typed."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.assess.helpers import run_cli

from signoff.assess import Workspace


@pytest.fixture
def cli(monkeypatch, capsys):
    return lambda *args: run_cli(monkeypatch, capsys, *args)


@pytest.fixture
def complete(monkeypatch, capsys):
    """The names bash is offered for the last word of LINE (Typer's protocol, as the script sends it)."""

    def run(line: str) -> list[str]:
        words = line.split(" ")
        monkeypatch.setenv("_SIGNOFF_COMPLETE", "complete_bash")
        monkeypatch.setenv("COMP_WORDS", line)
        monkeypatch.setenv("COMP_CWORD", str(len(words) - 1))
        code, out, err = run_cli(monkeypatch, capsys, *words[1:])
        assert code == 0 and err == "", err
        return out.split()

    return run


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _signoff_completion signoff"),
        ("zsh", "compdef _signoff_completion signoff"),
        ("fish", "complete --command signoff"),
    ],
)
def test_show_completion_prints_the_script_of_the_shell_named(shell, marker):
    # a subprocess, as a user runs it; `python -m signoff` still writes the script for `signoff`
    run = subprocess.run(
        [sys.executable, "-m", "signoff", "--show-completion", shell], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert marker in run.stdout and "_SIGNOFF_COMPLETE=complete_" + shell in run.stdout


def test_show_completion_without_a_shell_uses_the_login_shell(cli, monkeypatch):
    monkeypatch.setenv("SHELL", "/usr/bin/zsh")
    code, out, _ = cli("--show-completion")
    assert code == 0 and "#compdef signoff" in out


def test_an_unknown_login_shell_asks_for_the_shell_in_one_line(cli, monkeypatch):
    monkeypatch.setenv("SHELL", "/bin/tcsh")
    code, out, err = cli("--install-completion")
    assert code == 2 and out == ""
    assert err == (
        "signoff: error: cannot tell your shell from $SHELL (tcsh); "
        "name it: signoff --install-completion bash|zsh|fish\n"
    )


def test_an_unknown_shell_is_refused_naming_the_likely_one(cli):
    code, _, err = cli("--show-completion", "bsh")
    assert code == 2 and err.count("\n") == 1
    assert "did you mean 'bash'?" in err and "choose from: bash, zsh, fish" in err


def test_install_completion_writes_the_script_and_sources_it(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".bashrc").write_text("export EDITOR=vi\n")
    code, out, _ = cli("--install-completion", "bash")
    assert code == 0 and "bash completion installed" in out
    script = tmp_path / ".bash_completions" / "signoff.sh"
    assert "_SIGNOFF_COMPLETE=complete_bash" in script.read_text()
    bashrc = (tmp_path / ".bashrc").read_text()
    assert bashrc.startswith("export EDITOR=vi\n") and str(script.relative_to(tmp_path)) in bashrc


def test_item_ids_complete_from_the_workspace_on_the_line(complete, tmp_path):
    Workspace.init(tmp_path / "ws", "Acme", "alice")
    assert complete(f"signoff answer {tmp_path / 'ws'} outcome_o") == ["outcome_owner"]
    assert "ownership_decided_on" in complete(f"signoff answer {tmp_path / 'ws'} ")


def test_gap_ids_complete_only_gaps_that_can_be_accepted(complete, tmp_path):
    ws = Workspace.init(tmp_path / "ws", "Acme", "alice")
    ws.answer("intents", "faq, refund_eligibility", "alice")
    offered = complete(f"signoff accept {ws.dir} checklist.")
    assert offered and "checklist.redress_time" in offered
    assert "checklist.outcome_owner" not in offered  # a blocker is fixed, never accepted


@pytest.mark.parametrize("where", ["missing", "not-a-workspace", "broken"])
def test_no_workspace_completes_nothing_and_prints_no_error(complete, tmp_path, where):
    folder = tmp_path / "ws"
    if where != "missing":
        folder.mkdir()
    if where == "broken":
        (folder / "assessment.yaml").write_text("deployment: [unclosed\n")
    assert complete(f"signoff answer {folder} outc") == []
    assert complete(f"signoff accept {folder} contract.") == []


def test_formats_and_tiers_complete_from_their_choices(complete, tmp_path):
    assert complete(f"signoff report {tmp_path} --format d") == ["docx"]
    assert complete(f"signoff tier {tmp_path} medium") == ["medium", "medium_high"]
    assert complete("signoff analyze x --format j") == ["json", "jsonl"]


SIGNOFF = Path(sys.executable).parent / "signoff"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed; the test runs its script")
@pytest.mark.skipif(not SIGNOFF.exists(), reason="the signoff command is not installed beside this Python")
def test_bash_completes_item_ids_through_the_script_signoff_prints(tmp_path):
    ws = Workspace.init(tmp_path / "ws", "Acme", "alice")
    script = subprocess.run(
        [SIGNOFF, "--show-completion", "bash"], capture_output=True, text=True, check=True
    ).stdout
    # what bash does on Tab after `signoff answer WS outcome_o`
    press_tab = f'COMP_WORDS=(signoff answer "{ws.dir}" outcome_o); COMP_CWORD=3; _signoff_completion signoff'
    run = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f'{script}\n{press_tab}\nprintf "%s\\n" "${{COMPREPLY[@]}}"'],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": f"{SIGNOFF.parent}{os.pathsep}{os.environ['PATH']}"},
    )
    assert run.stdout.split() == ["outcome_owner"], run.stderr
