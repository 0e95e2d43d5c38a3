"""Saves survive a writer killed at any moment, however many times in a row (see crash_campaign.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

CAMPAIGN = Path(__file__).with_name("crash_campaign.py")
RANDOM_ROUNDS = 240

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork"), reason="kills forked writers with SIGKILL, which needs a POSIX system"
)


@pytest.fixture
def fast_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory when there is one: a kill loses no more there than on disk (the page
    cache outlives the process), and hundreds of rounds of syncs then take seconds, not minutes."""
    if sys.platform.startswith("linux") and os.access("/dev/shm", os.W_OK):
        with tempfile.TemporaryDirectory(dir="/dev/shm") as d:
            yield Path(d)
    else:
        yield tmp_path


def test_writers_killed_at_any_step_lose_no_saved_answer_and_raise_no_false_alarm(fast_dir):
    # A fresh interpreter forks in milliseconds; this test process, once it has loaded spaCy, does not.
    done = subprocess.run(
        [sys.executable, str(CAMPAIGN), str(fast_dir), str(RANDOM_ROUNDS)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["rounds"] >= RANDOM_ROUNDS + 2 * summary["steps_per_save"]
    assert summary["twice_in_a_row"] > RANDOM_ROUNDS // 4
    assert summary["kills"] > RANDOM_ROUNDS  # the writers really died, in most rounds
    assert (summary["lost"], summary["false_alarms"], summary["blocked"], summary["broken"]) == (
        [],
        [],
        [],
        [],
    )
    assert summary["leftovers"] == []
    assert summary["init_rounds"] >= 10 and summary["init_failures"] == []
