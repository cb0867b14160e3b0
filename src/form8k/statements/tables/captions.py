"""Facts printed inside the labels of a balance sheet's equity rows.

"Common stock ($0.01 par value; 100,000 shares authorized; 10,898 and 11,108
shares issued; 10,383 and 10,593 shares outstanding)" states, besides the
row's amount, the par value of a share and three share counts for the
balance-sheet dates. Filers tag them as facts (`CommonStockSharesIssued`…),
and an analyst needs them: shares outstanding at a date are read here, not in
the notes.

How a caption is read:
- The row is common stock, preferred stock or treasury stock by its label's
  first words. A class or series of stock ("Class A common stock") is one
  class among several (a dimension in XBRL): not read.
- A run of counts ("10,898 and 11,108") takes its kind from the words after it
  ("shares issued", "issued and outstanding") or before it ("authorized —
  11,200 shares"); in a treasury row, shares are the shares held. Counts
  labelled by year ("shares issued: 2025 - 4,009.2, 2024 - 4,009.2") go to the
  column of that year.
- One count is every date's; as many counts as dates go to the dates they
  name ("as of January 31, 2025 and 2024"), else to the columns in order.
- Counts follow the table's share scale ("in millions, except per share
  data": 100,000 shares are 100 billion), a scale word after them ("9,000
  million shares") or none when the scaled count would pass a trillion
  shares (a count printed in full under "Dollars in millions").

Check `par_value`: par value × shares issued is the row's amount when the row
is the stock's own line. Where the balance sheet prints no paid-in capital
line, the stock's line may hold it: only a check that holds is recorded. It vouches for
the par value and the count of that date, and confirms them only when no
other reading would pass: the other dates' counts, or the count at another
scale. The other counts stay unconfirmed facts of the caption.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from form8k.models import Check, Fact, FactRef
from form8k.statements.checks import half
from form8k.statements.tables.facts import MappedTable
from form8k.text.dates import MONTHS

_NUMBER = re.compile(r"(?<![\w$.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d%]|,\d)")
# between two counts of one run: ", ", " and ", ", and ", " shares and " ("712,921,000 shares and 712,765,000 shares")
_JOIN = re.compile(r"\s*(?:shares?\s*)?(?:,\s*)?(?:and\s+)?", re.I)
_SCALE_WORD = re.compile(r"\s*(thousand|million|billion)s?\b", re.I)
_KIND_AFTER = re.compile(
    r"\s*(?:(?:thousand|million|billion)s?\s+)?(?:(?:common|preferred|treasury)\s+)?(?P<shares>shares?\b)?"
    r"(?:\s+of\s+(?:common|preferred)\s+stock)?[\s,]*(?:(?:were|are)\s+)?"
    r"(?P<kind>authori[sz]ed|issued\s+and\s+outstanding|issued|outstanding|held\s+in\s+treasury)?", re.I)
_KIND_BEFORE = re.compile(
    r"\b(?P<kind>authori[sz]ed|issued|outstanding|held)(?:\s+and\s+unissued)?(?:\s+shares)?\s*[-–—:]?\s*$", re.I)
# a kind standing alone as a clause before the counts it heads: "…par value; issued and outstanding; 50,773,796"
_KIND_HEADING = re.compile(
    r"(?:^|[;,(])\s*(?P<kind>authori[sz]ed|issued\s+and\s+outstanding|issued|outstanding)\s*[;:]\s*$", re.I)
_BY_YEAR = re.compile(r"((?:19|20)\d\d)\s*[-–—:]\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d%])")
_PAR = re.compile(r"\$\s*(\d+(?:\.\d+)?|\.\d+)\s*(?:per\s+share\s+)?(?:par|stated)\s+value|"
                  r"\b(?:par|stated)\s+value\s*(?:of\s*)?[-–—:]?\s*\$\s*(\d+(?:\.\d+)?|\.\d+)", re.I)
# "December 31, 2024", "January 31, 2025 and 2024": one month and day for one or two years
_DATE = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|december)"
                   r"\s+(\d{1,2}),?\s+((?:19|20)\d\d)(?:\s*,?\s*and\s+((?:19|20)\d\d)(?!\d|,\d))?", re.I)

_TREASURY = re.compile(r"\btreasury\b", re.I)
# the stock's name, then its terms or the capital it is printed with: "Common stock, $0.01 par value",
# "Common stock and additional paid-in capital", "Common stock without par value" (not "Common stock repurchased")
_TERMS = r"\s*(?:$|[,;:(\[$–—-]|and\s+(?:additional|paid|capital)|without\b|par\b|stated\b|no\s+par\b)"
_PREFERRED = re.compile(r"^(?:less:?\s*)?(?:[\w-]+\s+){0,2}?(?:preferred|preference)\s+(?:stock|shares)\b" + _TERMS, re.I)
_COMMON = re.compile(r"^(?:[\w-]+\s+){0,1}?(?:common\s+(?:stock|shares)|ordinary\s+shares|capital\s+stock)\b" + _TERMS,
                     re.I)
_CLASS = re.compile(r"\bclass\s+[a-z]\b|\bseries\b|\bconvertible\b", re.I)

_CONCEPTS = {
    ("common", "authorized"): "CommonStockSharesAuthorized",
    ("common", "issued"): "CommonStockSharesIssued",
    ("common", "outstanding"): "CommonStockSharesOutstanding",
    ("preferred", "authorized"): "PreferredStockSharesAuthorized",
    ("preferred", "issued"): "PreferredStockSharesIssued",
    ("preferred", "outstanding"): "PreferredStockSharesOutstanding",
    ("treasury", "held"): "TreasuryStockCommonShares",
}
_PAR_CONCEPT = {"common": "CommonStockParOrStatedValuePerShare", "preferred": "PreferredStockParOrStatedValuePerShare"}
_STOCK_VALUE = {"common": "CommonStockValue", "preferred": "PreferredStockValue"}
_MOST_SHARES = Decimal(10) ** 12  # no company has issued or authorized a trillion shares


@dataclass(slots=True)
class _Count:
    value: Decimal
    decimals: int
    span: tuple[int, int]


def stock_kind(label: str) -> str | None:
    """common, preferred or treasury for the label of an equity row that may state shares; None otherwise."""
    if _TREASURY.search(label):
        return None if re.search(r"\bprefer", label, re.I) else "treasury"
    if _CLASS.search(label):
        return None
    if _PREFERRED.search(label):
        return "preferred"
    if _COMMON.search(label):
        return "common"
    return None


def _kinds(m: re.Match[str], before: str, stock: str, heading: str = "") -> list[str]:
    """The kinds of share count a run of numbers states, from the words after it (`m`, `_KIND_AFTER` matched
    there) or, failing those, before it, or the `heading` of the counts that follow one ("issued and
    outstanding; 50,773,796 shares at November 2, 2024, 50,445,186 shares at February 3, 2024")."""
    word = m.group("kind") or ""
    if not word and m.group("shares"):
        b = _KIND_BEFORE.search(before[-40:]) or _KIND_HEADING.search(before[-60:])
        word = b.group("kind") if b else heading or ("held" if stock == "treasury" else "")
    return _word_kinds(word, stock)


def _word_kinds(word: str, stock: str) -> list[str]:
    word = word.lower()
    if word.startswith("authori"):
        return ["authorized"]
    if word.startswith("issued and"):
        return ["issued", "outstanding"]
    if word.startswith("held"):
        return ["held"] if stock == "treasury" else []
    return ["issued"] if word == "issued" else ["outstanding"] if word == "outstanding" else []


def _count(digits: str, fraction: str | None, start: int, end: int, scale: int, word: str | None) -> _Count:
    value = Decimal(digits.replace(",", "") + (fraction or ""))
    places = len(fraction) - 1 if fraction else 0
    factor = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[word.lower()] if word else scale
    if not word and factor > 1 and value * factor >= _MOST_SHARES:
        factor = 1  # a count printed in full beside amounts in millions
    return _Count(value * factor, places - len(str(factor)) + 1, (start, end))


def _dates_named(clause: str, columns: list[dt.date]) -> list[dt.date]:
    """The balance-sheet dates a clause names, in order ("as of January 31, 2025 and 2024"); empty when it names
    none or one that is no column's."""
    named: list[dt.date] = []
    for m in _DATE.finditer(clause):
        month, day = MONTHS[m.group(1).lower()], int(m.group(2))
        for year in filter(None, (m.group(3), m.group(4))):
            fits = [d for d in columns if (d.year, d.month, d.day) == (int(year), month, day)] or \
                [d for d in columns if d.year == int(year)]
            if len(fits) != 1:
                return []
            named.append(fits[0])
    return named


def _read_caption(caption: str, offset: int, stock: str, scale: int, columns: list[dt.date]
                  ) -> tuple[Decimal | None, tuple[int, int] | None, dict[str, dict[dt.date, _Count]]]:
    """The par value (and its span) and each kind's count per date stated in one row's label."""
    counts: dict[str, dict[dt.date, _Count]] = {}
    par = par_span = None
    used = [(d.start(), d.end()) for d in _DATE.finditer(caption)]
    m = _PAR.search(caption)
    if m and stock != "treasury":
        g = 1 if m.group(1) else 2
        par, par_span = Decimal(m.group(g)), (offset + m.start(g), offset + m.end(g))
        used.append((m.start(), m.end()))
    by_year = [y for y in _BY_YEAR.finditer(caption) if not any(s <= y.start() < e for s, e in used)]
    if by_year:  # "shares issued: 2025 - 4,009.2, 2024 - 4,009.2"
        before = _KIND_BEFORE.search(caption[max(0, by_year[0].start() - 40):by_year[0].start()])
        kinds = _word_kinds(before.group("kind"), stock) if before else []
        for y in by_year:
            used.append((y.start(), y.end()))
            fits = [d for d in columns if d.year == int(y.group(1))]
            digits, _, fraction = y.group(2).partition(".")
            if len(fits) == 1:
                count = _count(digits, "." + fraction if fraction else None, offset + y.start(2), offset + y.end(2),
                               scale, None)
                for kind in kinds:
                    counts.setdefault(kind, {})[fits[0]] = count
    numbers = [n for n in _NUMBER.finditer(caption) if not any(s <= n.start() < e for s, e in used)]
    heading = ""  # the kind a clause of its own gave the counts after it, until another kind is named
    i = 0
    while i < len(numbers):
        run = [numbers[i]]
        while i + 1 < len(numbers) and _JOIN.fullmatch(caption, run[-1].end(), numbers[i + 1].start()):
            i += 1
            run.append(numbers[i])
        i += 1
        after = caption[run[-1].end():numbers[i].start() if i < len(numbers) else len(caption)]
        ahead = caption[:run[0].start()]
        if (h := _KIND_HEADING.search(ahead[-60:])) is not None:
            heading = h.group("kind")
        named = _KIND_AFTER.match(after)
        assert named is not None  # every part of the pattern is optional
        kinds = _kinds(named, ahead, stock, heading)
        if not kinds:
            continue
        if named.group("kind"):
            heading = ""  # a count naming its own kind ends the heading's reach
        word = _SCALE_WORD.match(after)
        found = [_count(n.group(1), n.group(2), offset + n.start(), offset + n.end(), scale,
                        word.group(1) if word else None) for n in run]
        dates = _dates_named(re.split(r"[;(]", after, maxsplit=1)[0], columns)
        if not dates and len(found) == 1:
            dates = list(columns)  # one count, no date: every date's ("1,200,000,000 shares authorized")
        elif not dates and len(found) == len(columns):
            dates = list(columns)  # as many counts as dates: in the columns' order
        if len(found) == 1:
            found = found * len(dates)
        if len(dates) != len(found) or len(set(dates)) != len(dates):
            continue
        for kind in kinds:
            for date, count in zip(dates, found, strict=True):
                counts.setdefault(kind, {})[date] = count
    return par, par_span, counts


def caption_facts(tables: list[MappedTable], text: str) -> tuple[list[Fact], list[Check]]:
    """The par values and share counts the equity rows of the balance sheets state, and their `par_value` checks.

    A fact two rows would give differently (two common stock rows, a second balance sheet) is given by neither."""
    facts: dict[tuple[str, dt.date], list[Fact]] = {}
    checks: list[Check] = []
    for m in tables:
        table = m.table
        if table.statement != "balance":
            continue
        columns = [c.period_end for k, c in enumerate(table.columns)
                   if c.period_end is not None and c.period_months == 0 and m.amount_columns[k]]
        if not columns or len(set(columns)) != len(columns):
            continue
        where = {c.period_end: k for k, c in enumerate(table.columns) if c.period_end in columns}
        # without a paid-in capital line of its own, the stock's line may hold its paid-in capital too
        paid_in = any(row.concept and "AdditionalPaidInCapital" in row.concept for row in table.rows)
        for r, row in enumerate(table.rows):
            stock = stock_kind(row.label)
            if stock is None or row.span is None or not any(ch.isdigit() for ch in row.label):
                continue
            start = row.span[0]
            end = min((s[0] for s in row.spans if s is not None and s[0] >= start), default=row.span[1])
            par, par_span, counts = _read_caption(text[start:end], start, stock, table.share_scale or table.scale,
                                                  columns)
            row_facts: list[Fact] = []
            for kind, dated in counts.items():
                concept = _CONCEPTS.get((stock, kind))
                if concept is None:
                    continue
                for date, count in dated.items():
                    row_facts.append(Fact(concept=concept, value=count.value, unit="shares", period_end=date,
                                          period_months=0, label=row.label, table=table.index, row=r,
                                          column=where[date], decimals=count.decimals, span=count.span,
                                          mapped_by="rule"))
            if par is not None and par > 0 and stock in _PAR_CONCEPT:
                places = len(str(par).partition(".")[2])
                for date in columns:
                    row_facts.append(Fact(concept=_PAR_CONCEPT[stock], value=par, unit="USD/share", period_end=date,
                                          period_months=0, label=row.label, table=table.index, row=r,
                                          column=where[date], decimals=places, span=par_span, mapped_by="rule"))
            if par is not None and stock in _STOCK_VALUE and row.concept == _STOCK_VALUE[stock]:
                checks += _par_checks(m, r, par, counts.get("issued", {}), where, row_facts, paid_in,
                                      _STOCK_VALUE[stock])
            for fact in row_facts:
                facts.setdefault((fact.concept, fact.period_end), []).append(fact)  # type: ignore[arg-type]
    out = [found[0] for found in facts.values() if len({(f.table, f.row) for f in found}) == 1]
    return out, checks


def _par_checks(m: MappedTable, r: int, par: Decimal, issued: dict[dt.date, _Count], where: dict[dt.date, int],
                row_facts: list[Fact], paid_in: bool, concept: str) -> list[Check]:
    """Par value × shares issued = the stock's amount (the row, of `concept`), per date; confirm the two facts
    when no other reading passes.

    Without a paid-in capital line of its own (`paid_in` false) the stock's line may hold its paid-in capital:
    there a sum that does not hold says nothing, and is not recorded."""
    row = m.table.rows[r]
    checks: list[Check] = []
    others = {c.value for c in issued.values()}
    for date, count in issued.items():
        k = where[date]
        amount = row.values[k] if k < len(row.values) else None
        if amount is None:
            continue
        tolerance = half(m.decimals[r][k]) + par * half(count.decimals)
        ok = abs(par * count.value - abs(amount)) <= tolerance
        if not ok and not paid_in:
            continue
        # another date's count, or this one at another scale, would pass too: the check cannot tell them apart
        rivals = [v for v in others if v != count.value] + [count.value * 1000, count.value / 1000]
        alone = ok and amount != 0 and not any(abs(par * v - abs(amount)) <= tolerance for v in rivals)
        checks.append(Check(rule="par_value", status="pass" if ok else "fail", expected=par * count.value,
                            actual=abs(amount), tolerance=tolerance, table=m.table.index, span=row.spans[k],
                            inputs=[FactRef(concept=concept, period_end=date, period_months=0)],
                            detail=f"{row.label}: par {par} × {count.value} shares issued = {par * count.value} "
                                   f"vs {abs(amount)}"))
        if not ok:
            continue
        for fact in row_facts:
            if fact.period_end == date and (fact.unit == "USD/share" or fact.concept.endswith("SharesIssued")):
                fact.evidence.append("par_value")
                fact.confirmed = alone
    return checks
