"""`signoff analyze`: every term legal needs from vendor contracts, with values and citations."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from signoff.cli.app import app
from signoff.cli.output import json_text
from signoff.errors import InputFileError, SignoffError
from signoff.wording import values_text

SUPPORTED_SUFFIXES = {".pdf", ".docx", ".md", ".markdown", ".txt"}
QUOTE_WIDTH = 160


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def expand_paths(paths: list[Path]) -> tuple[list[Path], dict[str, Path]]:
    """Files as given, and the contract files inside each directory (sorted, hidden ones skipped);
    with the folder each of those was found in, which a symlink among them may point into."""
    out: list[Path] = []
    folders: dict[str, Path] = {}
    for p in paths:
        if p.is_dir():
            # not is_file(): a FIFO or a link out of the folder is listed, to be refused by name
            found = sorted(
                f
                for f in p.rglob("*")
                if not f.is_dir()
                and f.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            out += found
            folders.update((str(f), p) for f in found)
        else:
            out.append(p)
    return out, folders


def render_table(analysis, catalogue) -> str:
    """Findings grouped by family, each with values and citation; then the clauses not found."""
    titles = {c.id: c for c in catalogue}
    lines = [
        f"{analysis.document.path}  (vendor: {analysis.vendor or 'unknown'}, "
        f"{analysis.document.chars:,} chars"
        + (f", {analysis.document.pages} pages" if analysis.document.pages else "")
        + ")"
    ]
    families: dict[str, list] = {}
    for f in analysis.findings:
        families.setdefault(titles[f.clause].family if f.clause in titles else "other", []).append(f)
    order = list(dict.fromkeys(c.family for c in catalogue))
    for fam in order + [f for f in families if f not in order]:
        if fam not in families:
            continue
        lines.append(f"\n  {fam.upper()}")
        for f in families[fam]:
            title = titles[f.clause].title if f.clause in titles else f.clause
            cite = ", ".join(
                x
                for x in (f"p. {f.page}" if f.page else "", f.section or "", f"chars {f.start}-{f.end}")
                if x
            )
            lines.append(f"    {title} [{f.party or 'party unknown'}]  {values_text(f.values, f.clause)}")
            quote = " ".join(f.text.split())
            if len(quote) > QUOTE_WIDTH:
                quote = quote[: QUOTE_WIDTH - 1] + "…"
            lines.append(f"      “{quote}”")
            lines.append(f"      ({cite})")
    if analysis.absent:
        lines.append("\n  NOT FOUND (a missing term is itself a risk)")
        for cid in analysis.absent:
            lines.append(f"    - {titles[cid].title if cid in titles else cid}")
    for w in analysis.warnings:
        lines.append(f"\n  warning: {w}")
    return "\n".join(lines)


def _as_json(analysis) -> dict:
    return analysis.model_dump(mode="json")


FORMAT_HELP = (
    "table (for people); json (all documents, in the order given, once all are done); or jsonl: one "
    "line per document, written as soon as it is analysed, so in the order they finish with --jobs "
    "above 1; each line carries its document.path."
)


@app.command("analyze")
def analyze_cmd(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH", help="Contract files (.pdf, .docx, .md, .txt) or folders.")
    ],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = OutputFormat.table,
    vendor: Annotated[
        str | None,
        typer.Option(
            "--vendor", metavar="NAME", help="Name of the vendor party, when signoff guesses wrong."
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", metavar="N", min=1, help="Worker processes for many files.")
    ] = 1,
    password: Annotated[
        str | None, typer.Option("--password", metavar="PASSWORD", help="Password of encrypted PDFs.")
    ] = None,
) -> None:
    """Find every clause legal needs in vendor contracts: values, party, exact quote, page and section.

    Folders are walked for .pdf, .docx, .md and .txt files. A file that cannot be
    read is reported at the end (exit code 1) and the others are still analysed.
    Clauses the contract lacks are listed as absent: a missing term is a risk.

    Example: signoff analyze contracts/ --format jsonl --jobs 2 | jq .document.path
    """
    files, folders = expand_paths(paths)
    if not files:
        raise InputFileError(
            f"{', '.join(str(p) for p in paths)}: no contract files (.pdf, .docx, .md, .txt) found; "
            "check the path"
        )
    # A bar redrawn in place is for a person watching a terminal; streamed lines on that same
    # terminal are their own progress, and the bar would be torn by them.
    show_progress = len(files) > 1 and sys.stderr.isatty()
    if fmt is OutputFormat.jsonl:
        show_progress = show_progress and not sys.stdout.isatty()

    def progress(done: int, total: int) -> None:
        if show_progress:
            width = 30
            bar = "#" * (width * done // total)
            end = "\n" if done == total else ""
            print(f"\ranalyzing [{bar:<{width}}] {done}/{total}", end=end, file=sys.stderr, flush=True)

    if fmt is OutputFormat.jsonl:
        errors = _stream_jsonl(files, folders, jobs, vendor, password, progress)
    else:
        errors = _print_all(files, folders, fmt, jobs, vendor, password, progress)
    if len(files) == 1 and errors:
        raise errors[0]
    for e in errors:
        typer.echo(f"signoff: error: {e.message}", err=True)
    if errors:
        typer.echo(f"signoff: {len(errors)} of {len(files)} files could not be analysed", err=True)
        raise typer.Exit(1)


def _stream_jsonl(files, folders, jobs, vendor, password, progress) -> list[SignoffError]:
    """Print each document's line as soon as it is analysed; return the files that failed."""
    from contextlib import closing

    from signoff.extract import analyze_each

    errors: list[SignoffError] = []
    # closing: a reader that goes away (`| head -1`) cancels the files not yet started
    with closing(analyze_each(files, jobs=jobs, vendor=vendor, password=password, folders=folders)) as each:
        for done, (_, result) in enumerate(each, start=1):
            if isinstance(result, SignoffError):
                errors.append(result)
            else:
                typer.echo(json_text(_as_json(result)))  # echo flushes the line
            progress(done, len(files))
    return errors


def _print_all(files, folders, fmt, jobs, vendor, password, progress) -> list[SignoffError]:
    """Print every document, in the order given, once all are analysed; return the files that failed."""
    from signoff.extract import analyze_many, clause_catalogue

    results = analyze_many(
        files, jobs=jobs, vendor=vendor, password=password, on_progress=progress, folders=folders
    )
    good = [r for r in results if not isinstance(r, SignoffError)]
    errors = [r for r in results if isinstance(r, SignoffError)]
    if len(files) == 1 and errors:
        raise errors[0]
    if fmt is OutputFormat.json:
        data = _as_json(good[0]) if len(files) == 1 else [_as_json(a) for a in good]
        typer.echo(json_text(data, indent=2))
    else:
        catalogue = clause_catalogue()
        typer.echo("\n\n".join(render_table(a, catalogue) for a in good))
    return errors
