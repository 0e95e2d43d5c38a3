"""Durations as people type them ('15m', '4 hours', '1h 30m') and as signoff stores them ('1h30m')."""

from __future__ import annotations

import math
import re

# A unit ends where letters end, so the stored '1h30m' reads as well as '1h 30m'.
DURATION_PART = re.compile(
    r"(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)(?![a-z])",
    re.I,
)
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
UNIT_WORDS = {"s": "second", "m": "minute", "h": "hour", "d": "day", "w": "week"}


def parse_duration(text: str) -> int | None:
    """Seconds in '15m', '4 hours', '1h 30m', '2d'; None when it is not a duration (nor is a
    number too long for a float, such as 400 digits)."""
    text = text.strip()
    parts = DURATION_PART.findall(text)
    if not parts or DURATION_PART.sub("", text).strip(" ,and") != "":
        return None
    seconds = sum(float(n) * UNIT_SECONDS[unit[0].lower()] for n, unit in parts)
    return int(seconds) if math.isfinite(seconds) else None


def duration_parts(seconds: int) -> list[tuple[int, str]]:
    """5400 -> [(1, 'h'), (30, 'm')]: whole weeks, days, hours, minutes and seconds."""
    out = []
    for unit in ("w", "d", "h", "m", "s"):
        n, seconds = divmod(seconds, UNIT_SECONDS[unit])
        if n:
            out.append((n, unit))
    return out


def format_duration(seconds: int) -> str:
    """Canonical form stored in assessment.yaml, e.g. 5400 -> '1h30m'."""
    return "".join(f"{n}{unit}" for n, unit in duration_parts(seconds)) or "0s"
