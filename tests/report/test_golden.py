"""Golden files: the Markdown and JSON documents of the hand-built sample, byte for byte.

After an intended change to the layout, regenerate with
    SIGNOFF_UPDATE_GOLDEN=1 .venv/bin/pytest tests/report/test_golden.py
and review the diff of tests/report/golden/ before committing.
"""

import os
from pathlib import Path

import pytest

from signoff.report.formats import ReportFormat, renderer

from .report_samples import sample_report

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("fmt", [ReportFormat.md, ReportFormat.json], ids=["markdown", "json"])
def test_document_matches_golden_file(fmt):
    data = renderer(fmt).render(sample_report(), None)
    golden = GOLDEN / f"sample-report.{fmt.value}"
    if os.environ.get("SIGNOFF_UPDATE_GOLDEN"):
        golden.write_bytes(data)
    assert data.decode("utf-8") == golden.read_text(encoding="utf-8")
