"""Checks made before any parser sees a file: it exists, has a supported type, a sane size,
and content that matches its extension (judged by magic bytes, not by the name alone)."""

from __future__ import annotations

from pathlib import Path

from signoff.errors import InputFileError

_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".heic", ".webp"}
_MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (such as .docx)"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc (OLE) file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)


def sniff(data: bytes) -> str | None:
    """What the first bytes say the file is, or None for text-like content."""
    head = data[:1024]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    # PDF writers may put junk before the header; readers accept it within the first KiB.
    if b"%PDF-" in head:
        return "a PDF"
    if b"\x00" in head:
        return "a binary file"
    return None


def read_checked(path: Path, shown: str, max_bytes: int) -> tuple[bytes, str]:
    """The file's bytes and its format ('pdf', 'docx', 'md', 'txt'), or an InputFileError."""
    from signoff.ingest import SUPPORTED, SUPPORTED_HINT

    if not path.exists():
        raise InputFileError(f"{shown}: no such file; check the path (signoff reads {SUPPORTED_HINT})")
    if path.is_dir():
        raise InputFileError(
            f"{shown}: is a directory; give one contract file inside it, e.g. {shown}/contract.pdf"
        )
    suffix = path.suffix.lower()
    fmt = SUPPORTED.get(suffix)
    if fmt is None:
        kind = f"'{suffix}' files" if suffix else "files without an extension"
        advice = ""
        if suffix in {".doc", ".rtf", ".pages", ".odt"}:
            advice = " (save it as .docx or PDF from its editor)"
        elif suffix in _IMAGE_SUFFIXES:
            advice = " (a picture of text: run OCR to make a searchable PDF)"
        raise InputFileError(f"{shown}: {kind} are not supported{advice}; use {SUPPORTED_HINT}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputFileError(
                f"{shown}: {size:,} bytes is over the {max_bytes:,}-byte limit; split the file "
                "or raise the limit with SIGNOFF_MAX_BYTES"
            )
        data = path.read_bytes()
    except PermissionError:
        raise InputFileError(f"{shown}: permission denied; make the file readable and try again") from None
    except OSError as e:
        raise InputFileError(
            f"{shown}: cannot be read ({e.strerror}); check the file and try again"
        ) from None
    if not data.strip():
        raise InputFileError(f"{shown}: the file is empty; export the contract again and retry")
    seen = sniff(data)
    expected = {"pdf": "a PDF", "docx": "a ZIP archive (such as .docx)"}.get(fmt)
    if seen != expected:
        said = seen or "plain text"
        raise InputFileError(
            f"{shown}: the extension says {suffix} but the content is {said}; "
            "rename it to its real type or export it again"
        )
    return data, fmt
