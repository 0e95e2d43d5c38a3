"""How signoff words values for a reader: answers, codes, and a finding's values.

`signoff analyze`, the TUI and the sign-off document all show a finding's values
with `values_text`, so a lawyer reads the same words wherever they look. The
report's snapshot stores these strings, so every report format agrees too.
"""

from __future__ import annotations

import re
from typing import Any

# Value keys and coded values ('notice_days', 'fees_paid'); names, places and sentences are left alone.
_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")
_CODE_IN_TEXT = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")


def show(value: Any, item: Any = None) -> str:
    """An answer value as a reader sees it: choice labels, yes/no, a person's name, role and contact."""
    labels = {c.value: c.label for c in item.choices} if item is not None else {}
    if value is None:
        return "not stated"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v not in (None, ""))
    if isinstance(value, list):
        return ", ".join(labels.get(v, str(v)) for v in value) or "none"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return labels.get(value, str(value)) if isinstance(value, str) else str(value)


def readable(word: str) -> str:
    """A snake_case name or code as words ('notice_days' -> 'notice days'); other text unchanged."""
    return word.replace("_", " ") if _CODE.fullmatch(word) else word


def readable_codes(text: str) -> str:
    """Every snake_case code inside a sentence the playbook wrote ('window_hours is 72') as words."""
    return _CODE_IN_TEXT.sub(lambda m: readable(m.group(0)), text)


def values_text(values: dict[str, Any]) -> str:
    """A finding's values as one line a reader can scan, e.g. 'basis: fees paid; period months: 12'.

    The CLI table, the TUI and every report format show this same text, so the wording is decided once.
    """

    def one(v: Any) -> str:
        if isinstance(v, dict) and "value" in v and "currency" in v:
            amount = v["value"]
            # Thousands separators: 5,000,000 is read at a glance, 5000000 is counted.
            shown = f"{amount:,}" if type(amount) is int else show(amount)
            return f"{shown} {v['currency']}"
        if isinstance(v, list):
            return ", ".join(readable(x) if isinstance(x, str) else show(x) for x in v) or "none"
        return readable(v) if isinstance(v, str) else show(v)

    return "; ".join(f"{readable(k)}: {one(v)}" for k, v in sorted(values.items()))
