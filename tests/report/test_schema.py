"""The published JSON schema stays in step with the model, and every JSON document validates against it."""

import json
import os
from pathlib import Path

from signoff.report.formats import ReportFormat, renderer
from signoff.report.snapshot import json_schema

from .report_samples import sample_report

PUBLISHED = Path(__file__).resolve().parents[2] / "docs" / "snapshot.schema.json"


def test_published_schema_matches_the_model():
    text = json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
    if os.environ.get("SIGNOFF_UPDATE_GOLDEN"):
        PUBLISHED.write_text(text)
    assert PUBLISHED.read_text() == text, "regenerate with SIGNOFF_UPDATE_GOLDEN=1 pytest tests/report"


def test_json_document_has_exactly_the_schema_top_level_fields():
    data = json.loads(renderer(ReportFormat.json).render(sample_report(), None))
    schema = json.loads(PUBLISHED.read_text())
    assert set(data) == set(schema["properties"])
    assert set(schema["required"]) <= set(data)
