"""The fiscal calendar of a press release: which fiscal year and quarter it reports, when its years end.

"the second quarter of the Company's 2007 fiscal year" with "three-month period
ended December 31, 2006" gives a fiscal year ending in June, labelled by the
calendar year it ends in; "third quarter of fiscal 2024" ended November 2, 2024
gives a retailer's year ending around February 1, labelled by the calendar year
it starts in. The calendar then turns "the same quarter in fiscal 2006" or
"the first half of fiscal 2007" into a period end and a length in months.

Dates of 52/53-week years drift by a few days; consumers match period ends
within `TOLERANCE_DAYS`.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from form8k.text.dates import MONTHS
from form8k.text.fold import fold

__all__ = ["FiscalCalendar", "TOLERANCE_DAYS", "add_months", "find_dates", "infer_calendar", "parse_date",
           "months_from_weeks", "DATE_RE", "ORDINALS"]

TOLERANCE_DAYS = 10

ORDINALS: dict[str, int] = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
                            "4th": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4}


def ordinal_number(text: str) -> int | None:
    """'Second' -> 2, 'Q3' -> 3; also for the look-alike letters case-insensitive matching lets through ('fİrſt')."""
    key = text.lower()
    if key not in ORDINALS:
        key = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return ORDINALS.get(key)


_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_RE = (r"(?:(?i:" + _MONTH_ALT + r"))\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*,\s*\d{4})?")
# `(?=[adfjmnos])`: a month's first letter, tested before the month names are tried at a position.
_DATE = re.compile(r"\b(?=[adfjmnos])(?P<month>" + _MONTH_ALT + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*,\s*(?P<year>\d{4}))?\b",
                   re.I)
_Q = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
# A pattern opening with _Q first tests that character class: most positions fail it at once.
_Q_FIRST = r"(?=[fst1-4])"
_QUARTER_FACTS = [
    # "second quarter of the Company's 2007 fiscal year", "second quarter of fiscal 2007", "fiscal 2011 first quarter"
    re.compile(_Q_FIRST + _Q + r"\s+(?:fiscal\s+)?quarter\s+(?:of\s+)?(?:the\s+company[’']s\s+|its\s+|our\s+)?"
               r"(?:fiscal\s+(?:year\s+)?)?(?P<fy>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\bfiscal\s+(?:year\s+)?(?P<fy>(?:19|20)\d\d)\s+" + _Q + r"\s+quarter", re.I),
    re.compile(r"\b(?P<qq>Q[1-4])\s+(?:of\s+)?(?:fiscal\s+(?:year\s+)?|FY\s?)(?P<fy>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\bfiscal\s+(?:year\s+)?(?P<fy>(?:19|20)\d\d)\s+(?P<qq>Q[1-4])\b", re.I),
    re.compile(_Q_FIRST + _Q + r"\s+fiscal\s+quarter\s+(?:of\s+)?(?:fiscal\s+)?(?P<fy>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<fy>(?:19|20)\d\d)\s+" + _Q + r"\s+quarter", re.I),
    re.compile(r"\b(?P<qq>Q[1-4])\s+(?P<fy>(?:19|20)\d\d)\b"),
]
_ENDED = re.compile(r"\b(?:ended|ending)\s+(?:on\s+)?(?P<date>" + DATE_RE + ")", re.I)
_QUARTER_ENDED = re.compile(_Q_FIRST + _Q + r"\s+(?:fiscal\s+)?quarter\s+(?:ended|ending)\s+(?P<date>" + DATE_RE + ")",
                            re.I)
_THREE_MONTHS_ENDED = re.compile(  # (?=[t31fq]): the alternatives' first characters, tested first
    r"\b(?=[t31fq])(?:(?:three|3)[- ]months?(?:\s+period)?|(?:13|14)[- ]weeks?(?:\s+fiscal)?(?:\s+quarter|\s+period)?|"
    r"(?:fiscal\s+)?quarter)\s+(?:ended|ending)\s+(?P<date>" + DATE_RE + ")", re.I)
_FY_ENDED = re.compile(r"\bfiscal\s+year\s+(?:(?P<fy>(?:19|20)\d\d)\s+)?ended\s+(?P<date>" + DATE_RE + ")", re.I)


def parse_date(text: str, default_year: int | None = None) -> dt.date | None:
    """'December 31, 2006' -> 2006-12-31; 'Dec. 2, 2022'; 'July 22' takes `default_year` or gives None."""
    m = _DATE.search(text)
    if m is None:
        return None
    year = int(m.group("year")) if m.group("year") else default_year
    if year is None:
        return None
    try:
        return dt.date(year, MONTHS[m.group("month").lower()], int(m.group("day")))
    except ValueError:
        return None


def find_dates(text: str, default_year: int | None = None) -> list[tuple[int, int, dt.date]]:
    """Every date in `text` as (start, end, date)."""
    out: list[tuple[int, int, dt.date]] = []
    for m in _DATE.finditer(text):
        d = parse_date(m.group(0), default_year)
        if d is not None:
            out.append((m.start(), m.end(), d))
    return out


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def is_month_end(d: dt.date) -> bool:
    return d.day == _cal.monthrange(d.year, d.month)[1]


def add_months(d: dt.date, months: int) -> dt.date:
    """`d` moved by whole months; a month's last day stays a month's last day (Dec 31 - 6 = Jun 30)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if is_month_end(d):
        return _month_end(year, month)
    return dt.date(year, month, min(d.day, _cal.monthrange(year, month)[1]))


