"""Score predictions against CUAD labels, exactly as `../shared/tools/cuad_score.py` does.

For each CUAD category (mapped to signoff clause ids by `CUAD_MAP`, the table in the
findings spec): document-level P/R/F1 (does the contract have the clause), span
precision (findings that hit a gold span) and recall (gold spans hit), and, for the
renewal notice and the governing law, value accuracy.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from pydantic import Field

from signoff.errors import InputFileError
from signoff.evaluate.common import Prediction, findings_by, locate, overlaps, prf, ratio, read_text
from signoff.models import Strict

CUAD_MAP: dict[str, list[str]] = {
    "Cap on Liability": ["liability_cap", "consequential_damages_exclusion"],
    "Uncapped Liability": ["liability_carve_out"],
    "Termination for Convenience": ["termination_for_convenience"],
    "Post-Termination Services": ["transition_assistance", "data_return_deletion"],
    "Audit Rights": ["audit_rights"],
    "Notice Period to Terminate Renewal": ["renewal_notice"],
    "Governing Law": ["governing_law"],
    "Insurance": ["insurance"],
}
RENEWAL = "Notice Period to Terminate Renewal"
LAW = "Governing Law"

_NUMBER_WORDS = {
    "thirty": 30,
    "sixty": 60,
    "ninety": 90,
    "one": 1,
    "two": 2,
    "three": 3,
    "six": 6,
    "twelve": 12,
}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def days_of(answer: str) -> int | None:
    """A CUAD answer such as '90 days' or 'sixty (60) days' in days (month 30, year 365)."""
    m = re.search(r"(\d+)\s*(day|month|year|week)", answer.lower())
    if m:
        return int(m.group(1)) * _UNIT_DAYS[m.group(2)]
    m = re.search(r"(" + "|".join(_NUMBER_WORDS) + r")\s*\(?\d*\)?\s*(day|month|year|week)", answer.lower())
    return _NUMBER_WORDS[m.group(1)] * _UNIT_DAYS[m.group(2)] if m else None


def norm_place(s: str | None) -> str:
    """A jurisdiction reduced to its letters: 'the State of New York' -> 'thenewyork'."""
    return re.sub(r"[^a-z]", "", (s or "").lower().replace("state of", "").replace("laws of", ""))


class CategoryScore(Strict):
    doc_p: float = Field(
        description="of the contracts with a finding, the share CUAD labels as having the clause"
    )
    doc_r: float = Field(
        description="of the contracts CUAD labels as having the clause, the share with a finding"
    )
    doc_f1: float
    span_p: float = Field(description="share of findings whose quote overlaps a gold span")
    span_r: float = Field(description="share of gold spans overlapped by a finding")
    value_acc: float | None = Field(description="share of gold values found; null where CUAD gives none")
    n_gold_spans: int


class CuadSummary(Strict):
    mean_doc_f1: float
    mean_span_p: float
    mean_span_r: float
    missing_docs: int = Field(description="labelled contracts with no record in the predictions")
    docs: int = Field(description="labelled contracts")


class CuadDocument(Strict):
    """Where one contract went wrong: categories missed or invented, and span errors."""

    missed: list[str] = Field(default_factory=list, description="labelled categories with no finding")
    spurious: list[str] = Field(default_factory=list, description="categories found but not labelled")
    spans_missed: int = Field(0, description="gold spans no finding overlaps")
    findings_off: int = Field(0, description="findings that overlap no gold span")
    predicted: bool = Field(True, description="false when the predictions hold no record for it")


class CuadResult(Strict):
    categories: dict[str, CategoryScore]
    summary: CuadSummary
    documents: dict[str, CuadDocument] = Field(default_factory=dict)


def read_labels(path: Path) -> dict[str, dict[str, Any]]:
    """CUAD labels: contract file name -> category -> {answer, spans}."""
    labels: dict[str, dict[str, Any]] = {}
    for n, line in enumerate(read_text(path, "labels file").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputFileError(
                f"{path}:{n}: not JSON ({e.msg}); expected one labelled contract per line"
            ) from None
        if (
            not isinstance(rec, dict)
            or not isinstance(rec.get("file"), str)
            or not isinstance(rec.get("labels"), dict)
        ):
            raise InputFileError(f'{path}:{n}: expected {{"file": ..., "labels": {{...}}}}')
        for cat in CUAD_MAP:
            if not isinstance(rec["labels"].get(cat), dict) or "spans" not in rec["labels"][cat]:
                raise InputFileError(f"{path}:{n}: {rec['file']}: no labels for CUAD category {cat!r}")
        labels[rec["file"]] = rec["labels"]
    if not labels:
        raise InputFileError(f"{path}: no labelled contracts in the labels file")
    return labels


def _values(finding: dict) -> dict:
    return finding.get("values") or {}


def score_cuad(
    records: list[Prediction], labels: dict[str, dict[str, Any]], contracts_dir: Path
) -> CuadResult:
    """Score prediction records (analyze jsonl objects) against labels (`read_labels`),
    reading each labelled contract from `contracts_dir` to locate the quotes."""
    preds = findings_by(records, key=lambda name: name)
    texts = {f: read_text(Path(contracts_dir) / f, "labelled contract") for f in labels}
    docs = {f: CuadDocument(predicted=f in preds) for f in labels}
    categories: dict[str, CategoryScore] = {}
    for cat, ids in CUAD_MAP.items():
        c = dict(dtp=0, dfp=0, dfn=0, stp=0, sfp=0, gold=0, ghit=0, vok=0, vn=0)
        for f, lab in labels.items():
            gold = [(s["start"], s["end"]) for s in lab[cat]["spans"] if s.get("start") is not None]
            # a span CUAD could not place still says the contract has the clause
            has_gold = bool(lab[cat]["spans"])
            finds = [x for x in preds.get(f, []) if x.get("clause") in ids]
            locs = [locate(texts[f], x.get("text", "")) for x in finds]
            if finds and has_gold:
                c["dtp"] += 1
            elif finds:
                c["dfp"] += 1
                docs[f].spurious.append(cat)
            elif has_gold:
                c["dfn"] += 1
                docs[f].missed.append(cat)
            off = sum(1 for loc in locs if not (loc and any(overlaps(loc, g) for g in gold)))
            c["stp"] += len(locs) - off
            c["sfp"] += off
            hit = sum(1 for g in gold if any(loc and overlaps(loc, g) for loc in locs))
            c["gold"] += len(gold)
            c["ghit"] += hit
            docs[f].findings_off += off
            docs[f].spans_missed += len(gold) - hit
            answer = lab[cat].get("answer") or ""
            if cat == RENEWAL and has_gold and days_of(answer) is not None:
                c["vn"] += 1
                c["vok"] += days_of(answer) in {_values(x).get("notice_days") for x in finds}
            if cat == LAW and has_gold and answer:
                c["vn"] += 1
                c["vok"] += norm_place(answer) in {norm_place(_values(x).get("jurisdiction")) for x in finds}
        dp, dr, df = prf(c["dtp"], c["dfp"], c["dfn"])
        categories[cat] = CategoryScore(
            doc_p=dp,
            doc_r=dr,
            doc_f1=df,
            span_p=ratio(c["stp"], c["stp"] + c["sfp"]),
            span_r=ratio(c["ghit"], c["gold"]),
            value_acc=ratio(c["vok"], c["vn"]) if c["vn"] else None,
            n_gold_spans=c["gold"],
        )
    mean = lambda k: sum(getattr(m, k) for m in categories.values()) / len(categories)  # noqa: E731
    summary = CuadSummary(
        mean_doc_f1=mean("doc_f1"),
        mean_span_p=mean("span_p"),
        mean_span_r=mean("span_r"),
        missing_docs=sum(1 for f in labels if f not in preds),
        docs=len(labels),
    )
    return CuadResult(categories=categories, summary=summary, documents=docs)


def check_overlap(records: list[Prediction], labels: dict[str, Any], source: str) -> None:
    """Refuse predictions that name none of the labelled contracts: almost surely the
    wrong file or folder, and scoring it would report a silent zero."""
    names = {os.path.basename(r["document"]["path"]) for r in records}
    if not names & labels.keys():
        raise InputFileError(
            f"{source}: none of its {len(names)} documents is a labelled contract; "
            "predict on the contracts/ folder next to labels.jsonl"
        )
