"""Who a clause binds: the vendor, the customer, or both.

The vendor's name comes from `vendor.guess_vendor` (the name the document gives
"we", a name defined beside a supplier role, the title, ...); its aliases are that
name, the names defined beside it, the supplier role words the document uses, and
"we/us/our" in terms that speak to "you". `--vendor NAME` overrides the guess. A
clause's party is then the first party named as a subject (not a possessive) in
its text, or mutual when the text says "each party", "either party", "neither of
us" and the like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from signoff.extract.vendor import WE, guess_vendor

VENDOR_ROLES = {
    "provider",
    "service provider",
    "supplier",
    "vendor",
    "licensor",
    "company",
    "contractor",
    "consultant",
    "seller",
    "processor",
    "data processor",
    "manufacturer",
    "developer",
    "host",
    "operator",
}
CUSTOMER_ROLES = {
    "customer",
    "client",
    "licensee",
    "subscriber",
    "buyer",
    "purchaser",
    "you",
    "user",
    "controller",
    "data controller",
    "distributor",
    "reseller",
    "recipient company",
}
_US_BOTH = (
    r"\b(?:each|either|neither|both)\s+of\s+us\b|\bneither\s+you\s+nor\s+(?:we|us)\b"
    r"|\b(?:you|we)\s+(?:and|or)\s+(?:we|you|us)\b"
)
MUTUAL_RX = re.compile(
    _US_BOTH
    + r"|\b(?:each|either|neither|both|any|a)\s+(?:of\s+the\s+)?part(?:y|ies)\b"
    r"|\bthe\s+parties\b|\bmutual(?:ly)?\b"
    r"|\b(?:recipient|discloser|receiving\s+party|disclosing\s+party|indemnifying\s+party)\b",
    re.I,
)
STRONG_MUTUAL_RX = re.compile(
    _US_BOTH + r"|\b(?:each|either|neither|both)\s+(?:of\s+the\s+)?part(?:y|ies)\b", re.I
)
# "our liability": whose liability, as "Supplier's liability" is; "our Services", "your account"
# say nothing of who is bound, and "us" is never the subject
# a subordinate clause opens before its subject: "if you breach", "content that you upload"
_SUBORDINATE = re.compile(
    r"\b(?:if|when|whenever|where|unless|because|that|which|who|whether|once|until|while|determine[sd]?|believe[sd]?)"
    r"\s+(?:\w+\s+){0,3}$",
    re.I,
)
_PRONOUNS = {"we", "you", "they"}
_FRAME = re.compile(
    r"\s+(?:hereby\s+|further\s+|also\s+)?(?:agrees?|acknowledges?|understands?|accepts?)"
    r"(?:\s+and\s+(?:agrees?|acknowledges?|understands?|accepts?))?,?\s+that\b\s*",
    re.I,
)
_WE_ACTS = re.compile(r"\b[Ww]e\s+(?:may|will|shall|can|reserve|might|must|agree|do|are|have)\b")
POSSESSIVES = {"our", "ours", "your", "yours", "us"}
_OWN_DUTY = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:liabilit|obligation|responsibilit|indemn|duty|duties|warrant|right)", re.I
)
_DEFINED = re.compile(r"[\"“”]\s*\**\s*([A-Z][\w&.,' -]{0,40}?)\s*\**\s*[\"“”]")


@dataclass
class Parties:
    """The aliases of each side, lower-cased."""

    vendor: set[str] = field(default_factory=set)
    customer: set[str] = field(default_factory=set)
    vendor_name: str | None = None
    warning: str | None = None  # the vendor's name is a weak guess, or none was found

    def __post_init__(self) -> None:
        self._rx: re.Pattern[str] | None = None

    def regex(self) -> re.Pattern[str]:
        if self._rx is None:
            names = sorted(self.vendor | self.customer, key=len, reverse=True)
            alt = "|".join(re.escape(n) for n in names) or r"(?!x)x"
            self._rx = re.compile(rf"\b({alt})\b(\s*[’']s\b)?", re.I)
        return self._rx

    def side_of(self, name: str) -> str | None:
        low = name.lower()
        if low in self.vendor:
            return "vendor"
        if low in self.customer:
            return "customer"
        return None


def _defined_groups(head: str) -> list[set[str]]:
    """Names defined together in one parenthesis: ("Nimbus" or "Provider") -> {nimbus, provider}."""
    groups = []
    for paren in re.finditer(r"\(([^()]{1,160})\)", head):
        names = {m.group(1).strip(" ,.").lower() for m in _DEFINED.finditer(paren.group(1))}
        if names:
            groups.append(names)
    for m in re.finditer(
        r"[\"“]\s*\**([A-Z][\w&.' -]{0,40}?)\**\s*[\"”]\s*means\s+([A-Z][\w&.,' -]{2,60})", head
    ):
        groups.append({m.group(1).strip().lower()})
    return groups


def find_parties(text: str, vendor: str | None = None) -> Parties:
    """The vendor's and the customer's aliases in this document; `vendor` names the vendor explicitly."""
    head = text[:6000]
    groups = _defined_groups(head)
    parties = Parties()
    parties.customer |= {r for r in CUSTOMER_ROLES if re.search(rf"\b{re.escape(r)}\b", head, re.I)}
    if _speaks_to_you(text):
        # "we may suspend your access": in terms written to "you", "we" is the vendor
        parties.vendor |= WE
        parties.customer |= {"you", "your", "yours"}
    if vendor:
        parties.vendor_name = vendor
        parties.vendor.add(vendor.lower())
        for g in groups:
            if vendor.lower() in g or any(vendor.lower() in n for n in g):
                parties.vendor |= g
        parties.customer -= parties.vendor
        if not parties.customer:
            # the other defined party is the customer
            for g in groups:
                if not g & parties.vendor and len(g) <= 3:
                    parties.customer |= g
                    break
        return parties
    guess = guess_vendor(text)
    parties.vendor |= guess.aliases
    for g in groups:
        if g & VENDOR_ROLES or g & guess.aliases:
            parties.vendor |= g
        elif g & CUSTOMER_ROLES:
            parties.customer |= g
    # role words used without a definition ("Supplier shall ..."); "company" is too often the customer
    parties.vendor |= {
        r
        for r in VENDOR_ROLES - {"company"}
        if r not in parties.customer and re.search(rf"\b{r}\b", head, re.I)
    }
    parties.customer -= parties.vendor
    parties.vendor_name = guess.name
    if guess.name is None:
        parties.warning = "no vendor name found in the document; pass --vendor NAME to set it"
    elif guess.weak:
        parties.warning = (
            f"the vendor is taken to be {guess.name!r} from {guess.evidence} only; "
            "pass --vendor NAME if that is wrong"
        )
    return parties


def _speaks_to_you(text: str) -> bool:
    """Terms written as 'we' to 'you', as consumer and developer terms are: 'we' acts ('we may',
    'we will') and 'you' is there."""
    head = text[:30_000]
    return bool(_WE_ACTS.search(head)) and re.search(r"\b[Yy]our?\b", head) is not None


_VERB_AFTER = re.compile(
    r"(?:\s*(?:,[^,]{0,60},|\([^()]{0,60}\)|and its [\w\s,]{0,60}?))?"
    r"\s+(?:will|shall|may|must|should|agrees?|hereby|"
    r"retains?|reserves?|represents?|warrants?|acknowledges?|undertakes?|is|are|has|have|can|cannot|does|"
    r"maintains?|provides?|expressly|further|also|only|not)\b",
    re.I,
)


def _frames_other_party(text: str, pos: int, parties: Parties) -> bool:
    """Is the party named before `pos` only agreeing that the party right after acts
    ("You agree that Provider may ...", "Customer acknowledges that we will ...")?"""
    frame = _FRAME.match(text, pos)
    if not frame:
        return False
    subject = parties.regex().match(text, frame.end())
    return bool(subject and not subject.group(2) and _VERB_AFTER.match(text, subject.end()))


def party_of(text: str, parties: Parties, upto: int | None = None, subject_only: bool = False) -> str | None:
    """Who the clause in `text` binds: the first party named as a subject before offset `upto`.

    A subject is a party name followed by a verb ("Provider will", "Customer may").
    A name in a heading ("Claims Against Customer") binds no one, and a possessive
    ("Supplier's liability") counts only when no party acts in the clause; with
    `subject_only`, only a subject (or words for both parties) counts.
    """
    head = text if upto is None else text[:upto]
    first = possessive = subordinate = None
    for m in parties.regex().finditer(head):
        side = parties.side_of(m.group(1))
        if m.group(1).lower() in POSSESSIVES and not (
            m.group(1).lower() in ("our", "your") and _OWN_DUTY.match(text, m.end())
        ):
            continue
        if m.group(2) or m.group(1).lower() in POSSESSIVES:
            # "Supplier's aggregate liability": whose liability, if no one acts in the clause;
            # "our liability ... the fees you paid": the first one named
            possessive = possessive or (None if first else side)
            continue
        if side and _VERB_AFTER.match(text, m.end()):
            if _frames_other_party(text, m.end(), parties):
                # "You agree that we may suspend ...": the one who agrees frames a clause whose
                # subject is the other party; that subject binds
                continue
            if _SUBORDINATE.search(head[max(0, m.start() - 60) : m.start()]):
                # "If we determine you have breached ..., we may suspend": the condition's
                # subject; the main clause's comes after it
                subordinate = subordinate or side
                continue
            return "mutual" if STRONG_MUTUAL_RX.search(head[: m.start()]) else side
        if m.group(1).lower() in _PRONOUNS:
            continue  # "we will notify you", "content that you request": a pronoun binds only as the subject
        first = first or side
    if subordinate:
        return subordinate
    if MUTUAL_RX.search(head) or (upto is not None and not first and MUTUAL_RX.search(text)):
        return "mutual"
    if subject_only:
        return None  # "User Content ... will be deleted": a name in passing binds no one
    return possessive or first
