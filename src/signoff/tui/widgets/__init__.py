"""Reusable pieces of the readiness app; each dialog carries its own small DEFAULT_CSS."""
