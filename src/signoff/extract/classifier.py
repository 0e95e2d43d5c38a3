"""The learned second opinion: a clause classifier over the segmenter's units.

A spaCy `textcat_multilabel` (bag of words and word pairs) trained by `make train`
(benchmarks/train.py) from our own labelled data and shipped in the wheel (`model/`);
nothing is downloaded.

A unit's features are the lower-case forms of its tokens, Markdown markup left out, and
their pairs. The model is trained on documents whose words are exactly those forms, so at
run time the features can be read straight off the document the rules already tokenized
(its LOWER ids are the same string hashes): the units are scored without a second
tokenization or a spaCy Doc per unit, which took longer than the rest of the analysis.
"""

from __future__ import annotations

from pathlib import Path

import numpy
from spacy.attrs import IS_SPACE, LOWER
from spacy.strings import hash_string

MODEL_DIR = Path(__file__).resolve().parent / "model"
# Markdown that a PDF or DOCX of the same contract would not show
MARKUP = frozenset(["*", "**", "***", "#", "##", "###", "_", "__", "`", ">", "|", "\\", "-", "--"])
_SKIP = numpy.array(sorted(hash_string(m) for m in MARKUP), dtype="uint64")


def unit_words(tokens) -> list[str]:
    """The words a unit is classified by (the same at training and at run time)."""
    return [t.lower_ for t in tokens if not t.is_space and t.lower_ not in MARKUP]


class ClauseClassifier:
    """Scores units for every clause id; `available` is False when no model is installed."""

    def __init__(self, model_dir: Path = MODEL_DIR):
        self.nlp = None
        if (Path(model_dir) / "config.cfg").is_file():
            import spacy

            self.nlp = spacy.load(model_dir)
            textcat = self.nlp.get_pipe("textcat_multilabel")
            self.labels = list(textcat.labels)
            self._linear = next(layer for layer in textcat.model.walk() if layer.name == "sparse_linear")
            self._ngram_size = next(
                layer.attrs["ngram_size"] for layer in textcat.model.walk() if layer.name == "extract_ngrams"
            )

    @property
    def available(self) -> bool:
        return self.nlp is not None

    def scores(self, texts: list[str]) -> list[dict[str, float]]:
        """The probability of each clause id for each text, in order (tokenizing each text)."""
        if self.nlp is None:
            return [{} for _ in texts]
        docs = [self.nlp.make_doc(t) for t in texts]
        return [self.score_spans(d.to_array([LOWER, IS_SPACE]), [(0, len(d))])[0] for d in docs]

    def score_spans(self, lower_space: numpy.ndarray, spans: list[tuple[int, int]]) -> list[dict[str, float]]:
        """Scores of the token spans [start, end) of a document, from its LOWER and IS_SPACE
        columns (`Doc.to_array([LOWER, IS_SPACE])`)."""
        if self.nlp is None or lower_space.ndim != 2:
            return [{} for _ in spans]  # no model, or a document with no tokens
        ops = self._linear.ops
        words = lower_space[lower_space[:, 1] == 0, 0]
        kept = ~numpy.isin(words, _SKIP)
        # token index -> position among the kept words, to cut each span out of `words`
        at = numpy.concatenate([[0], numpy.cumsum(lower_space[:, 1] == 0)])
        keys, vals, lengths = [], [], []
        for s, e in spans:
            unigrams = words[at[s] : at[e]][kept[at[s] : at[e]]]
            if len(unigrams) < 2:
                continue  # a word pair needs two words; a shorter unit is a heading or a number
            grams = [unigrams] + [ops.ngrams(n, unigrams) for n in range(2, self._ngram_size + 1)]
            k, v = numpy.unique(numpy.concatenate(grams), return_counts=True)
            keys.append(k)
            vals.append(v)
            lengths.append(len(k))
        out: list[dict[str, float]] = [{} for _ in spans]
        if not keys:
            return out
        x = (
            numpy.concatenate(keys),
            numpy.concatenate(vals).astype("f"),
            numpy.asarray(lengths, dtype="int32"),
        )
        probs = 0.5 * (1.0 + numpy.tanh(0.5 * self._linear.predict(x)))  # the logistic, without overflow
        rows = iter(probs.tolist())
        for i, (s, e) in enumerate(spans):
            n = int(numpy.count_nonzero(kept[at[s] : at[e]]))
            if n >= 2:
                out[i] = dict(zip(self.labels, next(rows), strict=True))
        return out
