"""Workspace commands: init, add-contract, answer, tier, accept, gaps, check, journal verify, schema.

Each command parses its arguments, calls `signoff.assess`, and prints; the judgement
lives in the assessment engine so the TUI and the report show the same thing.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from signoff.actor import default_actor
from signoff.cli import completion
from signoff.cli.app import app
from signoff.cli.readable import Typer, names_listed_by

journal_app = Typer(help="Inspect the workspace journal.", no_args_is_help=True)
app.add_typer(journal_app, name="journal")

DirArg = Annotated[Path, typer.Argument(metavar="DIR", help="Workspace folder.", show_default=False)]


ActorOpt = Annotated[
    str | None,
    typer.Option(
        "--actor", metavar="NAME", help="Who is making the change (default: $SIGNOFF_USER, else the OS user)."
    ),
]


SUMMARY_FIELDS = {
    "deployment",
    "tier",
    "derived_tier",
    "tier_known",
    "status",
    "counts",
    "accepted",
    "answered",
    "required",
    "checklist_version",
    "checklist_sha256",
    "playbook_version",
    "playbook_sha256",
}


class GapFormat(StrEnum):
    table = "table"
    json = "json"


class TierChoice(StrEnum):
    """The tiers, `signoff.assess.TIERS` (a test keeps them equal): importing the engine here would
    slow every command's start."""

    low = "low"
    medium = "medium"
    medium_high = "medium_high"
    high = "high"
    critical = "critical"


class SchemaName(StrEnum):
    checklist = "checklist"
    playbook = "playbook"
    assessment = "assessment"
    clauses = "clauses"
    rules = "rules"


@app.command("init")
def init_cmd(
    dir: DirArg,
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="Deployment name (default: the folder name).")
    ] = None,
    checklist: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Use this checklist YAML instead of the bundled one.")
    ] = None,
    playbook: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Use this playbook YAML instead of the bundled one.")
    ] = None,
    actor: ActorOpt = None,
) -> None:
    """Create a workspace: assessment.yaml, contracts/, journal.jsonl, out/.

    Example: signoff init acme-support --name "Acme support assistant"
    """
    from signoff.assess import Workspace

    ws = Workspace.init(dir, name or dir.resolve().name, actor or default_actor(), checklist, playbook)
    typer.echo(f"created workspace {ws.dir} for {ws.assessment.deployment!r}")
    typer.echo(f"next: signoff add-contract {dir} CONTRACT   and   signoff answer {dir} ITEM VALUE")


@app.command("add-contract")
def add_contract_cmd(
    dir: DirArg,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="Contract file (PDF, DOCX, Markdown or text).")
    ],
    vendor: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="The vendor, when it cannot be inferred or to correct it."),
    ] = None,
    replaces: Annotated[
        str | None,
        typer.Option(metavar="OLD", help="The contract this new version of the vendor's terms replaces."),
    ] = None,
    actor: ActorOpt = None,
) -> None:
    """Copy a vendor contract into the workspace and analyse it; the same content twice changes nothing.

    With --replaces, prints what changed between the two versions' findings; legal's reviews
    carry over where the finding's text is unchanged and are flagged for another look otherwise.

    Example: signoff add-contract acme-support contracts/nimbus-msa-v2.pdf --replaces nimbus-msa.pdf
    """
    from signoff.assess import Workspace
    from signoff.assess.text import render_contract_change
    from signoff.assess.versions import add_contract

    ws = Workspace.open(dir)
    with names_listed_by(f"`signoff findings {dir}` lists the contracts"):
        change = add_contract(ws, file, actor or default_actor(), vendor=vendor, replaces=replaces)
    typer.echo(render_contract_change(change, ws))


@app.command("remove-contract")
def remove_contract_cmd(
    dir: DirArg,
    file: Annotated[str, typer.Argument(metavar="FILE", help="The contract's file name in the workspace.")],
    reason: Annotated[str, typer.Option(metavar="TEXT", help="Why it is removed (kept in the journal).")],
    actor: ActorOpt = None,
) -> None:
    """Take a contract out of the assessment, e.g. one added by mistake; the journal keeps its history.

    Example: signoff remove-contract acme-support README.md --reason "added by mistake"
    """
    from signoff.assess import Workspace
    from signoff.assess.versions import remove_contract

    ws = Workspace.open(dir)
    with names_listed_by(f"`signoff findings {dir}` lists the contracts"):
        record = remove_contract(ws, file, reason, actor or default_actor())
    typer.echo(f"removed {record.file} (sha256 {record.sha256[:12]}…): {reason.strip()}")


