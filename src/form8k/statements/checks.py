"""Accounting identities of the statements, checked within the precision they are printed to.

Each printed value stands for an interval of plus or minus half its last
printed digit at the table's scale ("12,072" in thousands is 12,071,500 to
12,072,500), as XBRL Calculations 1.1 does: a sum holds when the interval of
the components' sum meets the total's interval, so rounding never makes a
false failure and a misread digit always does.

The rules, each a `Check` per column:
- `sum`: a total row equals its components (found from the table's headings,
  indentation and the rows since the last total; "Less …" rows subtract).
- `gross_profit`, `operating_income`, `pretax_income`, `net_income`,
  `income_chain`: each step of the income statement equals the step before
  plus the rows between (revenue − costs = operating income, pre-tax income −
  tax = net income …), in the table's own presentation of deductions.
- `assets_balance`: total assets = total liabilities and equity.
- `liabilities_equity`: liabilities + equity = total liabilities and equity.
- `cash_rollforward`: cash at the start + net change = cash at the end.
- `eps`: net income ÷ weighted shares = earnings per share.
- `cross_table` (in `tables.facts`): the same fact in two tables agrees.

An unreadable cell in a row that an identity ties down in every other column
is filled from that identity and marked as derived, naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from form8k.models import Check, CheckStatus, FactRef, Row, Table

PRETAX = "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest"
CHAIN = ["Revenues", "GrossProfit", "OperatingIncomeLoss", PRETAX,
         "IncomeLossBeforeExtraordinaryItemsAndCumulativeEffectOfChangeInAccountingPrinciple",
         "IncomeLossFromContinuingOperations", "NetIncomeLoss"]
_STEP_RULE = {"GrossProfit": "gross_profit", "OperatingIncomeLoss": "operating_income", PRETAX: "pretax_income",
              "NetIncomeLoss": "net_income"}
EXPENSE_CONCEPTS = frozenset({
    "CostOfRevenue", "CostsAndExpenses", "OperatingExpenses", "ResearchAndDevelopmentExpense",
    "SellingGeneralAndAdministrativeExpense", "GeneralAndAdministrativeExpense", "SellingAndMarketingExpense",
    "InterestExpense", "IncomeTaxExpenseBenefit", "DepreciationDepletionAndAmortization",
    "ProvisionForLoanLeaseAndOtherLosses", "NoninterestExpense"})
_EXPENSE_LABEL = re.compile(r"\bexpenses?\b|\bcosts?\b|\bprovision\s+for\b|\btax(?:es)?\b|\bminority\s+interest\b|"
                            r"\bcharges?\b|\bimpairments?\b|\bdepreciation\b|\bamortization\b|\brestructuring\b|"
                            r"\bwrite-?(?:offs?|downs?)\b|\blosses?\b", re.I)
_LESS = re.compile(r"^\s*less\b", re.I)
_INCOME_HEADING = re.compile(r"\bincome\b|\brevenues?\b|\bgains?\b", re.I)
_WORDS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_STOP = frozenset({"total", "net", "and", "of", "the", "from", "for", "in", "by", "to", "a", "provided", "used",
                   "generated", "cash", "flows", "flow", "less", "other"})

STATEMENT_RULES = frozenset({"sum", "gross_profit", "operating_income", "pretax_income", "net_income", "income_chain",
                             "assets_balance", "liabilities_equity", "cash_rollforward", "eps", "cross_table",
                             "net_income_cash_flow", "cash_balance", "calculation", "period_order"})
Cell = tuple[int, int, int]  # (table, row, column)
UNLABELLED = "(unlabelled total)"
_MAX_RUN = 60  # rows a run of components above a total may span


@dataclass(slots=True)
class StatementTable:
    """What the checks read of one table."""

    table: Table
    decimals: list[list[int | None]]  # per row and column: decimals of the printed value in base units
    amount_columns: list[bool]  # columns of amounts (not percentages, changes or adjustments)
    factors: dict[int, int] = field(default_factory=dict)  # row -> sign turning printed into fact values


@dataclass(slots=True)
class CheckResult:
    checks: list[Check] = field(default_factory=list)
    confirmed: set[Cell] = field(default_factory=set)  # cells a passing check of printed values used
    evidence: dict[Cell, set[str]] = field(default_factory=dict)  # cell -> rules of the passing checks that used it
    derived: dict[Cell, str] = field(default_factory=dict)
    components: dict[int, set[int]] = field(default_factory=dict)  # table -> rows summed into a checked total


@lru_cache(maxsize=64)
def half(decimals: int | None) -> Decimal:
    """Half a unit of the last printed digit: the uncertainty of a rounded value."""
    if decimals is None:
        return Decimal(0)
    return Decimal(5).scaleb(-decimals - 1)


def check_tables(tables: Iterable[StatementTable]) -> CheckResult:
    """Every identity of every table; totals in all tables, the statement identities in the primary ones."""
    result = CheckResult()
    for st in tables:
        _sum_checks(st, result)
        if st.table.statement == "income":
            _chain_checks(st, result)
            _eps_checks(st, result)
        elif st.table.statement == "balance":
            _balance_checks(st, result)
        elif st.table.statement == "cash_flow":
            _cash_checks(st, result)
    return result


# --- evaluation ------------------------------------------------------------------


@dataclass(slots=True)
class _Eval:
    status: str  # pass, fail, missing, unreadable
    expected: Decimal = Decimal(0)
    actual: Decimal | None = None
    tolerance: Decimal = Decimal(0)
    unreadable: int | None = None  # the one row whose cell could not be read


def _value(st: StatementTable, r: int, k: int, fact: bool = False) -> tuple[Decimal | None, Decimal, bool]:
    """(value, half-width, unreadable) of one cell; a blank cell is an exact zero."""
    row = st.table.rows[r]
    v = row.values[k] if k < len(row.values) else None
    if v is None:
        raw = row.raw[k] if k < len(row.raw) else None
        return None, Decimal(0), bool(raw and _DIGIT.search(raw))  # "n/a" or "*" is no value, not a misread
    if fact:
        v = v * st.factors.get(r, 1)
    return v, half(st.decimals[r][k]), False


def _evaluate(st: StatementTable, terms: list[tuple[int, int]], target: int, k: int,
              start: tuple[int, int] | None = None) -> _Eval:
    """Whether target = [start +] sum(coef * term) holds in column k."""
    actual, tol, bad = _value(st, target, k, fact=start is not None)
    if actual is None:
        return _Eval("unreadable" if bad else "missing", unreadable=target if bad else None)
    expected = Decimal(0)
    unreadable: list[int] = []
    present = 0
    if start is not None:
        v, h, bad = _value(st, start[0], k, fact=True)
        if v is None:
            return _Eval("missing")
        expected += v
        tol += h
    for r, coef in terms:
        v, h, bad = _value(st, r, k)
        if v is None:
            if bad:
                unreadable.append(r)
            continue
        present += 1
        expected += coef * v
        tol += h
    if unreadable:
        return _Eval("unreadable", expected, actual, tol, unreadable[0] if len(unreadable) == 1 else None)
    if present == 0 and start is None:
        return _Eval("missing")
    # Closed intervals that only touch need every rounding at its extreme: count that as a difference.
    diff = abs(expected - actual)
    return _Eval("pass" if diff == 0 or diff < tol else "fail", expected, actual, tol)


# Check and FactRef are built validated, as Row and Fact are: the values are typed already, and
# pydantic-core validates them faster than model_construct copies them field by field in Python.
def _ref(st: StatementTable, r: int, k: int) -> FactRef:
    row = st.table.rows[r]
    col = st.table.columns[k] if k < len(st.table.columns) else None
    return FactRef(concept=row.concept or row.label or UNLABELLED, period_end=col.period_end if col else None,
                   period_months=col.period_months if col else None)


def _printed(st: StatementTable, r: int, k: int) -> str:
    raw = st.table.rows[r].raw[k] if k < len(st.table.rows[r].raw) else None
    return (raw or "0").replace("$", "").strip() or "0"


def _record(st: StatementTable, result: CheckResult, rule: str, terms: list[tuple[int, int]], target: int, k: int,
            ev: _Eval, start: int | None = None, note: str = "") -> None:
    rows = st.table.rows
    parts = ([_printed(st, start, k)] if start is not None else []) + \
        [("− " if coef < 0 else "+ ") + _printed(st, r, k) for r, coef in terms]
    text = " ".join(parts).lstrip("+ ")
    label = rows[target].label or "(unlabelled total)"
    detail = f"{label}: {text} = {_printed(st, target, k)}" + (f" ({note})" if note else "")
    inputs = ([_ref(st, start, k)] if start is not None else []) + [_ref(st, r, k) for r, _ in terms]
    status: CheckStatus = "pass" if ev.status == "pass" else "fail" if ev.status == "fail" else "skipped"
    if status == "skipped" and not note:
        detail += " (a value is missing or unreadable)"
    result.checks.append(Check(rule=rule, status=status, expected=ev.expected if ev.actual is not None else None,
                               actual=ev.actual, tolerance=ev.tolerance, detail=detail, table=st.table.index,
                               inputs=inputs + [_ref(st, target, k)],
                               span=rows[target].spans[k] if k < len(rows[target].spans) else None))
    if status == "pass":
        cells = [r for r, _ in terms] + [target] + ([start] if start is not None else [])
        used = [(st.table.index, r, k) for r in cells if rows[r].values[k] is not None]
        result.confirmed.update(used)
        for cell in used:
            result.evidence.setdefault(cell, set()).add(rule)


# --- totals ------------------------------------------------------------------------


def _key_words(label: str) -> set[str]:
    return {w for w in _WORDS.findall(label.lower()) if w not in _STOP}


def _coef(row: Row) -> int:
    if _LESS.match(row.label) and all(v is None or v >= 0 for v in row.values):
        return -1
    return 1


def _sum_checks(st: StatementTable, result: CheckResult) -> None:
    rows = st.table.rows
    frames: list[tuple[str | None, int, list[int]]] = [(None, -1, [])]
    components = result.components.setdefault(st.table.index, set())
    for i, row in enumerate(rows):
        if row.kind == "rejected":
            continue
        if row.kind == "section":
            while len(frames) > 1 and frames[-1][1] >= row.depth and frames[-1][2]:
                done = frames.pop()
                frames[-1][2].extend(done[2])
            frames.append((row.label, row.depth, []))
            continue
        if row.unit not in (None, "USD"):
            continue
        if row.is_total:
            # A total stands for its components from here on, whether or not they add up to it.
            matched = _total(st, i, frames, result)
            components.update(matched)
            for _, _, items in frames:
                items[:] = [r for r in items if r not in matched]
            _close(frames, row.label)
        frames[-1][2].append(i)


def _close(frames: list[tuple[str | None, int, list[int]]], label: str) -> None:
    words = _key_words(label)
    for k in range(len(frames) - 1, 0, -1):
        heading = _key_words(frames[k][0] or "")
        if heading and (heading <= words or len(heading & words) >= 2):
            while len(frames) > k:
                done = frames.pop()
                frames[-1][2].extend(done[2])
            return
    if not words and len(frames) > 1:
        done = frames.pop()
        frames[-1][2].extend(done[2])


def _candidates(st: StatementTable, frames: list[tuple[str | None, int, list[int]]]) -> list[list[int]]:
    rows = st.table.rows
    out: list[list[int]] = []
    seen: set[tuple[int, ...]] = set()

    def add(items: list[int]) -> None:
        if items and tuple(items) not in seen:
            seen.add(tuple(items))
            out.append(items)

    for level in range(len(frames) - 1, -1, -1):
        items = [r for f in frames[level:] for r in f[2]]
        add(items)
        for depth in sorted({rows[r].depth for r in items}):
            subset = [r for r in items if rows[r].depth == depth]
            if len(subset) >= 2:
                add(subset)
    # Rows since an earlier total ("Total current liabilities" + the long-term liabilities after it): the runs
    # of rows that end above the total, at most _MAX_RUN long, so the candidates per total stay bounded
    # (every run of a 20 MB table would be cubic).
    every = [r for f in frames for r in f[2]]
    for n in range(min(len(every) - 1, _MAX_RUN), 1, -1):
        add(every[-n:])
    return out


def _total(st: StatementTable, t: int, frames: list[tuple[str | None, int, list[int]]],
           result: CheckResult) -> set[int]:
    """Check a total against the first plausible set of components that adds up; the rows it used."""
    columns = [k for k, amount in enumerate(st.amount_columns) if amount]
    candidates = _candidates(st, frames)
    for items in candidates:
        terms = [(r, _coef(st.table.rows[r])) for r in items]
        evals = {k: _evaluate(st, terms, t, k) for k in columns}
        decided = [e for e in evals.values() if e.status in ("pass", "fail")]
        if not decided or any(e.status == "fail" for e in decided):
            continue
        for k, ev in evals.items():
            if ev.status == "unreadable" and ev.unreadable is not None:
                _derive(st, terms, t, k, ev, result)
            elif ev.status != "missing":
                _record(st, result, "sum", terms, t, k, ev)
        return set(items)
    if not candidates:
        return set()
    items = candidates[0]
    if st.table.statement in ("income", "balance", "cash_flow") and len(items) >= 2:
        terms = [(r, _coef(st.table.rows[r])) for r in items]
        for k in columns:
            ev = _evaluate(st, terms, t, k)
            if ev.status == "fail":
                _record(st, result, "sum", terms, t, k, ev)
    return set(items)


def _derive(st: StatementTable, terms: list[tuple[int, int]], t: int, k: int, ev: _Eval, result: CheckResult) -> None:
    """Fill the one unreadable cell of an identity that holds in every other column."""
    r = ev.unreadable
    assert r is not None
    rows = st.table.rows
    if r == t:
        value = ev.expected
    else:
        coef = dict(terms)[r]
        if ev.actual is None:
            return
        value = (ev.actual - ev.expected) * coef
    rows[r].values[k] = value
    known = [d for x, _ in terms if (d := st.decimals[x][k]) is not None]
    st.decimals[r][k] = min(known) if known else None
    identity = f"{rows[t].label or 'total'} = " + " + ".join(rows[x].label or "?" for x, _ in terms)
    result.derived[(st.table.index, r, k)] = identity
    result.checks.append(Check(rule="sum", status="skipped", expected=value, actual=None, table=st.table.index,
                               detail=f"{rows[r].label}: unreadable cell {rows[r].raw[k]!r} derived as {value} "
                                      f"from {identity}, which holds in the other columns",
                               inputs=[_ref(st, x, k) for x, _ in terms] + [_ref(st, t, k)]))


# --- statement identities ----------------------------------------------------------


def _first(st: StatementTable, concept: str) -> int | None:
    return next((i for i, row in enumerate(st.table.rows) if row.concept == concept), None)


def _expense_like(row: Row) -> bool:
    return bool(row.concept in EXPENSE_CONCEPTS or _EXPENSE_LABEL.search(row.label) or
                (row.section and _EXPENSE_LABEL.search(row.section) and not _INCOME_HEADING.search(row.section)))


def _never_negative(row: Row, columns: list[int]) -> bool:
    return all((v := row.values[k]) is None or v >= 0 for k in columns)


def _chain_checks(st: StatementTable, result: CheckResult) -> None:
    rows = st.table.rows
    anchors = [(i, c) for c in CHAIN if (i := _first(st, c)) is not None]
    anchors.sort()
    order = [CHAIN.index(c) for _, c in anchors]
    if order != sorted(order):
        return
    consumed = result.components.get(st.table.index, set())
    columns = [k for k, amount in enumerate(st.amount_columns) if amount]
    for (a, _), (b, concept) in zip(anchors, anchors[1:], strict=False):
        between = [r for r in range(a + 1, b) if rows[r].kind in ("data", "total") and rows[r].unit in (None, "USD")
                   and r not in consumed]
        printed = [(r, 1) for r in between]
        deducted = [(r, -1 if _expense_like(rows[r]) and _never_negative(rows[r], columns) else 1) for r in between]
        rule = _STEP_RULE.get(concept, "income_chain")
        for k in columns:
            evals = [_evaluate(st, terms, b, k, start=(a, 1)) for terms in (deducted, printed)]
            chosen = next((e for e in evals if e.status == "pass"), evals[0])
            terms = deducted if chosen is evals[0] else printed
            if chosen.status in ("pass", "fail"):
                _record(st, result, rule, terms, b, k, chosen, start=a)


def _eps_checks(st: StatementTable, result: CheckResult) -> None:
    # Earnings per share divide what is left for common shareholders, when the statement prints it.
    net = _first(st, "NetIncomeLossAvailableToCommonStockholdersBasic")
    if net is None:
        net = _first(st, "NetIncomeLoss")
    if net is None:
        return
    basic_shares = _first(st, "WeightedAverageNumberOfSharesOutstandingBasic")
    pairs = [("EarningsPerShareBasic", "WeightedAverageNumberOfSharesOutstandingBasic"),
             ("EarningsPerShareDiluted", "WeightedAverageNumberOfDilutedSharesOutstanding"),
             ("EarningsPerShareBasicAndDiluted", "WeightedAverageNumberOfShareOutstandingBasicAndDiluted")]
    for eps_concept, shares_concept in pairs:
        eps, shares = _first(st, eps_concept), _first(st, shares_concept)
        if eps is None or shares is None:
            continue
        # In a loss, dilutive shares would reduce the loss per share: diluted EPS is then the basic one.
        fallback = basic_shares if eps_concept == "EarningsPerShareDiluted" else None
        for k, amount in enumerate(st.amount_columns):
            if amount:
                _eps_check(st, result, net, shares, eps, k, fallback)


def _eps_ratio(st: StatementTable, net: int, shares: int, eps: int, k: int) -> tuple[bool, Decimal, Decimal] | None:
    n, hn, _ = _value(st, net, k, fact=True)
    s, hs, _ = _value(st, shares, k, fact=True)
    e, he, _ = _value(st, eps, k, fact=True)
    if n is None or s is None or e is None or s - hs <= 0:
        return None
    ratios = [(n + a) / (s + b) for a in (-hn, hn) for b in (-hs, hs)]
    low, high = min(ratios), max(ratios)
    return e + he >= low and e - he <= high, (n / s).quantize(Decimal("0.0001")), he + (high - low) / 2


def _eps_check(st: StatementTable, result: CheckResult, net: int, shares: int, eps: int, k: int,
               fallback: int | None) -> None:
    found = _eps_ratio(st, net, shares, eps, k)
    if found is None:
        return
    ok, mid, tolerance = found
    note = ""
    n = st.table.rows[net].values[k]
    if not ok and fallback is not None and n is not None and n * st.factors.get(net, 1) < 0:
        again = _eps_ratio(st, net, fallback, eps, k)
        if again is not None and again[0]:
            ok, mid, tolerance = again
            shares, note = fallback, " (a loss: dilution would be antidilutive, so basic shares)"
    e = st.table.rows[eps].values[k]
    row = st.table.rows
    detail = f"{row[net].label} {_printed(st, net, k)} ÷ {row[shares].label} {_printed(st, shares, k)} = {mid} " \
             f"vs {row[eps].label} {_printed(st, eps, k)}" + note
    result.checks.append(Check(rule="eps", status="pass" if ok else "fail", expected=mid, actual=e,
                               tolerance=tolerance, detail=detail, table=st.table.index,
                               inputs=[_ref(st, net, k), _ref(st, shares, k), _ref(st, eps, k)],
                               span=row[eps].spans[k]))
    if ok:
        result.confirmed.update((st.table.index, r, k) for r in (net, shares, eps))
        for r in (net, shares, eps):
            result.evidence.setdefault((st.table.index, r, k), set()).add("eps")


def _identity(st: StatementTable, result: CheckResult, rule: str, target: int | None,
              terms: list[int | None], start: int | None = None) -> None:
    if target is None or any(t is None for t in terms):
        return
    for k, amount in enumerate(st.amount_columns):
        if not amount:
            continue
        pairs = [(t, 1) for t in terms if t is not None]
        ev = _evaluate(st, pairs, target, k, start=(start, 1) if start is not None else None)
        if ev.status in ("pass", "fail"):
            _record(st, result, rule, pairs, target, k, ev, start=start)


def _balance_checks(st: StatementTable, result: CheckResult) -> None:
    assets = _first(st, "Assets")
    total = _first(st, "LiabilitiesAndStockholdersEquity")
    liabilities = _first(st, "Liabilities")
    equity = _first(st, "StockholdersEquity")
    whole = _first(st, "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest")
    if assets is not None and total is not None:
        _identity(st, result, "assets_balance", assets, [total])
    elif assets is not None and liabilities is not None and (whole or equity) is not None:
        _identity(st, result, "assets_balance", assets, [liabilities, whole if whole is not None else equity])
    if total is not None and liabilities is not None and (whole or equity) is not None:
        before = len(result.checks)
        _identity(st, result, "liabilities_equity", total, [liabilities, whole if whole is not None else equity])
        for check in result.checks[before:]:
            if check.status == "fail":  # mezzanine equity or minority interest between the two totals
                check.status = "skipped"
                check.detail += " (other items stand between liabilities and equity)"


def _cash_checks(st: StatementTable, result: CheckResult) -> None:
    rows = st.table.rows
    change = _first(st, "CashAndCashEquivalentsPeriodIncreaseDecrease")
    if change is None:
        change = _first(st, "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalentsPeriodIncreaseDecrease"
                            "IncludingExchangeRateEffect")
    ends = [i for i, r in enumerate(rows) if r.concept in ("CashAndCashEquivalentsAtCarryingValue",
                                                            "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents")]
    begin = next((i for i in ends if re.search(r"beginning", rows[i].label, re.I)), None)
    end = next((i for i in ends if not re.search(r"beginning", rows[i].label, re.I)), None)
    if change is None:
        change = next((i for i, r in enumerate(rows) if begin is not None and end is not None and begin < i < end
                       and r.is_total and re.search(r"increase|decrease|change", r.label, re.I)), None)
    if begin is not None and end is not None and change is not None:
        _identity(st, result, "cash_rollforward", end, [change], start=begin)
