"""Contracts: add a vendor contract, then read its findings by family with citations.

Analysis (`ws.add_contract`, which runs the extractor) happens in a thread worker, so
the screen keeps answering keys while a long PDF is read; the tree shows each finding
with the playbook's verdict, and the source pane shows the contract's own words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import LoadingIndicator, Static, Tree
from textual.worker import Worker, WorkerState, get_current_worker

from signoff.errors import SignoffError
from signoff.tui.screens.base import WorkspaceScreen
from signoff.tui.widgets.add_contract import AddContractDialog
from signoff.tui.widgets.source_view import SourceView, show_values

# How findings are grouped on screen, in the order legal reads a contract.
FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Liability", ("liability_cap", "consequential_damages_exclusion", "liability_carve_out",
                   "warranty_disclaimer", "insurance")),
    ("Indemnities", ("indemnity",)),
    ("Notice duties", ("incident_notice", "terms_change_notice", "suspension", "subprocessor_notice")),
    ("Exit", ("termination_for_convenience", "termination_for_cause", "renewal_notice",
              "data_return_deletion", "transition_assistance")),
    ("Data use", ("training_on_customer_data", "data_retention")),
    ("Audit", ("audit_rights",)),
    ("Other terms", ("governing_law", "acceptable_use")),
)


def family_of(clause: str) -> str:
    return next((name for name, clauses in FAMILIES if clause in clauses), "Other terms")


def clause_title(clause: str) -> str:
    return clause.replace("_", " ").capitalize()


class ContractsScreen(WorkspaceScreen):
    """Findings grouped by family, each with its values, verdict and source text."""

    NAME = "contracts"
    CSS_PATH = "contracts.tcss"
    AUTO_FOCUS = "#findings"
    BINDINGS = [
        Binding("a", "add", "Add contract", id="contracts.add", tooltip="Analyse a vendor contract file"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._texts: dict[str, str | None] = {}

    def body(self) -> ComposeResult:
        with Vertical(id="progress"):
            yield Static(id="progress-label")
            yield LoadingIndicator()
        with Horizontal():
            yield Tree("Contracts", id="findings")
            yield SourceView(id="source")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#progress").display = False

    # -- drawing ---------------------------------------------------------------

    def refresh_view(self) -> None:
        tree = self.query_one("#findings", Tree)
        tree.clear()
        tree.show_root = False
        analyses = self.sapp.attempt(self.ws.analyses) or []
        if not analyses:
            tree.root.add_leaf(Text("No contract yet: press a to add the vendor's contract.", style="yellow"))
            return
        for record, analysis in zip(self.ws.assessment.contracts, analyses, strict=False):
            self._add_contract(tree, record, analysis)

    def _add_contract(self, tree: Tree, record: Any, analysis: Any) -> None:
        vendor = f"  vendor: {analysis.vendor}" if analysis.vendor else ""
        name = record.file.removeprefix("contracts/")
        top = tree.root.add(Text.assemble((name, "bold"), (vendor, "dim")), expand=True)
        by_family: dict[str, list[Any]] = {}
        for finding in analysis.findings:
            by_family.setdefault(family_of(finding.clause), []).append(finding)
        for family, clauses in FAMILIES:
            findings = by_family.get(family)
            if not findings:
                continue
            # Within a family, the order of the table above, then the order in the contract.
            findings.sort(key=lambda f: (clauses.index(f.clause) if f.clause in clauses else 99, f.start))
            branch = top.add(Text(family, style="bold"), expand=True)
            for finding in findings:
                mark, style = self._verdict_mark(finding.clause)
                label = Text.assemble((mark, style), clause_title(finding.clause),
                                      (f"  {show_values(finding.values)}", "dim"))
                branch.add_leaf(label, data=(record, finding))
        if analysis.absent:
            heading = Text(f"Not found in the contract ({len(analysis.absent)})", style="bold")
            absent = top.add(heading, expand=True)
            for clause in analysis.absent:
                mark, style = self._verdict_mark(clause)
                absent.add_leaf(Text.assemble((mark, style), clause_title(clause)))
        for warning in analysis.warnings:
            top.add_leaf(Text(f"⚠ {warning}", style="yellow"))

    def _gaps_for(self, clause: str) -> list[Any]:
        ev = self.evaluation
        return [g for g in (ev.gaps if ev else []) if g.source == "contract" and g.ref == clause]

    def _verdict_mark(self, clause: str) -> tuple[str, str]:
        gaps = self._gaps_for(clause)
        if any(g.open for g in gaps):
            return "✗ ", "red"
        if gaps:
            return "≈ ", "yellow"  # a gap, accepted by an approver
        return "✓ ", "green"

    def _verdict(self, clause: str) -> Text:
        gaps = self._gaps_for(clause)
        if not gaps:
            return Text("✓ Meets the playbook position for this tier (or it sets none).", style="green")
        text = Text()
        for gap in gaps:
            if gap.open:
                text.append(f"✗ {gap.severity.upper()}: ", style="bold red")
            else:
                text.append("≈ Accepted gap: ", style="bold yellow")
            text.append(f"{gap.requirement}\n")
            if gap.recommendation:
                text.append(f"{gap.recommendation}\n", style="italic")
        return text

    # -- selecting a finding ------------------------------------------------------

    @on(Tree.NodeHighlighted, "#findings")
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        if not isinstance(event.node.data, tuple):
            return
        record, finding = event.node.data
        source = self.query_one("#source", SourceView)
        source.show(finding, self._verdict(finding.clause), self._texts.get(record.sha256))
        if record.sha256 not in self._texts:
            self._read_back(record, finding)

    @work(thread=True, exclusive=True, group="read-contract", exit_on_error=False)
    def _read_back(self, record: Any, finding: Any) -> None:
        """Read the stored copy once to show text around quotes (PDFs take a moment)."""
        from signoff.ingest import load

        try:
            text: str | None = load(self.ws.dir / record.file).text
        except (SignoffError, OSError):
            text = None
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._got_text, record, finding, text)

    def _got_text(self, record: Any, finding: Any, text: str | None) -> None:
        self._texts[record.sha256] = text
        self.query_one("#source", SourceView).show(finding, self._verdict(finding.clause), text)

    # -- adding a contract -----------------------------------------------------------

    def action_add(self) -> None:
        self.app.push_screen(AddContractDialog(Path.cwd()), self._chosen)

    def _chosen(self, choice: tuple[Path, str | None] | None) -> None:
        if choice is None:
            return
        path, vendor = choice
        self.query_one("#progress-label", Static).update(f"Analysing {path.name}… keys keep working.")
        self.query_one("#progress").display = True
        self._analyse(path, vendor)

    # exit_on_error=False: a bug in the extractor must not close the app (and lose the
    # person's place); it is reported in `_worker_failed` instead.
    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def _analyse(self, path: Path, vendor: str | None) -> None:
        try:
            record = self.ws.add_contract(path, self.sapp.prefs.actor, vendor=vendor)
        except SignoffError as e:
            self.app.call_from_thread(self._analysed, None, e.message)
            return
        self.app.call_from_thread(self._analysed, record, None)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.group == "analysis":
            error = event.worker.error
            self._analysed(None, f"analysis failed unexpectedly ({type(error).__name__}: {error}); "
                                 "please report this with the contract's format")

    def _analysed(self, record: Any, error: str | None) -> None:
        self.query_one("#progress").display = False
        if error is not None:
            self.notify(error, title="Contract not added", severity="error", markup=False, timeout=10)
            return
        self.notify(f"{record.file.removeprefix('contracts/')} analysed.", title="Contract added")
        self.sapp.reevaluate()
