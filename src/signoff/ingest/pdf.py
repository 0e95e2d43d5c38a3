"""PDF contracts: text per page in reading order with pypdfium2.

pdfium reads about 500 pages/s here against about 8 for pdfminer (which pdfplumber
uses), so the text path never touches pdfplumber; layout work (tables, font-based
headings) can use it lazily on the few pages that need it.
"""

from __future__ import annotations

import threading

from signoff.errors import InputFileError
from signoff.ingest.sections import find_sections
from signoff.models import Document, PageSpan

_PDFIUM_LOCK = threading.Lock()
PAGE_SEPARATOR = "\n\n"
# pdfium's stand-ins and typographic variants that break matching on the extracted text.
_CHAR_MAP = {
    "\ufffe": "-",  # pdfium marks a hyphen at a line break this way
    "\x02": "-",  # the same marker in older pdfium builds
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u037e": ";",  # Greek question mark: some PDF fonts map ';' to it
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\x00": "",
}


def clean_page_text(raw: str) -> str:
    """pdfium page text as plain text: LF newlines, ASCII spaces, no ligatures or markers."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    # A few C-level scans beat str.translate, which looks up every character in Python.
    for char, replacement in _CHAR_MAP.items():
        if char in text:
            text = text.replace(char, replacement)
    return text.strip("\n")


def _open(data: bytes, path: str, password: str | None):
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as e:
        if e.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            if password is None:
                raise InputFileError(
                    f"{path}: the PDF is encrypted; give its password with --password, "
                    "or save an unprotected copy"
                ) from None
            raise InputFileError(
                f"{path}: wrong password for this encrypted PDF; check the password given with --password"
            ) from None
        if e.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputFileError(
                f"{path}: the PDF uses an unsupported security handler; save an unprotected copy and retry"
            ) from None
        raise InputFileError(
            f"{path}: the PDF is corrupt or truncated and cannot be read; export or download it again"
        ) from None


def _has_images(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return next(iter(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))), None) is not None


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def _page_texts(data: bytes, path: str, password: str | None) -> tuple[list[str], list[int]]:
    """Clean text of every page, and the numbers of pages that hold only images."""
    import pypdfium2 as pdfium

    pdf = _open(data, path, password)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise InputFileError(f"{path}: the PDF has no pages; export the contract again")
        texts: list[str] = []
        image_only: list[int] = []
        for i in range(n_pages):
            try:
                page = pdf[i]
                textpage = page.get_textpage()
                text = clean_page_text(textpage.get_text_range())
                if not text.strip() and _has_images(page):
                    image_only.append(i + 1)
                textpage.close()
                page.close()
            except pdfium.PdfiumError:
                raise InputFileError(
                    f"{path}: page {i + 1} of the PDF is corrupt and cannot be read; "
                    "export or download it again"
                ) from None
            texts.append(text)
    finally:
        pdf.close()
    return texts, image_only


def load_pdf(
    data: bytes, *, path: str, sha256: str, password: str | None = None, layout: bool = False
) -> Document:
    """`layout` adds font-based headings from a slower pdfplumber pass (see pdf_layout.py)."""
    # PDFium is not thread-safe and the TUI loads contracts in worker threads.
    with _PDFIUM_LOCK:
        texts, image_only = _page_texts(data, path, password)
    n_pages = len(texts)
    if not any(t.strip() for t in texts):
        raise InputFileError(
            f"{path}: no page has a text layer (a scan or images of text); run OCR on it "
            "(e.g. `ocrmypdf in.pdf out.pdf`) and load the result"
        )
    warnings = []
    if image_only:
        warnings.append(
            f"{path}: page(s) {_page_list(image_only)} of {n_pages} have no text layer (images only), "
            "so nothing on them is analysed; run OCR on the PDF to include them"
        )

    pages: list[PageSpan] = []
    parts: list[str] = []
    pos = 0
    for number, text in enumerate(texts, start=1):
        if parts:
            parts.append(PAGE_SEPARATOR)
            pos += len(PAGE_SEPARATOR)
        pages.append(PageSpan(number=number, start=pos, end=pos + len(text)))
        parts.append(text)
        pos += len(text)
    full = "".join(parts)
    styled: dict[int, int] | None = None
    if layout:
        from signoff.ingest.pdf_layout import font_headings

        styled = font_headings(data, password=password, full_text=full, pages=pages)
        if styled is None:
            warnings.append(
                f"{path}: the layout pass could not read the PDF's fonts, so headings come from the "
                "text alone; the text itself is unaffected"
            )
    return Document(
        path=path,
        format="pdf",
        text=full,
        pages=pages,
        sections=find_sections(full, styled=styled),
        sha256=sha256,
        size_bytes=len(data),
        warnings=warnings,
    )
