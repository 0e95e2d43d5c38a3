"""The one place signoff turns values into words a person reads.

Answers, choices, tiers, statuses, decisions, durations, dates, input hints and a
finding's values are worded here; the CLI, the app and the sign-off document choose
only the styling (capitals, colour, bold). A lawyer reads the same words wherever
they look, and no internal name ('medium_high', 'window_hours', 'fees_paid') or
Python repr reaches them.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from signoff.durations import UNIT_WORDS, duration_parts, parse_duration

if TYPE_CHECKING:
    from signoff.assess.assessment import FindingReview
    from signoff.assess.checklist import Item
    from signoff.extract.library import FieldInfo
    from signoff.report.snapshot import Approval, NotCounted

# Value keys and coded values ('notice_days', 'fees_paid'); names, places and sentences are left alone.
_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")

TIERS = {
    "low": "low",
    "medium": "medium",
    "medium_high": "medium-high",
    "high": "high",
    "critical": "critical",
}
STATUSES = {
    "ready": "Ready",
    "blocked": "Blocked: not ready",
    "ready_with_accepted_gaps": "Ready with accepted gaps",
}
DECISIONS = {"approve": "approved", "reject": "rejected", "pending": "pending"}
ROLES = {"legal": "Legal", "product_owner": "Product owner", "outcome_owner": "Outcome owner"}
GAP_STATES = {"open": "open", "accepted": "accepted", "expired": "acceptance expired"}
_KIND_UNITS = {"duration_days": "day", "duration_hours": "hour", "duration_months": "month"}
_INPUT_HINTS = {
    "person": "Full Name, Role, email or phone",
    "duration": "e.g. 15m, 4h, 2d",
    "date": "YYYY-MM-DD",
    "attestation": "yes or no",
    "evidence": "a file path or an http(s) URL",
}


def input_hint(answer_type: str) -> str:
    """What to type for an answer of this type ('YYYY-MM-DD'); 'free text' for text."""
    return _INPUT_HINTS.get(answer_type, "free text")


def tier_text(tier: str | None) -> str:
    """'medium_high' -> 'medium-high'."""
    return "not set" if tier is None else TIERS.get(tier, readable(tier))


def status_text(status: str) -> str:
    return STATUSES.get(status, readable(status))


def decision_text(decision: str) -> str:
    """'reject' -> 'rejected': what a signer did, in the past tense."""
    return DECISIONS.get(decision, readable(decision))


def gap_state_text(state: str) -> str:
    return GAP_STATES.get(state, readable(state))


def role_text(role: str) -> str:
    return ROLES.get(role, readable(role).capitalize())


def claimed_text(role: object, name: object, decision: object) -> str:
    """What a journal decision entry claims, from whatever it holds: 'Legal Lee Park: approved'."""
    role_words = role_text(role) if isinstance(role, str) else ""
    who = " ".join(x for x in (role_words, name) if isinstance(x, str) and x)
    what = f": {decision_text(decision)}" if isinstance(decision, str) else ""
    return f"{who or 'no approver named'}{what}"


def decision_line(a: Approval) -> str:
    """A signed decision as the document lists it: when, who, what, against what, with which key."""
    older = "" if a.current else " (older fingerprint)"
    note = f"; {a.note}" if a.note else ""
    blocked = f" while {a.blocking} blocking gap(s) were open" if a.blocking else ""
    return (
        f"{date_text(a.at)} {role_text(a.role)} {a.name}: {decision_text(a.decision)}{blocked} "
        f"against {a.fingerprint}{older}{note}; signed with key {a.key}"
    )


def not_counted_line(x: NotCounted) -> str:
    """A journal decision entry that does not count, and why."""
    return f"journal entry #{x.entry} ({x.who}) does not count: it {x.reason}"


def plural(n: float, unit: str) -> str:
    shown = f"{n:g}" if isinstance(n, float) else str(n)
    return f"{shown} {unit}{'' if n == 1 else 's'}"


def duration_text(written: str) -> str:
    """A duration as typed or stored ('15m', '1h30m') in words ('15 minutes', '1 hour 30 minutes')."""
    seconds = parse_duration(written)
    if seconds is None:
        return written
    return " ".join(plural(n, UNIT_WORDS[unit]) for n, unit in duration_parts(seconds)) or "0 seconds"


def date_text(value: date | datetime | str) -> str:
    """'2026-12-02' -> '2 December 2026'; a moment -> '2 December 2026, 02:14 UTC'."""
    if isinstance(value, str):
        try:
            value = (
                datetime.fromisoformat(value.replace("Z", "+00:00"))
                if "T" in value
                else date.fromisoformat(value)
            )
        except ValueError:
            return value
    if isinstance(value, datetime):
        moment = value.astimezone(UTC) if value.tzinfo else value
        return f"{moment.day} {moment:%B %Y, %H:%M} UTC"
    return f"{value.day} {value:%B %Y}"


def show(value: Any, item: Item | None = None) -> str:
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
    if item is not None and item.type == "duration" and isinstance(value, str):
        return duration_text(value)
    if item is not None and item.type == "date" and isinstance(value, str):
        return date_text(value)
    return labels.get(value, str(value)) if isinstance(value, str) else str(value)


def options_text(item: Item, values: list[str]) -> str:
    """Option ids of a choice item as their labels, joined for a sentence."""
    labels = {c.value: c.label for c in item.choices}
    return ", ".join(labels.get(v, readable(v)) for v in values)


def answer_hint(item: Item) -> str:
    """What to type for an item: its options (by id, since that is what is typed), a format or an example."""
    if item.choices:
        options = ", ".join(c.value for c in item.choices)
        return f"{'one of' if item.type == 'choice' else 'comma-separated from'}: {options}"
    if item.type == "number":
        return (
            "a number"
            + (f" from {item.min:g}" if item.min is not None else "")
            + (f" to {item.max:g}" if item.max is not None else "")
        )
    return f"e.g. {item.example}" if item.type == "text" and item.example else input_hint(item.type)


def readable(word: str) -> str:
    """A snake_case name or code as words ('notice_days' -> 'notice days'); other text unchanged."""
    return word.replace("_", " ") if _CODE.fullmatch(word) else word


def field_label(name: str, field: FieldInfo | None) -> str:
    return field.label if field is not None else readable(name)


def field_value(value: Any, field: FieldInfo | None) -> str:
    """One value of a finding: '72 hours', '1,000,000 USD', 'fees paid', 'yes'."""
    if value is None:
        return "not stated"
    if isinstance(value, dict) and "value" in value and "currency" in value:
        amount = value["value"]
        # Thousands separators: 5,000,000 is read at a glance, 5000000 is counted.
        shown = f"{amount:,}" if type(amount) is int else show(amount)
        return f"{shown} {value['currency']}"
    choices = (field.choices or {}) if field is not None else {}
    if isinstance(value, list):
        return (
            ", ".join(choices.get(x, readable(x)) if isinstance(x, str) else show(x) for x in value) or "none"
        )
    if isinstance(value, str):
        return choices.get(value, readable(value))
    unit = _KIND_UNITS.get(field.kind) if field is not None else None
    if unit and isinstance(value, int | float) and not isinstance(value, bool):
        return plural(value, unit)
    return show(value)


def clause_fields(clause: str) -> dict[str, FieldInfo]:
    """The catalogue's fields of a clause (labels, kinds, choice words); empty for an unknown clause."""
    from signoff.extract import clause_catalogue

    return next((c.fields for c in clause_catalogue() if c.id == clause), {})


