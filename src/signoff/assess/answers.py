"""Turn what a user typed into a validated answer value, or say exactly what is wrong.

The CLI passes strings; the TUI may pass structured values (a list for multi-choice,
a bool for an attestation). Either way the stored value has one canonical form per
type, so assessment.yaml stays diffable and the engine never re-parses free text.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from pydantic import Field

from signoff.assess.checklist import Item
from signoff.durations import format_duration, parse_duration
from signoff.errors import SignoffError
from signoff.models import Strict

PERSON_EXAMPLE = '"Dana Reyes, Head of Support Operations, dana.reyes@example.com"'
PLACEHOLDERS = {"tbd", "tbc", "todo", "n/a", "na", "none", "unknown", "?", "-", "--", "...", "xxx", "later"}
# Words that name a group rather than a person: an owner must be someone who can be called.
TEAM_WORDS = {
    "team",
    "teams",
    "committee",
    "board",
    "group",
    "department",
    "dept",
    "council",
    "office",
    "squad",
    "unit",
    "staff",
    "everyone",
    "management",
    "support",
    "ops",
    "legal",
    "compliance",
    "engineering",
    "owners",
    "leads",
    "function",
    "desk",
}
EMAIL = re.compile(r"[^\s@<>,]+@[^\s@<>,]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"^\+?[\d\s().-]{7,}$")
class AnswerError(SignoffError):
    """An answer that does not fit its item's type; nothing is saved."""


class Person(Strict):
    """A named, reachable individual (never a team)."""

    name: str = Field(description="full name")
    role: str = Field(description="job title or role")
    contact: str = Field(description="email address or phone number")

    def __str__(self) -> str:
        return f"{self.name}, {self.role}, {self.contact}"


class Evidence(Strict):
    """A file or URL backing an answer; files are fingerprinted when the answer is saved."""

    kind: Literal["file", "url"]
    ref: str = Field(description="URL, or file path (relative to the workspace when inside it)")
    sha256: str | None = Field(None, description="SHA-256 of the file's bytes when the answer was saved")


def _fail(item: Item, message: str) -> AnswerError:
    return AnswerError(f"{item.id}: {message}")


def is_placeholder(text: str) -> bool:
    return text.strip().lower().strip(".!") in PLACEHOLDERS


def person_name_problem(name: str) -> str | None:
    """Why `name` does not name one person (a team, a placeholder, no surname); None when it does."""
    words = re.findall(r"[^\W\d_][\w'.-]*", name)  # letters of any script: "José Álvarez", "李 明"
    if any(w.lower() in TEAM_WORDS for w in words) or is_placeholder(name) or not words:
        return f"{name.strip() or 'an empty name'!r} names a team or a placeholder, not a person"
    if len(words) < 2:
        return f"{name.strip()!r}: give the person's full name (first and last)"
    return None


def parse_person(item: Item, raw: Any) -> dict[str, str]:
    if isinstance(raw, dict):
        parts = [str(raw.get(k) or "") for k in ("name", "role", "contact")]
    else:
        parts = [p.strip() for p in str(raw).split(",")]
    text = ", ".join(p for p in parts if p)
    if not text or is_placeholder(text):
        raise _fail(
            item, f"{text or 'an empty answer'!r} is not a person; name who owns this, e.g. {PERSON_EXAMPLE}"
        )
    contact = ""
    rest: list[str] = []
    for part in parts:
        email = EMAIL.search(part)
        if not contact and email:
            contact = email.group(0)
            part = EMAIL.sub("", part).strip(" <>")
        elif not contact and PHONE.match(part):
            contact, part = part, ""
        if part:
            rest.append(part)
    name, role = (rest[0], ", ".join(rest[1:])) if rest else ("", "")
    problem = person_name_problem(name)
    if problem:
        raise _fail(item, f"{problem}; give one person's full name, role and contact, e.g. {PERSON_EXAMPLE}")
    if not role:
        raise _fail(item, f"no role for {name}; add their job title, e.g. {PERSON_EXAMPLE}")
    if not contact:
        raise _fail(
            item, f"no contact for {name}; add an email address or phone number, e.g. {PERSON_EXAMPLE}"
        )
    return Person(name=name, role=role, contact=contact).model_dump()


def _match_choice(item: Item, raw: Any) -> str:
    wanted = str(raw).strip().lower()
    for choice in item.choices:
        if wanted in (choice.value, choice.label.lower()):
            return choice.value
    options = ", ".join(item.choice_values())
    raise _fail(item, f"{str(raw).strip()!r} is not an option; choose from: {options}")


