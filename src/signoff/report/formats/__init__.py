"""One interface for every document format, one module per format (pip-audit style).

A renderer turns a `Report` into bytes, finds the embedded report again in those
bytes, and lists the visible content so `verify` can compare a file with a fresh
rendering of its own embedded snapshot.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from enum import StrEnum
from pathlib import Path

from signoff.errors import SignoffError
from signoff.report.snapshot import Report


class ReportFormat(StrEnum):
    docx = "docx"
    html = "html"
    md = "md"
    json = "json"
    pdf = "pdf"


class Renderer(ABC):
    extension: str

    @abstractmethod
    def render(self, report: Report, template_dir: Path | None) -> bytes:
        """The document's bytes; the same report always gives the same bytes."""

    @abstractmethod
    def extract(self, data: bytes, source: str) -> Report:
        """The report embedded in a document; SignoffError naming `source` when absent or unreadable."""

    @abstractmethod
    def visible(self, data: bytes) -> list[str]:
        """The document's content as lines, compared line by line by verify."""


def renderer(fmt: ReportFormat) -> Renderer:
    # Imported lazily: the DOCX and PDF renderers pull in python-docx and lxml.
    if fmt is ReportFormat.md:
        from signoff.report.formats.markdown import MarkdownRenderer

        return MarkdownRenderer()
    if fmt is ReportFormat.html:
        from signoff.report.formats.html import HtmlRenderer

        return HtmlRenderer()
    if fmt is ReportFormat.json:
        from signoff.report.formats.json import JsonRenderer

        return JsonRenderer()
    if fmt is ReportFormat.docx:
        from signoff.report.formats.docx import DocxRenderer

        return DocxRenderer()
    from signoff.report.formats.pdf import PdfRenderer

    return PdfRenderer()


def format_of(path: Path) -> ReportFormat:
    """The format a file's extension names; SignoffError for anything else."""
    ext = path.suffix.lower().lstrip(".")
    ext = {"markdown": "md", "htm": "html"}.get(ext, ext)
    try:
        return ReportFormat(ext)
    except ValueError:
        known = ", ".join(f".{f.value}" for f in ReportFormat)
        raise SignoffError(f"{path}: not a sign-off document ({known} expected)") from None


def parse_report(text: str | bytes, source: str) -> Report:
    """Validate an embedded report; SignoffError naming the file when it is not one."""
    import json

    from pydantic import ValidationError

    try:
        return Report.model_validate(json.loads(text))
    except (ValueError, ValidationError) as e:
        first = str(e).splitlines()[0]
        raise SignoffError(
            f"{source}: the embedded snapshot is not a valid sign-off report ({first})"
        ) from None
