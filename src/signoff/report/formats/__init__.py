"""One interface for every document format, one module per format (pip-audit style).

A renderer turns a `Report` into bytes, finds the embedded report again in those
bytes, and compares a file with a fresh rendering of its own embedded report, so that
`verify` catches any change to what a reader sees even when the embedded report is intact.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from enum import StrEnum
from pathlib import Path

from signoff.errors import SignoffError
from signoff.report.snapshot import Report


class CannotCompare(SignoffError):
    """This machine cannot make or compare a fresh rendering (e.g. PDF without LibreOffice): no verdict."""


class ReportFormat(StrEnum):
    docx = "docx"
    html = "html"
    md = "md"
    json = "json"
    pdf = "pdf"
    oscal = "oscal"


class Renderer(ABC):
    extension: str

    @abstractmethod
    def render(self, report: Report, template_dir: Path | None) -> bytes:
        """The document's bytes; the same report always gives the same bytes."""

    @abstractmethod
    def extract(self, data: bytes, source: str) -> Report:
        """The report embedded in a document; SignoffError naming `source` when absent or unreadable."""

    def self_check(self, data: bytes) -> list[str]:
        """Problems the file shows on its own, before any comparison (none for most formats)."""
        return []

    def compare(self, data: bytes, fresh: bytes) -> list[str]:
        """How `data` differs from `fresh`, a rendering of its embedded report: one line per difference.

        Text formats are reproducible to the byte, so any difference counts; the first
        differing line is named.
        """
        if data == fresh:
            return []
        have, want = data.split(b"\n"), fresh.split(b"\n")
        for n, (a, b) in enumerate(zip(have, want, strict=False), 1):
            if a != b:
                return [f"line {n} differs from a fresh rendering of the embedded report: {excerpt(a, b)}"]
        return [f"the document has {len(have)} lines, a fresh rendering of its embedded report {len(want)}"]


def excerpt(have: bytes | str, want: bytes | str, width: int = 60) -> str:
    """Where two texts part, shown escaped (no control character reaches the terminal)."""
    a = have.decode("utf-8", errors="replace") if isinstance(have, bytes) else have
    b = want.decode("utf-8", errors="replace") if isinstance(want, bytes) else want
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    start = max(0, i - 20)
    return f"{a[start : start + width]!r} instead of {b[start : start + width]!r}"


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
    if fmt is ReportFormat.oscal:
        from signoff.report.formats.oscal import OscalRenderer

        return OscalRenderer()
    if fmt is ReportFormat.docx:
        from signoff.report.formats.docx import DocxRenderer

        return DocxRenderer()
    from signoff.report.formats.pdf import PdfRenderer

    return PdfRenderer()


def format_of(path: Path) -> ReportFormat:
    """The format a file's extension names; SignoffError for anything else."""
    if path.name.lower().endswith(".oscal.json"):
        return ReportFormat.oscal
    ext = path.suffix.lower().lstrip(".")
    ext = {"markdown": "md", "htm": "html"}.get(ext, ext)
    try:
        return ReportFormat(ext)
    except ValueError:
        known = ", ".join(f".{renderer(f).extension}" for f in ReportFormat)
        raise SignoffError(f"{path}: not a sign-off document ({known} expected)") from None


def parse_report(text: str | bytes, source: str) -> Report:
    """Validate an embedded report; SignoffError naming the file when it is not one."""
    import json

    from pydantic import ValidationError

    try:
        data = json.loads(text)
        if isinstance(data, dict) and data.get("schema_version") == "1":
            raise SignoffError(
                f"{source}: made by an earlier signoff (document schema 1), whose decisions were neither "
                f"signed nor fingerprinted; generate the document again from its workspace"
            )
        return Report.model_validate(data)
    except (ValueError, ValidationError) as e:
        first = str(e).splitlines()[0]
        raise SignoffError(
            f"{source}: the embedded snapshot is not a valid sign-off report ({first})"
        ) from None
