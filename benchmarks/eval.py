"""`make eval`: accuracy of `signoff analyze` on the shared corpora, against the targets.

The headline is accuracy on vendors nobody tuned on: the checking half of the annotated
vendor terms (benchmarks/gold/split.yaml; gold in benchmarks/gold/vendor-terms and
../shared/corpus/ai-terms/gold), printed by clause, by document and by vendor, and the
CUAD contracts of the held-out fold (sha1 of the file name mod 5 == 4), which were never
read while rules were written. The tuning half and all of CUAD are reported beside them.

Runs analyze on the CUAD contracts, the annotated vendor terms and the AI-terms documents
(and their DOCX/PDF twins: the corpus's, or made here with pandoc and LibreOffice when
installed), scores the predictions with signoff's scorers, scores the keyword baseline the
same way for comparison, prints the tables and one table of targets with pass/fail, and
writes everything to benchmarks/results/eval.json. As a self-check it runs the reference
scorers (../shared/tools/*_score.py) on the very same prediction files and fails (exit 1)
when any number they report differs from ours.

Usage: python benchmarks/eval.py --shared ../shared [--jobs 2] [--strict]
  --strict  also exit 1 when a target is missed (default: report only)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from signoff.errors import SignoffError
from signoff.evaluate import (
    predict,
    read_gold,
    read_labels,
    read_predictions,
    score_cuad,
    score_gold,
    write_predictions,
)
from signoff.evaluate.agreement import cuad_differences, gold_differences
from signoff.evaluate.gold import twin_path
from signoff.evaluate.split import by_clause, gather, read_split, vendor_rows
from signoff.evaluate.tables import clause_table, gold_table, vendor_table
from signoff.evaluate.twins import TOOLS

RESULTS = Path(__file__).resolve().parent / "results"
# targets from the issue; the per-category bar is the keyword baseline, computed each run
MEAN_TARGETS = {"mean_doc_f1": 0.85, "mean_span_p": 0.75, "mean_span_r": 0.75}
VALUE_TARGETS = {
    "Notice Period to Terminate Renewal": ("renewal notice days", 0.85),
    "Governing Law": ("governing law", 0.85),
}
GOLD_TARGETS = {"recall": 0.90, "value_acc": 0.90}
# accuracy on vendors nobody tuned on (the checking half), and on CUAD contracts never read
UNSEEN_TARGETS = {"recall": (">=", 0.85), "value_acc": (">=", 0.85), "false_pos_rate": ("<=", 0.05),
                  "absent_ok": (">=", 0.95)}  # fmt: skip
VENDOR_TARGET = 0.90
HELD_OUT_TARGETS = {"mean_doc_f1": 0.85, "mean_span_p": 0.75, "mean_span_r": 0.75}
GOLD = Path(__file__).resolve().parent / "gold"


class Row:
    """One line of the table: what is measured, baseline and signoff values, target, verdict."""

    def __init__(self, name: str, baseline: str, signoff: str, target: str, ok: bool | None, why: str = ""):
        self.name, self.baseline, self.signoff, self.target, self.ok = name, baseline, signoff, target, ok
        self.why = why

    def line(self) -> str:
        verdict = {True: "PASS", False: "FAIL", None: "-"}[self.ok]
        why = f" ({self.why})" if self.why else ""
        return f"{self.name:44} {self.baseline:>16} {self.signoff:>16}  {self.target:18} {verdict}{why}"


def baseline(shared: Path, folder: Path, out: Path) -> list[dict]:
    """Predictions of the keyword baseline on every file of `folder`, saved to `out`."""
    script = shared / "tools" / "baseline_keywords.py"
    r = subprocess.run([sys.executable, str(script), str(folder)], capture_output=True, text=True, check=True)
    out.write_text(r.stdout, encoding="utf-8")
    return read_predictions(out)


def analyse(paths: list[Path], out: Path, jobs: int, what: str) -> tuple[list[dict], dict]:
    """signoff's predictions for `paths`, saved to `out`, with the wall time and failures."""
    print(f"analysing {len(paths)} {what} with signoff (jobs={jobs}) ...", flush=True)
    t0 = time.perf_counter()
    records, errors = predict(paths, jobs=jobs)
    wall = time.perf_counter() - t0
    write_predictions(records, out)
    for e in errors[:5]:
        print(f"  not analysed: {e}", file=sys.stderr)
    if len(errors) > 5:
        print(f"  ... and {len(errors) - 5} more not analysed", file=sys.stderr)
    return records, {"documents": len(paths), "failed": len(errors), "wall_s": round(wall, 2)}


