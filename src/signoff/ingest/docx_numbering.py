"""List numbers of DOCX paragraphs as Word shows them ("1.", "1.1", "(a)", "iv."), from numbering.xml.

Word stores no numbers in the text: a paragraph carries (numId, ilvl), numbering.xml maps
numId to an abstractNum whose levels give a start value, a format (decimal, lowerLetter,
...) and a template such as "%1.%2". Counters are kept per abstractNum, as Word continues a
list across numIds that share one, unless a numId restarts it with a startOverride.
"""

from __future__ import annotations

import re

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER = re.compile(r"%([1-9])")


def _val(el, tag: str) -> str | None:
    child = el.find(f"{W}{tag}") if el is not None else None
    return child.get(f"{W}val") if child is not None else None


def _roman(n: int) -> str:
    out = []
    for value, numeral in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    # Word repeats the letter past z: 27 -> "aa", 28 -> "bb".
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """`n` in Word's numFmt `fmt`; unknown formats fall back to decimal."""
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class _Level:
    def __init__(self, lvl) -> None:
        self.start = int(_val(lvl, "start") or 1)
        self.fmt = _val(lvl, "numFmt") or "decimal"
        self.text = (
            _val(lvl, "lvlText")
            if lvl.find(f"{W}lvlText") is not None
            else f"%{int(lvl.get(f'{W}ilvl')) + 1}."
        )
        self.suffix = _val(lvl, "suff") or "tab"


class Numbering:
    """Numbers paragraphs in document order: call `label(num_id, ilvl)` once per numbered paragraph."""

    def __init__(self, numbering_el, style_num_ids: dict[str, str] | None = None) -> None:
        self._levels: dict[str, dict[int, _Level]] = {}
        self._abstract_of: dict[str, str] = {}
        self._overrides: dict[str, dict[int, int]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if numbering_el is None:
            return
        links: dict[str, str] = {}
        for absn in numbering_el.iter(f"{W}abstractNum"):
            aid = absn.get(f"{W}abstractNumId")
            self._levels[aid] = {int(lvl.get(f"{W}ilvl")): _Level(lvl) for lvl in absn.iter(f"{W}lvl")}
            link = _val(absn, "numStyleLink")
            if link:
                links[aid] = link
        for num in numbering_el.iter(f"{W}num"):
            nid = num.get(f"{W}numId")
            self._abstract_of[nid] = _val(num, "abstractNumId")
            self._overrides[nid] = {
                int(o.get(f"{W}ilvl")): int(_val(o, "startOverride"))
                for o in num.iter(f"{W}lvlOverride")
                if _val(o, "startOverride") is not None
            }
        # An abstractNum that only links to a numbering style borrows that style's list.
        for aid, style_id in links.items():
            target_num = (style_num_ids or {}).get(style_id)
            target = self._abstract_of.get(target_num or "")
            if target and target != aid and not self._levels.get(aid):
                self._levels[aid] = self._levels.get(target, {})

    def label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """(label as shown, separator after it) for the next paragraph of list `num_id` at `ilvl`."""
        aid = self._abstract_of.get(num_id)
        levels = self._levels.get(aid or "")
        if not levels or ilvl not in levels:
            return "", ""
        counters = self._counters.setdefault(aid, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for level, start in self._overrides.get(num_id, {}).items():
                counters[level] = start - 1
                for deeper in [k for k in counters if k > level]:
                    del counters[deeper]
        lvl = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, lvl.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # "1.2" after "1.1.3" restarts the third level

        def fill(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            level = levels.get(k)
            if level is None:
                return ""
            return format_number(counters.get(k, level.start), level.fmt)

        if lvl.fmt == "bullet":
            return "•", " "
        text = _PLACEHOLDER.sub(fill, lvl.text or "")
        return text, "" if lvl.suffix == "nothing" else " "
