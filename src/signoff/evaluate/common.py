"""What both scorers share: finding a quote in a text, span overlap, ratios, and the
predictions file (`signoff analyze --format jsonl`).

The definitions are those of the reference scripts `../shared/tools/cuad_score.py` and
`gold_score.py`; `make eval` checks that both give the same numbers on the same input.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from signoff.errors import InputFileError

Span = tuple[int, int]
Prediction = dict[str, Any]


def locate(text: str, quote: str | None) -> Span | None:
    """Where `quote` first occurs in `text`: verbatim, else with any run of whitespace
    matching any other, so a quote re-wrapped by a PDF or DOCX reader is still found.
    Offsets a prediction carries are never trusted: they may point into another text."""
    if not quote:
        return None
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    words = quote.split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (m.start(), m.end()) if m else None


def overlaps(a: Span, b: Span) -> bool:
    """True when the spans share at least half of the shorter one."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def covers_half(pred: Span, gold: Span) -> bool:
    """True when `pred` covers at least half of `gold` (the gold-findings hit rule)."""
    inter = min(pred[1], gold[1]) - max(pred[0], gold[0])
    return inter >= 0.5 * (gold[1] - gold[0])


def ratio(num: float, den: float) -> float:
    """num / den, and 0.0 when there is nothing to divide by."""
    return num / den if den else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1; each 0.0 when undefined."""
    p = ratio(tp, tp + fp)
    r = ratio(tp, tp + fn)
    f = ratio(2 * p * r, p + r)
    return p, r, f


def read_predictions(path: Path) -> list[Prediction]:
    """Records of a predictions file, one JSON object per line (blank lines skipped)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputFileError(f"{path}: predictions file not found") from None
    except IsADirectoryError:
        raise InputFileError(f"{path}: is a directory; --pred takes a .jsonl file") from None
    except UnicodeDecodeError:
        raise InputFileError(
            f"{path}: not UTF-8 text; --pred takes `signoff analyze --format jsonl` output"
        ) from None
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputFileError(f"{path}:{n}: not JSON ({e.msg}); expected one analysis per line") from None
        doc = rec.get("document") if isinstance(rec, dict) else None
        if not isinstance(doc, dict) or not isinstance(doc.get("path"), str):
            raise InputFileError(
                f"{path}:{n}: no document.path; expected `signoff analyze --format jsonl` output"
            )
        if not isinstance(rec.get("findings", []), list):
            raise InputFileError(f"{path}:{n}: findings is not a list")
        out.append(rec)
    return out


def findings_by(records: list[Prediction], key) -> dict[str, list[dict]]:
    """Findings of each document keyed by `key(basename)`; a later record of the same
    document replaces an earlier one, as in the reference scripts."""
    out: dict[str, list[dict]] = {}
    for rec in records:
        out[key(os.path.basename(rec["document"]["path"]))] = rec.get("findings", [])
    return out


def write_predictions(records: list[Prediction], path: Path) -> None:
    """Write records as jsonl, the input the reference scripts take."""
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as e:
        raise InputFileError(f"{path}: cannot write predictions ({e.strerror})") from None


def read_text(path: Path, what: str) -> str:
    """A document's text, with a one-line error naming the file when it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(f"{path}: {what} not found") from None
    except UnicodeDecodeError:
        raise InputFileError(f"{path}: {what} is not UTF-8 text") from None
