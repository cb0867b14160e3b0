"""Identities on fact values across statements, and the verdict (`confirmed`, `evidence`) they give."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from form8k.models import Column, Fact, Row, Table
from form8k.statements.checks import CheckResult
from form8k.statements.identities import verify

Y24, Y23 = dt.date(2024, 12, 31), dt.date(2023, 12, 31)


def _table(index: int, statement: str, labels: list[str], columns: list[tuple[dt.date, int]],
           values: list[list[int | None]] | None = None) -> Table:
    rows = [Row(label=label, values=[Decimal(v) if v is not None else None for v in (values[i] if values else [])])
            for i, label in enumerate(labels)]
    return Table(index=index, statement=statement,  # type: ignore[arg-type]
                 columns=[Column(period_end=e, period_months=m) for e, m in columns], rows=rows)


def _fact(concept: str, value: int | str, table: int, row: int, column: int, end: dt.date = Y24,
          months: int = 12, label: str = "") -> Fact:
    return Fact(concept=concept, value=Decimal(value), period_end=end, period_months=months, table=table, row=row,
                column=column, decimals=0, label=label or concept, mapped_by="rule")


def _run(facts: list[Fact], tables: list[Table], sums: dict[tuple[int, int, int], set[str]] | None = None):
    found: dict = {}
    for f in facts:
        found.setdefault((f.concept, f.period_end, f.period_months), []).append(f)
    chosen = [entries[0] for entries in found.values()]
    result = CheckResult(evidence=sums or {})
    checks = verify(found, chosen, tables, result, [])
    return {(f.concept, f.table): f for f in facts}, checks


def _income_and_cash(net_cf: int = 100, scale: int = 1, tax_sign: int = 1):
    income = _table(0, "income", ["Revenues", "Costs", "Pre-tax", "Tax", "Net income"], [(Y24, 12), (Y23, 12)])
    cash_flow = _table(1, "cash_flow", ["Net income", "Operating"], [(Y24, 12), (Y23, 12)])
    facts = [_fact("Revenues", 1000 * scale, 0, 0, 0), _fact("CostsAndExpenses", 870 * scale, 0, 1, 0),
             _fact("OperatingIncomeLoss", 130 * scale, 0, 1, 0),
             _fact("IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest",
                   130 * scale, 0, 2, 0),
             _fact("IncomeTaxExpenseBenefit", 30 * scale * tax_sign, 0, 3, 0),
             _fact("NetIncomeLoss", 100 * scale, 0, 4, 0),
             _fact("NetIncomeLoss", net_cf, 1, 0, 0, label="Net income")]
    return facts, [income, cash_flow]


def test_net_income_ties_to_the_cash_flow_first_line_and_anchors_the_calculations() -> None:
    facts, tables = _income_and_cash()
    by, checks = _run(facts, tables)
    assert any(c.rule == "net_income_cash_flow" and c.status == "pass" for c in checks)
    assert by[("NetIncomeLoss", 0)].confirmed
    assert "net_income_cash_flow" in by[("NetIncomeLoss", 0)].evidence
    # Revenue and costs: in an anchored column and in a passing calculation on fact values.
    assert by[("Revenues", 0)].confirmed and "calculation" in by[("Revenues", 0)].evidence
    assert by[("IncomeTaxExpenseBenefit", 0)].confirmed


def test_a_net_income_that_differs_from_the_cash_flow_fails_and_confirms_nothing() -> None:
    facts, tables = _income_and_cash(net_cf=90)
    by, checks = _run(facts, tables)
    assert any(c.rule == "net_income_cash_flow" and c.status == "fail" for c in checks)
    assert not any(f.confirmed for f in by.values())


def test_a_wrong_scale_of_the_income_statement_breaks_its_anchor() -> None:
    facts, tables = _income_and_cash(scale=1000, net_cf=100)  # income statement read 1000 times too large
    by, _ = _run(facts, tables)
    assert not by[("Revenues", 0)].confirmed and not by[("NetIncomeLoss", 0)].confirmed


def test_a_flipped_tax_sign_fails_its_calculation() -> None:
    facts, tables = _income_and_cash(tax_sign=-1)
    by, checks = _run(facts, tables)
    assert not by[("IncomeTaxExpenseBenefit", 0)].confirmed
    assert any(c.rule == "calculation" and c.status == "skipped" and "IncomeTaxExpenseBenefit" in c.detail
               for c in checks)


def test_the_parents_net_income_cannot_equal_the_consolidated_cash_flow_line() -> None:
    facts, tables = _income_and_cash()
    tables[0].rows.append(Row(label="Net income attributable to noncontrolling interests", values=[Decimal(5)]))
    by, checks = _run(facts, tables)
    failed = [c for c in checks if c.rule == "net_income_cash_flow" and c.status == "fail"]
    assert failed and "consolidated figure" in failed[0].detail
    assert not by[("NetIncomeLoss", 0)].confirmed


def test_cash_at_the_end_of_the_cash_flow_ties_to_the_balance_sheet_with_restricted_cash() -> None:
    balance = _table(0, "balance", ["Cash", "Restricted cash", "Assets", "Liabilities", "Equity", "Total L+E"],
                     [(Y24, 0), (Y23, 0)])
    cash_flow = _table(1, "cash_flow", ["Cash, end"], [(Y24, 12), (Y23, 12)])
    facts = [_fact("CashAndCashEquivalentsAtCarryingValue", 50, 0, 0, 0, months=0),
             _fact("RestrictedCashCurrent", 7, 0, 1, 0, months=0),
             _fact("Assets", 500, 0, 2, 0, months=0), _fact("Liabilities", 300, 0, 3, 0, months=0),
             _fact("StockholdersEquity", 200, 0, 4, 0, months=0),
             _fact("LiabilitiesAndStockholdersEquity", 500, 0, 5, 0, months=0),
             _fact("CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents", 57, 1, 0, 0, months=0)]
    by, checks = _run(facts, [balance, cash_flow])
    assert any(c.rule == "cash_balance" and c.status == "pass" for c in checks)
    assert by[("CashAndCashEquivalentsAtCarryingValue", 0)].confirmed
    # Liabilities + equity = total liabilities and equity = total assets, in the anchored column.
    assert by[("Assets", 0)].confirmed and by[("Liabilities", 0)].confirmed


def test_cash_that_does_not_tie_is_a_doubt_and_anchors_nothing() -> None:
    balance = _table(0, "balance", ["Cash", "Assets", "Total L+E"], [(Y24, 0)])
    cash_flow = _table(1, "cash_flow", ["Cash, end"], [(Y24, 12)])
    facts = [_fact("CashAndCashEquivalentsAtCarryingValue", 50, 0, 0, 0, months=0),
             _fact("Assets", 500, 0, 1, 0, months=0),
             _fact("LiabilitiesAndStockholdersEquity", 500, 0, 2, 0, months=0),
             _fact("CashAndCashEquivalentsAtCarryingValue", 50_000, 1, 0, 0, months=0)]
    by, checks = _run(facts, [balance, cash_flow])
    assert [c.status for c in checks if c.rule == "cash_balance"] == ["skipped"]
    assert not any(f.confirmed for f in by.values())


def test_a_column_sum_alone_confirms_nothing() -> None:
    income = _table(0, "income", ["Revenues"], [(Y24, 12)])
    facts = [_fact("Revenues", 1000, 0, 0, 0)]
    by, _ = _run(facts, [income], sums={(0, 0, 0): {"sum"}})
    assert by[("Revenues", 0)].evidence == ["sum"] and not by[("Revenues", 0)].confirmed


def test_the_latest_period_heads_every_run_of_columns() -> None:
    good = _table(0, "income", [], [(Y24, 3), (Y23, 3), (Y24, 12), (Y23, 12)])
    balance = _table(1, "balance", [], [(Y24, 0), (Y23, 0)])
    _, checks = _run([], [good, balance])
    assert [c.status for c in checks if c.rule == "period_order"] == ["pass", "pass"]
    wrong = _table(0, "income", [], [(Y23, 3), (dt.date(2022, 12, 31), 3), (Y24, 12), (Y23, 12)])
    _, checks = _run([], [wrong, balance])
    assert [c.status for c in checks if c.rule == "period_order"] == ["skipped", "pass"]
    assert "2023-12-31 (3m)" in next(c.detail for c in checks if c.status == "skipped")


def test_pretax_less_tax_never_vouches_for_the_parents_net_income_beside_a_noncontrolling_interest() -> None:
    """The consolidated line taken for the parent's net income: pre-tax less tax equals it, but with a
    noncontrolling interest that identity is the consolidated figure's, so it is no evidence for NetIncomeLoss."""
    facts, tables = _income_and_cash()
    tables[0].rows.append(Row(label="Net income attributable to noncontrolling interests"))
    facts.append(_fact("NetIncomeLossAttributableToNoncontrollingInterest", 7, 0, 5, 0))
    by, checks = _run(facts, tables)
    assert "calculation" not in by[("NetIncomeLoss", 0)].evidence
    assert not by[("NetIncomeLoss", 0)].confirmed
    # without the noncontrolling interest the same identity vouches for it
    facts, tables = _income_and_cash()
    by, _ = _run(facts, tables)
    assert "calculation" in by[("NetIncomeLoss", 0)].evidence
