"""Identities on fact values, across statements, and the verdict each fact gets from them.

The checks of `checks` add up printed columns: they hold whatever the scale of
a table, whichever period a column is given and whatever sign convention turns
a printed number into a fact. The identities here are evaluated on the facts
themselves (sign applied, base units, periods assigned), with the calculation
weights of their concepts as XBRL Calculations 1.1 uses them:

- `net_income_cash_flow`: the cash-flow statement's first line (net income,
  including noncontrolling interests) equals the income statement's net income
  of the same period; where the income statement prints a noncontrolling
  interest, the figure that equals it is the consolidated one (`ProfitLoss`),
  never the parent's (`NetIncomeLoss`).
- `cash_balance`: cash at the end (or start) of a cash-flow period equals the
  balance sheet's cash at that date, alone or with restricted cash.
- `calculation`: a total concept equals its components with their weights
  (revenue − cost of revenue = gross profit, pre-tax income − tax = net income,
  liabilities + equity = total liabilities and equity, the three cash-flow
  totals = the change in cash …), every fact of one period.
- `period_order`: the document's latest period heads every run of columns of
  one length in a primary table (ends it, where the document prints the
  oldest first), and periods of one length run in one direction of time; where
  they do not, the check is skipped with the doubt and the table's columns are
  not anchored. With `eps`, which sees no period, this is what catches two
  columns given each other's periods.

The verdict: a fact is `confirmed` when
1. its column is anchored: some fact of that table column has a passing check
   against another reading (`cross_table`, `net_income_cash_flow`,
   `cash_balance`, a prose mention, `eps` on fact values), which a wrong scale
   of the table or a wrong period of the column fails; and
2. its own sign and concept are vouched for: `net_income_cash_flow`,
   `cash_balance`, `eps` or a mention uses it, or it takes part in a passing
   `calculation` whose facts all sit in anchored columns; a wrong sign, a
   misread digit or a neighbour's concept fails those; and
3. it takes part in no failing check on fact values (`cross_table` included).
A column sum of printed values is evidence, never a verdict on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from form8k.models import Check, Fact, FactRef, Table
from form8k.statements.checks import PRETAX, Cell, CheckResult, half

# Checks against another reading of the same value: a wrong scale of a table or a wrong period of a column
# fails them. A `cross_table` copy printed the same way shares the sign convention of its twin, so only the
# identities between different concepts (SIGNED) see a sign or a concept.
STRONG = frozenset({"cross_table", "net_income_cash_flow", "cash_balance", "mention", "eps"})
SIGNED = frozenset({"net_income_cash_flow", "cash_balance", "mention", "eps", "calculation"})
Key = tuple[str, dt.date, int]

CASH = ("CashAndCashEquivalentsAtCarryingValue", "CashAndCashEquivalents", "Cash")
CASH_RESTRICTED = "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"
RESTRICTED = ("RestrictedCash", "RestrictedCashCurrent", "RestrictedCashNoncurrent",
              "RestrictedCashAndCashEquivalentsAtCarryingValue", "RestrictedCashAndCashEquivalentsCurrent",
              "RestrictedCashAndCashEquivalentsNoncurrent")
NCI = ("NetIncomeLossAttributableToNoncontrollingInterest", "MinorityInterestInNetIncomeLossOfConsolidatedEntities")
REVENUES = ("Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax", "SalesRevenueNet")
COST = ("CostOfRevenue", "CostOfGoodsAndServicesSold", "CostOfGoodsSold", "CostOfServices")
EQUITY_ALL = "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest"
CHANGE = "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalentsPeriodIncreaseDecreaseIncludingExchangeRateEffect"
FX = ("EffectOfExchangeRateOnCashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents",
      "EffectOfExchangeRateOnCashAndCashEquivalents")
CFO, CFI, CFF = ("NetCashProvidedByUsedInOperatingActivities", "NetCashProvidedByUsedInInvestingActivities",
                 "NetCashProvidedByUsedInFinancingActivities")

# total, components with weights; a tuple of names is "the first of these that the filing has".
Term = tuple[tuple[str, ...], int]
RELATIONS: list[tuple[tuple[str, ...], list[Term]]] = [
    (("GrossProfit",), [(REVENUES, 1), (COST, -1)]),
    (("OperatingIncomeLoss",), [(("GrossProfit",), 1), (("OperatingExpenses",), -1)]),
    (("OperatingIncomeLoss",), [(REVENUES, 1), (("CostsAndExpenses",), -1)]),
    (("OperatingIncomeLoss",), [(REVENUES, 1), (("OperatingExpenses",), -1)]),
    (("OperatingIncomeLoss",), [(REVENUES, 1), (COST, -1), (("OperatingExpenses",), -1)]),
    ((PRETAX,), [(("OperatingIncomeLoss",), 1), (("NonoperatingIncomeExpense",), 1)]),
    ((PRETAX,), [(("OperatingIncomeLoss",), 1), (("NonoperatingIncomeExpense",), 1), (("InterestExpense",), -1)]),
    (("NetIncomeLoss", "ProfitLoss"), [((PRETAX,), 1), (("IncomeTaxExpenseBenefit",), -1)]),
    (("NetIncomeLoss",), [(("ProfitLoss",), 1), (NCI, -1)]),
    (("Assets",), [(("LiabilitiesAndStockholdersEquity",), 1)]),
    (("LiabilitiesAndStockholdersEquity",), [(("Liabilities",), 1), (("StockholdersEquity",), 1)]),
    (("LiabilitiesAndStockholdersEquity",), [(("Liabilities",), 1), ((EQUITY_ALL,), 1)]),
    ((EQUITY_ALL,), [(("StockholdersEquity",), 1), (("MinorityInterest",), 1)]),
    (("Assets",), [(("AssetsCurrent",), 1), (("AssetsNoncurrent",), 1)]),
    (("Liabilities",), [(("LiabilitiesCurrent",), 1), (("LiabilitiesNoncurrent",), 1)]),
    ((CHANGE, "CashAndCashEquivalentsPeriodIncreaseDecrease"), [((CFO,), 1), ((CFI,), 1), ((CFF,), 1), (FX, 1)]),
    ((CHANGE, "CashAndCashEquivalentsPeriodIncreaseDecrease"), [((CFO,), 1), ((CFI,), 1), ((CFF,), 1)]),
]
_NET_LINE = re.compile(r"\bnet\s+(?:income|earnings|loss|\(loss\)|profit)|\bnet\s+\(?(?:loss|income)\)?", re.I)
_NCI_INCOME = re.compile(r"(?:income|loss|earnings)\b.{0,60}\battributable\s+to\s+(?:the\s+)?(?:redeemable\s+)?"
                         r"(?:non-?controlling|minority)", re.I)
_NCI_LABEL = re.compile(r"non-?controlling|minority\s+interest", re.I)


@dataclass(slots=True)
class _Verdict:
    evidence: dict[int, set[str]] = field(default_factory=dict)  # id(fact) -> rules
    failed: set[int] = field(default_factory=set)  # id(fact) in a failing identity on fact values
    calcs: list[list[Fact]] = field(default_factory=list)  # facts of each passing calculation
    checks: list[Check] = field(default_factory=list)

    def vouch(self, rule: str, facts: Iterable[Fact]) -> None:
        for f in facts:
            self.evidence.setdefault(id(f), set()).add(rule)


def _agrees(a: Decimal, tol_a: Decimal, b: Decimal, tol_b: Decimal) -> bool:
    diff = abs(a - b)
    return diff == 0 or diff < tol_a + tol_b


def _ref(f: Fact) -> FactRef:
    return FactRef(concept=f.concept, period_end=f.period_end, period_months=f.period_months)


def _check(v: _Verdict, rule: str, ok: bool, facts: list[Fact], expected: Decimal, actual: Decimal,
           tol: Decimal, detail: str, target: Fact) -> None:
    v.checks.append(Check(rule=rule, status="pass" if ok else "fail", expected=expected, actual=actual,
                          tolerance=tol, detail=detail, table=target.table, inputs=[_ref(f) for f in facts],
                          span=target.span))
    if ok:
        v.vouch(rule, facts)
    else:
        v.failed.update(id(f) for f in facts)


def verify(found: dict[Key, list[Fact]], chosen: list[Fact], tables: list[Table], result: CheckResult,
           cross: list[tuple[Fact, Fact, bool]]) -> list[Check]:
    """Evidence and the verdict of every chosen fact; the checks on fact values that gave them."""
    v = _Verdict()
    statement: dict[int, str] = {t.index: t.statement for t in tables}
    cells = [f for entries in found.values() for f in entries]
    for f in cells:
        cell: Cell = (f.table or 0, f.row or 0, f.column or 0)
        v.evidence.setdefault(id(f), set()).update(result.evidence.get(cell, set()))
    for a, b, ok in cross:
        if ok:
            v.vouch("cross_table", (a, b))
        else:
            v.failed.update((id(a), id(b)))
    by_key = {(f.concept, f.period_end, f.period_months): f for f in chosen
              if f.period_end is not None and f.period_months is not None}
    _net_income(v, cells, statement, tables)
    _cash(v, cells, statement)
    _calculations(v, by_key)
    _period_order(v, tables)
    return _judge(v, cells, chosen)


def _judge(v: _Verdict, cells: list[Fact], chosen: list[Fact]) -> list[Check]:
    bad_tables = {c.table for c in v.checks if c.rule == "period_order" and c.status != "pass"}
    anchored: set[tuple[int | None, int | None]] = set()
    for f in cells:
        # A zero is the same at every scale: it anchors nothing.
        if v.evidence.get(id(f), set()) & STRONG and id(f) not in v.failed and f.table not in bad_tables \
                and f.value != 0:
            anchored.add((f.table, f.column))
    calc_ok: set[int] = set()
    for facts in v.calcs:
        if all((f.table, f.column) in anchored for f in facts):
            calc_ok.update(id(f) for f in facts)
    for f in chosen:
        rules = v.evidence.get(id(f), set())
        f.evidence = sorted(rules)
        anchor = f.table not in bad_tables and (f.table, f.column) in anchored
        signed = bool(rules & (SIGNED - {"calculation"})) or id(f) in calc_ok
        f.confirmed = id(f) not in v.failed and anchor and signed
    return v.checks


def _net_income(v: _Verdict, cells: list[Fact], statement: dict[int, str], tables: list[Table]) -> None:
    """The cash-flow statement's first line against the income statement's net income."""
    income = [f for f in cells if statement.get(-1 if f.table is None else f.table) == "income" and f.unit == "USD"]
    for t in tables:
        if t.statement != "cash_flow":
            continue
        mine = [f for f in cells if f.table == t.index and f.unit == "USD" and (f.period_months or 0) > 0]
        if not mine:
            continue
        first = min(f.row or 0 for f in mine)
        if not _NET_LINE.search(t.rows[first].label):
            continue
        for line in (f for f in mine if f.row == first):
            same = [f for f in income if f.period_end == line.period_end and f.period_months == line.period_months]
            nets = [f for f in same if f.concept in ("NetIncomeLoss", "ProfitLoss")]
            if not nets:
                continue
            here = [f for f in same if f.concept in NCI]
            nci = any(f.value != 0 for f in here) if here else any(
                f.concept in NCI and f.value != 0 for f in income)  # a column of misread period still counts
            tol = half(line.decimals)
            match = next((f for f in nets if _agrees(f.value, half(f.decimals), line.value, tol)), None)
            if match is None:
                net = nets[0]
                _check(v, "net_income_cash_flow", False, [net, line], net.value, line.value, tol + half(net.decimals),
                       f"{line.label} {line.value} (cash flow) vs {net.label} {net.value} (income statement)", line)
                continue
            nci = nci or _prints_nci(tables, match)
            ok = not (nci and match.concept == "NetIncomeLoss")
            note = "" if ok else ": with a noncontrolling interest this is the consolidated figure, not the parent's"
            if ok and match.concept == "NetIncomeLoss" and _names_nci(tables):
                # The filing has a noncontrolling interest somewhere: the line may be the consolidated figure.
                v.checks.append(Check(rule="net_income_cash_flow", status="skipped", expected=match.value,
                                      actual=line.value, table=line.table, span=line.span,
                                      inputs=[_ref(match), _ref(line)],
                                      detail=f"{line.label} {line.value} (cash flow) = {match.label} {match.value}: "
                                             "the filing names a noncontrolling interest, so this may be the "
                                             "consolidated figure rather than NetIncomeLoss"))
                continue
            _check(v, "net_income_cash_flow", ok, [match, line], match.value, line.value,
                   tol + half(match.decimals),
                   f"{line.label} {line.value} (cash flow) = {match.label} {match.value} "
                   f"({match.concept}){note}", line)


def _prints_nci(tables: list[Table], fact: Fact) -> bool:
    """Whether the fact's table prints a noncontrolling interest in its column, mapped or not, or the table
    that continues it right after (a text rendering may break a statement in two) names one."""
    at = next((i for i, t in enumerate(tables) if t.index == fact.table), None)
    if at is None or fact.column is None:
        return False
    table = tables[at]
    if any(_NCI_LABEL.search(r.label) and fact.column < len(r.values) and r.values[fact.column]
           for r in table.rows):
        return True
    if at + 1 < len(tables):
        after = tables[at + 1]
        near = table.span and after.span and 0 <= after.span[0] - table.span[1] < 2000
        texts = [after.title or ""] + [r.label for r in after.rows[:3]]
        return bool(near and after.statement in ("income", "other") and any(_NCI_LABEL.search(x) for x in texts))
    return False


def _names_nci(tables: list[Table]) -> bool:
    return any(_NCI_INCOME.search(t.title or "") or any(_NCI_INCOME.search(r.label) for r in t.rows)
               for t in tables if t.statement in ("income", "other"))


def _cash(v: _Verdict, cells: list[Fact], statement: dict[int, str]) -> None:
    """Cash in the cash-flow statement against the balance sheet's on the same date."""
    balance: dict[tuple[str, dt.date], Fact] = {}
    for f in cells:
        if statement.get(-1 if f.table is None else f.table) == "balance" and f.period_months == 0 and f.period_end is not None:
            balance.setdefault((f.concept, f.period_end), f)
    for f in cells:
        if statement.get(-1 if f.table is None else f.table) != "cash_flow" or f.period_months != 0 or f.period_end is None:
            continue
        if f.concept not in CASH + (CASH_RESTRICTED,):
            continue
        day = f.period_end
        cash = next((balance[(c, day)] for c in CASH + (CASH_RESTRICTED,) if (c, day) in balance), None)
        if cash is None:
            continue
        options = [[cash]]
        restricted = [balance[(c, day)] for c in RESTRICTED if (c, day) in balance]
        if restricted and cash.concept != CASH_RESTRICTED:
            options.append([cash, *restricted])
        tol_f = half(f.decimals)
        for parts in options:
            total = sum((p.value for p in parts), Decimal(0))
            tol = sum((half(p.decimals) for p in parts), Decimal(0))
            if _agrees(total, tol, f.value, tol_f):
                _check(v, "cash_balance", True, [f, *parts], total, f.value, tol + tol_f,
                       f"{f.label} {f.value} (cash flow) = " + " + ".join(f"{p.label} {p.value}" for p in parts)
                       + f" (balance sheet, {day})", f)
                break
        else:
            # Other cash (held for sale, in other assets) may stand between: a disagreement is no verdict.
            v.checks.append(Check(rule="cash_balance", status="skipped", expected=cash.value, actual=f.value,
                                  detail=f"{f.label} {f.value} (cash flow) vs {cash.label} {cash.value} "
                                         f"(balance sheet, {day}): other cash may stand between",
                                  table=f.table, inputs=[_ref(f), _ref(cash)], span=f.span))


