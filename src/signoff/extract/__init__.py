"""Clause extraction: a `Document` in, an `Analysis` (findings with values and citations) out.

    from signoff.extract import analyze_each, analyze_file, analyze_many, get_analyzer, clause_catalogue
    analysis = analyze_file("contracts/vendor.pdf", vendor="Acme")
    results = analyze_many(paths, jobs=2)          # Analysis or SignoffError per path, in order
    for i, result in analyze_each(paths, jobs=2): ...  # the same, each as soon as it is done

The rules live in `clause_library/*.yaml`; the spaCy pipeline (and so this
module's heavy imports) is built on the first `get_analyzer` call.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from signoff.errors import SignoffError

if TYPE_CHECKING:
    from signoff.extract.analyzer import Analyzer
    from signoff.extract.library import ClauseInfo
    from signoff.models import Analysis

__all__ = [
    "analyze_each",
    "analyze_file",
    "analyze_many",
    "clause_catalogue",
    "clause_families",
    "get_analyzer",
]

_ANALYZERS: dict[Path, Analyzer] = {}


def _library_dir(library_dir: Path | None) -> Path:
    from signoff.extract.library import library_folder

    return library_folder(library_dir)


def get_analyzer(library_dir: Path | None = None) -> Analyzer:
    """The analyzer for a clause library folder (default: the bundled one), built once per process."""
    key = _library_dir(library_dir)
    if key not in _ANALYZERS:
        from signoff.extract.analyzer import Analyzer

        _ANALYZERS[key] = Analyzer(key)
    return _ANALYZERS[key]


def clause_catalogue(library_dir: Path | None = None) -> list[ClauseInfo]:
    """Every clause id signoff reports, with its family, title, fields and a one-line description."""
    from signoff.extract.library import load_catalogue

    return load_catalogue(_library_dir(library_dir)).clauses


def clause_families(library_dir: Path | None = None) -> dict[str, str]:
    """Family id -> title, in the order a reader meets them."""
    from signoff.extract.library import load_catalogue

    return load_catalogue(_library_dir(library_dir)).family_titles()


def analyze_file(
    path: str | os.PathLike[str],
    *,
    vendor: str | None = None,
    password: str | None = None,
    library_dir: Path | None = None,
    within: Path | None = None,
) -> Analysis:
    """Load a contract file and analyse it; bad input raises `SignoffError`.

    `within`: the folder the file was found in, which a symlink may point into (see `ingest.load`)."""
    from signoff.ingest import load

    return get_analyzer(library_dir).analyze(load(path, password=password, within=within), vendor=vendor)


def _worker_init(library_dir: Path) -> None:
    get_analyzer(library_dir)


def _analyze_one(
    path: str, vendor: str | None, password: str | None, library_dir: Path, within: Path | None = None
) -> Analysis | SignoffError:
    try:
        return analyze_file(path, vendor=vendor, password=password, library_dir=library_dir, within=within)
    except SignoffError as e:
        return e


def analyze_each(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    vendor: str | None = None,
    password: str | None = None,
    library_dir: Path | None = None,
    folders: Mapping[str, Path] | None = None,
) -> Iterator[tuple[int, Analysis | SignoffError]]:
    """Analyse many files, yielding (index of the path, its result) as soon as each one is done.

    With `jobs` > 1 the results come in the order the workers finish them, not the order of `paths`.
    A bad file yields its `SignoffError` and never stops the batch. Closing the iterator early
    (a reader that stops after the first result) cancels the files not yet started.
    `folders` maps a path found by walking a folder to that folder, which its symlink may point into.
    """
    items = [str(p) for p in paths]
    within = [(folders or {}).get(p) for p in items]
    lib = _library_dir(library_dir)
    get_analyzer(lib)  # a broken clause library fails here, once, with its message
    if jobs <= 1 or len(items) <= 1:
        for i, p in enumerate(items):
            yield i, _analyze_one(p, vendor, password, lib, within[i])
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(max_workers=min(jobs, len(items)), initializer=_worker_init, initargs=(lib,))
    try:
        futures = {
            pool.submit(_analyze_one, p, vendor, password, lib, within[i]): i for i, p in enumerate(items)
        }
        for fut in as_completed(futures):
            yield futures[fut], fut.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def analyze_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    vendor: str | None = None,
    password: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    library_dir: Path | None = None,
    folders: Mapping[str, Path] | None = None,
) -> list[Analysis | SignoffError]:
    """Analyse many files; result i belongs to path i.

    A bad file becomes its `SignoffError` in the results and never stops the batch.

    `jobs` > 1 spreads files over worker processes that each build the analyzer once.
    `on_progress(done, total)` is called after each file. `folders` as for `analyze_each`.
    """
    items = [str(p) for p in paths]
    total = len(items)
    results: list[Analysis | SignoffError | None] = [None] * total
    each = analyze_each(
        items, jobs=jobs, vendor=vendor, password=password, library_dir=library_dir, folders=folders
    )
    for done, (i, result) in enumerate(each, start=1):
        results[i] = result
        if on_progress:
            on_progress(done, total)
    return results  # type: ignore[return-value]
