"""Column headers -> periods; titles and captions -> units and scale.

A column's header is the text of every header cell over it, top down:
"Three Months Ended" / "December 31," / "2006" reads as the three months
ended 2006-12-31. Missing parts come from the table's title block ("For the
13 Weeks Ended July 3, 2004 and June 28, 2003", "DECEMBER 31, 1997 AND
1996"). 13/26/39/52-week periods round to 3/6/9/12 months; a balance sheet
column without a duration is an instant (0 months).

>>> read_period("Three Months Ended December 31, 2006")
(datetime.date(2006, 12, 31), 3)
>>> read_scale("(in thousands, except per share amounts)")
(1000, 1000)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from form8k.statements.tables.raw import RawTable
from form8k.text.dates import MONTHS
from form8k.text.fold import fold

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# `(?=[adfjmnos])`: a month's first letter, tested before the month names are tried at a position.
_DATE = re.compile(rf"\b(?=[adfjmnos]){_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b\s*,?\s*(?P<year>(?:19|20)\d\d)?(?!\d)",
                   re.I)
_NUMERIC_DATE = re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)?\d\d)\b")
_YEAR = re.compile(r"(?<![\d,.$])(?:fiscal\s+|fy\s*)?((?:19|20)\d\d)(?![\d,.%])", re.I)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "twenty-six": 26,
                 "twenty six": 26, "twenty-seven": 27, "thirty-nine": 39, "thirty nine": 39, "forty": 40,
                 "fifty-two": 52, "fifty two": 52, "fifty-three": 53, "fifty three": 53}
_COUNT = r"(?P<n>\d{1,2}|" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + ")"
_MONTHS_DURATION = re.compile(rf"\b{_COUNT}[\s-]+months?\b", re.I)
_WEEKS_DURATION = re.compile(rf"\b{_COUNT}[\s-]+weeks?\b", re.I)
_QUARTER = re.compile(r"\bquarters?\b(?!\s+(?:ended|ending)\s+\w+\s+\d{1,2},\s*\d{4}\s+compared)|\bQ[1-4]\b|"
                      r"\b(?:first|second|third|fourth)\s+quarter\b", re.I)
_HALF = re.compile(r"\b(?:half[\s-]year|six[\s-]month|first\s+half|second\s+half)\b", re.I)
_YEAR_DURATION = re.compile(r"\b(?:years?|twelve[\s-]months|fiscal\s+year|annual|full[\s-]year)\b(?!\s*-\s*to)", re.I)
_INSTANT = re.compile(r"\bas\s+of\b|\bbalance\s+at\b|\bat\s+(?:" + _MONTH.replace("?P<month>", "?:") + r")", re.I)

_INCEPTION = re.compile(r"\binception\b|\bperiod\s+from\b", re.I)
_SHARES_ONLY = re.compile(r"\(\s*shares\s+in\s+(thousands|millions)\s*\)", re.I)
_SCALES = [
    (re.compile(r"\bin\s+billions\b|\(\s*billions\s*\)|\$\s*billions?\b", re.I), 10**9),
    (re.compile(r"\bin\s+millions\b|\(\s*millions\b|\$\s*in\s+millions|\bdollars\s+in\s+millions\b|\(\$\s*M\)|"
                r"\bmillions\s+of\s+(?:u\.?s\.?\s+)?dollars\b|\bamounts\s+in\s+millions\b", re.I), 10**6),
    (re.compile(r"\bin\s+thousands\b|\(\s*thousands\b|\$\s*in\s+thousands|000'?s\s+omitted|\bin\s+\$?000'?s\b|"
                r"\(\s*\$?\s*000'?s?\s*\)|\bdollars\s+in\s+thousands\b|\bamounts\s+in\s+thousands\b|"
                r"\bthousands\s+of\s+(?:u\.?s\.?\s+)?dollars\b", re.I), 10**3),
]
_SHARES_REFLECTED = re.compile(r"\bshares?\b[^;)]*?\b(?:reflected\s+)?in\s+(thousands|millions)\b|"
                               r"\(\s*shares\s+in\s+(thousands|millions)\s*\)", re.I)
_EXCEPT_SHARES = re.compile(r"\bexcept\s+(?:for\s+)?(?:the\s+)?(?:number\s+of\s+)?shares?\b(?!\s+price)|"
                            r"\bexcept\s+share\b", re.I)


@dataclass(slots=True)
class ColumnHead:
    label: str
    period_end: dt.date | None = None
    months: int | None = None
    basis: str | None = None  # gaap, non_gaap, adjustment, change, percent, low, high


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# A header names a duration only with one of these words (tested in folded text, see form8k.text.fold).
_DURATION_WORDS = ("week", "month", "half", "q", "year", "annual")
# A caption states a scale only with one of these.
_SCALE_WORDS = ("thousand", "million", "billion", "000", "$")


def _names_duration(text: str) -> bool:
    low = fold(text)
    return any(word in low for word in _DURATION_WORDS)


def _duration(text: str) -> int | None:
    if not _names_duration(text):
        return None
    m = _WEEKS_DURATION.search(text)
    if m:
        weeks = _count(m.group("n"))
        return round(weeks * 12 / 52) if weeks else None
    m = _MONTHS_DURATION.search(text)
    if m:
        return _count(m.group("n"))
    if _HALF.search(text):
        return 6
    if _QUARTER.search(text):
        return 3
    if _YEAR_DURATION.search(text) and not _INSTANT.search(text):
        return 12
    return None


_NUMBER_ALT = r"\d{1,2}|" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
_SERIES = re.compile(rf"\b((?:{_NUMBER_ALT})(?:\s*(?:,|and|&)\s*(?:{_NUMBER_ALT}))+)[\s-]+(months?|weeks?)\b", re.I)
_MONTH_BEFORE = re.compile("(?:" + _MONTH.replace("?P<month>", "?:") + r")\s+$", re.I)
_QUARTER_AND_YEAR = re.compile(r"\b(?:quarters?|three\s+months)\s+and\s+(?:fiscal\s+|full\s+)?years?\b", re.I)


def durations(text: str) -> list[int]:
    """Every duration a title names, in order: "Three and Six Months Ended" -> [3, 6]."""
    if not _names_duration(text):
        return []
    out: list[int] = []
    dated = False  # a "series" that began with the day of a date
    for m in _SERIES.finditer(text):
        counts = [_count(w.strip()) for w in re.split(r"\s*(?:,|\band\b|&)\s*", m.group(1)) if w.strip()]
        if _MONTH_BEFORE.search(text, max(0, m.start(1) - 12), m.start(1)):
            dated = True
            counts = counts[1:]  # "June 30, Six Months Ended": the first number is the day of a date
            if len(counts) < 2:
                continue
        weeks = m.group(2).lower().startswith("week")
        out += [round(c * 12 / 52) if weeks else c for c in counts if c]
    if not out and dated:  # "Three Months Ended June 30, Six Months Ended June 30,": each phrase in order
        out = [c for m in _MONTHS_DURATION.finditer(text) if (c := _count(m.group("n")))]
    if not out and _QUARTER_AND_YEAR.search(text):
        out = [3, 12]
    if out:
        return out
    single = _duration(text)
    return [single] if single is not None else []


def _count(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _dates(text: str) -> list[tuple[int, int, int | None]]:
    """(month, day, year or None) for every date printed in a header."""
    out = [(MONTHS[m.group("month").lower().rstrip(".")[:4] if m.group("month").lower().startswith("sept")
                    else m.group("month").lower().rstrip(".")], int(m.group("day")),
            int(m.group("year")) if m.group("year") else None) for m in _DATE.finditer(text)]
    for m in _NUMERIC_DATE.finditer(text):
        y = int(m.group("y"))
        out.append((int(m.group("m")), int(m.group("d")), y + 2000 if y < 50 else y + 1900 if y < 100 else y))
    return [(mo, d, y) for mo, d, y in out if 1 <= mo <= 12 and 1 <= d <= 31]


def _years(text: str) -> list[int]:
    stripped = _DATE.sub(" ", text)
    return [int(y) for y in _YEAR.findall(stripped)]


def read_period(text: str, context: str = "", instant: bool = False) -> tuple[dt.date | None, int | None]:
    """The period a column header names: (end date, months), 0 months for an instant.

    `context` (the table title) supplies what the header leaves out: the
    duration, or the month and day when the header prints only years.
    """
    return _period(text, durations(text), context, durations(context), instant)


def _period(text: str, own: list[int], context: str, named: list[int],
            instant: bool) -> tuple[dt.date | None, int | None]:
    """`read_period` given the durations of the header (`own`) and of the title (`named`)."""
    months = None if len(set(own)) > 1 else _duration(text)
    if months is None and len(set(own)) <= 1:
        # A title naming an inception period ("period from June 3, 1996 (inception)") has two durations.
        mixed = bool(_INCEPTION.search(context))
        months = 0 if instant or _INSTANT.search(text) else None if mixed or len(set(named)) > 1 else \
            (named[0] if named else None)
    if months is None and instant:
        months = 0
    return _end_date(text, context), months


def _end_date(text: str, context: str) -> dt.date | None:
    """The end date a column header names; a year printed apart (its own header row, last) decides
    between dates ("July 3, 2004 and June 28, 2003" over "2003") or takes the month and day."""
    dates = _dates(text)
    years = _years(text)
    full = [d for d in dates if d[2] is not None]
    if not years:
        if len(full) == 1:
            return _date(full[0][2] or 0, full[0][0], full[0][1])
        return None
    year = years[-1]
    matching = [d for d in full if d[2] == year]
    if matching:
        latest = max(matching, key=lambda d: (d[0], d[1]))
        return _date(year, latest[0], latest[1])
    month_days = {(mo, day) for mo, day, _ in dates}
    if not month_days:
        named, told = _numbered_quarters(text), _numbered_quarters(context)
        if named and told and not named & told:
            return None  # "Q1 2024" under "second quarter ended June 30, 2024": not that quarter's date
        in_context = _dates(context)
        yearless = {(d[0], d[1]) for d in in_context if d[2] is None}
        if len(yearless) == 1:
            # "fiscal years ended June 30" over 2025 2024 2023: the calendar the table states, before any
            # dated line of the title block (an auditor's report signed "August 4, 2025" above it)
            (mo, day), = yearless
            return _date(year, mo, day)
        same_year = [d for d in in_context if d[2] == year]
        # "PERIOD FROM JUNE 3, 1996 TO DECEMBER 31, 1996": the period ends on the latest date of its year;
        # "DECEMBER 31, 1997 AND 1996": one month and day printed for several years.
        month_days = {max((d[0], d[1]) for d in same_year)} if same_year else {(mo, day) for mo, day, _ in in_context}
    if len(month_days) == 1:
        (mo, day), = month_days
        return _date(year, mo, day)
    return None


_NUMBERED_QUARTER = re.compile(r"\b(Q[1-4])\b|\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter\b",
                               re.I)


def _numbered_quarters(text: str) -> set[int]:
    """The quarters a text names by number ("Q2", "second quarter")."""
    from form8k.statements.fiscal import ordinal_number

    return {n for q, word in _NUMBERED_QUARTER.findall(text) if (n := ordinal_number(q or word)) is not None}


def read_scale(text: str) -> tuple[int | None, int | None]:
    """(scale of amounts, scale of share counts) stated in a caption, or None where it says nothing."""
    low = fold(text)
    if not any(word in low for word in _SCALE_WORDS):
        return None, None
    only = _SHARES_ONLY.search(text)
    if only:
        rest = _SHARES_ONLY.sub(" ", text)
        scale, _ = read_scale(rest)
        return scale, 1000 if only.group(1).lower() == "thousands" else 10**6
    scale = None
    for pattern, factor in _SCALES:
        m = pattern.search(text)
        if m:
            scale = factor
            break
    if scale is None:
        return None, None
    shares: int | None = scale
    m = _SHARES_REFLECTED.search(text)
    if m:
        word = (m.group(1) or m.group(2)).lower()
        shares = 1000 if word == "thousands" else 10**6
    elif _EXCEPT_SHARES.search(text):
        shares = 1
    return scale, shares


def title_block(context: str, limit: int = 6) -> list[str]:
    """The short lines right above a table: company, statement title, units, "(Unaudited)"."""
    lines: list[str] = []
    skipped = False
    for line in reversed(context.split("\n")):
        s = line.strip()
        if not s:
            if lines and len(lines) >= 3:
                break
            continue
        if len(s) > 160 or (len(s) > 100 and s.endswith(".")):
            # One sentence introducing the table may stand between it and its title.
            if lines or skipped:
                break
            skipped = True
            continue
        lines.append(s)
        if len(lines) >= limit:
            break
    return list(reversed(lines))


_BASIS = [
    ("non_gaap", re.compile(r"\bnon[\s-]?gaap\b|\badjusted\b|\bpro\s+forma\b|\bas\s+adjusted\b", re.I)),
    ("adjustment", re.compile(r"\badj(?:\.|ustments?)?\b|\breconciling\b|\beliminations?\b", re.I)),
    ("change", re.compile(r"\bchange\b|\bincrease\b|\bdecrease\b|\bvariance\b|\bgrowth\b|\b(?:bp|bps)\b", re.I)),
    ("percent", re.compile(r"%|\bpercent\b|\bmargin\b", re.I)),
    ("low", re.compile(r"\blow(?:\s+end)?\s*$", re.I)),
    ("high", re.compile(r"\bhigh(?:\s+end)?\s*$", re.I)),
    ("reported", re.compile(r"\bas\s+(?:previously\s+)?reported\b|\bpreviously\s+reported\b", re.I)),
    ("gaap", re.compile(r"\bgaap\b", re.I)),
]


def read_columns(raw: RawTable, title: list[str], instant: bool) -> list[ColumnHead]:
    """One `ColumnHead` per value column: its header text, period and basis."""
    texts: list[list[str]] = [[] for _ in range(raw.ncols)]
    for header_row in raw.header:
        for cell in header_row:
            width = cell.last - cell.first + 1
            dates = _DATE.findall(cell.text)
            if width > 1 and len(dates) == width and all(d[-1] for d in dates):
                for k, m in enumerate(_DATE.finditer(cell.text)):
                    texts[cell.first + k].append(m.group(0))
                continue
            for k in range(cell.first, cell.last + 1):
                texts[k].append(cell.text)
    context = " ".join(title + raw.label_header)
    named = durations(context)  # the title's durations and each header's are read once for the table
    heads: list[ColumnHead] = []
    spanning: list[list[int]] = []
    for parts in texts:
        label = " ".join(parts).strip()
        own = durations(label)
        end, months = _period(label, own, context, named, instant)
        basis = next((name for name, pattern in _BASIS if pattern.search(label)), None)
        heads.append(ColumnHead(label, end, months, basis))
        spanning.append(own)
    _fill_from_title(heads, context)
    _durations_in_order(heads, named, spanning)
    return heads


def _durations_in_order(heads: list[ColumnHead], named: list[int], spanning: list[list[int]]) -> None:
    """"Three and Six Months Ended June 30" over 2007 2006 2007 2006: the blocks take the durations in order.

    `named` are the durations of the title, `spanning` those of each column's header.
    """
    if len(set(named)) < 2 and spanning and all(d == spanning[0] for d in spanning):
        named = spanning[0]  # one header cell over every column: "Three and Six Months Ended June 30,"
    if len(set(named)) < 2 or any(h.months is not None for h in heads) or len(heads) % len(named):
        return
    per = len(heads) // len(named)
    blocks = [[h.period_end for h in heads[i:i + per]] for i in range(0, len(heads), per)]
    if all(block == blocks[0] and all(blocks[0]) for block in blocks):
        for i, h in enumerate(heads):
            h.months = named[i // per]


def _fill_from_title(heads: list[ColumnHead], context: str) -> None:
    """Columns whose header names no period at all take the title's dates in order ("1998 AND 1997")."""
    if any(h.period_end for h in heads) or not heads:
        return
    full = [d for d in _dates(context) if d[2] is not None]
    years = _years(context)
    if len(full) == len(heads):
        for h, (mo, day, year) in zip(heads, full, strict=True):
            h.period_end = _date(year or 0, mo, day)
    elif len(full) == 1 and len(years) == len(heads) - 1 and years:
        mo, day, first_year = full[0]
        for h, year in zip(heads, [first_year or 0] + years, strict=True):
            h.period_end = _date(year, mo, day)
