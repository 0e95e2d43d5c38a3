"""Reading the DOCX or PDF twin of a gold document the way `gold_score.py --variant` does.

Predictions made on a DOCX or PDF quote text as that format's reader saw it, so quotes
are compared on a skeleton: the characters every format keeps (compatibility forms,
case and accents folded, quote marks unified; whitespace, hyphens, dashes, bullets and
markup characters dropped). Gold quotes are written in Markdown and lose their markup
first. The reference text comes from pandoc (docx) or `pdftotext -raw` (pdf).
"""

from __future__ import annotations

import bisect
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

from signoff.errors import InputFileError, SignoffError
from signoff.evaluate.common import Span, locate

# Markdown constructs in gold quotes whose characters a DOCX or PDF reader never sees.
MARKDOWN = [
    (re.compile(r"!\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)"), r"\1"),  # image: its alt text
    (re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)"), r"\1"),  # link: its text
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolink
    (re.compile(r"<br\s*/?>", re.I), " "),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # other inline HTML
    (re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M), ""),  # heading marks
    (re.compile(r"^[ \t]*(?:[=-]{3,}|(?:\*[ \t]*){3,})$", re.M), ""),  # setext underline, rule
    (re.compile(r"^[ \t>]*[*+-][ \t]+", re.M), ""),  # bullets, block quotes
    (re.compile(r"\*\*|__|`"), ""),  # strong, code
    (re.compile(r"(?<![\w*\\])([*_])(?=\S)(.+?)(?<=\S)\1(?!\w)"), r"\2"),  # *em*, _em_
    (re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1"),  # backslash escapes
    (re.compile(r"[ \t]*\|[ \t]*"), " "),  # table cell borders
]
QUOTE_MARKS = {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4"}
QUOTE_MARKS.update({c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"})
# Dropped from every side: hyphens and dashes (so a word broken at a line end reads like
# the unbroken one), list bullets, and characters that are markup in one format only.
DROPPED = set(
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2022\u25e6\u25aa\u25ab\u2023\u2219\u25cf\u25cb\u25a0\u25a1*_`#|~"
)
GRID_BORDER = re.compile(r"^[ \t]*\+[-=:+]*\+[ \t]*$", re.M)  # pandoc's plain text draws tables
# how each twin is read; the file goes where "{}" stands
TOOLS = {
    "docx": ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", "{}"],
    "pdf": ["pdftotext", "-raw", "-enc", "UTF-8", "{}", "-"],
}


def strip_markdown(quote: str) -> str:
    for rx, repl in MARKDOWN:
        quote = rx.sub(repl, quote)
    return quote


def skeleton(text: str) -> tuple[str, list[int]]:
    """`text` reduced to what every format keeps, and for each kept character its offset in `text`."""
    out: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKD", QUOTE_MARKS.get(ch, ch)).casefold():
            c = QUOTE_MARKS.get(c, c)
            if c.isspace() or c in DROPPED or unicodedata.category(c) in ("Mn", "Cf", "Cc"):
                continue
            out.append(c)
            pos.append(i)
    return "".join(out), pos


def split_pages(raw: str) -> tuple[str, list[int]]:
    """pdftotext output as one text with form feeds between pages, and each page's start."""
    pages = raw.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page, the last one too, with a form feed
    starts, at = [], 0
    for p in pages:
        starts.append(at)
        at += len(p) + 1
    return "\f".join(pages), starts


def require_tool(variant: str) -> None:
    """Fail early, before any analysis, when the reader a twin variant needs is missing."""
    tool = TOOLS[variant][0]
    if not shutil.which(tool):
        raise SignoffError(
            f"{tool} is needed to score --variant {variant} and is not on PATH "
            "(install it: apt-get install -y pandoc poppler-utils)"
        )


def _run(variant: str, path: Path) -> str:
    require_tool(variant)
    cmd = [str(path) if a == "{}" else a for a in TOOLS[variant]]
    r = subprocess.run(cmd, capture_output=True)
    if r.returncode:
        err = r.stderr.decode(errors="replace").strip().splitlines()
        raise InputFileError(f"{path}: {cmd[0]} could not read it ({err[-1][:200] if err else r.returncode})")
    return r.stdout.decode("utf-8", errors="replace")


class Verbatim:
    """The annotated Markdown document itself: quotes are found as written (whitespace
    aside), with no reduction and no pages."""

    def __init__(self, text: str, name: str):
        self.text, self.name = text, name

    def locate(self, quote: str | None, markdown: bool = False) -> Span | None:
        return locate(self.text, quote)

    def page(self, loc: Span) -> None:
        return None


class Reference:
    """The text of a DOCX or PDF twin as the scorer reads it, with its pages (PDF only)."""

    def __init__(self, text: str, page_starts: list[int] | None, name: str = ""):
        self.text, self.page_starts, self.name = text, page_starts, name
        self.skel, self.pos = skeleton(text)

    @classmethod
    def read(cls, path: Path, variant: str) -> Reference:
        path = Path(path)
        if not path.is_file():
            raise InputFileError(
                f"{path}: not found; --variant {variant} needs the {variant} twin of each gold document"
            )
        if variant == "pdf":
            return cls(*split_pages(_run("pdf", path)), name=path.name)
        return cls(GRID_BORDER.sub("", _run("docx", path)), None, name=path.name)

    def locate(self, quote: str | None, markdown: bool = False) -> Span | None:
        """(start, end) of the first occurrence of `quote`, in skeleton offsets; None if absent."""
        s = skeleton(strip_markdown(quote) if markdown else quote)[0] if quote else ""
        i = self.skel.find(s) if s else -1
        return (i, i + len(s)) if i >= 0 else None

    def page(self, loc: Span) -> int | None:
        """1-based page on which a located quote starts; None for formats without pages."""
        if self.page_starts is None:
            return None
        return bisect.bisect_right(self.page_starts, self.pos[loc[0]])
