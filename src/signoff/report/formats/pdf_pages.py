"""What a PDF reader shows, read by pdfium, to compare a PDF with a fresh rendering of its report.

For the document: page count, outline, properties, attachments, scripts and form
fields. For each page: its size, every object it draws (text with its font, size,
colour and render mode; shapes with their points and colours; images with their
data), its annotations, the embedded font programs, and the page as a bitmap, which
catches whatever the object list leaves out (clipping, blending, transparency).
Object numbers and byte layout are not compared: LibreOffice may number the embedded
fonts differently from one run to the next.
"""

from __future__ import annotations

import ctypes
import difflib
import hashlib
from typing import Any

from pydantic import BaseModel, Field

from signoff.report.formats import CannotCompare

_SCALE = 1.0  # 72 dpi; a glyph edited too finely to show at this size still changes its font's bytes
_PROPERTIES = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate")


class Drawn(BaseModel):
    """One thing on a page: `key` is compared exactly, `words` says what it is to a person."""

    key: str
    words: str


class PageView(BaseModel):
    size: str
    drawn: list[Drawn]
    bitmap: bytes
    row_bytes: int
    pixel_bytes: int


class PdfView(BaseModel):
    producer: str
    fonts: dict[str, set[str]] = Field(description="base font name -> digests of its embedded programs")
    facts: list[Drawn]
    pages: list[PageView]


def read_view(data: bytes) -> PdfView:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(data)
    props = doc.get_metadata_dict(skip_empty=False)
    facts = [
        Drawn(key=f"property {k}={props.get(k, '')!r}", words=f"the property {k} {props.get(k, '')!r}")
        for k in _PROPERTIES
    ]
    for b in doc.get_toc():
        dest = b.get_dest()
        index = dest.get_index() if dest is not None else None
        page = index + 1 if index is not None else None
        facts.append(
            Drawn(
                key=f"outline {b.level} {b.get_title()!r} {page}",
                words=f"the bookmark {b.get_title()!r} (page {page})",
            )
        )
    facts += [
        Drawn(
            key=f"attachment {doc.get_attachment(i).get_name()!r}",
            words=f"the attachment {doc.get_attachment(i).get_name()!r}",
        )
        for i in range(doc.count_attachments())
    ]
    scripts = raw.FPDFDoc_GetJavaScriptActionCount(doc.raw)
    facts.append(Drawn(key=f"scripts {scripts}", words=f"{scripts} script(s)"))
    facts.append(Drawn(key=f"forms {doc.get_formtype()}", words=f"form type {doc.get_formtype()}"))
    fonts: dict[int, tuple[str, str]] = {}
    pages = [_page(page, fonts) for page in doc]
    programs: dict[str, set[str]] = {}
    for name, digest in fonts.values():
        programs.setdefault(name, set()).add(digest)
    return PdfView(producer=str(props.get("Producer", "")), fonts=programs, facts=facts, pages=pages)


def differences(have: PdfView, want: PdfView) -> list[str]:
    """What the document shows that a fresh rendering does not, first difference per page."""
    if have.producer != want.producer:
        raise CannotCompare(
            f"the document was made by {have.producer or 'an unnamed program'}, and this machine renders "
            f"with {want.producer}: layouts differ between versions; verify it where "
            f"{have.producer or 'that program'} is installed, or verify the DOCX made with it"
        )
    if missing := want.fonts.keys() - have.fonts.keys():
        raise CannotCompare(
            f"this machine lays the document out with fonts it does not use ({', '.join(sorted(missing))}): "
            f"verify it on a machine with the fonts of the one that made it, or verify the DOCX made with it"
        )
    out = [f"the document {d}" for d in _first_difference(have.facts, want.facts)]
    if len(have.pages) != len(want.pages):
        out.append(
            f"the document has {len(have.pages)} pages, a fresh rendering of its report {len(want.pages)}"
        )
    differing = []
    for n, (h, w) in enumerate(zip(have.pages, want.pages, strict=False), 1):
        found = _page_difference(h, w)
        if found:
            differing.append(n)
            if len(differing) == 1:
                out.append(f"page {n} {found}")
    if len(differing) > 1:
        out.append(f"pages {', '.join(map(str, differing[1:]))} also differ from a fresh rendering")
    # Glyph outlines can be edited without moving a character: the font programs must match too.
    out += [
        f"the document embeds the font {name} with other glyphs than a fresh rendering of its report"
        for name in sorted(have.fonts.keys() & want.fonts.keys())
        if have.fonts[name] != want.fonts[name]
    ]
    return out