@app.command("answer")
def answer_cmd(
    dir: DirArg,
    item: Annotated[
        str,
        typer.Argument(
            metavar="ITEM",
            help="Checklist item id, e.g. outcome_owner (`signoff checklist DIR` lists them).",
            autocompletion=completion.item_ids,
        ),
    ],
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="The answer; multi-choice options comma-separated.")
    ],
    evidence: Annotated[
        str | None,
        typer.Option(
            metavar="FILE|URL",
            help="Supporting file or URL (a file's SHA-256 is recorded). Without it, evidence already "
            "attached to the item stays; --evidence '' removes it.",
        ),
    ] = None,
    actor: ActorOpt = None,
) -> None:
    """Answer one checklist item; invalid answers are refused and nothing is saved.

    Example: signoff answer acme-support outcome_owner "Dana Reyes, Head of Support, dana@acme.example"
    """
    from signoff.assess import Workspace, evaluate
    from signoff.wording import show, tier_text

    ws = Workspace.open(dir)
    with names_listed_by(f"`signoff checklist {dir}` lists the item ids"):
        answer = ws.answer(item, value, actor or default_actor(), evidence=evidence)
    ev = evaluate(ws)
    typer.echo(
        f"{item}: saved: {show(answer.value, ws.checklist().item(item))}. "
        f"Risk tier {tier_text(ev.tier)}; {ev.answered}/{ev.required} required items answered."
    )


@app.command("tier")
def tier_cmd(
    dir: DirArg,
    tier: Annotated[
        TierChoice, typer.Argument(metavar="TIER", help="low, medium, medium_high, high or critical.")
    ],
    reason: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Why (required to go below the derived tier).")
    ] = None,
    approver: Annotated[
        str | None, typer.Option(metavar="NAME", help="Who approves going below the derived tier.")
    ] = None,
    actor: ActorOpt = None,
) -> None:
    """Set the risk tier by hand: raising is free, lowering needs --reason and --approver.

    Example: signoff tier acme-support high --reason "launch in a regulated market"
    """
    from signoff.assess import Workspace
    from signoff.wording import tier_text

    ws = Workspace.open(dir)
    override = ws.set_tier(tier.value, actor or default_actor(), reason=reason, approver=approver)
    typer.echo(f"risk tier set to {tier_text(override.tier)} (derived: {tier_text(override.derived_tier)})")


@app.command("accept")
def accept_cmd(
    dir: DirArg,
    gap: Annotated[
        str,
        typer.Argument(
            metavar="GAP",
            help="Gap id, e.g. contract.audit (`signoff gaps DIR` lists them).",
            autocompletion=completion.gap_ids,
        ),
    ],
    approver: Annotated[str, typer.Option(metavar="NAME", help="The person who accepts the risk.")],
    reason: Annotated[str, typer.Option(metavar="TEXT", help="Why the gap is acceptable for now.")],
    until: Annotated[str, typer.Option(metavar="DATE", help="Last day the acceptance holds (YYYY-MM-DD).")],
    actor: ActorOpt = None,
) -> None:
    """Accept a major or minor gap until a date (blockers must be fixed).

    Example: signoff accept acme contract.audit --approver "Sam Okafor" --reason "SOC 2 ok" --until 2026-12-31
    """
    from signoff.assess import Workspace, accept_gap
    from signoff.errors import SignoffError
    from signoff.wording import date_text

    try:
        last_day = date.fromisoformat(until)
    except ValueError:
        raise SignoffError(f"--until {until!r} is not a date; write it as YYYY-MM-DD") from None
    ws = Workspace.open(dir)
    with names_listed_by(f"`signoff gaps {dir}` lists the gap ids"):
        acc = accept_gap(ws, gap, approver, reason, last_day, actor or default_actor())
    typer.echo(f"{gap} accepted by {acc.approver} until {date_text(acc.until)}")


