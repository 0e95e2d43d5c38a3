"""`make bench`: run every benchmarks/bench_*.py, print one table, write benchmarks/results/bench.json.

Each module exposes `run(shared: Path | None) -> {"name": str, "rows": [row, ...]}` where a row is
{metric, median, runs, unit, target, pass, note} (pass is None when there is no target or the
measurement could not run). A module that crashes gets one failing row with the error, so the
others still report. Exit status is 0 unless a module crashed: a missed target is reported
in the table, not hidden behind a failing exit.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "bench.json"


def _load_module(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_all(shared: Path | None, only: list[str]) -> list[dict]:
    results = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if only and name not in only:
            continue
        print(f"running {path.name} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            result = _load_module(path).run(shared)
        except Exception as e:  # one broken benchmark must not hide the others' numbers
            traceback.print_exc()
            result = {
                "name": name,
                "error": f"{type(e).__name__}: {e}",
                "rows": [
                    {
                        "metric": "benchmark crashed",
                        "median": None,
                        "runs": [],
                        "unit": "",
                        "target": "",
                        "pass": False,
                        "note": f"{type(e).__name__}: {e}",
                    }
                ],
            }
        result["seconds"] = round(time.perf_counter() - t0, 1)
        results.append(result)
    return results


def table(results: list[dict]) -> str:
    lines = [f"{'bench':8} {'metric':50} {'median':>16}  {'target':18} {'ok':4} note", "-" * 120]
    for result in results:
        for r in result["rows"]:
            value = "-" if r["median"] is None else f"{r['median']:g} {r['unit']}"
            ok = {True: "PASS", False: "FAIL", None: "-"}[r["pass"]]
            lines.append(
                f"{result['name']:8} {r['metric'][:50]:50} {value:>16}  {r['target']:18} {ok:4} {r['note']}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=HERE.parent.parent / "shared",
        help="the shared corpus folder (default ../shared)",
    )
    parser.add_argument("--only", nargs="*", default=[], help="run only these, e.g. --only ingest analyze")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON results")
    args = parser.parse_args(argv)
    shared = args.shared if args.shared.is_dir() else None
    if shared is None:
        print(f"note: {args.shared} is absent; benchmarks that need it report 'skipped'")
    results = run_all(shared, args.only)
    print(table(results))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "shared": str(shared) if shared else None,
                "python": platform.python_version(),
                "machine": platform.machine(),
                "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "benchmarks": results,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.out}")
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
