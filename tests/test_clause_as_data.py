"""A clause is data: one added to the clause library in YAML alone reaches every reader.

Legal adds a clause id with a family, a field of an existing kind, a rule and a playbook
position; `analyze`, the playbook, the gaps and the sign-off document all show it, with
no Python touched. A mistake in the catalogue names the file and the line.
"""

import json
import shutil
from pathlib import Path

import pytest
from tests.assess.helpers import run_cli

from signoff.assess import Workspace, evaluate
from signoff.errors import DataFileError
from signoff.extract.library import load_catalogue
from signoff.report import build_report, render_report
from signoff.resources import data_dir

NEW_CLAUSE = """\
  - id: price_change_notice
    family: commercial
    title: Notice of price changes
    what: "The vendor may raise its prices, and with how much notice."
    default_party: vendor
    fields:
      notice_days: {kind: duration_days, label: "notice of price changes"}
"""
NEW_RULES = """\
family: commercial
description: Price changes.
rules:
  - id: price_change.notice
    clause: price_change_notice
    literal: "We may change our prices on thirty days' notice"
    patterns: ["change|increase|raise ~3 prices|fees|pricing"]
"""
NEW_POSITION = """\
  - id: price_change_notice
    clause: price_change_notice
    title: Notice of price changes of at least 60 days
    levels:
      - from_tier: low
        severity: minor
        requirement: The vendor gives at least 60 days' notice of a price change.
        require: {min: {notice_days: 60}}
    recommendation: Ask for 60 days' notice of price changes, time enough to budget or leave.
    fallback_wording: "We will give you at least sixty (60) days' notice of any change to our prices."
"""
CONTRACT = """\
# Services Agreement

## 1. Fees

1.1 We may increase our prices at any time on thirty (30) days' notice to you.
"""


@pytest.fixture
def library(tmp_path, monkeypatch) -> Path:
    """The bundled clause library plus a 'commercial' family with one new clause, in force."""
    lib = tmp_path / "clause_library"
    shutil.copytree(data_dir("clause_library"), lib)
    catalogue = (lib / "clauses.yaml").read_text(encoding="utf-8")
    catalogue = catalogue.replace("families:\n", "families:\n  - {id: commercial, title: Commercial terms}\n")
    (lib / "clauses.yaml").write_text(catalogue + NEW_CLAUSE, encoding="utf-8")
    (lib / "commercial.yaml").write_text(NEW_RULES, encoding="utf-8")
    playbook = lib / "playbook.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8") + "\n" + NEW_POSITION, encoding="utf-8")
    monkeypatch.setenv("SIGNOFF_CLAUSE_LIBRARY", str(lib))
    return lib


def test_analyze_reports_the_new_clause_with_its_value(library, tmp_path, monkeypatch, capsys):
    contract = tmp_path / "terms.md"
    contract.write_text(CONTRACT, encoding="utf-8")
    code, out, err = run_cli(monkeypatch, capsys, "analyze", str(contract), "--format", "json")
    assert code == 0, err
    (result,) = json.loads(out)["documents"] if "documents" in json.loads(out) else [json.loads(out)]
    found = [f for f in result["findings"] if f["clause"] == "price_change_notice"]
    assert [f["values"] for f in found] == [{"notice_days": 30}]
    assert found[0]["section"] == "1. Fees"


def test_the_playbook_gaps_and_report_judge_the_new_clause(library, tmp_path):
    contract = tmp_path / "terms.md"
    contract.write_text(CONTRACT, encoding="utf-8")
    ws = Workspace.init(tmp_path / "ws", "Acme support", "alice")
    ws.add_contract(contract, "alice")
    assert "price_change_notice" in [p.clause for p in ws.playbook().positions]

    gap = next(g for g in evaluate(ws).gaps if g.ref == "price_change_notice")
    assert "60" in gap.requirement and "30" in gap.problem

    markdown = render_report(build_report(ws), "md").decode()
    assert "Notice of price changes" in markdown
    assert "increase our prices at any time" in markdown


def test_a_playbook_position_on_a_field_the_clause_lacks_names_the_file_and_line(library):
    playbook = library / "playbook.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8").replace("{notice_days: 60}", "{days: 60}"))
    from signoff.assess import load_playbook

    with pytest.raises(DataFileError, match=r"playbook\.yaml:\d+: .*price_change_notice has no value 'days'"):
        load_playbook()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("kind: duration_days", "field 'notice_days': unknown kind 'duration_weeks'; kinds: duration_days"),
        ("family: commercial", "unknown family 'pricing'; families: audit, commercial"),
        ("fields:\n", "field 'fine_print': a phrase field is read only by a clause's normaliser"),
    ],
    ids=["unknown-kind", "unknown-family", "kind-without-reader"],
)
def test_a_catalogue_mistake_names_the_file_and_line(library, edit, message):
    path = library / "clauses.yaml"
    text = path.read_text(encoding="utf-8")
    replacement = {
        "kind: duration_days": "kind: duration_weeks",
        "family: commercial": "family: pricing",
        "fields:\n": "fields:\n      fine_print: {kind: phrase, label: fine print}\n",
    }[edit]
    head, tail = text.rsplit(edit, 1)  # the new clause is the last one
    path.write_text(head + replacement + tail, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_catalogue(library)
    assert message in err.value.message
    line = int(err.value.message.split("clauses.yaml:")[1].split(":")[0])
    assert "price_change_notice" in err.value.message
    assert line > text.count("\n") - NEW_CLAUSE.count("\n")
