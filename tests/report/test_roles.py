"""The accountability section follows the checklist's roles, not its item ids."""

import re

from signoff.assess import Workspace
from signoff.report.build import build_snapshot
from signoff.resources import data_dir

RENAMED = {
    "outcome_owner": "accountable_executive",
    "owner_feedback_duty": "lessons_learned",
    "redress_channel": "complaint_route",
    "redress_remedy": "make_good",
}


def test_a_checklist_with_renamed_special_items_keeps_its_accountability_section(tmp_path):
    text = (data_dir("checklists") / "launch.yaml").read_text(encoding="utf-8")
    for old, new in RENAMED.items():
        text = re.sub(rf"\bid: {old}\b", f"id: {new}", text)
    own = tmp_path / "our-checklist.yaml"
    own.write_text(text, encoding="utf-8")
    ws = Workspace.init(tmp_path / "ws", "Acme support", "alice", checklist=own)
    ws.answer("accountable_executive", "Dana Reyes, Head of Support, dana@acme.example", "alice")
    ws.answer("lessons_learned", "yes", "alice")
    ws.answer("complaint_route", "Report-a-problem link in every chat", "alice")
    ws.answer("make_good", "Refund or reversal", "alice")

    accountability = build_snapshot(ws).accountability
    assert accountability.outcome_owner.startswith("Dana Reyes")
    assert (
        accountability.redress == "channel: Report-a-problem link in every chat; remedy: Refund or reversal"
    )
    assert accountability.feedback_duty.endswith("yes")