def twin_folder(docs: Path, golds: list, tmp: Path) -> tuple[Path | None, str | None]:
    """A folder with the DOCX and PDF twins of the gold documents: the corpus's own when it
    has them, else made in `tmp` as the corpus README says (pandoc, then LibreOffice);
    None and the reason when neither is possible."""
    mds = [twin_path(docs, g, "md") for g in golds]
    if all(twin_path(docs, g, v).is_file() for g in golds for v in ("docx", "pdf")):
        return docs, None
    missing = [t for t in ("pandoc", "soffice") if not shutil.which(t)]
    if missing:
        return None, f"not in the corpus, and no {' or '.join(missing)} to make them"
    # pandoc's docx writer fetches every image before filters run, and the corpus links
    # images it does not ship: drop them for their alt text (what the scorer keeps of them)
    # in a JSON pass first
    alt = tmp / "alt.lua"
    alt.write_text("function Image(el) return el.caption end\n", encoding="utf-8")
    for md in mds:
        ast = subprocess.run(
            ["pandoc", "-f", "markdown", "--lua-filter", str(alt), "-t", "json", str(md)],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(
            ["pandoc", "-f", "json", "-t", "docx", "-o", str(tmp / f"{md.stem}.docx")],
            input=ast,
            capture_output=True,
            check=True,
        )
    profile = (tmp / "lo-profile").as_uri()  # its own profile: another LibreOffice may be running
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            *(str(tmp / f"{md.stem}.docx") for md in mds),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    if not all((tmp / f"{md.stem}.pdf").is_file() for md in mds):
        return None, "LibreOffice made no PDF of the DOCX twins"
    return tmp, None


def triple(c) -> str:
    return f"{c.doc_f1:.2f}/{c.span_p:.2f}/{c.span_r:.2f}"


def cuad_rows(ours, base) -> list[Row]:
    rows = []
    for cat, c in ours.categories.items():
        b = base.categories[cat]
        # beating the baseline: better at telling which contracts have the clause, and no
        # worse at pointing to it
        short = [
            name
            for name, worse in (
                ("docF1", c.doc_f1 <= b.doc_f1),
                ("spanP", c.span_p < b.span_p),
                ("spanR", c.span_r < b.span_r),
            )
            if worse
        ]
        rows.append(Row(f"CUAD {cat}", triple(b), triple(c), "beats baseline", not short, ", ".join(short)))
    names = {
        "mean_doc_f1": "CUAD mean doc F1",
        "mean_span_p": "CUAD mean span precision",
        "mean_span_r": "CUAD mean span recall",
    }
    for key, target in MEAN_TARGETS.items():
        got, was = getattr(ours.summary, key), getattr(base.summary, key)
        rows.append(Row(names[key], f"{was:.3f}", f"{got:.3f}", f">= {target:.2f}", got >= target))
    for cat, (name, target) in VALUE_TARGETS.items():
        got, was = ours.categories[cat].value_acc or 0.0, base.categories[cat].value_acc or 0.0
        rows.append(
            Row(f"CUAD value accuracy: {name}", f"{was:.3f}", f"{got:.3f}", f">= {target:.2f}", got >= target)
        )
    return rows


def gold_rows(ours, base, label: str) -> list[Row]:
    rows = []
    for key, target in GOLD_TARGETS.items():
        got, was = getattr(ours.summary, key), getattr(base.summary, key) if base else None
        rows.append(
            Row(
                f"{label} {key.replace('_', ' ')}",
                f"{was:.3f}" if base else "-",
                f"{got:.3f}",
                f">= {target:.2f}",
                got >= target,
            )
        )
    fp = sum(d.fp for d in ours.docs.values())
    rows.append(
        Row(
            f"{label} findings of absent clauses",
            str(sum(d.fp for d in base.docs.values())) if base else "-",
            str(fp),
            "= 0",
            fp == 0,
        )
    )
    if ours.summary.page_acc is not None:
        rows.append(Row(f"{label} page accuracy", "-", f"{ours.summary.page_acc:.3f}", "(reported)", None))
    return rows


def held_out(name: str) -> bool:
    """The CUAD fold never read while rules were written: sha1 of the file name mod 5 == 4."""
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % 5 == 4


def held_out_rows(records: list[dict], labels: dict, contracts: Path) -> tuple[list[Row], dict]:
    """The CUAD targets on the held-out fold: what to expect on contracts nobody read."""
    fold = {f: v for f, v in labels.items() if held_out(f)}
    res = score_cuad([r for r in records if Path(r["document"]["path"]).name in fold], fold, contracts)
    names = {"mean_doc_f1": "doc F1", "mean_span_p": "span precision", "mean_span_r": "span recall"}
    rows = [
        Row(f"CUAD held-out ({len(fold)}) {names[k]}", "-", f"{getattr(res.summary, k):.3f}", f">= {t:.2f}",
            getattr(res.summary, k) >= t)
        for k, t in HELD_OUT_TARGETS.items()
    ]  # fmt: skip
    return rows, res.model_dump(mode="json")


def vendor_terms(
    shared: Path, tmp: Path, jobs: int, checks: list, report: dict
) -> tuple[list[Row], list[str]]:
    """Both halves of the annotated vendor terms: target rows (the checking half) and the
    printed sections (by clause, by document, by vendor)."""
    split = read_split(GOLD / "split.yaml")
    corpus = shared / "corpus"
    sources = {
        "ai-terms": (corpus / "ai-terms" / "gold", corpus / "ai-terms" / "docs"),
        "vendor-terms": (GOLD / "vendor-terms", corpus / "vendor-terms" / "docs"),
        "terms-unlabelled": (GOLD / "terms-unlabelled", corpus / "terms-unlabelled" / "docs"),
    }
    rows: list[Row] = []
    sections: list[str] = []
    for half in ("checking", "tuning"):
        folder = gather(getattr(split, half), sources, tmp / half)
        golds = read_gold(folder / "gold")
        pred = RESULTS / f"pred-vendor-terms-{half}.jsonl"
        docs = [twin_path(folder / "docs", g, "md") for g in golds.values()]
        records, report[f"vendor_terms_{half}_run"] = analyse(docs, pred, jobs, f"{half}-half documents")
        res = score_gold(records, golds, folder / "docs")
        vendors = vendor_rows(records, {Path(g.document).stem: g.vendor for g in golds.values()})
        scorer = shared / "tools" / "gold_score.py"
        diff = gold_differences(res, scorer, pred, folder / "gold", folder / "docs")
        checks.append((f"gold_score.py on the {half}-half predictions", diff))
        report[f"vendor_terms_{half}"] = res.model_dump(mode="json") | {"vendors": vendors}
        right = sum(ok for *_, ok in vendors) / len(vendors)
        if half == "checking":
            for key, (op, target) in UNSEEN_TARGETS.items():
                got = getattr(res.summary, key)
                ok = got >= target if op == ">=" else got <= target
                name = f"unseen vendors {key.replace('_', ' ')}"
                rows.append(Row(name, "-", f"{got:.3f}", f"{op} {target:.2f}", ok))
            target, ok = f">= {VENDOR_TARGET:.2f}", right >= VENDOR_TARGET
            rows.append(Row("unseen vendors: vendor named right", "-", f"{right:.2f}", target, ok))
            # acceptable_use's `prohibited` is a list of paraphrases that must match word for word
            counts = [c for clause, c in by_clause(res).items() if clause != "acceptable_use"]
            structured = sum(c.vok for c in counts) / max(1, sum(c.vals for c in counts))
            name = "unseen vendors value acc, no free-text lists"
            rows.append(Row(name, "-", f"{structured:.3f}", "(reported)", None))
        else:
            rows += [Row(f"tuning half {k}", "-", f"{getattr(res.summary, k):.3f}", "(tuned on)", None)
                     for k in ("recall", "value_acc", "absent_ok", "false_pos_rate")]  # fmt: skip
        title = "tuning half"
        if half == "checking":
            title = "CHECKING HALF (vendors nobody tuned on: the headline)"
        sections += [f"== {title}: {len(golds)} documents ==", clause_table(by_clause(res)), "",
                     gold_table(res), "", vendor_table(vendors), ""]  # fmt: skip
    return rows, sections


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared corpus folder")
    ap.add_argument("--jobs", type=int, default=2, help="documents analysed in parallel (default 2)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args(argv)
    shared = args.shared
    tools = shared / "tools"
    if not (tools / "cuad_score.py").is_file():
        print(f"make eval: {shared} is absent (no {tools / 'cuad_score.py'}); nothing to evaluate, skipped.")
        return 0
    cuad, terms = shared / "corpus" / "cuad", shared / "corpus" / "ai-terms"
    RESULTS.mkdir(parents=True, exist_ok=True)
    files = {k: RESULTS / f"pred-{k}.jsonl" for k in ("cuad", "cuad-baseline", "gold", "gold-baseline")}
    checks: list[tuple[str, list[str]]] = []
    report: dict = {"shared": str(shared)}

    labels = read_labels(cuad / "labels.jsonl")
    base_cuad = score_cuad(
        baseline(shared, cuad / "contracts", files["cuad-baseline"]), labels, cuad / "contracts"
    )
    records, report["cuad_run"] = analyse(
        [cuad / "contracts" / f for f in labels], files["cuad"], args.jobs, "CUAD contracts"
    )
    ours_cuad = score_cuad(records, labels, cuad / "contracts")
    for name, res, pred in (
        ("signoff", ours_cuad, files["cuad"]),
        ("baseline", base_cuad, files["cuad-baseline"]),
    ):
        diff = cuad_differences(res, tools / "cuad_score.py", pred, cuad / "labels.jsonl", cuad / "contracts")
        checks.append((f"cuad_score.py on the {name} CUAD predictions", diff))

    golds = read_gold(terms / "gold")
    base_gold = score_gold(baseline(shared, terms / "docs", files["gold-baseline"]), golds, terms / "docs")
    records, report["gold_run"] = analyse(
        [twin_path(terms / "docs", g, "md") for g in golds.values()],
        files["gold"],
        args.jobs,
        "AI-terms documents",
    )
    ours_gold = score_gold(records, golds, terms / "docs")
    for name, res, pred in (
        ("signoff", ours_gold, files["gold"]),
        ("baseline", base_gold, files["gold-baseline"]),
    ):
        diff = gold_differences(res, tools / "gold_score.py", pred, terms / "gold", terms / "docs")
        checks.append((f"gold_score.py on the {name} AI-terms predictions", diff))

    cuad_records = read_predictions(files["cuad"])
    held_rows, report["cuad_held_out"] = held_out_rows(cuad_records, labels, cuad / "contracts")
    with tempfile.TemporaryDirectory() as vt:
        vendor_rows_, sections = vendor_terms(shared, Path(vt), args.jobs, checks, report)
    rows = vendor_rows_ + held_rows + cuad_rows(ours_cuad, base_cuad)
    rows += gold_rows(ours_gold, base_gold, "AI terms")
    report.update(
        cuad=ours_cuad.model_dump(mode="json"),
        cuad_baseline=base_cuad.model_dump(mode="json"),
        gold=ours_gold.model_dump(mode="json"),
        gold_baseline=base_gold.model_dump(mode="json"),
    )
    notes = []
    with tempfile.TemporaryDirectory() as tmp:
        twins, why = twin_folder(terms / "docs", list(golds.values()), Path(tmp))
        for variant in ("docx", "pdf"):
            tool = TOOLS[variant][0]
            if twins is None or not shutil.which(tool):
                notes.append(f"{variant} twins of the AI-terms documents: skipped ({why or 'no ' + tool})")
                continue
            paths = [twin_path(twins, g, variant) for g in golds.values()]
            pred = RESULTS / f"pred-gold-{variant}.jsonl"
            records, report[f"gold_{variant}_run"] = analyse(
                paths, pred, args.jobs, f"AI-terms {variant} twins"
            )
            res = score_gold(records, golds, twins, variant)
            rows += gold_rows(res, None, f"AI terms ({variant})")
            report[f"gold_{variant}"] = res.model_dump(mode="json")
            diff = gold_differences(res, tools / "gold_score.py", pred, terms / "gold", twins, variant)
            checks.append((f"gold_score.py --variant {variant} on the signoff predictions", diff))
        if why is None and twins != terms / "docs":
            notes.append(
                "docx/pdf twins of the AI-terms documents were made here with pandoc and LibreOffice"
            )

    print()
    print("\n".join(sections))
    print(f"{'check':44} {'baseline':>16} {'signoff':>16}  {'target':18} result")
    print("\n".join(r.line() for r in rows))
    print(
        "CUAD rows per category show docF1/spanP/spanR; beating the baseline means a higher doc F1 "
        "and span P and R no lower."
    )
    run = report["cuad_run"]
    print(
        f"analyze: {run['documents']} CUAD contracts in {run['wall_s']:.1f} s with --jobs {args.jobs}, "
        f"{run['failed']} failed"
    )
    for n in notes:
        print(n)
    failed_checks = [(what, diff) for what, diff in checks if diff]
    for what, diff in checks:
        print(f"self-check: {what}: {'DISAGREES' if diff else 'agrees'}")
        for d in diff[:10]:
            print(f"    {d}")
    report["targets"] = [vars(r) for r in rows]
    report["agreement"] = {what: diff for what, diff in checks}
    out = RESULTS / "eval.json"
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    missed = [r.name for r in rows if r.ok is False]
    print(
        f"{sum(r.ok is True for r in rows)} of {sum(r.ok is not None for r in rows)} targets met; "
        f"results in {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}"
    )
    if failed_checks:
        print(
            f"make eval: FAILED: {len(failed_checks)} self-checks disagree with the reference scorers",
            file=sys.stderr,
        )
        return 1
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SignoffError as e:
        print(f"make eval: error: {e.message}", file=sys.stderr)
        sys.exit(2)
