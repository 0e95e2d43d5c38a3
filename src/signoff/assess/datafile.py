"""What the checklist and the playbook share as company data files: the header, and loading.

Both are YAML a governance or legal team edits; both are validated field by field, then
cross-checked, each error naming the file and the line, and both are recorded in every
sign-off document by version and SHA-256.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import Field, PrivateAttr

from signoff.errors import DataFileError
from signoff.models import Strict
from signoff.yamlio import Loc, parse_yaml_bytes, read_data_bytes, validate

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class DataFile(Strict):
    """The header every company data file carries, and where it was loaded from."""

    schema_version: Literal[1] = Field(description="format version of this file")
    id: str = Field(pattern=ID_PATTERN)
    version: str = Field(description="content version, recorded in every sign-off document")
    title: str

    _source: str = PrivateAttr("")
    _sha256: str = PrivateAttr("")

    @property
    def source(self) -> str:
        return self._source

    @property
    def sha256(self) -> str:
        """SHA-256 of the YAML file's bytes, recorded with every evaluation."""
        return self._sha256


D = TypeVar("D", bound=DataFile)

# Parsed data files by (model, path, mtime, size): the line-tracking parser is slow and the
# TUI and report evaluate many times; an edited file has a new mtime and is parsed again.
_CACHE: dict[tuple[type, str, int, int], DataFile] = {}


def load_data_file(model: type[D], path: Path, cross_check: Callable[[D, str, dict[Loc, int]], None]) -> D:
    """Parse, validate and cross-check a YAML data file, remembering its path and SHA-256."""
    try:
        st = path.stat()
        key = (model, str(path.resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        key = None
    if key in _CACHE:
        return _CACHE[key].model_copy(deep=True)  # type: ignore[return-value]
    raw = read_data_bytes(path)
    data, lines = parse_yaml_bytes(raw, str(path))
    if not isinstance(data, dict):
        raise DataFileError(f"{path}:1: expected a mapping of fields at the top level")
    loaded = validate(model, data, str(path), lines)
    cross_check(loaded, str(path), lines)
    loaded._source, loaded._sha256 = str(path), hashlib.sha256(raw).hexdigest()
    if key is not None:
        _CACHE[key] = loaded.model_copy(deep=True)
    return loaded
