"""Document in, `Analysis` out: rules evaluated per clause unit, values normalised, citations attached."""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from signoff.extract.clause_values import Context, carve_outs_by_reference, clause_values
from signoff.extract.library import Library, Rule, load_library
from signoff.extract.party import Parties, find_parties, party_of
from signoff.extract.pipeline import Match, build_pipeline, run_in_pieces
from signoff.extract.second_opinion import RULE_ID, second_opinion
from signoff.extract.segment import Unit
from signoff.models import Analysis, Document, DocumentInfo, Finding

MIN_QUOTE = 12  # shorter "quotes" are headings or stray numbers, never a clause
# rules below this confidence match a sentence that only mentions the clause ("The cost of
# any such audit ..."); next to a finding of the same clause it is that clause continuing
SUPPORTING = 0.7
BLOCK_REACH = 10_000


class Analyzer:
    """A loaded pipeline and clause library; `analyze` is cheap and may be called many times."""

    def __init__(self, library_dir: Path):
        self.library_dir = Path(library_dir)
        self.library: Library = load_library(self.library_dir)
        self.nlp = build_pipeline(self.library_dir)
        self.clauses = {c.id: c for c in self.library.catalogue.clauses}
        self.order = [c.id for c in self.library.catalogue.clauses]
        self.rules: dict[str, Rule] = {r.id: r for r in self.library.rules}

    def analyze(self, doc: Document, vendor: str | None = None) -> Analysis:
        """Every catalogue clause found in `doc`, with values and citations; the rest listed as absent."""
        analysed = run_in_pieces(self.nlp, doc.text)
        units, matches = analysed.units, analysed.matches
        parties = find_parties(doc.text, vendor)
        starts = [m.start for m in matches]
        findings: dict[tuple[str, int, int], Finding] = {}
        # (clause, unit start) that a rule considered and turned down: a forbidden term, the wrong
        # party, no value; the classifier does not overrule the rules there
        vetoed: set[tuple[str, int]] = set()
        for unit in units:
            lo = bisect.bisect_left(starts, unit.start)
            hi = bisect.bisect_left(starts, unit.end)
            if lo == hi:
                continue
            if _is_heading(doc.text, unit):
                continue
            # A match counts only when it ends in this unit: a pattern's gap ("may ~6 audit") must not
            # reach into the next sentence. A rule is not signalled by the title of a cross-reference
            # ("Section I (Suspension)").
            here = [
                m
                for m in matches[lo:hi]
                if m.end <= unit.end and (m.key[0] == "T" or not _in_reference(doc.text, m.start))
            ]
            terms = [m for m in here if m.key[0] == "T"]
            anchors: dict[str, list[Match]] = {}
            for m in here:
                if m.key[0] == "R":
                    anchors.setdefault(m.key[2:], []).append(m)
            for rule_id, hits in anchors.items():
                rule = self.rules[rule_id]
                for start, end in _quote_spans(doc.text, unit, hits, rule.per_item, rule.each_item):
                    # the terms a rule needs or forbids count in the lead-in and the quoted sub-clause,
                    # not in a sibling sub-clause about something else
                    if not _rule_holds(rule, terms, unit, start, end):
                        vetoed.add((rule.clause, unit.start))
                        continue
                    if unit.listed and start > unit.body_start and not _holds_alone(rule, terms, start, end):
                        # "We may terminate your access if:\n\n1. you breach these Terms": a listed item
                        # carries the clause only with its lead-in, so the quote starts there
                        start = unit.body_start
                    anchor = max((h.end for h in hits if start <= h.start < end), default=end)
                    f = self._finding(
                        doc, unit, rule.clause, start, end, anchor, parties, rule.id, rule.confidence
                    )
                    key = (rule.clause, start, end)
                    if f is None:
                        vetoed.add((rule.clause, unit.start))
                    elif key not in findings or findings[key].confidence < f.confidence:
                        findings[key] = f
        ordered = _drop_nested(sorted(findings.values(), key=lambda f: (f.start, -f.end, f.clause)))
        ordered = _join_supporting(doc.text, ordered)
        ordered = carve_outs_by_reference(ordered)
        doubts: list[str] = []
        if analysed.scores is not None:
            ordered, doubts = self._with_second_opinion(doc, units, analysed.scores, ordered, parties, vetoed)
        found = {f.clause for f in ordered} | {c for c, _ in doubts}
        return Analysis(
            document=DocumentInfo(
                path=doc.path,
                sha256=doc.sha256,
                pages=len(doc.pages) if doc.pages else None,
                chars=len(doc.text),
            ),
            findings=ordered,
            warnings=[
                *doc.warnings,
                *([parties.warning] if parties.warning and not vendor else []),
                *(message for _, message in doubts),
            ],
            vendor=vendor or parties.vendor_name,
            absent=[c for c in self.order if c not in found],
        )

    def _with_second_opinion(
        self,
        doc: Document,
        units: list[Unit],
        scores: list[dict[str, float]],
        findings: list[Finding],
        parties: Parties,
        vetoed: set[tuple[str, int]],
    ) -> tuple[list[Finding], list[tuple[str, str]]]:
        """The rules' findings with the classifier's added, and (clause, warning) for the clauses it
        only doubts are absent."""
        low = min(self.library.classifier.propose, self.library.classifier.doubt)
        kept = [
            (u, s)
            for u, s in zip(units, scores, strict=True)
            if s and max(s.values()) >= low and not _is_heading(doc.text, u)
        ]

        def make(unit: Unit, clause: str, start: int, end: int, p: float) -> Finding | None:
            start, end = _strip_label(doc.text, start, end)
            return self._finding(doc, unit, clause, start, end, end, parties, RULE_ID, p)

        added, doubted = second_opinion(
            [u for u, _ in kept], [s for _, s in kept], findings, self.library.classifier, make, vetoed
        )
        warnings = []
        for clause, (unit, p) in doubted.items():
            section = doc.section_at(unit.body_start)
            where = f"section {section.heading!r}" if section else f"character {unit.body_start}"
            quote = " ".join(doc.text[unit.body_start : unit.end].split())[:80]
            warnings.append(
                (
                    clause,
                    f"possible {self.clauses[clause].title.lower()} in {where} (classifier {p:.2f}): "
                    f'"{quote}..."; not reported absent, read it',
                )  # fmt: skip
            )
        return sorted(findings + added, key=lambda f: (f.start, -f.end, f.clause)), warnings

    def _finding(
        self,
        doc: Document,
        unit: Unit,
        clause: str,
        start: int,
        end: int,
        anchor: int,
        parties: Parties,
        rule_id: str,
        confidence: float,
    ) -> Finding | None:
        """The finding of `clause` quoting text[start:end] of `unit`, with its party and values; None
        when it is no clause after all (a definition, the wrong party, no value it must have).
        `anchor` is where the signal ends: the subject before it says who is bound."""
        text = doc.text
        if end - start < MIN_QUOTE or _DEFINITION.match(text, start, end):
            return None
        info = self.clauses[clause]
        lead_start = unit.body_start
        lead = text[lead_start : unit.lead_end] + ("" if start < unit.lead_end else " ") + text[start:end]
        if start < unit.lead_end:
            lead = text[lead_start:end]
        quote_offset = len(lead) - (end - start)
        upto = quote_offset + (anchor - start)
        # a clause that binds only some parties is judged by who acts in it, not by names in passing
        acts = party_of(lead, parties, upto, subject_only=bool(info.binds))
        party = info.party or acts or info.default_party
        if info.binds and party is not None and party not in info.binds:
            return None
        # the paragraph around the quote, up to BLOCK_REACH each side: a text with no line breaks
        # is one "paragraph", and reading all of it for every finding took minutes
        block = text[max(unit.block[0], start - BLOCK_REACH) : min(unit.block[1], end + BLOCK_REACH)]
        values = clause_values(info, Context(text[start:end], lead, block, party, quote_offset))
        if values is None:
            return None
        section = doc.section_at(start)
        return Finding(
            clause=clause,
            text=text[start:end],
            start=start,
            end=end,
            page=doc.page_at(start),
            section=section.heading if section else None,
            party=party,
            values=values,
            confidence=confidence,
            rule=rule_id,
        )


