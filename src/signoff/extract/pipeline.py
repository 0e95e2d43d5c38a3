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
from spacy.attrs import IDX, IS_SPACE, LENGTH, LIKE_NUM, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from signoff.errors import DataFileError
from signoff.extract.library import PREFIX_NORM, Library, Step, compile_pattern, load_library
from signoff.extract.segment import Unit, pieces, segment

TEXT = "signoff.text"
UNITS = "signoff.units"
MATCHES = "signoff.matches"
SCORES = "signoff.unit_scores"


@dataclass(frozen=True)
class Match:
    """One pattern hit: `key` is 'R:<rule id>' for a rule anchor or 'T:<term>' for a term."""

    key: str
    start: int
    end: int


def text_of(doc: Doc) -> str:
    """The text the pipeline was given: `Doc.text` rebuilds it from every token on each access,
    which costs as much as the rule matching itself, so `run` keeps the original."""
    return doc.user_data.get(TEXT) or doc.text


def run(nlp: Language, text: str) -> Doc:
    """`nlp(text)`, with the text kept for the components (`text_of`)."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT] = text
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


@dataclass
class Analysed:
    """What the pipeline found in a whole text: its units, pattern matches and (when the classifier
    is on) each unit's scores, every offset into the whole text."""

    units: list[Unit]
    matches: list[Match]
    scores: list[dict[str, float]] | None


def run_in_pieces(nlp: Language, text: str) -> Analysed:
    """`run` over each piece of a long text (`segment.pieces`), offsets moved back into the whole."""
    units: list[Unit] = []
    matches: list[Match] = []
    scores: list[dict[str, float]] | None = None
    for start, end in pieces(text):
        doc = run(nlp, text[start:end])
        units += [u.shifted(start) for u in doc.user_data[UNITS]] if start else doc.user_data[UNITS]
        matches += [Match(m.key, m.start + start, m.end + start) for m in doc.user_data[MATCHES]]
        if SCORES in doc.user_data:
            scores = (scores or []) + doc.user_data[SCORES]
    return Analysed(units, matches, scores)


@Language.factory("signoff_segmenter")
def make_segmenter(nlp: Language, name: str):
    def segmenter(doc: Doc) -> Doc:
        doc.user_data[UNITS] = segment(text_of(doc))
        return doc

    return segmenter


