"""Find the headings of a plain-text or Markdown contract and the text each governs.

Extraction cites a finding's `section` as the nearest heading, so a heading is kept
as a reader would quote it: "10. Limitation of Liability", "L.3 Limits on Liability".
Recognised heading lines:
- Markdown `#` headings and setext headings (a line underlined with `===` or `---`);
- numbered clauses ("1.", "12.3", "L.3.", "I.2.a", "Section 4.2", "ARTICLE IV") that are
  either a short line on their own or open with a short title ("6.4 Return of Data. ...");
- attachment titles ("Schedule 1 - Details of Processing", "EXHIBIT A"), always top level;
- short ALL-CAPS lines ("LIMITATION OF LIABILITY").
Numbered clauses without a title ("1.1 "Fees" means ...") are body text, not headings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from signoff.models import Section

_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
# "ARTICLE IV", "Section 4.2", "12.3", "L.3.", "I.2.a.", "1."; a one-part number needs its dot
# so that "I am" or "2020 was" never reads as a clause number.
_NUMBER = re.compile(
    r"^(?:(?P<kw>ARTICLE|Article|SECTION|Section)[ \t]+(?P<kwnum>[IVXLC]+|\d+(?:\.\d+)*)\.?"
    r"|(?P<multi>(?:[A-Z]|\d{1,3})(?:\.(?:\d{1,3}|[a-z]))+)\.?"
    r"|(?P<single>[A-Z]|\d{1,3})\.)"
    # PDFs often lose the space after a numeric label ("2.2Weekly Updates"), never after a letter
    # ("U.S. law" must not read as clause "U.").
    r"(?:(?=[ \t]|$)|(?:(?<=\d)|(?<=\d\.))(?=[A-Z]))"
)
_ATTACHMENT = re.compile(
    r"^(?:SCHEDULE|Schedule|EXHIBIT|Exhibit|ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment)"
    r"[ \t]+(?:[A-Z]{1,3}|\d{1,3}(?:\.\d+)?)\b(?:[ \t]*[-—–:.][ \t]*\S.*|[ \t]*)$"
)
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")
# Words a title may keep in lower case ("Return and Deletion of Data").
_SMALL_WORDS = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
    "its", "our", "your", "de", "vs", "per", "upon", "under", "into", "not",
}  # fmt: skip
_MAX_HEADING_CHARS = 80
_MAX_TITLE_WORDS = 10


@dataclass
class _Heading:
    text: str
    start: int
    level: int
    until: int | None = None  # a run-in title governs its own paragraph only


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _plain(s: str) -> str:
    """Heading text as a reader sees it: no Markdown emphasis, link targets or backslash escapes
    ("1\\. [Who we are](#who)" -> "1. Who we are"), trailing punctuation or extra spaces."""
    s = _ESCAPE.sub(r"\1", _LINK.sub(r"\1", s))
    s = _EMPHASIS.sub("", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s.rstrip(" .:;-—–").strip()


def _is_title(s: str) -> bool:
    """True for a short title such as "Return and Deletion of Data" or "CAP"."""
    words = s.split()
    if not words or len(words) > _MAX_TITLE_WORDS or len(s) > _MAX_HEADING_CHARS:
        return False
    if not any(c.isalpha() for c in s) or s[0] in "\"“'(":
        return False
    if words[0].lower() in _SMALL_WORDS:
        return False  # "Article II and Section 5.4" is a reference, not a heading
    for w in words:
        core = w.strip("\"“”'’(),;:&/")
        if not core or not core[0].isalpha():
            continue
        if core.lower() in _SMALL_WORDS:
            continue
        if not core[0].isupper():
            return False
    return True


_CAPS_VERB = re.compile(r"\b(?:SHALL|WILL|MAY|MUST|IS|ARE|BE|HAS|HAVE|DOES|DO|CAN|CANNOT|AGREE|AGREES)\b")


def _is_caps_heading(s: str) -> bool:
    if len(s) > _MAX_HEADING_CHARS or s[:1] in "\"“'(" or s.endswith((",", ";")):
        return False  # cheap tests first: most lines of a contract are long body text
    if _CAPS_VERB.search(s):
        return False  # "THE SERVICES ARE PROVIDED AS IS." is a sentence in capitals, not a heading
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and len(s.split()) <= _MAX_TITLE_WORDS


def _is_setext(line: str, underline: str, markdown: bool) -> bool:
    """`line` over a row of '=' or '-'. Outside Markdown a rule under any text is common
    (signature lines, tables), so there the text must look like a title and the rule
    must be about as long as it."""
    if not underline or not _SETEXT.match(underline) or _SETEXT.match(line) or len(line) > _MAX_HEADING_CHARS:
        return False
    if markdown:
        return True
    plain = _plain(line)
    return (_is_title(plain) or _is_caps_heading(plain)) and 0.5 <= len(underline.strip()) / len(line) <= 1.5


def _number_depth(m: re.Match[str]) -> int:
    if m.group("kw"):
        kw = m.group("kw").lower()
        return 1 if kw == "article" else m.group("kwnum").count(".") + 1
    if m.group("multi"):
        return m.group("multi").count(".") + 1
    return 1


def _number_text(m: re.Match[str]) -> str:
    """The clause number as a reader quotes it: "10.", "L.3", "Section 4.2", "ARTICLE IV"."""
    if m.group("kw"):
        return f"{m.group('kw')} {m.group('kwnum')}"
    if m.group("multi"):
        return m.group("multi")
    return m.group("single") + "."


def _numbered_heading(line: str) -> tuple[str, int] | None:
    """(heading text, number depth) when `line` opens a numbered clause with a title."""
    m = _NUMBER.match(line)
    if not m:
        return None
    number, rest = _number_text(m), line[m.end() :].strip()
    plain_rest = _plain(rest)
    if not rest:
        return number, _number_depth(m)
    whole = rest.rstrip()
    # A short line on its own ("10. Limitation of Liability", "L.3. **Limits on Liability.**").
    if len(whole) <= _MAX_HEADING_CHARS and ". " not in _EMPHASIS.sub("", whole) and _is_title(plain_rest):
        return f"{number} {plain_rest}", _number_depth(m)
    # A clause that opens with its title: "6.4 Return and Deletion of Data. Within thirty ..."
    bold = re.match(r"^(\*\*|__)(.+?)\1", rest)
    head = bold.group(2) if bold else re.split(r"(?<=[.:])\s", rest, maxsplit=1)[0]
    if (
        (bold or head.endswith((".", ":")))
        and head != rest
        and (_is_title(_plain(head)) or _is_bold_title(bold))
    ):
        return f"{number} {_plain(head)}", _number_depth(m)
    return None


def _is_bold_title(bold: re.Match[str] | None) -> bool:
    """A bold lead-in is a title even in sentence case ("**Categories of data subjects**:")."""
    if bold is None:
        return False
    plain = _plain(bold.group(2))
    return bool(plain) and plain[0].isupper() and len(plain.split()) <= _MAX_TITLE_WORDS


_BOLD_LEAD = re.compile(r"^(\*\*|__)([^*_]{2,80}?)\1[ \t]*(?=\S)")
_PLAIN_LEAD = re.compile(r"^([A-Z][\w ,'’&/-]{1,60}?)[.:][ \t]+(?=[A-Z\[*_“\"])")


def _run_in_title(line: str) -> str | None:
    """ "**Minimum age.** You must be ...", "Registration. You must ...": a paragraph that opens
    with its title (Markdown only: in plain text a short first sentence is too often a sentence)."""
    bold = _BOLD_LEAD.match(line)
    if bold:
        head = _plain(bold.group(2))
        if head and head[0].isupper() and len(head.split()) <= 8 and bold.group(2).rstrip()[-1:] in ".:":
            return head
        return None
    plain = _PLAIN_LEAD.match(line)
    if plain and len(plain.group(1).split()) <= 6 and _is_title(plain.group(1)):
        return _plain(plain.group(1))
    return None


_BOLD_LINE = re.compile(r"^(\*\*|__)([^*_]{2,80}?)\1[ \t]*[:.]?$")


def _bold_line(line: str) -> str | None:
    """ "**Termination and Suspension**" on a line of its own: a heading set in bold."""
    m = _BOLD_LINE.match(line)
    if not m:
        return None
    title = _plain(m.group(2))
    return title if title and title[0].isupper() and len(title.split()) <= _MAX_TITLE_WORDS else None


def _paragraph_end(text: str, at: int) -> int:
    m = re.compile(r"\n[ \t]*\n").search(text, at)
    return m.start() if m else len(text)


def _schedule_heading(line: str) -> str | None:
    """ "Schedule 1 - Details of Processing", "**EXHIBIT A**": an attachment's title, always top level."""
    plain = _plain(line)
    if len(plain) <= _MAX_HEADING_CHARS and _ATTACHMENT.match(plain):
        return plain
    return None


