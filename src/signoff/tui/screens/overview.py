"""Overview: the launch at a glance, and the one thing to do next."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Static

from signoff.tui.screens.base import WorkspaceScreen

STATUS_WORDS = {
    "ready": ("Ready to sign off", "green"),
    "ready_with_accepted_gaps": ("Ready, with accepted gaps", "yellow"),
    "blocked": ("Blocked", "red"),
}


def panel(id: str, title: str) -> Static:
    box = Static(id=id, classes="panel")
    box.border_title = title
    return box


class OverviewScreen(WorkspaceScreen):
    """Deployment, risk tier and why, readiness counts, outcome owner, contracts, next step."""

    NAME = "overview"
    CSS_PATH = "overview.tcss"

    def body(self) -> ComposeResult:
        with Grid(id="overview"):
            yield panel("readiness", "Readiness")
            yield panel("tier", "Risk tier")
            yield panel("owner", "Outcome owner")
            yield panel("contracts", "Contracts")
            yield panel("next", "Next step")

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
        word, colour = STATUS_WORDS.get(ev.status, (ev.status, "white"))
        text = Text.assemble((word, f"bold {colour}"), "\n")
        text.append(f"{ev.answered} of {ev.required} required items answered\n")
        text.append_text(self._counts(ev))
        return text

    @staticmethod
    def _counts(ev: Any) -> Text:
        open_gaps = [g for g in ev.gaps if g.open]
        accepted = sum(1 for g in ev.gaps if g.acceptance is not None and not g.open)
        parts = []
        for severity, colour in (("blocker", "red"), ("major", "yellow"), ("minor", "blue")):
            n = sum(1 for g in open_gaps if g.severity == severity)
            parts.append((f"{n} {severity}{'s' if n != 1 else ''}", colour if n else "dim"))
        text = Text("Open gaps: ")
        for i, (words, style) in enumerate(parts):
            text.append(("" if i == 0 else ", ") + words, style=style)
        if accepted:
            text.append(f"\n{accepted} gap{'s' if accepted != 1 else ''} accepted")
        return text

    def _tier(self, ev: Any) -> Text:
        if ev is None:
            return Text("—")
        text = Text(f"{ev.tier}".upper(), style="bold")
        override = self.ws.assessment.tier_override
        if ev.tier != ev.derived_tier and override is not None:
            text.append(f"  (set by {override.approver or 'override'}; derived: {ev.derived_tier})", style="dim")
        for reason in ev.tier_reasons:
            text.append(f"\n• {reason}")
        if not ev.tier_reasons:
            text.append("\nAnswer the risk questions in the Checklist to derive it.", style="dim")
        return text

    @staticmethod
    def _owner(ev: Any) -> Text:
        if ev is not None and ev.outcome_owner:
            return Text.assemble((ev.outcome_owner, "bold"), "\nowns the outcome when the AI follows "
                                 "every rule and a customer is still harmed.")
        return Text("Nobody named yet. A named person, not a team, must own the outcome "
                    "(Checklist → owner).", style="yellow")

    def _contracts(self) -> Text:
        records = self.ws.assessment.contracts
        if not records:
            return Text("No vendor contract yet. Add one in Contracts (3).", style="yellow")
        analyses = {a.document.sha256: a for a in self.sapp.attempt(self.ws.analyses) or []}
        text = Text()
        for record in records:
            analysis = analyses.get(record.sha256)
            found = f"{len(analysis.findings)} clauses found" if analysis else "not analysed"
            text.append(f"{record.file}", style="bold")
            text.append(f"  {found}\n")
        return text

    def _next_step(self, ev: Any) -> Text:
        # Navigation advice from the evaluation's own counts; no readiness rule lives here.
        if ev is None:
            return Text("Fix the error shown, then reopen the workspace (w).")
        blockers = sum(1 for g in ev.gaps if g.open and g.severity == "blocker")
        if ev.answered < ev.required:
            return Text(f"Answer the {ev.required - ev.answered} remaining checklist items: press 2.")
        if not self.ws.assessment.contracts:
            return Text("Add the vendor contract: press 3, then a.")
        if blockers:
            return Text(f"Close or accept {blockers} blocker gap{'s' if blockers != 1 else ''}: press 4.")
        return Text("Everything needed is in place. Generate the sign-off document: press 5.", style="green")
