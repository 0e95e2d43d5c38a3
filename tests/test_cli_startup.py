"""Every `signoff` command starts without loading the sign-off document's models."""

import subprocess
import sys

from signoff.cli.report_cmd import DocumentFormat
from signoff.report import ReportFormat


def test_cli_start_does_not_import_the_report_package():
    code = "import sys, signoff.cli; print(sorted(m for m in sys.modules if m.startswith('signoff.report')))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_report_format_choices_are_the_report_formats():
    assert [f.value for f in DocumentFormat] == [f.value for f in ReportFormat]
