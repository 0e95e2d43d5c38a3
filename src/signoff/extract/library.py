"""The clause library: clause catalogue and rule files (YAML in `clause_library/`), validated.

One file per clause family (`liability.yaml`, `notice.yaml`, ...). Each holds named
*terms* (reusable signals) and *rules*. A rule has an id, the clause it signals, a
readable literal, and patterns; it fires on a unit of text where one of its
patterns matches, every term in `with` occurs and no term in `without` occurs.

Patterns are spaCy token patterns, written either as raw token dicts or in a
compact string form compiled by `compile_pattern`:

    "limited to"          two tokens, case-insensitive
    "terminat* for convenience"   a trailing * matches any word starting so
    "notify|notice"       alternatives for one token
    "liab* ~8 exceed*"    ~N lets up to N arbitrary tokens sit in between
    "prior?"              a trailing ? makes a token optional
    "!not limited to"     !word is one word that is none of these; leading, it means
                          "not preceded by" ("limited to", but not "not limited to")
    "exceed* #num days"   #num is any number ('30', 'thirty')
    "except for [ \\*"     a backslash makes the next sign itself ("\\*" is an asterisk)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import ConfigDict, Field

from signoff.errors import DataFileError
from signoff.models import Strict
from signoff.resources import data_dir
from signoff.yamlio import line_of, read_yaml, validate

PartyName = Literal["vendor", "customer", "mutual"]
Pattern = str | list[dict[str, Any]]
CATALOGUE_FILE = "clauses.yaml"
LIBRARY_ENV = "SIGNOFF_CLAUSE_LIBRARY"
CLASSIFIER_FILE = "classifier.yaml"
NOT_RULE_FILES = {CATALOGUE_FILE, CLASSIFIER_FILE, "playbook.yaml"}


class _Strict(Strict):
    model_config = ConfigDict(populate_by_name=True)


class FamilyInfo(_Strict):
    """A group of clauses shown together (in the report, the app and `analyze`)."""

    id: str = Field(description="family id, e.g. 'liability'; rule files name it in `family:`")
    title: str = Field(description="what a reader sees, e.g. 'Liability'")


class FieldInfo(_Strict):
    """One value a finding of the clause carries."""

    kind: str = Field(
        description="how it is read: duration_days, duration_hours, duration_months, money, number, "
        "jurisdiction, boolean, choice, choices, phrase, phrases"
    )
    label: str = Field(description="what a reader sees for it, e.g. 'notice window (hours)'")
    choices: dict[str, str] | None = Field(
        default=None, description="for kind choice/choices: each allowed value and the words a reader sees"
    )


class ClauseInfo(_Strict):
    """One clause id of the spec, as legal reads it."""

    id: str = Field(description="clause id from the spec, e.g. 'liability_cap'")
    family: str = Field(description="group shown together in reports: one of `families`")
    title: str = Field(description="short human title, e.g. 'Liability cap'")
    what: str = Field(description="one sentence: what this clause is")
    party: PartyName | None = Field(
        default=None,
        description="fixed party for clauses that always bind the same side (e.g. governing law: mutual)",
    )
    default_party: PartyName | None = Field(
        default=None, description="party assumed when the text names no one (e.g. acceptable use: customer)"
    )
    binds: list[PartyName] | None = Field(
        default=None,
        description="parties the clause can bind; a match binding another party is not this clause",
    )
    normaliser: str | None = Field(
        default=None,
        description="the Python function that reads this clause's values (built-in clauses); without one, "
        "each field is read by its kind",
    )
    fields: dict[str, FieldInfo] = Field(default_factory=dict, description="the values a finding carries")


class Catalogue(_Strict):
    families: list[FamilyInfo] = Field(description="the families, in display order")
    clauses: list[ClauseInfo] = Field(description="every clause id the analyzer reports, in display order")

    def family_titles(self) -> dict[str, str]:
        return {f.id: f.title for f in self.families}


class Term(_Strict):
    """A named signal other rules can require or forbid in the same unit."""

    literal: str = Field(description="readable summary of what the patterns match")
    patterns: list[Pattern] = Field(min_length=1, description="token patterns; any one matching is enough")


class Rule(_Strict):
    """A pattern that signals a clause, with the terms that must or must not accompany it."""

    id: str = Field(description="unique rule id, shown in findings as `rule`")
    clause: str = Field(description="clause id this rule signals")
    literal: str = Field(description="readable example of the wording this rule finds")
    patterns: list[Pattern] = Field(
        min_length=1, description="anchor token patterns; the quote is built around them"
    )
    with_: list[str] = Field(
        default_factory=list, alias="with", description="terms that must all occur in the unit"
    )
    without: list[str] = Field(default_factory=list, description="terms none of which may occur in the unit")
    per_item: bool = Field(
        default=False, description="one finding per sub-clause holding a match (e.g. one per law)"
    )
    each_item: bool = Field(
        default=False,
        description="when the lead-in of a list matches, one finding per listed item, the first with its "
        "lead-in (each prohibited use of 'You may not:' is a provision of its own)",
    )
    confidence: float = Field(
        default=0.8, ge=0.0, le=1.0, description="confidence given to findings of this rule"
    )


class FamilyFile(_Strict):
    family: str = Field(description="clause family this file holds rules for (a family of clauses.yaml)")
    description: str = Field(default="", description="what the rules in this file look for")
    terms: dict[str, Term] = Field(
        default_factory=dict, description="named signals, usable from any family file"
    )
    rules: list[Rule] = Field(default_factory=list)


class ClassifierSettings(_Strict):
    """How the learned second opinion (`make train`) joins the rules: when a unit's score makes a finding."""

    enabled: bool = Field(default=True, description="false: the rules alone decide")
    propose: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="a unit scored at least this for a clause the rules found elsewhere in the document "
        "becomes a finding of that clause",
    )
    absent_override: float = Field(
        default=0.98,
        ge=0.0,
        le=1.0,
        description="a unit scored at least this becomes a finding even of a clause the rules did not find",
    )
    doubt: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="a clause with no finding but a unit scored at least this is not reported absent: "
        "a warning points to the unit instead",
    )


