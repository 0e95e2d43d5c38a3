"""Who a clause binds: the vendor, the customer, or both.

The vendor is found from the document: a defined term with a supplier role
("Provider", "Supplier", "Licensor", ...) together with the names defined beside
it ("Nimbus" or "Provider"), else the party named most often as the subject of
"will/shall/may". `--vendor NAME` overrides all of that. A clause's party is then
the first party named as a subject (not a possessive) in its text, or mutual when
the text says "each party", "either party", "neither party" and the like.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

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
MUTUAL_RX = re.compile(
    r"\b(?:each|either|neither|both|any|a)\s+(?:of\s+the\s+)?part(?:y|ies)\b|\bthe\s+parties\b|\bmutual(?:ly)?\b"
    r"|\b(?:recipient|discloser|receiving\s+party|disclosing\s+party|indemnifying\s+party)\b",
    re.I,
)
_GENERIC = {
    "agreement",
    "terms",
    "services",
    "service",
    "party",
    "parties",
    "this",
    "the",
    "each",
    "either",
    "neither",
    "such",
    "any",
    "all",
    "no",
    "it",
    "we",
    "they",
    "he",
    "she",
    "section",
    "schedule",
    "exhibit",
    "notice",
    "recipient",
    "discloser",
    "licensee",
    "licensor",
    "customer",
    "client",
    "if",
    "upon",
    "nothing",
    "fees",
    "except",
    "in",
    "for",
    "subject",
    "unless",
    "where",
    "when",
    "notwithstanding",
    "without",
    "information",  # "Confidential Information shall ..."
    "majeure",  # "Force Majeure shall ..."
    "executive",
    "corporation",
}
STRONG_MUTUAL_RX = re.compile(r"\b(?:each|either|neither|both)\s+(?:of\s+the\s+)?part(?:y|ies)\b", re.I)
_DEFINED = re.compile(r"[\"“”]\s*\**\s*([A-Z][\w&.,' -]{0,40}?)\s*\**\s*[\"“”]")
_SUBJECT = re.compile(r"\b([A-Z][A-Za-z0-9&-]+)\s+(?:will|shall|may|must|agrees|hereby|retains|reserves)\b")


@dataclass
class Parties:
    """The aliases of each side, lower-cased."""

    vendor: set[str] = field(default_factory=set)
    customer: set[str] = field(default_factory=set)
    vendor_name: str | None = None

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
    for g in groups:
        if g & VENDOR_ROLES:
            parties.vendor |= g
        elif g & CUSTOMER_ROLES:
            parties.customer |= g
    # role words used without a definition ("Supplier shall ..."); "company" is too often the customer
    parties.vendor |= {
        r
        for r in VENDOR_ROLES - {"company"}
        if r not in parties.customer and re.search(rf"\b{r}\b", head, re.I)
    }
    # No vendor, or only role words used in lower case ("a service provider", "the processor"
    # in a DPA): the vendor is the name that most often acts ("Anthropic will ...").
    if not _display_name(text, parties.vendor):
        counts = Counter(
            m.group(1)
            for m in _SUBJECT.finditer(text)
            if m.group(1).lower() not in _GENERIC
            and m.group(1).lower() not in CUSTOMER_ROLES
            and m.group(1).lower() not in parties.customer
        )
        if counts:
            name, n = counts.most_common(1)[0]
            if n >= 3:
                parties.vendor.add(name.lower())
    parties.customer -= parties.vendor
    parties.vendor_name = _display_name(text, parties.vendor)
    return parties


def _display_name(text: str, aliases: set[str]) -> str | None:
    """The vendor as the document spells it: a proper name before a role word."""
    best = None
    # the alphabetical tie-break keeps the answer the same from run to run (set order is not)
    for a in sorted(aliases, key=lambda a: (a in VENDOR_ROLES, -len(a), a)):
        # as written in prose ("Anthropic"), not in a web address ("anthropic.com")
        spelled = [
            m.group(0) for m in re.finditer(rf"\b{re.escape(a)}\b", text, re.I) if m.group(0)[0].isupper()
        ]
        if spelled:
            best = spelled[0]
            break
    return best


_VERB_AFTER = re.compile(
    r"(?:\s*(?:,[^,]{0,60},|\([^()]{0,60}\)|and its [\w\s,]{0,60}?))?"
    r"\s+(?:will|shall|may|must|agrees?|hereby|"
    r"retains?|reserves?|represents?|warrants?|acknowledges?|undertakes?|is|are|has|have|can|cannot|does|"
    r"maintains?|provides?|expressly|further|also|only|not)\b",
    re.I,
)


def party_of(text: str, parties: Parties, upto: int | None = None) -> str | None:
    """Who the clause in `text` binds: the first party named as a subject before offset `upto`.

    A subject is a party name followed by a verb ("Provider will", "Customer may").
    A name in a heading ("Claims Against Customer") binds no one, and a possessive
    ("Supplier's liability") counts only when no party acts in the clause.
    """
    head = text if upto is None else text[:upto]
    first = possessive = None
    for m in parties.regex().finditer(head):
        side = parties.side_of(m.group(1))
        if m.group(2):
            # "Supplier's aggregate liability": whose liability, if no one acts in the clause
            possessive = possessive or side
            continue
        if side and _VERB_AFTER.match(text, m.end()):
            return "mutual" if STRONG_MUTUAL_RX.search(head[: m.start()]) else side
        first = first or side
    if MUTUAL_RX.search(head) or (upto is not None and not first and MUTUAL_RX.search(text)):
        return "mutual"
    return first or possessive
