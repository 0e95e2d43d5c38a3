"""Evaluation of contract extraction against labelled contracts.

Two scorers, each with the definitions of its reference script in `../shared/tools/`:
`score_cuad` (CUAD labels: per-category document and span scores) and `score_gold`
(hand-made gold findings: recall, values, absent clauses, pages on DOCX/PDF twins).
Both take prediction records, the objects `signoff analyze --format jsonl` prints.
"""

from signoff.evaluate.common import read_predictions, write_predictions
from signoff.evaluate.cuad import CUAD_MAP, CuadResult, read_labels, score_cuad
from signoff.evaluate.gold import GoldResult, read_gold, score_gold
from signoff.evaluate.runner import predict

__all__ = [
    "CUAD_MAP",
    "CuadResult",
    "GoldResult",
    "predict",
    "read_gold",
    "read_labels",
    "read_predictions",
    "score_cuad",
    "score_gold",
    "write_predictions",
]
