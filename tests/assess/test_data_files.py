"""The bundled checklist and playbook load; every invalid data file names its file, line and problem.

Each file in invalid/ holds one failure mode: its first line says `# expect: <message part>`
and the offending line is marked `# <-`.
"""

import json
from pathlib import Path

import pytest

from signoff.assess import TIERS, Workspace, evaluate, load_checklist, load_playbook
from signoff.assess.workspace import ASSESSMENT_FILE
from signoff.errors import DataFileError

from .helpers import run_cli

INVALID = Path(__file__).parent / "invalid"
CASES = sorted(INVALID.glob("*.yaml"))


def _expectation(path: Path) -> tuple[str, int]:
    lines = path.read_text().splitlines()
    expect = lines[0].removeprefix("# expect: ")
    marked = next(n for n, line in enumerate(lines, 1) if line.rstrip().endswith("# <-"))
    return expect, marked


def _load(path: Path, tmp_path: Path) -> None:
    kind = path.name.split("-")[0]
    if kind == "checklist":
        load_checklist(path)
    elif kind == "playbook":
        load_playbook(path)
    else:
        ws_dir = tmp_path / "ws"
        ws_dir.mkdir()
        (ws_dir / ASSESSMENT_FILE).write_text(path.read_text())
        Workspace.open(ws_dir)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_invalid_data_file_error_names_file_line_and_problem(path, tmp_path):
    expect, line = _expectation(path)
    with pytest.raises(DataFileError) as err:
        _load(path, tmp_path)
    message = str(err.value)
    source = str(tmp_path / "ws" / ASSESSMENT_FILE) if path.name.startswith("assessment") else str(path)
    assert f"{source}:{line}:" in message
    assert expect in message


def test_every_failure_mode_has_a_fixture():
    assert {p.name.split("-")[0] for p in CASES} == {"checklist", "playbook", "assessment"}
    assert len(CASES) >= 20


def test_bundled_checklist_covers_the_launch_sections_and_tiers():
    checklist = load_checklist()
    assert [s.id for s in checklist.sections] == [
        "use_case",
        "outcome_ownership",
        "human_review",
        "logging",
        "rollback",
        "stop_the_line",
        "incident_response",
        "launch_scope",
    ]
    assert {r.tier for r in checklist.tier_rules} == set(TIERS)
    assert {i.type for i in checklist.items()} == {
        "person",
        "text",
        "choice",
        "multi_choice",
        "duration",
        "date",
        "number",
        "attestation",
        "evidence",
    }
    owner = checklist.item("outcome_owner")
    assert owner.type == "person" and "GOVERN 2.1" in owner.refs.nist_ai_rmf
    assert len(checklist.sha256) == 64


def test_bundled_playbook_expresses_the_default_positions():
    playbook = load_playbook()
    by_id = {p.id: p for p in playbook.positions}
    assert by_id["incident_notice"].level_for("medium").require.max == {"window_hours": 72}
    assert by_id["incident_notice"].level_for("high").require.max == {"window_hours": 48}
    assert by_id["liability_cap"].level_for("medium") is None
    assert by_id["liability_cap"].level_for("medium_high").severity == "major"
    assert by_id["audit"].level_for("high").require.one_of == {"kind": ["onsite", "records"]}


def test_a_workspace_can_use_its_own_checklist_and_records_which(tmp_path):
    own = tmp_path / "our-checklist.yaml"
    bundled = Path(load_checklist().source).read_text()
    own.write_text(bundled.replace('version: "2026.1"', 'version: "acme-7"'))
    ws = Workspace.init(tmp_path / "ws", "Acme", "alice", checklist=own)
    ev = evaluate(Workspace.open(ws.dir))
    assert ev.checklist_version == "acme-7"
    assert ev.checklist_sha256 != load_checklist().sha256


def test_an_invalid_company_checklist_is_refused_before_the_workspace_is_created(tmp_path):
    with pytest.raises(DataFileError, match="checklist-bad-answer-type.yaml:"):
        Workspace.init(tmp_path / "ws", "Acme", "alice", checklist=INVALID / "checklist-bad-answer-type.yaml")
    assert not (tmp_path / "ws").exists()


@pytest.mark.parametrize("name", ["checklist", "playbook", "assessment"])
def test_schema_command_prints_a_json_schema(monkeypatch, capsys, name):
    code, out, _ = run_cli(monkeypatch, capsys, "schema", name)
    schema = json.loads(out)
    assert code == 0
    assert schema["additionalProperties"] is False
    assert "schema_version" in schema["properties"]


@pytest.mark.parametrize(("name", "key"), [("clauses", "families"), ("rules", "family")])
def test_schema_command_describes_the_clause_library_files(monkeypatch, capsys, name, key):
    code, out, _ = run_cli(monkeypatch, capsys, "schema", name)
    schema = json.loads(out)
    assert code == 0
    assert schema["additionalProperties"] is False
    assert key in schema["required"]


def test_a_company_playbook_inside_the_workspace_is_recorded_relative_to_it(tmp_path):
    ws_dir = tmp_path / "ws"
    ws_dir.mkdir()
    own = ws_dir / "our-playbook.yaml"
    own.write_text(Path(load_playbook().source).read_text().replace('version: "2026.1"', 'version: "acme-2"'))
    ws = Workspace.init(ws_dir, "Acme", "alice", playbook=own)
    assert ws.assessment.playbook == "our-playbook.yaml"
    moved = tmp_path / "moved"
    ws_dir.rename(moved)
    assert evaluate(Workspace.open(moved)).playbook_version == "acme-2"


def _unreadable_data_file(kind: str, tmp_path: Path) -> tuple[Path, str]:
    """A checklist or playbook path that cannot be read, and what the message must say after the path."""
    if kind == "missing":
        return tmp_path / "nowhere.yaml", ": file not found"
    if kind == "directory":
        folder = tmp_path / "launch.yaml"
        folder.mkdir()
        return folder, ": is a directory, expected a YAML file"
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("version: 1\ntitle: Checkliste f\u00fcr den Start\n".encode("latin-1"))
    return latin1, ":2: not UTF-8 text (byte 0xfc); fix that line, or save the file as UTF-8"


@pytest.mark.parametrize("loader", [load_checklist, load_playbook], ids=["checklist", "playbook"])
@pytest.mark.parametrize("kind", ["missing", "directory", "not-utf8"])
def test_an_unreadable_data_file_is_named_with_its_problem(loader, kind, tmp_path):
    path, problem = _unreadable_data_file(kind, tmp_path)
    with pytest.raises(DataFileError) as err:
        loader(path)
    assert str(err.value) == f"{path}{problem}"


@pytest.mark.parametrize("kind", ["missing", "directory", "not-utf8"])
def test_init_with_an_unreadable_checklist_exits_2_and_creates_nothing(kind, tmp_path, monkeypatch, capsys):
    path, problem = _unreadable_data_file(kind, tmp_path)
    ws = tmp_path / "ws"
    code, out, err = run_cli(monkeypatch, capsys, "init", str(ws), "--checklist", str(path))
    assert code == 2
    assert err.strip() == f"signoff: error: {path}{problem}"
    assert "Traceback" not in err
    assert not ws.exists()
