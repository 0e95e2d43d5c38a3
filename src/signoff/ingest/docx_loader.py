"""Word (.docx) contracts: paragraphs and tables in order, list numbers as Word shows them.

A .docx has no pages until Word lays it out, so `pages` stays empty (findings cite
page null). Sections come from heading styles ("Heading 2", outline levels) and from
numbered heading-like paragraphs, found by the same rules as plain text.
"""

from __future__ import annotations

import io
import re

from signoff.errors import InputFileError
from signoff.ingest.docx_numbering import Numbering, W
from signoff.ingest.docx_safety import read_docx_parts
from signoff.ingest.sections import find_sections
from signoff.models import Document

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
BLOCK_SEPARATOR = "\n\n"
_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)


class _Styles:
    """Paragraph styles by id: display name, parent, and the list numbering they carry."""

    def __init__(self, styles_el) -> None:
        self.name: dict[str, str] = {}
        self.based_on: dict[str, str] = {}
        self.num_pr: dict[str, tuple[str | None, int | None]] = {}
        self.outline: dict[str, int] = {}
        self.default: str | None = None
        for st in styles_el.iter(f"{W}style") if styles_el is not None else ():
            sid = st.get(f"{W}styleId")
            name = st.find(f"{W}name")
            self.name[sid] = name.get(f"{W}val") if name is not None else sid
            based = st.find(f"{W}basedOn")
            if based is not None:
                self.based_on[sid] = based.get(f"{W}val")
            ppr = st.find(f"{W}pPr")
            if ppr is not None:
                if (np := ppr.find(f"{W}numPr")) is not None:
                    self.num_pr[sid] = _num_pr(np)
                if (ol := ppr.find(f"{W}outlineLvl")) is not None:
                    self.outline[sid] = int(ol.get(f"{W}val"))
            if st.get(f"{W}type") == "paragraph" and st.get(f"{W}default") in ("1", "true"):
                self.default = sid

    def chain(self, sid: str | None):
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            yield sid
            sid = self.based_on.get(sid)

    def heading_level(self, sid: str | None) -> int | None:
        name = self.name.get(sid or "", "")
        if m := _HEADING_STYLE.match(name):
            return int(m.group(1))
        if name.lower() == "title":
            return 1
        for s in self.chain(sid):
            if s in self.outline and self.outline[s] < 9:
                return self.outline[s] + 1
        return None

    def numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        num_id, ilvl = None, None
        for s in self.chain(sid):
            sid_num, sid_lvl = self.num_pr.get(s, (None, None))
            num_id = num_id or sid_num
            ilvl = ilvl if ilvl is not None else sid_lvl
        return num_id, ilvl


def _num_pr(el) -> tuple[str | None, int | None]:
    num = el.find(f"{W}numId")
    lvl = el.find(f"{W}ilvl")
    return (
        num.get(f"{W}val") if num is not None else None,
        int(lvl.get(f"{W}val")) if lvl is not None else None,
    )


