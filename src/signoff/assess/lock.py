"""The workspace lock: one writer at a time, across processes (CLI, TUI, report).

A lock file created with O_EXCL holds the writer's pid; a lock whose process is gone
(a crashed writer) is taken over, any other makes the next writer wait, then give up
with a message that says how to clear it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from signoff.errors import SignoffError

LOCK_FILE = ".signoff.lock"
LOCK_WAIT_SECONDS = 5.0


class ConflictError(SignoffError):
    """Someone else is writing, or changed the same answer or decision since this workspace was read."""


@contextmanager
def workspace_lock(dir: Path) -> Iterator[None]:
    lock = Path(dir) / LOCK_FILE
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            if _stale(lock):
                lock.unlink(missing_ok=True)
                continue
            if time.monotonic() > deadline:
                raise ConflictError(
                    f"{dir} is locked by another signoff process; retry, or delete {lock} if none is running"
                ) from None
            time.sleep(0.05)
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _stale(lock: Path) -> bool:
    """A lock whose process is gone (crashed writer) may be taken over."""
    try:
        pid = int(lock.read_text() or "0")
    except (OSError, ValueError):
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
