"""Opt-in layout pass over a PDF: headings that only the font shows.

The text path (pdf.py) reads with pdfium at hundreds of pages/s but sees no fonts, so an
unnumbered title such as "Nimbus AI Services Agreement" is body text to it. pdfplumber
(pdfminer) sees each character's font and size but reads about 8 pages/s, so it runs only
when the user asks for layout (`load(..., layout=True)`, `signoff text --layout`).

The pass never changes `Document.text`: each heading line pdfplumber finds is looked up in
the same page's pdfium text and, when found at the start of a line, its offset is handed to
`find_sections(styled=...)` like a DOCX "Heading N" paragraph. A line not found is skipped,
so offsets and quotes stay identical to the default path.
"""

from __future__ import annotations

import io
from collections import Counter
from statistics import median

from signoff.models import PageSpan

# A heading is "clearly larger" than body text: 11 pt over 10.5 pt body is not, 12 pt is.
_LARGER = 1.1
_MAX_HEADING_CHARS = 80
_MAX_HEADING_WORDS = 12
_BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi")


def _is_bold(fontname: str) -> bool:
    # Subset fonts carry a prefix ("ABCDEF+Helvetica-Bold"); the weight is in the rest.
    name = fontname.split("+", 1)[-1].lower()
    return any(marker in name for marker in _BOLD_MARKERS)


def _body_size(chars: list[dict]) -> float | None:
    """The size most of the page's letters are set in."""
    sizes = Counter(round(c["size"], 1) for c in chars if c["text"].strip())
    return sizes.most_common(1)[0][0] if sizes else None


def _heading_lines(page) -> list[tuple[str, float, bool]]:
    """(text, size, larger) of the short lines on `page` that are bold or clearly larger than
    its body; `larger` is False for a bold line at body size."""
    lines = page.extract_text_lines(return_chars=True, strip=True)
    body = _body_size([c for line in lines for c in line["chars"]])
    if body is None:
        return []
    found = []
    for line in lines:
        text = " ".join(line["text"].split())
        chars = [c for c in line["chars"] if c["text"].strip()]
        if not chars or len(text) > _MAX_HEADING_CHARS or len(text.split()) > _MAX_HEADING_WORDS:
            continue
        if not any(ch.isalpha() for ch in text):
            continue  # page numbers, rules, dates
        size = round(median(c["size"] for c in chars), 1)
        bold = all(_is_bold(c["fontname"]) for c in chars)
        if size >= body * _LARGER:
            found.append((text, size, True))
        elif bold and size >= body:
            found.append((text, size, False))
    return found


def _line_start(page_text: str, text: str, cursor: int) -> int | None:
    """Offset of the first line of `page_text` at or after `cursor` that starts with `text`."""
    pos = page_text.find(text, cursor)
    while pos != -1:
        if pos == 0 or page_text[pos - 1] == "\n":
            return pos
        pos = page_text.find(text, pos + 1)
    return None


def font_headings(
    data: bytes, *, password: str | None, full_text: str, pages: list[PageSpan]
) -> dict[int, int] | None:
    """Offsets in `full_text` of font-based heading lines, mapped to their level; None when
    pdfminer cannot read the file (pdfium could, so the text is still good).

    Levels rank the heading sizes across the document: the largest size is level 1, the next
    level 2, and bold lines at body size sit one below the smallest larger size.
    """
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data), password=password or "") as pdf:
            per_page = [_heading_lines(page) for page in pdf.pages]
    except Exception:  # noqa: BLE001 - pdfminer raises many types on odd files; layout is best effort
        return None

    larger_sizes = sorted({size for lines in per_page for _, size, larger in lines if larger}, reverse=True)
    level_of = {size: i + 1 for i, size in enumerate(larger_sizes)}
    bold_level = len(level_of) + 1
    styled: dict[int, int] = {}
    # zip without strict: should pdfminer count pages differently, the extra pages are ignored.
    for span, lines in zip(pages, per_page, strict=False):
        page_text = full_text[span.start : span.end]
        cursor = 0
        for text, size, larger in lines:
            pos = _line_start(page_text, text, cursor)
            if pos is None:
                continue
            styled[span.start + pos] = level_of[size] if larger else bold_level
            cursor = pos + len(text)
    return styled