def months_from_weeks(weeks: int) -> int:
    """13 -> 3, 14 -> 3, 26 -> 6, 39 -> 9, 52/53 -> 12."""
    return max(1, round(weeks * 12 / 52.18))


def months_between(a: dt.date, b: dt.date) -> int:
    """Whole months from a to b, rounded (for period ends a few days apart in 52/53-week years)."""
    return round((b - a).days / 30.44)


@dataclass(slots=True)
class FiscalCalendar:
    """When fiscal years end and which period the release reports."""

    year_end_month: int | None = None
    year_end_day: int | None = None
    month_end: bool = True  # years end on a month's last day (not a 52/53-week Saturday)
    label_offset: int = 0  # a fiscal year's label minus the calendar year in which it ends
    fiscal_year: int | None = None  # the release's fiscal year and quarter (4 for a year-end release)
    fiscal_quarter: int | None = None
    current_end: dt.date | None = None  # end of the latest period the release reports

    @property
    def year_end(self) -> str | None:
        if self.year_end_month is None or self.year_end_day is None:
            return None
        return f"{self.year_end_month:02d}-{self.year_end_day:02d}"

    def fiscal_year_end(self, fy: int) -> dt.date | None:
        if self.year_end_month is None or self.year_end_day is None:
            return None
        year = fy - self.label_offset
        if self.month_end:
            return _month_end(year, self.year_end_month)
        day = min(self.year_end_day, _cal.monthrange(year, self.year_end_month)[1])
        return dt.date(year, self.year_end_month, day)

    def quarter_end(self, fy: int, quarter: int) -> dt.date | None:
        end = self.fiscal_year_end(fy)
        return None if end is None else add_months(end, -3 * (4 - quarter))

    def label_of(self, d: dt.date) -> int | None:
        """The fiscal year a date falls in."""
        if self.year_end_month is None or self.year_end_day is None:
            return None
        end = self.fiscal_year_end(d.year + self.label_offset)
        assert end is not None
        fy = d.year + self.label_offset
        if (d - end).days > TOLERANCE_DAYS:
            fy += 1
        return fy

    def last_year_end_before(self, d: dt.date) -> dt.date | None:
        fy = self.label_of(d)
        if fy is None:
            return None
        end = self.fiscal_year_end(fy)
        if end is not None and abs((end - d).days) <= TOLERANCE_DAYS:
            return end
        return self.fiscal_year_end(fy - 1)


_RESULTS = re.compile(r"\b(?:results|reports?|reported|announced|announces|earnings|net\s+income|net\s+loss|"
                      r"revenues?|net\s+sales)\b", re.I)
_PIECES = re.compile(r"[^\n.!?]+(?:[.!?]+|\n|$)")


