"""Checks made before any parser sees a file: it exists, is a regular file (a symlink only to
one beside it), has a supported type, a sane size, and content that matches its extension
(judged by magic bytes, not by the name alone)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from signoff.errors import InputFileError

# UTF-16/32 text is full of NUL bytes; its byte-order mark says it is text all the same.
TEXT_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
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
    if b"\x00" in head and not head.startswith(TEXT_BOMS):
        return "a binary file"
    return None


def _check_regular(mode: int, shown: str) -> None:
    if not stat.S_ISREG(mode):
        raise InputFileError(f"{shown}: is {_kind(mode)}, not a regular file; give a contract file")


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a directory"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _follow_link(path: Path, shown: str, within: Path | None) -> Path:
    """The file `path` names: itself, or the target of a symlink that stays inside `within` (the
    folder being analysed; by default the named file's own folder). A link elsewhere could make
    a contract folder read /etc/passwd or /dev/zero, so it is refused with both paths named."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    folder = Path(os.path.realpath(within if within is not None else path.parent))
    if not target.is_relative_to(folder):
        raise InputFileError(
            f"{shown}: is a link to {target}, outside {folder}; copy the contract into the folder instead"
        )
    return target


def _read_regular(path: Path, shown: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, read without ever blocking: a FIFO or a device is refused
    from its stat, and O_NONBLOCK keeps a pipe swapped in after the stat from hanging the open."""
    _check_regular(path.stat().st_mode, shown)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        _check_regular(info.st_mode, shown)
        if info.st_size > max_bytes:
            raise _too_big(shown, info.st_size, max_bytes)
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew while it was read
        raise _too_big(shown, len(data), max_bytes)
    return data


def _too_big(shown: str, size: int, max_bytes: int) -> InputFileError:
    return InputFileError(
        f"{shown}: {size:,} bytes is over the {max_bytes:,}-byte limit, which keeps memory and time "
        "bounded; split the file or raise the limit with SIGNOFF_MAX_BYTES"
    )


def read_checked(path: Path, shown: str, max_bytes: int, within: Path | None = None) -> tuple[bytes, str]:
    """The file's bytes and its format ('pdf', 'docx', 'md', 'txt'), or an InputFileError.

    `within` is the folder a symlink may point into (see `_follow_link`)."""
    from signoff.ingest import SUPPORTED, SUPPORTED_HINT

    if not path.exists() and not path.is_symlink():
        raise InputFileError(f"{shown}: no such file; check the path (signoff reads {SUPPORTED_HINT})")
    if path.is_dir() and not path.is_symlink():
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
    real = _follow_link(path, shown, within)
    try:
        data = _read_regular(real, shown, max_bytes)
    except FileNotFoundError:
        raise InputFileError(f"{shown}: no such file (a link to nothing); check the path") from None
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
