"""The clause library as data: every rule valid, and a broken file reported with its name and line."""

import json
import re
import shutil
from pathlib import Path

import pytest

from signoff.errors import DataFileError
from signoff.extract import clause_catalogue
from signoff.extract.analyzer import Analyzer
from signoff.extract.library import load_library
from signoff.ingest import load_text
from signoff.resources import data_dir

FAMILIES = {"liability", "indemnity", "notice", "exit", "data", "audit", "general"}
SPEC_CLAUSES = {
    "liability_cap",
    "consequential_damages_exclusion",
    "liability_carve_out",
    "indemnity",
    "incident_notice",
    "terms_change_notice",
    "suspension",
    "termination_for_convenience",
    "termination_for_cause",
    "renewal_notice",
    "data_return_deletion",
    "transition_assistance",
    "training_on_customer_data",
    "data_retention",
    "audit_rights",
    "subprocessor_notice",
    "governing_law",
    "insurance",
    "warranty_disclaimer",
    "acceptable_use",
}


def test_catalogue_covers_every_spec_clause_in_known_families():
    cat = clause_catalogue()
    assert {c.id for c in cat} == SPEC_CLAUSES
    assert {c.family for c in cat} == FAMILIES


def test_every_clause_has_a_rule_with_a_readable_literal():
    lib = load_library(data_dir("clause_library").resolve())
    assert {r.clause for r in lib.rules} == SPEC_CLAUSES
    assert all(r.literal.strip() for r in lib.rules)


@pytest.fixture
def library_copy(tmp_path) -> Path:
    dst = tmp_path / "clause_library"
    shutil.copytree(data_dir("clause_library"), dst)
    (dst / "playbook.yaml").unlink(missing_ok=True)
    return dst


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ("    clause: no_such_clause\n", "unknown clause 'no_such_clause'"),
        ("    with: [no_such_term]\n", "unknown term 'no_such_term'"),
        ("    colour: blue\n", "Extra inputs are not permitted"),
    ],
    ids=["unknown-clause", "unknown-term", "unknown-key"],
)
def test_broken_rule_file_names_file_and_problem(library_copy, patch, message):
    path = library_copy / "audit.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text
        + '  - id: broken.rule\n    literal: x\n    patterns: ["x"]\n'
        + ("    clause: audit_rights\n" if "clause:" not in patch else "")
        + patch,
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as err:
        load_library(library_copy)
    lines = path.read_text(encoding="utf-8").splitlines()
    rule_line = lines.index("  - id: broken.rule") + 1
    assert "audit.yaml" in err.value.message and message in err.value.message
    line = int(re.search(r"audit\.yaml:(\d+)", err.value.message).group(1))
    assert rule_line <= line <= rule_line + 4


def _with_rule(library_copy: Path, patterns: str, rule_id: str = "insurance.bonded") -> Analyzer:
    """An analyzer over the library copy with one more insurance rule; `patterns` is its YAML list."""
    path = library_copy / "general.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + f"  - id: {rule_id}\n    clause: insurance\n    literal: the contractor is bonded\n"
        + f"    patterns: {patterns}\n",
        encoding="utf-8",
    )
    return Analyzer(library_copy)


def test_edited_library_changes_what_is_found(library_copy):
    analysis = _with_rule(library_copy, '["fully bonded"]').analyze(
        load_text("The Contractor shall be fully bonded at all times.")
    )
    assert [f.rule for f in analysis.findings] == ["insurance.bonded"]


def test_raw_token_patterns_work_beside_the_compact_form(library_copy):
    surety = "[[{LOWER: surety}, {LOWER: {IN: [bond, bonds]}}]]"
    analyzer = _with_rule(library_copy, surety, "insurance.surety")
    text = "The Contractor shall post surety bonds for the project."
    (f,) = [f for f in analyzer.analyze(load_text(text)).findings if f.rule == "insurance.surety"]
    assert f.text == text


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        # leading: "not preceded by"
        ("!not|never bonded", "The Contractor shall be bonded at all times.", True),
        ("!not|never bonded", "Bonded contractors only may do the work.", True),
        ("!not|never bonded", "The Contractor is not bonded at all.", False),
        ("!not|never bonded", "The Contractor is never bonded.", False),
        # inside: one word that is none of these (optional here)
        ("is !not? bonded", "The Contractor is fully bonded.", True),
        ("is !not? bonded", "The Contractor is bonded.", True),
        ("is !not? bonded", "The Contractor is not bonded.", False),
        # a prefix shorter than three letters is still tried against every word
        ("is fu* bonded", "The Contractor is fully bonded.", True),
    ],
)
def test_a_negated_word_in_a_pattern(library_copy, pattern, text, found):
    rules = [f.rule for f in _with_rule(library_copy, f"[{pattern!r}]").analyze(load_text(text)).findings]
    assert ("insurance.bonded" in rules) is found


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("!not", "needs a word that is not !negated"),
        ("!not? bonded", "a leading !word cannot be optional"),
        ("is ~3 !not bonded", "a !word step cannot follow a ~N gap"),
        ("e-mail|post bonded", "'e-mail' is several tokens"),
        ("low|high - risk|value bonded", "a hyphenated word cannot be one of them"),
    ],
)
def test_a_misused_pattern_is_an_error_naming_file_line_and_rule(library_copy, pattern, message):
    with pytest.raises(DataFileError) as err:
        _with_rule(library_copy, f"[{pattern!r}]")
    lines = (library_copy / "general.yaml").read_text(encoding="utf-8").splitlines()
    where = f"general.yaml:{len(lines)}: rule 'insurance.bonded'"  # the patterns line, appended last
    assert message in err.value.message and where in err.value.message


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("exceed* #num days", "The Contractor is bonded until the shutdown exceeded thirty days.", True),
        ("exceed* #num days", "The Contractor is bonded until the shutdown exceeded many days.", False),
        ("except for [ \\*", "EXCEPT FOR [**], the Contractor is bonded.", True),
        ("except for [ \\*", "EXCEPT FOR [Section 5], the Contractor is bonded.", False),
    ],
)
def test_numbers_and_literal_signs_in_a_pattern(library_copy, pattern, text, found):
    # JSON is YAML in double quotes, where "\\*" is the backslash the pattern syntax reads
    analyzer = _with_rule(library_copy, f"[{json.dumps(pattern)}]")
    rules = [f.rule for f in analyzer.analyze(load_text(text)).findings]
    assert ("insurance.bonded" in rules) is found


def test_a_lone_asterisk_is_an_error(library_copy):
    with pytest.raises(DataFileError, match="write"):
        _with_rule(library_copy, "['except for [ *']")
