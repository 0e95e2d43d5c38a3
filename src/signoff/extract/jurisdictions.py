"""Jurisdictions: the place whose law governs, as a lawyer reads it ('the laws of the State of New York').

Like the other value normalisers, it takes contract text and returns plain values.
"""

from __future__ import annotations

import re

# the place sits in a lookahead so "the Laws of Ireland; and ... the laws of California" yields both
_LAW_RX = re.compile(
    r"\b(?:laws?|legislation),?\s+(?:in\s+force\s+in\s+|prevailing\s+in\s+|applicable\s+in\s+)?of\s+(?=(?P<place>.{2,80}))"
    r"|\b(?:the\s+)?(?=(?P<place2>(?:state|commonwealth|province)\s+of\s+.{2,60}))",
    re.S | re.I,
)
_ADJ_LAW_RX = re.compile(
    r"\b(?:governed|construed)\s+(?:by\s+|under\s+)?(?:(?:and\s+)?(?:construed\s+)?in\s+accordance\s+(?:with|by)\s+)?"
    r"(?:the\s+)?(?P<adj>[A-Z][A-Za-z]+)\s+[Ll]aws?\b"
)
# "governed by the Federal Arbitration Act": a US federal statute, read as the law of the United States
_FAA_RX = re.compile(r"\bFederal\s+Arbitration\s+Act\b|\bFAA\b")
# "governed by the law of the country where you have your habitual residence"
_RESIDENCE_RX = re.compile(
    r"\blaws?\s+of\s+(?:the\s+)?(?:your\s+)?(?:country|state|place|jurisdiction|region)\s+"
    r"(?:or\s+region\s+|or\s+state\s+)?(?:of\s+(?:your\s+)?(?:habitual\s+)?residence|(?:where|in\s+which)\s+(?:you|the\s+consumer|the\s+user|the\s+customer)\s+"
    r"(?:\w+\s+){0,3}?(?:resides?|lives?|residence|domiciled))",
    re.I,
)
RESIDENCE = "country of residence"
# "interpreted in accordance with New York law": the place named before "law"
# ... or "governed by Minnesota law", "construed under New York law"
_PLACE_LAW_RX = re.compile(
    r"\b(?:accordance\s+with|governed\s+by|construed\s+(?:by|under))\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})\s+(?:[Ss]tate\s+)?[Ll]aws?\b"
)
# "Texas law and the Federal Arbitration Act will apply": the place named before "law", the verb after
_PLACE_LAW_APPLIES_RX = re.compile(
    r"(?<![\w.])(?P<place>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})\s+[Ll]aws?\b"
    r"(?=[^.;]{0,80}?\b(?:(?:will|shall)\s+(?:apply|govern)|applies|governs)\b)"
)
_LAW_NOT_A_PLACE = {"federal", "state", "local", "foreign", "national", "international", "common", "relevant"}
# "EU Data Protection Law", "Consumer Protection Law": a body of law on one subject, not a place's law
_SUBJECT_OF_LAW = {
    "data",
    "protection",
    "privacy",
    "consumer",
    "competition",
    "tax",
    "labor",
    "labour",
    "employment",
    "copyright",
    "patent",
    "trademark",
    "securities",
    "export",
    "sanctions",
    "case",
    "civil",
    "criminal",
}
_PLACE_STOP = {
    "without",
    "excluding",
    "except",
    "exclusive",
    "applicable",
    "as",
    "in",
    "that",
    "which",
    "including",
    "regardless",
    "notwithstanding",
    "shall",
    "will",
    "to",
    "and",
    "or",
    "other",
    "than",
    "with",
    "for",
    "govern",
    "governing",
    "apply",
    "applies",
    "the",
    "any",
    "its",
    "such",
    "conflict",
    "conflicts",
    "choice",
    "principles",
    "rules",
    "provisions",
    "then",
    "from",
    "by",
    "insofar",
    "where",
    "if",
}
_PLACE_DROP_PREFIX = re.compile(r"^(?:the\s+)?(?:(?:state|commonwealth|province)\s+of\s+)?", re.I)
# "governed by Finnish law": the adjective names the country (Scots law is Scotland's, not the UK's)
_ADJECTIVES = {
    "prc": "People's Republic of China",
    "chinese": "China",
    "canadian": "Canada",
    "indian": "India",
    "english": "England and Wales",
    "scots": "Scotland",
    "scottish": "Scotland",
    "irish": "Ireland",
    "swiss": "Switzerland",
    "german": "Germany",
    "french": "France",
    "dutch": "Netherlands",
    "belgian": "Belgium",
    "luxembourgish": "Luxembourg",
    "austrian": "Austria",
    "italian": "Italy",
    "spanish": "Spain",
    "portuguese": "Portugal",
    "greek": "Greece",
    "maltese": "Malta",
    "cypriot": "Cyprus",
    "swedish": "Sweden",
    "norwegian": "Norway",
    "danish": "Denmark",
    "finnish": "Finland",
    "icelandic": "Iceland",
    "estonian": "Estonia",
    "latvian": "Latvia",
    "lithuanian": "Lithuania",
    "polish": "Poland",
    "czech": "Czech Republic",
    "slovak": "Slovakia",
    "slovenian": "Slovenia",
    "hungarian": "Hungary",
    "romanian": "Romania",
    "bulgarian": "Bulgaria",
    "croatian": "Croatia",
    "ukrainian": "Ukraine",
    "russian": "Russia",
    "turkish": "Turkey",
    "japanese": "Japan",
    "korean": "South Korea",
    "singaporean": "Singapore",
    "australian": "Australia",
    "brazilian": "Brazil",
    "mexican": "Mexico",
    "argentine": "Argentina",
    "argentinian": "Argentina",
    "israeli": "Israel",
}


