import subprocess
import sys

from signoff import __version__


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "signoff", *args], capture_output=True, text=True)


def test_version_prints_package_version():
    r = run("--version")
    assert r.returncode == 0
    assert r.stdout.strip() == f"signoff {__version__}"


def test_help_lists_commands():
    r = run("--help")
    assert r.returncode == 0
    assert "Usage" in r.stdout
