"""What the app remembers between runs: recent workspaces, the theme, drafts, position.

Plain files, no Textual, so the rules are testable on their own. Drafts and the
last position live inside the workspace (`.signoff/drafts.json`) because they
belong to that launch; the recent list and the theme belong to the person, so
they live in their state folder (`$SIGNOFF_STATE_DIR`, else the XDG state home).
Every write is atomic: a crash mid-write never loses what was there before.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from signoff.actor import default_actor
from signoff.yamlio import atomic_write_text

MAX_RECENT = 10


def state_dir() -> Path:
    if env := os.environ.get("SIGNOFF_STATE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "signoff"


def _read_json(path: Path) -> dict[str, Any]:
    """The file's object; {} when missing. ValueError when it exists but is not a JSON object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(str(e)) from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(data, indent=2, sort_keys=True) + "\n")


class Preferences:
    """The person's name, recent workspaces (most recent first) and chosen theme."""

    def __init__(self, path: Path | None = None):
        self.path = path or state_dir() / "tui.json"
        try:
            self._data = _read_json(self.path)
        except ValueError:
            # Only conveniences live here: a damaged file is replaced on the next save.
            self._data = {}

    @property
    def recent(self) -> list[Path]:
        return [Path(p) for p in self._data.get("recent", []) if isinstance(p, str)]

    def remember(self, workspace: Path) -> None:
        where = str(Path(workspace).resolve())
        rest = [str(p) for p in self.recent if str(p) != where]
        self._data["recent"] = [where, *rest][:MAX_RECENT]
        self._save()

    def forget(self, workspace: Path) -> None:
        where = str(Path(workspace).resolve())
        self._data["recent"] = [str(p) for p in self.recent if str(p) != where]
        self._save()

    @property
    def actor(self) -> str:
        """Who is at the keyboard: recorded with every answer and in the journal."""
        value = self._data.get("actor")
        if isinstance(value, str) and value.strip():
            return value
        return default_actor()

    @actor.setter
    def actor(self, name: str) -> None:
        self._data["actor"] = name.strip()
        self._save()

    @property
    def theme(self) -> str | None:
        value = self._data.get("theme")
        return value if isinstance(value, str) else None

    @theme.setter
    def theme(self, name: str) -> None:
        self._data["theme"] = name
        self._save()

    def _save(self) -> None:
        # Preferences are a convenience; a read-only home must not break the app.
        with contextlib.suppress(OSError):
            _write_json(self.path, self._data)


class Drafts:
    """Answers typed but not yet valid, and where the person was, for one workspace."""

    def __init__(self, workspace_dir: Path):
        self.path = Path(workspace_dir) / ".signoff" / "drafts.json"
        self.problem: str | None = None
        try:
            self._data = _read_json(self.path)
        except ValueError as e:
            # Typed text may be in there: move it aside rather than overwrite it, and say so.
            aside = self.path.with_name("drafts.unreadable.json")
            os.replace(self.path, aside)
            self.problem = f"{self.path}: unreadable ({e}); moved to {aside.name}, drafts start afresh"
            self._data = {}

    def get(self, item_id: str) -> str | None:
        value = self._data.get("drafts", {}).get(item_id)
        return value if isinstance(value, str) else None

    def all(self) -> dict[str, str]:
        return {k: v for k, v in self._data.get("drafts", {}).items() if isinstance(v, str)}

    def put(self, item_id: str, text: str) -> None:
        drafts = self._data.setdefault("drafts", {})
        if drafts.get(item_id) == text:
            return
        drafts[item_id] = text
        _write_json(self.path, self._data)

    def discard(self, item_id: str) -> None:
        if self._data.get("drafts", {}).pop(item_id, None) is not None:
            _write_json(self.path, self._data)

    @property
    def position(self) -> dict[str, str]:
        pos = self._data.get("position", {})
        return {k: v for k, v in pos.items() if isinstance(v, str)} if isinstance(pos, dict) else {}

    def set_position(self, **where: str) -> None:
        if self.position == where:
            return
        self._data["position"] = where
        _write_json(self.path, self._data)
