"""One vocabulary: the CLI, the app and the sign-off document word an answer, a finding's values
and a verdict identically, and a reader of the document meets no internal names.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from tests.assess.helpers import run_cli
from textual.widgets import DataTable, Static, Tree

from signoff.assess import Workspace, evaluate
from signoff.report import build_report, render_report
from signoff.wording import show, values_text

from .conftest import NIMBUS, SIZE
from .helpers import make_app

pytestmark = pytest.mark.anyio

# What a reader must never meet outside places labelled as ids: a snake_case name (a tier id, a
# value name, an option id), an ISO timestamp, or a Python repr.
INTERNAL = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b|\d{4}-\d\d-\d\dT\d|\bTrue\b|\bFalse\b|\bNone\b|\['|\{'")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _incident(ws: Workspace):
    ev = evaluate(ws)
    gap = next(g for g in ev.gaps if g.id == "contract.incident_notice")
    finding = next(f for a in ws.analyses() for f in a.findings if f.clause == "incident_notice")
    return gap, finding


async def test_the_cli_the_app_and_the_report_word_answer_value_and_verdict_alike(
    example_ws: Path, monkeypatch, capsys
):
    ws = Workspace.open(example_ws)
    gap, finding = _incident(ws)
    channels = show(ws.assessment.answers["channels"].value, ws.checklist().item("channels"))
    values = values_text(finding.values, finding.clause)
    assert channels == "Web chat, In-app chat"
    assert values == "notice window: 72 hours; how soon: within a fixed time"
    assert gap.problem == "notice window is 72 hours, needs at most 48 hours"

    cli = {}
    for args in (("checklist", "--all"), ("gaps",)):
        code, out, err = run_cli(monkeypatch, capsys, args[0], str(example_ws), *args[1:])
        assert code == 0, err
        cli[args[0]] = _flat(out)
    code, out, err = run_cli(monkeypatch, capsys, "analyze", str(NIMBUS))
    assert code == 0, err
    assert f"answered: {channels}" in cli["checklist"]
    assert f"problem {gap.problem}" in cli["gaps"]
    assert values in out

    markdown = _flat(render_report(build_report(ws), "md").decode())
    assert channels in markdown and values in markdown and gap.problem in markdown

    app = make_app(example_ws)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        table = app.screen.query_one("#gaps", DataTable)
        table.move_cursor(row=table.get_row_index(gap.id))
        await pilot.pause()
        assert gap.problem in _flat(str(app.screen.query_one("#gap-detail", Static).render()))
        await pilot.press("3")
        await pilot.pause()
        tree = app.screen.query_one("#findings", Tree)
        assert any(values in str(node.label) for node in tree._tree_nodes.values())


def _markdown_reader_text(document: str) -> str:
    """The Markdown a person reads: no embedded snapshot, ids only where labelled as ids."""
    body = document.split("\n---\n", 1)[1]
    lines, id_column = [], False
    for line in body.splitlines():
        id_column = line.startswith("| Item id |") or (id_column and line.startswith("|"))
        line = re.sub(r"`[^`]*`|Gap id: \S+|bundled:\S+", "", line)
        lines.append("|" + line.split("|", 2)[2] if id_column and line.count("|") > 2 else line)
    return "\n".join(lines)


def _html_reader_text(document: str) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1>|<code\b.*?</code>", "", document, flags=re.S)
    text = re.sub(r"Gap id: \S+|bundled:\S+", "", html.unescape(re.sub(r"<[^>]+>", " ", text)))
    return text


def test_the_example_document_shows_no_internal_names(example_ws: Path):
    ws = Workspace.open(example_ws)
    report = build_report(ws)
    typed = " ".join(str(a.value) for a in ws.assessment.answers.values())  # what people wrote stays theirs
    for fmt, reader_text in (("md", _markdown_reader_text), ("html", _html_reader_text)):
        text = reader_text(render_report(report, fmt).decode())
        leaks = [m.group(0) for m in INTERNAL.finditer(text) if m.group(0) not in typed]
        assert leaks == [], f"{fmt}: {leaks[:10]}"
