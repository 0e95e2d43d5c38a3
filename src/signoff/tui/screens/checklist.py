"""Checklist: sections and items on the left with marks, the item's form on the right.

An answer goes to the engine (`ws.answer`) on Enter, on a pick, on leaving the field,
or after a pause in typing; the engine either saves it (atomically, with a journal
entry) or says why not, and the message shows under the field. Until it is valid,
what was typed is kept as a draft in the workspace, so closing the app loses nothing.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Static, Tree

from signoff.errors import SignoffError
from signoff.tui.screens.base import WorkspaceScreen
from signoff.tui.screens.overview import tier_word
from signoff.tui.widgets.item_commands import ChecklistItemCommands
from signoff.tui.widgets.item_form import ItemForm, as_text

SETTLE_SECONDS = 1.0  # a pause in typing this long saves a valid answer


class ItemTree(Tree):
    """The item list; Enter opens the selected item's field, and the footer says so."""

    BINDINGS = [Binding("enter", "select_cursor", "Answer", id="checklist.answer", tooltip="Edit the answer")]


class ChecklistScreen(WorkspaceScreen):
    """Answer the launch checklist; the risk tier re-derives as answers change."""

    NAME = "checklist"
    CSS_PATH = "checklist.tcss"
    AUTO_FOCUS = "#items"
    COMMANDS = {ChecklistItemCommands}
    BINDINGS = [
        Binding("escape", "back_to_list", "Items", id="checklist.list", tooltip="Back to the item list"),
        Binding("ctrl+n", "next_open", "Next unanswered", id="checklist.next",
                tooltip="Jump to the next item without an answer"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.item_id: str | None = None
        self._leaves: dict[str, Any] = {}
        self._settle: Timer | None = None
        self._pending: tuple[str, Any, str | None] | None = None
        self._form: ItemForm | None = None

    def body(self) -> ComposeResult:
        with Horizontal():
            yield ItemTree("Checklist", id="items")
            with Vertical(id="right"):
                yield Static(id="tier-line")
                yield Vertical(id="form-slot")

    # -- drawing --------------------------------------------------------------

    def refresh_view(self) -> None:
        tree = self.query_one("#items", Tree)
        if not self._leaves:
            self._build_tree(tree)
        self._relabel()
        self._show_tier()
        if self._form is not None and self._form_is_stale():
            # Someone else saved this item (the disk watch reloaded): show theirs.
            current, self.item_id = self.item_id, None
            self._select(current)
        if self.item_id is None:
            wanted = self.sapp.drafts.position.get("item") if self.sapp.drafts else None
            self._select(wanted if wanted in self._leaves else next(iter(self._leaves), None))

    def _build_tree(self, tree: Tree) -> None:
        tree.show_root = False
        for section in self.sapp.checklist.sections:
            branch = tree.root.add(section.title, data=section, expand=True)
            for item in section.items:
                self._leaves[item.id] = branch.add_leaf(item.prompt, data=item)

    def _relabel(self) -> None:
        """Marks from the engine's own section and item status: ✓ done, ✗ gap, ✎ draft, · optional."""
        ev = self.evaluation
        status = {s.id: s for s in ev.sections} if ev is not None else {}
        drafts = self.sapp.drafts.all() if self.sapp.drafts else {}
        trees = self.query("#items").results(Tree)
        tree = next(trees, None)
        if tree is None:  # closing: the last edit is saved, there is nothing to redraw
            return
        for branch in tree.root.children:
            section, st = branch.data, status.get(branch.data.id)
            if st is None:
                branch.set_label(Text(section.title, style="bold"))
                continue
            mark = ("✓ ", "green") if st.complete else ("", "")
            counts = (f"  {st.answered}/{st.required}", "dim")
            branch.set_label(Text.assemble(mark, (section.title, "bold"), counts))
            items = {i.id: i for i in st.items}
            for leaf in branch.children:
                item, ist = leaf.data, items.get(leaf.data.id)
                if item.id in drafts:
                    mark = ("✎ ", "yellow")
                elif ist is not None and ist.gap:
                    mark = ("✗ ", "red")
                elif ist is not None and ist.answered:
                    mark = ("✓ ", "green")
                else:
                    mark = ("· ", "dim")
                leaf.set_label(Text.assemble(mark, item.prompt))

    def _show_tier(self) -> None:
        ev = self.evaluation
        line = Text("Risk tier: ", style="bold")
        if ev is not None:
            line.append(f" {tier_word(ev.tier)} ", style="bold reverse")
            line.append(f"   {ev.answered}/{ev.required} required answered")
            if ev.tier_reasons:
                extra = len(ev.tier_reasons) - 1
                more = f" (and {extra} more, see Overview)" if extra else ""
                line.append(f"\nWhy: {ev.tier_reasons[0].reason}{more}", style="dim")
            elif not ev.tier_known:
                line.append("\nprovisional until the use-case questions are answered", style="dim")
        self.query_one("#tier-line", Static).update(line)

    def _form_is_stale(self) -> bool:
        form = self._form
        saved = self.ws.assessment.answers.get(form.item.id)
        has_draft = self.sapp.drafts is not None and self.sapp.drafts.get(form.item.id) is not None
        return not has_draft and (saved.value if saved else None) != form.saved

    def _select(self, item_id: str | None) -> None:
        if item_id is None or item_id == self.item_id:
            return
        self._flush()
        self.item_id = item_id
        node = self._leaves[item_id]
        tree = self.query_one("#items", Tree)
        tree.move_cursor(node)
        item = node.data
        saved = self.ws.assessment.answers.get(item_id)
        draft = self.sapp.drafts.get(item_id) if self.sapp.drafts else None
        # Forms are replaced, not reused: each item has its own editor type.
        if self._form is not None:
            self._form.remove()
        if draft is not None:
            status = "Draft: not saved yet. Press Enter to save it."
        else:
            status = f"Saved, answered by {saved.answered_by}." if saved else ""
        attached = saved.evidence.ref if saved is not None and saved.evidence is not None else None
        form = self._form = ItemForm(item, saved.value if saved else None, draft, status, attached)
        self.query_one("#form-slot", Vertical).mount(form)
        self.sapp.remember_position(screen="checklist", item=item_id)

    # -- navigation -------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#items")
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.node.data is not None and hasattr(event.node.data, "type"):
            self._select(event.node.data.id)

    @on(Tree.NodeSelected, "#items")
    def _chosen(self, event: Tree.NodeSelected) -> None:
        if event.node.data is not None and hasattr(event.node.data, "type"):
            self.action_edit()

    def show_item(self, item_id: str, *, edit: bool = False) -> None:
        """Select an item by id (the command palette and a restored position use this)."""
        if item_id in self._leaves:
            self._select(item_id)
            if edit:
                self.action_edit()

    def action_edit(self) -> None:
        if self._form is not None:
            self._form.focus_editor()

    def action_back_to_list(self) -> None:
        self.query_one("#items", Tree).focus()

    def action_next_open(self) -> None:
        answers = self.ws.assessment.answers
        ids = list(self._leaves)
        start = ids.index(self.item_id) + 1 if self.item_id in ids else 0
        for item_id in ids[start:] + ids[:start]:
            if item_id not in answers:
                self._select(item_id)
                self.action_edit()
                return
        self.notify("Every item has an answer.")

    # -- saving -------------------------------------------------------------------

    @on(ItemForm.Edited)
    def _edited(self, event: ItemForm.Edited) -> None:
        self._pending = (event.item_id, event.raw, event.evidence)
        if self._settle is not None:
            self._settle.stop()
        if event.settled:
            self._flush()
            return
        self._keep_draft(event.item_id, event.raw)
        self._settle = self.set_timer(SETTLE_SECONDS, self._flush)

    def _keep_draft(self, item_id: str, raw: Any) -> None:
        text = raw if isinstance(raw, str) else ", ".join(raw)
        saved = self.ws.assessment.answers.get(item_id)
        item = self._leaves[item_id].data
        had_draft = self.sapp.drafts.get(item_id) is not None
        try:
            if saved is not None and as_text(item, saved.value) == text:
                self.sapp.drafts.discard(item_id)
            else:
                self.sapp.drafts.put(item_id, text)
        except OSError as e:
            self.notify(f"{self.sapp.drafts.path}: cannot keep your draft: {e.strerror}", severity="error")
        if had_draft != (self.sapp.drafts.get(item_id) is not None):
            self._relabel()  # only when the ✎ mark appears or goes: not on every keystroke

    def _flush(self) -> None:
        """Send the pending edit to the engine: saved, or the reason it is not valid yet."""
        if self._pending is None:
            return
        item_id, raw, evidence = self._pending
        self._pending = None
        item = self._leaves[item_id].data
        saved = self.ws.assessment.answers.get(item_id)
        text = raw if isinstance(raw, str) else ", ".join(raw)
        same_evidence = evidence is None or (saved is not None and saved.evidence is not None
                                             and saved.evidence.ref == evidence)
        if saved is not None and as_text(item, saved.value) == text and same_evidence:
            return
        if saved is None and not text.strip():
            return
        self._keep_draft(item_id, raw)
        form = self._form if self._form is not None and self._form.item.id == item_id else None
        from signoff.assess import AnswerError

        try:
            # The engine merges a colleague's other changes and refuses (ConflictError) to
            # overwrite theirs to this item; either way the draft stays until saved.
            answer = self.ws.answer(item_id, raw, self.sapp.prefs.actor, evidence=evidence)
        except AnswerError as e:
            if form is not None:
                form.show_error(e.message)
            else:
                self.notify(e.message, title="Not saved", severity="warning", markup=False)
            return
        except SignoffError as e:
            self.notify(e.message, title="Not saved", severity="error", markup=False, timeout=10)
            self.sapp.reevaluate()
            return
        self.sapp.drafts.discard(item_id)
        if form is not None:
            form.saved = answer.value  # so the redraw below does not take it for someone else's
            form.show_status(f"Saved, answered by {answer.answered_by}.")
        self.sapp.reevaluate()

    def on_screen_suspend(self) -> None:
        # Leaving the screen settles the edit now, while it is still this workspace's.
        if self._settle is not None:
            self._settle.stop()
        self._flush()

    def on_unmount(self) -> None:
        self._form = None
        self._flush()
