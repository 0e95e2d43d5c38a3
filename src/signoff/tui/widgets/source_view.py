"""The words around a finding, with the quote highlighted and where it sits (page, section)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from signoff.wording import values_text

# Enough text to read the clause in its paragraph, while the quote stays in view on 24 rows.
BEFORE_CHARS, AFTER_CHARS = 250, 600


class SourceView(VerticalScroll):
    """Shows one finding: its place, values, verdict, and the source text around it."""

    DEFAULT_CSS = """
    SourceView { padding: 0 1; }
    SourceView #where { text-style: bold; }
    SourceView #verdict { margin: 1 0; }
    SourceView #text { color: $text-muted; }
    """

    def compose(self):
        yield Static("Select a finding to see the contract's words.", id="where")
        yield Static("", id="values")
        yield Static("", id="verdict")
        yield Static("", id="text")

    def show(self, finding: Any, verdict: Text, document_text: str | None) -> None:
        where = [f"page {finding.page}" if finding.page else "", finding.section or "",
                 f"party: {finding.party}" if finding.party else ""]
        self.query_one("#where", Static).update(" · ".join(w for w in where if w) or "location not known")
        self.query_one("#values", Static).update(values_text(finding.values, finding.clause))
        self.query_one("#verdict", Static).update(verdict)
        self.query_one("#text", Static).update(self._excerpt(finding, document_text))
        self.scroll_home(animate=False)

    @staticmethod
    def _excerpt(finding: Any, document_text: str | None) -> Text:
        quote = Text(finding.text, style="bold reverse")
        if document_text is None or document_text[finding.start:finding.end] != finding.text:
            # Only the quote is known (the stored copy could not be read back).
            return quote
        lo, hi = max(0, finding.start - BEFORE_CHARS), finding.end + AFTER_CHARS
        before, after = document_text[lo:finding.start], document_text[finding.end:hi]
        return Text.assemble("…" if lo else "", before, quote, after, "…" if hi < len(document_text) else "")
