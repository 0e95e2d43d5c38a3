"""Markdown: the report as JSON front matter, then the body from `report.md.j2`.

Contract text is untrusted: every value printed by the template passes through
`md_escape`, so a quote cannot break a table or inject HTML into a viewer.
"""

from __future__ import annotations

from pathlib import Path

from signoff.errors import SignoffError
from signoff.report import templating
from signoff.report.formats import Renderer, parse_report
from signoff.report.snapshot import Report, canonical_json, short
from signoff.report.view import document_view
from signoff.wording import neutral

TEMPLATE = "report.md.j2"
_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "*": "\\*",
        "[": "\\[",
        "]": "\\]",
        "<": "&lt;",
        ">": "&gt;",
        "\n": " ",
        "\r": " ",
    }
)


def md_escape(value: object) -> object:
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    return value


def context(report: Report) -> dict[str, object]:
    return {
        "r": report,
        "s": report.snapshot,
        "v": document_view(report, "signoff-report.md"),
        "fingerprint_short": short(report.fingerprint),
    }


class MarkdownRenderer(Renderer):
    extension = "md"

    def render(self, report: Report, template_dir: Path | None) -> bytes:
        body = templating.render(
            TEMPLATE, context(report), template_dir, autoescape=False, finalize=md_escape
        )
        # JSON is valid YAML, so the front matter is readable by any front-matter tool.
        # Control and bidi characters are \\u escapes there too: the same data, harmless to read.
        front = "---\n" + neutral(canonical_json(report).decode("utf-8"), json=True) + "\n---\n"
        return (front + body).encode("utf-8")

    def extract(self, data: bytes, source: str) -> Report:
        text = data.decode("utf-8", errors="replace")
        parts = text.split("\n---\n", 1)
        if not text.startswith("---\n") or len(parts) != 2:
            raise SignoffError(f"{source}: no embedded snapshot (front matter between '---' lines) found")
        return parse_report(parts[0][4:], source)