def find_sections(
    text: str, *, markdown: bool = False, styled: Mapping[int, int] | None = None
) -> list[Section]:
    """Headings of `text` with their levels and the span each governs.

    `markdown` enables `#` headings; setext underlines are honoured in both formats.
    `styled` maps the offset of a line to its heading level when the source format says
    so (a DOCX paragraph in style "Heading 2"); such lines count like Markdown headings.
    Offsets point into `text` unchanged (no newline normalisation), so a heading's
    `start` is the first character of its line as written.
    """
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        lines.append((pos, raw.rstrip("\r\n")))
        pos += len(raw)

    headings: list[_Heading] = []
    # Numbered clauses nest below the last Markdown/setext heading: under "## 1. Definitions"
    # (level 2, number depth 1) clause "1.1" gets level 3.
    anchor_level, anchor_depth = 0, 0
    skip_next = False
    for i, (start, line) in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        stripped = line.strip()
        if not stripped:
            continue
        nxt = lines[i + 1][1].strip() if i + 1 < len(lines) else ""
        md_level = 0
        body = stripped
        if styled and start in styled:
            md_level = styled[start]
        elif markdown and (m := _ATX.match(stripped)):
            md_level, body = len(m.group(1)), m.group(2)
        elif _is_setext(stripped, nxt, markdown):
            md_level, body = (1 if nxt.startswith("=") else 2), stripped
            skip_next = True
        if md_level:
            numbered = _numbered_heading(body)
            heading = numbered[0] if numbered else _plain(body)
            if heading:
                anchor_level, anchor_depth = md_level, numbered[1] if numbered else 0
                headings.append(_Heading(heading, start + len(line) - len(line.lstrip()), md_level))
            continue
        numbered = _numbered_heading(stripped)
        if numbered:
            heading, depth = numbered
            if heading == _number_text(_NUMBER.match(stripped)):
                # A bare label: its title may be on the next line ("ARTICLE IV" / "LIMITATION OF
                # LIABILITY"); a bare "H." or "12." with body text after it is not a heading.
                title = _plain(nxt)
                if nxt and (_is_caps_heading(title) or (_is_title(title) and not _NUMBER.match(nxt))):
                    heading = f"{heading} {title}"
                    skip_next = True
                elif not _NUMBER.match(stripped).group("kw"):
                    continue
            level = max(1, anchor_level + depth - anchor_depth)
            headings.append(_Heading(heading, start + len(line) - len(line.lstrip()), level))
        elif schedule := _schedule_heading(stripped):
            anchor_level, anchor_depth = 1, 0
            headings.append(_Heading(schedule, start + len(line) - len(line.lstrip()), 1))
        elif _is_caps_heading(_plain(stripped)) and not _NUMBER.match(stripped):
            headings.append(
                _Heading(_plain(stripped), start + len(line) - len(line.lstrip()), anchor_level + 1)
            )
        elif markdown and (title := _bold_line(stripped)):
            headings.append(_Heading(title, start + len(line) - len(line.lstrip()), anchor_level + 1))
        elif markdown and (title := _run_in_title(stripped)):
            at = start + len(line) - len(line.lstrip())
            headings.append(_Heading(title, at, anchor_level + 1, _paragraph_end(text, at)))

    sections: list[Section] = []
    for k, h in enumerate(headings):
        end = len(text) if h.until is None else h.until
        for later in headings[k + 1 :]:
            if later.start >= end:
                break
            if later.level <= h.level:
                end = later.start
                break
        sections.append(Section(heading=h.text, level=h.level, start=h.start, end=end))
    return sections
