"""Overview: the launch at a glance, and the one thing to do next."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.widgets import Static

from signoff.tui.screens.base import WorkspaceScreen
from signoff.wording import status_text, tier_text

STATUS_COLOURS = {"ready": "green", "ready_with_accepted_gaps": "yellow", "blocked": "red"}


def tier_word(tier: str) -> str:
    return tier_text(tier).upper()


def panel(id: str, title: str) -> Static:
    box = Static(id=id, classes="panel")
    box.border_title = title
    return box


class OverviewScreen(WorkspaceScreen):
    """Deployment, risk tier and why, readiness counts, outcome owner, contracts, next step."""

    NAME = "overview"
    CSS_PATH = "overview.tcss"

    def body(self) -> ComposeResult:
        with VerticalScroll(id="overview"):
            yield panel("next", "Next step")
            with Grid(id="panels"):
                yield panel("readiness", "Readiness")
                yield panel("tier", "Risk tier")
                yield panel("owner", "Outcome owner")
                yield panel("contracts", "Contracts")

    def refresh_view(self) -> None:
        ev = self.evaluation
        self.query_one("#readiness", Static).update(self._readiness(ev))
        self.query_one("#tier", Static).update(self._tier(ev))
        self.query_one("#owner", Static).update(self._owner(ev))
        self.query_one("#contracts", Static).update(self._contracts())
        self.query_one("#next", Static).update(self._next_step(ev))

    def _readiness(self, ev: Any) -> Text:
        if ev is None:
            return Text("Not evaluated: see the error notification.", style="red")
        word, colour = status_text(ev.status), STATUS_COLOURS.get(ev.status, "white")
        text = Text.assemble((word, f"bold {colour}"), "\n")
        text.append(f"{ev.answered} of {ev.required} required items answered\n")
        text.append_text(self._counts(ev))
        return text

    @staticmethod
    def _counts(ev: Any) -> Text:
        text = Text("Open gaps: ")
        for i, (severity, colour) in enumerate((("blocker", "red"), ("major", "yellow"), ("minor", "blue"))):
            n = ev.counts.get(severity, 0)
            text.append(", " if i else "")
            text.append(f"{n} {severity}{'s' if n != 1 else ''}", style=colour if n else "dim")
        if ev.accepted:
            text.append(f"\n{ev.accepted} gap{'s' if ev.accepted != 1 else ''} accepted")
        return text

    def _tier(self, ev: Any) -> Text:
        if ev is None:
            return Text("—")
        text = Text(tier_word(ev.tier), style="bold")
        if not ev.tier_known:
            text.append("  (provisional: risk questions unanswered)", style="yellow")
        if ev.tier_note:
            text.append(f"\n{ev.tier_note}", style="dim")
        # The answers that set the tier in force; rules for lower tiers are true but beside the point.
        deciding = [r for r in ev.tier_reasons if r.tier == ev.derived_tier] or ev.tier_reasons
        for reason in deciding:
            text.append(f"\n• {reason.reason}")
        if not ev.tier_reasons and ev.tier_known:
            text.append("\nNo answer raises the tier.", style="dim")
        return text

    @staticmethod
    def _owner(ev: Any) -> Text:
        if ev is not None and ev.outcome_owner:
            return Text.assemble((str(ev.outcome_owner), "bold"), "\nowns the outcome when the AI follows "
                                 "every rule and a customer is still harmed.")
        return Text("Nobody named yet. A named person, not a team, must own the outcome "
                    "(Checklist → owner).", style="yellow")

    def _contracts(self) -> Text:
        records = self.ws.assessment.contracts
        if not records:
            return Text("No vendor contract yet. Add one in Contracts (3).", style="yellow")
        analyses = self.sapp.attempt(self.ws.analyses) or []
        text = Text()
        for record, analysis in zip(records, analyses, strict=False):
            text.append(record.file.removeprefix("contracts/"), style="bold")
            text.append(f"  {len(analysis.findings)} clauses found, {len(analysis.absent)} absent\n")
        return text

    def _next_step(self, ev: Any) -> Text:
        # Navigation advice from the evaluation's own counts; no readiness rule lives here.
        if ev is None:
            return Text("Fix the error shown, then reopen the workspace (w).")
        if ev.answered < ev.required:
            return Text(f"Answer the {ev.required - ev.answered} remaining checklist items: press 2.")
        if not self.ws.assessment.contracts:
            return Text("Add the vendor contract: press 3, then a.")
        if blocking := ev.blocking:
            how = "Fix or accept" if any(g.acceptable for g in blocking) else "Fix"
            plural = "s" if len(blocking) != 1 else ""
            return Text(f"{how} the {len(blocking)} gap{plural} blocking launch: press 4.")
        return Text("Everything needed is in place. Generate the sign-off document: press 5.", style="green")
