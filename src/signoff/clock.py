"""The one place signoff asks what day it is.

Set `SIGNOFF_TODAY=YYYY-MM-DD` to evaluate as of that date: acceptances expire, drills go
stale and new timestamps are dated as if it were that day. It reproduces a past
assessment, and the test suite pins it so results do not drift as the calendar moves.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from signoff.errors import SignoffError

ENV = "SIGNOFF_TODAY"


def today() -> date:
    """Today's date, or the date `SIGNOFF_TODAY` names."""
    return _pinned() or date.today()


def now() -> datetime:
    """UTC, to the second; on the `SIGNOFF_TODAY` date when set (the time of day stays real)."""
    real = datetime.now(UTC).replace(microsecond=0)
    pinned = _pinned()
    return datetime.combine(pinned, real.timetz()) if pinned else real


def _pinned() -> date | None:
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise SignoffError(
            f"{ENV}={raw!r} is not a date; write it as YYYY-MM-DD (e.g. 2026-11-23) or unset it"
        ) from None
