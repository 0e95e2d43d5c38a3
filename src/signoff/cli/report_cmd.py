"""Sign-off document commands: report, verify, approve. The logic lives in `signoff.report`.

`signoff.report` is imported inside each command: its pydantic models cost every other
`signoff` command a fifth of a second at start-up.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from signoff import clock
from signoff.cli.app import app


class DocumentFormat(StrEnum):
    """The choices of `--format`: the values of `signoff.report.ReportFormat` (a test keeps them equal)."""

    docx = "docx"
    html = "html"
    md = "md"
    json = "json"
    pdf = "pdf"
    oscal = "oscal"


TemplateOpt = Annotated[
    Path | None,
    typer.Option(
        "--template-dir",
        metavar="DIR",
        help="Folder of templates overriding the bundled ones "
        "(report.md.j2, report.html.j2, reference.docx), one file at a time.",
    ),
]


@app.command("report")
def report_cmd(
    dir: Annotated[Path, typer.Argument(metavar="DIR", help="Workspace folder.", show_default=False)],
    format: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help="Document format.")
    ] = DocumentFormat.docx,
    template_dir: TemplateOpt = None,
) -> None:
    """Write the sign-off document to DIR/out/signoff-report.<format>.

    The same workspace always gives the same bytes. `--format oscal` writes
    signoff-report.oscal.json, OSCAL 1.1 assessment results for GRC tools.

    A blocked workspace still gets a document, marked NOT READY on every page.

    Example: signoff report acme-support --format docx
    """
    from signoff.assess import Workspace
    from signoff.report import ReportFormat, build_report, write_report
    from signoff.report.build import expired_since

    ws = Workspace.open(dir)
    report = build_report(ws)
    path = write_report(ws, ReportFormat(format.value), template_dir, report)
    s = report.snapshot
    typer.echo(f"wrote {path}")
    typer.echo(f"status: {s.status_label}; tier {s.tier.tier}; fingerprint {report.fingerprint}")
    for line in expired_since(s, clock.today()):
        typer.echo(
            f"warning: {line} (after the assessment date {s.date[:10]}); re-accept or fix it", err=True
        )


SignersOpt = Annotated[
    Path | None,
    typer.Option(
        "--allowed-signers",
        metavar="FILE",
        envvar="SIGNOFF_ALLOWED_SIGNERS",
        help="Your organisation's allowed-signers file: whose key is whose "
        "(default: the workspace's allowed_signers).",
    ),
]


@app.command("verify")
def verify_cmd(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="Sign-off document (.docx, .html, .md, .json or .pdf).")
    ],
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace", "-w", metavar="DIR", help="Also list what changed in this workspace since."
        ),
    ] = None,
    template_dir: TemplateOpt = None,
    allowed_signers: SignersOpt = None,
) -> None:
    """Check that a sign-off document was not altered, and (with --workspace) is not stale.

    The document is compared with a fresh rendering of the report it embeds (PDF needs
    LibreOffice for that), and every decision's SSH signature is checked.

    Exit 0: intact (and current). Exit 1: altered or stale. Exit 2: not a sign-off document,
    or it cannot be checked on this machine.

    Example: signoff verify acme-support/out/signoff-report.docx --allowed-signers org/allowed_signers
    """
    from signoff.report import verify_file

    result = verify_file(file, workspace, template_dir, allowed_signers)
    typer.echo(f"{file}: fingerprint {result.fingerprint}")
    for p in result.problems:
        typer.echo(f"ALTERED: {p}")
    for c in result.changes:
        typer.echo(f"CHANGED since the document: {c}")
    for n in result.notes:
        typer.echo(f"note: {n}")
    if result.decisions:
        checked = (
            "the keys they carry only: pass --allowed-signers to check whose keys they are"
            if workspace is None and allowed_signers is None
            else result.signers
        )
        typer.echo(f"note: {result.decisions} signed decision(s), checked against {checked}")
    if result.ok:
        typer.echo("intact" + (": the workspace still matches" if workspace else ""))
        return
    verdict = "altered" if result.problems else "stale: the workspace changed since this document was made"
    typer.echo(verdict)
    raise typer.Exit(1)


@app.command("approve")
def approve_cmd(
    dir: Annotated[Path, typer.Argument(metavar="DIR", help="Workspace folder.", show_default=False)],
    role: Annotated[
        str, typer.Option("--role", metavar="ROLE", help="legal, product_owner or outcome_owner.")
    ],
    name: Annotated[
        str, typer.Option("--name", metavar="NAME", help="Your full name, as in the allowed-signers file.")
    ],
    decision: Annotated[str, typer.Option("--decision", metavar="DECISION", help="approve or reject.")],
    key: Annotated[
        Path,
        typer.Option(
            "--key",
            metavar="KEY",
            envvar="SIGNOFF_SIGNING_KEY",
            help="Your SSH private key (its .pub beside it, or in ssh-agent); signs the decision.",
        ),
    ],
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Why; required for reject.")
    ] = None,
) -> None:
    """Sign a decision with your SSH key and record it in the journal, against the current assessment.

    The key must be yours in the workspace's allowed_signers file (see the README); an
    unsigned decision never counts. Regenerate the document afterwards to show it.

    Example: signoff approve acme --role legal --name "Lee Park" --decision approve --key ~/.ssh/id_ed25519
    """
    from signoff.assess import Workspace
    from signoff.report import record_approval
    from signoff.wording import decision_text, role_text

    ws = Workspace.open(dir)
    approval = record_approval(ws, role, name, decision, note, key=key)
    typer.echo(
        f"recorded: {role_text(approval.role)} {approval.name} {decision_text(approval.decision)}, "
        f"signed with key {approval.key}, against assessment fingerprint {approval.fingerprint}"
    )
    if approval.blocking:
        typer.echo(f"warning: approved while the launch is blocked: {approval.blocking} blocking gap(s) open")
    typer.echo(f"next: signoff report {dir}")
