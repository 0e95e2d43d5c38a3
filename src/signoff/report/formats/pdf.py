"""PDF: the DOCX converted by LibreOffice, with the report attached as `signoff-report.json`.

LibreOffice stamps the conversion time, a checksum over it and a random file id (pdfium
another id when it attaches the snapshot); all are overwritten in place (same length,
so the cross-reference offsets stay valid): the time with the snapshot date, the
checksum with an id derived from the fingerprint, and the file id with the SHA-256 of
the whole file (taken with the id zeroed), so that any byte changed afterwards shows.
The bytes are usually identical across runs, but not always: under CPU load LibreOffice
7.4 may number the embedded fonts in another order. So verify compares what a reader
sees (`pdf_pages`) with a fresh rendering, not bytes; the DOCX is the byte-reproducible twin.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from signoff.errors import SignoffError
from signoff.report.formats import Renderer, parse_report
from signoff.report.formats.docx import DocxRenderer
from signoff.report.formats.docx_layout import header_text
from signoff.report.snapshot import Report, canonical_json

if TYPE_CHECKING:
    from signoff.report.formats.pdf_pages import PdfView

ATTACHMENT = "signoff-report.json"
NOT_INSTALLED = (
    "PDF needs LibreOffice, which is not installed: install it (`apt-get install libreoffice-writer`, "
    "`brew install --cask libreoffice`, or from libreoffice.org) or use --format docx or --format html"
)
VERIFY_NEEDS_LIBREOFFICE = (
    "comparing a PDF's pages with a fresh rendering of its report needs LibreOffice, which is not "
    "installed: install it (e.g. `apt-get install libreoffice-writer`), or verify the DOCX made with it"
)
_ID = re.compile(rb"/ID\s*\[\s*<[0-9A-F]{32}>\s*<[0-9A-F]{32}>\s*\]")
_HEX32 = re.compile(rb"<[0-9A-F]{32}>")
_PAGE_FURNITURE = re.compile(r"Fingerprint[0-9a-f]{64}Page\d+of\d+")
# Whitespace and hyphens are layout: LibreOffice wraps lines, and pdfium reports a hyphen
# where a line was broken as U+FFFE or U+0002; U+200B marks where an id may wrap.
_LAYOUT = re.compile("[\\s\u200b\u00ad\ufffe\x02-]+")


def squash(text: str) -> str:
    return _LAYOUT.sub("", text)


def libreoffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def _convert(docx: bytes) -> bytes:
    exe = libreoffice()
    if exe is None:
        raise SignoffError(NOT_INSTALLED)
    with tempfile.TemporaryDirectory(prefix="signoff-pdf-") as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(docx)
        # A private profile: a LibreOffice already open on the desktop would otherwise swallow the job.
        profile = Path(tmp, "profile").as_uri()
        cmd = [
            exe,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(src),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=180, check=False)
        except subprocess.TimeoutExpired:
            raise SignoffError(
                "LibreOffice took over 3 minutes to convert the report; try --format docx"
            ) from None
        out = Path(tmp) / "report.pdf"
        if not out.is_file():
            raise SignoffError("LibreOffice did not produce a PDF; try --format docx and convert it by hand")
        return out.read_bytes()


def _pin(pdf: bytes, report: Report) -> bytes:
    """Replace conversion time and random id with values from the report, keeping byte offsets."""
    date = report.snapshot.date.replace("-", "").replace(":", "").replace("T", "")[:14]
    pdf = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:" + date.encode(), pdf)
    file_id = hashlib.sha256(report.fingerprint.encode()).hexdigest()[:32].upper().encode()
    pdf = re.sub(rb"/DocChecksum ?/[0-9A-F]{32}", lambda m: m.group(0)[:-32] + file_id, pdf)
    return _ID.sub(lambda m: re.sub(rb"<[0-9A-F]{32}>", b"<" + file_id + b">", m.group(0)), pdf)


def _seal(pdf: bytes) -> bytes:
    """`pdf` with its file id set to the SHA-256 of its bytes taken with the id zeroed (unchanged
    when it has not exactly one id)."""
    ids = list(_ID.finditer(pdf))
    if len(ids) != 1:
        return pdf
    m = ids[0]
    zero = b"<" + b"0" * 32 + b">"
    zeroed = pdf[: m.start()] + _HEX32.sub(zero, m.group(0)) + pdf[m.end() :]
    digest = hashlib.sha256(zeroed).hexdigest().upper().encode()
    halves = iter((b"<" + digest[:32] + b">", b"<" + digest[32:] + b">"))
    return pdf[: m.start()] + _HEX32.sub(lambda _: next(halves), m.group(0)) + pdf[m.end() :]


_VIEWS: dict[str, PdfView] = {}


def _fresh_view(fresh: bytes) -> PdfView:
    """The fresh rendering's view, read once per rendering (verify compares many copies with one)."""
    from signoff.report.formats.pdf_pages import read_view

    key = hashlib.sha256(fresh).hexdigest()
    if key not in _VIEWS:
        _VIEWS.clear()
        _VIEWS[key] = read_view(fresh)
    return _VIEWS[key]