def _page_difference(have: PageView, want: PageView) -> str | None:
    if have.size != want.size:
        return f"is {have.size} where a fresh rendering's is {want.size}"
    for d in _first_difference(have.drawn, want.drawn):
        return d
    if have.bitmap == want.bitmap:
        return None
    rows = [
        y
        for y in range(len(have.bitmap) // have.row_bytes)
        if have.bitmap[y * have.row_bytes : (y + 1) * have.row_bytes]
        != want.bitmap[y * want.row_bytes : (y + 1) * want.row_bytes]
    ]
    cols = [x for y in rows for x in _differing_columns(have, want, y)]
    return (
        f"looks different from a fresh rendering of its report in the area x {min(cols) / _SCALE:.0f}-"
        f"{max(cols) / _SCALE:.0f}, y {rows[0] / _SCALE:.0f}-{rows[-1] / _SCALE:.0f} pt from the top"
    )


def _differing_columns(have: PageView, want: PageView, y: int) -> list[int]:
    a = have.bitmap[y * have.row_bytes : (y + 1) * have.row_bytes]
    b = want.bitmap[y * want.row_bytes : (y + 1) * want.row_bytes]
    diff = [i for i in range(min(len(a), len(b))) if a[i] != b[i]]
    return [diff[0] // have.pixel_bytes, diff[-1] // have.pixel_bytes] if diff else []


def _first_difference(have: list[Drawn], want: list[Drawn]) -> list[str]:
    matcher = difflib.SequenceMatcher(None, [d.key for d in have], [d.key for d in want], autojunk=False)
    for op, i1, _i2, j1, _j2 in matcher.get_opcodes():
        if op == "delete":
            return [f"has {have[i1].words} that a fresh rendering of its report does not"]
        if op == "insert":
            return [f"lacks {want[j1].words}, which a fresh rendering of its report has"]
        if op == "replace" and have[i1].words == want[j1].words:
            return [f"draws {have[i1].words} otherwise than a fresh rendering of its report (size or shape)"]
        if op == "replace":
            return [f"shows {have[i1].words} where a fresh rendering of its report shows {want[j1].words}"]
    return []


def _page(page: Any, fonts: dict[int, tuple[str, str]]) -> PageView:
    width, height = page.get_size()
    textpage = page.get_textpage()
    drawn = [_object(obj, textpage, height, fonts) for obj in page.get_objects(max_depth=8)]
    drawn += _annotations(page, height)
    size = f"{width:.1f} x {height:.1f} pt, rotated {page.get_rotation()}"
    bitmap = page.render(scale=_SCALE, draw_annots=True, may_draw_forms=True)
    return PageView(
        size=size,
        drawn=drawn,
        bitmap=bytes(bitmap.buffer),
        row_bytes=bitmap.stride,
        pixel_bytes=bitmap.n_channels,
    )


def _object(obj: Any, textpage: Any, height: float, fonts: dict[int, tuple[str, str]]) -> Drawn:
    import pypdfium2.raw as raw

    left, bottom, right, top = obj.get_bounds()
    where = f"at x {left:.0f}-{right:.0f}, y {height - top:.0f}-{height - bottom:.0f} pt from the top"
    fill, stroke = _colour(raw.FPDFPageObj_GetFillColor, obj), _colour(raw.FPDFPageObj_GetStrokeColor, obj)
    matrix = ",".join(f"{v:.2f}" for v in obj.get_matrix().get())
    base = (
        f"{obj.level} {obj.type} [{left:.2f},{bottom:.2f},{right:.2f},{top:.2f}] m{matrix} f{fill} s{stroke}"
    )
    if obj.type == raw.FPDF_PAGEOBJ_TEXT:
        text = _text(obj, textpage)
        font = _font(obj, fonts)
        size = ctypes.c_float(0)
        raw.FPDFTextObj_GetFontSize(obj.raw, ctypes.byref(size))
        mode = raw.FPDFTextObj_GetTextRenderMode(obj.raw)
        hidden = ", invisible" if mode == raw.FPDF_TEXTRENDERMODE_INVISIBLE else ""
        key = f"{base} text {text!r} {font} {size.value:.2f} mode{mode}"
        return Drawn(key=key, words=f"the text {text[:60]!r} ({font}, {_named(fill)}{hidden}) {where}")
    if obj.type == raw.FPDF_PAGEOBJ_PATH:
        key = f"{base} path {_path(obj)}"
        return Drawn(key=key, words=f"a shape (fill {_named(fill)}, line {_named(stroke)}) {where}")
    if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
        return Drawn(key=f"{base} image {_image_digest(obj)}", words=f"an image {where}")
    return Drawn(key=f"{base} kind{obj.type}", words=f"a drawing object (kind {obj.type}) {where}")


def _annotations(page: Any, height: float) -> list[Drawn]:
    import pypdfium2.raw as raw

    out = []
    for i in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annot = raw.FPDFPage_GetAnnot(page.raw, i)
        try:
            rect = raw.FS_RECTF()
            raw.FPDFAnnot_GetRect(annot, ctypes.byref(rect))
            subtype, flags = raw.FPDFAnnot_GetSubtype(annot), raw.FPDFAnnot_GetFlags(annot)
            contents = _annot_text(annot, "Contents")
            box = f"[{rect.left:.2f},{rect.bottom:.2f},{rect.right:.2f},{rect.top:.2f}]"
            key = f"annot {subtype} {flags} {box} {contents!r}"
            where = f"at x {rect.left:.0f}-{rect.right:.0f}, y {height - rect.top:.0f} pt from the top"
            out.append(Drawn(key=key, words=f"an annotation (kind {subtype}) {where}"))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return out


def _colour(getter: Any, obj: Any) -> str:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj.raw, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return "none"
    return f"#{r.value:02x}{g.value:02x}{b.value:02x}{a.value:02x}"


def _named(colour: str) -> str:
    return {"#ffffffff": "white", "#000000ff": "black", "none": "none"}.get(colour, colour)


def _text(obj: Any, textpage: Any) -> str:
    import pypdfium2.raw as raw

    n = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buf = ctypes.create_string_buffer(n)
    raw.FPDFTextObj_GetText(obj.raw, textpage.raw, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), n)
    return buf.raw.decode("utf-16-le", errors="replace").rstrip("\0")


def _font(obj: Any, fonts: dict[int, tuple[str, str]]) -> str:
    """The base font name without its subset tag; `fonts` collects (name, digest of the embedded
    program) once per font."""
    import pypdfium2.raw as raw

    font = raw.FPDFTextObj_GetFont(obj.raw)
    if not font:
        return "no font"
    address = ctypes.cast(font, ctypes.c_void_p).value or 0
    if address not in fonts:
        n = raw.FPDFFont_GetBaseFontName(font, None, 0)
        name = ctypes.create_string_buffer(n)
        raw.FPDFFont_GetBaseFontName(font, name, n)
        size = ctypes.c_size_t(0)
        raw.FPDFFont_GetFontData(font, None, 0, ctypes.byref(size))
        program = ctypes.create_string_buffer(size.value)
        raw.FPDFFont_GetFontData(
            font, ctypes.cast(program, ctypes.POINTER(ctypes.c_ubyte)), size.value, ctypes.byref(size)
        )
        base = name.value.decode("latin-1").split("+", 1)[-1]
        fonts[address] = (base, hashlib.sha256(program.raw).hexdigest()[:16])
    return fonts[address][0]


def _path(obj: Any) -> str:
    import pypdfium2.raw as raw

    fill_mode, stroked = ctypes.c_int(0), ctypes.c_int(0)
    raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill_mode), ctypes.byref(stroked))
    width = ctypes.c_float(0)
    raw.FPDFPageObj_GetStrokeWidth(obj.raw, ctypes.byref(width))
    points = []
    for i in range(raw.FPDFPath_CountSegments(obj.raw)):
        seg = raw.FPDFPath_GetPathSegment(obj.raw, i)
        x, y = ctypes.c_float(0), ctypes.c_float(0)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        close = "z" if raw.FPDFPathSegment_GetClose(seg) else ""
        points.append(f"{raw.FPDFPathSegment_GetType(seg)}:{x.value:.2f},{y.value:.2f}{close}")
    return f"fill{fill_mode.value} stroke{stroked.value} w{width.value:.2f} " + " ".join(points)


def _image_digest(obj: Any) -> str:
    import pypdfium2.raw as raw

    n = raw.FPDFImageObj_GetImageDataRaw(obj.raw, None, 0)
    buf = ctypes.create_string_buffer(n)
    raw.FPDFImageObj_GetImageDataRaw(obj.raw, ctypes.cast(buf, ctypes.c_void_p), n)
    return hashlib.sha256(buf.raw).hexdigest()[:16]


def _annot_text(annot: Any, key: str) -> str:
    import pypdfium2.raw as raw

    n = raw.FPDFAnnot_GetStringValue(annot, key.encode(), None, 0)
    buf = ctypes.create_string_buffer(n)
    raw.FPDFAnnot_GetStringValue(annot, key.encode(), ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), n)
    return buf.raw.decode("utf-16-le", errors="replace").rstrip("\0")
