"""JSON: the report itself, sorted keys, indented for people; schema in docs/snapshot.schema.json."""

from __future__ import annotations

import json
from pathlib import Path

from signoff.errors import SignoffError
from signoff.report.formats import Renderer, parse_report
from signoff.report.snapshot import Report
from signoff.wording import neutral


class JsonRenderer(Renderer):
    extension = "json"

    def render(self, report: Report, template_dir: Path | None) -> bytes:
        data = report.model_dump(mode="json")
        text = neutral(json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False), json=True)
        return (text + "\n").encode("utf-8")

    def extract(self, data: bytes, source: str) -> Report:
        if b'"assessment-results"' in data[:200]:
            # An OSCAL document renamed from .oscal.json: the suffix decides how it is read.
            raise SignoffError(
                f"{source}: an OSCAL assessment-results document; name it *.oscal.json to verify it"
            )
        return parse_report(data, source)