def _title(s: str) -> str:
    return " ".join(w if not w.isupper() or len(w) <= 2 else w.capitalize() for w in s.split())


def find_jurisdictions(text: str) -> list[tuple[str, int, int]]:
    """Places whose law governs: 'the laws of the State of New York' -> 'New York'.

    Returns (jurisdiction, start, end) for each place in `text`, the most specific
    first: a state before "the United States", and a province joined with its
    country ("Ontario, Canada") when the text names both.
    """
    out = []
    for m in _ADJ_LAW_RX.finditer(text):
        name = _ADJECTIVES.get(m.group("adj").lower())
        if name:
            out.append((name, m.start(), m.end()))
    for m in _LAW_RX.finditer(text):
        group = "place" if m.group("place") else "place2"
        name, start, end = _place(m.group(group), m.start(group))
        if name:
            out.append((name, start, end))
    for m in (*_PLACE_LAW_RX.finditer(text), *_PLACE_LAW_APPLIES_RX.finditer(text)):
        place = m.group("place").lower()
        if place in _ADJECTIVES:  # "English law shall govern": the country
            out.append((_ADJECTIVES[place], m.start("place"), m.end("place")))
            continue
        words = place.split()
        if words[0] in _LAW_NOT_A_PLACE or _SUBJECT_OF_LAW & set(words):  # "Federal law" names no place
            continue
        name, start, end = _place(m.group("place"), m.start("place"))
        if name:
            out.append((name, start, end))
    out.sort(key=lambda p: p[1])
    if not out and re.search(r"\bPRC\b", text):
        out.append(("People's Republic of China", 0, 0))
    if not out and (m := _FAA_RX.search(text)):
        out.append(("United States", m.start(), m.end()))
    if not out and (m := _RESIDENCE_RX.search(text)):
        out.append((RESIDENCE, m.start(), m.end()))
    return _most_specific(out)


_COUNTRIES = {"Canada", "Australia", "United Kingdom", "India", "China"}


def _most_specific(places: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    seen: dict[str, tuple[str, int, int]] = {}
    for p in places:
        seen.setdefault(p[0], p)
    out = list(seen.values())
    names = [p[0] for p in out]
    countries = [n for n in names if n in _COUNTRIES]
    if len(out) > 1 and countries:
        country = countries[0]
        out = [(f"{n}, {country}", s, e) if n not in _COUNTRIES else (n, s, e) for n, s, e in out]
        out.sort(key=lambda p: p[0] in _COUNTRIES)
    out.sort(key=lambda p: p[0].startswith("United States"))
    return out


def _place(raw: str, at: int) -> tuple[str | None, int, int]:
    place = _PLACE_DROP_PREFIX.sub("", raw)
    offset = len(raw) - len(place)
    words: list[str] = []
    words_end = 0
    for w in re.finditer(r"[A-Za-z][\w'’.-]*", place):
        token = w.group(0).rstrip(".")
        low = token.lower()
        gap = place[words_end : w.start()]
        if words and not re.fullmatch(r"\s*", gap):
            break
        joins_wales = low == "and" and re.match(r"\s+(?:Wales|WALES)\b", place[w.end() :])
        if words and (low == "of" or joins_wales):
            words.append(token)
        elif low in _PLACE_STOP or not token[0].isupper():
            break
        else:
            words.append(token)
        words_end = w.start() + len(token)
    while words and words[-1].lower() in ("of", "and", "state"):
        words.pop()
    if not words:
        return None, 0, 0
    joined = " ".join(words)
    name = "People's Republic of China" if joined.upper() == "PRC" else _title(joined)
    return name, at + offset, at + offset + len(joined)