class Library(_Strict):
    catalogue: Catalogue
    terms: dict[str, Term]
    rules: list[Rule]
    classifier: ClassifierSettings = Field(default_factory=ClassifierSettings)
    places: dict[str, str] = Field(
        default_factory=dict,
        description="'file:line' of each pattern, keyed 'T:<term>:<n>' or 'R:<rule id>:<n>', for errors",
    )


def library_folder(override: Path | None = None) -> Path:
    """The clause library folder: `override`, else $SIGNOFF_CLAUSE_LIBRARY, else the bundled one."""
    return Path(override or os.environ.get(LIBRARY_ENV) or data_dir("clause_library")).resolve()


@lru_cache(maxsize=8)
def _catalogue_at(path: Path) -> Catalogue:
    data, lines = read_yaml(path)
    catalogue = validate(Catalogue, data, str(path), lines)
    _check_catalogue(catalogue, f"{path}", lines)
    return catalogue


def load_catalogue(library: Path | None = None) -> Catalogue:
    """The clause catalogue (`clauses.yaml`), checked: every family known, every field of a known
    kind, every named normaliser registered; errors name the file and the line."""
    return _catalogue_at(library_folder(library) / CATALOGUE_FILE)


def _check_catalogue(catalogue: Catalogue, source: str, lines: dict) -> None:
    families = {f.id for f in catalogue.families}
    seen: set[str] = set()
    for i, clause in enumerate(catalogue.clauses):
        for loc, problem in _clause_problems(clause, families, seen):
            where = line_of(lines, ("clauses", i, *loc))
            raise DataFileError(f"{source}:{where}: clause {clause.id!r}: {problem}")
        seen.add(clause.id)


