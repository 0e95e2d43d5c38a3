"""Run `analyze` over the documents to evaluate, giving records in the predictions format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from signoff.errors import SignoffError
from signoff.evaluate.common import Prediction


def predict(
    paths: list[Path], *, jobs: int = 1, on_progress: Callable[..., None] | None = None
) -> tuple[list[Prediction], list[str]]:
    """Analysis records (the `analyze --format jsonl` objects) for the documents that could
    be analysed, and one message for each that could not."""
    from signoff.extract import analyze_many

    records: list[Prediction] = []
    errors: list[str] = []
    for path, result in zip(paths, analyze_many(paths, jobs=jobs, on_progress=on_progress), strict=True):
        if isinstance(result, SignoffError):
            errors.append(result.message if str(path) in result.message else f"{path}: {result.message}")
        else:
            records.append(result.model_dump(mode="json"))
    return records, errors
