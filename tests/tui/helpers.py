"""Small helpers for driving the app the way a person does."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from signoff.tui import build_app
from signoff.tui.app import SignoffApp


def make_app(directory: Path | None) -> SignoffApp:
    return build_app(directory)


async def type_into(pilot: Pilot, text: str) -> None:
    """Type like a person (one key at a time) into whatever has focus."""
    await pilot.press(*text)


def type_fast(pilot: Pilot, keys: list[str]) -> None:
    """Queue every key at once, as a fast typist or a paste does: no waiting between keys."""
    from textual import events

    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)


def steady_cursors(app: SignoffApp) -> None:
    """Snapshots must not depend on where a blinking cursor was when the picture was taken."""
    for field in app.screen.query(Input):
        field.cursor_blink = False
