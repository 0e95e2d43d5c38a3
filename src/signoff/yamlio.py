"""YAML in, pydantic models out, with the file and line in every error; careful reads and
durable writes of the files signoff keeps.

PyYAML is used at the node level so each value keeps the line it came from; a
pydantic validation error is then reported as `file:line: field: message`.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from signoff.errors import DataFileError

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every mapping key and sequence item."""


def _construct(loader: _LineLoader, node: yaml.Node, path: Loc, lines: dict[Loc, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in out:
                raise DataFileError(f"{key_node.start_mark.line + 1}: duplicate key {key!r}", exit_code=2)
            lines[(*path, key)] = key_node.start_mark.line + 1
            out[key] = _construct(loader, value_node, (*path, key), lines)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, (*path, i), lines) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def parse_yaml(text: str, source: str) -> tuple[Any, dict[Loc, int]]:
    """Parse YAML text; return the data and a map from key path to 1-based line."""
    lines: dict[Loc, int] = {}
    try:
        loader = _LineLoader(text)
    except yaml.reader.ReaderError as e:  # checked up front, before any parsing: no mark, a position
        line = text.count("\n", 0, e.position) + 1
        raise DataFileError(
            f"{source}:{line}: not valid YAML: control character 0x{e.character:02x} is not allowed; "
            f"remove it"
        ) from None
    try:
        node = loader.get_single_node()
        data = _construct(loader, node, (), lines) if node is not None else None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"{source}:{mark.line + 1}" if mark else source
        raise DataFileError(f"{where}: not valid YAML: {e.problem or e}") from None
    except yaml.YAMLError as e:
        raise DataFileError(f"{source}: not valid YAML: {e}") from None
    except DataFileError as e:
        raise DataFileError(f"{source}:{e.message}") from None
    finally:
        loader.dispose()
    return data, lines


def read_file_bytes(path: Path) -> bytes | None:
    """The bytes of a file signoff reads whole, None when it does not exist; DataFileError naming
    it when it is a folder, a device or a pipe (which would hang the read), or cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as e:
        raise DataFileError(f"{path}: cannot be read ({e.strerror}); check its permissions") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DataFileError(f"{path}: not a regular file; put the file itself in its place")
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    except OSError as e:
        raise DataFileError(f"{path}: cannot be read ({e.strerror}); check the disk") from None
    finally:
        os.close(fd)


def read_data_bytes(path: Path) -> bytes:
    """The bytes of a YAML data file, or a DataFileError naming it."""
    if Path(path).is_dir():
        raise DataFileError(f"{path}: is a directory, expected a YAML file")
    raw = read_file_bytes(path)
    if raw is None:
        raise DataFileError(f"{path}: file not found")
    return raw


def decode_utf8(raw: bytes, source: str) -> str:
    """The text of a data file, or one line naming the file, the line and the bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise DataFileError(
            f"{source}:{line}: not UTF-8 text (byte 0x{raw[e.start]:02x}); "
            f"fix that line, or save the file as UTF-8"
        ) from None


def parse_yaml_bytes(raw: bytes, source: str) -> tuple[Any, dict[Loc, int]]:
    """Decode UTF-8 and parse; for callers that also need the bytes (e.g. to fingerprint them)."""
    return parse_yaml(decode_utf8(raw, source), source)


def read_yaml(path: Path) -> tuple[Any, dict[Loc, int]]:
    return parse_yaml_bytes(read_data_bytes(path), str(path))


def line_of(lines: dict[Loc, int], loc: Loc) -> int | None:
    """Line of the deepest known prefix of `loc`."""
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return None


def format_validation_error(err: ValidationError, source: str, lines: dict[Loc, int]) -> str:
    parts = []
    for e in err.errors():
        loc = tuple(x for x in e["loc"] if not (isinstance(x, str) and x.startswith("function-")))
        line = line_of(lines, loc)
        field = ".".join(str(x) for x in loc) or "(top level)"
        where = f"{source}:{line}" if line else source
        parts.append(f"{where}: {field}: {e['msg']}")
    return "; ".join(parts)


def validate(model: type[M], data: Any, source: str, lines: dict[Loc, int]) -> M:
    """Validate parsed YAML against `model`, raising DataFileError with file:line:field."""
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise DataFileError(format_validation_error(e, source, lines)) from None


def load_model(model: type[M], path: Path) -> M:
    data, lines = read_yaml(path)
    return validate(model, data, str(path), lines)


def atomic_write_text(path: Path, text: str) -> None:
    """Write via a temp file in the same folder and rename, so a crash never leaves half a file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            write_all(fd, text.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        replace_synced(Path(tmp), path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_synced(path: Path, data: bytes) -> None:
    """Write `data` as the whole of `path` and wait until it is on disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_synced(src: Path, dst: Path) -> None:
    """Rename `src` over `dst` and wait until the rename itself is on disk."""
    os.replace(src, dst)
    fsync_dir(Path(dst).parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows cannot open a folder, and needs no such step)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as e:
        # Some network and FUSE file systems cannot sync a folder; the rename has still happened.
        if e.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    # os.write may write less than asked (a signal, a full disk): carry on from where it stopped.
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
