"""The spaCy pipeline: `spacy.blank("en")` plus two registered components.

- `signoff_segmenter` cuts the text into clause units (see `segment.py`).
- `signoff_clause_rules` runs every term and rule pattern of the clause library
  through one spaCy `Matcher` in a single pass over the tokens.

Both leave their results in `doc.user_data` as plain character offsets, which is
what citations need. Nothing is downloaded: the blank English tokenizer is all.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from signoff.errors import DataFileError
from signoff.extract.library import PREFIX_NORM, Library, Step, compile_pattern, load_library
from signoff.extract.segment import segment

UNITS = "signoff.units"
MATCHES = "signoff.matches"
SCORES = "signoff.unit_scores"


@dataclass(frozen=True)
class Match:
    """One pattern hit: `key` is 'R:<rule id>' for a rule anchor or 'T:<term>' for a term."""

    key: str
    start: int
    end: int


@Language.factory("signoff_segmenter")
def make_segmenter(nlp: Language, name: str):
    def segmenter(doc: Doc) -> Doc:
        doc.user_data[UNITS] = segment(doc.text)
        return doc

    return segmenter


class ClauseRules:
    """Matches every term and rule of the library in one pass; rules are data, not code.

    Each pattern is compiled into steps, one per token (see `compile_pattern`). Two
    PhraseMatchers find every word the library uses, one on LOWER for whole words
    and one on NORM for prefixes ("terminat*": a word's NORM is set, once per word
    in the vocabulary, to the longest prefix it starts with). The steps are then
    chained within their gaps. All lookups are hashes: a 50 KB contract takes a few
    milliseconds, where Matcher wildcards with repeat counts take seconds.
    """

    def __init__(self, nlp: Language, library: Library):
        self.vocab = nlp.vocab
        self.words = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.stems = PhraseMatcher(nlp.vocab, attr="NORM")
        self.raw = Matcher(nlp.vocab, validate=True)
        self.chains: list[tuple[str, list[Step]]] = []
        self.places = library.places
        for name, term in library.terms.items():
            self._add(nlp, f"T:{name}", term.patterns)
        for rule in library.rules:
            self._add(nlp, f"R:{rule.id}", rule.patterns)
        keys = {k for _, steps in self.chains for st in steps for k in st.keys}
        self.prefixes = sorted(
            (k[2 + len(PREFIX_NORM) :] for k in keys if k.startswith("N:")), key=len, reverse=True
        )
        # a word tagged with its longest prefix also counts for every shorter registered prefix
        self.expand = {
            p: [f"N:{PREFIX_NORM}{q}" for q in self.prefixes if p.startswith(q)] for p in self.prefixes
        }
        for k in sorted(keys):
            if k.startswith("L:"):
                self.words.add(k, [nlp.make_doc(k[2:])])
            elif k.startswith("N:"):
                self.stems.add(k, [Doc(nlp.vocab, words=[k[2:]])])
        self._tagged: set[int] = set()

    def _add(self, nlp: Language, key: str, patterns) -> None:
        for i, pattern in enumerate(patterns):
            raw_id = f"M:{key}:{i}"
            if isinstance(pattern, list):
                self.raw.add(raw_id, _first_token_exact(pattern))
            try:
                self.chains.append((key, compile_pattern(pattern, nlp.tokenizer, raw_id)))
            except DataFileError as e:
                what = "term" if key.startswith("T:") else "rule"
                place = self.places.get(f"{key}:{i}", "clause library")
                raise DataFileError(f"{place}: {what} {key[2:]!r}: {e.message}") from None

    def _tag_prefixes(self, orths) -> None:
        for orth in orths:
            if orth in self._tagged:
                continue
            self._tagged.add(orth)
            lex = self.vocab[orth]
            low = lex.lower_
            for p in self.prefixes:
                if low.startswith(p):
                    lex.norm_ = PREFIX_NORM + p
                    break

    def __call__(self, doc: Doc) -> Doc:
        arr = doc.to_array([ORTH, IDX, LENGTH, IS_SPACE])
        self._tag_prefixes(int(o) for o in numpy.unique(arr[:, 0]))
        # positions count words only: a line break inside "consistent\nwith" is no gap
        words = arr[arr[:, 3] == 0]
        word_at = (numpy.cumsum(arr[:, 3] == 0) - 1).tolist()
        starts, ends = words[:, 1].tolist(), (words[:, 1] + words[:, 2]).tolist()
        strings = self.vocab.strings
        found: dict[str, list[tuple[int, int]]] = {}
        for key_id, s, e in self.words(doc):
            found.setdefault(strings[key_id], []).append((word_at[s], word_at[e - 1] + 1))
        for key_id, s, e in self.stems(doc):
            for k in self.expand[strings[key_id][2 + len(PREFIX_NORM) :]]:
                found.setdefault(k, []).append((word_at[s], word_at[e - 1] + 1))
        if len(self.raw):
            for key_id, s, e in self.raw(doc):
                found.setdefault(strings[key_id], []).append((word_at[s], word_at[e - 1] + 1))
        for occ in found.values():
            occ.sort()
        out = set()
        words = _Words(found, len(starts))
        for key, steps in self.chains:
            # a leading !word is a look-behind: the match starts at the next step
            first = 1 if steps[0].negated else 0
            for s0, e0 in words.occurrences(steps[first]):
                if first and s0 > 0 and s0 - 1 in words.starts_of(steps[0]):
                    continue
                end = _follow(steps, first + 1, e0, words)
                if end is not None:
                    out.add(Match(key, starts[s0], ends[end - 1]))
        doc.user_data[MATCHES] = sorted(out, key=lambda m: (m.start, m.end, m.key))
        return doc


def _first_token_exact(pattern: list[dict]) -> list[list[dict]]:
    """`[{"LOWER": {"IN": [a, b]}}, ...]` as one pattern per word: the Matcher checks an exact
    first token in C, but calls back into Python on every token of the document for IN."""
    first = pattern[0]
    if list(first) == ["LOWER"] and isinstance(first["LOWER"], dict) and list(first["LOWER"]) == ["IN"]:
        return [[{"LOWER": word}, *pattern[1:]] for word in first["LOWER"]["IN"]]
    return [pattern]


class _Words:
    """Where the library's words occur in one document (word positions), with merged lists and
    start sets built once per document."""

    def __init__(self, found: dict[str, list[tuple[int, int]]], count: int):
        self.found = found
        self.count = count
        self._merged: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        self._starts: dict[tuple[str, ...], set[int]] = {}

    def occurrences(self, step: Step) -> list[tuple[int, int]]:
        """Where any of the step's words occur, sorted."""
        if len(step.keys) == 1:
            return self.found.get(step.keys[0], [])
        if step.keys not in self._merged:
            self._merged[step.keys] = sorted(o for k in step.keys for o in self.found.get(k, ()))
        return self._merged[step.keys]

    def starts_of(self, step: Step) -> set[int]:
        if step.keys not in self._starts:
            self._starts[step.keys] = {s for s, _ in self.occurrences(step)}
        return self._starts[step.keys]