@app.command("gaps")
def gaps_cmd(
    dir: DirArg,
    format: Annotated[GapFormat, typer.Option("--format", "-f", help="Output format.")] = GapFormat.table,
) -> None:
    """List every gap: severity, source, requirement, what was found (with citation), and the ask.

    Example: signoff gaps acme-support --format json
    """
    from signoff.assess import Workspace, evaluate
    from signoff.assess.text import render_gaps

    ev = evaluate(Workspace.open(dir))
    if format is GapFormat.json:
        typer.echo(
            json.dumps(
                ev.model_dump(mode="json", include=SUMMARY_FIELDS | {"gaps", "vendors"}),
                indent=2,
            )
        )
    else:
        typer.echo(render_gaps(ev))


@app.command("checklist")
def checklist_cmd(
    dir: DirArg,
    all_items: Annotated[
        bool, typer.Option("--all", help="Include items not required at this tier.")
    ] = False,
) -> None:
    """List the checklist items with their ids, answer types, options and current answers.

    Example: signoff checklist acme-support --all
    """
    from signoff.assess import Workspace, evaluate
    from signoff.assess.text import render_checklist

    ws = Workspace.open(dir)
    typer.echo(render_checklist(ws.checklist(), evaluate(ws), ws.assessment, all_items))


@app.command("check")
def check_cmd(
    dir: DirArg,
    format: Annotated[GapFormat, typer.Option("--format", "-f", help="Output format.")] = GapFormat.table,
) -> None:
    """Gate a pipeline: exit 0 when ready, 1 when blocking gaps remain, 2 on invalid input.

    Example: signoff check acme-support && deploy.sh
    """
    from signoff.assess import Workspace, evaluate
    from signoff.assess.text import render_summary
    from signoff.assess.versions import stale_decisions

    ws = Workspace.open(dir)
    ev = evaluate(ws)
    stale = stale_decisions(ws)
    if format is GapFormat.json:
        summary = ev.model_dump(mode="json", include=SUMMARY_FIELDS)
        summary["blocking"] = [g.id for g in ev.blocking]
        summary["stale_decisions"] = stale
        typer.echo(json.dumps(summary, indent=2))
    else:
        typer.echo(render_summary(ev))
        for line in stale:
            typer.echo(f"stale sign-off: {line}")
    if ev.status == "blocked":
        raise typer.Exit(1)


@journal_app.command("verify")
def journal_verify_cmd(
    dir: DirArg,
    allowed_signers: Annotated[
        Path | None,
        typer.Option(
            "--allowed-signers",
            metavar="FILE",
            envvar="SIGNOFF_ALLOWED_SIGNERS",
            help="Your organisation's allowed-signers file (default: the workspace's allowed_signers).",
        ),
    ] = None,
) -> None:
    """Check that no journal entry was edited, removed or reordered, that assessment.yaml
    was not changed outside signoff, and that every decision is signed by its approver
    (exit 1 if not).

    Example: signoff journal verify acme-support
    """
    from signoff.assess import Workspace

    ws = Workspace.open(dir)
    problems = ws.verify(allowed_signers)
    for problem in problems:
        typer.echo(f"{ws.journal.path}: {problem}", err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"journal intact: {len(ws.journal.entries())} entries, head {ws.journal.head_hash[:16]}…")


@app.command("schema")
def schema_cmd(
    name: Annotated[SchemaName, typer.Argument(metavar="SCHEMA", help="Which file format.")],
) -> None:
    """Print the JSON schema of a YAML file format, for editors.

    clauses is the clause catalogue (clause_library/clauses.yaml); rules, a clause library
    rule file (clause_library/<family>.yaml).

    Example: signoff schema checklist > checklist.schema.json
    """
    from signoff.assess import Assessment, Checklist, Playbook
    from signoff.extract.library import Catalogue, FamilyFile

    models = {"checklist": Checklist, "playbook": Playbook, "assessment": Assessment}
    model = (models | {"clauses": Catalogue, "rules": FamilyFile})[name.value]
    typer.echo(json.dumps(model.model_json_schema(), indent=2))
