"""Value normalisers: numbers, durations and money as a lawyer reads them (places: jurisdictions.py).

Each function takes a piece of contract text and returns plain Python values; they
know nothing about clauses, so each is tested on its own table of real phrasings.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
# A number in words: "seventy-two", "one hundred twenty", "two hundred and fifty".
NUMBER_WORDS = rf"(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*"
_NUMBER_WORDS_RX = re.compile(rf"\b{NUMBER_WORDS}\b", re.I)


def words_to_number(words: str) -> int | None:
    """'seventy-two' -> 72, 'one hundred twenty' -> 120, 'twelve' -> 12; None if not a number."""
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", words.lower().strip()):
        if not w or w == "and":
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(s: str) -> float | None:
    """'30' -> 30, '1,000,000' -> 1000000, '2.5' -> 2.5, 'thirty' -> 30; None for a number past
    what a float holds (a run of 400 digits is no amount a contract means)."""
    s = s.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", s):
        value = float(s.replace(",", ""))
        return value if math.isfinite(value) else None
    n = words_to_number(s)
    return float(n) if n is not None else None


@dataclass(frozen=True)
class Duration:
    """A period as written: `amount` of `unit`, `business` for business/working days."""

    amount: float
    unit: str  # hour | day | week | month | year
    business: bool
    start: int
    end: int

    @property
    def days(self) -> int:
        per = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}[self.unit]
        return round(self.amount * per)

    @property
    def hours(self) -> int:
        per = {"hour": 1, "day": 24, "week": 168, "month": 720, "year": 8760}[self.unit]
        return round(self.amount * per)

    @property
    def months(self) -> int:
        per = {"hour": 1 / 720, "day": 1 / 30, "week": 7 / 30, "month": 1, "year": 12}[self.unit]
        return round(self.amount * per)


_DURATION_RX = re.compile(
    rf"""(?<![\w.])(?:
        (?P<words>{NUMBER_WORDS})\s*(?:\(\s*(?P<paren>\d+)\s*\)\s*)?   # thirty (30)
      | (?P<digits>\d+(?:\.\d+)?)(?:\s*\)?\s*)                          # 30 / 30) / 30-
    )[\s-]*(?P<qual>business|calendar|working|banking)?[\s-]*
    (?P<unit>hours?|days?|weeks?|months?|years?)\b""",
    re.I | re.X,
)


def find_durations(text: str) -> list[Duration]:
    """Every period in `text`: 'thirty (30) days', 'forty-eight hours', 'two business days'."""
    out = []
    for m in _DURATION_RX.finditer(text):
        amount = parse_number(m.group("paren") or m.group("digits") or m.group("words"))
        if amount is None:
            continue
        unit = m.group("unit").lower().rstrip("s")
        qual = (m.group("qual") or "").lower()
        out.append(Duration(amount, unit, qual in ("business", "working", "banking"), m.start(), m.end()))
    return out


_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_CODES = {"USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "CNY", "INR", "SGD", "HKD", "NZD", "SEK"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "francs": "CHF",
}
_MULT = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT_RX = r"(?:\s*(?:thousand|million|billion|mm|mn|bn)\b|[kKmMbB]\b)"
_MONEY_RX = re.compile(
    rf"""(?:
        (?P<pre>(?:US|U\.S\.|C|A|CA|AU|NZ|HK|S)?\$|€|£|¥|\b(?:{"|".join(_CURRENCY_CODES)})\b)\s?
        (?P<amount>{_AMOUNT})(?P<mult>{_MULT_RX})?
      | (?P<amount2>{_AMOUNT})(?P<mult2>{_MULT_RX})?\s*
        (?P<post>\b(?:{"|".join(_CURRENCY_CODES)})\b|(?:US\s|U\.S\.\s)?dollars?\b|euros?\b|pounds(?:\ssterling)?\b)
      | (?P<words>{NUMBER_WORDS})\s+(?:(?:US|U\.S\.)\s+)?(?P<wcur>dollars|euros|pounds(?:\ssterling)?)\b
    )""",
    re.X,
)


def _currency(token: str) -> str:
    t = token.strip()
    if t.endswith("$"):
        prefix = t[:-1].replace(".", "").upper()
        return {
            "": "USD",
            "US": "USD",
            "C": "CAD",
            "CA": "CAD",
            "A": "AUD",
            "AU": "AUD",
            "NZ": "NZD",
            "HK": "HKD",
            "S": "SGD",
        }.get(prefix, "USD")
    if t in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[t]
    if t.upper() in _CURRENCY_CODES:
        return t.upper()
    low = re.sub(r"^(?:us|u\.s\.)\s+", "", t.lower())
    return _CURRENCY_WORDS.get(low, _CURRENCY_WORDS.get(low.split()[0], "USD"))


@dataclass(frozen=True)
class Money:
    value: float
    currency: str
    start: int
    end: int

    def as_value(self) -> dict:
        v = int(self.value) if float(self.value).is_integer() else self.value
        return {"value": v, "currency": self.currency}


def find_money(text: str) -> list[Money]:
    """Every sum of money: 'US$1,000,000', 'EUR 500k', 'one million dollars', '$2 million'."""
    out = []
    for m in _MONEY_RX.finditer(text):
        if m.group("amount"):
            value, mult, cur = parse_number(m.group("amount")), m.group("mult"), _currency(m.group("pre"))
        elif m.group("amount2"):
            value, mult, cur = parse_number(m.group("amount2")), m.group("mult2"), _currency(m.group("post"))
        else:
            n = words_to_number(m.group("words"))
            value, mult, cur = (float(n) if n is not None else None), None, _currency(m.group("wcur"))
        if value is None:
            continue
        if mult:
            value *= _MULT[mult.strip().lower()]
        if not math.isfinite(value):
            continue
        out.append(Money(value, cur, m.start(), m.end()))
    return out


_MULTIPLIER_RX = re.compile(
    rf"\b(?P<n>{NUMBER_WORDS}|\d+(?:\.\d+)?)\s*(?:\(\s*\d+(?:\.\d+)?\s*\)\s*)?(?:times|x)\b"
    r"|\b(?P<word>twice|double|triple)\b",
    re.I,
)


def find_multiplier(text: str) -> float | None:
    """'two times the fees' -> 2, '1.5x' -> 1.5, 'twice' -> 2."""
    m = _MULTIPLIER_RX.search(text)
    if not m:
        return None
    if m.group("word"):
        return {"twice": 2.0, "double": 2.0, "triple": 3.0}[m.group("word").lower()]
    return parse_number(m.group("n"))
