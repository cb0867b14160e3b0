"""What a record holds and lacks, and the headline card of the period it reports.

`coverage(filing)`: which primary statements were found (with their tables),
and for the period reported (the latest period of the income statement, its
shortest length: the quarter of a quarterly release) whether revenue,
operating income, net income, EPS basic and diluted, total assets and cash
from operations were found, confirmed or are missing.

`earnings_problems(filing)`: an earnings filing (Item 2.02, old Item 12, or a
results release under Item 5, 7, 7.01, 8.01 or 9) whose tables give no facts,
or whose press-release exhibit is not in the input, gets a problem that makes
it `partial`.

`headline(filing)`: revenue, net income, EPS basic and diluted and cash from
operations of the period reported with their verdicts, beside the same period
a year before. `headline_of(facts, income_tables)` works the card out of facts
alone (the store's, for `query.headline`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from form8k.models import Coverage, Fact, Filing, MetricCoverage, Problem

METRICS: list[tuple[str, tuple[str, ...], str]] = [
    ("revenue", ("Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax", "SalesRevenueNet",
                 "RevenuesNetOfInterestExpense"), "duration"),
    ("operating_income", ("OperatingIncomeLoss",), "duration"),
    ("net_income", ("NetIncomeLoss", "NetIncomeLossAvailableToCommonStockholdersBasic", "ProfitLoss"), "duration"),
    ("eps_basic", ("EarningsPerShareBasic", "EarningsPerShareBasicAndDiluted"), "duration"),
    ("eps_diluted", ("EarningsPerShareDiluted", "EarningsPerShareBasicAndDiluted"), "duration"),
    ("total_assets", ("Assets",), "instant"),
    ("cash_from_operations", ("NetCashProvidedByUsedInOperatingActivities",), "duration"),
]
HEADLINE = ("revenue", "net_income", "eps_basic", "eps_diluted", "cash_from_operations")
HEADLINE_LABELS = {"revenue": "Revenue", "net_income": "Net income", "eps_basic": "EPS basic",
                   "eps_diluted": "EPS diluted", "cash_from_operations": "Cash from operations"}
PRIMARY = ("income", "balance", "cash_flow")
EARNINGS_ITEMS = frozenset({"2.02", "12"})
RELEASE_ITEMS = frozenset({"5", "7", "9", "7.01", "8.01", "9.01"})
_RESULTS = re.compile(r"\b(?:results|earnings|revenues?|sales|net\s+(?:income|loss))\b", re.I)


def _period(filing: Filing) -> tuple[dt.date | None, int | None]:
    return _period_of(filing.facts, {t.index for t in filing.tables if t.statement == "income"})


def _period_of(facts: Sequence[Fact], income: Collection[int]) -> tuple[dt.date | None, int | None]:
    durations = [(f.period_end, f.period_months) for f in facts
                 if f.table in income and f.period_end and f.period_months]
    if not durations:
        durations = [(f.period_end, f.period_months) for f in facts if f.period_end and f.period_months]
    if not durations:
        return None, None
    latest = max(end for end, _ in durations if end)
    return latest, min(m for end, m in durations if end == latest and m)


def _find(facts: Sequence[Fact], concepts: tuple[str, ...], end: dt.date | None, months: int | None,
          kind: str) -> Fact | None:
    if end is None:
        return None
    for concept in concepts:
        for f in facts:
            if f.concept != concept or f.period_end is None:
                continue
            if kind == "instant" and f.period_months == 0 and abs((f.period_end - end).days) <= 7:
                return f
            if kind == "duration" and f.period_months == months and f.period_end == end:
                return f
    return None


def _metric(facts: Sequence[Fact], name: str, concepts: tuple[str, ...], kind: str, end: dt.date | None,
            months: int | None) -> MetricCoverage:
    fact = _find(facts, concepts, end, months, kind)
    if fact is None and kind == "duration" and name == "cash_from_operations":
        # A quarterly release often prints only the year to date of its cash flows.
        year_to_date = [f for f in facts if f.concept in concepts and f.period_end == end]
        fact = min(year_to_date, key=lambda f: f.period_months or 0) if year_to_date else None
    if fact is None:
        return MetricCoverage(metric=name, period_end=end, period_months=0 if kind == "instant" else months)
    return MetricCoverage(metric=name, status="confirmed" if fact.confirmed else "found", concept=fact.concept,
                          value=fact.value, period_end=fact.period_end, period_months=fact.period_months)


def coverage(filing: Filing) -> Coverage:
    statements: dict[str, list[int]] = {}
    with_facts = {f.table for f in filing.facts}
    for t in filing.tables:
        if t.statement in PRIMARY and t.index in with_facts:
            statements.setdefault(t.statement, []).append(t.index)
    end, months = _period(filing)
    return Coverage(statements=statements, missing_statements=[s for s in PRIMARY if s not in statements],
                    period_end=end, period_months=months,
                    metrics=[_metric(filing.facts, n, c, k, end, months) for n, c, k in METRICS])


def is_earnings(filing: Filing) -> bool:
    numbers = {i.number for i in filing.items}
    if numbers & EARNINGS_ITEMS:
        return True
    headline = filing.press_release.headline if filing.press_release else None
    return bool(numbers & RELEASE_ITEMS and headline and _RESULTS.search(headline)
                and re.search(r"\b(?:quarter|year|fiscal|results)\b", headline, re.I))


def earnings_problems(filing: Filing) -> list[Problem]:
    """Why an earnings filing is partial: no facts from its tables, or no press-release exhibit in the input."""
    if not is_earnings(filing):
        return []
    out = []
    listed = [e for e in filing.exhibits if e.number.startswith("99") or e.is_press_release]
    release_read = filing.press_release is not None and filing.press_release.document is not None
    if listed and not any(e.attached for e in listed) and not release_read:
        out.append(Problem(code="no_press_release", component="release",
                           message="an earnings filing whose press-release exhibit "
                                   f"({', '.join(e.number for e in listed)}) is not in the input"))
    if not filing.facts:
        out.append(Problem(code="no_statement_facts", component="statements",
                           message="an earnings filing whose tables give no statement facts"))
    return out


@dataclass(slots=True)
class HeadlineRow:
    metric: str
    value: Decimal | None
    status: str  # confirmed, found, missing
    period_end: dt.date | None
    period_months: int | None
    prior: Decimal | None
    prior_status: str
    prior_end: dt.date | None

    @property
    def label(self) -> str:
        return HEADLINE_LABELS.get(self.metric, self.metric)

    @property
    def unit(self) -> str:
        return "USD/share" if self.metric.startswith("eps") else "USD"

    @property
    def change(self) -> Decimal | None:
        """The change against the year before, in percent of the prior value's size."""
        if self.value is None or self.prior is None or self.prior == 0:
            return None
        return (self.value - self.prior) / abs(self.prior) * 100


def headline(filing: Filing) -> list[HeadlineRow]:
    """Revenue, net income, EPS basic and diluted and cash from operations of the period reported, with
    their verdicts, beside the same period a year before."""
    return headline_of(filing.facts, {t.index for t in filing.tables if t.statement == "income"})


def headline_of(facts: Sequence[Fact], income_tables: Collection[int]) -> list[HeadlineRow]:
    """The headline card of a filing's facts; `income_tables` are the indexes of its income statements."""
    end, months = _period_of(facts, income_tables)
    rows = []
    for name, concepts, kind in METRICS:
        if name not in HEADLINE:
            continue
        m = _metric(facts, name, concepts, kind, end, months)
        prior = None
        if m.period_end is not None:
            target = m.period_end - dt.timedelta(days=364)
            prior = next((f for c in concepts for f in facts if f.concept == c and f.period_end
                          and f.period_months == m.period_months and abs((f.period_end - target).days) <= 8), None)
        rows.append(HeadlineRow(m.metric, m.value, m.status, m.period_end, m.period_months,
                                prior.value if prior else None,
                                ("confirmed" if prior.confirmed else "found") if prior else "missing",
                                prior.period_end if prior else None))
    return rows
