"""Period phrases of press-release prose and the periods they name.

`find_periods(text)` finds "for the three-month period ended December 31,
2006", "the second quarter of fiscal 2007", "the same period last year", "as of
June 30, 2006", "the first half of fiscal 2007", "on a trailing twelve-month
basis"…; `resolve(phrase, calendar, anchor)` turns one into `(period_end,
months)` (months 0 for an instant), using the release's fiscal calendar and,
for relative phrases ("last year"), the period they are relative to.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from form8k.statements.fiscal import (
    DATE_RE,
    FiscalCalendar,
    add_months,
    months_from_weeks,
    ordinal_number,
    parse_date,
)
from form8k.text.fold import fold

__all__ = ["Period", "PeriodPhrase", "find_periods", "resolve", "shift_years"]

Period = tuple[dt.date, int]

_WORD_MONTHS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "3": 3, "6": 6, "9": 9, "12": 12}
_WORD_WEEKS = {"thirteen": 13, "twenty-six": 26, "thirty-nine": 39, "fifty-two": 52, "fifty-three": 53,
               "fourteen": 14}
_Q = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
_FY = r"(?P<fy>(?:19|20)\d\d)"
# Patterns start at a word boundary; the lead words ("for the", "during its") are taken in afterwards, which
# spares every pattern an optional prefix tried at every position of the text.
_LEAD = r"\b"
_LEAD_BACK = re.compile(r"(?:\b(?:for|in|during|over|through|of|from)\s+)?(?:\b(?:the|its|our|this)\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class PeriodPhrase:
    start: int
    end: int
    text: str
    kind: str  # dated, quarter, year, ytd, current, prior_year, same_in_year, year_end, ttm
    months: int | None = None
    date: dt.date | None = None
    fiscal_year: int | None = None
    quarter: int | None = None
    instant: bool = False


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


_DURATION_ENDED = _p(
    _LEAD + r"(?:(?P<m>three|six|nine|twelve|3|6|9|12)[- ]months?|(?P<w>\d{2})[- ]weeks?|"
    r"(?P<ww>thirteen|fourteen|twenty-six|thirty-nine|fifty-two|fifty-three)[- ]weeks?)"
    r"(?:\s+fiscal)?(?:\s+(?:period|quarter|year)s?)?\s+(?:ended|ending)\s+(?:on\s+)?(?P<date>" + DATE_RE + ")")
_QUARTER_ENDED = _p(
    _LEAD + r"(?:fiscal\s+(?:year\s+)?\d{4}\s+)?(?:" + _Q + r"\s+)?(?:fiscal\s+)?quarter"
    r"(?:\s+(?:of\s+)?fiscal\s+(?:year\s+)?\d{4})?\s+(?:ended|ending)\s+(?:on\s+)?(?P<date>" + DATE_RE + ")")
_YEAR_ENDED = _p(_LEAD + r"(?:fiscal\s+)?year\s+(?:ended|ending)\s+(?:on\s+)?(?P<date>" + DATE_RE + ")")
_INSTANT = _p(r"\b(?:as\s+of|as\s+at|at)\s+(?:the\s+end\s+of\s+)?(?P<date>" + DATE_RE + ")")
_QUARTER_LABELS = [
    _p(_LEAD + _Q + r"\s+(?:fiscal\s+)?quarter\s+(?:of\s+)?(?:the\s+company[’']s\s+|its\s+|our\s+)?"
       r"(?:fiscal\s+(?:year\s+)?)?" + _FY + r"(?:\s+fiscal\s+year)?\b"),
    _p(_LEAD + r"fiscal\s+(?:year\s+)?" + _FY + r"\s+" + _Q + r"\s+quarter"),
    _p(_LEAD + r"(?P<qq>Q[1-4])\s+(?:of\s+)?(?:fiscal\s+(?:year\s+)?|FY\s?)?" + _FY + r"\b"),
    _p(_LEAD + r"fiscal\s+(?:year\s+)?" + _FY + r"\s+(?P<qq>Q[1-4])\b"),
    _p(_LEAD + _Q + r"\s+fiscal\s+quarter\s+(?:of\s+)?(?:fiscal\s+)?" + _FY + r"\b"),
    _p(_LEAD + _FY + r"\s+" + _Q + r"\s+quarter"),
]
_SAME_IN_YEAR = [
    _p(_LEAD + r"same\s+(?:period|quarter)\s+(?:in|of)\s+(?:fiscal\s+(?:year\s+)?)?" + _FY + r"\b"),
    _p(_LEAD + r"fiscal\s+" + _FY + r"\s+quarter\b"),
]
_HALF = _p(_LEAD + r"(?P<which>first|second)\s+half(?:\s+of)?(?:\s+(?:the\s+)?(?:fiscal\s+)?(?:year\s+)?" + _FY + r")?"
           r"(?:\s+fiscal\s+year)?")
_NINE = _p(_LEAD + r"(?:first\s+)?nine\s+months(?:\s+of)?(?:\s+(?:fiscal\s+)?(?:year\s+)?" + _FY + r")?")
_YTD = _p(_LEAD + r"year[- ]to[- ]date(?:\s+period)?")
_FY_LABELS = [
    _p(_LEAD + r"(?:full[- ]year|full\s+fiscal\s+year|fiscal\s+year|fiscal|FY\s?)\s*" + _FY + r"\b"),
    _p(_LEAD + _FY + r"\s+fiscal\s+year\b"),
    _p(r"(?:for|in|during)\s+" + _FY + r"\b(?![-,/]\d)"),
    _p(r"\byear[- ]end\s+" + _FY + r"\b"),
]
_THE_YEAR = _p(r"\b(?:(?:for|during|over)\s+the\s+(?:full\s+|fiscal\s+|full\s+fiscal\s+)?year|(?:the\s+)?full[- ]year|"
               r"(?:the\s+)?fiscal\s+year)\b(?![- ](?:ago|earlier|end|over|to))")
_PRIOR_YEAR = _p(
    r"\b(?:(?:for|in|during|over|from)\s+)?(?:the\s+)?(?:"
    r"same\s+(?:period|quarter)\s+(?:of\s+|in\s+)?(?:last|the\s+prior|the\s+previous|a)\s+year|"
    r"same\s+(?:period|quarter)\s+a\s+year\s+(?:ago|earlier)|"
    r"(?:prior|previous)[- ]year(?:\s+(?:fiscal\s+)?(?:period|quarter)|[’']s\s+(?:period|quarter))?|"
    r"year[- ]ago\s+(?:period|quarter)|(?:last|prior|previous)\s+year[’']s(?:\s+(?:period|quarter|Q[1-4]))?|"
    r"last\s+year|a\s+year\s+(?:ago|earlier))")
_PRIOR_YEAR_END = _p(r"\b\b(?:at|as\s+of)\s+(?:the\s+)?(?:prior|previous)\s+year\s+quarter[- ]end")
_YEAR_END = _p(r"(?:at|as\s+of)\s+(?:the\s+)?(?:fiscal\s+)?year[- ]end\b(?!\s+(?:19|20)\d\d)")
_CURRENT_INSTANT = _p(
    r"\b(?:(?:as\s+of|at)\s+the\s+end\s+of\s+the\s+(?:current\s+)?(?:fiscal\s+)?(?:year\s+)?quarter|"
    r"exiting\s+the\s+quarter|at\s+quarter[- ]end)")
_MONTH_QUARTER = _p(_LEAD + r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
                           r"November|December)\s+quarter")
_CURRENT = _p(r"\b(?:(?:for|in|during|through|of)\s+)?(?:the|this)\s+(?:current\s+)?(?:fiscal\s+)?(?:year\s+)?quarter\b"
              r"(?![- ](?:end|ended|ending))")
_TTM = _p(r"\b(?:on\s+a\s+)?trailing[- ](?:twelve|12|four|4)[- ](?:months?|quarters?)(?:\s+basis)?|"
          r"(?:the\s+)?(?:last|past)\s+(?:twelve|12)\s+months")
_QUARTER_ALONE = _p(_LEAD + r"(?:" + _Q + r"\s+(?:fiscal\s+)?quarter|(?P<qq>Q[1-4]))\b"
                    r"(?!\s+(?:of\s+)?(?:fiscal\s+)?(?:year\s+)?(?:19|20)\d\d)")


# Every month name of DATE_RE starts with one of these.
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# A sentence that names a period holds one of these words (tested in folded text) or marks.
_PERIOD_WORDS = ("quarter", "year", "month", "week", "half", "trailing")
_PERIOD_MARK = re.compile(r"\bQ[1-4]\b|(?:19|20)\d\d|\bas\s+of\b", re.I)


def _months(m: re.Match[str]) -> int | None:
    g = m.groupdict()
    if g.get("m"):
        return _WORD_MONTHS[g["m"].lower()]
    if g.get("w"):
        return months_from_weeks(int(g["w"]))
    if g.get("ww"):
        return months_from_weeks(_WORD_WEEKS[g["ww"].lower()])
    return None


def _quarter(m: re.Match[str]) -> int | None:
    g = m.groupdict()
    text = g.get("q") or g.get("qq")
    return ordinal_number(text) if text else None


def find_periods(text: str, default_year: int | None = None) -> list[PeriodPhrase]:
    """Every period phrase in `text`, in order, none overlapping (the more specific wins).

    >>> [p.kind for p in find_periods("for the three-month period ended December 31, 2006, compared to "
    ...                               "$6.6 million for the same period last year")]
    ['dated', 'prior_year']
    """
    low = fold(text)
    if not any(word in low for word in _PERIOD_WORDS) and not _PERIOD_MARK.search(text):
        return []
    found: list[PeriodPhrase] = []

    def add(m: re.Match[str], kind: str, **kw: object) -> None:
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        lead = _LEAD_BACK.search(text, max(0, start - 24), start)
        if lead is not None and lead.start() < start:
            start = lead.start()
        if any(not (end <= p.start or start >= p.end) for p in found):
            return
        found.append(PeriodPhrase(start=start, end=end, text=text[start:end], kind=kind, **kw))  # type: ignore[arg-type]

    # Each pattern runs only on a sentence holding the words it cannot match without (see form8k.text.fold).
    dated = any(month in low for month in _MONTH_STEMS)
    ended = dated and "end" in low
    fiscal_year = "19" in low or "20" in low
    if ended and ("month" in low or "week" in low):
        for m in _DURATION_ENDED.finditer(text):
            d = parse_date(m.group("date"), default_year)
            if d is not None:
                add(m, "dated", months=_months(m), date=d)
    if ended and "quarter" in low:
        for m in _QUARTER_ENDED.finditer(text):
            d = parse_date(m.group("date"), default_year)
            if d is not None:
                add(m, "dated", months=3, date=d, quarter=_quarter(m))
    if ended and "year" in low:
        for m in _YEAR_ENDED.finditer(text):
            d = parse_date(m.group("date"), default_year)
            if d is not None:
                add(m, "dated", months=12, date=d)
    if "quarter" in low and "end" in low:
        for m in _PRIOR_YEAR_END.finditer(text):
            add(m, "prior_year", months=0, instant=True)
    if dated:
        for m in _INSTANT.finditer(text):
            d = parse_date(m.group("date"))  # an instant needs its year printed
            if d is not None:
                add(m, "dated", months=0, date=d, instant=True)
    if fiscal_year and "q" in low:
        for pattern in _QUARTER_LABELS:
            for m in pattern.finditer(text):
                add(m, "quarter", months=3, fiscal_year=int(m.group("fy")), quarter=_quarter(m))
    if fiscal_year and ("same" in low or "quarter" in low):
        for pattern in _SAME_IN_YEAR:
            for m in pattern.finditer(text):
                add(m, "same_in_year", fiscal_year=int(m.group("fy")))
    if "half" in low:
        for m in _HALF.finditer(text):
            fy = int(m.group("fy")) if m.group("fy") else None
            add(m, "ytd" if m.group("which").lower() == "first" else "second_half", months=6, fiscal_year=fy)
    if "nine" in low:
        for m in _NINE.finditer(text):
            add(m, "ytd", months=9, fiscal_year=int(m.group("fy")) if m.group("fy") else None)
    if "date" in low:
        for m in _YTD.finditer(text):
            add(m, "ytd")
    if "trailing" in low or "month" in low:
        for m in _TTM.finditer(text):
            add(m, "ttm", months=12)
    if "quarter" in low:
        for m in _CURRENT_INSTANT.finditer(text):
            add(m, "current", months=0, instant=True)
    if "year" in low and "end" in low:
        for m in _YEAR_END.finditer(text):
            add(m, "year_end", months=0, instant=True)
    if fiscal_year:
        for pattern in _FY_LABELS:
            for m in pattern.finditer(text):
                add(m, "year", months=12, fiscal_year=int(m.group("fy")))
    if "year" in low:
        for m in _PRIOR_YEAR.finditer(text):
            add(m, "prior_year")
    if "quarter" in low:
        for m in _MONTH_QUARTER.finditer(text):
            add(m, "current", months=3)
    if "q" in low:
        for m in _QUARTER_ALONE.finditer(text):
            add(m, "quarter", months=3, quarter=_quarter(m))
    if "quarter" in low:
        for m in _CURRENT.finditer(text):
            add(m, "current", months=3)
    if "year" in low:
        for m in _THE_YEAR.finditer(text):
            add(m, "year", months=12)
    found.sort(key=lambda p: p.start)
    return _merge(found, text)


def _merge(found: list[PeriodPhrase], text: str) -> list[PeriodPhrase]:
    """'the prior year' + '13-week fiscal quarter ended October 28, 2023' read as one dated phrase."""
    out: list[PeriodPhrase] = []
    for p in found:
        if out and not text[out[-1].end:p.start].strip():
            prev = out[-1]
            if p.kind == "dated" and prev.kind in ("prior_year", "current", "quarter", "year"):
                out[-1] = PeriodPhrase(start=prev.start, end=p.end, text=text[prev.start:p.end], kind="dated",
                                       months=p.months, date=p.date, quarter=p.quarter or prev.quarter,
                                       instant=p.instant)
                continue
            if prev.kind == "dated" and p.kind in ("current", "prior_year") and not p.instant:
                out[-1] = PeriodPhrase(start=prev.start, end=p.end, text=text[prev.start:p.end], kind="dated",
                                       months=prev.months, date=prev.date, quarter=prev.quarter,
                                       instant=prev.instant)
                continue
        out.append(p)
    return out


def shift_years(period: Period, years: int, cal: FiscalCalendar | None = None) -> Period:
    """The same period `years` earlier (negative) or later: 52 weeks a year in a 52/53-week calendar."""
    end, months = period
    if cal is not None and not cal.month_end:
        return end + dt.timedelta(weeks=52 * years), months
    return add_months(end, 12 * years), months


def resolve(phrase: PeriodPhrase, cal: FiscalCalendar, anchor: Period | None = None) -> Period | None:
    """The `(period_end, months)` a phrase names; None when the calendar cannot tell."""
    current: Period | None = (cal.current_end, 3) if cal.current_end is not None else None
    kind = phrase.kind
    if kind == "dated":
        assert phrase.date is not None
        return phrase.date, phrase.months if phrase.months is not None else 3
    if kind == "quarter":
        fy = phrase.fiscal_year or cal.fiscal_year
        q = phrase.quarter or cal.fiscal_quarter
        if fy is None or q is None:
            return None
        if fy == cal.fiscal_year and q == cal.fiscal_quarter and current is not None:
            return current
        end = cal.quarter_end(fy, q)
        return (end, 3) if end is not None else None
    if kind == "year":
        fy = phrase.fiscal_year or cal.fiscal_year
        end = cal.fiscal_year_end(fy) if fy is not None else None
        if end is not None and cal.current_end is not None and abs((end - cal.current_end).days) <= 10:
            end = cal.current_end
        return (end, 12) if end is not None else None
    if kind in ("ytd", "second_half"):
        fy = phrase.fiscal_year or cal.fiscal_year
        months = phrase.months or (3 * cal.fiscal_quarter if cal.fiscal_quarter else None)
        if fy is None or months is None:
            return None
        end = cal.fiscal_year_end(fy) if kind == "second_half" else cal.quarter_end(fy, months // 3)
        if end is not None and cal.current_end is not None and abs((end - cal.current_end).days) <= 10:
            end = cal.current_end
        return (end, months) if end is not None else None
    if kind == "current":
        if cal.current_end is None:
            return None
        return cal.current_end, 0 if phrase.instant else 3
    if kind == "ttm":
        return (cal.current_end, 12) if cal.current_end is not None else None
    if kind == "year_end":
        end = cal.last_year_end_before(cal.current_end) if cal.current_end is not None else None
        return (end, 0) if end is not None else None
    base = anchor or current
    if base is None:
        return None
    if kind == "prior_year":
        end, months = shift_years(base, -1, cal)
        return end, 0 if phrase.instant else months
    if kind == "same_in_year":
        label = cal.label_of(base[0])
        if label is None or phrase.fiscal_year is None:
            return None
        return shift_years(base, phrase.fiscal_year - label, cal)
    return None
