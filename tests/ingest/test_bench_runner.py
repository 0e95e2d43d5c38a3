"""`make bench` without ../shared: says so, still reports what it can, exits 0."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_without_shared_says_so_and_exits_0(tmp_path):
    out = tmp_path / "bench.json"
    r = subprocess.run(
        [
            sys.executable,
            "benchmarks/run.py",
            "--shared",
            str(tmp_path / "absent"),
            "--only",
            "ingest",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    assert "absent" in r.stdout
    assert "skipped: ../shared/corpus/cuad/pdf absent" in r.stdout
    result = json.loads(out.read_text())
    assert result["shared"] is None
    (ingest,) = result["benchmarks"]
    rows = {row["metric"]: row for row in ingest["rows"]}
    assert rows["load bundled .md contract"]["median"] > 0
    assert rows["PDF ingestion pages/s (median over files)"]["pass"] is None
