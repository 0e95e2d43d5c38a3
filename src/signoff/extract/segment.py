"""Clause segmentation: the text cut into the units a lawyer would quote.

A unit is one sentence, or a lead-in ending in ':' together with the numbered
sub-clauses that follow it. Inside a unit the enumerated items ("(i) ... (ii) ...",
"(a) ... (b) ...", or following lines "H.1.a. ...") are kept, so a finding can
quote the one sub-clause that carries it while its rule still sees the lead-in
("the liability of each party ... (ii) is limited to Fees paid ...").

Pure regular expressions over the text: offsets always point into the original
string, whatever its line breaks, Markdown or all-caps paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A line that starts a new block: Markdown heading/bullet/table, or a clause number
# such as "12.1", "L.3.a.", "(ii)", "a)", "ARTICLE 5", "Section 3".
_BLOCK_START = re.compile(
    r"""[ \t]*(?:
        \#{1,6}\s | [-*•+]\s | \|
      | \(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})\)\s
      | (?:[A-Z]|\d{1,3})(?:\.(?:\d{1,3}|[a-z]{1,4}|[ivx]{1,5}))+\.?\s
      | \d{1,3}\.\s
      | (?:ARTICLE|Article|SECTION|Section|SCHEDULE|Schedule|EXHIBIT|Exhibit|ANNEX|Annex)\s+[\dA-Z]
    )""",
    re.X,
)
# The list marker at the start of a block, for joining items to a lead-in.
_ITEM_BLOCK = re.compile(
    r"[ \t]*(?:\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,5})\)|(?:[A-Z]|\d{1,3})(?:\.(?:\d{1,3}|[a-z]{1,4}))+\.?"
    r"|[a-z]\.|[ivx]{1,5}\.|[-*•])\s"
)
_ABBREV = {
    "inc",
    "ltd",
    "co",
    "corp",
    "llc",
    "no",
    "nos",
    "e.g",
    "i.e",
    "etc",
    "u.s",
    "u.k",
    "sec",
    "art",
    "para",
    "v",
    "vs",
    "st",
    "mr",
    "mrs",
    "ms",
    "dr",
    "jr",
    "sr",
    "approx",
    "cf",
    "al",
    "p.l.c",
    "s.a",
    "n.v",
    "b.v",
    "a.g",
    "l.p",
    "l.l.c",
    "pty",
    "plc",
    "gmbh",
    "dept",
    "fig",
    "ref",
    "incl",
    "min",
    "max",
    "est",
    "viz",
}
_SENT_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(\[A-Z0-9])|[.!?][\"”’')\]]*(?=\s*$)")
_INLINE_MARK = re.compile(
    r"(?:(?<=\s)|(?<=^)|(?<=[:;,—–-]))\(([ivx]{1,5}|[a-zA-Z]|\d{1,2}|[IVX]{1,5})\)(?=\s)"
)
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
MAX_UNIT = 2500
# a lead-in takes up to this many listed items and characters; a bulleted list ("*   ...",
# "1.  ...") may be longer, as lists of prohibited uses are
MAX_ITEMS = 15
MAX_JOINED = 4000
MAX_BULLETS = 40
MAX_BULLETED = 12000
_BULLET = re.compile(r"[ \t]*(?:[-*•]|\d{1,2}\.(?:[ \t]{2,}|\t))[ \t]")


_NUMBER_LABEL = re.compile(r"(?:[A-Z]|\d{1,3})(?:\.(?:\d{1,3}|[a-z]{1,4}))+\.?(?=\s)")


# "1.  we believe that you have breached these Terms;": a Markdown list item (the number set off
# by two spaces) that reads on from the lead-in in lower case, unlike a numbered section
# "1. DEFINITIONS" after "agree as follows:"
_NUMBERED_ITEM = re.compile(r"[ \t]*\d{1,2}\.(?:[ \t]{2,}|\t)[a-z(]")


def _is_item_of(text: str, at: int, label: str | None) -> bool:
    """Does the block at `at` continue a list: "(a)", "i.", or a number under the lead-in's (H.1 -> H.1.a)?"""
    if _NUMBERED_ITEM.match(text, at):
        return True
    if not _ITEM_BLOCK.match(text, at):
        return False
    own = _NUMBER_LABEL.match(text, at)
    return own is None or label is None or own.group(0).startswith(label.rstrip(".") + ".")


