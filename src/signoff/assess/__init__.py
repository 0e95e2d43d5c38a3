"""Launch assessment: checklist, playbook, workspace, risk tier, gaps and launch status.

The public API the CLI, the TUI and the sign-off report call. Nothing here imports Textual.
"""

from signoff.assess.answers import AnswerError, Evidence, Person, parse_answer
from signoff.assess.assessment import Acceptance, Answer, Assessment, ContractRecord, TierOverride
from signoff.assess.checklist import Checklist, Item, Section, TierDerivation, TierReason, load_checklist
from signoff.assess.engine import (
    Evaluation,
    Gap,
    GapAcceptance,
    ItemStatus,
    SectionStatus,
    accept_gap,
    acceptance_problem,
    evaluate,
    evaluate_assessment,
)
from signoff.assess.journal import Journal, JournalEntry
from signoff.assess.lock import ConflictError
from signoff.assess.playbook import Condition, Playbook, Position, Verdict, load_playbook
from signoff.assess.review import ClauseReview, ContractReview, FamilyReview, review_contracts
from signoff.assess.tiers import SEVERITIES, TIERS, Severity, Tier, tier_rank
from signoff.assess.workspace import Workspace

__all__ = [
    "SEVERITIES",
    "TIERS",
    "Acceptance",
    "Answer",
    "AnswerError",
    "Assessment",
    "Checklist",
    "ClauseReview",
    "Condition",
    "ConflictError",
    "ContractRecord",
    "ContractReview",
    "Evaluation",
    "Evidence",
    "FamilyReview",
    "Gap",
    "GapAcceptance",
    "Item",
    "ItemStatus",
    "Journal",
    "JournalEntry",
    "Person",
    "Playbook",
    "Position",
    "Section",
    "SectionStatus",
    "Severity",
    "Tier",
    "TierDerivation",
    "TierOverride",
    "TierReason",
    "Verdict",
    "Workspace",
    "accept_gap",
    "acceptance_problem",
    "evaluate",
    "evaluate_assessment",
    "load_checklist",
    "load_playbook",
    "parse_answer",
    "review_contracts",
    "tier_rank",
]