def _follow(steps: list[Step], i: int, pos: int, words: _Words) -> int | None:
    """Token end of the last step when steps i.. follow token `pos` within their gaps, else None."""
    if i == len(steps):
        return pos
    step = steps[i]
    if step.negated:
        if pos < words.count and pos not in words.starts_of(step):
            end = _follow(steps, i + 1, pos + 1, words)
            if end is not None:
                return end
        return _follow(steps, i + 1, pos, words) if step.optional else None
    occ = words.occurrences(step)
    j = bisect.bisect_left(occ, (pos, -1))
    while j < len(occ) and occ[j][0] <= pos + step.gap:
        end = _follow(steps, i + 1, occ[j][1], words)
        if end is not None:
            return end
        j += 1
    return _follow(steps, i + 1, pos, words) if step.optional else None


@Language.factory("signoff_clause_rules", default_config={"library_dir": ""})
def make_clause_rules(nlp: Language, name: str, library_dir: str):
    return ClauseRules(nlp, load_library(Path(library_dir)))


@Language.factory("signoff_clause_classifier", default_config={"model_dir": ""})
def make_clause_classifier(nlp: Language, name: str, model_dir: str):
    """Scores every unit for every clause id (`classifier.py`); no model, no scores."""
    from signoff.extract.classifier import MODEL_DIR, ClauseClassifier

    classifier = ClauseClassifier(Path(model_dir) if model_dir else MODEL_DIR)

    def score_units(doc: Doc) -> Doc:
        if classifier.available:
            text = doc.text  # rebuilt from the tokens on every access
            texts = [text[u.body_start : u.end] for u in doc.user_data[UNITS]]
            doc.user_data[SCORES] = classifier.scores(texts)
        return doc

    return score_units


def build_pipeline(library_dir: Path) -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("signoff_segmenter")
    nlp.add_pipe("signoff_clause_rules", config={"library_dir": str(library_dir)})
    if load_library(library_dir).classifier.enabled:
        nlp.add_pipe("signoff_clause_classifier")
    nlp.max_length = 20_000_000
    return nlp
