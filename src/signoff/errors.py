"""The one error type that reaches a user: a clear, one-line message and an exit code.

Everything that can go wrong because of input (a file, a YAML document, a typed
answer) raises `SignoffError`; the CLI prints its message and exits with its code,
the TUI shows it as a notification. Anything else is a bug and may show a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from difflib import SequenceMatcher


class SignoffError(Exception):
    """A problem with the user's input, explained in one line that says what to do.

    `field` names the input it is about ('reason', 'until', 'name'), so each interface can
    point at it in its own terms: a flag in the CLI, a field in the app. The message itself
    names no flag or widget.
    """

    exit_code = 2

    def __init__(self, message: str, *, exit_code: int | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class InputFileError(SignoffError):
    """A file given to signoff cannot be read as what it claims to be."""


class DataFileError(SignoffError):
    """A YAML data file (checklist, playbook, clause rules, assessment) is invalid.

    The message always names the file and, when known, the line and the field.
    """


def closest(given: str, known: Iterable[str]) -> str | None:
    """The known name a typo most likely meant (difflib's similarity of at least 0.6), else None.

    Ids share long prefixes ('contract.', 'outcome_'), which alone would make 'contract.audti' look
    like 'contract.none'; so the words after the shared prefix are compared ('audti' with 'audit').
    """

    def similarity(name: str) -> float:
        shared = os.path.commonprefix([given, name])
        cut = max(shared.rfind("."), shared.rfind("_")) + 1
        return SequenceMatcher(None, given[cut:], name[cut:]).ratio()

    scores = {name: similarity(name) for name in known}
    best = max(scores, key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] >= 0.6 else None


class UnknownNameError(SignoffError):
    """A name that is none of the known ones (an item id, a gap id, a tier, a format), with the likely one.

    The core says what is unknown and which name was probably meant; the interface adds where the
    names are listed (`listed_by`), because only it knows its own commands or screens.
    """

    def __init__(self, problem: str, given: str, known: Iterable[str], *, listed_by: str | None = None):
        self.problem = problem
        self.given = given
        self.known = tuple(known)
        self.likely = closest(given, self.known)
        message = problem + (f"; did you mean {self.likely!r}?" if self.likely else "")
        if listed_by:
            message += f" {listed_by}" if self.likely else f"; {listed_by}"
        super().__init__(message)

    def listed_by(self, where: str) -> UnknownNameError:
        """The same error, telling where every known name is listed ('`signoff checklist DIR` lists ...')."""
        return UnknownNameError(self.problem, self.given, self.known, listed_by=where)
