"""Command-line interface. Holds no business logic: each command calls the core."""

import sys

from signoff.cli import (  # noqa: F401  (each module registers its commands)
    analyze_cmd,
    completion,
    eval_cmd,
    findings_cmd,
    ingest_cmd,
    report_cmd,
    tui_cmd,
    workspace_cmd,
)
from signoff.cli.app import app
from signoff.cli.output import NeutralStream
from signoff.errors import SignoffError

# The option that sets each input a core error can be about; the core names no flags.
FLAGS = {
    "reason": "--reason",
    "until": "--until",
    "approver": "--approver",
    "name": "--name",
    "note": "--note",
    "evidence": "--evidence",
    "key": "--key",
    "reviewer": "--reviewer",
    "values": "--set",
    "quote": "--quote",
}


def error_line(e: SignoffError) -> str:
    """The one line the CLI prints for an error: the core's message and the flag that fixes it."""
    return f"signoff: error: {e.message}" + (f" ({FLAGS[e.field]})" if e.field in FLAGS else "")


def main() -> None:
    sys.stdout = NeutralStream(sys.stdout)  # type: ignore[assignment]
    sys.stderr = NeutralStream(sys.stderr)  # type: ignore[assignment]
    try:
        # prog_name: `python -m signoff` still writes usage lines and completion scripts for `signoff`
        app(args=completion.prepare(sys.argv[1:]), prog_name="signoff", standalone_mode=True)
    except SignoffError as e:
        print(error_line(e), file=sys.stderr)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        print("signoff: interrupted", file=sys.stderr)
        sys.exit(130)