@dataclass
class Unit:
    """A quotable stretch: a sentence, or a lead-in with its sub-clauses."""

    start: int
    end: int
    lead_end: int
    items: list[tuple[int, int]] = field(default_factory=list)
    block: tuple[int, int] = (0, 0)
    # after a run-in title ("4.2 Incident Notice. Provider will ..."): where the sentence proper
    # starts. Rules see the title; quotes, negation and values read only the sentence.
    body_start: int = -1
    listed: bool = False  # the items are lines of their own under a lead-in ending in ':'

    def __post_init__(self) -> None:
        if self.body_start < 0:
            self.body_start = self.start

    def shifted(self, by: int) -> Unit:
        """The same unit with every offset moved `by` characters (a piece's units into the whole text)."""
        return Unit(
            self.start + by,
            self.end + by,
            self.lead_end + by,
            [(s + by, e + by) for s, e in self.items],
            (self.block[0] + by, self.block[1] + by),
            self.body_start + by,
            self.listed,
        )

    def item_at(self, offset: int) -> tuple[int, int] | None:
        for s, e in self.items:
            if s <= offset < e:
                return s, e
        return None


# Page furniture between two halves of a sentence: a page number ("12", "- 12 -", "Page 3 of 9")
# or the source line a filing service stamps on each page ("Source: ACME INC, 10-K, 3/1/2011").
_PAGE_FURNITURE = re.compile(r"-?\s*\d{1,3}\s*-?|Page\s+\d+(?:\s+of\s+\d+)?|Source:\s.*", re.I)


_ATX_HEADING = re.compile(r"#{1,6}\s")


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs: runs of non-blank lines, broken where a line starts a new clause or heading.

    A blank line after a long line that stops mid-sentence is a page break or a
    wrap in a converted PDF, not the end of a paragraph, and does not break it,
    even with a page number or a filing's source line in between; nor does a line
    starting "(30) days" when the line before runs on.
    """
    out: list[tuple[int, int]] = []
    start = None
    pos = 0
    prev = ""
    blank = False
    content_end = 0  # where the last line that is not page furniture ends
    for line in text.splitlines(keepends=True):
        body = line.strip()
        line_start = pos
        pos += len(line)
        # a Markdown blockquote's empty line ('>' or '> >') separates its paragraphs like a blank line
        if not body or re.fullmatch(r"[=\-_*~ ]{3,}|(?:>\s*)+", body):
            blank = True
            if body:
                prev, content_end = "", pos
            continue
        if _PAGE_FURNITURE.fullmatch(body):
            # like a blank line, but the sentence before it may run on onto the next page
            blank = True
            continue
        # emphasis closing after the full stop ('... arbitrations.**') still ends the sentence
        runs_on = len(prev) > 60 and not re.search(r"[.:;!?\"”’')\]][*_]*$", prev)
        new_block = bool(_BLOCK_START.match(line)) or body.startswith("#")
        # a Markdown heading is a line of its own, even with no blank line under it
        after_heading = bool(_ATX_HEADING.match(prev))
        if start is not None and (
            after_heading or (blank and not (runs_on and not new_block)) or (new_block and not runs_on)
        ):
            out.append((start, _end_of(text, min(line_start, content_end))))
            start = None
        if start is None:
            start = line_start
        prev, blank, content_end = body, False, pos
    if start is not None:
        out.append((start, content_end))
    return [_trim(text, s, e) for s, e in out if text[s:e].strip()]


def _end_of(text: str, at: int) -> int:
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


_LINE_END_SENTENCE = re.compile(r"[.;][\"”’')\]]*[ \t]*\n")


def _first_line_sentence(text: str, s: int, e: int) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """A list item ends at its first sentence that ends a line; what follows is another paragraph."""
    m = _LINE_END_SENTENCE.search(text, s, e)
    if not m or not text[m.end() : e].strip():
        return (s, e), None
    return _trim(text, s, m.end()), _trim(text, m.end(), e)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _is_abbrev(text: str, dot: int, block_start: int) -> bool:
    """Does the period at `dot` end an abbreviation or a clause number rather than a sentence?"""
    m = re.search(r"([A-Za-z0-9.]+)$", text[max(block_start, dot - 12) : dot])
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if word in _ABBREV or (len(word) == 1 and word.isalpha()):
        return True
    # a clause number at the start of the block ("1.", "H.1.a.") is a label, not a sentence
    return not text[block_start : dot - len(m.group(1))].strip() and bool(re.fullmatch(r"[\w.]{1,10}", word))


def _sentences(text: str, s: int, e: int) -> list[tuple[int, int, int]]:
    """The sentences of text[s:e] as (start, end, body start): a run-in title stays with the
    sentence it introduces, whose body starts after it."""
    out = []
    cur = s
    for m in _SENT_END.finditer(text, s, e):
        if text[m.start()] == "." and _is_abbrev(text, m.start(), s):
            continue
        end = m.end()
        if text[cur:end].strip():
            out.append(_trim(text, cur, end))
        cur = end
    if text[cur:e].strip():
        out.append(_trim(text, cur, e))
    merged: list[tuple[int, int, int]] = []
    for a, b in out:
        # a short heading ("4.2 Incident Notice.") belongs with the sentence it introduces
        if merged and _is_heading(text[merged[-1][0] : merged[-1][1]]) and merged[-1][0] == s:
            merged[-1] = (merged[-1][0], b, a)
        else:
            merged.append((a, b, a))
    out3 = []
    for a, b, body in merged:
        pieces = _split_long(text, a, b)
        out3 += [(x, y, body if x == a else x) for x, y in pieces]
    return out3


def _is_heading(t: str) -> bool:
    words = t.split()
    return len(words) <= 7 and len(t) <= 70 and not re.search(r"\b(?:shall|will|may|must|is|are)\b", t, re.I)


def _split_long(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Run-on paragraphs without full stops are cut at semicolons so a quote stays a clause."""
    if e - s <= MAX_UNIT:
        return [(s, e)]
    out, cur = [], s
    for m in re.finditer(r";\s+", text[s:e]):
        cut = s + m.end()
        if cut - cur >= 200:
            out.append(_trim(text, cur, cut))
            cur = cut
    out.append(_trim(text, cur, e))
    return out


