"""Risk tiers and gap severities: the two ordered vocabularies every assessment rule uses."""

from __future__ import annotations

from typing import Literal

Tier = Literal["low", "medium", "medium_high", "high", "critical"]
TIERS: tuple[Tier, ...] = ("low", "medium", "medium_high", "high", "critical")

Severity = Literal["blocker", "major", "minor"]
SEVERITIES: tuple[Severity, ...] = ("blocker", "major", "minor")


def tier_rank(tier: Tier) -> int:
    """0 for `low` up to 4 for `critical`, so tiers compare as numbers."""
    return TIERS.index(tier)


def applies(from_tier: Tier | None, tier: Tier) -> bool:
    """True when a requirement that starts at `from_tier` holds at `tier` (None: never required)."""
    return from_tier is not None and tier_rank(tier) >= tier_rank(from_tier)
