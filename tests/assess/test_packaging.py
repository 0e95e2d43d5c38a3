"""The built wheel carries the checklist, the playbook and the clause classifier, and they load from there."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from signoff.assess import load_checklist, load_playbook
from signoff.extract.classifier import ClauseClassifier

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_contains_the_checklist_and_playbook(tmp_path):
    pytest.importorskip("hatchling", reason="hatchling builds the wheel")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("signoff-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(
            tmp_path / "unpacked", members=[n for n in zf.namelist() if "/_data/" in n or "/model/" in n]
        )
    data = tmp_path / "unpacked" / "signoff" / "_data"
    assert load_checklist(data / "checklists" / "launch.yaml").sha256 == load_checklist().sha256
    assert load_playbook(data / "clause_library" / "playbook.yaml").sha256 == load_playbook().sha256
    assert (data / "clause_library" / "classifier.yaml").is_file()
    model = ClauseClassifier(tmp_path / "unpacked" / "signoff" / "extract" / "model")
    assert model.available and model.scores(["The Provider may suspend the Services."])[0]["suspension"] > 0
