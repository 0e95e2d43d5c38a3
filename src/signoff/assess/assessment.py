"""The contents of assessment.yaml: answers, decisions and contracts, and how they are stored.

Reads use libyaml when present (the file is read after every change by another writer)
and fall back to the line-tracking loader so any error names the file and line.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationError

from signoff.assess.answers import Evidence
from signoff.assess.tiers import Tier
from signoff.errors import DataFileError
from signoff.models import Party, Strict
from signoff.yamlio import load_model

_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FastDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Answer(Strict):
    """One answered checklist item."""

    value: Any = Field(description="canonical value for the item's answer type")
    answered_by: str
    answered_at: datetime
    evidence: Evidence | None = Field(None, description="supporting file (with SHA-256) or URL")


class Acceptance(Strict):
    """A gap knowingly accepted by a named approver until a date."""

    approver: str = Field(description="the person who accepts the risk")
    reason: str
    until: date = Field(description="the acceptance lapses after this day and the gap reopens")
    accepted_by: str = Field(description="who recorded it")
    accepted_at: datetime


class TierOverride(Strict):
    """A tier set by hand. Lowering below the derived tier needs a reason and an approver."""

    tier: Tier
    reason: str | None = None
    approver: str | None = None
    derived_tier: Tier = Field(description="the derived tier when the override was set")
    set_by: str
    set_at: datetime


class ContractRecord(Strict):
    """A vendor contract added to the workspace."""

    file: str = Field(description="path inside the workspace, e.g. 'contracts/acme-msa.pdf'")
    sha256: str
    added_at: datetime
    added_by: str
    vendor: str | None = None
    analysis: str = Field(description="path of its Analysis JSON inside the workspace")
    replaces: str | None = Field(None, description="the earlier version of these terms it replaced")


ReviewAction = Literal["confirm", "dismiss", "set", "add"]


class FindingReview(Strict):
    """Legal's word on one finding: right, false, a corrected value, or a clause the analysis missed."""

    action: ReviewAction
    values: dict[str, Any] = Field(default_factory=dict, description="corrected values (set, add)")
    was: dict[str, Any] = Field(default_factory=dict, description="the analysis's values they replace")
    text: str = Field(description="the finding's quote when reviewed: a changed text asks for another look")
    clause: str = Field(description="clause id of the finding")
    document: str = Field(description="contract file inside the workspace")
    start: int = Field(description="offset of the quote in the document's text")
    end: int
    page: int | None = None
    section: str | None = None
    party: Party | None = Field(None, description="who an added clause binds")
    reviewer: str = Field(description="the person whose review this is")
    reason: str
    reviewed_by: str = Field(description="who recorded it")
    reviewed_at: datetime
    recheck: bool = Field(
        False, description="carried over to a new version of the terms whose text changed: look again"
    )


class Assessment(Strict):
    """Contents of assessment.yaml."""

    schema_version: Literal[1] = Field(1, description="format version of assessment.yaml")
    revision: int = Field(0, ge=0, description="incremented on every save; detects concurrent writers")
    deployment: str = Field(description="name of the AI deployment being assessed")
    checklist: str | None = Field(None, description="path of a company checklist; bundled one when null")
    playbook: str | None = Field(None, description="path of a company playbook; bundled one when null")
    created_at: datetime
    updated_at: datetime
    tier_override: TierOverride | None = None
    answers: dict[str, Answer] = Field(default_factory=dict, description="checklist item id -> answer")
    acceptances: dict[str, Acceptance] = Field(default_factory=dict, description="gap id -> acceptance")
    contracts: list[ContractRecord] = Field(default_factory=list)
    reviews: dict[str, FindingReview] = Field(default_factory=dict, description="finding id -> review")


def dump(assessment: Assessment) -> str:
    data = assessment.model_dump(mode="json")
    return yaml.dump(data, Dumper=_FastDumper, sort_keys=False, allow_unicode=True, width=100)


SCHEMA_VERSION = 1


def read(path: Path) -> Assessment:
    """Parse assessment.yaml; on any problem, re-parse with line tracking so the error names the line."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_FastLoader)
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return _read_naming_the_line(path)
    version = data.get("schema_version") if isinstance(data, dict) else None
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise DataFileError(
            f"{path}: schema_version {version} was written by a newer signoff (this one reads "
            f"{SCHEMA_VERSION}); upgrade signoff"
        )
    try:
        return Assessment.model_validate(data)
    except ValidationError:
        return _read_naming_the_line(path)


def _read_naming_the_line(path: Path) -> Assessment:
    try:
        return load_model(Assessment, path)
    except DataFileError as e:
        raise DataFileError(
            f"{e.message}; correct it by hand or restore {path.name} from a backup "
            f"(journal.jsonl holds every value signoff saved)"
        ) from None
