"""What the CLI writes reaches a terminal: contract text and typed answers go through `neutral`.

A contract can hold terminal escape sequences (ESC [ ... ) or bidi overrides; printed as they
are, they would recolour, move or hide what `analyze`, `text`, `gaps` or an error line shows.
`main` wraps stdout and stderr once, so every command and every error line is covered.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from signoff.wording import neutral


class NeutralStream:
    """A text stream that writes through `neutral` to the stream it wraps.

    It has no `buffer`: Click would write bytes to the buffer, around the filter.
    """

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("NeutralStream writes text only")
        return self._stream.write(neutral(text))

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self._stream, name)


def json_text(data: Any, *, indent: int | None = None) -> str:
    """`data` as JSON whose strings carry control and bidi characters as \\uXXXX escapes:
    lossless for a program reading it, harmless on a terminal."""
    return neutral(json.dumps(data, ensure_ascii=False, indent=indent), json=True)
