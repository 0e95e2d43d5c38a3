"""Shared helpers for assessment tests: labelled findings, a complete answer set, an in-process CLI runner."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pytest

from signoff import clock
from signoff.assess import Workspace
from signoff.assess.checklist import Item
from signoff.models import Analysis

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FINDINGS = FIXTURES / "findings"
NIMBUS = FIXTURES / "contracts" / "nimbus-ai-services-agreement.md"

# Use-case answers that derive each tier (the other tier items answered "none"/business).
USE_CASE = {
    "low": {"intents": "faq, shipping_status"},
    "medium": {"intents": "faq, password_reset"},
    "medium_high": {"intents": "faq, refund_eligibility"},
    "high": {"intents": "faq, account_closure"},
    "critical": {"intents": "faq, health_advice"},
}
NEUTRAL = {"irreversible_actions": "none", "sensitive_domains": "none", "customer_segment": "business"}


def load_analysis(name: str) -> Analysis:
    return Analysis.model_validate_json((FINDINGS / f"{name}.analysis.json").read_text())


def valid_answer(item: Item, evidence_file: Path) -> str:
    """A value that passes validation and meets the item's requirement."""
    match item.type:
        case "person":
            return "Jo Bloggs, Head of Support, jo.bloggs@acme.example"
        case "text":
            return "A specific, written answer."
        case "choice":
            return item.choices[0].value
        case "multi_choice":
            return ",".join(item.must_include or [next(c.value for c in item.choices if not c.exclusive)])
        case "duration":
            return item.max_duration or "1h"
        case "date":
            return (clock.today() - timedelta(days=10)).isoformat()
        case "number":
            return "0.5"
        case "attestation":
            return "yes"
        case "evidence":
            return str(evidence_file)
    raise AssertionError(item.type)


def answer_everything(ws: Workspace, tier: str) -> None:
    """Answer every item (with evidence) so that the checklist has no gap at `tier`."""
    evidence = ws.dir / "evidence.md"
    evidence.write_text("evidence\n")
    fixed = {**NEUTRAL, **USE_CASE[tier]}
    for item in ws.checklist().items():
        value = fixed.get(item.id) or valid_answer(item, evidence)
        ws.answer(item.id, value, "alice", evidence=str(evidence) if item.evidence_from else None)


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """Run `signoff ARGS` in-process through the real entry point; return (exit code, stdout, stderr)."""
    from signoff.cli import main

    monkeypatch.setattr(sys, "argv", ["signoff", *args])
    try:
        main()
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    out, err = capsys.readouterr()
    return code, out, err
