"""`make train`: the clause classifier that gives signoff's rules a second opinion.

A spaCy `textcat_multilabel` (bag of words and word pairs, on `spacy.blank("en")`, no
vectors, nothing downloaded) that scores each clause unit (the segmenter's sentences) for
each clause id. It learns from:

- the tuning half of the annotated vendor terms (benchmarks/gold/split.yaml): the units a gold
  quote covers carry its clause, every other unit none; these strong labels count several times;
- CUAD's dev folds (never the held-out fold): the units a labelled span covers, for the CUAD
  categories that map to one clause id; the other clause ids are left unknown;
- the 270 unlabelled published terms, labelled by signoff's rules (weak supervision).

The checking half and CUAD's held-out fold are never read. Training is seeded, so the same
inputs give the same model. The model is written to src/signoff/extract/model/ and ships in
the wheel; `make eval` measures whether it helps.

Usage: python benchmarks/train.py --shared ../shared [--epochs 8] [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from signoff.evaluate.split import read_split
from signoff.extract import clause_catalogue, get_analyzer
from signoff.extract.classifier import MODEL_DIR, unit_words
from signoff.extract.segment import segment
from signoff.ingest import load_text

GOLD = Path(__file__).resolve().parent / "gold"
# CUAD categories that name one clause id (Cap on Liability and Post-Termination Services name two)
CUAD_ONE_CLAUSE = {
    "Uncapped Liability": "liability_carve_out",
    "Termination for Convenience": "termination_for_convenience",
    "Audit Rights": "audit_rights",
    "Notice Period to Terminate Renewal": "renewal_notice",
    "Governing Law": "governing_law",
    "Insurance": "insurance",
}
STRONG_REPEAT = 4  # the hand-made labels weigh as much as four times the rules' guesses
SEED = 1


def _units(text: str) -> list[tuple[int, int]]:
    return [(u.start, u.end) for u in segment(text) if u.end - u.start >= 15]


def _covering(units: list[tuple[int, int]], start: int, end: int) -> list[int]:
    """Indexes of the units a span covers (a unit counts when the span holds half of it, or it
    holds half of the span)."""
    out = []
    for i, (s, e) in enumerate(units):
        inter = min(e, end) - max(s, start)
        if inter > 0 and (inter >= 0.5 * (e - s) or inter >= 0.5 * (end - start)):
            out.append(i)
    return out


def _locate(text: str, quote: str) -> tuple[int, int] | None:
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    words = quote.split()
    m = re.search(r"\s+".join(map(re.escape, words)), text) if words else None
    return (m.start(), m.end()) if m else None


def weak_examples(docs: list[Path], labels: list[str]) -> list[tuple[str, dict[str, float]]]:
    """Every unit of the unlabelled terms, labelled with the clauses the rules (alone: not the
    classifier being replaced) find in it."""
    analyzer = get_analyzer()
    if "signoff_clause_classifier" in analyzer.nlp.pipe_names:
        analyzer.nlp.remove_pipe("signoff_clause_classifier")
    out = []
    for path in docs:
        text = path.read_text(encoding="utf-8")
        analysis = analyzer.analyze(load_text(text, path=str(path), format="md"))
        units = _units(text)
        cats = [dict.fromkeys(labels, 0.0) for _ in units]
        for f in analysis.findings:
            for i in _covering(units, f.start, f.end):
                cats[i][f.clause] = 1.0
        out += [(text[s:e], c) for (s, e), c in zip(units, cats, strict=True)]
    return out


Examples = list[tuple[str, dict[str, float]]]


def gold_examples(split_names: list[str], shared: Path, labels: list[str]) -> Examples:
    """Every unit of the tuning half's documents, labelled by the gold quotes that cover it."""
    import yaml

    roots = {
        "ai-terms": (shared / "corpus" / "ai-terms" / "gold", shared / "corpus" / "ai-terms" / "docs"),
        "vendor-terms": (GOLD / "vendor-terms", shared / "corpus" / "vendor-terms" / "docs"),
    }
    out = []
    for name in split_names:
        corpus, _, stem = name.partition("/")
        gold_dir, docs_dir = roots[corpus]
        gold = yaml.safe_load((gold_dir / f"{stem}.yaml").read_text(encoding="utf-8"))
        text = (docs_dir / f"{stem}.md").read_text(encoding="utf-8")
        units = _units(text)
        cats = [dict.fromkeys(labels, 0.0) for _ in units]
        for f in gold.get("findings") or []:
            span = _locate(text, f["quote"])
            for i in _covering(units, *span) if span else []:
                cats[i][f["clause"]] = 1.0
        out += [(text[s:e], c) for (s, e), c in zip(units, cats, strict=True)]
    return out