def _clause_problems(clause: ClauseInfo, families: set[str], seen: set[str]) -> Iterator[tuple[tuple, str]]:
    from signoff.extract.clause_values import KINDS, NORMALISERS

    if clause.id in seen:
        yield ("id",), "defined twice"
    if clause.family not in families:
        yield ("family",), f"unknown family {clause.family!r}; families: {', '.join(sorted(families))}"
    if clause.normaliser is not None and clause.normaliser not in NORMALISERS:
        built_in = ", ".join(sorted(NORMALISERS))
        yield ("normaliser",), f"no normaliser {clause.normaliser!r}; built in: {built_in}"
    for name, field in clause.fields.items():
        if field.kind not in KINDS:
            kinds = ", ".join(KINDS)
            yield ("fields", name, "kind"), f"field {name!r}: unknown kind {field.kind!r}; kinds: {kinds}"
        elif field.kind in ("choice", "choices") and not field.choices:
            yield ("fields", name), f"field {name!r}: a {field.kind} field lists its choices"
        elif clause.normaliser is None and KINDS[field.kind] is None:
            readable = ", ".join(k for k, read in KINDS.items() if read)
            yield (
                ("fields", name, "kind"),
                (
                    f"field {name!r}: a {field.kind} field is read only by a clause's normaliser; "
                    f"a clause without one uses the kinds {readable}"
                ),
            )


@lru_cache(maxsize=8)
def load_library(library_dir: Path) -> Library:
    """Read and cross-check every rule file; errors name the file, line and field."""
    catalogue = load_catalogue(library_dir)
    clause_ids = {c.id for c in catalogue.clauses}
    terms: dict[str, Term] = {}
    rules: list[Rule] = []
    where: dict[str, str] = {}
    places: dict[str, str] = {}
    files = sorted(p for p in Path(library_dir).glob("*.yaml") if p.name not in NOT_RULE_FILES)
    if not files:
        raise DataFileError(f"{library_dir}: no rule files (*.yaml) found; restore the clause_library folder")
    parsed = []
    for path in files:
        data, lines = read_yaml(path)
        fam = validate(FamilyFile, data, str(path), lines)
        parsed.append((path, fam, lines))
        for name, term in fam.terms.items():
            if name in terms:
                raise DataFileError(f"{path}: term {name!r} is already defined in {where['T' + name]}")
            terms[name] = term
            where["T" + name] = str(path)
            for n in range(len(term.patterns)):
                places[f"T:{name}:{n}"] = f"{path}:{line_of(lines, ('terms', name, 'patterns', n))}"
    families = {f.id for f in catalogue.families}
    for path, fam, lines in parsed:
        if fam.family not in families:
            raise DataFileError(
                f"{path}:{line_of(lines, ('family',))}: unknown family {fam.family!r}; "
                f"families of {CATALOGUE_FILE}: {', '.join(sorted(families))}"
            )
        for i, rule in enumerate(fam.rules):
            at = f"{path}:{line_of(lines, ('rules', i))}: rule {rule.id!r}"
            if rule.id in where:
                raise DataFileError(f"{at}: id already used in {where[rule.id]}")
            where[rule.id] = str(path)
            if rule.clause not in clause_ids:
                raise DataFileError(f"{at}: unknown clause {rule.clause!r}; see {CATALOGUE_FILE}")
            for name in (*rule.with_, *rule.without):
                if name not in terms:
                    raise DataFileError(f"{at}: unknown term {name!r}; define it under terms:")
            rules.append(rule)
            for n in range(len(rule.patterns)):
                places[f"R:{rule.id}:{n}"] = f"{path}:{line_of(lines, ('rules', i, 'patterns', n))}"
    return Library(
        catalogue=catalogue, terms=terms, rules=rules, places=places, classifier=_classifier(library_dir)
    )


def _classifier(library_dir: Path) -> ClassifierSettings:
    path = Path(library_dir) / CLASSIFIER_FILE
    if not path.is_file():
        return ClassifierSettings()
    data, lines = read_yaml(path)
    return validate(ClassifierSettings, data, str(path), lines)


