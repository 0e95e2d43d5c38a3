"""YAML in, pydantic models out, with the file and line in every error.

PyYAML is used at the node level so each value keeps the line it came from; a
pydantic validation error is then reported as `file:line: field: message`.
"""

from __future__ import annotations

import os
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
    loader = _LineLoader(text)
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


def read_data_bytes(path: Path) -> bytes:
    """The bytes of a YAML data file, or a DataFileError naming it."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise DataFileError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise DataFileError(f"{path}: is a directory, expected a YAML file") from None


def parse_yaml_bytes(raw: bytes, source: str) -> tuple[Any, dict[Loc, int]]:
    """Decode UTF-8 and parse; for callers that also need the bytes (e.g. to fingerprint them)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataFileError(f"{source}: not UTF-8 text; save it as UTF-8") from None
    return parse_yaml(text, source)


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
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