def _rule_holds(rule: Rule, terms: list[Match], unit: Unit, start: int, end: int) -> bool:
    """Do the terms the rule needs occur, and the ones it forbids not, around the quote?

    Terms count in the lead-in and the quote, not in a sibling sub-clause about
    something else. A quote of a whole list escapes a forbidden term when the
    lead-in with one of its sub-clauses is free of it ("may terminate ... (i) upon
    90 days' notice, or (ii) if the other party defaults").
    """

    def near(s: int, e: int) -> set[str]:
        return {m.key[2:] for m in terms if unit.start <= m.start < unit.lead_end or s <= m.start < e}

    found = near(start, end)
    if not all(t in found for t in rule.with_):
        return False
    if not any(t in found for t in rule.without):
        return True
    if unit.items and start <= unit.items[0][0] and end >= unit.items[-1][1]:
        return any(not any(t in near(s, e) for t in rule.without) for s, e in unit.items)
    return False


def _holds_alone(rule: Rule, terms: list[Match], start: int, end: int) -> bool:
    """Do all the terms the rule needs occur inside the quote itself?"""
    inside = {m.key[2:] for m in terms if start <= m.start < end}
    return all(t in inside for t in rule.with_)


def _quote_spans(
    text: str, unit: Unit, hits: list[Match], per_item: bool, each_item: bool = False
) -> list[tuple[int, int]]:
    """The smallest spans that carry the clause: a sub-clause when the matches sit in one, else the unit."""
    items = {unit.item_at(h.start) for h in hits}
    if each_item and unit.listed and None in items:
        first = [(unit.body_start, unit.items[0][1])]
        return first + [_strip_label(text, s, e) for s, e in unit.items[1:]]
    if None in items or not unit.items:
        return [_strip_label(text, unit.body_start, unit.end)]
    if per_item or len(items) == 1:
        return sorted(_strip_label(text, s, e) for s, e in items if s is not None)
    return [_strip_label(text, unit.body_start, unit.end)]


