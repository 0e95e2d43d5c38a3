"""Plain-text tables of evaluation results, for a terminal or a CI log."""

from __future__ import annotations

from signoff.evaluate.common import ratio
from signoff.evaluate.cuad import CuadResult
from signoff.evaluate.gold import GoldResult


def _f(x: float | None) -> str:
    return f"{x:5.2f}" if x is not None else "    -"


def cuad_table(result: CuadResult, per_doc: bool = False) -> str:
    """Per-category scores and the summary; with `per_doc`, every contract with an error."""
    lines = [
        f"{'CUAD category':36} {'docP':>5} {'docR':>5} {'docF1':>5} {'spanP':>5} {'spanR':>5} {'value':>5} "
        f"{'spans':>5}"
    ]
    for cat, m in result.categories.items():
        lines.append(
            f"{cat:36} {_f(m.doc_p)} {_f(m.doc_r)} {_f(m.doc_f1)} {_f(m.span_p)} {_f(m.span_r)} "
            f"{_f(m.value_acc)} {m.n_gold_spans:5d}"
        )
    if per_doc:
        lines += ["", f"{'contract':60} {'missed / spurious categories':40} spans missed, findings off"]
        for name, d in result.documents.items():
            if not (d.missed or d.spurious or d.spans_missed or d.findings_off or not d.predicted):
                continue
            cats = (
                "no predictions"
                if not d.predicted
                else ", ".join([f"-{c}" for c in d.missed] + [f"+{c}" for c in d.spurious])
            )
            lines.append(f"{name[:60]:60} {cats[:40]:40} {d.spans_missed:4d} {d.findings_off:4d}")
    s = result.summary
    lines.append(
        f"mean doc F1 {s.mean_doc_f1:.3f}  mean span P {s.mean_span_p:.3f}  mean span R {s.mean_span_r:.3f}"
        f"  contracts without predictions {s.missing_docs}/{s.docs}"
    )
    return "\n".join(lines)


def gold_table(result: GoldResult) -> str:
    """Per-document scores, the clause ids missed, and the summary."""
    twin = result.summary.variant != "md"
    page = " page" if twin else ""
    lines = [f"{'document':45} {'recall':>6} {'values':>6} {'absOK':>6} {'FP':>4}{page}  missed"]
    for stem, d in result.docs.items():
        pcol = f" {ratio(d.page_ok or 0, d.hit):4.2f}" if twin else ""
        missed = ", ".join(sorted(set(d.missed)))
        lines.append(
            f"{stem[:45]:45} {ratio(d.hit, d.gold):6.2f} {ratio(d.vok, d.vals):6.2f} "
            f"{ratio(d.absent_ok, d.absent):6.2f} {d.fp:4d}{pcol}  {missed}"
        )
    s = result.summary
    note = f"  page accuracy {s.page_acc:.3f}" if twin else ""
    lines.append(
        f"overall recall {s.recall:.3f}  value acc {s.value_acc:.3f}  absent-ok {s.absent_ok:.3f}  "
        f"false-pos rate {s.false_pos_rate:.3f}{note}  ({s.gold} gold findings, {s.predictions} predictions)"
    )
    if twin and s.gold_unlocated:
        lines.append(
            f"{s.gold_unlocated} gold quotes not found in the {s.variant} reference text count as misses"
        )
    return "\n".join(lines)


def clause_table(counts: dict) -> str:
    """Gold findings, hits, recall and value accuracy per clause id (`split.by_clause`)."""
    lines = [f"{'clause':34} {'gold':>5} {'hit':>5} {'recall':>6} {'values':>6}"]
    for clause, c in counts.items():
        values = f"{ratio(c.vok, c.vals):6.2f}" if c.vals else "     -"
        lines.append(f"{clause:34} {c.gold:5d} {c.hit:5d} {ratio(c.hit, c.gold):6.2f} {values}")
    return "\n".join(lines)


def vendor_table(rows: list[tuple[str, str, str, bool]]) -> str:
    """The vendor each gold document names against the one analyze reported (`split.vendor_rows`)."""
    lines = [f"{'document':45} {'gold vendor':20} {'signoff':20} right"]
    for stem, gold, got, ok in rows:
        lines.append(f"{stem[:45]:45} {gold[:20]:20} {got[:20]:20} {'yes' if ok else 'NO'}")
    right = sum(ok for *_, ok in rows)
    lines.append(f"vendor named right in {right} of {len(rows)} documents")
    return "\n".join(lines)
