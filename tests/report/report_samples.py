"""A hand-built snapshot covering every section, with hostile contract text in it."""

from __future__ import annotations

from signoff.report.snapshot import (
    Acceptance,
    Accountability,
    AnswerRow,
    Approval,
    ChecklistSection,
    Citation,
    ContractRow,
    Counts,
    Evidence,
    FindingRow,
    GapRow,
    Manifest,
    ManifestFile,
    Report,
    Snapshot,
    SummaryRow,
    TierInfo,
    TierReason,
    make_report,
)

HOSTILE = 'Provider may <script>alert("x")</script> | suspend & </script><b>terminate</b> ]]> at will.'
SHA_A = "a" * 64
SHA_B = "b" * 64
SHA_C = "c" * 64


def sample_snapshot(**changes: object) -> Snapshot:
    cap = Citation(
        document="contracts/nimbus.pdf",
        page=7,
        section="L.3 Limits on Liability",
        quote="Provider's aggregate liability shall not exceed the fees paid in the 12 months.",
    )
    hostile = Citation(document="contracts/nimbus.pdf", page=9, section="M.1 Suspension", quote=HOSTILE)
    snap = Snapshot(
        deployment="Support copilot (EU)",
        date="2026-11-20T09:30:00Z",
        status="blocked",
        status_label="Blocked",
        ready=False,
        banner="NOT READY: 1 open blocker, 1 required item unanswered",
        summary=[
            SummaryRow(label="Status", value="Blocked"),
            SummaryRow(label="Risk tier", value="high"),
            SummaryRow(label="Required items answered", value="2 of 3"),
            SummaryRow(label="Open gaps", value="1 blocker, 1 major, 0 minor"),
        ],
        tier=TierInfo(
            tier="high",
            derived_tier="high",
            reasons=[
                TierReason(
                    item_id="risk.decisions",
                    question="Does the AI take decisions?",
                    answer="refunds up to 500 EUR",
                    effect="high: the AI moves money",
                )
            ],
        ),
        accountability=Accountability(
            outcome_owner="Dana Ruiz",
            redress="Refund within 5 days",
            feedback_duty="Each case is reviewed weekly and fed into guardrails",
        ),
        checklist=[
            ChecklistSection(
                id="ownership",
                title="Ownership",
                answers=[
                    AnswerRow(
                        item_id="owner.name",
                        question="Who owns the outcome?",
                        required=True,
                        answer="Dana Ruiz",
                        answered=True,
                        answered_by="pat",
                        answered_at="2026-11-19T10:00:00Z",
                        evidence=[Evidence(path="evidence/raci.pdf", sha256=SHA_A, status="ok")],
                    ),
                    AnswerRow(
                        item_id="owner.redress",
                        question="Redress path?",
                        required=True,
                        answer="not answered",
                        answered=False,
                    ),
                ],
            ),
            ChecklistSection(
                id="ops",
                title="Operations",
                answers=[
                    AnswerRow(
                        item_id="ops.stop",
                        question="Stop-the-line?",
                        required=True,
                        answer="yes",
                        answered=True,
                        answered_by="sam",
                        answered_at="2026-11-19T11:00:00Z",
                        evidence=[Evidence(path="evidence/runbook.md", sha256=SHA_B, status="missing")],
                    ),
                    AnswerRow(
                        item_id="ops.dashboard",
                        question="Metrics dashboard?",
                        required=False,
                        answer="yes",
                        answered=True,
                        answered_by="sam",
                        answered_at="2026-11-19T11:05:00Z",
                        evidence=[Evidence(path="https://dash.example/ai", sha256=None, status="url")],
                    ),
                ],
            ),
        ],
        contracts=[
            ContractRow(
                file="contracts/nimbus.pdf",
                sha256=SHA_C,
                status="ok",
                vendor="Nimbus AI",
                added_at="2026-11-18T08:00:00Z",
                findings=[
                    FindingRow(
                        clause="liability_cap",
                        title="Liability cap",
                        values="basis: fees paid; period months: 12",
                        party="vendor",
                        citation=cap,
                        verdict="meets playbook",
                    ),
                    # No title: as written before findings carried one; shown by its id.
                    FindingRow(
                        clause="suspension",
                        values="immediate: true",
                        party="vendor",
                        citation=hostile,
                        verdict="gap (blocker)",
                    ),
                ],
                absent=["audit_rights"],
                absent_titles=["Audit rights"],
            )
        ],
        gaps=[
            GapRow(
                id="contract.suspension",
                severity="blocker",
                source="contract",
                ref="suspension",
                title="Suspension without notice",
                requirement="30 days notice before suspension",
                problem="immediate is true, needs false",
                found="immediate suspension",
                citation=hostile,
                recommendation="Negotiate notice",
                fallback_wording="Provider shall give 30 days notice.",
                state="open",
            ),
            GapRow(
                id="contract.audit_rights",
                severity="major",
                source="contract",
                ref="audit_rights",
                title="No audit rights",
                requirement="annual SOC 2 report",
                found=None,
                problem="no audit rights clause found in the contracts",
                recommendation="Ask for SOC 2",
                state="accepted",
                acceptance=Acceptance(
                    approver="Lee (legal)", reason="SOC 2 due in Q1", until="2027-03-31", expired=False
                ),
            ),
            GapRow(
                id="checklist.owner.redress",
                severity="major",
                source="checklist",
                ref="owner.redress",
                title="Redress path missing",
                requirement="Answer owner.redress",
                problem="not answered",
                recommendation="Describe the redress path",
                state="open",
            ),
        ],
        counts=Counts(blocker=1, major=1, minor=0, accepted=1, answered=2, required=3),
        manifest=Manifest(
            tool_version="0.1.0",
            checklist_version="1.0",
            checklist_sha256=SHA_A,
            playbook_version="1.0",
            playbook_sha256=SHA_B,
            journal_head="d" * 64,
            journal_entries=12,
            files=[
                ManifestFile(role="contract", path="contracts/nimbus.pdf", sha256=SHA_C, status="ok"),
                ManifestFile(role="evidence", path="evidence/raci.pdf", sha256=SHA_A, status="ok"),
                ManifestFile(role="evidence", path="evidence/runbook.md", sha256=SHA_B, status="missing"),
            ],
        ),
    )
    return snap.model_copy(update=changes) if changes else snap


