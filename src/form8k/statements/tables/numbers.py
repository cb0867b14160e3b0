"""Cell text -> number, keeping the raw text beside the value.

Statement cells print numbers in many ways: `$ 1,234`, `(1,234)`, `(3,044`
with its `)` in the next cell, `—` for zero, `33%`, `(0.22)`, `\\$ 66,682` in
text extracted from PDFs. `parse_number` reads one cell; junk in gives `None`
out, never an exception.

>>> parse_number("(1,234)").value
Decimal('-1234')
>>> parse_number("—").value
Decimal('0')
>>> parse_number("4 = 000") is None
True
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_CLEAN = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2212": "-", "\uff04": "$"})
# A trailing footnote marker such as "1,234 (1)", "1,234(a)" or "1,234 *".
_FOOTNOTE = re.compile(r"(?<=[\d)%])\s*(?:\((?:\d|[a-z]|[ivx]{1,3})\)|\*{1,3}|†|‡)$")
_MARK_ENDS = (")", "*", "†", "‡")  # how a footnote marker ends (a cell never ends in a line break)
_NUMBER = re.compile(
    r"""^
    (?P<lp>\()?\s*
    (?P<cur>(?:US|U\.S\.)?\$|€|£)?\s*
    (?P<lp2>\()?\s*
    (?P<sign>[-+])?\s*
    (?P<cur2>\$)?\s*
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
    \s*(?P<pct>%)?\s*
    (?P<rp>\))?\s*
    (?P<pct2>%)?
    $""",
    re.X,
)
_HAS_NUMBER = re.compile(rf"[{_DASHES}\d]")
_DASH = re.compile(rf"^\(?\s*(?:(?:US)?\$)?\s*[{_DASHES}]+\s*\)?\s*%?$")


class Number(NamedTuple):
    """One printed number: its value as printed (sign included, not scaled).

    A named tuple rather than a frozen dataclass: as immutable, and made twice as fast, for every cell.
    """

    value: Decimal
    raw: str
    decimals: int = 0  # digits printed after the decimal point
    percent: bool = False
    currency: bool = False
    dash: bool = False  # printed as a dash, read as zero

    @property
    def negative(self) -> bool:
        return self.value < 0


def clean_cell(text: str) -> str:
    """Cell text with PDF escapes, odd spaces and minus signs made plain."""
    if not text.isascii():  # every character _CLEAN changes is outside ASCII
        text = text.translate(_CLEAN)
    return text.replace("\\$", "$").strip()


def parse_number(text: str | None) -> Number | None:
    """The number printed in one cell, or None when the cell holds no number.

    >>> parse_number("$ 0.07").value
    Decimal('0.07')
    >>> n = parse_number("(4%")
    >>> (n.value, n.percent)
    (Decimal('-4'), True)
    """
    if not text:
        return None
    return parse_clean(clean_cell(text), text)


def parse_clean(s: str, raw: str) -> Number | None:
    """`parse_number` of a cell already passed through `clean_cell` (the hot path of grid reading)."""
    if not s or len(s) > 40 or not _HAS_NUMBER.search(s):
        return None
    if s.isdigit() and s.isascii():  # "2023", "12072": the commonest cell, no pattern needed
        return Number(Decimal(s), raw)
    if _DASH.match(s):
        return Number(Decimal(0), raw, 0, percent=s.endswith("%"), currency="$" in s, dash=True)
    if s.endswith(_MARK_ENDS):
        s = _FOOTNOTE.sub("", s)
    m = _NUMBER.match(s)
    if m is None:
        return None
    lp, cur, lp2, sign, cur2, num, pct, rp, pct2 = m.group("lp", "cur", "lp2", "sign", "cur2", "num", "pct", "rp",
                                                           "pct2")
    try:
        value = Decimal(num.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    if lp or lp2 or rp or sign == "-":
        value = -value
    decimals = len(num.split(".", 1)[1]) if "." in num else 0
    return Number(value, raw, decimals, percent=bool(pct or pct2), currency=bool(cur or cur2))


YEAR_IN_TEXT = re.compile(r"\b(?:19|20)\d\d\b")  # a year named anywhere in a header or a title


def is_year(text: str) -> bool:
    """Whether a cell is a bare fiscal year such as `2006` (a header, not an amount)."""
    s = clean_cell(text).rstrip("*").strip()
    return len(s) == 4 and s.isdigit() and 1900 <= int(s) <= 2100
