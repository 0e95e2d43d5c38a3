"""A dropdown that leaves `?` to the app, so help opens even while its list is open.

Textual's open list searches as you type and so takes every printable key, `?` too;
a priority key of the app is then dropped for it. No option starts with `?`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Select as TextualSelect
from textual.widgets._select import SelectCurrent, SelectOverlay

HELP_KEY = "?"


class _Overlay(SelectOverlay):
    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return character != HELP_KEY and super().check_consume_key(key, character)


class Select(TextualSelect):
    """Textual's Select, whose open list lets `?` reach the app's help key."""

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield _Overlay(type_to_search=self._type_to_search).data_bind(compact=TextualSelect.compact)
