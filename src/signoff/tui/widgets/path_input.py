"""An Input that completes file-system paths as you type; the right arrow accepts."""

from __future__ import annotations

from pathlib import Path

from textual.suggester import Suggester
from textual.widgets import Input


class PathSuggester(Suggester):
    """Suggest the first existing entry that starts with what was typed; folders end in '/'."""

    def __init__(self, *, dirs_only: bool = False):
        super().__init__(use_cache=False, case_sensitive=True)
        self.dirs_only = dirs_only

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(value).expanduser()
        parent, stem = (typed, "") if value.endswith("/") else (typed.parent, typed.name)
        try:
            names = sorted(p for p in parent.iterdir() if not p.name.startswith(".") or stem.startswith("."))
        except OSError:
            return None
        for entry in names:
            if self.dirs_only and not entry.is_dir():
                continue
            if entry.name.startswith(stem) and entry.name != stem:
                head = value[: len(value) - len(stem)]
                return head + entry.name + ("/" if entry.is_dir() else "")
        return None


class PathInput(Input):
    """A path field with completion; the suggestion is accepted with the right arrow."""

    def __init__(self, *, dirs_only: bool = False, **kwargs):
        super().__init__(suggester=PathSuggester(dirs_only=dirs_only), **kwargs)
