"""Concepts, signs and eras a statement's structure tells, beyond its labels.

The line between operating and pre-tax income, a bare subtotal of revenue less its costs, the numerator of
diluted EPS, the taxonomy's era (restricted cash after ASU 2016-18, interest expense after the 2024 split),
and the sign conventions of rows no concept names: each is read from where a row stands and what its
numbers do, never from one filer's wording.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from form8k.models import Table
from form8k.statements.tables.numbers import YEAR_IN_TEXT

if TYPE_CHECKING:
    from form8k.statements.labels import LabelConcept
    from form8k.statements.tables.facts import MappedTable

__all__ = ["after_restricted_cash", "concept_of_the_era", "diluted_numerator", "extension_sign", "interest_by_era",
           "unlabelled_margin", "whole_nonoperating", "working_capital_sign"]

_PRETAX = "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest"


def whole_nonoperating(table: Table, by_concept: dict[str, int], amount_columns: list[bool]) -> int | None:
    """The row of "Other income (expense), net" when it is the one line between operating income and
    income before taxes: then it is also the whole of nonoperating income (`NonoperatingIncomeExpense`),
    as operating income plus the line equals the pre-tax income in every column."""
    other, whole = "OtherNonoperatingIncomeExpense", "NonoperatingIncomeExpense"
    r, op, pretax = by_concept.get(other), by_concept.get("OperatingIncomeLoss"), by_concept.get(_PRETAX)
    if table.statement != "income" or r is None or op is None or pretax is None or whole in by_concept:
        return None
    rows = table.rows
    between = [i for i in range(op + 1, pretax) if rows[i].kind in ("data", "total")
               and any(v is not None for v in rows[i].values)]
    if between != [r] or not op < r < pretax:
        return None
    width = min(len(rows[op].values), len(rows[r].values), len(rows[pretax].values))
    sums = [(a, b, c) for k, amount in enumerate(amount_columns[:width]) if amount
            and (a := rows[op].values[k]) is not None and (b := rows[r].values[k]) is not None
            and (c := rows[pretax].values[k]) is not None]
    return r if sums and all(a + b == c for a, b, c in sums) else None


def diluted_numerator(m: MappedTable, by_concept: dict[str, int]) -> int | None:
    """The row of net income available to common stockholders when it is also the numerator of diluted
    EPS: the statement prints no diluted numerator of its own, and the row over the diluted shares gives the
    diluted EPS printed, within rounding, in every column (without a row of shares, diluted EPS equal to
    basic EPS in every column: nothing dilutes, a loss's potential shares included)."""
    from form8k.statements.checks import half

    basic, eps, shares, basic_eps = (by_concept.get(c) for c in (
        "NetIncomeLossAvailableToCommonStockholdersBasic", "EarningsPerShareDiluted",
        "WeightedAverageNumberOfDilutedSharesOutstanding", "EarningsPerShareBasic"))
    if m.table.statement != "income" or basic is None or eps is None or \
            "NetIncomeLossAvailableToCommonStockholdersDiluted" in by_concept or basic not in m.rules:
        return None
    rows, agree = m.table.rows, 0
    if shares is None:
        if basic_eps is None:
            return None
        pairs = [(a, b) for a, b in zip(rows[basic_eps].values, rows[eps].values, strict=False)
                 if a is not None and b is not None]
        return basic if pairs and all(a == b for a, b in pairs) else None
    for k, amount in enumerate(m.amount_columns):
        values = [rows[r].values[k] if k < len(rows[r].values) else None for r in (basic, eps, shares)]
        if not amount or any(v is None for v in values):
            continue
        numerator, per_share, count = values
        assert numerator is not None and per_share is not None and count is not None
        if count == 0:
            return None
        tolerance = half(m.decimals[eps][k]) + (half(m.decimals[basic][k]) + abs(per_share) *
                                                half(m.decimals[shares][k])) / abs(count)
        if abs(numerator / count - per_share) > tolerance:
            return None
        agree += 1
    return basic if agree else None


def unlabelled_margin(table: Table, by_concept: dict[str, int], amount_columns: list[bool]) -> int | None:
    """A total printed without a label under the costs of revenue, above the operating expenses, that equals
    revenue less those costs in every column: the gross margin ("Total costs and expenses" then a bare
    subtotal, then general and administrative expense ... "Loss from operations")."""
    from form8k.statements.identities import REVENUES

    revenue = next((by_concept[c] for c in REVENUES if c in by_concept), None)
    operating = by_concept.get("OperatingIncomeLoss")
    if table.statement != "income" or revenue is None or operating is None or "GrossProfit" in by_concept:
        return None
    rows = table.rows
    for r in range(revenue + 2, operating):
        if rows[r].label.strip() or rows[r].kind not in ("data", "total"):
            continue
        costs = rows[r - 1]
        pairs = [(a, b, c) for k, amount in enumerate(amount_columns) if amount
                 and k < min(len(rows[revenue].values), len(costs.values), len(rows[r].values))
                 and (a := rows[revenue].values[k]) is not None and (b := costs.values[k]) is not None
                 and (c := rows[r].values[k]) is not None]
        if pairs and all(a - abs(b) == c for a, b, c in pairs) and any(b for _, b, _ in pairs):
            return r
        return None
    return None


def _latest_start(table: Table, instants: bool) -> dt.date | None:
    """The latest day a period of the table's columns began (with `instants`, a balance-sheet date counts as
    its own start); None when no column is dated yet."""
    from form8k.statements.fiscal import add_months

    dated = [add_months(c.period_end, -c.period_months) if c.period_months else c.period_end
             for c in table.columns if c.period_end is not None and c.period_months is not None
             and (c.period_months or instants)]
    return max(dated, default=None)


def _latest_year(table: Table) -> int | None:
    """The latest year the column heads name: bare fiscal years ("2024") are dated only once every table is
    read."""
    return max((int(y) for c in table.columns for y in YEAR_IN_TEXT.findall(c.label)), default=None)


def after_restricted_cash(table: Table) -> bool:
    """Whether the statement's latest period began after ASU 2016-18 took effect (it applies to the
    earlier periods shown beside it as well)."""
    from form8k.statements.concepts import RESTRICTED_CASH_FROM

    start = _latest_start(table, instants=False)
    if start is None:  # a bare fiscal year from 2019 on began after
        year = _latest_year(table)
        return year is not None and year > RESTRICTED_CASH_FROM.year + 1
    return start > RESTRICTED_CASH_FROM


_COSTS_TOTAL = re.compile(r"^total\b.*\b(?:costs?|expenses|deductions)\b", re.I)
_LENDER = re.compile(r"\bnet interest (?:income|revenue)\b", re.I)


def interest_by_era(table: Table, by_concept: dict[str, int]) -> None:
    """Interest expense as the taxonomy of the statement's time names it: from 2024 on, the line a company
    that is not a lender prints outside its operating costs is `InterestExpenseNonoperating`. The new
    concept never names a line of an earlier statement (`_map_remaining`), though the label table, compiled
    from recent filings, gives it."""
    from form8k.statements.concepts import INTEREST_SPLIT_FROM

    plain, nonoperating = "InterestExpense", "InterestExpenseNonoperating"
    ends = [c.period_end for c in table.columns if c.period_end is not None]
    if table.statement != "income" or not ends or max(ends) < INTEREST_SPLIT_FROM:
        return
    r = by_concept.get(plain)
    if r is None or nonoperating in by_concept or any(_LENDER.search(row.label) for row in table.rows):
        return
    total = next((row for row in table.rows[r + 1:] if row.kind == "total"), None)
    if total is None or not _COSTS_TOTAL.search(total.label):
        by_concept[nonoperating] = by_concept.pop(plain)


def concept_of_the_era(table: Table, hit: LabelConcept, taken: set[str]) -> LabelConcept:
    """A concept of the label table (compiled from recent filings) as the statement's own time names it:
    interest expense before the 2024 split, plain cash before ASU 2016-18 and cash with restricted cash
    after it (unless the statement prints that total on a row of its own), deferred revenue and plain
    revenues before ASU 2014-09 (contracts with customers)."""
    from form8k.statements.concepts import INTEREST_SPLIT_FROM, RESTRICTED_CASH_FLOW

    if hit.concept == "InterestExpenseNonoperating":
        ends = [c.period_end for c in table.columns if c.period_end is not None]
        if ends and max(ends) < INTEREST_SPLIT_FROM:
            return replace(hit, concept="InterestExpense")
    before_606 = _BEFORE_REVENUE_STANDARD.get(hit.concept)
    if before_606 is not None and before_606 not in taken and _before_revenue_standard(table):
        return replace(hit, concept=before_606)
    if table.statement == "cash_flow" and not after_restricted_cash(table):
        plain = next((p for p, restricted in RESTRICTED_CASH_FLOW if restricted == hit.concept), None)
        if plain is not None:
            return replace(hit, concept=plain)
    elif table.statement == "cash_flow":
        restricted = dict(RESTRICTED_CASH_FLOW).get(hit.concept)
        if restricted is not None and restricted not in taken:
            return replace(hit, concept=restricted)
    return hit


# ASU 2014-09 (revenue from contracts with customers) took effect with ASU 2016-18, for fiscal years beginning
# after December 15, 2017: a statement of earlier periods is tagged with the concepts of its time.
_BEFORE_REVENUE_STANDARD = {
    "ContractWithCustomerLiabilityCurrent": "DeferredRevenueCurrent",
    "ContractWithCustomerLiabilityNoncurrent": "DeferredRevenueNoncurrent",
    "ContractWithCustomerLiability": "DeferredRevenue",
    "IncreaseDecreaseInContractWithCustomerLiability": "IncreaseDecreaseInDeferredRevenue",
    "RevenueFromContractWithCustomerExcludingAssessedTax": "Revenues",
    "RevenueFromContractWithCustomerIncludingAssessedTax": "Revenues",
}


def _before_revenue_standard(table: Table) -> bool:
    """Whether every period of the table began (a balance sheet: was dated) before ASU 2014-09 took effect."""
    from form8k.statements.concepts import RESTRICTED_CASH_FROM

    start = _latest_start(table, instants=True)
    if start is None:  # a bare fiscal year up to 2017 began before
        year = _latest_year(table)
        return year is not None and year < RESTRICTED_CASH_FROM.year + 1
    return start <= RESTRICTED_CASH_FROM


_OUTFLOW = re.compile(r"^(?:less:?\s+)?(?:payments?|purchases?|repurchases?|repayments?|acquisitions?|capital expenditures|"
                      r"additions to|investments? in|dividends?\s+paid|cash dividends|contributions? to|"
                      r"principal payments|retirements? of|redemptions? of|taxes paid|"
                      r"(?:total )?(?:costs?|expenses?)\b|.*\b(?:expenses?|costs?)$)", re.I)


_TWO_WAY = re.compile(r"\b(?:net|change|changes|increase|decrease|proceeds|sales?|issuances?|borrowings?|received|"
                      r"receipts?|collections?|other|maturities|disposals?|dispositions?|refunds?)\b")
_PAID_RECEIVED = re.compile(r"\(?\b(?:(paid|payments?)|received|receipts?|proceeds)\b\)?.*\b(?:paid|payments?|received|receipts?|proceeds)\b")
_PAID_IN_BRACKETS = re.compile(r"\((?:paid|payments?)\)")
_RECEIVED_IN_BRACKETS = re.compile(r"\((?:received|receipts?|proceeds)\)")
_WORKING_CAPITAL = re.compile(r"\bchanges? in\b.*\b(?:assets|liabilities|working capital)\b|"
                              r"\b(?:increase|decrease)s?\b.*\b(?:assets|liabilities)\b|\bworking capital\b")
_ASSET_WORDS = re.compile(r"\b(?:receivables?|inventor(?:y|ies)|prepaid|prepayments?|assets?|equipment|vehicles|"
                          r"advances to)\b")
_LIABILITY_WORDS = re.compile(r"\b(?:payables?|accrued|accruals|liabilit(?:y|ies)|deferred revenues?|obligations?|"
                              r"deposits?|unearned|advances from|customer advances)\b")


def extension_sign(table: Table, r: int, label: str, section: str, amounts: list[int], heading: str) -> str:
    """The sign convention of a row no concept of the taxonomy names, as filers tag such rows: a cost or a
    payment is positive; a line of investing or financing activities printed as an outflow in every column
    is a payment; the change in an operating asset under "Changes in assets and liabilities" is the
    asset's increase (the printed cash effect negated), the change in a liability as printed."""
    from form8k.statements.concepts import normalize_label

    if _OUTFLOW.search(label):
        return "expense"
    if table.statement != "cash_flow":
        return "printed"
    two_way = _PAID_RECEIVED.search(label)
    if two_way is not None:
        # "Collateral (paid) received": the name the row takes counts its first direction positive (paid),
        # the printed number its unbracketed one (received)
        first_paid = two_way.group(1) is not None
        paid_in_brackets = bool(_PAID_IN_BRACKETS.search(label))
        received_in_brackets = bool(_RECEIVED_IN_BRACKETS.search(label))
        if paid_in_brackets != received_in_brackets:
            return "flip" if first_paid == paid_in_brackets else "printed"
    printed = [v for k in amounts if k < len(table.rows[r].values) and (v := table.rows[r].values[k]) is not None and v != 0]
    if section in ("investing", "financing") and printed and all(v < 0 for v in printed) and not _TWO_WAY.search(label):
        return "expense"
    if section == "operating" and _WORKING_CAPITAL.search(normalize_label(heading)):
        asset, liability = _ASSET_WORDS.search(label), _LIABILITY_WORDS.search(label)
        if asset and not liability:
            return "flip"
    return "printed"


_ASSET_CHANGE = re.compile(r"Receivable|Inventor|Prepaid|Assets?(?=[A-Z]|$)|DeferredCharges|OperatingCapital")
_LIABILITY_CHANGE = re.compile(r"Payable|Liabilit|Accrued|DeferredRevenue|Obligation|Reserve|Deposits|Unearned")


def working_capital_sign(statement: str, concept: str) -> str | None:
    """How the printed cash effect of a change in working capital becomes an `IncreaseDecreaseIn…` concept's
    value, whoever printed the label first: an asset's increase is printed as a use of cash (negated), a
    liability's as a source (as printed); None for other concepts and for names that say both."""
    name = concept.rpartition(":")[2]
    if statement != "cash_flow" or not name.startswith("IncreaseDecrease"):
        return None
    asset, liability = _ASSET_CHANGE.search(name[16:]), _LIABILITY_CHANGE.search(name[16:])
    if asset and not liability:
        return "flip"
    if liability and not asset:
        return "printed"
    return None