def _attach(pdf: bytes, payload: bytes) -> bytes:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(pdf)
    name = (ATTACHMENT + "\0").encode("utf-16-le")
    attachment = raw.FPDFDoc_AddAttachment(doc.raw, ctypes.cast(ctypes.c_char_p(name), raw.FPDF_WIDESTRING))
    buf = ctypes.create_string_buffer(payload, len(payload))
    if not attachment or not raw.FPDFAttachment_SetFile(attachment, doc.raw, buf, len(payload)):
        raise SignoffError("could not attach the snapshot to the PDF; use --format docx")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _attachment(pdf: bytes, source: str) -> bytes | None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        doc = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as e:
        raise SignoffError(f"{source}: not a readable PDF ({e})") from None
    for i in range(raw.FPDFDoc_GetAttachmentCount(doc.raw)):
        att = raw.FPDFDoc_GetAttachment(doc.raw, i)
        name_len = raw.FPDFAttachment_GetName(att, None, 0)
        name_buf = ctypes.create_string_buffer(name_len)
        raw.FPDFAttachment_GetName(att, ctypes.cast(name_buf, ctypes.POINTER(raw.FPDF_WCHAR)), name_len)
        if name_buf.raw.decode("utf-16-le").rstrip("\0") != ATTACHMENT:
            continue
        size = ctypes.c_ulong(0)
        if not raw.FPDFAttachment_GetFile(att, None, 0, ctypes.byref(size)):
            continue
        buf = ctypes.create_string_buffer(size.value)
        raw.FPDFAttachment_GetFile(att, buf, size.value, ctypes.byref(size))
        return buf.raw
    return None


class PdfRenderer(Renderer):
    extension = "pdf"

    def render(self, report: Report, template_dir: Path | None) -> bytes:
        docx = DocxRenderer().render(report, template_dir)
        pdf = _convert(docx)
        # Never hand out a PDF that lost text in the conversion (LibreOffice has layout bugs).
        lost = docx_text_in_pdf(report, self.visible(pdf), docx)
        if lost is not None:
            raise SignoffError(
                f"LibreOffice dropped text while converting the report to PDF (near {lost[:60]!r}); "
                f"use --format docx and convert it with Word"
            )
        # pdfium writes a fresh random id when it saves, hence the second pin.
        return _seal(_pin(_attach(_pin(pdf, report), canonical_json(report)), report))

    def self_check(self, data: bytes) -> list[str]:
        ids = list(_ID.finditer(data))
        if len(ids) != 1:
            return [f"the file has {len(ids)} file identifiers where signoff writes one: it was edited after"]
        if _seal(data) != data:
            return ["the file was changed after signoff wrote it: its file identifier is not its SHA-256"]
        return []

    def compare(self, data: bytes, fresh: bytes) -> list[str]:
        import pypdfium2 as pdfium

        from signoff.report.formats.pdf_pages import differences, read_view

        try:
            have = read_view(data)
        except pdfium.PdfiumError as e:
            return [f"the file is not a readable PDF ({e})"]
        return differences(have, _fresh_view(fresh))

    def extract(self, data: bytes, source: str) -> Report:
        payload = _attachment(data, source)
        if payload is None:
            raise SignoffError(f"{source}: no embedded snapshot (attachment {ATTACHMENT}) found")
        return parse_report(payload, source)

    def visible(self, data: bytes) -> list[str]:
        """The PDF's text as one line without whitespace or hyphens, page header and footer removed.

        Layout (line wrapping, page breaks) differs between LibreOffice versions, so
        verify compares text without whitespace rather than re-converting and comparing bytes.
        """
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(data)
        text = "".join(page.get_textpage().get_text_range() for page in doc)
        return [_PAGE_FURNITURE.sub("", squash(text))]


def docx_text_in_pdf(report: Report, pdf_lines: list[str], docx: bytes | None = None) -> str | None:
    """First line of the DOCX twin's body that is missing from the PDF text, or None when all are there."""
    twin = DocxRenderer()
    lines = twin.body(docx if docx is not None else twin.render(report, None))
    banner = squash(header_text(report.snapshot))
    text = pdf_lines[0].replace(banner, "") if pdf_lines else ""
    pos = 0
    for line in lines:
        needle = squash(line)
        if not needle or needle == banner:
            continue
        after = _located(text, needle, pos)
        if after is None:
            return line
        pos = after
    return None


# A cell split over two pages is found from its first few characters on.
_MIN_PART = 3


def _located(text: str, needle: str, pos: int) -> int | None:
    """Where the text of one DOCX line ends in the PDF's text from `pos`, or None when it is not there.

    A table row may split over two pages: the PDF then holds the first part of each of its cells,
    the page footer, header and repeated table header, then the rest of each cell. Such a cell is
    found as its first part and, further on, the rest; the next cell is looked for after its first
    part. The earliest match wins, so a later row with the same text is not taken for this one.
    """
    found = text.find(needle, pos)
    best = (found, len(needle)) if found >= 0 else None
    for k in range(len(needle) - 1, _MIN_PART - 1, -1):
        head = text.find(needle[:k], pos)
        if head < 0 or (best is not None and head >= best[0]):
            continue
        if text.find(needle[k:], head + k) >= 0:
            best = (head, k)
    return None if best is None else best[0] + best[1]
