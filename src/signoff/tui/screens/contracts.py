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

from signoff.assess import ClauseReview, ContractReview, review_contracts
from signoff.errors import SignoffError
from signoff.tui.screens.base import WorkspaceScreen
from signoff.tui.widgets.add_contract import AddContractDialog
from signoff.tui.widgets.contract_forms import MissedClauseDialog, RemoveContractDialog, VersionDiffScreen
from signoff.tui.widgets.review_finding import ReviewFindingDialog
from signoff.tui.widgets.source_view import SourceView
from signoff.wording import clause_fields, review_text, values_text

MARKS = {"meets": ("✓ ", "green"), "open_gap": ("✗ ", "red"), "accepted_gap": ("≈ ", "yellow"),
         "unknown": ("? ", "dim")}


def verdict_text(review: ClauseReview) -> Text:
    """The engine's verdicts on one finding and the gaps on its clause, worded for the detail pane."""
    if review.state == "unknown":
        return Text("Not judged: the workspace could not be evaluated (see the error shown).", style="dim")
    text = Text()
    for v in review.verdicts:
        if v.meets:
            text.append(f"✓ Meets {v.title}: {v.requirement}\n", style="green")
        else:
            text.append(f"✗ Falls short of {v.title} ({v.severity}): {'; '.join(v.why)}\n", style="red")
    if review.state == "meets" and any(not v.meets for v in review.verdicts):
        text.append(
            "Another of this vendor's documents meets this position, so it is no gap.\n", style="italic"
        )
    for gap in review.gaps:
        if gap.open:
            text.append(f"✗ {gap.severity.upper()} gap: ", style="bold red")
        else:
            text.append("≈ Accepted gap: ", style="bold yellow")
        text.append(f"{gap.requirement}\n")
        if gap.recommendation:
            text.append(f"{gap.recommendation}\n", style="italic")
    if review.review is not None:
        text.append(f"Legal: {review_text(review.review)}\n", style="italic cyan")
    if review.id:
        text.append(f"Finding {review.id}: c confirm, x dismiss, e correct a value\n", style="dim")
    return text or Text("✓ Meets the playbook position for this tier (or it sets none).", style="green")


def review_mark(clause: ClauseReview) -> tuple[str, str]:
    """What the tree shows after a finding legal reviewed."""
    if clause.review is None:
        return ("", "")
    if clause.review.recheck:  # carried to a new version whose words changed
        return ("  [look again]", "bold yellow")
    return ("  [dismissed]" if clause.review.action == "dismiss" else "  [reviewed]", "italic cyan")


def grouped(clauses: list[ClauseReview]) -> list[tuple[ClauseReview, int]]:
    """Findings that read the same (clause, verdict, values, review) as one row with a count.

    A contract that repeats its disclaimer in every section would otherwise list it six times.
    The row stands for its first finding; one legal reviewed differently gets a row of its own.
    """
    rows: dict[tuple[str, ...], list[Any]] = {}
    for clause in clauses:
        finding = clause.finding
        values = values_text(finding.values, finding.clause) if finding else ""
        key = (clause.clause, clause.state, values, review_mark(clause)[0])
        rows.setdefault(key, [clause, 0])[1] += 1
    return [(clause, count) for clause, count in rows.values()]


