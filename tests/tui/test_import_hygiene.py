"""The core must work without Textual: only signoff.tui (and the `tui` command body) may import it."""

from __future__ import annotations

import subprocess
import sys

BLOCK_TEXTUAL = """
import sys

class BlockTextual:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError(f"the core imported {name}")
        return None

sys.meta_path.insert(0, BlockTextual())
import signoff.assess, signoff.extract, signoff.ingest, signoff.report, signoff.cli
from signoff.cli.app import app
from typer.testing import CliRunner
result = CliRunner().invoke(app, ["--help"])
assert result.exit_code == 0, result.output
assert "textual" not in sys.modules
print("ok")
"""


def test_core_and_cli_import_without_textual():
    run = subprocess.run([sys.executable, "-c", BLOCK_TEXTUAL], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"


def test_the_tui_package_is_the_one_that_needs_textual():
    # Proves the blocker above works: the same guard stops signoff.tui.app.
    code = BLOCK_TEXTUAL.split("import signoff.assess")[0] + "import signoff.tui.app\n"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode != 0
    assert "the core imported textual" in run.stderr
