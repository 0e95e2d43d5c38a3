"""Check gold files against their documents, for annotators (needs only PyYAML).

Usage: python benchmarks/gold/check_gold.py GOLD.yaml [GOLD.yaml ...] --docs DOCS_DIR

For each file: the keys are the annotation format's (benchmarks/gold/ANNOTATION.md), every
clause id is one of the spec's and appears in findings or in absent but not both, every quote
is found verbatim in the document (runs of whitespace may differ, as the scorer allows), and
party and value names are the spec's. Prints one line per problem; exit 1 when there is any.
It never runs signoff: annotation stays blind.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

VALUES = {
    "liability_cap": {"basis", "period_months", "multiplier", "amount"},
    "consequential_damages_exclusion": {"mutual"},
    "liability_carve_out": {"categories"},
    "indemnity": {"indemnitor", "scope"},
    "incident_notice": {"window_hours", "standard"},
    "terms_change_notice": {"notice_days"},
    "suspension": {"notice_days", "immediate"},
    "termination_for_convenience": {"notice_days"},
    "termination_for_cause": {"cure_days"},
    "renewal_notice": {"notice_days"},
    "data_return_deletion": {"days", "export", "deletion"},
    "transition_assistance": {"days"},
    "training_on_customer_data": {"allowed", "opt_out"},
    "data_retention": {"days"},
    "audit_rights": {"kind"},
    "subprocessor_notice": {"notice_days"},
    "governing_law": {"jurisdiction"},
    "insurance": {"amount"},
    "warranty_disclaimer": set(),
    "acceptable_use": {"prohibited"},
}
CHOICES = {
    ("liability_cap", "basis"): {"fees_paid", "fixed_amount", "greater_of", "lesser_of", "multiple_of_fees"},
    ("liability_carve_out", "categories"): {
        "indemnification", "confidentiality", "data_protection", "gross_negligence", "willful_misconduct",
        "fraud", "payment_obligations", "ip_infringement", "death_personal_injury", "other",
    },
    ("indemnity", "indemnitor"): {"vendor", "customer", "mutual"},
    ("indemnity", "scope"): {
        "ip_infringement", "data_breach", "violation_of_law", "customer_content", "usage_policy_violation",
        "third_party_claims", "other",
    },
    ("incident_notice", "standard"): {"fixed", "without_undue_delay", "promptly", "reasonable"},
    ("audit_rights", "kind"): {"onsite", "reports", "records"},
}
TOP_KEYS = {"document", "vendor", "findings", "absent", "notes", "review_notes"}
FINDING_KEYS = {"clause", "party", "values", "quote", "note"}
PARTIES = {"vendor", "customer", "mutual", None}


def found(text: str, quote: str) -> bool:
    if quote in text:
        return True
    words = quote.split()
    return bool(words) and re.search(r"\s+".join(map(re.escape, words)), text) is not None


def problems(gold_path: Path, docs: Path) -> list[str]:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    out: list[str] = []
    if not isinstance(gold, dict):
        return ["not a mapping"]
    out += [f"unknown key {k!r}" for k in set(gold) - TOP_KEYS]
    doc = docs / str(gold.get("document"))
    if not doc.is_file():
        return out + [f"no document {doc}"]
    text = doc.read_text(encoding="utf-8")
    if not gold.get("vendor"):
        out.append("no vendor")
    seen: set[str] = set()
    for i, f in enumerate(gold.get("findings") or [], 1):
        where = f"finding {i} ({f.get('clause')})"
        out += [f"{where}: unknown key {k!r}" for k in set(f) - FINDING_KEYS]
        clause = f.get("clause")
        if clause not in VALUES:
            out.append(f"{where}: unknown clause id")
            continue
        seen.add(clause)
        if f.get("party") not in PARTIES:
            out.append(f"{where}: party must be vendor, customer, mutual or null")
        for k, v in (f.get("values") or {}).items():
            if k not in VALUES[clause]:
                out.append(f"{where}: value {k!r} is not one of {sorted(VALUES[clause])}")
            allowed = CHOICES.get((clause, k))
            for item in v if isinstance(v, list) else [v]:
                if allowed and item is not None and item not in allowed:
                    out.append(f"{where}: {k} {item!r} is not one of {sorted(allowed)}")
        if not found(text, str(f.get("quote") or "")):
            out.append(f"{where}: quote not found verbatim: {str(f.get('quote'))[:70]!r}")
    absent = set(gold.get("absent") or [])
    out += [f"absent: unknown clause id {a!r}" for a in absent - set(VALUES)]
    out += [f"{c}: both found and absent" for c in sorted(seen & absent)]
    out += [f"{c}: neither found nor absent" for c in sorted(set(VALUES) - seen - absent)]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--docs", type=Path, required=True)
    args = ap.parse_args()
    bad = 0
    for g in args.gold:
        for p in problems(g, args.docs):
            print(f"{g.name}: {p}")
            bad += 1
    print(f"{len(args.gold)} file(s), {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