def _quarter_labels(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, quarter, fiscal year) of each "second quarter of fiscal 2007"-like phrase, in order.

    Only sentences about results count: "screening will begin in the first
    quarter of 2025" says nothing of the release's own quarter.
    """
    found: list[tuple[int, int, int, int]] = []
    for piece in _PIECES.finditer(text):
        words = piece.group(0)
        # every label names a quarter ("quarter", "Q2") and a fiscal year (see form8k.text.fold)
        if "q" not in fold(words) or ("19" not in words and "20" not in words) or not _RESULTS.search(words):
            continue
        for pattern in _QUARTER_FACTS:
            for m in pattern.finditer(text, piece.start(), piece.end()):
                groups = m.groupdict()
                q_text = groups.get("q") or groups.get("qq")
                quarter = ordinal_number(q_text) if q_text else None
                if quarter and all(m.end() <= s or m.start() >= e for s, e, _, _ in found):
                    found.append((m.start(), m.end(), quarter, int(m.group("fy"))))
    found.sort()
    return found


def _header_year_end(cal: FiscalCalendar, header_year_end: str | None) -> None:
    if header_year_end and len(header_year_end) == 4 and header_year_end.isdigit():
        month, day = int(header_year_end[:2]), int(header_year_end[2:])
        if 1 <= month <= 12 and 1 <= day <= 31:
            cal.year_end_month, cal.year_end_day = month, day
            cal.month_end = day >= 28 and day == _cal.monthrange(2001, month)[1]


def infer_calendar(text: str, header_year_end: str | None = None,
                   period_ends: Iterable[dt.date] = ()) -> FiscalCalendar:
    """The fiscal calendar a release's prose and the filing's header imply.

    The release's quarter ("second quarter of fiscal 2007", "fiscal 2011 first
    quarter") with its end date ("three-month period ended December 31, 2006")
    fixes the fiscal year end and how years are labelled; failing that, "fiscal
    year ended June 30, 2006" or the SGML header's FISCAL-YEAR-END gives the
    month and day.

    >>> cal = infer_calendar("results for the three-month period ended December 31, 2006 — the second "
    ...                      "quarter of the Company's 2007 fiscal year.")
    >>> cal.year_end, cal.fiscal_year, cal.fiscal_quarter, str(cal.current_end)
    ('06-30', 2007, 2, '2006-12-31')
    """
    cal = FiscalCalendar()
    head = text[:30000]
    labels = _quarter_labels(head)
    q: int | None = None
    fy: int | None = None
    end: dt.date | None = None
    for _, stop, lq, lfy in labels:
        m = _ENDED.match(head, stop) or _ENDED.match(head, stop + 1)
        if m is not None and m.start() - stop <= 2:
            q, fy, end = lq, lfy, parse_date(m.group("date"))
            break
    if end is None:
        m = _QUARTER_ENDED.search(head)
        if m is not None:
            q, end = ordinal_number(m.group("q")), parse_date(m.group("date"))
        else:
            m = _THREE_MONTHS_ENDED.search(head)
            end = parse_date(m.group("date")) if m else None
        if q is None and labels:
            q = labels[0][2]
        same_q = [lfy for _, _, lq, lfy in labels if lq == q]
        fy = max(same_q) if same_q else None  # the release's own quarter is the latest one it names
    if q is not None and fy is not None and end is not None:
        year_end = add_months(end, 3 * (4 - q)) if is_month_end(end) else end + dt.timedelta(weeks=13 * (4 - q))
        cal.year_end_month, cal.year_end_day = year_end.month, year_end.day
        cal.month_end = is_month_end(end)
        cal.label_offset = fy - year_end.year
        cal.fiscal_year, cal.fiscal_quarter, cal.current_end = fy, q, end
        return cal
    direct = _FY_ENDED.search(text)
    if direct is not None and (d := parse_date(direct.group("date"))) is not None:
        cal.year_end_month, cal.year_end_day, cal.month_end = d.month, d.day, is_month_end(d)
        if direct.group("fy"):
            cal.label_offset = int(direct.group("fy")) - d.year
    else:
        _header_year_end(cal, header_year_end)
    if q is not None and fy is not None:
        cal.fiscal_quarter, cal.fiscal_year = q, fy
        cal.current_end = end or cal.quarter_end(fy, q)
    else:
        cal.current_end = end
        if cal.current_end is None:
            ends = sorted(period_ends)
            cal.current_end = ends[-1] if ends else None
        if cal.current_end is not None and cal.year_end_month is not None:
            label = cal.label_of(cal.current_end)
            fy_end = cal.fiscal_year_end(label) if label is not None else None
            if label is not None and fy_end is not None:
                cal.fiscal_year = label
                cal.fiscal_quarter = max(1, min(4, 4 - round(months_between(cal.current_end, fy_end) / 3)))
    if cal.current_end is not None:
        for pe in period_ends:  # snap to a period the statements actually hold
            if abs((pe - cal.current_end).days) <= TOLERANCE_DAYS:
                cal.current_end = pe
                break
    return cal
