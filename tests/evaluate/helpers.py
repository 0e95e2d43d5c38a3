"""Tiny labelled corpora written on the fly, so the scorers are tested without ../shared."""

from __future__ import annotations

import json
from pathlib import Path

from signoff.evaluate.cuad import CUAD_MAP


def span(text: str, quote: str) -> dict:
    """A CUAD gold span for the first occurrence of quote in text."""
    i = text.index(quote)
    return {"text": quote, "start": i, "end": i + len(quote)}


def write_cuad(root: Path, docs: dict[str, tuple[str, dict[str, tuple[str, list[dict]]]]]) -> Path:
    """root/contracts/<name> and root/labels.jsonl; docs maps a file name to its text and
    {category: (answer, spans)}; categories left out are labelled absent."""
    (root / "contracts").mkdir(parents=True)
    lines = []
    for name, (text, cats) in docs.items():
        (root / "contracts" / name).write_text(text, encoding="utf-8")
        labels = {
            c: {"answer": cats.get(c, ("", []))[0], "spans": cats.get(c, ("", []))[1]} for c in CUAD_MAP
        }
        lines.append(json.dumps({"file": name, "labels": labels}))
    (root / "labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def record(path: str, *findings: dict) -> dict:
    """One prediction record, as `signoff analyze --format jsonl` prints it."""
    return {"document": {"path": path}, "findings": list(findings)}


def finding(clause: str, text: str, **values) -> dict:
    return {"clause": clause, "text": text, "start": 0, "end": len(text), "values": values}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


DOC_MD = """# Terms

## Liability
**Vendor's** total liability is limited to fees paid in the previous 12 months.

## Termination
Either party may terminate for convenience with 30 days' notice.
"""
CAP_QUOTE = "**Vendor's** total liability is limited to fees paid in the previous 12 months."
TFC_QUOTE = "Either party may terminate for convenience with 30 days' notice."
GOLD_YAML = f"""document: doc.md
vendor: Acme
findings:
  - clause: liability_cap
    party: vendor
    values: {{basis: fees_paid, period_months: 12, amount: null}}
    quote: "{CAP_QUOTE}"
  - clause: termination_for_convenience
    values: {{notice_days: 30}}
    quote: "{TFC_QUOTE}"
    note: mutual
absent: [training_on_customer_data, audit_rights]
"""


def write_gold(root: Path, gold_yaml: str = GOLD_YAML, doc: str | None = DOC_MD) -> tuple[Path, Path]:
    """root/gold/doc.yaml and root/docs/doc.md; returns (gold_dir, docs_dir)."""
    (root / "gold").mkdir()
    (root / "docs").mkdir()
    (root / "gold" / "doc.yaml").write_text(gold_yaml, encoding="utf-8")
    if doc is not None:
        (root / "docs" / "doc.md").write_text(doc, encoding="utf-8")
    return root / "gold", root / "docs"
