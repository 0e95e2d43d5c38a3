"""`signoff eval`: score analyze against labelled contracts."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from signoff.cli.app import app
from signoff.cli.readable import Typer
from signoff.errors import InputFileError, SignoffError

eval_app = Typer(
    help="Measure signoff's contract extraction against your own labelled contracts.",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")


class Variant(StrEnum):
    md = "md"
    docx = "docx"
    pdf = "pdf"


# options both commands share
PRED_HELP = (
    "Score this predictions file (`signoff analyze --format jsonl` output) instead of running analyze."
)
SAVE_HELP = "Write the predictions analyze made to FILE (jsonl), to rerun the reference scorers on them."
JSON_HELP = "Also write the scores as JSON to FILE."
JOBS_HELP = "Analyse this many documents in parallel."


Pred = Annotated[Path | None, typer.Option("--pred", metavar="FILE", help=PRED_HELP)]
SavePred = Annotated[Path | None, typer.Option("--save-pred", metavar="FILE", help=SAVE_HELP)]
JsonOut = Annotated[Path | None, typer.Option("--json", metavar="FILE", help=JSON_HELP)]
Jobs = Annotated[int, typer.Option("--jobs", "-j", metavar="N", min=1, help=JOBS_HELP)]


def _warn(message: str) -> None:
    typer.echo(f"signoff: warning: {message}", err=True)


def _progress(done: int, total: int) -> None:
    typer.echo(f"\ranalysed {done}/{total}", err=True, nl=done == total)


def _folder(path: Path, what: str) -> Path:
    if not path.is_dir():
        raise InputFileError(f"{path}: not a folder; {what}")
    return path


def _predictions(pred: Path | None, save_pred: Path | None, paths: list[Path], jobs: int) -> list[dict]:
    """Records read from --pred, or made by running analyze on `paths`."""
    from signoff.evaluate import predict, read_predictions, write_predictions

    if pred is not None:
        if save_pred is not None:
            raise SignoffError(
                "--save-pred saves the predictions analyze makes; with --pred they are already in a file"
            )
        return read_predictions(pred)
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise InputFileError(
            f"{missing[0]}: not found ({len(missing)} of {len(paths)} labelled documents missing); "
            "the labels and the documents folder do not match"
        )
    # a count that rewrites itself is only for a person watching a terminal, not for logs
    progress = _progress if sys.stderr.isatty() else None
    records, errors = predict(paths, jobs=jobs, on_progress=progress)
    for e in errors:
        _warn(f"not analysed, scored as having no findings: {e}")
    if save_pred is not None:
        write_predictions(records, save_pred)
    return records


def _write_json(result, out: Path | None) -> None:
    if out is None:
        return
    from signoff.yamlio import atomic_write_text

    try:
        atomic_write_text(out, json.dumps(result.model_dump(mode="json"), indent=1) + "\n")
    except OSError as e:
        raise InputFileError(f"{out}: cannot write the JSON scores ({e.strerror})") from None


@eval_app.command("cuad")
def cuad_cmd(
    folder: Annotated[
        Path,
        typer.Argument(metavar="FOLDER", help="Folder holding contracts/ (.txt contracts) and labels.jsonl."),
    ],
    pred: Pred = None,
    json_out: JsonOut = None,
    jobs: Jobs = 1,
    save_pred: SavePred = None,
    per_doc: Annotated[
        bool, typer.Option("--per-doc", help="Also list every contract with a missed or extra clause.")
    ] = False,
) -> None:
    """Score analyze against CUAD-style labels, per CUAD category.

    docP/docR/docF1: does the contract have the clause (finding vs. label).
    spanP/spanR: a finding hits a labelled span when the two overlap by at
    least half of the shorter; quotes are located in the contract text,
    whitespace-insensitively, never by their offsets.
    value: renewal notice days and governing law, normalised.

    FOLDER/labels.jsonl has one line per contract: {"file": NAME, "labels":
    {CATEGORY: {"answer": ..., "spans": [{"text", "start", "end"}]}}}.

    Example: signoff eval cuad ../shared/corpus/cuad --jobs 2 --json cuad.json
    """
    from signoff.evaluate import read_labels, score_cuad
    from signoff.evaluate.cuad import check_overlap
    from signoff.evaluate.tables import cuad_table

    _folder(folder, "give the folder that holds contracts/ and labels.jsonl")
    labels_path = folder / "labels.jsonl"
    if not labels_path.is_file():
        raise InputFileError(
            f"{labels_path}: labels file not found; the folder must hold labels.jsonl and contracts/"
        )
    contracts = _folder(folder / "contracts", "the labelled contracts go in contracts/ next to labels.jsonl")
    labels = read_labels(labels_path)
    records = _predictions(pred, save_pred, [contracts / f for f in labels], jobs)
    if pred is not None:
        check_overlap(records, labels, str(pred))
    result = score_cuad(records, labels, contracts)
    if result.summary.missing_docs:
        _warn(
            f"{result.summary.missing_docs} of {result.summary.docs} labelled contracts have no predictions"
        )
    typer.echo(cuad_table(result, per_doc=per_doc))
    _write_json(result, json_out)


@eval_app.command("gold")
def gold_cmd(
    gold_dir: Annotated[
        Path, typer.Argument(metavar="GOLD_DIR", help="Folder of gold findings, one .yaml per document.")
    ],
    docs_dir: Annotated[
        Path, typer.Argument(metavar="DOCS_DIR", help="Folder of the documents the gold files name.")
    ],
    variant: Annotated[
        Variant, typer.Option("--variant", help="Score on each document's <stem>.docx or <stem>.pdf twin.")
    ] = Variant.md,
    pred: Pred = None,
    json_out: JsonOut = None,
    jobs: Jobs = 1,
    save_pred: SavePred = None,
) -> None:
    """Score analyze against hand-made gold findings, per document.

    recall: a gold finding is hit by a finding of the same clause whose quote
    covers at least half of the gold quote.
    values: of the hit findings' non-null gold values, the share right.
    absOK: of the clauses the gold marks absent, the share not reported.
    FP rate: findings of an absent clause, over all findings.
    page (--variant docx|pdf): hits citing the right page; needs pandoc
    (docx) or pdftotext (pdf) to read the twin as the reference scorer does.

    Each gold .yaml holds `document`, `findings` (clause, quote, values) and
    `absent` (clause ids the document does not contain).

    Example: signoff eval gold gold/ docs/ --variant pdf --save-pred pred.jsonl
    """
    from signoff.evaluate import read_gold, score_gold
    from signoff.evaluate.gold import check_overlap, twin_path
    from signoff.evaluate.tables import gold_table
    from signoff.evaluate.twins import require_tool

    golds = read_gold(gold_dir)
    _folder(docs_dir, "DOCS_DIR holds the documents the gold files name")
    if variant is not Variant.md:
        require_tool(variant.value)
    paths = [twin_path(docs_dir, g, variant.value) for g in golds.values()]
    records = _predictions(pred, save_pred, paths, jobs)
    if pred is not None:
        check_overlap(records, golds, str(pred))
    result = score_gold(records, golds, docs_dir, variant.value)
    for w in result.warnings:
        _warn(w)
    typer.echo(gold_table(result))
    _write_json(result, json_out)
