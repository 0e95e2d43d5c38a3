"""Cutting a label to the width of its list, with an ellipsis so the cut shows."""

from __future__ import annotations

from rich.text import Text


def fit(label: str | Text, width: int) -> Text:
    """The label on one line of `width` cells; a longer one ends in '…' (the detail pane has it whole)."""
    text = label.copy() if isinstance(label, Text) else Text(label)
    text.truncate(max(width, 1), overflow="ellipsis")
    return text
