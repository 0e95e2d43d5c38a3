"""Speed and fidelity of PDF ingestion, for `make bench` (benchmarks/run.py calls `run(shared)`).

On the CUAD PDFs in ../shared (24 contracts that also exist as the dataset's own .txt):
  pages/s   median over files of pages / seconds, each file timed as the median of 3
            `signoff.ingest.load` calls (sections included, pdfium imported beforehand)  >= 100
  MB/s      the same timings over the file sizes                                       (reported)
  fidelity  similarity of our text to the dataset's .txt of the same contract after
            collapsing whitespace: rapidfuzz's normalised Indel similarity, i.e.
            difflib's ratio 2*M/T computed exactly (M = longest common subsequence); min
            and median over files                                                       >= 0.97
Without ../shared the rows say so and only the bundled Markdown fixture is timed.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "contracts" / "nimbus-ai-services-agreement.md"
REPEATS = 3
PAGES_TARGET, FIDELITY_TARGET = 100.0, 0.97


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def similarity(a: str, b: str) -> float:
    from rapidfuzz.distance import Indel

    return Indel.normalized_similarity(normalise(a), normalise(b))


def _timed_load(path: Path) -> tuple[float, object]:
    from signoff.ingest import load

    times, doc = [], None
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        doc = load(path)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), doc


def _row(
    metric: str, value: float | None, unit: str, target: str, passed: bool | None, note: str, **extra
) -> dict:
    return {
        "metric": metric,
        "median": None if value is None else round(value, 4),
        "runs": extra.pop("runs", []),
        "unit": unit,
        "target": target,
        "pass": passed,
        "note": note,
        **extra,
    }


def bench_fixture() -> dict:
    seconds, _ = _timed_load(FIXTURE)
    return _row(
        "load bundled .md contract",
        seconds * 1000,
        "ms",
        "(reported)",
        None,
        f"{FIXTURE.name}, median of {REPEATS}",
    )


def bench_pdfs(pdf_dir: Path, txt_dir: Path) -> list[dict]:
    import pypdfium2  # noqa: F401  (import time is start-up cost, not ingestion speed)

    pages_per_s, mb_per_s, fidelity, per_file = [], [], [], {}
    total_pages = 0
    for pdf in sorted(p for p in pdf_dir.iterdir() if p.suffix.lower() == ".pdf"):
        seconds, doc = _timed_load(pdf)
        n = len(doc.pages)
        total_pages += n
        pages_per_s.append(n / seconds)
        mb_per_s.append(pdf.stat().st_size / 1e6 / seconds)
        reference = txt_dir / f"{pdf.stem}.txt"
        if reference.is_file():
            score = similarity(doc.text, reference.read_text(encoding="utf-8", errors="replace"))
            fidelity.append(score)
            per_file[pdf.name] = round(score, 4)
    files = len(pages_per_s)
    note = f"{files} PDFs, {total_pages} pages; per file median of {REPEATS} loads"
    pages_med = statistics.median(pages_per_s)
    rows = [
        _row(
            "PDF ingestion pages/s (median over files)",
            pages_med,
            "pages/s",
            f">= {PAGES_TARGET:g} pages/s",
            pages_med >= PAGES_TARGET,
            note,
            runs=[round(x, 1) for x in pages_per_s],
        ),
        _row(
            "PDF ingestion MB/s (median over files)",
            statistics.median(mb_per_s),
            "MB/s",
            "(reported)",
            None,
            note,
            runs=[round(x, 2) for x in mb_per_s],
        ),
    ]
    if fidelity:
        worst = min(per_file, key=per_file.get)
        rows += [
            _row(
                "PDF text fidelity vs CUAD .txt, min",
                min(fidelity),
                "ratio",
                f">= {FIDELITY_TARGET:g}",
                min(fidelity) >= FIDELITY_TARGET,
                f"worst: {worst[:40]}",
                per_file=per_file,
            ),
            _row(
                "PDF text fidelity vs CUAD .txt, median",
                statistics.median(fidelity),
                "ratio",
                f">= {FIDELITY_TARGET:g}",
                statistics.median(fidelity) >= FIDELITY_TARGET,
                f"{len(fidelity)} files with a .txt twin",
            ),
        ]
    return rows


def run(shared: Path | None) -> dict:
    """Ingestion speed and fidelity: {"name", "rows": [{metric, median, runs, unit, target, pass, note}]};
    rows that need ../shared have pass None and say why when it is absent."""
    rows = [bench_fixture()]
    cuad = Path(shared) / "corpus" / "cuad" if shared else None
    if cuad and (cuad / "pdf").is_dir():
        rows += bench_pdfs(cuad / "pdf", cuad / "contracts")
    else:
        for metric, unit, target in (
            ("PDF ingestion pages/s (median over files)", "pages/s", f">= {PAGES_TARGET:g} pages/s"),
            ("PDF text fidelity vs CUAD .txt, min", "ratio", f">= {FIDELITY_TARGET:g}"),
        ):
            rows.append(_row(metric, None, unit, target, None, "skipped: ../shared/corpus/cuad/pdf absent"))
    return {"name": "ingest", "rows": rows}


if __name__ == "__main__":
    shared_arg = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    for r in run(shared_arg)["rows"]:
        print(r)
