"""`signoff text`: show what signoff read from a contract, with page and section markers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from signoff.cli.app import app


def render(doc, *, pages: bool, sections: bool) -> str:
    """The document's text with a marker line before each page and/or section start."""
    markers: list[tuple[int, int, str]] = []  # (offset, order, line); pages sort before sections
    if pages:
        markers += [(p.start, 0, f"--- page {p.number} ---") for p in doc.pages]
    if sections:
        markers += [(s.start, 1, f"§ [{s.level}] {s.heading}") for s in doc.sections]
    markers.sort(key=lambda m: (m[0], m[1]))
    out: list[str] = []
    pos = 0
    for offset, _, line in markers:
        chunk = doc.text[pos:offset]
        out.append(chunk)
        if chunk and not chunk.endswith("\n"):
            out.append("\n")
        out.append(line + "\n")
        pos = offset
    out.append(doc.text[pos:])
    return "".join(out)


@app.command("text")
def text_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Contract file: .pdf, .docx, .md or .txt.")],
    pages: Annotated[
        bool, typer.Option("--pages", help="Mark where each page starts: '--- page 3 ---'.")
    ] = False,
    sections: Annotated[
        bool,
        typer.Option(
            "--sections", help="Mark each heading with its level: '§ [2] 10. Limitation of Liability'."
        ),
    ] = False,
    password: Annotated[
        str | None, typer.Option("--password", metavar="PASSWORD", help="Password of an encrypted PDF.")
    ] = None,
    layout: Annotated[
        bool,
        typer.Option(
            "--layout",
            help="PDF only: also read fonts with pdfplumber (about 8 pages/s instead of hundreds) to find "
            "headings shown only by bold or larger type, such as an unnumbered title. The text is unchanged; "
            "only --sections shows more headings.",
        ),
    ] = False,
) -> None:
    """Print the plain text signoff extracted from FILE, to check what it read.

    Warnings (image-only pages, non-UTF-8 text) go to stderr.

    Example: signoff text contracts/vendor.pdf --pages --sections --layout
    """
    from signoff.ingest import load

    doc = load(file, password=password, layout=layout)
    for w in doc.warnings:
        typer.echo(f"signoff: warning: {w}", err=True)
    rendered = render(doc, pages=pages, sections=sections)
    typer.echo(rendered, nl=not rendered.endswith("\n"))
