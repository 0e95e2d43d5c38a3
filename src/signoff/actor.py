"""Who is acting, when nobody said: one rule for the CLI and the TUI."""

import getpass
import os


def default_actor() -> str:
    """$SIGNOFF_USER, else the OS user name; recorded in the journal with every change."""
    return os.environ.get("SIGNOFF_USER", "").strip() or getpass.getuser()
