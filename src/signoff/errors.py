"""The one error type that reaches a user: a clear, one-line message and an exit code.

Everything that can go wrong because of input (a file, a YAML document, a typed
answer) raises `SignoffError`; the CLI prints its message and exits with its code,
the TUI shows it as a notification. Anything else is a bug and may show a traceback.
"""


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