def values_text(values: dict[str, Any], clause: str | None = None) -> str:
    """A finding's values as one line a reader can scan.

    E.g. 'basis of the cap: fees paid; fees counted over: 12 months'.

    The CLI table, the app and every report format show this same text, so the wording is decided once.
    Fields come in the catalogue's order; a value the catalogue does not describe is named by its key.
    """
    fields = clause_fields(clause) if clause else {}
    order = [k for k in fields if k in values] + sorted(k for k in values if k not in fields)
    return "; ".join(
        f"{field_label(k, fields.get(k))}: {field_value(values[k], fields.get(k))}" for k in order
    )


_HYPHEN_BREAK = re.compile(r"(\w)-[ \t]*\r?\n[ \t]*(\w)")


def quote_text(quote: str) -> str:
    """A contract quote as a reader wants it: the source's line breaks, hyphenation at a line end
    and runs of spaces undone ('liabil-\\nity  shall' -> 'liability shall'). The verbatim quote stays
    in the embedded report; this is only how it is shown."""
    joined = _HYPHEN_BREAK.sub(r"\1\2", quote)
    return " ".join(joined.split())


_REVIEWED = {
    "confirm": "confirmed",
    "dismiss": "dismissed as a false finding",
    "set": "corrected",
    "add": "added",
}


def review_text(review: FindingReview) -> str:
    """Legal's review of a finding in one line: 'corrected by Sam Ortiz: notice window: 24 hours
    (was 72 hours); reason: ...'. The CLI, the app and the report all show this."""
    text = f"{_REVIEWED[review.action]} by {review.reviewer}"
    if review.action == "set":
        fields = clause_fields(review.clause)
        text += ": " + "; ".join(
            f"{field_label(k, fields.get(k))}: {field_value(v, fields.get(k))} "
            f"(was {field_value(review.was.get(k), fields.get(k))})"
            for k, v in review.values.items()
        )
    elif review.action == "add" and review.values:
        text += f": {values_text(review.values, review.clause)}"
    text += f"; reason: {review.reason}"
    return text + ("; the text changed in a new version: look again" if review.recheck else "")


# Characters a contract or a typed answer may hold that must never act on a reader's screen:
# C0 controls other than tab and line break (ESC starts a terminal escape sequence), DEL, the C1
# controls (0x9B is a one-byte CSI on some terminals), and the bidi embeddings, overrides and
# isolates that reorder what follows them ("approve" shown as "evorppa"). A lone carriage return
# lets a line overwrite itself; CRLF line ends stay.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control picture: ␛ for ESC, ␁ for 0x01
    return "\u2421" if code == 0x7F else "\ufffd"


def _json_escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def neutral(text: str, *, json: bool = False) -> str:
    """`text` with every control and bidi-override character made harmless.

    The one filter for untrusted text on its way to a person: the CLI's output streams, the
    HTML, Markdown and DOCX (and so PDF) reports. Each character becomes one visible character
    (control pictures such as ␛, else U+FFFD), so a quote keeps its length and its offsets.
    `json=True` is for JSON text: the characters become \\uXXXX escapes inside its strings,
    which a JSON reader turns back into the very same text.
    """
    return _UNSAFE.sub(_json_escape if json else _visible, text)
