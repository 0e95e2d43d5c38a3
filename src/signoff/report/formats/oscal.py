"""OSCAL 1.1 assessment-results JSON: the sign-off document for an auditor's GRC tool.

The deployment is the assessment subject; each checklist answer and contract finding
is an observation whose relevant evidence is its citation; each gap is a finding with
its state, and an accepted gap is also a risk whose log records the approver's
acceptance, with the acceptance's end as the risk's deadline. The signoff report is
embedded, base64, as a back-matter resource, so `signoff verify` checks an OSCAL file
the way it checks a JSON one: the fingerprint, then every byte of a fresh rendering.

UUIDs are derived (uuid5) from the deployment and what each object stands for, so the
same report always gives the same bytes and a finding keeps its uuid between revisions;
the document's own uuid comes from the fingerprint, as OSCAL wants one per revision.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from signoff.errors import SignoffError
from signoff.report.formats import Renderer, parse_report
from signoff.report.snapshot import (
    Acceptance,
    AnswerRow,
    Citation,
    ContractRow,
    FindingRow,
    GapRow,
    Report,
    canonical_json,
)
from signoff.wording import date_text, decision_text, role_text, tier_text

OSCAL_VERSION = "1.1.2"
NS = "https://signoff.dev/ns/oscal"
EMBEDDED = "signoff-report"
_ROOT = uuid.UUID("6f1c2a44-1d8e-5b7a-9c3e-5a0f2b8d7e61")


def _id(*parts: str) -> str:
    return str(uuid.uuid5(_ROOT, "\x1f".join(parts)))


# The uuids of one document: _id with the deployment first, keyed by what each stands for.
Ids = Callable[..., str]
# (source, item or clause id, cited file or None) -> uuids of the observations that show it.
RefIndex = dict[tuple[str, str, str | None], list[str]]


def _prop(name: str, value: str) -> dict[str, str]:
    # OSCAL prop values are one line without surrounding blanks.
    return {"name": name, "ns": NS, "value": " ".join(value.split())}


def _end_of_day(day: str) -> str:
    """An acceptance 'until' date holds through that day (the engine expires it the day after)."""
    return f"{day}T23:59:59Z"


def citation_text(c: Citation) -> str:
    where = [c.document]
    if c.page:
        where.append(f"page {c.page}")
    if c.section:
        where.append(f"section {c.section}")
    return f"{', '.join(where)}: \u201c{c.quote}\u201d"


def _answer_observation(ids: Ids, subject: dict[str, str], section: str, a: AnswerRow) -> dict[str, Any]:
    evidence = [
        {
            "href": e.path if e.status == "url" else f"#{ids('file', e.path)}",
            "description": f"Evidence: {e.path}",
        }
        for e in a.evidence
    ]
    obs: dict[str, Any] = {
        "uuid": ids("answer", a.item_id),
        "title": a.question,
        "description": f"{section}: {a.answer}",
        "props": [_prop("checklist-item", a.item_id)],
        "methods": ["INTERVIEW"],
        "types": ["finding"],
        "subjects": [subject],
        "collected": a.answered_at,
    }
    if a.answered_by:
        obs["origins"] = [{"actors": [{"type": "party", "actor-uuid": ids("person", a.answered_by)}]}]
    if evidence:
        obs["relevant-evidence"] = evidence
    return obs


def _finding_observation(
    ids: Ids, subject: dict[str, str], c: ContractRow, n: int, f: FindingRow
) -> dict[str, Any]:
    props = [_prop("clause", f.clause)]
    if c.vendor:
        props.append(_prop("vendor", c.vendor))
    description = f.verdict if not f.values else f"{f.values}. {f.verdict}"
    return {
        "uuid": ids("finding", c.file, str(n)),
        "title": f"{f.label} ({c.vendor or c.file})",
        "description": description,
        "props": props,
        "methods": ["EXAMINE"],
        "types": ["finding"],
        "subjects": [subject],
        "relevant-evidence": [{"href": f"#{ids('file', c.file)}", "description": citation_text(f.citation)}],
        "collected": c.added_at,
    }


def _observations(report: Report, ids: Ids, subject: dict[str, str]) -> tuple[list[dict[str, Any]], RefIndex]:
    """Every observation, and for each gap reference (item or clause in a file) the uuids that show it."""
    s = report.snapshot
    out: list[dict[str, Any]] = []
    by_ref: RefIndex = {}
    for sec in s.checklist:
        for a in sec.answers:
            if a.answered and a.answered_at:
                obs = _answer_observation(ids, subject, sec.title, a)
                out.append(obs)
                by_ref.setdefault(("checklist", a.item_id, None), []).append(obs["uuid"])
    for c in s.contracts:
        for n, f in enumerate(c.findings):
            obs = _finding_observation(ids, subject, c, n, f)
            out.append(obs)
            by_ref.setdefault(("contract", f.clause, c.file), []).append(obs["uuid"])
    return out, by_ref


def _gap_ref(g: GapRow) -> tuple[str, str, str | None]:
    """The key of `_observations`' index that shows this gap: its item, or its clause in the cited file."""
    document = g.citation.document if g.source == "contract" and g.citation else None
    return (g.source, g.ref, document)