def _next_marker(style: str, prev: str) -> str:
    if style == "roman":
        i = _ROMAN.index(prev.lower()) if prev.lower() in _ROMAN else -1
        nxt = _ROMAN[i + 1] if 0 <= i < len(_ROMAN) - 1 else ""
        return nxt.upper() if prev.isupper() else nxt
    if style == "digit":
        return str(int(prev) + 1)
    return chr(ord(prev) + 1)


def _style(marker: str) -> str | None:
    if marker.isdigit():
        return "digit" if marker == "1" else None
    if marker in ("i", "I"):
        return "roman"
    if marker in ("a", "A"):
        return "letter"
    return None


def inline_items(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Top-level enumerated sub-clauses "(a) ... (b) ..." of the sentence text[s:e]."""
    starts: list[int] = []
    style = expected = None
    for m in _INLINE_MARK.finditer(text, s, e):
        mark = m.group(1)
        if style is None:
            style = _style(mark)
            if style is None:
                continue
            starts.append(m.start())
            expected = _next_marker(style, mark)
        elif mark == expected:
            starts.append(m.start())
            expected = _next_marker(style, mark)
    if len(starts) < 2:
        return []
    bounds = [*starts, e]
    items = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        # drop the connective that joins items: "...; and", "...; or", "...,"
        seg = text[a:b]
        cut = re.search(r"(?:[;,]\s*(?:and|or|and/or)?|\s+(?:and|or))\s*$", seg)
        items.append(_trim(text, a, a + cut.start() if cut and b != e else b))
    return items


def _list_has_room(text: str, block: tuple[int, int], count: int, start: int) -> bool:
    """May the list that began at `start`, holding `count` items, take `block` as one more?"""
    bulleted = _BULLET.match(text, block[0]) is not None
    return count < (MAX_BULLETS if bulleted else MAX_ITEMS) and block[1] - start <= (
        MAX_BULLETED if bulleted else MAX_JOINED
    )


def segment(text: str) -> list[Unit]:
    """Cut `text` into units, in order, with their sub-clauses."""
    blocks = _blocks(text)
    units: list[Unit] = []
    i = 0
    while i < len(blocks):
        bs, be = blocks[i]
        sents = _sentences(text, bs, be)
        for k, (s, e, body) in enumerate(sents):
            last = k == len(sents) - 1
            if last and text[e - 1] == ":" and i + 1 < len(blocks):
                # a lead-in followed by numbered lines: the lines are its items
                j = i + 1
                items = []
                label = _NUMBER_LABEL.match(text, bs)
                while (
                    j < len(blocks)
                    and _is_item_of(text, blocks[j][0], label.group(0) if label else None)
                    and _list_has_room(text, blocks[j], len(items), s)
                ):
                    item, rest = _first_line_sentence(text, *blocks[j])
                    items.append(item)
                    j += 1
                    if rest:
                        # text after the item's sentence that ends a line (PDFs have no blank lines)
                        # is a paragraph of its own and ends the list
                        blocks.insert(j, rest)
                        break
                if items:
                    units.append(Unit(s, items[-1][1], e, items, (bs, items[-1][1]), body, listed=True))
                    i = j - 1
                    continue
            items = inline_items(text, s, e)
            units.append(Unit(s, e, items[0][0] if items else e, items, (bs, be), body))
        i += 1
    return units


PIECE_CHARS = 1_000_000
# where to cut, best first: a paragraph break, a line break, a sentence end, a space
_CUTS = ("\n\n", "\n", ". ", " ")


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of the stretches a long text is analysed in, about `size` characters each.

    The spaCy pipeline holds several times a text's size in memory; taken a piece at a time,
    a 50 MB contract needs what a 1 MB one does, plus the findings. A piece ends at the last
    paragraph break of its second half (else a line break, a sentence end, a space), so a
    clause is cut only when nothing of the kind occurs for half a million characters.
    """
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        for mark in _CUTS:
            at = text.rfind(mark, start + size // 2, end)
            if at >= 0:
                end = at + len(mark)
                break
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out
