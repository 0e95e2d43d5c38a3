"""Command-line interface. Holds no business logic: each command calls the core."""

import sys

from signoff.cli import (  # noqa: F401  (each module registers its commands)
    analyze_cmd,
    eval_cmd,
    ingest_cmd,
    report_cmd,
    tui_cmd,
    workspace_cmd,
)
from signoff.cli.app import app
from signoff.errors import SignoffError


def main() -> None:
    try:
        app(standalone_mode=True)
    except SignoffError as e:
        print(f"signoff: error: {e.message}", file=sys.stderr)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        print("signoff: interrupted", file=sys.stderr)
        sys.exit(130)
