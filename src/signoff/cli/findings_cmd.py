"""Legal's commands on findings: `signoff findings` lists them with stable ids, `signoff review` reviews one.

Each command parses its arguments, calls `signoff.assess.legal`, and prints.
"""

from __future__ import annotations

import json
import textwrap
from typing import Annotated

import typer

from signoff.actor import default_actor
from signoff.cli.app import app
from signoff.cli.readable import names_listed_by
from signoff.cli.workspace_cmd import ActorOpt, DirArg, GapFormat

SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set", metavar="KEY=VALUE", help="A corrected value, e.g. window_hours=24 (repeat for several)."
    ),
]
ReviewerOpt = Annotated[str, typer.Option(metavar="NAME", help="The person who reviewed the finding.")]
ReasonOpt = Annotated[str, typer.Option(metavar="TEXT", help="Why: what the contract really says.")]


@app.command("findings")
def findings_cmd(
    dir: DirArg,
    vendor: Annotated[str | None, typer.Option(metavar="NAME", help="Only this vendor's findings.")] = None,
    format: Annotated[GapFormat, typer.Option("--format", "-f", help="Output format.")] = GapFormat.table,
) -> None:
    """List every contract finding by vendor, with the stable id `signoff review` takes.

    Example: signoff findings acme-support --vendor Nimbus --format json
    """
    from signoff.assess import Workspace
    from signoff.assess.legal import list_findings
    from signoff.wording import review_text, values_text

    ws = Workspace.open(dir)
    with names_listed_by(f"`signoff findings {dir}` lists the vendors"):
        rows = list_findings(ws, vendor)
    if format is GapFormat.json:
        out = [
            {
                **r.model_dump(mode="json", exclude={"review"}),
                "dismissed": r.dismissed,
                "review": r.review.model_dump(mode="json") if r.review else None,
                "review_text": review_text(r.review) if r.review else None,
            }
            for r in rows
        ]
        typer.echo(json.dumps(out, indent=2))
        return
    vendor_shown = None
    for r in rows:
        if r.vendor != vendor_shown:
            vendor_shown = r.vendor
            typer.echo(("" if r is rows[0] else "\n") + r.vendor)
        f = r.finding
        where = ", ".join(w for w in (r.document, f"p. {f.page}" if f.page else "", f.section or "") if w)
        typer.echo(f"  {r.id}  {f.clause}{'  [dismissed]' if r.dismissed else ''}  ({where})")
        if f.values:
            typer.echo(f"      {values_text(f.values, f.clause)}")
        typer.echo(textwrap.indent(textwrap.fill(f'"{f.text}"', 90), "      "))
        if r.review:
            typer.echo(f"      {review_text(r.review)}")
    if not rows:
        typer.echo("no findings")


@app.command("review")
def review_cmd(
    dir: DirArg,
    reviewer: ReviewerOpt,
    reason: ReasonOpt,
    finding: Annotated[
        str | None,
        typer.Argument(metavar="ID", help="Finding id (`signoff findings DIR` lists them); not with --add."),
    ] = None,
    confirm: Annotated[bool, typer.Option("--confirm", help="The finding is right.")] = False,
    dismiss: Annotated[
        bool, typer.Option("--dismiss", help="The finding is false: the contract says no such thing.")
    ] = False,
    sets: SetOpt = None,
    add: Annotated[
        str | None,
        typer.Option("--add", metavar="CLAUSE", help="Add a clause the analysis missed, e.g. audit_rights."),
    ] = None,
    document: Annotated[
        str | None, typer.Option(metavar="FILE", help="With --add: the contract file it is in.")
    ] = None,
    quote: Annotated[
        str | None, typer.Option(metavar="TEXT", help="With --add: the clause's exact words in the contract.")
    ] = None,
    actor: ActorOpt = None,
) -> None:
    """Review a finding: --confirm, --dismiss or --set KEY=VALUE; or --add a missed clause by its quote.

    Gaps are judged on the reviewed findings. Each review names --reviewer and --reason and is journaled.

    Example: signoff review acme f-1a2b3c4d5e --set window_hours=24 --reviewer "Sam Ortiz" --reason "§4.2"
    """
    from signoff.assess import Workspace
    from signoff.assess.legal import add_finding, review_finding
    from signoff.errors import SignoffError
    from signoff.wording import review_text

    ws = Workspace.open(dir)
    who = actor or default_actor()
    if add is not None:
        if finding is not None or confirm or dismiss:
            raise SignoffError("--add adds a new finding: give no ID, --confirm or --dismiss with it")
        if not document or quote is None:
            raise SignoffError("--add needs --document FILE and --quote TEXT: where the clause is")
        with names_listed_by(
            f"`signoff findings {dir}` lists the documents; `signoff schema clauses` the clauses"
        ):
            fid, review = add_finding(ws, add, document, quote, sets or [], reviewer, reason, who)
        typer.echo(f"{fid} ({add}, {review.document}): {review_text(review)}")
        return
    if finding is None:
        raise SignoffError(
            "give the finding ID to review (`signoff findings DIR` lists them), or --add CLAUSE"
        )
    actions = [a for a, on in (("confirm", confirm), ("dismiss", dismiss), ("set", bool(sets))) if on]
    if len(actions) != 1:
        raise SignoffError("give exactly one of --confirm, --dismiss or --set KEY=VALUE")
    with names_listed_by(f"`signoff findings {dir}` lists the finding ids"):
        review = review_finding(ws, finding, actions[0], sets or [], reviewer, reason, who)
    typer.echo(f"{finding} ({review.clause}, {review.document}): {review_text(review)}")
