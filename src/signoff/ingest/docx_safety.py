"""Checks on a .docx (a ZIP of XML parts) before any XML parser sees it.

- Zip bombs: the declared uncompressed total and the compression ratio are capped, and
  each part is then read in chunks and counted, so a member that lies about its size
  is caught too.
- XML external entities: a DOCTYPE or ENTITY declaration in any part is refused outright
  (Word never writes one), so nothing is ever resolved or fetched.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from signoff.errors import InputFileError

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100  # Word documents compress about 3-10x; 100x only happens on purpose
_CHUNK = 1 << 16
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")


def _bomb(path: str, detail: str) -> InputFileError:
    return InputFileError(
        f"{path}: refused as a possible zip bomb ({detail}); open it in Word and save a clean copy"
    )


def read_docx_parts(data: bytes, path: str) -> dict[str, bytes]:
    """The XML parts of the .docx (name -> bytes), after the checks above."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputFileError(
            f"{path}: the .docx is corrupt or truncated (not a readable ZIP); save or download it again"
        ) from None
    with zf:
        infos = zf.infolist()
        names = {i.filename for i in infos}
        if "word/document.xml" not in names:
            raise InputFileError(
                f"{path}: this ZIP has no word/document.xml, so it is not a Word .docx; "
                "export the contract from Word as .docx or PDF"
            )
        declared = sum(i.file_size for i in infos)
        if declared > MAX_UNCOMPRESSED:
            raise _bomb(path, f"{declared:,} bytes uncompressed, limit {MAX_UNCOMPRESSED:,}")
        compressed = max(sum(i.compress_size for i in infos), 1)
        if declared / compressed > MAX_RATIO:
            raise _bomb(path, f"compression ratio {declared // compressed}:1, limit {MAX_RATIO}:1")
        parts: dict[str, bytes] = {}
        total = 0
        for info in infos:
            # media and fonts are never parsed, but python-docx loads every part: each one is
            # read here once so a bad checksum is reported by name, not as a traceback later
            keep = info.filename.endswith((".xml", ".rels"))
            chunks = []
            try:
                with zf.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        total += len(chunk)
                        if total > MAX_UNCOMPRESSED:
                            raise _bomb(path, f"parts expand past {MAX_UNCOMPRESSED:,} bytes")
                        if keep:
                            chunks.append(chunk)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
                raise InputFileError(
                    f"{path}: part {info.filename} of the .docx is corrupt; save or download it again"
                ) from None
            if not keep:
                continue
            body = b"".join(chunks)
            # Word writes UTF-8; a UTF-16 part is checked in its own encoding so it cannot hide a DOCTYPE.
            text = (
                body.decode("utf-16", "replace").encode() if body[:2] in (b"\xff\xfe", b"\xfe\xff") else body
            )
            upper = text.upper()
            if any(marker in upper for marker in _FORBIDDEN):
                raise InputFileError(
                    f"{path}: refused because {info.filename} declares a DOCTYPE/ENTITY (external entities "
                    "are never resolved); open it in Word and save a clean copy"
                )
            parts[info.filename] = body
    return parts
