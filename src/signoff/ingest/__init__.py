"""Ingestion: a contract file in, a `Document` out (plain text with page and section spans).

    from signoff.ingest import load
    doc = load("contracts/vendor.pdf")
    doc.text[f.start:f.end], doc.page_at(f.start), doc.section_at(f.start)

Every problem with the input raises `signoff.errors.InputFileError` with a one-line
message that names the file and says what to do.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from signoff.errors import InputFileError
from signoff.ingest.sections import find_sections
from signoff.models import Document

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED", "find_sections", "load", "load_text", "max_bytes_from_env"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
SUPPORTED = {".pdf": "pdf", ".docx": "docx", ".md": "md", ".markdown": "md", ".txt": "txt"}
SUPPORTED_HINT = "PDF (.pdf), Word (.docx), Markdown (.md) or plain text (.txt)"


def max_bytes_from_env() -> int:
    """The size limit: SIGNOFF_MAX_BYTES when set (bytes), else 50 MiB."""
    raw = os.environ.get("SIGNOFF_MAX_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise InputFileError(
            f"SIGNOFF_MAX_BYTES={raw!r} is not a whole number of bytes; set it to e.g. 104857600 or unset it"
        ) from None
    if value <= 0:
        raise InputFileError(
            f"SIGNOFF_MAX_BYTES={raw!r} must be positive; set it to e.g. 104857600 or unset it"
        )
    return value


def load(
    path: str | os.PathLike[str],
    *,
    password: str | None = None,
    max_bytes: int | None = None,
    layout: bool = False,
    within: str | os.PathLike[str] | None = None,
) -> Document:
    """Read a contract file (.pdf, .docx, .md, .txt) into a `Document`.

    `password` opens an encrypted PDF. `max_bytes` caps the file size (default
    SIGNOFF_MAX_BYTES or 50 MiB) so a huge upload fails fast with a clear message.
    `layout` (PDF only; other formats ignore it) runs a slower pdfplumber pass, about 8
    pages/s, that adds headings shown only by font (bold or larger lines, e.g. an unnumbered
    title) to `sections`; the text and every offset stay exactly as without it.
    `within` is the folder being analysed: a symlink is read only when it points to a regular
    file inside it (default: inside the folder of `path` itself).
    """
    from signoff.ingest.checks import read_checked

    shown = str(path)
    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    data, fmt = read_checked(Path(path), shown, limit, Path(within) if within is not None else None)
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "pdf":
        from signoff.ingest.pdf import load_pdf

        return load_pdf(data, path=shown, sha256=sha, password=password, layout=layout)
    if fmt == "docx":
        from signoff.ingest.docx_loader import load_docx

        return load_docx(data, path=shown, sha256=sha)
    from signoff.ingest.plaintext import build, decode

    text, warnings = decode(data, shown)
    return build(text, path=shown, fmt=fmt, sha256=sha, size_bytes=len(data), warnings=warnings)


def load_text(text: str, path: str = "<text>", format: str = "txt") -> Document:  # noqa: A002
    """A `Document` from a string already in memory (tests, pasted text); no file is read."""
    from signoff.ingest.plaintext import build

    data = text.encode("utf-8")
    return build(
        text,
        path=path,
        fmt=format,
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
        warnings=[],
    )
