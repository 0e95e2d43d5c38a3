"""The workspace lock: one writer at a time, across processes (CLI, TUI, report).

An advisory lock on `.signoff.lock` in the workspace folder (flock; msvcrt.locking of its
first byte on Windows). The operating system releases it when the holder's file is closed,
however that happens, so a writer killed mid-save never leaves the workspace locked, two
writers can never both hold it, and what the file contains (an old pid, nothing) does not
matter. The file is never removed: deleting a lock file others wait on would let two writers
lock two different files.

Writers hold it exclusively. Readers that compare several files (the journal with its head,
the journal with assessment.yaml) hold it shared, so they never see a save half done; they
never create the file, so reading a workspace leaves no trace in it. Windows has no shared
mode: readers lock exclusively there, which only makes them take turns.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from signoff.errors import SignoffError

LOCK_FILE = ".signoff.lock"
LOCK_WAIT_SECONDS = 5.0

# A symlink planted as the lock file must not make signoff open the file it points to.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int, shared: bool) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int, shared: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class ConflictError(SignoffError):
    """Someone else is writing, or changed the same answer or decision since this workspace was read."""


class LockUnavailable(SignoffError):
    """The lock file cannot be opened or locked (a read-only folder, something else in its place)."""


# Workspaces this thread holds locked, and whether shared: a reader called while saving goes
# through instead of waiting for its own lock.
_held = threading.local()


@contextmanager
def workspace_lock(dir: Path, shared: bool = False) -> Iterator[None]:
    """Hold the lock of the workspace in `dir` (exclusive for writers, shared for readers)."""
    key = os.path.abspath(dir)
    held: dict[str, bool] = _held.__dict__.setdefault("dirs", {})
    if key in held:
        if held[key] and not shared:
            raise RuntimeError(f"{dir}: a save was started while only reading the workspace")
        yield
        return
    path = Path(dir) / LOCK_FILE
    fd = _open(path, create=not shared)
    if fd is None:
        # Nothing has ever written here with this lock, so no save can be half done.
        yield
        return
    try:
        _wait_for(fd, path, shared)
        held[key] = shared
        try:
            yield
        finally:
            del held[key]
            _unlock(fd)
    finally:
        os.close(fd)


def _open(path: Path, create: bool) -> int | None:
    # Read-only is enough to lock, and works on a workspace that is read-only to this user.
    flags = os.O_RDONLY | _NOFOLLOW | (os.O_CREAT if create else 0)
    try:
        return os.open(path, flags, 0o644)
    except FileNotFoundError:
        if create:
            raise SignoffError(f"{path.parent}: folder not found") from None
        return None
    except OSError as e:
        raise LockUnavailable(
            f"{path}: cannot open the workspace lock ({e.strerror}); signoff needs a plain file "
            f"here it can create: remove whatever is in its place, or check the folder's permissions"
        ) from None


def _wait_for(fd: int, path: Path, shared: bool) -> None:
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    pause = 0.001
    while True:
        try:
            if _try_lock(fd, shared):
                return
        except OSError as e:
            raise LockUnavailable(f"{path}: cannot lock the workspace ({e.strerror})") from None
        if time.monotonic() > deadline:
            raise ConflictError(
                f"{path.parent} is busy: another signoff process has been saving to it for "
                f"{LOCK_WAIT_SECONDS:g} s; retry when it has finished"
            )
        time.sleep(pause)
        pause = min(pause * 2, 0.01)