_VERB = re.compile(
    r"\b(?:shall|will|may|must|is|are|be|been|has|have|means|agrees?|can|cannot|does|do|did|was|were|would|should)\b",
    re.I,
)


# "We reserve the right to modify these Terms.": a pronoun and a lower-case verb make a sentence,
# however short ("You Own Your Content" is a title)
_PRONOUN_SUBJECT = re.compile(r"\W*(?:We|You|we|you|They|It)\s+[a-z]")
_WORD = re.compile(r"[A-Za-z]{2,}")
# "... for Cause   33 14.2   Termination ...": a title, its page number, the next clause number
_TOC_ENTRY = re.compile(
    r"[A-Za-z)]\s+\d{1,3}\s+(?:\d{1,2}\.\d{1,2}|[A-Z]\.\d|ARTICLE|Article|SECTION|Section)\b"
)
# One number per figure: "$1,000,000" is one amount, not three numbers (a coverage line full of
# amounts would otherwise pass for a table-of-contents heading and be dropped).
_NUMBER = re.compile(r"\b\d+(?:\.\d+|,\d{3})*\b")


def _is_heading(text: str, unit: Unit) -> bool:
    """A title ('I. Termination and Suspension') or a table of contents: names subjects, states no term."""
    # a contents list may hold a verb in a title ("Services To Be Provided");
    # its page-then-number runs give it away
    if len(_TOC_ENTRY.findall(text, unit.start, unit.end)) >= 3:
        return True
    if _VERB.search(text, unit.start, unit.end) or _PRONOUN_SUBJECT.match(text, unit.start, unit.end):
        return False
    t = text[unit.start : unit.end]
    words = len(_WORD.findall(t))
    return words <= 8 or len(_NUMBER.findall(t)) > 0.15 * words


