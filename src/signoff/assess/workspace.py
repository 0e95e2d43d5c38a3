"""A deployment's assessment on disk: answers, contracts, acceptances, and the journal.

Layout of a workspace folder:
    assessment.yaml   answers and decisions, human-readable and diffable
    contracts/        added contract files and their Analysis JSON
    journal.jsonl     append-only, hash-chained record of every change
    journal.head      how many entries were written, and the last one's hash
    out/              generated documents
    .signoff.lock     the writers' lock (see `lock`)
    journal.unfinished  journal lines a crash left unfinished, set aside (only after such a crash)

Every change goes through `_mutate`: take the lock, re-read the file, refuse when
another writer changed the same thing since we read it (merge otherwise), then save
(`storage.save`: journal first, the file renamed into place after). Nothing typed is
silently overwritten, and a crash at any point is finished by the next command
(`storage.recover`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from signoff.assess import integrity
from signoff.assess.answers import AnswerError, parse_answer, parse_evidence, person_name_problem
from signoff.assess.assessment import (
    Acceptance,
    Answer,
    Assessment,
    ContractRecord,
    FindingReview,
    TierOverride,
    dump,
    read,
)
from signoff.assess.checklist import Checklist, load_checklist
from signoff.assess.journal import Journal, JournalEntry
from signoff.assess.lock import ConflictError
from signoff.assess.playbook import Playbook, load_playbook
from signoff.assess.storage import (
    ASSESSMENT_FILE,
    JOURNAL_FILE,
    SHA_KEY,
    SaveUnfinished,
    disk_stamp,
    file_sha,
    recover_for_reading,
    refuse_existing_workspace,
    save,
    writing,
)
from signoff.assess.tiers import Tier, tier_rank
from signoff.clock import now
from signoff.clock import today as clock_today
from signoff.errors import DataFileError, InputFileError, SignoffError
from signoff.models import Analysis
from signoff.wording import tier_text
from signoff.yamlio import atomic_write_text

OUTSIDE_ACTOR = "(outside signoff)"


class Workspace:
    """One deployment's workspace folder. Create with `init`, open with `open`."""

    def __init__(self, dir: Path, assessment: Assessment, stamp: tuple[int, int, int] | None = None):
        self.dir = Path(dir)
        self.assessment = assessment
        self.journal = Journal(self.dir / JOURNAL_FILE)
        # The file's identity when `assessment` was read; taken before reading, so a write that
        # lands in between shows up as a change instead of being overwritten later.
        self._stamp = stamp
        self._checklist: Checklist | None = None
        self._playbook: Playbook | None = None

    @property
    def path(self) -> Path:
        return self.dir / ASSESSMENT_FILE

    @classmethod
    def init(
        cls, dir: Path, name: str, actor: str, checklist: Path | None = None, playbook: Path | None = None
    ) -> Workspace:
        """Create a workspace in `dir` (created when missing; refused when it already holds one)."""
        dir = Path(dir)
        refuse_existing_workspace(dir)
        if dir.exists() and not dir.is_dir():
            raise SignoffError(f"{dir} is a file; give a folder for the workspace")
        if not name.strip():
            raise SignoffError("give the deployment a name, e.g. 'Acme support assistant'", field="name")
        # Validate company data files before creating anything, so a typo leaves no half workspace.
        refs = {
            k: _data_ref(Path(p), dir) if p else None
            for k, p in (("checklist", checklist), ("playbook", playbook))
        }
        if checklist:
            load_checklist(Path(checklist))
        if playbook:
            load_playbook(Path(playbook))
        for sub in ("contracts", "out"):
            (dir / sub).mkdir(parents=True, exist_ok=True)
        created = now()
        assessment = Assessment(
            deployment=name.strip(), created_at=created, updated_at=created, revision=1, **refs
        )
        ws = cls(dir, assessment)
        with ws.transaction():
            refuse_existing_workspace(dir)  # again: another init, or a crashed one now finished
            data = {"deployment": assessment.deployment, "revision": 1, **refs}
            save(ws.dir, ws.journal, actor, "init", data, dump(assessment))
        ws._stamp = ws._disk_stamp()
        return ws

    @classmethod
    def open(cls, dir: Path) -> Workspace:
        """Open an existing workspace; SignoffError when `dir` is not one or its files are invalid."""
        dir = Path(dir)
        recover_for_reading(dir)
        if not (dir / ASSESSMENT_FILE).is_file():
            raise SignoffError(
                f"{dir} is not a signoff workspace (no {ASSESSMENT_FILE}); "
                f"create one with `signoff init {dir}`"
            )
        stamp = disk_stamp(dir / ASSESSMENT_FILE)
        return cls(dir, read(dir / ASSESSMENT_FILE), stamp)

    def reload(self) -> None:
        """Re-read assessment.yaml (after `changed_on_disk()`), dropping cached checklist and playbook."""
        stamp = self._disk_stamp()
        self.assessment = read(self.path)
        self._stamp = stamp
        self._checklist = self._playbook = None

    def changed_on_disk(self) -> bool:
        """True when another process wrote assessment.yaml since this object last read or wrote it."""
        return self._disk_stamp() != self._stamp

    def _disk_stamp(self) -> tuple[int, int, int] | None:
        return disk_stamp(self.path)

    def checklist(self) -> Checklist:
        """The checklist this workspace uses (its own when assessment.yaml names one)."""
        if self._checklist is None:
            self._checklist = load_checklist(self._data_path(self.assessment.checklist))
        return self._checklist

    def playbook(self) -> Playbook:
        if self._playbook is None:
            self._playbook = load_playbook(self._data_path(self.assessment.playbook))
        return self._playbook

    def _data_path(self, ref: str | None) -> Path | None:
        return None if ref is None else (self.dir / ref if not Path(ref).is_absolute() else Path(ref))

    # --- changes -------------------------------------------------------------------------------

    def answer(
        self, item_id: str, value: Any, actor: str, evidence: str | None = None, today: date | None = None
    ) -> Answer:
        """Validate and save one answer; AnswerError (nothing saved) when it does not fit the item.

        `evidence` attaches a file or URL; None keeps the evidence already attached to the item (a
        changed answer stays backed by it), and "" removes it.
        """
        item = self.checklist().item(item_id)
        today = today or clock_today()
        stored, proof = parse_answer(item, value, self.dir, today)
        saved = self.assessment.answers.get(item_id)
        if evidence:
            proof = parse_evidence(item, evidence, self.dir)
        elif evidence is None and proof is None and saved is not None:
            proof = saved.evidence
        answer = Answer(value=stored, answered_by=actor, answered_at=now(), evidence=proof)

        def apply(a: Assessment) -> None:
            a.answers[item_id] = answer

        data = {"item": item_id, "value": stored, "evidence": proof.model_dump() if proof else None}
        self._mutate(actor, "answer", data, lambda a: a.answers.get(item_id), apply)
        return answer

    def set_tier(
        self, tier: Tier, actor: str, reason: str | None = None, approver: str | None = None
    ) -> TierOverride:
        """Set the tier by hand. Raising is free; lowering needs a recorded reason and approver."""
        derived = self.checklist().derive_tier(self.answer_values()).tier
        lowering = tier_rank(tier) < tier_rank(derived)
        if lowering and not (reason and reason.strip() and approver and approver.strip()):
            raise AnswerError(
                f"the {tier_text(tier)} tier is below the derived tier {tier_text(derived)}; "
                "lowering it needs a reason and the person who approves it",
                field="reason" if not (reason and reason.strip()) else "approver",
            )
        if lowering and (problem := person_name_problem(approver or "")):
            raise AnswerError(
                f"approver {problem}; name the one person who approves the lower tier", field="approver"
            )
        override = TierOverride(
            tier=tier, reason=reason, approver=approver, derived_tier=derived, set_by=actor, set_at=now()
        )

        def apply(a: Assessment) -> None:
            a.tier_override = override

        self._mutate(
            actor,
            "set_tier",
            override.model_dump(mode="json", exclude={"set_by", "set_at"}),
            lambda a: a.tier_override,
            apply,
        )
        return override

    def record_acceptance(
        self, gap_id: str, approver: str, reason: str, until: date, actor: str
    ) -> Acceptance:
        """Record an acceptance as given. The rules (which gaps may be accepted, by whom, until when)
        are `signoff.assess.accept_gap`'s, which checks them and then calls this."""
        acceptance = Acceptance(
            approver=approver.strip(),
            reason=reason.strip(),
            until=until,
            accepted_by=actor,
            accepted_at=now(),
        )

        def apply(a: Assessment) -> None:
            a.acceptances[gap_id] = acceptance

        self._mutate(
            actor,
            "accept_gap",
            {"gap": gap_id, **acceptance.model_dump(mode="json", include={"approver", "reason", "until"})},
            lambda a: a.acceptances.get(gap_id),
            apply,
        )
        return acceptance

    def record_review(self, fid: str, review: FindingReview, actor: str) -> None:
        """Record legal's review of finding `fid` as given; `signoff.assess.legal` checks it first."""

        def apply(a: Assessment) -> None:
            a.reviews[fid] = review

        data = {
            "finding": fid,
            **review.model_dump(mode="json", include={"action", "values", "reviewer", "reason"}),
        }
        self._mutate(actor, "review_finding", data, lambda a: a.reviews.get(fid), apply)

    def add_contract(
        self,
        path: Path,
        actor: str,
        vendor: str | None = None,
        analysis: Analysis | None = None,
        replaces: ContractRecord | None = None,
        carry: Callable[[Analysis], dict[str, FindingReview]] | None = None,
    ) -> ContractRecord:
        """Copy a contract into contracts/, analyse it (or store the given Analysis), and record it.

        `replaces`: an earlier version of these terms, taken out in the same step; `carry` gives the
        reviews of its findings re-keyed to the new analysis (`versions.carry_reviews`)."""
        from signoff.ingest import max_bytes_from_env
        from signoff.ingest.checks import read_checked

        path = Path(path)
        if not path.exists() and not path.is_symlink():
            raise InputFileError(f"{path}: contract file not found")
        # the ingestion checks before anything is copied: a FIFO, a device or a link out of the
        # file's folder (to /etc/passwd) never lands in the workspace
        raw, _ = read_checked(path, str(path), max_bytes_from_env())
        digest = hashlib.sha256(raw).hexdigest()
        dest = self.dir / "contracts" / path.name
        existing = next((c for c in self.assessment.contracts if c.file == f"contracts/{path.name}"), None)
        if existing and existing.sha256 != digest and existing != replaces:
            raise InputFileError(
                f"{path}: a different contract named {path.name} is already in the workspace; rename the file"
            )
        if dest.resolve() != path.resolve():
            # the bytes that passed the checks, not a second read of a file that may have changed
            tmp = dest.with_name(f".{dest.name}.tmp")
            tmp.write_bytes(raw)
            os.replace(tmp, dest)
        if analysis is None:
            analysis = _analyze(dest, vendor)
        # Cite the workspace copy by its place in the workspace, so citations survive a move.
        analysis = analysis.model_copy(deep=True)
        analysis.document.path = f"contracts/{dest.name}"
        analysis_file = dest.with_name(dest.name + ".analysis.json")
        atomic_write_text(analysis_file, analysis.model_dump_json(indent=2) + "\n")
        record = ContractRecord(
            file=f"contracts/{dest.name}",
            sha256=digest,
            added_at=now(),
            added_by=actor,
            vendor=vendor or analysis.vendor,
            analysis=f"contracts/{analysis_file.name}",
            replaces=replaces.file if replaces else None,
        )
        carried = carry(analysis) if carry else {}
        gone = {record.file, replaces.file if replaces else record.file}

        def apply(a: Assessment) -> None:
            a.contracts = [c for c in a.contracts if c.file not in gone] + [record]
            if replaces:
                a.reviews = {k: r for k, r in a.reviews.items() if r.document not in gone} | carried

        data = {"file": record.file, "sha256": digest, "findings": len(analysis.findings)}
        if replaces:
            data |= {
                "replaces": replaces.file,
                "replaced_sha256": replaces.sha256,
                "reviews_carried": len(carried),
            }
        self._mutate(actor, "replace_contract" if replaces else "add_contract", data, lambda a: None, apply)
        return record

    def remove_contract(self, file: str, reason: str, actor: str) -> None:
        """Take a contract out of the assessment; its file and the journal keep the history."""
        record = next(c for c in self.assessment.contracts if c.file == file)

        def apply(a: Assessment) -> None:
            a.contracts = [c for c in a.contracts if c.file != file]
            a.reviews = {k: r for k, r in a.reviews.items() if r.document != file}

        data = {"file": file, "sha256": record.sha256, "reason": reason}
        self._mutate(actor, "remove_contract", data, lambda a: None, apply)

    def set_vendor(self, file: str, vendor: str, actor: str) -> ContractRecord:
        """Name (or correct) the vendor of an added contract."""
        record = next(c for c in self.assessment.contracts if c.file == file).model_copy(
            update={"vendor": vendor}
        )

        def apply(a: Assessment) -> None:
            a.contracts = [record if c.file == file else c for c in a.contracts]

        self._mutate(actor, "set_vendor", {"file": file, "vendor": vendor}, lambda a: None, apply)
        return record

    def analyses(self) -> list[Analysis]:
        """The stored Analysis of every added contract, in the order they were added."""
        out = []
        for record in self.assessment.contracts:
            path = self.dir / record.analysis
            try:
                analysis = Analysis.model_validate_json(path.read_bytes())
            except FileNotFoundError:
                raise DataFileError(
                    f"{path}: analysis missing; add the contract again with "
                    f"`signoff add-contract {self.dir} {self.dir / record.file}`"
                ) from None
            except ValidationError as e:
                raise DataFileError(
                    f"{path}: not a valid analysis ({e.error_count()} errors); "
                    f"add the contract again to re-analyse it"
                ) from None
            # The vendor named by --vendor (or corrected since) wins over the analysis's guess.
            out.append(analysis.model_copy(update={"vendor": record.vendor or analysis.vendor}))
        return out

    def record(self, actor: str, action: str, data: dict[str, Any]) -> JournalEntry:
        """Journal an event that changes no answer (e.g. a sign-off approval), under the workspace lock."""
        with self.transaction():
            return self.journal.append(actor, action, data)

    def evidence_problems(self) -> dict[str, str]:
        """Item id -> what is wrong with its evidence file (missing, or changed since it was attached)."""
        return integrity.evidence_problems(self.assessment.answers, self.dir)

    def outside_edit(self) -> str | None:
        """Why assessment.yaml differs from what signoff last wrote (a hand edit), else None."""
        return integrity.outside_edit(self.path, self.journal)

    def verify(self, signers: Path | None = None) -> list[str]:
        """Journal problems, a hand edit of assessment.yaml, unsigned decisions; empty: intact."""
        return integrity.verify(self.path, self.journal, signers)

    def answer_values(self) -> dict[str, Any]:
        return {k: a.value for k, a in self.assessment.answers.items()}

    def _mutate(
        self,
        actor: str,
        action: str,
        data: dict[str, Any],
        key: Callable[[Assessment], Any],
        apply: Callable[[Assessment], None],
    ) -> None:
        with self.transaction():
            # Re-read only when another writer replaced the file since we last read or wrote it.
            disk = read(self.path) if self.changed_on_disk() else self.assessment
            if self.outside_edit():
                # Keep the evidence of a hand edit before building on it.
                sha = file_sha(self.path)
                self.journal.append(OUTSIDE_ACTOR, "outside_edit", {"revision": disk.revision, SHA_KEY: sha})
            if disk.revision != self.assessment.revision and _as_json(key(disk)) != _as_json(
                key(self.assessment)
            ):
                self.assessment = disk
                self._stamp = self._disk_stamp()
                raise ConflictError(
                    f"{self.path}: someone else changed this since you opened it (revision {disk.revision}); "
                    f"your change was not saved: review theirs and try again"
                )
            new = disk.model_copy(deep=True)
            apply(new)
            new.revision = disk.revision + 1
            new.updated_at = now()
            try:
                save(self.dir, self.journal, actor, action, {**data, "revision": new.revision}, dump(new))
            except SaveUnfinished:
                # Saved all the same: the next command finishes it, and this one must not see a conflict.
                self.assessment, self._stamp = new, None
                raise
            self.assessment = new
            self._stamp = self._disk_stamp()

    def transaction(self) -> AbstractContextManager[None]:
        """Hold the workspace lock, a crashed writer's save finished first: for a writer outside this
        class (a sign-off decision) that reads the workspace and journals a change as one step."""
        return writing(self.dir, self.journal)


def _data_ref(path: Path, workspace: Path) -> str:
    """Relative to the workspace when inside it (the folder can move), else absolute."""
    try:
        return path.resolve().relative_to(workspace.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def _as_json(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


def _analyze(path: Path, vendor: str | None) -> Analysis:
    try:
        from signoff.extract import analyze_file
    except ImportError:
        raise SignoffError("contract extraction is not available in this build of signoff") from None
    return analyze_file(path, vendor=vendor)
