"""Every `signoff` command starts without loading the sign-off document's or the assessment's models."""

import subprocess
import sys

from signoff.assess import TIERS
from signoff.cli.report_cmd import DocumentFormat
from signoff.cli.workspace_cmd import TierChoice
from signoff.report import ReportFormat


def test_cli_start_does_not_import_the_report_or_assessment_packages():
    code = (
        "import sys, signoff.cli; "
        "print(sorted(m for m in sys.modules if m.startswith(('signoff.report', 'signoff.assess'))))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_report_format_choices_are_the_report_formats():
    assert [f.value for f in DocumentFormat] == [f.value for f in ReportFormat]


def test_tier_choices_are_the_tiers():
    assert [t.value for t in TierChoice] == list(TIERS)
