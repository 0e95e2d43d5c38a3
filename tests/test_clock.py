"""SIGNOFF_TODAY: evaluate as of a given day, and a clear error for a bad one."""

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from signoff import clock
from signoff.errors import SignoffError

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "example-workspace"


def test_today_and_timestamps_follow_signoff_today(monkeypatch):
    monkeypatch.setenv("SIGNOFF_TODAY", "2030-01-02")
    assert clock.today() == date(2030, 1, 2)
    assert clock.now().date() == date(2030, 1, 2)
    assert clock.now().utcoffset().total_seconds() == 0


def test_unset_means_the_real_day(monkeypatch):
    monkeypatch.delenv("SIGNOFF_TODAY")
    assert clock.today() == date.today()


@pytest.mark.parametrize("raw", ["23/11/2026", "tomorrow", "2026-02-30"], ids=["dmy", "word", "no-such-day"])
def test_bad_value_is_a_one_line_error_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("SIGNOFF_TODAY", raw)
    with pytest.raises(SignoffError, match=r"SIGNOFF_TODAY=.* is not a date; write it as YYYY-MM-DD"):
        clock.today()


def test_cli_evaluates_the_example_as_of_signoff_today(tmp_path, monkeypatch):
    if not (EXAMPLE / "assessment.yaml").is_file():
        pytest.skip("fixtures/example-workspace is not built")
    ws = shutil.copytree(EXAMPLE, tmp_path / "ws")

    def gaps(day: str) -> subprocess.CompletedProcess[str]:
        monkeypatch.setenv("SIGNOFF_TODAY", day)
        return subprocess.run(
            [sys.executable, "-m", "signoff", "gaps", str(ws)], capture_output=True, text=True
        )

    bad = gaps("soon")
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        "signoff: error: SIGNOFF_TODAY='soon' is not a date; "
        "write it as YYYY-MM-DD (e.g. 2026-11-23) or unset it"
    ]
    # The example's acceptance runs to 2027-05-22: in force on the day it was built, lapsed after.
    assert "contract.subprocessor_notice  [minor, accepted]" in gaps("2026-11-23").stdout
    assert "contract.subprocessor_notice  [minor, open]" in gaps("2027-05-23").stdout