# Lee's decision, signed once with a throwaway Ed25519 key (Ed25519 signatures are deterministic,
# so the sample, its golden files and its PDF stay byte-stable); only the signature is kept.
SAMPLE_SIGNATURE = """-----BEGIN SSH SIGNATURE-----
U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgjudWHuOFFKCUD4ftGcGYjRJTK7
U8mpxFMN1YteYqUKIAAAAHc2lnbm9mZgAAAAAAAAAGc2hhNTEyAAAAUwAAAAtzc2gtZWQy
NTUxOQAAAECCPday8WsQCHQunI20l8/sali+chOhb1pABrZvMg17CY/o1byX0iHLcthV+/
N0nGr4KeJxoiET2LxCFPsXtggL
-----END SSH SIGNATURE-----
"""
SAMPLE_KEY = "SHA256:PIDuYYYkEwU+j/CVd/QWch0ktZKIzo6MlFzQt63SDnw"


def sample_report(**changes: object) -> Report:
    snap = sample_snapshot(**changes)
    approvals = [
        Approval(
            role="legal",
            name="Lee",
            decision="approve",
            note="cap acceptable",
            at="2026-11-20T10:00:00Z",
            fingerprint="0" * 64,
            journal_head="d" * 64,
            signature=SAMPLE_SIGNATURE,
            key=SAMPLE_KEY,
            current=False,
        ),
    ]
    return make_report(snap, approvals)
