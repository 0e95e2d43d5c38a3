"""Who the vendor is: a name read from the document, never a role word.

Evidence, strongest first:

1. the name the document gives itself as "we": `X.AI LLC ("xAI", "we", "us")`,
   `"we", "us" and "IPinfo" refer to IPinfo Inc.`, `when we say "we" we mean Anthropic`;
2. a name defined beside a supplier's role word: `Sinch Email ("Processor")`;
3. the party that is not the customer in `an agreement between you and X`;
4. the document's title (`Cloudflare Self-Serve Subscription Agreement`) or greeting
   (`Welcome to Netflix!`), when the name recurs in the text;
5. the name that most often acts (`Starlink will ...`).

Evidence 4 and 5 are weak: the guess is reported with a warning so a reader can
correct it with `--vendor`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Words that name a role, a document or a thing, never the vendor itself.
ROLE_WORDS = _words(
    """
    ai api apis app apps application company controller customer data developer developers email
    host licensee licensor member operator partner platform processor product products provider
    providers recipient seller service services site software subprocessor supplier user users
    vendor website you your we us our terms agreement policy the this these outputs output content
    inputs input party parties affiliate affiliates client subscriber buyer purchaser contractor
    consultant manufacturer entity dpa addendum sla schedule section exhibit annex order account
    beta consumer business enterprise europe eea gdpr eu uk usa united states california delaware
    ireland privacy notice fees documentation advertiser advertisers publisher publishers creator
    creators fan fans members general master acceptable use prohibited regarding explore references
    end web results conditions legal welcome standard online global universal common subscription
    priority plan level additional information important last updated effective introduction
    overview definitions contents table llc inc ltd limited group corporation corporate
    administration ads material materials inventory contractual webpage page foundation
    """
)
_DOCUMENT_WORDS = _words(
    """
    terms corporate webpage page agreement policy subscription self-serve service services website
    site conditions general
    """
)
# A supplier's role in a DPA or a B2B agreement: the name defined beside it is the vendor.
SUPPLIER_ROLES = {
    "provider",
    "service provider",
    "supplier",
    "vendor",
    "licensor",
    "processor",
    "data processor",
    "contractor",
    "consultant",
    "seller",
    "host",
    "operator",
}
WE = {"we", "us", "our", "ours"}
_CORPORATE = re.compile(
    r"(?:,?\s+(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|PBC|plc|PLC|GmbH|AG|S\.?A\.?S?|SAS|SARL|B\.V|BV|N\.V"
    r"|Corp|Corporation|Co|LP|L\.P|Pte|Pty|SE|Oy|AB|AS|ApS|KK|S\.r\.l|SpA|S\.p\.A|Unlimited Company)\.?)+$"
)
_QUOTED = re.compile(r"[\"“”'‘’]\s*(?:\*\*|__)?\s*([^\"“”‘’*]{1,40}?)\s*(?:\*\*|__)?\s*[,.]?\s*[\"“”'‘’]")
_PAREN = re.compile(r"\(([^()]{1,200})\)")
# A proper name: capitalised words, with inner dots and ampersands ("X.AI LLC", "Johnson & Johnson").
_WORD = r"[A-Z](?:[\w&'’-]|\.(?=\w))*"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_WORD}|&|of|de|du|la))*"
_NAME_BEFORE = re.compile(
    rf"({_NAME})(?:,?\s+(?:Inc|LLC|Ltd|Limited|PBC|GmbH|plc|Corp|Corporation)\.?)*"
    r"(?:,\s+(?:an?|the)\s[^,()]{1,60}?)?,?\s*$"
)
_COMPANY = re.compile(
    rf"{_WORD}(?:[ \t]+(?:{_WORD}|&|of))*,?[ \t]+"
    r"(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|PBC|plc|PLC|GmbH|AG|SAS|SARL"
    r"|S\.A|B\.V|BV|N\.V|Corp|Corporation|Pte|Pty|Oy|AB|ApS|S\.r\.l|SpA|S\.p\.A)\b\.?"
)
_WE_MEANS = re.compile(
    rf"(?:[\"“]\s*\**(?:we|us|our)\**\s*[,.]?\s*[\"”][^.()]{{0,80}}?\b(?:refers?|means?|is|are)\s+(?:to\s+)?"
    rf"|\bare\s+references?\s+to\s+|\bwe\s+mean\s+|\bwe\s+are\s+)(?:either\s+|the\s+|collectively\s+)?({_NAME})",
)
_BETWEEN = re.compile(
    rf"\bbetween\s+(?:you(?:\s*\([^()]*\))?(?:,\s*[^,]{{1,60}},)?\s+and\s+({_NAME})|({_NAME})\s*(?:\([^()]*\))?"
    rf"(?:,\s*[^,()]{{1,60}},)?\s+and\s+(?:you|the\s+Customer|Customer)\b)"
)
_WELCOME = re.compile(rf"\bWelcome to\s+(?:the\s+)?({_NAME})")
_HEADING = re.compile(r"^\s*(?:#{1,6}\s+)?(.+?)\s*\n(?:=+|-+)?", re.M)
_SUBJECT = re.compile(
    r"\b([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?)(?:[’']s)?\s+(?:will|shall|may|must|agrees|reserves|retains|"
    r"does|can|uses|provides|processes|guarantees)\b"
)


# how far into a document the weak evidence (names that recur, names that act) is read
READ = 30_000


@dataclass
class VendorGuess:
    """The vendor's display name, every alias the text uses for it, and how sure we are."""

    name: str | None = None
    aliases: set[str] = field(default_factory=set)
    evidence: str = "none"
    weak: bool = True