class ClauseRules:
    """Matches every term and rule of the library in one pass; rules are data, not code.

    Each pattern is compiled into steps, one per token (see `compile_pattern`); runs of
    adjacent plain words become one phrase step. The words the library uses are found by
    the hash of their lower-case form, prefixes by a PhraseMatcher on NORM ("terminat*": a
    word's NORM is set, once per word in the vocabulary, to the longest prefix it starts
    with), numbers by LIKE_NUM. The steps are then chained within their gaps. All lookups
    are hashes: a 50 KB contract takes a few milliseconds, where Matcher wildcards with
    repeat counts take seconds.
    """

    def __init__(self, nlp: Language, library: Library):
        self.vocab = nlp.vocab
        self.stems = PhraseMatcher(nlp.vocab, attr="NORM")
        self.raw = Matcher(nlp.vocab, validate=True)
        # (key, steps, the words each required step may be): a pattern whose required word is
        # missing from a document is skipped without following it
        self.chains: list[tuple[str, list[Step], list[tuple[str, ...]]]] = []
        self.phrases: dict[str, list[str]] = {}  # "P:in no event" -> ["L:in", "L:no", "L:event"]
        self.places = library.places
        for name, term in library.terms.items():
            self._add(nlp, f"T:{name}", term.patterns)
        for rule in library.rules:
            self._add(nlp, f"R:{rule.id}", rule.patterns)
        keys = {k for _, steps, _ in self.chains for st in steps for k in st.keys if not k.startswith("P:")}
        self.classes = {k for k in keys if k.startswith("C:")}
        keys |= {w for parts in self.phrases.values() for w in parts}
        self.prefixes = sorted(
            (k[2 + len(PREFIX_NORM) :] for k in keys if k.startswith("N:")), key=len, reverse=True
        )
        # the prefixes by their first (up to) three letters, longest first: a word is tried
        # against a handful, not all of them
        self._by_head: dict[str, list[str]] = {}
        for p in self.prefixes:
            self._by_head.setdefault(p[:3], []).append(p)
        self._short_prefixes = any(len(p) < 3 for p in self.prefixes)
        # a word tagged with its longest prefix also counts for every shorter registered prefix
        self.expand = {
            p: [f"N:{PREFIX_NORM}{q}" for q in self.prefixes if p.startswith(q)] for p in self.prefixes
        }
        # every plain word of the library is one token (compile_pattern splits longer ones into
        # steps), so its occurrences are looked up by the hash of its lower-case form
        self.word_keys: dict[int, str] = {}
        for k in sorted(keys):
            if k.startswith("L:"):
                [token] = nlp.make_doc(k[2:])
                self.word_keys[token.lower] = k
            elif k.startswith("N:"):
                self.stems.add(k, [Doc(nlp.vocab, words=[k[2:]])])
        self._word_ids = numpy.array(sorted(self.word_keys), dtype="uint64")
        self._tagged: set[int] = set()

    def _add(self, nlp: Language, key: str, patterns) -> None:
        for i, pattern in enumerate(patterns):
            raw_id = f"M:{key}:{i}"
            if isinstance(pattern, list):
                self.raw.add(raw_id, _first_token_exact(pattern))
            try:
                steps = self._phrases_of(compile_pattern(pattern, nlp.tokenizer, raw_id))
                required = [st.keys for st in steps if not st.optional and not st.negated]
                self.chains.append((key, steps, required))
            except DataFileError as e:
                what = "term" if key.startswith("T:") else "rule"
                place = self.places.get(f"{key}:{i}", "clause library")
                raise DataFileError(f"{place}: {what} {key[2:]!r}: {e.message}") from None

    def _phrases_of(self, steps: list[Step]) -> list[Step]:
        """Runs of adjacent plain words ("in no event") as one step each, looked up once per
        document as a phrase: a pattern that starts with "in" would otherwise be followed from
        every "in" of the contract."""
        out: list[Step] = []
        run: list[Step] = []

        def close() -> None:
            if len(run) > 1:
                key = "P:" + " ".join(st.keys[0][2:] for st in run)
                self.phrases[key] = [st.keys[0] for st in run]
                out.append(Step((key,), run[0].gap))
            else:
                out.extend(run)
            run.clear()

        for st in steps:
            plain = len(st.keys) == 1 and st.keys[0].startswith("L:") and not st.optional and not st.negated
            if plain and (not run or st.gap == 0):
                run.append(st)
                continue
            close()
            if plain:
                run.append(st)
            else:
                out.append(st)
        close()
        return out

    def _tag_prefixes(self, orths) -> None:
        for orth in orths:
            if orth in self._tagged:
                continue
            self._tagged.add(orth)
            lex = self.vocab[orth]
            low = lex.lower_
            heads = (low[:3], low[:2], low[:1]) if self._short_prefixes else (low[:3],)
            for p in sorted((p for h in heads for p in self._by_head.get(h, ())), key=len, reverse=True):
                if low.startswith(p):
                    lex.norm_ = PREFIX_NORM + p
                    break

    def __call__(self, doc: Doc) -> Doc:
        arr = doc.to_array([ORTH, IDX, LENGTH, IS_SPACE, LIKE_NUM, LOWER])
        self._tag_prefixes(int(o) for o in numpy.unique(arr[:, 0]))
        # positions count words only: a line break inside "consistent\nwith" is no gap
        words = arr[arr[:, 3] == 0]
        word_at = (numpy.cumsum(arr[:, 3] == 0) - 1).tolist()
        starts, ends = words[:, 1].tolist(), (words[:, 1] + words[:, 2]).tolist()
        strings = self.vocab.strings
        found: dict[str, list[tuple[int, int]]] = {}
        lower = words[:, 5]
        at = numpy.flatnonzero(numpy.isin(lower, self._word_ids))
        if len(at):
            order = numpy.argsort(lower[at], kind="stable")
            ids, first = numpy.unique(lower[at][order], return_index=True)
            for word_id, group in zip(ids.tolist(), numpy.split(at[order], first[1:]), strict=True):
                found[self.word_keys[word_id]] = [(p, p + 1) for p in group.tolist()]
        for key_id, s, e in self.stems(doc):
            for k in self.expand[strings[key_id][2 + len(PREFIX_NORM) :]]:
                found.setdefault(k, []).append((word_at[s], word_at[e - 1] + 1))
        if len(self.raw):
            for key_id, s, e in self.raw(doc):
                found.setdefault(strings[key_id], []).append((word_at[s], word_at[e - 1] + 1))
        if "C:num" in self.classes:
            found["C:num"] = [(i, i + 1) for i in numpy.flatnonzero(words[:, 4]).tolist()]
        for occ in found.values():
            occ.sort()
        _find_phrases(found, self.phrases)
        out = set()
        words = _Words(found, len(starts))
        for key, steps, required in self.chains:
            if not all(any(k in found for k in keys) for keys in required):
                continue  # a word the pattern needs is nowhere in the document
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


def _find_phrases(found: dict[str, list[tuple[int, int]]], phrases: dict[str, list[str]]) -> None:
    """Add to `found` where each phrase occurs: its words at consecutive word positions."""
    starts: dict[str, set[int]] = {}
    for key, parts in phrases.items():
        if not all(p in found for p in parts):
            continue
        # start from the phrase's rarest word ("event" in "in no event"), then check the others
        j = min(range(len(parts)), key=lambda i: len(found[parts[i]]))
        others = [(i, p) for i, p in enumerate(parts) if i != j]
        for _, p in others:
            if p not in starts:
                starts[p] = {s for s, _ in found[p]}
        n = len(parts)
        occ = [
            (s - j, s - j + n)
            for s, _ in found[parts[j]]
            if all(s - j + i in starts[p] for i, p in others)
        ]
        if occ:
            found[key] = occ


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
            starts = doc.to_array(IDX).tolist() if len(doc) else []
            spans = [
                (bisect.bisect_left(starts, u.body_start), bisect.bisect_left(starts, u.end))
                for u in doc.user_data[UNITS]
            ]
            doc.user_data[SCORES] = classifier.score_spans(doc.to_array([LOWER, IS_SPACE]), spans)
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
