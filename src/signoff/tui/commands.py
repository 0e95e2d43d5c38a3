"""The command palette (Ctrl+P): every signoff action, from any screen, with its keys.

One provider at app level (the only one, so signoff's actions are listed before
Textual's): "accept" or "add contract" is found on every screen, not only on the screen
that owns the key. The actions come from the screens' own key bindings, so the palette
and the footer cannot disagree; checklist items and open gaps are listed too, so a
person can type part of a question or a gap's title.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from signoff.tui.app import SignoffApp


@dataclass(frozen=True)
class Command:
    title: str
    help: str
    run: Callable[[], Any]
    discover: bool = True  # offered before anything is typed


def signoff_bindings(owner: type) -> list[Binding]:
    """The bindings signoff itself declares on `owner` and its signoff base classes (not Textual's)."""
    found: list[Binding] = []
    for cls in owner.__mro__:
        if cls.__module__.startswith("signoff."):
            found += [b for b in vars(cls).get("BINDINGS", []) if isinstance(b, Binding) and b.description]
    return found


def app_commands(app: SignoffApp) -> Iterator[Command]:
    """Everything the palette offers for the app as it is now (a workspace open or not)."""
    from signoff.tui.app import SCREEN_LABELS, SCREENS_IN_ORDER, screen_class

    keys = {b.action: app.get_key_display(b) for b in signoff_bindings(type(app))}

    def screen_key(mode: str) -> str:
        return keys[f"key_goto({mode!r})"]

    if app.ws is not None:
        for mode in SCREENS_IN_ORDER:
            yield Command(f"Go to {SCREEN_LABELS[mode]}", f"key {screen_key(mode)}", partial(app.goto, mode))
        for mode in SCREENS_IN_ORDER:
            for b in signoff_bindings(screen_class(mode)):
                if b.show:
                    where = f"{SCREEN_LABELS[mode]}: keys {screen_key(mode)}, {app.get_key_display(b)}"
                    yield Command(b.description, f"{b.tooltip} · {where}", partial(app.goto, mode, b.action))
        yield from _item_commands(app, screen_key("checklist"))
        yield from _gap_commands(app, screen_key("gaps"))
    yield Command("Switch workspace", f"Open or create a workspace · key {screen_key('picker')}",
                  partial(app.goto, "picker"))
    yield Command("Help", f"Keys and how signoff works · key {keys['help']}", app.action_help)
    yield Command("Toggle light/dark theme", f"key {keys['toggle_theme']}", app.action_toggle_theme)
    if app.ws is not None:
        yield Command("Reload workspace", "Read the workspace again from disk", app.reload_now)
    # Textual's own commands last; its "Keys" panel would compete with signoff's help.
    for system in app.get_system_commands(app.screen):
        if system.title != "Keys":
            yield Command(system.title, system.help, system.callback, system.discover)


def _item_commands(app: SignoffApp, key: str) -> Iterator[Command]:
    for section in app.checklist.sections:
        for item in section.items:
            yield Command(f"Answer: {item.prompt} ({item.id})", f"Checklist · {section.title} · key {key}",
                          partial(app.goto, "checklist", f"show_item({item.id!r})"), discover=False)


def _gap_commands(app: SignoffApp, key: str) -> Iterator[Command]:
    for gap in app.evaluation.gaps if app.evaluation else []:
        if gap.open and gap.acceptable:
            yield Command(f"Accept gap: {gap.title}", f"Gaps · {gap.severity} · keys {key}, a",
                          partial(app.goto, "gaps", f"accept_gap({gap.id!r})"), discover=False)


class SignoffCommands(Provider):
    """Searches `app_commands`; with nothing typed it lists the screens and their actions."""

    async def discover(self) -> Hits:
        for command in app_commands(self.app):  # type: ignore[arg-type]
            if command.discover:
                yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in app_commands(self.app):  # type: ignore[arg-type]
            if (score := matcher.match(command.title)) > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, help=command.help)