def cuad_examples(shared: Path) -> list[tuple[str, dict[str, float]]]:
    """Units of CUAD's dev folds labelled for the clause ids CUAD names one to one."""
    cuad = shared / "corpus" / "cuad"
    out = []
    for line in (cuad / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if int(hashlib.sha1(rec["file"].encode()).hexdigest(), 16) % 5 == 4:
            continue  # the held-out fold is never read
        text = (cuad / "contracts" / rec["file"]).read_text(encoding="utf-8")
        units = _units(text)
        cats = [dict.fromkeys(CUAD_ONE_CLAUSE.values(), 0.0) for _ in units]
        for cat, clause in CUAD_ONE_CLAUSE.items():
            for sp in rec["labels"].get(cat, {}).get("spans", []):
                for i in _covering(units, sp["start"], sp["end"]):
                    cats[i][clause] = 1.0
        out += [(text[s:e], c) for (s, e), c in zip(units, cats, strict=True)]
    return out


def train(examples: list[tuple[str, dict[str, float]]], labels: list[str], epochs: int) -> spacy.Language:
    fix_random_seed(SEED)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe(
        "textcat_multilabel",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": False,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 2**16,
            }
        },
    )
    for label in labels:
        textcat.add_label(label)
    # the words are the unit's lower-case tokens without markup (`unit_words`), so the model can
    # score a unit from the LOWER ids of the analysed document; a pair needs two words
    docs = ((Doc(nlp.vocab, words=unit_words(nlp.tokenizer(t))), c) for t, c in examples)
    data = [Example.from_dict(d, {"cats": c}) for d, c in docs if len(d) >= 3]
    optimizer = nlp.initialize(lambda: data[:2000])
    rng = random.Random(SEED)
    for epoch in range(epochs):
        rng.shuffle(data)
        losses: dict[str, float] = {}
        t0 = time.perf_counter()
        for batch in minibatch(data, size=256):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        took = time.perf_counter() - t0
        print(f"epoch {epoch + 1}/{epochs}: loss {losses['textcat_multilabel']:.2f} ({took:.0f} s)")
    return nlp


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    args = ap.parse_args(argv)
    if not (args.shared / "corpus" / "terms-unlabelled" / "docs").is_dir():
        print(f"make train: {args.shared} is absent; the shipped model is kept.")
        return 0
    labels = [c.id for c in clause_catalogue()]
    split = read_split(GOLD / "split.yaml")
    unlabelled = sorted((args.shared / "corpus" / "terms-unlabelled" / "docs").glob("*.md"))
    weak = weak_examples(unlabelled, labels)
    strong = gold_examples(split.tuning, args.shared, labels)
    cuad = cuad_examples(args.shared)
    print(f"examples: {len(weak)} units of unlabelled terms (rules), {len(strong)} of the tuning half "
          f"(gold, x{STRONG_REPEAT}), {len(cuad)} of CUAD's dev folds")  # fmt: skip
    nlp = train(weak + strong * STRONG_REPEAT + cuad, labels, args.epochs)
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"model written to {args.out} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
