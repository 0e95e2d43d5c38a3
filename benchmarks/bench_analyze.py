"""Speed of `signoff analyze`, for `make bench` (benchmarks/run.py calls `run(shared)`).

Three numbers, each a median of several runs, against the targets of the issue:
  load    building the pipeline (imports included) in a fresh Python process   <= 1.5 s
  50 KB   analysing one ~50 KB contract once the pipeline is loaded            <= 100 ms
  corpus  the shared CUAD contracts with analyze_many(jobs=2), fresh process   <= 30 s
The corpus run needs ../shared and is skipped without it; the 50 KB contract is the
CUAD contract closest to 50 KB, or, without ../shared, the bundled fixture contract
repeated to 50 KB.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "contracts" / "nimbus-ai-services-agreement.md"
TARGET_BYTES = 50_000
LOAD_TARGET_S, DOC_TARGET_MS, CORPUS_TARGET_S = 1.5, 100.0, 30.0
LOAD_RUNS, DOC_RUNS, CORPUS_RUNS = 5, 9, 3
JOBS = 2

# Run in a fresh interpreter: the clock starts before signoff (and spaCy) is imported.
LOAD_SCRIPT = """
import time
t0 = time.perf_counter()
from signoff.extract import get_analyzer
get_analyzer()
print(time.perf_counter() - t0)
"""
CORPUS_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
from signoff.extract import analyze_many
paths = json.load(open(sys.argv[1]))
results = analyze_many(paths, jobs=int(sys.argv[2]))
failed = sum(1 for r in results if isinstance(r, Exception))
print(json.dumps({"wall_s": time.perf_counter() - t0, "failed": failed}))
"""


def _python(script: str, *args: str) -> str:
    r = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT)
    if r.returncode:
        raise RuntimeError(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else f"exit {r.returncode}")
    return r.stdout.strip().splitlines()[-1]


def _row(metric: str, runs: list[float], unit: str, target: float, note: str = "") -> dict:
    median = statistics.median(runs)
    return {
        "metric": metric,
        "median": round(median, 3),
        "runs": [round(x, 3) for x in runs],
        "unit": unit,
        "target": f"<= {target:g} {unit}",
        "pass": median <= target,
        "note": note,
    }


def _skipped(metric: str, unit: str, target: float, why: str) -> dict:
    return {
        "metric": metric,
        "median": None,
        "runs": [],
        "unit": unit,
        "target": f"<= {target:g} {unit}",
        "pass": None,
        "note": why,
    }


def pick_50kb(shared: Path | None, tmp: Path) -> Path:
    """The CUAD contract closest to 50 KB, or the fixture contract repeated to 50 KB."""
    contracts = shared / "corpus" / "cuad" / "contracts" if shared else None
    if contracts and contracts.is_dir():
        return min(contracts.iterdir(), key=lambda p: abs(p.stat().st_size - TARGET_BYTES))
    text = FIXTURE.read_text(encoding="utf-8")
    out = tmp / "contract-50kb.md"
    out.write_text((text + "\n\n") * (TARGET_BYTES // len(text.encode()) + 1), encoding="utf-8")
    return out


def bench_load() -> dict:
    runs = [float(_python(LOAD_SCRIPT)) for _ in range(LOAD_RUNS)]
    return _row("pipeline load (fresh process)", runs, "s", LOAD_TARGET_S)


def bench_one(path: Path) -> dict:
    from signoff.extract import analyze_file, get_analyzer

    get_analyzer()
    analyze_file(path)  # warm-up: first-call caches are part of loading, not of analysing
    runs: list[float] = []
    for _ in range(DOC_RUNS):
        t0 = time.perf_counter()
        analyze_file(path)
        runs.append((time.perf_counter() - t0) * 1000)
        if len(runs) >= 3 and min(runs) > 10 * DOC_TARGET_MS:
            break  # far off target: three runs make the median, more only keep the machine busy
    return _row(
        "one ~50 KB contract, pipeline loaded",
        runs,
        "ms",
        DOC_TARGET_MS,
        f"{path.name[:48]} ({path.stat().st_size // 1000} KB)",
    )


def bench_corpus(shared: Path | None, tmp: Path) -> dict:
    metric = f"CUAD corpus, analyze_many jobs={JOBS} (fresh process)"
    contracts = shared / "corpus" / "cuad" / "contracts" if shared else None
    if not (contracts and contracts.is_dir()):
        return _skipped(metric, "s", CORPUS_TARGET_S, "skipped: ../shared absent")
    paths = sorted(str(p) for p in contracts.iterdir())
    listing = tmp / "paths.json"
    listing.write_text(json.dumps(paths), encoding="utf-8")
    runs, failed = [], 0
    for _ in range(CORPUS_RUNS):
        out = json.loads(_python(CORPUS_SCRIPT, str(listing), str(JOBS)))
        runs.append(out["wall_s"])
        failed = out["failed"]
        if out["wall_s"] > 3 * CORPUS_TARGET_S:
            break  # far off target: more runs would only keep the shared machine busy
    return _row(metric, runs, "s", CORPUS_TARGET_S, f"{len(paths)} contracts, {failed} failed")


def run(shared: Path | None) -> dict:
    """Speed of analyze against its targets: {"name", "rows": [{metric, median, runs, unit,
    target, pass, note}]}; a row whose measurement could not run has pass None and says why."""
    # absolute, since the measurements run in subprocesses started from the repository
    shared = Path(shared).resolve() if shared is not None and Path(shared).is_dir() else None
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        for metric, unit, target, bench in (
            ("pipeline load (fresh process)", "s", LOAD_TARGET_S, bench_load),
            (
                "one ~50 KB contract, pipeline loaded",
                "ms",
                DOC_TARGET_MS,
                lambda: bench_one(pick_50kb(shared, tmp_path)),
            ),
            (
                f"CUAD corpus, analyze_many jobs={JOBS} (fresh process)",
                "s",
                CORPUS_TARGET_S,
                lambda: bench_corpus(shared, tmp_path),
            ),
        ):
            try:
                rows.append(bench())
            except (ImportError, RuntimeError) as e:
                rows.append(_skipped(metric, unit, target, f"could not run: {e}"))
    return {"name": "analyze", "rows": rows}


if __name__ == "__main__":
    shared_arg = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    for r in run(shared_arg)["rows"]:
        verdict = {True: "PASS", False: "FAIL", None: "-"}[r["pass"]]
        median = "-" if r["median"] is None else f"{r['median']:g} {r['unit']}"
        print(f"{r['metric']:52} {median:>12}  {r['target']:12} {verdict:5} {r['note']}")
