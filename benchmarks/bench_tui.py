"""Start-to-first-screen time of the readiness app, for `make bench` (run.py calls `run(shared)`).

Each run is a fresh Python process, timed from just before it is spawned until the app,
running headless at 120x40 on a copy of the example workspace, has shown its first
screen (Textual's auto-pilot starts once the app is ready). Interpreter start, every
import and the first evaluation are inside the number. Target: median <= 1.0 s.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "fixtures" / "example-workspace"
TARGET_S = 1.0
RUNS = 7

# Mirrors `signoff tui DIR`: the CLI package is imported first, then the app is built.
CHILD = """
import sys
from pathlib import Path
import signoff.cli
from signoff.tui import build_app

async def first_screen(pilot):
    print(type(pilot.app.screen).__name__, flush=True)
    pilot.app.exit()

build_app(Path(sys.argv[1])).run(headless=True, size=(120, 40), auto_pilot=first_screen)
"""


def _row(metric: str, runs: list[float], note: str) -> dict:
    median = statistics.median(runs)
    return {
        "metric": metric,
        "median": round(median, 3),
        "runs": [round(x, 3) for x in runs],
        "unit": "s",
        "target": f"<= {TARGET_S:g} s",
        "pass": median <= TARGET_S,
        "note": note,
    }


def time_one(workspace: Path, state: Path) -> tuple[float, str]:
    env = {**os.environ, "SIGNOFF_STATE_DIR": str(state)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(workspace)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    first = proc.stdout.readline().strip() if proc.stdout else ""
    elapsed = time.perf_counter() - t0
    _, err = proc.communicate(timeout=60)
    if proc.returncode != 0 or not first:
        raise RuntimeError(f"the app did not start: {err.strip().splitlines()[-1:]}")
    return elapsed, first


def run(shared: Path | None) -> dict:
    """{"name": "tui", "rows": [...]} in the same row shape as the other benchmarks."""
    metric = "TUI start to first screen (fresh process)"
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "example-workspace"
        shutil.copytree(EXAMPLE, workspace)
        runs, screen = [], ""
        try:
            time_one(workspace, Path(tmp) / "state")  # warm the OS file cache, as a second launch would
            for _ in range(RUNS):
                elapsed, screen = time_one(workspace, Path(tmp) / "state")
                runs.append(elapsed)
        except RuntimeError as e:
            return {"name": "tui", "rows": [{"metric": metric, "median": None, "runs": [], "unit": "s",
                                             "target": f"<= {TARGET_S:g} s", "pass": None, "note": str(e)}]}
    return {"name": "tui", "rows": [_row(metric, runs, f"example workspace, first screen {screen}, 120x40")]}


if __name__ == "__main__":
    for r in run(None)["rows"]:
        verdict = {True: "PASS", False: "FAIL", None: "-"}[r["pass"]]
        median = "-" if r["median"] is None else f"{r['median']:g} {r['unit']}"
        print(f"{r['metric']:45} {median:>9}  {r['target']:9} {verdict:5} {r['note']}  runs={r['runs']}")
