"""Gaps: what stands between this launch and sign-off, sortable and filterable.

Each gap opens to its requirement, the evidence found (with its citation) and the
recommendation. Accepting one records a named approver, a reason and an expiry
through the engine (`signoff.assess.accept_gap`), which also writes the journal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Select, Static

from signoff.errors import SignoffError
from signoff.tui.screens.base import WorkspaceScreen
from signoff.tui.widgets.accept_gap import AcceptGapDialog

SEVERITY_ORDER = {"blocker": 0, "major": 1, "minor": 2}
SEVERITY_STYLE = {"blocker": "bold red", "major": "yellow", "minor": "blue"}
SORTS = ("severity", "source", "title")


def status_of(gap: Any) -> Text:
    if gap.acceptance is not None and gap.acceptance.expired:
        return Text("expired", style="red")
    if gap.acceptance is not None and not gap.open:
        return Text("accepted", style="yellow")
    return Text("open", style="bold")


class GapsScreen(WorkspaceScreen):
    """Gaps in a table (filter by severity, source, status) with the selected gap's detail."""

    NAME = "gaps"
    CSS_PATH = "gaps.tcss"
    AUTO_FOCUS = "#gaps"
    BINDINGS = [
        Binding("a", "accept", "Accept gap", id="gaps.accept", tooltip="Accept the selected gap"),
        Binding("o", "cycle_sort", "Sort", id="gaps.sort", tooltip="Sort by severity, source or title"),
        Binding("f", "focus_filters", "Filter", id="gaps.filter", tooltip="Filter the gaps"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort_by = "severity"
        self._shown: dict[str, Any] = {}

    def body(self) -> ComposeResult:
        with Horizontal(id="filters"):
            severities = [("Blockers", "blocker"), ("Majors", "major"), ("Minors", "minor")]
            yield Select(severities, prompt="Any severity", id="severity", compact=True)
            sources = [("Checklist", "checklist"), ("Contract", "contract")]
            yield Select(sources, prompt="Any source", id="source", compact=True)
            statuses = [("Open", "open"), ("Accepted", "accepted")]
            yield Select(statuses, prompt="Open and accepted", id="status", value="open", compact=True)
        table: DataTable[Any] = DataTable(id="gaps", cursor_type="row", zebra_stripes=True)
        yield table
        with VerticalScroll(id="detail"):
            yield Static(id="gap-detail")

    def on_mount(self) -> None:
        super().on_mount()
        self._columns(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._columns(event.size.width)
        if self.ws is not None:
            self.refresh_view()

    def _columns(self, width: int) -> None:
        # The title column takes the width that is left, so rows never scroll sideways.
        table = self.query_one("#gaps", DataTable)
        table.clear(columns=True)
        table.add_column("Severity", key="severity", width=8)
        table.add_column("Source", key="source", width=9)
        table.add_column("Status", key="status", width=8)
        table.add_column("Gap", key="title", width=max(20, width - 8 - 9 - 8 - 10))

    # -- drawing -------------------------------------------------------------------

    def _filtered(self) -> list[Any]:
        ev = self.evaluation
        severity = self.query_one("#severity", Select).value
        source = self.query_one("#source", Select).value
        status = self.query_one("#status", Select).value
        gaps = []
        for gap in ev.gaps if ev else []:
            if severity is not Select.NULL and gap.severity != severity:
                continue
            if source is not Select.NULL and gap.source != source:
                continue
            if status == "open" and not gap.open or status == "accepted" and gap.acceptance is None:
                continue
            gaps.append(gap)
        key = {
            "severity": lambda g: (SEVERITY_ORDER.get(g.severity, 9), g.source, g.title),
            "source": lambda g: (g.source, SEVERITY_ORDER.get(g.severity, 9), g.title),
            "title": lambda g: g.title.lower(),
        }[self.sort_by]
        return sorted(gaps, key=key)

    def refresh_view(self) -> None:
        table = self.query_one("#gaps", DataTable)
        keep = self._selected_id()
        table.clear()
        self._shown = {}
        for gap in self._filtered():
            self._shown[gap.id] = gap
            table.add_row(
                Text(gap.severity, style=SEVERITY_STYLE.get(gap.severity, "")),
                gap.source,
                status_of(gap),
                gap.title,
                key=gap.id,
            )
        table.border_title = f"{len(self._shown)} gaps, sorted by {self.sort_by}"
        if keep in self._shown:
            table.move_cursor(row=table.get_row_index(keep))
        self._show_detail(self._selected_id())

    def _selected_id(self) -> str | None:
        table = self.query_one("#gaps", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _show_detail(self, gap_id: str | None) -> None:
        detail = self.query_one("#gap-detail", Static)
        gap = self._shown.get(gap_id) if gap_id else None
        if gap is None:
            none_open = self.evaluation is not None and not any(g.open for g in self.evaluation.gaps)
            detail.update(Text("No open gaps." if none_open else "No gap matches these filters.",
                               style="green" if none_open else "dim"))
            return
        text = Text.assemble((gap.title, "bold"), (f"   {gap.id}\n", "dim"))
        text.append("Requirement: ", style="bold")
        text.append(f"{gap.requirement}\n")
        text.append("Problem: ", style="bold")
        text.append(f"{gap.problem}\n")
        text.append("Found: ", style="bold")
        text.append(f"{gap.found or 'nothing'}\n")
        if gap.citation is not None:
            c = gap.citation
            where = ", ".join(x for x in (f"page {c.page}" if c.page else "", c.section or "") if x)
            text.append(f"  {gap.document or ''} {where}: ", style="dim")
            text.append(f"“{c.text}”\n", style="italic")
        text.append("Recommendation: ", style="bold")
        text.append(f"{gap.recommendation}\n")
        if gap.fallback_wording:
            text.append("Fallback wording: ", style="bold")
            text.append(f"{gap.fallback_wording}\n", style="italic")
        if gap.acceptance is not None:
            a = gap.acceptance
            text.append(f"Accepted by {a.approver} until {a.until}: {a.reason}\n",
                        style="red" if a.expired else "yellow")
        detail.update(text)

    # -- interaction -----------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#gaps")
    def _row(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.row_key.value)

    @on(DataTable.HeaderSelected, "#gaps")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        if event.column_key.value in SORTS:
            self.sort_by = event.column_key.value
            self.refresh_view()

    @on(Select.Changed)
    def _filter(self) -> None:
        if self.ws is not None:
            self.refresh_view()

    def action_cycle_sort(self) -> None:
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]
        self.refresh_view()

    def action_focus_filters(self) -> None:
        self.query_one("#severity", Select).focus()

    def action_accept(self) -> None:
        gap = self._shown.get(self._selected_id() or "")
        if gap is None:
            self.notify("Select a gap to accept.", severity="warning")
            return
        if not gap.open:
            self.notify("That gap is not open.", severity="warning")
            return
        if why := gap.why_not_acceptable:
            self.notify(why, title="Cannot accept", severity="warning")
            return

        def submit(approver: str, reason: str, until: date) -> SignoffError | None:
            from signoff.assess import accept_gap

            try:
                if self.ws.changed_on_disk():
                    self.ws.reload()
                accept_gap(self.ws, gap.id, approver, reason, until, self.sapp.prefs.actor)
            except SignoffError as e:
                return e
            return None

        self.app.push_screen(AcceptGapDialog(gap.title, submit), self._accepted)

    def _accepted(self, saved: bool | None) -> None:
        if saved:
            self.notify("Gap accepted; the approver and reason are recorded.", title="Accepted")
            self.sapp.reevaluate()
