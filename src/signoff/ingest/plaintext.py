"""Markdown and plain-text contracts: decoded verbatim so quotes match the file exactly."""

from __future__ import annotations

import codecs

from signoff.errors import InputFileError
from signoff.ingest.sections import find_sections
from signoff.models import Document

# Tried in order after UTF-8. cp1252 covers the Word "smart quotes" that make most
# non-UTF-8 contracts fail; latin-1 decodes any byte, so loading never fails here.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")
# Byte-order marks of UTF-32 before UTF-16: the UTF-32 little-endian mark starts with UTF-16's.
BOM_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """Text of `data` and any warning about how it was decoded."""
    for bom, enc in BOM_ENCODINGS:
        if data.startswith(bom):
            return _decode_marked(data, enc, path), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        first_bad = e.start
    for enc in FALLBACK_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return text, [
            f"{path}: not valid UTF-8 (first bad byte at offset {first_bad}); decoded as {enc}, "
            "so check accented letters and quotes, or re-save the file as UTF-8"
        ]
    raise AssertionError("latin-1 decodes every byte string")


def _decode_marked(data: bytes, enc: str, path: str) -> str:
    """Text with a UTF-16/32 byte-order mark; the codec reads the mark and drops it."""
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        raise InputFileError(
            f"{path}: starts with a {enc.upper()} byte-order mark but byte {e.start} is not {enc.upper()}; "
            "re-save the file as UTF-8"
        ) from None


def build(text: str, *, path: str, fmt: str, sha256: str, size_bytes: int, warnings: list[str]) -> Document:
    return Document(
        path=path,
        format=fmt,
        text=text,
        pages=[],
        sections=find_sections(text, markdown=fmt == "md"),
        sha256=sha256,
        size_bytes=size_bytes,
        warnings=warnings,
    )