def _gap_finding(ids: Ids, g: GapRow, observations: list[str]) -> dict[str, Any]:
    lines = [f"Requirement: {g.requirement}.", f"Problem: {g.problem}."]
    if g.citation:
        lines.append(f"Citation: {citation_text(g.citation)}")
    lines.append(f"Ask: {g.recommendation}")
    finding: dict[str, Any] = {
        "uuid": ids("gap", g.id),
        "title": g.title,
        "description": "\n\n".join(lines),
        "props": [_prop("gap", g.id), _prop("severity", g.severity), _prop("gap-state", g.state)],
        "target": {
            "type": "objective-id",
            "target-id": g.id,
            "title": g.requirement,
            "status": {"state": "not-satisfied", "reason": g.state},
        },
    }
    if observations:
        finding["related-observations"] = [{"observation-uuid": u} for u in observations]
    if g.acceptance:
        finding["related-risks"] = [{"risk-uuid": ids("risk", g.id)}]
    return finding


def _risk(ids: Ids, g: GapRow, a: Acceptance, when: str) -> dict[str, Any]:
    state = "open" if a.expired else "deviation-approved"
    return {
        "uuid": ids("risk", g.id),
        "title": g.title,
        "description": f"{g.requirement}: {g.problem}.",
        "statement": f"Accepted by {a.approver}: {a.reason}",
        "props": [_prop("gap", g.id), _prop("severity", g.severity)],
        "status": state,
        "deadline": _end_of_day(a.until),
        "risk-log": {
            "entries": [
                {
                    "uuid": ids("acceptance", g.id),
                    "title": f"Accepted by {a.approver}",
                    "description": a.reason,
                    "start": when,
                    "end": _end_of_day(a.until),
                    "logged-by": [{"party-uuid": ids("person", a.approver)}],
                    "status-change": state,
                }
            ]
        },
    }


def _attestations(report: Report) -> list[dict[str, Any]]:
    parts = [
        {
            "name": "decision",
            "ns": NS,
            "title": f"{role_text(a.role)}: {a.name} {decision_text(a.decision)}",
            "prose": (
                f"{a.name} ({role_text(a.role)}) {decision_text(a.decision)} on {date_text(a.at)}"
                + ("" if a.current else ", against an earlier state of the assessment")
                + (f". Note: {a.note}" if a.note else ".")
            ),
        }
        for a in report.approvals
    ]
    return [{"parts": parts}] if parts else []


def _parties(report: Report, ids: Ids) -> list[dict[str, Any]]:
    s = report.snapshot
    names = {a.answered_by for sec in s.checklist for a in sec.answers if a.answered_by}
    names |= {g.acceptance.approver for g in s.gaps if g.acceptance}
    return [{"uuid": ids("person", n), "type": "person", "name": n} for n in sorted(names)]