def parse_multi_choice(item: Item, raw: Any) -> list[str]:
    values = raw if isinstance(raw, list | tuple) else str(raw).split(",")
    picked = list(dict.fromkeys(_match_choice(item, v) for v in values if str(v).strip()))
    if not picked:
        options = ", ".join(item.choice_values())
        raise _fail(item, f"choose at least one option (comma-separated) from: {options}")
    exclusive = [c.value for c in item.choices if c.exclusive and c.value in picked]
    if exclusive and len(picked) > 1:
        raise _fail(item, f"{exclusive[0]!r} cannot be combined with other options")
    return picked


def parse_text(item: Item, raw: Any) -> str:
    text = str(raw).strip()
    if not text or is_placeholder(text):
        raise _fail(
            item,
            f"{text or 'an empty answer'!r} is a placeholder; write the actual answer"
            + (f", e.g. {item.example!r}" if item.example else ""),
        )
    return text


def parse_number(item: Item, raw: Any) -> int | float:
    try:
        number = float(str(raw).strip().replace("_", ""))
    except ValueError:
        raise _fail(item, f"{str(raw).strip()!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise _fail(item, f"{str(raw).strip()!r} is not a finite number")
    if item.min is not None and number < item.min:
        raise _fail(item, f"{number:g} is below the minimum {item.min:g}")
    if item.max is not None and number > item.max:
        raise _fail(item, f"{number:g} is above the maximum {item.max:g}")
    return int(number) if number.is_integer() else number


def parse_attestation(item: Item, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("yes", "y", "true"):
        return True
    if text in ("no", "n", "false"):
        return False
    raise _fail(item, f"{str(raw).strip()!r}: answer yes or no")


def parse_date(item: Item, raw: Any, today: date) -> str:
    if isinstance(raw, date):
        day = raw
    else:
        try:
            day = date.fromisoformat(str(raw).strip())
        except ValueError:
            raise _fail(
                item, f"{str(raw).strip()!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31"
            ) from None
    if item.past_only and day > today:
        raise _fail(item, f"{day.isoformat()} is in the future; give the date it already happened")
    return day.isoformat()


def parse_evidence(item: Item, raw: Any, workspace: Path) -> Evidence:
    text = str(raw).strip()
    url = urlparse(text)
    if url.scheme in ("http", "https") and url.netloc:
        return Evidence(kind="url", ref=text)
    if url.scheme and len(url.scheme) > 1:
        raise _fail(item, f"{text!r}: evidence must be an http(s) URL or a file path")
    if not text:
        raise _fail(item, "give a file path or an http(s) URL as evidence")
    try:
        path = _evidence_file(text, workspace)
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path else None
    except (OSError, ValueError, RuntimeError) as e:
        # a NUL byte (ValueError), ~nosuchuser (RuntimeError), a name too long or unreadable (OSError)
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise _fail(
            item, f"evidence file {text!r} cannot be read ({reason}); give an existing file"
        ) from None
    if path is None:
        raise _fail(item, f"evidence file {text!r} not found; give an existing file or an http(s) URL")
    resolved = path.resolve()
    try:
        ref = resolved.relative_to(workspace.resolve()).as_posix()
    except ValueError:
        ref = str(resolved)
    return Evidence(kind="file", ref=ref, sha256=digest)


def _evidence_file(text: str, workspace: Path) -> Path | None:
    """The file `text` names (from the workspace when relative and not found here), or None."""
    path = Path(text).expanduser()
    if not path.is_absolute() and not path.exists() and (workspace / path).exists():
        path = workspace / path
    return path if path.is_file() else None


def parse_answer(item: Item, raw: Any, workspace: Path, today: date) -> tuple[Any, Evidence | None]:
    """The canonical stored value for `raw` (and its evidence for evidence items).

    Raises AnswerError naming the item and the fix.
    """
    if raw is None:
        raise _fail(item, "no answer given")
    if item.type == "evidence":
        evidence = parse_evidence(item, raw, workspace)
        return evidence.ref, evidence
    return _parse_value(item, raw, today), None


def _parse_value(item: Item, raw: Any, today: date) -> Any:
    match item.type:
        case "person":
            return parse_person(item, raw)
        case "text":
            return parse_text(item, raw)
        case "choice":
            return _match_choice(item, raw)
        case "multi_choice":
            return parse_multi_choice(item, raw)
        case "duration":
            seconds = parse_duration(str(raw))
            if seconds is None:
                raise _fail(item, f"{str(raw).strip()!r} is not a duration; write e.g. '15m', '4h', '2d'")
            return format_duration(seconds)
        case "date":
            return parse_date(item, raw, today)
        case "number":
            return parse_number(item, raw)
        case "attestation":
            return parse_attestation(item, raw)
    raise AssertionError(f"unhandled answer type {item.type}")
