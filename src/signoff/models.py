"""Shapes that cross module boundaries: the ingested document and contract findings.

The JSON form of `Analysis` is fixed by the spec `contract-findings.md`; fields may
be added, none renamed.
"""

from __future__ import annotations

import bisect
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Format = Literal["pdf", "docx", "md", "txt"]
Party = Literal["vendor", "customer", "mutual"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PageSpan(Strict):
    """One page of the extracted text."""

    number: int = Field(description="1-based page number")
    start: int = Field(description="offset of the page's first character in Document.text")
    end: int = Field(description="offset one past the page's last character")


class Section(Strict):
    """A heading and the text it governs."""

    heading: str = Field(description="heading text as shown, e.g. 'L.3 Limits on Liability'")
    level: int = Field(description="1 for top-level headings, deeper numbers for sub-headings")
    start: int = Field(description="offset of the heading's first character")
    end: int = Field(
        description="offset one past the section's last character (next heading of same or higher level)"
    )


class Document(Strict):
    """A vendor contract as plain text, with the page and section structure needed to cite it."""

    path: str = Field(description="the file as given by the user")
    format: Format
    text: str = Field(description="extracted plain text; every offset points into this")
    pages: list[PageSpan] = Field(default_factory=list, description="empty for formats without pages")
    sections: list[Section] = Field(default_factory=list)
    sha256: str = Field(description="SHA-256 of the input file's bytes")
    size_bytes: int = 0
    warnings: list[str] = Field(default_factory=list)
    # section_at's lookup table, built on first use: a long contract asks for thousands of
    # citations, and scanning every section for each one made a 2 MB text take minutes
    _section_index: tuple[Any, list[int], list[Section | None]] | None = PrivateAttr(default=None)

    def page_at(self, offset: int) -> int | None:
        """1-based page holding `offset`, or None for formats without pages."""
        if not self.pages:
            return None
        starts = [p.start for p in self.pages]
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        return self.pages[i].number

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose range holds `offset` (the last listed of the deepest)."""
        key = (id(self.sections), len(self.sections))
        if self._section_index is None or self._section_index[0] != key:
            self._section_index = (key, *_innermost_sections(self.sections))
        _, points, innermost = self._section_index
        i = bisect.bisect_right(points, offset) - 1
        return innermost[i] if 0 <= i < len(innermost) else None


def _innermost_sections(sections: list[Section]) -> tuple[list[int], list[Section | None]]:
    """Every offset where a section starts or ends, and the innermost section from each one to the next."""
    points = sorted({s.start for s in sections} | {s.end for s in sections})
    starting: dict[int, list[int]] = {}
    for i, s in enumerate(sections):
        starting.setdefault(s.start, []).append(i)
    active: set[int] = set()
    innermost: list[Section | None] = []
    for point in points[:-1]:
        active = {i for i in active | set(starting.get(point, ())) if sections[i].end > point}
        best: Section | None = None
        for i in sorted(active):
            if best is None or sections[i].level >= best.level:
                best = sections[i]
        innermost.append(best)
    return points, innermost


class DocumentInfo(Strict):
    path: str
    sha256: str
    pages: int | None = Field(description="page count; null for formats without pages")
    chars: int = Field(description="length of the extracted plain text")


class Finding(Strict):
    """One clause found in a contract, with its normalised values and its citation."""

    clause: str = Field(description="clause id from the spec table, e.g. 'liability_cap'")
    text: str = Field(description="verbatim quote: Document.text[start:end]")
    start: int
    end: int
    page: int | None = None
    section: str | None = None
    party: Party | None = None
    values: dict[str, Any] = Field(default_factory=dict)
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str | None = Field(default=None, description="id of the clause-library rule that matched")


class Analysis(Strict):
    """Output of `signoff analyze` for one document."""

    document: DocumentInfo
    findings: list[Finding] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    vendor: str | None = Field(default=None, description="the party taken to be the vendor")
    absent: list[str] = Field(default_factory=list, description="clause ids with no finding")