def _resources(report: Report, ids: Ids) -> list[dict[str, Any]]:
    s = report.snapshot
    files = [
        {
            "uuid": ids("file", f.path),
            "title": f.path,
            "props": [_prop("role", f.role), _prop("state", f.status)],
            "rlinks": [{"href": f.path, "hashes": [{"algorithm": "SHA-256", "value": f.sha256}]}],
        }
        for f in s.manifest.files
    ]
    embedded = {
        "uuid": ids("embedded-report", report.fingerprint),
        "title": "The signoff report this document was made from",
        "description": "`signoff verify` checks this document against it.",
        "props": [_prop("kind", EMBEDDED)],
        "base64": {
            "filename": "signoff-report.json",
            "media-type": "application/json",
            "value": base64.b64encode(canonical_json(report)).decode("ascii"),
        },
    }
    return [*files, embedded]


def assessment_results(report: Report) -> dict[str, Any]:
    s = report.snapshot
    ids: Ids = functools.partial(_id, s.deployment)
    subject_uuid = ids("deployment")
    subject = {"subject-uuid": subject_uuid, "type": "component"}
    observations, by_ref = _observations(report, ids, subject)
    findings = [_gap_finding(ids, g, by_ref.get(_gap_ref(g), [])) for g in s.gaps]
    risks = [_risk(ids, g, g.acceptance, s.date) for g in s.gaps if g.acceptance]
    checklist = next(f for f in s.manifest.files if f.role == "checklist")
    result: dict[str, Any] = {
        "uuid": ids("result"),
        "title": f"Launch readiness of {s.deployment}",
        "description": f"{s.status_label}. {s.banner or ''}".strip(),
        "start": s.date,
        "props": [
            _prop("status", s.status),
            _prop("tier", s.tier.tier),
            _prop("assessment-fingerprint", report.assessment_fingerprint),
        ],
        "local-definitions": {
            "components": [
                {
                    "uuid": subject_uuid,
                    "type": "this-system",
                    "title": s.deployment,
                    "description": f"The AI deployment assessed for launch, {tier_text(s.tier.tier)}.",
                    "status": {"state": "under-development"},
                }
            ]
        },
        "reviewed-controls": {"control-selections": [{"include-all": {}}]},
        "observations": observations,
        "findings": findings,
    }
    if risks:
        result["risks"] = risks
    attestations = _attestations(report)
    if attestations:
        result["attestations"] = attestations
    metadata: dict[str, Any] = {
        "title": f"AI launch sign-off: {s.deployment}",
        "last-modified": s.date,
        "version": report.fingerprint[:16],
        "oscal-version": OSCAL_VERSION,
        "props": [
            _prop("document-fingerprint", report.fingerprint),
            _prop("assessment-fingerprint", report.assessment_fingerprint),
            _prop("tool", f"signoff {s.manifest.tool_version}"),
        ],
    }
    parties = _parties(report, ids)
    if parties:
        metadata["parties"] = parties
    return {
        "assessment-results": {
            "uuid": _id("document", report.fingerprint),
            "metadata": metadata,
            # OSCAL requires the assessment plan; the launch checklist is the plan this assessment followed.
            "import-ap": {"href": f"#{ids('file', checklist.path)}"},
            "results": [result],
            "back-matter": {"resources": _resources(report, ids)},
        }
    }


class OscalRenderer(Renderer):
    extension = "oscal.json"

    def render(self, report: Report, template_dir: Path | None) -> bytes:
        data = assessment_results(report)
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    def extract(self, data: bytes, source: str) -> Report:
        try:
            doc = json.loads(data)
            resources = doc["assessment-results"]["back-matter"]["resources"]
            embedded = next(
                r for r in resources if any(p.get("value") == EMBEDDED for p in r.get("props", []))
            )
            text = base64.b64decode(embedded["base64"]["value"], validate=True)
        except (ValueError, KeyError, TypeError, StopIteration, binascii.Error):
            raise SignoffError(
                f"{source}: no embedded signoff report found (an OSCAL back-matter resource "
                f"with the prop kind={EMBEDDED}); only OSCAL documents written by signoff can be verified"
            ) from None
        return parse_report(text, source)