def _clean(name: str) -> str:
    """'X.AI LLC' -> 'X.AI'; 'The Financial Times Limited' -> 'Financial Times'; markup removed."""
    name = re.sub(r"[*_`\[\]]", "", name).strip(" ,.;:")
    name = _CORPORATE.sub("", name).strip(" ,")
    name = re.sub(r"^(?:The|the)\s+", "", name)
    name = re.sub(r"[’']s$", "", name)
    # 'Brevo Terms', 'Tencent Corporate Webpage': a name followed by words about the document
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in _DOCUMENT_WORDS:
        words.pop()
    return " ".join(words).strip(" ,.")


def _is_name(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and len(name) <= 40 and not all(w.strip(".,") in ROLE_WORDS for w in words)


def _quoted_aliases(paren: str) -> list[str]:
    return [q.strip() for q in _QUOTED.findall(paren) if q.strip()]


def _legal_name(head: str, at: int) -> str | None:
    """The name a definition at `at` belongs to: a company name with its suffix in the same
    sentence ("Associated Newspapers Limited, a company registered at ... ("we")"), else the
    name right before the parenthesis."""
    window = head[max(0, at - 300) : at]
    window = window[window.rfind("\n\n") + 1 :]
    companies = list(_COMPANY.finditer(window))
    if companies:
        return _clean(companies[-1].group(0))
    sentence = re.split(r"(?<![A-Z][a-z])(?<!\b[A-Z])[.!?]\s+(?=[A-Z])", window)[-1]
    before = _NAME_BEFORE.search(sentence)
    name = _clean(before.group(1)) if before else None
    return name if name and _is_name(name) else None


def _choose(aliases: list[str], legal: str | None, skip: set[str]) -> str | None:
    """The short name a definition gives, unless it is only a part of the legal name
    ('Foundation' of 'Wikimedia Foundation')."""
    names = [_clean(a) for a in aliases if a.lower() not in skip and _is_name(a)]
    if (
        names
        and legal
        and names[0].lower() in legal.lower()
        and not legal.lower().startswith(names[0].lower())
    ):
        return legal
    return names[0] if names else legal


def _from_we_definition(head: str) -> VendorGuess | None:
    for m in _PAREN.finditer(head):
        aliases = _quoted_aliases(m.group(1))
        low = {a.lower() for a in aliases}
        if not low & WE:
            continue
        name = _choose(aliases, _legal_name(head, m.start()), WE)
        if name:
            return VendorGuess(name, {name.lower(), *low} | WE, "defined as 'we'", False)
    m = _WE_MEANS.search(head)
    if m and _is_name(_clean(m.group(1))):
        # "'we', 'us' and 'Orbit' refer to Orbit Systems Ltd.": the short name, if one is given
        name = _choose(_quoted_aliases(m.group(0)), _clean(m.group(1)), WE) or _clean(m.group(1))
        return VendorGuess(name, {name.lower(), _clean(m.group(1)).lower()} | WE, "defined as 'we'", False)
    return None


def _from_role_definition(head: str) -> VendorGuess | None:
    for m in _PAREN.finditer(head):
        aliases = _quoted_aliases(m.group(1))
        if not {a.lower() for a in aliases} & SUPPLIER_ROLES:
            continue
        name = _choose(aliases, _legal_name(head, m.start()), SUPPLIER_ROLES)
        if name:
            return VendorGuess(
                name, {name.lower(), *(a.lower() for a in aliases)}, "defined beside a supplier role", False
            )
    return None


def _from_between(head: str) -> VendorGuess | None:
    for m in _BETWEEN.finditer(head):
        name = _clean(m.group(1) or m.group(2))
        if _is_name(name):
            return VendorGuess(name, {name.lower()}, "party to the agreement with the customer", False)
    return None


def _recurs(text: str, name: str, times: int = 3) -> bool:
    """Is `name` used as a name: written at least `times` times, and not as a common noun
    ('rewards', 'explore'; a web address such as 'starlink.com' does not count)? Read in the
    first READ characters, where a vendor that matters is named."""
    text = text[:READ]
    if len(re.findall(rf"\b{re.escape(name)}\b", text)) < times:
        return False
    lower = name.lower()
    return lower == name or not re.search(rf"(?<![\w./@-]){re.escape(lower)}(?![\w./@-])", text)


def _from_title(text: str) -> VendorGuess | None:
    head = text[:3000]
    m = _WELCOME.search(head)
    if m and _is_name(_clean(m.group(1))) and _recurs(text, _clean(m.group(1)).split()[0]):
        name = _clean(m.group(1))
        return VendorGuess(name, {name.lower()}, "greeting", True)
    for line in head.splitlines()[:12]:
        words = re.sub(r"\[([^\]]*)\]\([^)]*\)|[#*_=|]", r"\1", line).strip()
        if not words or len(words) > 90:
            continue
        first = re.match(r"([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?)", words)
        if not first:
            continue
        for cand in (first.group(1), first.group(1).split()[0]):
            cand = _clean(cand)
            if _is_name(cand) and cand.lower() not in ROLE_WORDS and _recurs(text, cand):
                spelled = _prose_spelling(text, cand)
                return VendorGuess(spelled, {cand.lower()}, "title", True)
        break
    return None


def _prose_spelling(text: str, name: str) -> str:
    """'SINCH EMAIL' as the prose spells it ('Sinch Email'), when it does."""
    if not name.isupper():
        return name
    for m in re.finditer(rf"\b{re.escape(name)}\b", text, re.I):
        # a capitalised spelling in prose ("Sinch Email"), not a web address ("aws.amazon.com")
        if m.group(0)[0].isupper() and not m.group(0).isupper():
            return m.group(0)
    return name


def _from_subjects(text: str, exclude: set[str]) -> VendorGuess | None:
    head = text[:2500]
    counts = Counter(
        _clean(m.group(1))
        for m in _SUBJECT.finditer(text, 0, READ)
        if m.group(1).split()[0].lower() not in ROLE_WORDS and m.group(1).lower() not in exclude
    )
    for name, n in counts.most_common(3):
        if (
            n >= 3
            and _is_name(name)
            and name.lower() not in ROLE_WORDS
            and _recurs(text, name)
            and name in head
        ):
            return VendorGuess(name, {name.lower()}, "the name that acts most often", True)
    return None


def guess_vendor(text: str, customer_words: set[str] = frozenset()) -> VendorGuess:
    """The vendor of the document `text`, from its strongest evidence."""
    head = text[:8000]
    for find in (_from_we_definition, _from_role_definition, _from_between):
        guess = find(head)
        if guess:
            return guess
    return _from_title(text) or _from_subjects(text, set(customer_words)) or VendorGuess()
