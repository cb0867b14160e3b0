"""Facts of the primary statements: one authoritative value per (concept, period end, months).

Every mapped cell of an income statement, balance sheet or cash-flow table
with a known period is a candidate. When two tables give the same fact, the
one from the concept's own statement wins (net income from the income
statement, not from the cash-flow statement; cash from the balance sheet,
with the cash-flow statement's "end of period" supplying instants the balance
sheet lacks), and the two are compared in a `cross_table` check. `identities.verify` then gives
every fact its evidence and its verdict.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from form8k.models import Check, Fact, FactRef, Table
from form8k.statements.checks import CheckResult, half
from form8k.statements.concepts import ConceptRule
from form8k.statements.identities import verify
from form8k.statements.tables.classify import names_statement

_ZERO = Decimal(0)  # a zero printed under a negated sign is 0, not Decimal("-0")

PRIMARY = ("income", "balance", "cash_flow")


@dataclass(slots=True)
class MappedTable:
    table: Table
    decimals: list[list[int | None]]
    amount_columns: list[bool]
    rules: dict[int, ConceptRule] = field(default_factory=dict)  # row -> the rule that mapped it
    factors: dict[int, int] = field(default_factory=dict)
    mapped_by: dict[int, str] = field(default_factory=dict)  # row -> rule, labels or extension
    # row -> a second concept the same line is as well ("Other income, net" as the only nonoperating line
    # is also the whole of nonoperating income)
    also: dict[int, ConceptRule] = field(default_factory=dict)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_start(end: dt.date, months: int, known: set[dt.date], calendar_dates: set[dt.date] | None = None,
                 year_ends: set[dt.date] | None = None) -> dt.date | None:
    """The instant a period began: the previous month end for a calendar that closes on month ends;
    for a 52/53-week calendar (a date of the primary statements, `calendar_dates`, falls before a month
    end) the date 13 weeks per quarter earlier or, after a 53-week year's long quarter, a week more:
    accepted when the filing prints that date (`known`), or when it is the one of the two that closes a
    fiscal year by the rule every printed year end (`year_ends`) follows ("the last Saturday of
    September", "the Sunday nearest December 31"); where every year end is a calendar month end falling
    on another weekday than the quarters' ends, the year end within a week of that date. Dates of other
    tables (an officer's age "as of January 29") say nothing of the fiscal calendar."""
    weeks = any(d != _month_end(d.year, d.month) for d in (known if calendar_dates is None else calendar_dates))
    if not weeks and end == _month_end(end.year, end.month):
        month = end.month - months
        year = end.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return _month_end(year, month)
    start = end - dt.timedelta(weeks=round(months * 13 / 3))
    if start in known:
        return start
    ends = year_ends or set()
    if ends and all(d == _month_end(d.year, d.month) and d.weekday() != end.weekday() for d in ends):
        # quarters closing on a weekday in a year that closes on a calendar month end, another weekday
        # ("June 27" in a December year): a year-to-date period began after the year end nearest
        # 13 weeks per quarter back
        near = [d for d in (_month_end(start.year, start.month), start.replace(day=1) - dt.timedelta(days=1))
                if abs((d - start).days) <= 7 and d.month == min(ends).month]
        return near[0] if len(near) == 1 else None
    candidates = {start, start - dt.timedelta(weeks=1)}
    closing = [c for c in candidates if _closes_year(c, ends)]
    return closing[0] if len(closing) == 1 else None


def _closes_year(day: dt.date, year_ends: set[dt.date]) -> bool:
    """Whether `day` ends a fiscal year under every 52/53-week rule the printed year ends all follow
    (same weekday; the last of the month, or the nearest to its end), with at least one such rule."""
    if not year_ends or any(d.weekday() != day.weekday() for d in year_ends):
        return False
    rules = [rule for rule in (_last_weekday, _nearest_weekday) if all(rule(d) for d in year_ends)]
    return bool(rules) and all(rule(day) for rule in rules) and _year_month(day) == _year_month(min(year_ends))


def _last_weekday(day: dt.date) -> bool:
    return (_month_end(day.year, day.month) - day).days < 7


def _nearest_weekday(day: dt.date) -> bool:
    month_end = _month_end(day.year, day.month)
    if day.day <= 3:  # early in the month after the one that closes the year
        month_end = day.replace(day=1) - dt.timedelta(days=1)
    return abs((day - month_end).days) <= 3


def _year_month(day: dt.date) -> int:
    """The month a 52/53-week year is named for: "January 2" closes a December year."""
    return (day.replace(day=1) - dt.timedelta(days=1)).month if day.day <= 3 else day.month


def collect_facts(tables: list[MappedTable], result: CheckResult) -> tuple[list[Fact], list[Check]]:
    """The facts of the primary statements and the cross-table checks of their duplicates."""
    known = {c.period_end for m in tables for c in m.table.columns if c.period_end}
    calendar_dates = {c.period_end for m in tables if m.table.statement in PRIMARY
                      for c in m.table.columns if c.period_end}
    year_ends = _year_ends(tables)
    found: dict[tuple[str, dt.date, int], list[tuple[tuple[int, int, int, int, int], Fact]]] = {}
    for m in tables:
        if m.table.statement not in PRIMARY:
            continue
        # the statement titled as such before a discussion's summary or a segment's table of its rows
        own = 0 if names_statement(m.table.statement, m.table.title) else 1
        for r, rule, second in [*((r, rule, False) for r, rule in m.rules.items()),
                                *((r, rule, True) for r, rule in m.also.items())]:
            row = m.table.rows[r]
            for k, col in enumerate(m.table.columns):
                value = row.values[k] if k < len(row.values) else None
                if value is None or not m.amount_columns[k] or col.period_end is None or col.period_months is None:
                    continue
                printed = row.raw[k] if k < len(row.raw) else None
                if rule.unit != "pure" and printed and "%" in printed:
                    continue  # a percentage among the amounts (a shifted or mislabelled column) is no amount
                period = _period(rule.period, col.period_end, col.period_months, known, calendar_dates, year_ends)
                if period is None:
                    continue
                cell = (m.table.index, r, k)
                fact = Fact(concept=rule.concept if second or row.concept == rule.concept else row.concept or rule.concept,
                            value=value * m.factors.get(r, 1) or _ZERO, unit=rule.unit, period_end=period[0],
                            period_months=period[1], label=row.label, table=m.table.index, row=r, column=k,
                            decimals=m.decimals[r][k], confirmed=cell in result.confirmed,
                            source="derived" if cell in result.derived else "table",
                            derived_from=result.derived.get(cell), span=row.spans[k],
                            mapped_by=m.mapped_by.get(r))  # type: ignore[arg-type]
                home = rule.period in ("duration", "instant") and (
                    rule.statement == m.table.statement or (rule.statement == "any" and m.table.statement == "income"))
                rank = (0 if home else 1, own, rule.priority, m.table.index, r)
                # An extension concept is named from its own table's label: it is never the same fact as
                # another table's row of that name.
                key = (fact.concept if fact.mapped_by != "extension" else f"{fact.concept}#{m.table.index}",
                       period[0], period[1])
                found.setdefault(key, []).append((rank, fact))
    facts: list[Fact] = []
    checks: list[Check] = []
    cross: list[tuple[Fact, Fact, bool]] = []
    for (concept, end, months), entries in found.items():
        entries.sort(key=lambda e: e[0])
        chosen = entries[0][1]
        concept = chosen.concept
        for _, other in entries[1:]:
            if other.table == chosen.table and other.row == chosen.row:
                continue
            tol = half(chosen.decimals) + half(other.decimals)
            diff = abs(chosen.value - other.value)
            ok = diff == 0 or diff < tol
            ref = FactRef(concept=concept, period_end=end, period_months=months)
            checks.append(Check(rule="cross_table", status="pass" if ok else "fail", expected=chosen.value,
                                actual=other.value, tolerance=tol, table=other.table, inputs=[ref], span=other.span,
                                detail=f"{concept} {end} ({months}m): table {chosen.table} '{chosen.label}' "
                                       f"{chosen.value} vs table {other.table} '{other.label}' {other.value}"))
            cross.append((chosen, other, ok))
        facts.append(chosen)
    facts.sort(key=lambda f: (f.table or 0, f.row or 0, f.column or 0))
    checks += verify({k: [f for _, f in e] for k, e in found.items()}, facts, [m.table for m in tables], result,
                     cross)
    seen = {(f.concept, f.period_end, f.period_months) for f in facts}
    for m in tables:
        ratios, ratio_checks = ratio_facts(m)
        checks += ratio_checks
        for ratio in ratios:  # the first table that prints a ratio gives it
            if (ratio.concept, ratio.period_end, ratio.period_months) not in seen:
                seen.add((ratio.concept, ratio.period_end, ratio.period_months))
                facts.append(ratio)
    facts.sort(key=lambda f: (f.table or 0, f.row or 0, f.column or 0))
    return facts, checks


def _year_ends(tables: list[MappedTable]) -> set[dt.date]:
    """The fiscal year ends the primary statements print: the ends of their years, and the balance
    sheet dates that end no period of the statements (a 10-Q's "September 28, 2024" column)."""
    primary = [(c.period_end, c.period_months) for m in tables if m.table.statement in PRIMARY
               for c in m.table.columns if c.period_end and c.period_months is not None]
    durations = {end for end, months in primary if months}
    return {end for end, months in primary if months == 12} | \
        {end for end, months in primary if months == 0 and end not in durations and durations}


def _period(kind: str, end: dt.date, months: int, known: set[dt.date], calendar_dates: set[dt.date],
            year_ends: set[dt.date]) -> tuple[dt.date, int] | None:
    if kind == "duration":
        return (end, months) if months > 0 else None
    if kind == "instant":
        return (end, 0) if months == 0 else None
    if months <= 0:
        return None
    if kind == "end":
        return end, 0
    start = period_start(end, months, known, calendar_dates, year_ends)
    return (start, 0) if start else None


_OF_REVENUE = re.compile(r"(?:percent|%)\s*(to|of)\s*(?:net\s+|total\s+)?(sales|revenues?)\b", re.I)
_POINT_TENTH = Decimal("0.001")


def ratio_facts(m: MappedTable) -> tuple[list[Fact], list[Check]]:
    """The percent-of-sales column printed beside each period's amounts ("Amount | Percent to Sales") as
    facts of unit `pure`, never money: each row's percentage is kept only when it is the row's amount over
    the revenue printed at 100 % in that period, within the printed precision (check `percent_of_revenue`)."""
    table = m.table
    if table.statement != "income":
        return [], []
    facts: list[Fact] = []
    checks: list[Check] = []
    columns = table.columns
    for k, col in enumerate(columns):
        named = _OF_REVENUE.search(col.label)
        if col.basis != "percent" or named is None:
            continue
        amount = next((j for j in range(k - 1, -1, -1) if m.amount_columns[j]), None)
        if amount is None or columns[amount].period_end is None or not columns[amount].period_months:
            continue
        whole = next((r for r, row in enumerate(table.rows) if row.unit == "USD" and _at(row.values, k) == 1
                      and _at(row.values, amount)), None)
        if whole is None:
            continue
        revenue = _at(table.rows[whole].values, amount)
        assert revenue is not None
        suffix = f"Percent{named.group(1).capitalize()}{named.group(2).capitalize()}"
        for r, rule in m.rules.items():
            row = table.rows[r]
            printed, value = _at(row.values, k), _at(row.values, amount)
            if printed is None or value is None or row.unit != "USD":
                continue
            decimals = m.decimals[r][k]
            # the printed percentage's rounding, what the rounding of the amount and the revenue moves their
            # quotient by, and a tenth of a point: filers divide unrounded amounts and round their own way
            tolerance = half(decimals) + (half(m.decimals[r][amount]) + abs(value / revenue) *
                                          half(m.decimals[whole][amount])) / abs(revenue) + _POINT_TENTH
            ok = abs(printed - value / revenue) <= tolerance + Decimal("1e-9")
            local = (row.concept or rule.concept).rpartition(":")[2]
            concept = f"form8k:{local}{suffix}"
            checks.append(Check(rule="percent_of_revenue", status="pass" if ok else "fail", expected=value / revenue,
                                actual=printed, tolerance=tolerance, table=table.index, span=row.spans[k],
                                inputs=[FactRef(concept=concept, period_end=columns[amount].period_end,
                                                period_months=columns[amount].period_months)],
                                detail=f"{row.label}: {printed} of {table.rows[whole].label} vs "
                                       f"{value} / {revenue}"))
            if ok:
                facts.append(Fact(concept=concept, value=printed, unit="pure", period_end=columns[amount].period_end,
                                  period_months=columns[amount].period_months, label=row.label, table=table.index,
                                  row=r, column=k, decimals=decimals, span=row.spans[k], mapped_by="extension",
                                  evidence=["percent_of_revenue"]))
    return facts, checks


def _at(values: list[Decimal | None], k: int) -> Decimal | None:
    return values[k] if k < len(values) else None