def _run_text(el, footnote_no) -> str:
    """Visible text under `el`: runs, tabs, breaks and footnote marks; deletions and the
    fallback copy of drawings (which repeats the text box) are skipped."""
    out: list[str] = []
    for child in el:
        tag = child.tag
        if tag == MC_FALLBACK:
            continue
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            out.append(" ")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag == f"{W}footnoteReference":
            out.append(f"[{footnote_no(child.get(f'{W}id'))}]")
        elif tag in (f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr", f"{W}instrText"):
            continue
        else:
            out.append(_run_text(child, footnote_no))
    return "".join(out)


def _parse(xml: bytes | None):
    if xml is None:
        return None
    from lxml import etree

    # The part passed the DOCTYPE/ENTITY check; the parser is locked down all the same.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return etree.fromstring(xml, parser)


def load_docx(data: bytes, *, path: str, sha256: str) -> Document:
    from lxml import etree

    parts = read_docx_parts(data, path)
    try:
        import docx

        word = docx.Document(io.BytesIO(data))
        body = word.element.body
        styles = _Styles(_parse(parts.get("word/styles.xml")))
        numbering_el = _parse(parts.get("word/numbering.xml"))
        footnotes_el = _parse(parts.get("word/footnotes.xml"))
    except (KeyError, ValueError, etree.XMLSyntaxError, docx.opc.exceptions.PackageNotFoundError):
        raise InputFileError(
            f"{path}: the .docx is corrupt (its XML cannot be read); open it in Word and save it again"
        ) from None
    style_num_ids = {sid: num for sid, (num, _) in styles.num_pr.items() if num}
    numbering = Numbering(numbering_el, style_num_ids)

    footnote_numbers: dict[str, int] = {}

    def footnote_no(fid: str) -> int:
        return footnote_numbers.setdefault(fid, len(footnote_numbers) + 1)

    blocks: list[tuple[str, int | None]] = []  # (text, heading level from the style)

    def paragraph(p) -> None:
        ppr = p.find(f"{W}pPr")
        sid = None
        own_num: tuple[str | None, int | None] = (None, None)
        if ppr is not None:
            if (ps := ppr.find(f"{W}pStyle")) is not None:
                sid = ps.get(f"{W}val")
            if (np := ppr.find(f"{W}numPr")) is not None:
                own_num = _num_pr(np)
        sid = sid or styles.default
        style_num, style_lvl = styles.numbering(sid)
        num_id = own_num[0] or style_num
        ilvl = own_num[1] if own_num[1] is not None else (style_lvl or 0)
        text = _run_text(p, footnote_no).strip()
        label, sep = numbering.label(num_id, ilvl) if num_id and num_id != "0" else ("", "")
        if text:
            blocks.append((f"{label}{sep}{text}" if label else text, styles.heading_level(sid)))

    def table(tbl) -> None:
        rows = []
        for tr in tbl.iterchildren(f"{W}tr"):
            cells = []
            for tc in tr.iterchildren(f"{W}tc"):
                cell = " ".join(t for p in tc.iter(f"{W}p") if (t := _run_text(p, footnote_no).strip()))
                if cell:
                    cells.append(cell.replace("\n", " "))
            if cells:
                rows.append(" | ".join(cells))
        if rows:
            blocks.append(("\n".join(rows), None))

    def walk(container) -> None:
        for child in container.iterchildren():
            if child.tag == f"{W}p":
                paragraph(child)
            elif child.tag == f"{W}tbl":
                table(child)
            elif child.tag == f"{W}sdt" and (content := child.find(f"{W}sdtContent")) is not None:
                walk(content)

    walk(body)
    notes = _footnotes(footnotes_el, footnote_no)
    if notes:
        blocks.append(("Footnotes", 1))
        blocks += [(n, None) for n in notes]

    parts_out: list[str] = []
    styled: dict[int, int] = {}
    pos = 0
    for text, level in blocks:
        if parts_out:
            parts_out.append(BLOCK_SEPARATOR)
            pos += len(BLOCK_SEPARATOR)
        if level:
            styled[pos] = level
        parts_out.append(text)
        pos += len(text)
    full = "".join(parts_out)
    if not full.strip():
        raise InputFileError(f"{path}: the .docx has no text; check that it is the right file")
    return Document(
        path=path,
        format="docx",
        text=full,
        pages=[],
        sections=find_sections(full, styled=styled),
        sha256=sha256,
        size_bytes=len(data),
        warnings=[],
    )


def _footnotes(footnotes_el, footnote_no) -> list[str]:
    """'[n] text' for each real footnote, in the order the body references them."""
    if footnotes_el is None:
        return []
    found: dict[int, str] = {}
    for note in footnotes_el.iterchildren(f"{W}footnote"):
        if note.get(f"{W}type") not in (None, "normal"):
            continue  # separators and continuation notices
        text = " ".join(t for p in note.iter(f"{W}p") if (t := _run_text(p, footnote_no).strip()))
        if text:
            found[footnote_no(note.get(f"{W}id"))] = text
    return [f"[{n}] {t}" for n, t in sorted(found.items())]
