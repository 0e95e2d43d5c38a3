"""What the app remembers between runs: recent workspaces, theme, name, drafts and place."""

from __future__ import annotations

from pathlib import Path

from signoff.tui.state import MAX_RECENT, Drafts, Preferences


def test_recent_workspaces_are_most_recent_first_without_duplicates(tmp_path: Path):
    prefs = Preferences(tmp_path / "tui.json")
    for name in ("a", "b", "a"):
        prefs.remember(tmp_path / name)
    again = Preferences(tmp_path / "tui.json")
    assert again.recent == [(tmp_path / "a").resolve(), (tmp_path / "b").resolve()]


def test_the_recent_list_is_capped_and_forgets_on_request(tmp_path: Path):
    prefs = Preferences(tmp_path / "tui.json")
    for i in range(MAX_RECENT + 3):
        prefs.remember(tmp_path / f"ws{i}")
    assert len(prefs.recent) == MAX_RECENT
    prefs.forget(tmp_path / f"ws{MAX_RECENT + 2}")
    assert (tmp_path / f"ws{MAX_RECENT + 2}").resolve() not in Preferences(tmp_path / "tui.json").recent


def test_a_damaged_preferences_file_starts_afresh(tmp_path: Path, monkeypatch):
    (tmp_path / "tui.json").write_text("[1, 2")
    monkeypatch.setenv("SIGNOFF_USER", "Pat Product")
    prefs = Preferences(tmp_path / "tui.json")
    assert prefs.recent == [] and prefs.actor == "Pat Product"
    prefs.theme = "textual-light"
    assert Preferences(tmp_path / "tui.json").theme == "textual-light"


def test_drafts_and_position_survive_a_restart(tmp_path: Path):
    drafts = Drafts(tmp_path)
    drafts.put("outcome_owner", "Dana Re")
    drafts.set_position(screen="checklist", item="outcome_owner")
    again = Drafts(tmp_path)
    assert again.get("outcome_owner") == "Dana Re"
    assert again.position == {"screen": "checklist", "item": "outcome_owner"}
    again.discard("outcome_owner")
    assert Drafts(tmp_path).all() == {}
