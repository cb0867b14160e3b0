"""Accounting identities within printed precision (XBRL Calculations 1.1 style intervals)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from form8k.models import Column, Row, Table
from form8k.statements.checks import StatementTable, check_tables, half


def test_half_a_unit_of_the_last_printed_digit() -> None:
    assert half(0) == Decimal("0.5")
    assert half(-3) == Decimal("500")  # "12,072" in thousands
    assert half(2) == Decimal("0.005")  # "$ 0.07"
    assert half(None) == 0


def _table(rows: list[tuple[str, str, list[str]]], statement: str = "balance", decimals: int = -6) -> StatementTable:
    columns = [Column(label="2024", period_end=dt.date(2024, 12, 31), period_months=0)]
    built = []
    for label, kind, values in rows:
        built.append(Row(label=label, kind=kind, is_total=kind == "total", unit="USD" if values else None,
                         values=[Decimal(v) for v in values] if values else [None],
                         raw=values or [None], spans=[None]))
    table = Table(index=0, statement=statement, columns=columns, rows=built)
    return StatementTable(table, [[decimals] for _ in built], [True])


def test_rounded_components_that_add_up_within_their_precision_pass() -> None:
    # Three items of 1.4 printed "1" each add to 4.2, printed "4": 3 vs 4 is within 4 × 0.5.
    st = _table([("Current assets:", "section", []), ("Cash", "data", ["1"]), ("Receivables", "data", ["1"]),
                 ("Inventory", "data", ["1"]), ("Total current assets", "total", ["4"])], decimals=0)
    result = check_tables([st])
    assert [c.status for c in result.checks] == ["pass"]
    assert result.checks[0].tolerance == Decimal("2.0")


def test_a_misread_digit_fails() -> None:
    st = _table([("Current assets:", "section", []), ("Cash", "data", ["100"]), ("Receivables", "data", ["250"]),
                 ("Total current assets", "total", ["360"])], decimals=0)
    result = check_tables([st])
    assert [c.status for c in result.checks] == ["fail"]
    check = result.checks[0]
    assert (check.expected, check.actual) == (Decimal(350), Decimal(360))
    assert "100 + 250 = 360" in check.detail


def test_less_rows_subtract_and_nested_totals_stand_for_their_components() -> None:
    st = _table([
        ("ASSETS", "section", []),
        ("Current assets:", "section", []),
        ("Cash", "data", ["10"]), ("Receivables", "data", ["20"]),
        ("Total current assets", "total", ["30"]),
        ("Property and equipment", "data", ["50"]), ("Less accumulated depreciation", "data", ["15"]),
        ("Net property and equipment", "total", ["35"]),
        ("Total assets", "total", ["65"]),
    ], decimals=0)
    st.table.rows[6].label = "Less accumulated depreciation"
    result = check_tables([st])
    assert [c.status for c in result.checks] == ["pass", "pass", "pass"]
    assert result.checks[-1].detail.startswith("Total assets: 30 + 35 = 65")


def test_assets_must_equal_liabilities_and_equity() -> None:
    st = _table([("Total assets", "data", ["100"]), ("Total liabilities", "data", ["60"]),
                 ("Total stockholders' equity", "data", ["40"]),
                 ("Total liabilities and stockholders' equity", "data", ["101"])], decimals=0)
    for row, concept in zip(st.table.rows, ["Assets", "Liabilities", "StockholdersEquity",
                                            "LiabilitiesAndStockholdersEquity"], strict=True):
        row.concept = concept
    result = check_tables([st])
    by_rule = {c.rule: c.status for c in result.checks}
    assert by_rule["assets_balance"] == "fail"


def test_the_candidate_search_is_bounded_per_total() -> None:
    # 3,000 rows with a total after every 30: trying every run of rows above each total would be cubic.
    import time

    rows: list[tuple[str, str, list[str]]] = []
    for block in range(100):
        rows += [(f"Item {block}-{i}", "data", ["1"]) for i in range(29)]
        rows.append((f"Total block {block}", "total", ["29"]))
    st = _table(rows, decimals=0)
    start = time.process_time()
    result = check_tables([st])
    assert time.process_time() - start < 20
    assert sum(c.status == "pass" for c in result.checks) == 100