def _pick(by_key: dict[Key, Fact], names: tuple[str, ...], end: dt.date, months: int) -> Fact | None:
    return next((by_key[(n, end, months)] for n in names if (n, end, months) in by_key), None)


def _calculations(v: _Verdict, by_key: dict[Key, Fact]) -> None:
    periods = sorted({(end, months) for _, end, months in by_key})
    for end, months in periods:
        done: set[int] = set()
        # with a noncontrolling interest, pre-tax income less tax is the consolidated figure (ProfitLoss): it
        # never vouches for the parent's net income, whichever row took that concept
        nci = any((f := by_key.get((n, end, months))) is not None and f.value != 0 for n in NCI)
        for total_names, terms in RELATIONS:
            if nci and "ProfitLoss" in total_names:
                total_names = ("ProfitLoss",)
            total = _pick(by_key, total_names, end, months)
            if total is None:
                continue
            parts = [(_pick(by_key, names, end, months), w) for names, w in terms]
            if any(p is None for p, _ in parts):
                continue
            facts = [p for p, _ in parts if p is not None]
            if id(total) in done and len(facts) == 1:
                continue
            expected = sum((w * p.value for p, w in parts if p is not None), Decimal(0))
            tol = sum((half(p.decimals) for p in facts), Decimal(0))
            ok = _agrees(expected, tol, total.value, half(total.decimals))
            text = " ".join(("− " if w < 0 else "+ ") + f"{p.concept} {p.value}" for p, w in parts if p is not None)
            detail = f"{total.concept} {total.value} = {text.lstrip('+ ')} ({end}, {months}m)"
            if ok:
                v.calcs.append([total, *facts])
                done.add(id(total))
                _check(v, "calculation", True, [total, *facts], expected, total.value, tol, detail, total)
            elif id(total) not in done:
                # Other lines may stand between (equity-method income, discontinued operations): a
                # calculation that does not hold is no evidence, and no verdict on the filing.
                v.checks.append(Check(rule="calculation", status="skipped", expected=expected, actual=total.value,
                                      tolerance=tol, detail=detail + " (does not hold: other lines may stand between)",
                                      table=total.table, inputs=[_ref(total), *(_ref(p) for p in facts)],
                                      span=total.span))


