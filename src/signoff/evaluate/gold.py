"""Score predictions against gold findings, exactly as `../shared/tools/gold_score.py` does.

recall     gold findings hit by a prediction of the same clause id whose quote covers at
           least half of the gold quote
values     of the gold values that are not null, the share the hit prediction got right
absent-ok  of the clause ids the gold marks absent, the share with no prediction
false-pos  predictions whose clause id the gold marks absent, over all predictions
page acc   (docx and pdf twins) of the hits, the share whose page is right
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from signoff.errors import InputFileError
from signoff.evaluate.common import Prediction, covers_half, findings_by, ratio, read_text
from signoff.evaluate.twins import Reference, Verbatim
from signoff.models import Strict
from signoff.yamlio import load_model

Variant = Literal["md", "docx", "pdf"]


class GoldFinding(Strict):
    """One finding the analyzer should report."""

    clause: str = Field(description="clause id from the findings spec, e.g. 'liability_cap'")
    quote: str = Field(description="verbatim text (Markdown as written) that locates the finding")
    party: str | None = Field(default=None, description="vendor, customer or mutual")
    values: dict[str, Any] | None = Field(
        default=None, description="expected values; null ones are not scored"
    )
    note: str | None = Field(default=None, description="the annotator's reasoning; not scored")


class GoldFile(Strict):
    """Gold findings for one document (one YAML file in the gold folder)."""

    document: str = Field(description="file name of the annotated Markdown document in the docs folder")
    vendor: str | None = Field(default=None, description="the party that is the vendor")
    findings: list[GoldFinding] = Field(default_factory=list)
    absent: list[str] | None = Field(default=None, description="clause ids the document does not contain")
    notes: list[str] = Field(default_factory=list, description="judgement calls on the whole document")
    review_notes: list[str] = Field(default_factory=list, description="the second reader's changes")


class ClauseCount(Strict):
    gold: int = 0
    hit: int = 0
    vals: int = 0
    vok: int = 0


class GoldDocument(Strict):
    gold: int = Field(description="gold findings")
    hit: int = Field(description="gold findings hit")
    vals: int = Field(description="non-null gold values of hit findings")
    vok: int = Field(description="of those, the values predicted right")
    absent: int = Field(description="clause ids marked absent")
    absent_ok: int = Field(description="of those, the ones with no prediction")
    pred: int = Field(description="predictions for this document")
    fp: int = Field(description="predictions of a clause marked absent")
    page_ok: int | None = Field(default=None, description="hits with the right page (twins only)")
    unlocated: int | None = Field(default=None, description="gold quotes not found in the twin's text")
    missed: list[str] = Field(default_factory=list, description="clause ids of the gold findings not hit")
    by_clause: dict[str, ClauseCount] = Field(
        default_factory=dict, description="the same counts per clause id (not in the reference script)"
    )


class GoldSummary(Strict):
    recall: float
    value_acc: float
    absent_ok: float
    false_pos_rate: float
    gold: int
    predictions: int
    variant: Variant = "md"
    page_acc: float | None = None
    gold_unlocated: int | None = None


class GoldResult(Strict):
    summary: GoldSummary
    docs: dict[str, GoldDocument]
    warnings: list[str] = Field(default_factory=list)


def _norm(v: Any) -> Any:
    if isinstance(v, str):
        return re.sub(r"[^a-z0-9]", "", v.lower())
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in v.items()}
    if isinstance(v, list):
        return sorted(_norm(x) for x in v)
    return v


def value_ok(gold: Any, got: Any) -> bool:
    """Strings match case- and punctuation-insensitively, one inside the other; lists as
    sets (the gold a subset); dicts key by key, null gold keys ignored; numbers exactly."""
    if isinstance(gold, list):
        return isinstance(got, list) and set(_norm(gold)) <= set(_norm(got))
    if isinstance(gold, str) and isinstance(got, str):
        a, b = _norm(gold), _norm(got)
        return bool(a) and bool(b) and (a in b or b in a)
    if isinstance(gold, dict) and isinstance(got, dict):
        return all(v is None or value_ok(v, got.get(k)) for k, v in gold.items())
    if isinstance(gold, (int, float)) and isinstance(got, (int, float)) and not isinstance(got, bool):
        return abs(gold - got) <= 1e-6 * max(1, abs(gold))
    return _norm(gold) == _norm(got)


def read_gold(gold_dir: Path) -> dict[str, GoldFile]:
    """Gold files of a folder by file name, in name order."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputFileError(
            f"{gold_dir}: not a folder; GOLD_DIR holds one .yaml of gold findings per document"
        )
    files = sorted(p for p in gold_dir.iterdir() if p.name.endswith(".yaml"))
    if not files:
        raise InputFileError(f"{gold_dir}: no .yaml gold files in this folder")
    return {p.name: load_model(GoldFile, p) for p in files}


