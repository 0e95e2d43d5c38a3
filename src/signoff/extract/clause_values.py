"""Normalised values of each clause, in the vocabulary of the spec.

`clause_values(info, ctx)` returns the values dict for one finding, or None when
the text turned out not to be that clause after all (a governing-law sentence that
names no law). A clause of the catalogue names its normaliser (`NORMALISERS`, one per
built-in clause); a clause added in YAML without one has each field read by its kind
(`KINDS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from signoff.extract.jurisdictions import find_jurisdictions
from signoff.extract.values import Duration, find_durations, find_money, find_multiplier
from signoff.models import Finding

if TYPE_CHECKING:
    from signoff.extract.library import ClauseInfo, FieldInfo


@dataclass(frozen=True)
class Context:
    """What a value normaliser may read: the quote, the quote with its lead-in, and its paragraph."""

    quote: str
    lead: str  # lead-in of the sentence plus the quote: the subject often sits there
    block: str
    party: str | None
    quote_offset: int  # where the quote starts inside `lead`


def _flat(text: str) -> str:
    """Lower case on one line: a PDF breaks 'gross\nnegligence' where the phrase lists have a space."""
    return re.sub(r"\s+", " ", text).lower()


NEGATION = re.compile(r"\b(?:not|never|no|nor|neither|cannot|prohibited|refrain)\b|n[’']t\b", re.I)


_STRONG_BEFORE = re.compile(
    r"(?:at least|not less than|no later than|no fewer than|minimum of|within|upon|giving|gives|provides?)"
    r"\W*$"
)
_STRONG_AFTER = re.compile(r"^\W*(?:'s|’s)?\W*(?:\w+\W+){0,3}?(?:prior|before|in advance|preceding|notice)")
_TERM_LENGTH = re.compile(
    r"(?:successive|additional|renewal|further|term of|terms? of|periods? of|for a period of|initial)\W*$"
)


def _notice_duration(text: str) -> Duration | None:
    """The period a notice needs: 'thirty (30) days' prior written notice', 'notice ... 60 days before'.

    Of the periods in `text`, the one most tied to the notice wins, so a renewal
    term ("successive one (1) year terms") is not taken for the notice period.
    """
    best, best_score = None, 0
    for d in find_durations(text):
        before, after = text[max(0, d.start - 40) : d.start].lower(), text[d.end : d.end + 45].lower()
        score = 2 * bool(_STRONG_BEFORE.search(before)) + 2 * bool(_STRONG_AFTER.search(after))
        score += bool(re.search(r"notice|notif", before)) - 3 * bool(_TERM_LENGTH.search(before))
        if score > best_score:
            best, best_score = d, score
    return best


def _first_days(text: str) -> int | None:
    ds = find_durations(text)
    return ds[0].days if ds else None


def _with_business(values: dict, d: Duration | None, key: str) -> dict:
    values[key] = d.days if d else None
    if d and d.business:
        values["business_days"] = True
    return values


def liability_cap(c: Context) -> dict | None:
    t = c.lead
    low = t.lower()
    money = find_money(t)
    period = None
    m = re.search(
        r"(?:preceding|prior|previous|past|last|during|in the|within the|immediately)\b[^.;]{0,40}?"
        r"((?:\w+[\s-]*)?(?:\(\s*\d+\s*\)\s*)?(?:\d+\s*)?(?:calendar\s+)?(?:months?|years?|year))",
        low,
    )
    if m:
        ds = find_durations(m.group(1))
        period = ds[0].months if ds else (12 if "year" in m.group(1) else None)
    fees = re.search(
        r"\b(?:fees|amounts?|charges|sums|price|compensation|royalt\w+|payments?)\b[^.;]{0,40}?\b(?:paid|payable|received|due)\b",
        low,
    )
    mult = (
        find_multiplier(low)
        if re.search(r"\btimes\b|\d\s*x\b|\btwice\b|\bdouble\b|\bmultiple\b", low)
        else None
    )
    values: dict = {}
    if re.search(r"\b(?:greater|higher) of\b|whichever is (?:the )?(?:greater|higher|more)", low):
        values["basis"] = "greater_of"
    elif re.search(r"\b(?:lesser|lower) of\b|whichever is (?:the )?(?:less|lesser|lower|smaller)", low):
        values["basis"] = "lesser_of"
    elif mult and fees:
        values["basis"], values["multiplier"] = "multiple_of_fees", mult
    elif fees:
        values["basis"] = "fees_paid"
    elif money:
        values["basis"] = "fixed_amount"
    else:
        values["basis"] = None
    # when the limit is not (only) an amount, say what it is, so no one mistakes it for a ceiling
    if re.search(
        r"sole (?:and exclusive )?(?:remedy|liability|obligation)|exclusive (?:remedy|liability)|entire liab",
        low,
    ):
        values["kind"] = "sole_remedy"
    elif values["basis"] is None and re.search(
        r"\b(?:brought|commenced|instituted|filed|asserted|bring|commence)\b", low
    ):
        values["kind"] = "claims_period"
        ds = find_durations(t)
        if ds:
            values["claims_period_days"] = ds[0].days
    elif values["basis"] is None and re.search(r"limitations? of liability", low):
        values["kind"] = "by_reference"
    if period and values["basis"] in ("fees_paid", "greater_of", "lesser_of", "multiple_of_fees"):
        values["period_months"] = period
    if money:
        values["amount"] = money[0].as_value()
    return values


def consequential(c: Context) -> dict:
    return {"mutual": c.party == "mutual"}


CARVE_CATEGORIES = [
    ("indemnification", r"indemn"),
    ("confidentiality", r"confidential"),
    (
        "data_protection",
        r"data protection|privacy|personal data|security breach|data breach|security incident",
    ),
    ("gross_negligence", r"gross(?:ly)? negligen"),
    ("willful_misconduct", r"wil+ful|intentional misconduct|wilful"),
    ("fraud", r"fraud"),
    (
        "payment_obligations",
        r"payment obligation|fees (?:owed|due|payable)|amounts? (?:owed|due)|obligation to pay",
    ),
    ("ip_infringement", r"infring|intellectual property|misappropriat"),
    ("death_personal_injury", r"death|bodily injury|personal injury"),
]


def carve_out(c: Context) -> dict:
    low = _flat(c.quote)
    cats = [name for name, rx in CARVE_CATEGORIES if re.search(rx, low)]
    if not cats or re.search(r"breach of section|section \d", low) and len(cats) < 3:
        cats.append("other")
    return {"categories": cats}


INDEMNITY_SCOPE = [
    (
        "ip_infringement",
        r"infring|intellectual property|misappropriat|patent|copyright|trademark|trade secret",
    ),
    ("data_breach", r"security breach|data breach|security incident|unauthori[sz]ed access"),
    (
        "violation_of_law",
        r"violat\w* (?:of )?(?:any )?(?:applicable )?laws?|breach of (?:applicable )?law|violations of law",
    ),
    (
        "customer_content",
        r"customer (?:data|content|materials)|\binputs?\b|data provided by|content provided by"
        r"|your (?:data|content)|user (?:content|submissions?)|(?:from|of) the content\b",
    ),
    (
        "usage_policy_violation",
        r"usage policy|acceptable use|use restrictions|use of the services in (?:breach|violation)"
        r"|in (?:breach|violation) of section|(?:breach|violation)(?: or alleged breach)? of section"
        # the customer's breach of the terms is, for the customer, a breach of the rules of use
        r"|(?:any|your|customer'?s?) (?:breach|violation)\w* of (?:this|these|the) (?:agreement|terms)"
        r"|\bmisuse\b|(?:breach|violation) of (?:\w+ ){0,3}polic(?:y|ies)",
    ),
    ("third_party_claims", r"third[- ]part(?:y|ies)"),
]


# claims arising from whatever the customer does with the service: wider than any named category
_ANY_USE = re.compile(
    r"\b(?:your|customer'?s?) (?:access to,? (?:or|and) )?use of (?:the|our) (?:services?|site|website)"
)


def indemnity(c: Context) -> dict:
    low = _flat(c.quote + " " + c.block)
    scope = [name for name, rx in INDEMNITY_SCOPE if re.search(rx, low)]
    if not scope or _ANY_USE.search(low):
        scope.append("other")
    return {"indemnitor": c.party, "scope": scope}


def incident_notice(c: Context) -> dict:
    low = _flat(c.lead)
    ds = [d for d in find_durations(low) if d.unit in ("hour", "day")]
    if ds:
        return {"window_hours": ds[0].hours, "standard": "fixed"} | (
            {"business_days": True} if ds[0].business else {}
        )
    if "undue delay" in low:
        std = "without_undue_delay"
    elif re.search(r"prompt|immediate|as soon as", low):
        std = "promptly"
    else:
        std = "reasonable"
    return {"window_hours": None, "standard": std}


def notice_days(c: Context) -> dict:
    d = _notice_duration(c.lead) or (find_durations(c.lead) or [None])[0]
    return _with_business({}, d, "notice_days")


_NO_NOTICE = re.compile(
    r"without\s+(?:any\s+)?(?:prior\s+|advance\s+)?notice|effective\s+(?:immediately|upon\s+posting|when\s+posted)"
    r"|(?:take|takes)\s+effect\s+(?:immediately|upon\s+posting|when\s+(?:they\s+are\s+)?posted)"
    r"|not\s+(?:be\s+)?(?:required|obligated|obliged)\s+to\s+(?:provide|give)\s+(?:you\s+)?(?:any\s+)?(?:prior\s+)?notice",
    re.I,
)


def change_notice(c: Context) -> dict:
    """Days of notice before a change of terms takes effect: 0 when it needs none ('without
    prior notice', 'effective upon posting'), else the period stated, in this sentence or the
    next one ('Changes will be effective 10 days after posting')."""
    d = _notice_duration(c.lead) or (find_durations(c.lead) or [None])[0]
    if d is None and _NO_NOTICE.search(c.lead):
        return {"notice_days": 0}
    if d is None:
        after = _next_sentence(c)
        if re.search(r"effective|take effect|notice|notif|post", after, re.I):
            d = _notice_duration(after) or (find_durations(after) or [None])[0]
    return _with_business({}, d, "notice_days")


def _next_sentence(c: Context) -> str:
    """The sentence after the quote in its paragraph, where a value often follows."""
    at = c.block.find(c.quote)
    if at < 0:
        return ""
    rest = c.block[at + len(c.quote) :]
    m = re.match(r"\s*([^.;]*[.;]?)", rest)
    return m.group(1) if m else ""


def suspension(c: Context) -> dict:
    d = _notice_duration(c.lead)
    return _with_business({}, d, "notice_days") | {"immediate": d is None}


_CURE_CONTEXT = re.compile(r"cure|remed|breach|notice|overdue|past due", re.I)


def cure_days(c: Context) -> dict:
    ds = find_durations(c.lead)
    near = [d for d in ds if _CURE_CONTEXT.search(c.lead[max(0, d.start - 80) : d.end + 80])]
    return _with_business({}, (near or [None])[0], "cure_days")


# "2 year term extensions", "one-year renewal periods": the period is the length of a term
_TERM_AFTER = re.compile(r"[\s-]*(?:terms?|extensions?|renewals?)\b", re.I)


# "unless the user cancels the day before the current period ends": one day, written without a number
_DAY_BEFORE = re.compile(r"\b(?:the|one)\s+(?P<business>business\s+)?day\s+(?:before|prior)\b", re.I)


def renewal_notice(c: Context) -> dict:
    d = _notice_duration(c.lead)
    if d is None and (m := _DAY_BEFORE.search(c.lead)):
        d = Duration(amount=1, unit="day", business=bool(m.group("business")), start=m.start(), end=m.end())
    if d is None:
        # the first period that is not the length of a term ("successive one-year terms",
        # "The Term will be 3 years from the Effective Date")
        ds = [
            x
            for x in find_durations(c.lead)
            if not re.search(
                r"successive|additional|renewal|further|term of|periods? of|term (?:will|shall) be|term is"
                r"|period \((?:\w+ or )?$",
                c.lead[max(0, x.start - 30) : x.start],
                re.I,
            )
            and not _TERM_AFTER.match(c.lead, x.end)
        ]
        d = ds[0] if ds else None
    # null when the period is redacted or unstated ("upon not less than [***] prior written notice")
    return _with_business({}, d, "notice_days")


_EXPORT = re.compile(
    r"\breturn|export|make\w* [^.;]{0,40}available|copy of|download|deliver|retrieve\b|retrieval|\bport\b"
)
_DELETION = re.compile(r"delet|destr|eras|purg")


def data_return(c: Context) -> dict:
    low = _flat(c.quote)
    # "Customer may export ... within 30 days thereafter. After that, we delete it": the deletion
    # that closes the export window is stated in the sentences that follow, in the same paragraph
    after = _flat(c.block.partition(c.quote)[2]) if c.quote and c.quote in c.block else ""
    export = bool(_EXPORT.search(low))
    return {
        "days": _first_days(c.lead),
        "export": export,
        "deletion": bool(_DELETION.search(low) or (export and _DELETION.search(after))),
    }


def days_only(c: Context) -> dict:
    return {"days": _first_days(c.lead)}


# "you can select whether or not we use your content": a choice, not a refusal
_WHETHER_OR_NOT = re.compile(r"\bwhether\s+or\s+not\b", re.I)
_OPT_OUT = re.compile(
    r"\bopt(?:s|ed|ing)?[\s-]*out|\b(?:select|choose|decide)\s+whether|\bturn(?:ing)?\s+off\b|\b(?:account|privacy|data)\s+settings?\b",
    re.I,
)
_DESPITE_OPT_OUT = re.compile(r"\beven\s+if\s+you\s+(?:opt|have\s+opted)[\s-]*out", re.I)


_TRAINING_VERB = re.compile(
    r"\b(?:train|training|trains|retrain|fine-tune|improve|improving|enhance|enhancing|develop|developing)\b",
    re.I,
)


def training(c: Context) -> dict:
    lead = _WHETHER_OR_NOT.sub("whether", c.lead)
    m = _TRAINING_VERB.search(lead)
    before = lead[: m.start()] if m else lead
    clause_start = max(before.rfind(";"), before.rfind(". "))
    allowed = not NEGATION.search(before[clause_start + 1 :])
    opt_out = bool(_OPT_OUT.search(lead)) and not _DESPITE_OPT_OUT.search(lead)
    return {"allowed": allowed, "opt_out": opt_out}


def audit(c: Context) -> dict:
    low = _flat(c.quote)
    if re.search(r"report|certif|soc\s*\d|soc\b|iso\s*27001|attestation", low):
        kind = "reports"
    elif re.search(r"books|records|accounts|ledgers", low):
        kind = "records"
    else:
        kind = "onsite"
    return {"kind": kind}


# "the laws of [***]": a filed contract with the place redacted still chooses a law
_REDACTED_PLACE = re.compile(r"\blaws?\s+of\s+(?:the\s+)?\[\s*\*", re.I)


# a law chosen for part of the contract or some customers only, so a reader never takes it for
# the law of the whole: "(i) for Customers in the EEA, the laws of Ireland", "These Clauses
# shall be governed by ...", "For government customers, ...", "This Arbitration Agreement ..."
_SCCS = r"\b(?:standard\s+contractual\s+clauses|these\s+clauses|the\s+clauses|sccs?)\b"
_ARBITRATION = (
    r"\b(?:arbitration\s+(?:agreement|provision|clause|section)|arbitrability|agreement\s+to\s+arbitrate)\b"
)
_PUBLIC = (
    r"\b(?:government(?:al)?|public[\s-]sector|federal)\s+"
    r"(?:customers?|entities|entity|agencies|agency|users?|bodies)\b"
)
_WHO = (
    r"\bif\s+you\s+(?:live|reside|are\s+(?:located|resident|based))\s+in\s+[^,;:.]{2,60}"
    r"|\bfor\s+(?:all\s+other\s+(?:customers?|users?|consumers?)"
    r"|(?:customers?|users?|consumers?|you|those)\b[^,;:.]{0,60}?"
    r"\b(?:in|located\s+in|resident\s+in|residing\s+in|based\s+in|outside(?:\s+of)?)\s+[^;:.]{2,60}?(?=,\s+(?:the\s+)?laws?\b|[;:.]|$))"
)
_LEAD_WORD = re.compile(r"^(?:for|if)\s+", re.I)
_LAW_SCOPE = [
    (re.compile(_SCCS, re.I), lambda m: "the Standard Contractual Clauses"),
    (re.compile(_ARBITRATION, re.I), lambda m: "the arbitration agreement"),
    (re.compile(_PUBLIC, re.I), lambda m: m.group(0).lower()),
    (re.compile(_WHO, re.I), lambda m: _LEAD_WORD.sub("", " ".join(m.group(0).split()))),
]


def _law_scope(text: str) -> str | None:
    for rx, words in _LAW_SCOPE:
        m = rx.search(text)
        if m:
            return words(m)
    return None


def governing_law(c: Context) -> dict | None:
    places = find_jurisdictions(c.quote) or find_jurisdictions(c.lead)
    if places:
        scope = _law_scope(c.lead)
        return {"jurisdiction": places[0][0]} | ({"scope": scope} if scope else {})
    return {"jurisdiction": None} if _REDACTED_PLACE.search(c.quote) else None


def insurance(c: Context) -> dict:
    money = find_money(c.quote)
    return {"amount": money[0].as_value() if money else None}


_ENUMERATOR = re.compile(r"\s*(?:;|,)?\s*(?:\bor\b|\band\b)?\s*\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s*")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
# Where an item's qualifiers start: the use itself is what a reader scans for.
_QUALIFIER = re.compile(
    r"\s*(?:,\s*including\b|,\s*(?:each of )?which\b|\bexcept\b|\bunless\b|\(|[\u201c\"]).*$", re.S
)
_USE_TO = re.compile(r"\b(?:not|never)\b[^.;:]*?\b(?:use|access)\b[^.;:]*?\b(to|for|in)\s+([^.;:]+)", re.I)
MAX_ITEM_CHARS = 100


def _short_item(text: str) -> str:
    """One prohibited use as a short phrase: markup, parentheticals and qualifiers dropped."""
    text = _EMPHASIS.sub("", _MD_LINK.sub(r"\1", text))
    text = _QUALIFIER.sub("", _PARENTHETICAL.sub("", text))
    text = re.sub(r"\s+", " ", text).strip(" ;,.")
    if len(text) > MAX_ITEM_CHARS:
        text = text[:MAX_ITEM_CHARS].rsplit(" ", 1)[0].rstrip(" ,;") + "…"
    return text


def acceptable_use(c: Context) -> dict:
    """`prohibited`: the listed uses ('(a) ... (b) ...'), else the one after 'not use the Services to'."""
    items = _ENUMERATOR.split(c.quote)[1:]
    if not items:
        m = _USE_TO.search(c.quote)
        items = [f"{m.group(1)} {m.group(2)}" if m.group(1).lower() != "in" else m.group(2)] if m else []
    prohibited = [_short_item(i) for i in items]
    return {"prohibited": [p for p in prohibited if p]}


NORMALISERS: dict[str, Callable[[Context], dict | None]] = {
    "liability_cap": liability_cap,
    "consequential_damages_exclusion": consequential,
    "liability_carve_out": carve_out,
    "indemnity": indemnity,
    "incident_notice": incident_notice,
    "terms_change_notice": change_notice,
    "suspension": suspension,
    "termination_for_convenience": notice_days,
    "termination_for_cause": cure_days,
    "renewal_notice": renewal_notice,
    "data_return_deletion": data_return,
    "transition_assistance": days_only,
    "training_on_customer_data": training,
    "data_retention": days_only,
    "audit_rights": audit,
    "subprocessor_notice": notice_days,
    "governing_law": governing_law,
    "insurance": insurance,
    "warranty_disclaimer": lambda c: {},
    "acceptable_use": acceptable_use,
}


def _duration(c: Context) -> Duration | None:
    return _notice_duration(c.lead) or next(iter(find_durations(c.lead)), None)


def _read_days(c: Context, field: FieldInfo) -> int | None:
    d = _duration(c)
    return d.days if d else None


def _read_hours(c: Context, field: FieldInfo) -> int | None:
    d = _duration(c)
    return d.hours if d else None


def _read_months(c: Context, field: FieldInfo) -> int | None:
    d = _duration(c)
    return d.months if d else None


def _read_money(c: Context, field: FieldInfo) -> dict | None:
    money = find_money(c.quote) or find_money(c.lead)
    return money[0].as_value() if money else None


def _read_number(c: Context, field: FieldInfo) -> float | None:
    m = re.search(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", c.quote)
    return None if m is None else (int(m.group(0)) if m.group(0).isdigit() else float(m.group(0)))


def _read_jurisdiction(c: Context, field: FieldInfo) -> str | None:
    places = find_jurisdictions(c.quote) or find_jurisdictions(c.lead)
    return places[0][0] if places else None


def _said(c: Context, words: str) -> bool:
    phrase = r"\s+".join(map(re.escape, words.lower().split()))
    return re.search(rf"\b{phrase}\b", _flat(c.quote)) is not None


def _read_choice(c: Context, field: FieldInfo) -> str | None:
    """The first choice whose reader's words the quote says, e.g. 'gross negligence'."""
    return next((value for value, words in (field.choices or {}).items() if _said(c, words)), None)


def _read_choices(c: Context, field: FieldInfo) -> list[str]:
    return [value for value, words in (field.choices or {}).items() if _said(c, words)]


# How a field of each kind is read when its clause has no normaliser. A kind mapped to None is
# one only a normaliser can fill (what a yes/no or a free phrase means depends on the clause).
KINDS: dict[str, Callable[[Context, FieldInfo], Any] | None] = {
    "duration_days": _read_days,
    "duration_hours": _read_hours,
    "duration_months": _read_months,
    "money": _read_money,
    "number": _read_number,
    "jurisdiction": _read_jurisdiction,
    "choice": _read_choice,
    "choices": _read_choices,
    "boolean": None,
    "phrase": None,
    "phrases": None,
}


def clause_values(info: ClauseInfo, ctx: Context) -> dict | None:
    if info.normaliser is not None:
        return NORMALISERS[info.normaliser](ctx)
    values = {}
    for name, field in info.fields.items():
        read = KINDS[field.kind]  # the catalogue check lets no field without a reader get here
        values[name] = read(ctx, field) if read else None
    return values


_CARVE_OUT = "liability_carve_out"
_SECTION_TITLE = re.compile(r"^[\s\w.()]*?\d[\w.()]*\s+(.+?)\.?$")
_EXCEPT_FOR = r"\bexcept(?:\s+(?:for|as\s+to|with\s+respect\s+to))?\s+(?:the\s+|any\s+)?"


def carve_outs_by_reference(findings: list[Finding]) -> list[Finding]:
    """'EXCEPT FOR THE EXCLUDED CLAIMS' takes the categories of the carve-out titled 'Excluded Claims'.

    A carve-out written as a reference to another clause says nothing itself about what is
    left uncapped; the clause it names does. Only a title of two or more words counts, so
    a bare 'Section 9' is not mistaken for a name. It is the one value step that reads the
    document's other findings, so the analyzer runs it after all findings are made.
    """
    named: dict[str, list[str]] = {}
    for f in findings:
        title = _SECTION_TITLE.match(f.section or "")
        cats = f.values.get("categories", [])
        if f.clause == _CARVE_OUT and title and len(title.group(1).split()) >= 2 and cats != ["other"]:
            named.setdefault(title.group(1).lower(), cats)
    out = []
    for f in findings:
        if f.clause == _CARVE_OUT and f.values.get("categories") == ["other"]:
            low = f.text.lower()
            refers = (c for name, c in named.items() if re.search(_EXCEPT_FOR + re.escape(name), low))
            cats = next(refers, None)
            if cats is not None:
                f = f.model_copy(update={"values": f.values | {"categories": cats}})
        out.append(f)
    return out


def parse_field_value(name: str, field: FieldInfo, text: str) -> Any:
    """A value legal types for one field ('24', '3 days', 'yes', 'EUR 1m'), as a normaliser would store
    it; ValueError saying what the field takes when the text is not such a value. 'none' clears it."""
    text = text.strip()
    if text.lower() in ("none", "null"):
        return None
    kind = field.kind
    if kind.startswith("duration_"):
        unit = kind.removeprefix("duration_")
        if re.fullmatch(r"\d+", text):
            return int(text)
        found = find_durations(text)
        if len(found) == 1 and found[0].end - found[0].start >= len(text) - 1:
            return {"days": found[0].days, "hours": found[0].hours, "months": found[0].months}[unit]
        raise ValueError(f"{name} takes a number of {unit}, e.g. {name}=24 or {name}='3 {unit}'")
    if kind == "money":
        money = find_money(text)
        if len(money) == 1:
            return money[0].as_value()
        raise ValueError(f"{name} takes a sum of money, e.g. {name}='EUR 1,000,000'")
    if kind == "number":
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{name} takes a number, e.g. {name}=2") from None
        return int(number) if number.is_integer() else number
    if kind == "boolean":
        if text.lower() in ("yes", "true"):
            return True
        if text.lower() in ("no", "false"):
            return False
        raise ValueError(f"{name} takes yes or no")
    choices = list(field.choices or {})
    if kind == "choice":
        if text not in choices:
            raise ValueError(f"{name} takes one of: {', '.join(choices)}")
        return text
    if kind == "choices":
        picked = [t.strip() for t in text.split(",") if t.strip()]
        if not picked or any(p not in choices for p in picked):
            raise ValueError(f"{name} takes some of: {', '.join(choices)} (comma-separated)")
        return picked
    if kind == "phrases":
        return [t.strip() for t in text.split(";") if t.strip()]
    return text  # phrase, jurisdiction: the words as legal wrote them
