"""The learned second opinion: a clause classifier over the segmenter's units.

A spaCy `textcat_multilabel` trained by `make train` (benchmarks/train.py) from our own
labelled data and shipped in the wheel (`model/`); nothing is downloaded. It has its own
vocabulary: the rule matcher rewrites the NORM of the words it knows, which must not leak
into the classifier's features.
"""

from __future__ import annotations

import re
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent / "model"

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|\\]+")


def unit_text(text: str) -> str:
    """A unit as the classifier reads it: Markdown links as their text, no markup, lower case,
    one space between words (the same at training and at run time)."""
    return " ".join(_MARKUP.sub(" ", _LINK.sub(r"\1", text)).lower().split())


class ClauseClassifier:
    """Scores units for every clause id; `available` is False when no model is installed."""

    def __init__(self, model_dir: Path = MODEL_DIR):
        self.nlp = None
        if (Path(model_dir) / "config.cfg").is_file():
            import spacy

            self.nlp = spacy.load(model_dir)

    @property
    def available(self) -> bool:
        return self.nlp is not None

    def scores(self, texts: list[str]) -> list[dict[str, float]]:
        """The probability of each clause id for each text, in order."""
        if self.nlp is None:
            return [{} for _ in texts]
        plain = [unit_text(t) for t in texts]
        # word pairs need two words; a shorter unit is a heading or a number, no clause
        scored = iter(self.nlp.pipe((p for p in plain if len(p.split()) >= 2), batch_size=256))
        return [dict(next(scored).cats) if len(p.split()) >= 2 else {} for p in plain]