def _stem(name: str) -> str:
    return os.path.splitext(name)[0]


def twin_path(docs_dir: Path, gold: GoldFile, variant: Variant) -> Path:
    """The document the predictions for `gold` are made on."""
    if variant == "md":
        return Path(docs_dir) / gold.document
    return Path(docs_dir) / f"{_stem(gold.document)}.{variant}"


def _score_document(
    g: GoldFile, found: list[dict], ref: Reference | Verbatim, twin: bool, warnings: list[str]
) -> GoldDocument:
    d = GoldDocument(
        gold=0,
        hit=0,
        vals=0,
        vok=0,
        absent=0,
        absent_ok=0,
        pred=len(found),
        fp=0,
        page_ok=0 if twin else None,
        unlocated=0 if twin else None,
    )
    located = [(f, ref.locate(f.get("text"))) for f in found]
    for gf in g.findings:
        q = ref.locate(gf.quote, markdown=True)
        d.gold += 1
        per = d.by_clause.setdefault(gf.clause, ClauseCount())
        per.gold += 1
        if twin and not q:
            d.unlocated += 1
            warnings.append(f"{ref.name}: gold quote not found ({gf.clause}): {gf.quote[:70]!r}")
        # the first prediction in output order that qualifies is the hit
        best = next(
            (f for f, loc in located if f.get("clause") == gf.clause and loc and q and covers_half(loc, q)),
            None,
        )
        if best is None:
            d.missed.append(gf.clause)
            continue
        d.hit += 1
        per.hit += 1
        if twin:
            d.page_ok += best.get("page") == ref.page(q)
        for k, v in (gf.values or {}).items():
            if v is not None:
                ok = value_ok(v, (best.get("values") or {}).get(k))
                d.vals += 1
                d.vok += ok
                per.vals += 1
                per.vok += ok
    absent = set(g.absent or [])
    d.absent = len(absent)
    d.absent_ok = sum(1 for a in absent if not any(f.get("clause") == a for f in found))
    d.fp = sum(1 for f in found if f.get("clause") in absent)
    return d


def score_gold(
    records: list[Prediction], golds: dict[str, GoldFile], docs_dir: Path, variant: Variant = "md"
) -> GoldResult:
    """Score prediction records against gold files (`read_gold`); `docs_dir` holds the
    documents (or, for `variant` docx/pdf, their twins) the predictions were made on."""
    preds = findings_by(records, key=_stem)
    twin = variant != "md"
    rows: list[tuple[str, GoldDocument]] = []
    warnings: list[str] = []
    for g in golds.values():
        path = twin_path(docs_dir, g, variant)
        if twin:
            ref: Reference | Verbatim = Reference.read(path, variant)
        else:
            hint = "gold document (predictions made on DOCX or PDF twins need --variant docx|pdf)"
            ref = Verbatim(read_text(path, hint), path.name)
        stem = _stem(g.document)
        rows.append((stem, _score_document(g, preds.get(stem, []), ref, twin, warnings)))
    tot = {
        k: sum(getattr(d, k) or 0 for _, d in rows)
        for k in ("gold", "hit", "vals", "vok", "absent", "absent_ok", "pred", "fp", "page_ok", "unlocated")
    }
    summary = GoldSummary(
        recall=ratio(tot["hit"], tot["gold"]),
        value_acc=ratio(tot["vok"], tot["vals"]),
        absent_ok=ratio(tot["absent_ok"], tot["absent"]),
        false_pos_rate=ratio(tot["fp"], tot["pred"]),
        gold=tot["gold"],
        predictions=tot["pred"],
        variant=variant,
        page_acc=ratio(tot["page_ok"], tot["hit"]) if twin else None,
        gold_unlocated=tot["unlocated"] if twin else None,
    )
    return GoldResult(summary=summary, docs=dict(rows), warnings=warnings)


def check_overlap(records: list[Prediction], golds: dict[str, GoldFile], source: str) -> None:
    """Refuse predictions that name none of the gold documents (wrong file or folder)."""
    stems = set(findings_by(records, key=_stem))
    wanted = {_stem(g.document) for g in golds.values()}
    if not stems & wanted:
        raise InputFileError(
            f"{source}: none of its {len(stems)} documents has gold findings "
            f"(expected names like {sorted(wanted)[0]}.md)"
        )
