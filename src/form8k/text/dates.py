"""Dates as filings print them: "February 1, 2007", "Sept. 30, 2004", "March 21,2003", "12/14/2023"."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

MONTHS: dict[str, int] = {  # month names and abbreviations, lower case, to their numbers
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = (r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
          r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
DATE_PATTERN = re.compile(
    rf"\b{_MONTH}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<year>(?:19|20)\d\d)\b"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?{_MONTH.replace('month', 'month2')}\s*,?\s+"
    rf"(?P<year2>(?:19|20)\d\d)\b"
    r"|\b(?P<m3>\d{1,2})/(?P<d3>\d{1,2})/(?P<y3>(?:19|20)?\d\d)\b",
    re.IGNORECASE,
)


def _month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _from_match(m: re.Match[str]) -> dt.date | None:
    try:
        if m.group("month"):
            month, day, year = _month_number(m.group("month")), int(m.group("day")), int(m.group("year"))
        elif m.group("month2"):
            month, day, year = _month_number(m.group("month2")), int(m.group("day2")), int(m.group("year2"))
        else:
            month, day, year = int(m.group("m3")), int(m.group("d3")), int(m.group("y3"))
            if year < 100:
                year += 2000 if year < 50 else 1900
        if month is None:
            return None
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[dt.date, int, int]]:
    """Every date printed in `text[start:end]`, with its offsets.

    >>> [(d.isoformat(), a) for d, a, _ in find_dates("Signed on Sept. 30, 2004 and March 21,2003.")]
    [('2004-09-30', 10), ('2003-03-21', 29)]
    >>> [d.isoformat() for d, _, _ in find_dates("duly authorized on this 8th day of January, 2025.")]
    ['2025-01-08']
    """
    for m in DATE_PATTERN.finditer(text, start, len(text) if end is None else end):
        value = _from_match(m)
        if value is not None:
            yield value, m.start(), m.end()


def parse_date(text: str) -> dt.date | None:
    """The first date printed in `text`, or None.

    >>> parse_date("Date of Report: December 24, 1996")
    datetime.date(1996, 12, 24)
    """
    for value, _, _ in find_dates(text):
        return value
    return None