class ContractsScreen(WorkspaceScreen):
    """Findings grouped by family, each with its values, verdict and source text."""

    NAME = "contracts"
    CSS_PATH = "contracts.tcss"
    AUTO_FOCUS = "#findings"
    BINDINGS = [
        Binding("a", "add", "Add contract", id="contracts.add", tooltip="Analyse a vendor contract file"),
        Binding(
            "c", "review('confirm')", "Confirm", id="contracts.confirm", tooltip="Legal: the finding is right"
        ),
        Binding(
            "x", "review('dismiss')", "Dismiss", id="contracts.dismiss", tooltip="Legal: a false finding"
        ),
        Binding("e", "review('set')", "Correct", id="contracts.correct", tooltip="Legal: correct a value"),
        Binding("m", "missed", "Missed", id="contracts.missed", tooltip="Legal: add a clause by its words"),
        Binding("v", "new_version", "Version", id="contracts.version", tooltip="Replace with new terms"),
        Binding("d", "remove", "Remove", id="contracts.remove", tooltip="Remove a contract added by mistake"),
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
        if not self.ws.assessment.contracts:
            tree.root.add_leaf(Text("No contract yet: press a to add the vendor's contract.", style="yellow"))
            return
        reviews = self.sapp.attempt(self._reviews)
        if reviews is None:
            tree.root.add_leaf(Text("The contracts could not be read: see the error shown.", style="red"))
            return
        vendors: dict[str, Any] = {}
        for review in reviews:
            name = review.vendor or "Vendor not identified"
            if name not in vendors:
                vendors[name] = tree.root.add(Text(name, style="bold underline"), expand=True)
            self._add_contract(vendors[name], review)

    def _reviews(self) -> list[ContractReview]:
        ws = self.ws
        return review_contracts(
            ws.assessment.contracts, ws.analyses(), ws.playbook(), self.evaluation, ws.assessment.reviews
        )

    def _add_contract(self, vendor: Any, review: ContractReview) -> None:
        name = review.record.file.removeprefix("contracts/")
        top = vendor.add(Text(name, style="bold"), expand=True, data=review.record)
        for family in review.families:
            branch = top.add(Text(family.title, style="bold"), expand=True)
            for clause, count in grouped(family.clauses):
                finding = clause.finding
                values = f"  {values_text(finding.values, finding.clause)}" if finding else ""
                times = (f" ×{count}", "bold") if count > 1 else ("", "")
                label = Text.assemble(MARKS[clause.state], clause.title, times, (values, "dim"),
                                      review_mark(clause))
                branch.add_leaf(label, data=(review.record, clause))
        if review.absent:
            heading = Text(f"Not found in the contract ({len(review.absent)})", style="bold")
            absent = top.add(heading, expand=True)
            for clause in review.absent:
                absent.add_leaf(Text.assemble(MARKS[clause.state], clause.title))
        for warning in review.warnings:
            top.add_leaf(Text(f"⚠ {warning}", style="yellow"))

    # -- selecting a finding ------------------------------------------------------

    @on(Tree.NodeHighlighted, "#findings")
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        if not isinstance(event.node.data, tuple):
            return
        record, review = event.node.data
        source = self.query_one("#source", SourceView)
        source.show(review.finding, verdict_text(review), self._texts.get(record.sha256))
        if record.sha256 not in self._texts:
            self._read_back(record, review)

    @work(thread=True, exclusive=True, group="read-contract", exit_on_error=False)
    def _read_back(self, record: Any, review: ClauseReview) -> None:
        """Read the stored copy once to show text around quotes (PDFs take a moment)."""
        from signoff.ingest import load

        try:
            text: str | None = load(self.ws.dir / record.file).text
        except (SignoffError, OSError):
            text = None
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._got_text, record, review, text)

    def _got_text(self, record: Any, review: ClauseReview, text: str | None) -> None:
        self._texts[record.sha256] = text
        self.query_one("#source", SourceView).show(review.finding, verdict_text(review), text)

    # -- legal's review of a finding -----------------------------------------------------

    def action_review(self, action: str) -> None:
        node = self.query_one("#findings", Tree).cursor_node
        clause = node.data[1] if node is not None and isinstance(node.data, tuple) else None
        if clause is None or clause.id is None or (clause.review and clause.review.action == "add"):
            self.notify("Choose a finding in the tree first.", severity="warning")
            return
        from signoff.assess.legal import review_finding

        def submit(reviewer: str, reason: str, sets: list[str]) -> SignoffError | None:
            try:
                review_finding(self.ws, clause.id, action, sets, reviewer, reason, self.sapp.prefs.actor)
            except SignoffError as e:
                return e
            return None

        fields = list(clause_fields(clause.clause))
        dialog = ReviewFindingDialog(action, f"{clause.title} ({clause.id})", fields, submit)
        self.app.push_screen(dialog, self._reviewed)

    def _reviewed(self, saved: bool | None) -> None:
        if saved:
            self.notify("Review recorded in the journal; gaps are judged on it.", title="Finding reviewed")
            self.sapp.reevaluate()

    # -- adding a contract -----------------------------------------------------------

    def action_add(self) -> None:
        self.app.push_screen(AddContractDialog(Path.cwd()), self._chosen)

    def action_new_version(self) -> None:
        record = self._selected_record()
        if record is not None:
            self.app.push_screen(
                AddContractDialog(Path.cwd()), lambda choice: self._chosen(choice, record.file)
            )

    def _chosen(self, choice: tuple[Path, str | None] | None, replaces: str | None = None) -> None:
        if choice is None:
            return
        path, vendor = choice
        self.query_one("#progress-label", Static).update(f"Analysing {path.name}… keys keep working.")
        self.query_one("#progress").display = True
        self._analyse(path, vendor, replaces)

    # exit_on_error=False: a bug in the extractor must not close the app (and lose the
    # person's place); it is reported in `_worker_failed` instead.
    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def _analyse(self, path: Path, vendor: str | None, replaces: str | None) -> None:
        from signoff.assess.versions import add_contract

        try:
            change = add_contract(self.ws, path, self.sapp.prefs.actor, vendor=vendor, replaces=replaces)
        except SignoffError as e:
            self.app.call_from_thread(self._analysed, None, e.message)
            return
        self.app.call_from_thread(self._analysed, change, None)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.group == "analysis":
            error = event.worker.error
            self._analysed(None, f"analysis failed unexpectedly ({type(error).__name__}: {error}); "
                                 "please report this with the contract's format")

    def _analysed(self, change: Any, error: str | None) -> None:
        from signoff.assess.text import render_contract_change

        self.query_one("#progress").display = False
        if error is not None:
            self.notify(error, title="Contract not added", severity="error", markup=False, timeout=10)
            return
        if change.outcome == "replaced":
            self.app.push_screen(VersionDiffScreen(render_contract_change(change, self.ws)))
        elif change.outcome == "added":
            self.notify(f"{change.record.file.removeprefix('contracts/')} analysed.", title="Contract added")
        else:
            self.notify(render_contract_change(change, self.ws), title="Contract", markup=False)
        self.sapp.reevaluate()

    # -- a missed clause, removing a contract ---------------------------------------

    def _selected_record(self) -> Any:
        """The contract of the tree's cursor (a finding's or the document's own node), or None with a word."""
        node = self.query_one("#findings", Tree).cursor_node
        while node is not None and not (isinstance(node.data, tuple) or hasattr(node.data, "sha256")):
            node = node.parent
        if node is None:
            self.notify("Choose a contract (or one of its findings) in the tree first.", severity="warning")
            return None
        return node.data[0] if isinstance(node.data, tuple) else node.data

    def action_missed(self) -> None:
        from signoff.assess.legal import add_finding

        record = self._selected_record()
        if record is None:
            return
        selected = self.screen.get_selected_text() or ""

        def submit(
            clause: str, quote: str, sets: list[str], reviewer: str, reason: str
        ) -> SignoffError | None:
            try:
                add_finding(
                    self.ws, clause, record.file, quote, sets, reviewer, reason, self.sapp.prefs.actor
                )
            except SignoffError as e:
                return e
            return None

        self.app.push_screen(MissedClauseDialog(record.file, selected.strip(), submit), self._reviewed)

    def action_remove(self) -> None:
        from signoff.assess.versions import remove_contract

        record = self._selected_record()
        if record is None:
            return

        def submit(reason: str) -> SignoffError | None:
            try:
                remove_contract(self.ws, record.file, reason, self.sapp.prefs.actor)
            except SignoffError as e:
                return e
            return None

        self.app.push_screen(RemoveContractDialog(record.file, submit), self._removed)

    def _removed(self, saved: bool | None) -> None:
        if saved:
            self.notify("Contract removed; the journal keeps its record and your reason.", title="Removed")
            self.sapp.reevaluate()
