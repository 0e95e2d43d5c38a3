"""Check our scorers against the reference scripts (`cuad_score.py`, `gold_score.py`).

The reference scripts define the numbers; `make eval` and the shared tests run them on
the same predictions file and require every number they report to be ours too.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from signoff.evaluate.cuad import CuadResult
from signoff.evaluate.gold import GoldResult


def run_reference(script: Path, pred: Path, *args: str | Path) -> dict[str, Any]:
    """The JSON a reference scorer writes for `pred` (its other positional arguments and
    options in `args`); raises RuntimeError with its stderr when it fails."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.json"
        cmd = [sys.executable, str(script), str(pred), *map(str, args), "--json", str(out)]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode or not out.is_file():
            raise RuntimeError(f"{script.name} failed ({r.returncode}): {r.stderr.strip()[-500:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def differences(ours: Any, theirs: Any, where: str = "") -> list[str]:
    """Every value the reference reports that we do not (numbers equal to 1e-9); keys only
    we report are ignored."""
    if isinstance(theirs, dict):
        if not isinstance(ours, dict):
            return [f"{where}: ours {ours!r}, reference {theirs!r}"]
        out = []
        for k, v in theirs.items():
            key = f"{where}.{k}" if where else str(k)
            out += [f"{key}: missing from ours"] if k not in ours else differences(ours[k], v, key)
        return out
    both_numbers = all(isinstance(x, int | float) and not isinstance(x, bool) for x in (ours, theirs))
    if both_numbers and abs(ours - theirs) <= 1e-9:
        return []
    return [] if ours == theirs else [f"{where}: ours {ours!r}, reference {theirs!r}"]


def cuad_differences(ours: CuadResult, script: Path, pred: Path, labels: Path, contracts: Path) -> list[str]:
    return differences(ours.model_dump(mode="json"), run_reference(script, pred, labels, contracts))


def gold_differences(
    ours: GoldResult, script: Path, pred: Path, gold_dir: Path, docs_dir: Path, variant: str = "md"
) -> list[str]:
    options = ["--variant", variant] if variant != "md" else []
    return differences(
        ours.model_dump(mode="json"), run_reference(script, pred, gold_dir, docs_dir, *options)
    )
