"""What changed in a workspace since a sign-off document was made, in plain words."""

from __future__ import annotations

from typing import Any

from signoff.report.snapshot import Snapshot, fingerprint, short


def _by(items: list[Any], key: str) -> dict[str, Any]:
    return {getattr(x, key): x for x in items}


def diff_snapshots(old: Snapshot, new: Snapshot) -> list[str]:
    """What changed between the document's snapshot and the workspace now, in plain words."""
    out: list[str] = []
    if old.status != new.status:
        out.append(f"status changed: {old.status_label} -> {new.status_label}")
    if old.tier.tier != new.tier.tier:
        out.append(f"risk tier changed: {old.tier.tier} -> {new.tier.tier}")
    out += _answers(old, new)
    out += _contracts(old, new)
    out += _gaps(old, new)
    m, n = old.manifest, new.manifest
    if (m.checklist_sha256, m.playbook_sha256) != (n.checklist_sha256, n.playbook_sha256):
        out.append("the checklist or playbook file changed")
    if m.journal_head != n.journal_head:
        added = n.journal_entries - m.journal_entries
        out.append(
            f"{added} journal entr{'y' if added == 1 else 'ies'} since the document "
            f"(head {short(m.journal_head or '')} -> {short(n.journal_head or '')})"
            if added > 0
            else "the journal no longer continues from the document's journal head"
        )
    if not out and fingerprint(old) != fingerprint(new):
        fields = sorted(k for k in type(old).model_fields if getattr(old, k) != getattr(new, k))
        out.append(f"the document content changed: {', '.join(fields)}")
    return out


def _answers(old: Snapshot, new: Snapshot) -> list[str]:
    out = []
    was = {a.item_id: a for s in old.checklist for a in s.answers}
    for s in new.checklist:
        for a in s.answers:
            before = was.get(a.item_id)
            if before is None or before.answered != a.answered or before.answer != a.answer:
                old_text = before.answer if before else "not in the checklist"
                who = f" (by {a.answered_by} at {a.answered_at})" if a.answered else ""
                out.append(f"answer {a.item_id} changed: {old_text!r} -> {a.answer!r}{who}")
            elif before.evidence != a.evidence:
                states = ", ".join(f"{e.path} {e.status}" for e in a.evidence) or "none"
                out.append(f"evidence of {a.item_id} changed: now {states}")
    return out


def _contracts(old: Snapshot, new: Snapshot) -> list[str]:
    out = []
    was, now = _by(old.contracts, "file"), _by(new.contracts, "file")
    for name in sorted(was.keys() | now.keys()):
        a, b = was.get(name), now.get(name)
        if b is None:
            out.append(f"contract {name} was removed")
        elif a is None:
            out.append(f"contract {name} was added")
        elif a.sha256 != b.sha256:
            out.append(f"contract {name} was replaced (sha256 {short(a.sha256)} -> {short(b.sha256)})")
        elif a.status != b.status:
            out.append(f"contract {name} is {b.status} on disk (sha256 recorded {short(a.sha256)})")
        elif a.findings != b.findings:
            out.append(f"findings of contract {name} changed (re-analysed)")
    return out


def _gaps(old: Snapshot, new: Snapshot) -> list[str]:
    out = []
    was, now = _by(old.gaps, "id"), _by(new.gaps, "id")
    for gid in sorted(was.keys() | now.keys()):
        a, b = was.get(gid), now.get(gid)
        if b is None:
            out.append(f"gap {gid} was closed")
        elif a is None:
            out.append(f"new gap {gid} ({b.severity}): {b.problem}")
        elif a.state != b.state or a.acceptance != b.acceptance:
            if b.state == "expired" and b.acceptance:
                out.append(f"acceptance of {gid} by {b.acceptance.approver} expired on {b.acceptance.until}")
            else:
                out.append(
                    f"gap {gid} is now {b.state}"
                    + (
                        f" (accepted by {b.acceptance.approver} until {b.acceptance.until})"
                        if b.acceptance
                        else ""
                    )
                )
        elif a != b:
            fields = ", ".join(k for k in type(a).model_fields if getattr(a, k) != getattr(b, k))
            out.append(f"gap {gid} now reads differently ({fields})")
    return out
