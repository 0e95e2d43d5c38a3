"""The annotated vendor terms split by vendor into a tuning half and a checking half.

`benchmarks/gold/split.yaml` names each document as `<corpus>/<stem>`: its gold file and its
Markdown document are found through `sources`, a map from corpus name to (gold folder, docs
folder). `gather` puts one half's gold files and documents side by side in a folder, the
layout both signoff's scorer and the reference `gold_score.py` read.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pydantic import Field

from signoff.errors import InputFileError
from signoff.evaluate.common import Prediction
from signoff.evaluate.gold import ClauseCount, GoldResult
from signoff.models import Strict
from signoff.yamlio import load_model

HALVES = ("tuning", "checking")


class Split(Strict):
    """Which annotated documents each half holds (no vendor in both)."""

    tuning: list[str] = Field(description="'<corpus>/<stem>' of the documents rules are written from")
    checking: list[str] = Field(description="'<corpus>/<stem>' of the documents never read while tuning")


def read_split(path: Path) -> Split:
    return load_model(Split, Path(path))


def gather(names: list[str], sources: dict[str, tuple[Path, Path]], dest: Path) -> Path:
    """Copy the gold file and the document of each `<corpus>/<stem>` into dest/gold and
    dest/docs; returns `dest`. A name whose corpus or files are missing is an error."""
    (dest / "gold").mkdir(parents=True, exist_ok=True)
    (dest / "docs").mkdir(parents=True, exist_ok=True)
    for name in names:
        corpus, _, stem = name.partition("/")
        if corpus not in sources:
            known = ", ".join(sorted(sources))
            raise InputFileError(f"split: {name!r}: no corpus {corpus!r} (known: {known})")
        gold_dir, docs_dir = sources[corpus]
        for src, sub in ((gold_dir / f"{stem}.yaml", "gold"), (docs_dir / f"{stem}.md", "docs")):
            if not src.is_file():
                raise InputFileError(f"split: {name!r}: no {src}")
            shutil.copyfile(src, dest / sub / src.name)
    return dest


def by_clause(result: GoldResult) -> dict[str, ClauseCount]:
    """Gold findings, hits and values per clause id over all documents of a result."""
    out: dict[str, ClauseCount] = {}
    for doc in result.docs.values():
        for clause, c in doc.by_clause.items():
            t = out.setdefault(clause, ClauseCount())
            t.gold, t.hit, t.vals, t.vok = t.gold + c.gold, t.hit + c.hit, t.vals + c.vals, t.vok + c.vok
    return dict(sorted(out.items()))


def _letters(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (s or "").lower())


def vendor_named(gold: str | None, predicted: str | None) -> bool:
    """The vendor is named right when one name holds the other, letters and digits only
    ('Anthropic' and 'Anthropic PBC', 'X' and 'X'), the way the scorer compares strings."""
    a, b = _letters(gold), _letters(predicted)
    return bool(a) and bool(b) and (a in b or b in a)


def vendor_rows(
    records: list[Prediction], vendors: dict[str, str | None]
) -> list[tuple[str, str, str, bool]]:
    """(document stem, gold vendor, predicted vendor, right?) for each gold document."""
    predicted = {Path(r["document"]["path"]).stem: r.get("vendor") for r in records}
    return [
        (stem, gold or "", predicted.get(stem) or "", vendor_named(gold, predicted.get(stem)))
        for stem, gold in vendors.items()
    ]
