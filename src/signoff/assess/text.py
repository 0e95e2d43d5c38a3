"""Plain-text views of an Evaluation for the terminal (`signoff gaps`, `signoff check`)."""

from __future__ import annotations

import textwrap

from signoff.assess.assessment import Assessment
from signoff.assess.checklist import Checklist
from signoff.assess.engine import Evaluation, Gap
from signoff.assess.versions import ContractChange, FindingChange
from signoff.assess.workspace import Workspace
from signoff.wording import answer_hint, date_text, show, status_text, tier_text, values_text


def render_summary(ev: Evaluation) -> str:
    tier = (
        tier_text(ev.tier)
        if ev.tier_known or ev.tier != ev.derived_tier
        else f"{tier_text(ev.tier)} (provisional: use case not fully answered)"
    )
    derived = f" (derived {tier_text(ev.derived_tier)})" if ev.derived_tier != ev.tier else ""
    lines = [f"{ev.deployment}: {status_text(ev.status).upper()}", f"risk tier {tier}{derived}"]
    if ev.tier_note:
        lines.append(f"  {ev.tier_note}")
    lines.append(
        f"checklist {ev.answered}/{ev.required} required items answered; open gaps: "
        + ", ".join(f"{n} {sev}" for sev, n in ev.counts.items())
        + f"; accepted: {ev.accepted}"
    )
    blocking = ev.blocking
    if blocking:
        lines.append("blocking (gap id, severity, problem):")
        lines += [f"  {g.id} [{g.severity}] {g.problem}" for g in blocking]
    return "\n".join(lines)


def _citation(gap: Gap) -> str:
    c = gap.citation
    if c is None:
        return ""
    where = [gap.document or "", f"p. {c.page}" if c.page else "", f"§ {c.section}" if c.section else ""]
    return " (" + ", ".join(w for w in where if w) + ")"


def render_gap(gap: Gap) -> str:
    state = "open" if gap.open else "accepted"
    out = [f"{gap.id}  [{gap.severity}, {state}]  {gap.title}"]

    def field(label: str, text: str) -> None:
        wrapped = textwrap.wrap(text, 96 - 15) or [""]
        out.append(f"  {label:<12} {wrapped[0]}")
        out.extend(f"  {'':<12} {w}" for w in wrapped[1:])

    if gap.vendor:
        field("vendor", gap.vendor)
    field("requirement", gap.requirement)
    if gap.found is None:
        field("found", "nothing found")
    else:
        quote = f'"{gap.found}"' if gap.citation else gap.found
        field("found", quote + _citation(gap))
    field("problem", gap.problem)
    field("recommend", gap.recommendation)
    if gap.fallback_wording:
        field("fallback", gap.fallback_wording)
    if gap.acceptance:
        a = gap.acceptance
        field(
            "accepted",
            f"by {a.approver} until {date_text(a.until)}"
            + (" - EXPIRED, gap reopened" if a.expired else "")
            + f": {a.reason}",
        )
    return "\n".join(out)


def render_vendors(ev: Evaluation) -> str:
    """One line per vendor: its documents, open contract gaps and reviewed findings."""
    return "\n".join(
        f"vendor {v.name}: {', '.join(v.documents)}; {v.open_gaps} open contract gap(s)"
        + (f"; {v.reviewed} finding(s) reviewed by legal" if v.reviewed else "")
        for v in ev.vendors
    )


def render_gaps(ev: Evaluation) -> str:
    head = render_summary(ev) + ("\n" + render_vendors(ev) if ev.vendors else "")
    if not ev.gaps:
        return head + "\nno gaps"
    # Checklist gaps first, then each vendor's contract gaps together.
    order = {v.name: i for i, v in enumerate(ev.vendors)}
    gaps = sorted(ev.gaps, key=lambda g: -1 if g.vendor is None else order.get(g.vendor, len(order)))
    return head + "\n\n" + "\n\n".join(render_gap(g) for g in gaps)


def render_checklist(checklist: Checklist, ev: Evaluation, assessment: Assessment, all_items: bool) -> str:
    """Items grouped by section: what to answer (`signoff answer DIR ID VALUE`) and what is answered."""
    progress = f"{ev.answered}/{ev.required} required answered"
    out = [f"{checklist.title} {checklist.version}; risk tier {tier_text(ev.tier)}; {progress}"]
    for section, status in zip(checklist.sections, ev.sections, strict=True):
        rows = [
            (item, row)
            for item, row in zip(section.items, status.items, strict=True)
            if all_items or row.required
        ]
        if not rows:
            continue
        out.append(f"\n{section.title} ({status.answered}/{status.required})")
        for item, row in rows:
            answer = assessment.answers.get(item.id)
            mark = "x" if answer and not row.gap else ("!" if row.gap and row.required else " ")
            out.append(f"  [{mark}] {item.id}: {item.prompt}")
            if answer:
                out.append(f"        answered: {show(answer.value, item)}")
            else:
                out.append(f"        answer {item.type} ({answer_hint(item)})")
    return "\n".join(out)


def render_contract_change(change: ContractChange, ws: Workspace) -> str:
    """What `add-contract` did: added (findings, clauses not found), nothing, a vendor named, or a new
    version with what changed between the two versions' findings."""
    r = change.record
    if change.outcome == "unchanged":
        return f"{r.file} already holds this content (sha256 {r.sha256[:12]}…): nothing changed"
    if change.outcome == "vendor_set":
        return f"{r.file} already holds this content: vendor set to {r.vendor}"
    analysis = next(
        a for c, a in zip(ws.assessment.contracts, ws.analyses(), strict=True) if c.file == r.file
    )
    line = f"added {r.file} (sha256 {r.sha256[:12]}…): {len(analysis.findings)} findings" + (
        f", not found: {', '.join(analysis.absent)}" if analysis.absent else ""
    )
    if change.outcome == "added":
        return line
    out = [line, f"{r.file} replaces {r.replaces}: {len(change.changes)} change(s) in the findings"]
    out += [_finding_change(c) for c in change.changes]
    out.append(
        f"legal's reviews carried over: {change.carried}; flagged for another look (text changed): "
        f"{change.flagged}"
    )
    return "\n".join(out)


def _finding_change(c: FindingChange) -> str:
    if c.change == "added":
        return f'  + {c.clause} added: "{c.new_text}"'
    if c.change == "removed":
        return f'  - {c.clause} removed: "{c.old_text}"'
    old, new = values_text(c.old_values, c.clause), values_text(c.new_values, c.clause)
    values = f" ({old} -> {new})" if old != new else ""
    return f'  ~ {c.clause} changed{values}\n      was: "{c.old_text}"\n      now: "{c.new_text}"'
