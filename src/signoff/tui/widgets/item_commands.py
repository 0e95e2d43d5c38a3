"""Command-palette provider: type part of a checklist question to jump straight to it."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider


class ChecklistItemCommands(Provider):
    """Every checklist item, searchable by its question or its id."""

    def _items(self):
        app = self.app
        if getattr(app, "ws", None) is None:
            return []
        return [(item, section) for section in app.checklist.sections for item in section.items]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for item, section in self._items():
            text = f"{item.prompt} ({item.id})"
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self.screen.show_item, item.id, edit=True),
                          help=f"Checklist · {section.title}")