_GAP = re.compile(r"~(\d{1,2})")
# words that stand for a kind of token, found from the document's token attributes
TOKEN_CLASSES = {"#num": "a number, in figures or words ('30', 'thirty')"}
PREFIX_NORM = "~"  # NORM of a word that starts with a registered prefix: "~" + the longest such prefix


@dataclass(frozen=True)
class Step:
    """One token of a compiled pattern: any of `keys` ("L:word", "N:~prefix" or a raw-pattern id),
    at most `gap` tokens after the previous step, skippable when `optional`; when `negated`, one
    word that is none of `keys` (first in a pattern: the word before the match is none of them)."""

    keys: tuple[str, ...]
    gap: int = 0
    optional: bool = False
    negated: bool = False


def _word_key(word: str) -> str:
    """A pattern word as looked up: 'terminat*' is a prefix, '\\*' the sign itself, else the word."""
    if word.startswith("\\"):
        return word[1:]
    return PREFIX_NORM + word[:-1] if word.endswith("*") else word


def compile_pattern(pattern: Pattern, tokenize, raw_id: str) -> list[Step]:
    """The steps of a pattern in the compact string form (see module doc).

    Every word becomes a hash lookup (a spaCy PhraseMatcher on LOWER or NORM), and
    gaps are checked when the steps are chained: Matcher wildcards with repeat
    counts explode into exponentially many states, and IN/REGEX predicates cost a
    Python call per token. A raw token-dict pattern is matched whole by a Matcher
    under `raw_id`.
    """
    if isinstance(pattern, list):
        return [Step((raw_id,))]
    steps: list[Step] = []
    gap = 0
    pieces = pattern.split()
    for before, piece, after in zip(pieces, pieces[1:], pieces[2:], strict=False):
        if piece == "-" and "|" in before and "|" in after:
            # "low|high - risk|value" reads as (low|high) - (risk|value): the alternatives are single words
            raise DataFileError(
                f"pattern {pattern!r}: {before} - {after}: alternatives are single words, so a hyphenated "
                "word cannot be one of them; give it a pattern of its own"
            )
    for piece in pieces:
        g = _GAP.fullmatch(piece)
        if g:
            gap = int(g.group(1))
            continue
        optional = piece.endswith("?") and len(piece) > 1
        negated = piece.startswith("!") and len(piece) > 1
        word = piece[1 if negated else 0 : -1 if optional else None]
        if word in TOKEN_CLASSES:
            steps.append(Step((f"C:{word[1:]}",), gap, optional, negated))
            gap = 0
            continue
        alts = [a.lower() for a in word.split("|")]
        single = [_word_key(a) for a in alts]
        multi = [a for a in single if not a.startswith(PREFIX_NORM) and len(tokenize(a)) > 1]
        if multi and (len(alts) > 1 or negated):
            raise DataFileError(
                f"pattern {pattern!r}: {multi[0]!r} is several tokens; it cannot be one alternative"
            )
        if negated and gap:
            raise DataFileError(f"pattern {pattern!r}: a !word step cannot follow a ~N gap")
        if any(a == PREFIX_NORM for a in single):
            raise DataFileError(f"pattern {pattern!r}: a lone '*' matches any word; write '\\*' for the sign")
        if multi:
            toks = [t.lower_ for t in tokenize(multi[0])]
            steps.append(Step(("L:" + toks[0],), gap, optional))
            steps.extend(Step(("L:" + t,), 0, optional) for t in toks[1:])
        else:
            keys = tuple(("N:" if a.startswith(PREFIX_NORM) else "L:") + a for a in single)
            steps.append(Step(keys, gap, optional, negated))
        gap = 0
    if all(st.negated for st in steps):
        raise DataFileError(f"pattern {pattern!r}: needs a word that is not !negated")
    if steps[0].negated and steps[0].optional:
        raise DataFileError(f"pattern {pattern!r}: a leading !word cannot be optional")
    return steps