def _period_order(v: _Verdict, tables: list[Table]) -> None:
    """The latest period of the document heads every run of columns of one length in a primary table
    (ends it, in a document that prints the oldest first): a column given the wrong year fails."""
    groups: dict[int, dict[int, list[dt.date]]] = {}
    for t in tables:
        if t.statement not in ("income", "balance", "cash_flow"):
            continue
        by_months = groups.setdefault(t.index, {})
        for c in t.columns:
            if c.period_end is not None and c.period_months is not None and c.basis in (None, "gaap"):
                by_months.setdefault(c.period_months, []).append(c.period_end)
    runs = [(months, run) for g in groups.values() for months, run in g.items()]
    latest = {kind: max((max(run) for m, run in runs if (m == 0) == kind), default=None) for kind in (True, False)}
    first = sum(run[0] == max(run) for _, run in runs if len(run) > 1)
    last = sum(run[-1] == max(run) for _, run in runs if len(run) > 1)
    for t in tables:
        found = groups.get(t.index)
        if not found:
            continue
        bad = []
        for months, run in found.items():
            head, top = (run[-1] if last > first else run[0]), latest[months == 0]
            if top is not None and abs((top - head).days) > 7:
                bad.append(f"{head} ({months}m) where the document's latest is {top}")
            steps = {(b > a) - (b < a) for a, b in zip(run, run[1:], strict=False)} - {0}
            if months > 0 and len(steps) > 1:  # a balance sheet may print the year end after the two quarters
                bad.append(f"the {months}-month columns do not run in one direction of time")
        # An acquisition's historical statements may stop before the pro forma ones: a doubt, not a failure,
        # but no column of the table is anchored while it stands.
        v.checks.append(Check(rule="period_order", status="skipped" if bad else "pass", table=t.index,
                              detail=f"table {t.index} columns: " + ", ".join(
                                  f"{c.period_end} ({c.period_months}m)" for c in t.columns if c.period_end)
                              + (": the latest period does not head its columns: " + "; ".join(bad) if bad else ""),
                              span=t.span))