# '"Maximum Liability" means ...', 'the term "Premiums" will mean ...':
# a definition names a term, it grants nothing
_DEFINITION = re.compile(
    r"\W*(?:[\w.()]{1,10}\s+)?(?:the\s+terms?\s+)?[\"“][^\"”]{1,60}[\"”]\s+(?:\([^)]*\)\s+)?"
    r"(?:shall\s+|will\s+)?(?:means?|has\s+the\s+meaning|have\s+the\s+meaning|is\s+defined|refers)\b",
    re.I,
)


_REF_BEFORE = re.compile(r"(?:\b(?:Sections?|Clauses?|Articles?|§)\s*)?\b[A-Z0-9][\w.]{0,12}\s*$")


def _in_reference(text: str, pos: int) -> bool:
    """Is `pos` inside the title of a cross-reference, as in 'Section L.2 (Disclaimer of Warranties)'?"""
    window = text[max(0, pos - 80) : pos]
    open_at = window.rfind("(")
    if open_at < 0 or ")" in window[open_at:]:
        return False
    return bool(_REF_BEFORE.search(window[:open_at]))


_LABEL = re.compile(r"\s*(?:#{1,6}\s+)?(?:[-*•]\s+)?")


def _strip_label(text: str, s: int, e: int) -> tuple[int, int]:
    """Quote from the first word: leading Markdown heading marks and bullets are not the contract's words."""
    m = _LABEL.match(text, s, e)
    return (m.end() if m else s), e


def _drop_nested(findings: list[Finding]) -> list[Finding]:
    """A finding inside a longer one of the same clause adds nothing unless its values differ.

    `findings` come sorted by start, so only kept findings of the clause that still reach this
    one can hold it; the rest are dropped from the search, which keeps a long contract linear."""
    out: list[Finding] = []
    reaching: dict[str, list[Finding]] = {}
    for f in findings:
        open_ = reaching[f.clause] = [g for g in reaching.get(f.clause, []) if g.end > f.start]
        if any(f.end <= g.end and g.values == f.values for g in open_):
            continue
        out.append(f)
        open_.append(f)
    return out


def _join_supporting(text: str, findings: list[Finding]) -> list[Finding]:
    """One citation per clause: a supporting sentence joins the finding of its clause next to it.

    "Licensee may audit the books once a year. Such audit is at Licensee's expense." is one
    audit clause, not two; the joined finding keeps the stronger finding's rule and values.
    Only sentences of one paragraph are joined (nothing but spaces or one line break between).
    """
    out: list[Finding] = []
    for f in findings:
        prev = next((g for g in reversed(out) if g.clause == f.clause), None)
        weak = prev is not None and min(prev.confidence, f.confidence) < SUPPORTING
        if prev is not None and weak and _same_paragraph(text, prev, f):
            strong = prev if prev.confidence >= f.confidence else f
            end = max(prev.end, f.end)
            update = {"start": prev.start, "end": end, "text": text[prev.start : end]}
            out[out.index(prev)] = strong.model_copy(
                update=update | {"page": prev.page, "section": prev.section}
            )
            continue
        out.append(f)
    return sorted(out, key=lambda f: (f.start, -f.end, f.clause))


def _same_paragraph(text: str, a: Finding, b: Finding) -> bool:
    """Do `a` and `b` overlap, or sit side by side in one paragraph?"""
    gap = text[a.end : b.start] if b.start >= a.end else ""
    return len(gap) <= 4 and not gap.strip() and "\n\n" not in gap
