"""Row labels -> concepts and signs, header rows -> periods: real labels and layouts of filers' statements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from form8k.load.html import html_to_text
from form8k.pipeline import statements
from form8k.statements.concepts import concept_direction, label_direction, label_sign
from form8k.statements.labels import extension_concept, lookup, section_of, table_key


@pytest.mark.parametrize("statement,section,label,concept", [
    ("balance", "current_assets", "Cash and cash equivalents", "CashAndCashEquivalentsAtCarryingValue"),
    ("balance", "current_assets", "Accounts receivable, net", "AccountsReceivableNetCurrent"),
    ("balance", "current_assets", "Prepaid expenses and other current assets", "PrepaidExpenseAndOtherAssetsCurrent"),
    ("balance", "assets", "Property, plant and equipment, net", "PropertyPlantAndEquipmentNet"),
    ("balance", "assets", "Operating lease right-of-use assets", "OperatingLeaseRightOfUseAsset"),
    ("balance", "", "Goodwill", "Goodwill"),
    ("balance", "", "Retained earnings", "RetainedEarningsAccumulatedDeficit"),
    ("balance", "", "Accumulated other comprehensive loss", "AccumulatedOtherComprehensiveIncomeLossNetOfTax"),
    ("balance", "", "Total liabilities and shareholders' equity", "LiabilitiesAndStockholdersEquity"),
    ("balance", "", "Total equity", "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest"),
    ("balance", "", "Treasury stock, at cost", "TreasuryStockCommonValue"),
])
def test_a_label_takes_the_concept_filers_give_it(statement: str, section: str, label: str, concept: str) -> None:
    hit = lookup(statement, section, label)
    assert hit is not None and hit.concept == concept


@pytest.mark.parametrize("label,key", [
    ("Cash and cash equivalents (Notes 1 and 2)", "cash and cash equivalents"),
    ("Net income (loss) attributable to ExxonMobil", "net income attributable to exxonmobil"),
    ("Property, plant and equipment – net", "property plant and equipment net"),
])
def test_the_table_key_keeps_the_words_of_a_label(label: str, key: str) -> None:
    assert table_key(label) == key


@pytest.mark.parametrize("label,concept,sign", [
    ("Benefit (provision) for income taxes", "IncomeTaxExpenseBenefit", -1),
    ("Income tax (expense)/benefit", "IncomeTaxExpenseBenefit", -1),
    ("Income tax expense (benefit)", "IncomeTaxExpenseBenefit", 1),
    ("(Provision) benefit for income taxes", "IncomeTaxExpenseBenefit", -1),
    ("Other (gains) and losses", "NonoperatingIncomeExpense", -1),
    ("Other income/(expense), net", "NonoperatingIncomeExpense", 1),
    ("Other (income) expense, net", "OtherNonoperatingIncomeExpense", -1),
    ("Net income (loss)", "NetIncomeLoss", 1),
    ("Interest expense", "InterestExpense", None),  # one direction only: the rule's sign convention decides
])
def test_a_two_way_label_sets_the_sign_against_the_concept(label: str, concept: str, sign: int | None) -> None:
    assert label_sign(label, concept, "income") == sign


@pytest.mark.parametrize("concept,direction", [
    ("IncomeTaxExpenseBenefit", "debit"), ("NonoperatingIncomeExpense", "credit"), ("NetIncomeLoss", "credit"),
    ("CostOfRevenue", "debit"), ("CostsAndExpenses", "debit"), ("InterestIncomeExpenseNet", "credit"),
    ("Revenues", "credit"), ("EarningsPerShareBasic", None),
])
def test_a_concept_names_its_direction(concept: str, direction: str | None) -> None:
    assert concept_direction(concept) == direction


def test_label_direction_reads_the_word_outside_the_parentheses() -> None:
    assert label_direction("Benefit (provision) for income taxes") == "credit"
    assert label_direction("Provision for (benefit from) income taxes") == "debit"
    assert label_direction("Revenues") is None


def test_a_row_without_a_known_concept_gets_an_extension_named_from_its_label_and_heading() -> None:
    assert extension_concept("Income from equity affiliates", set()) == "form8k:IncomeFromEquityAffiliates"
    taken = {"form8k:Products"}
    assert extension_concept("Products", taken, "Cost of sales:") == "form8k:CostOfSalesProducts"
    assert extension_concept("Services", set(), "(1) Net sales by category:") == "form8k:Services"
    assert not extension_concept("2024 Plan", set()).removeprefix("form8k:")[0].isdigit()
    # a reference to the notes is no part of the name
    assert extension_concept("Employee related obligations (Notes 9 and 10)", set()) == \
        "form8k:EmployeeRelatedObligations"
    assert extension_concept("Acquisitions, net of cash acquired (see Note 18)", set()) == \
        "form8k:AcquisitionsNetOfCashAcquired"
    assert extension_concept("Notes payable", set()) == "form8k:NotesPayable"


def test_a_rowspan_cell_keeps_the_year_row_under_its_columns() -> None:
    # the units cell spans two header rows: the years of the second row sit over the value columns
    html = ("<table><tr><td rowspan=2>(millions of dollars)</td><td colspan=2>Three Months Ended June 30,</td></tr>"
            "<tr><td>2025</td><td>2024</td></tr>"
            "<tr><td>Sales</td><td>79,477</td><td>89,986</td></tr></table>")
    _, grids = html_to_text(html)
    widths = [[(c.text, c.colspan) for c in row] for row in grids[0].rows]
    assert widths[1] == [("", 1), ("2025", 1), ("2024", 1)]


_STATEMENT = """<html><body>
<p>CONSOLIDATED BALANCE SHEETS (Dollars in millions)</p>
<table>
<tr><td></td><td>December 29, 2024</td><td>December 31, 2023</td></tr>
<tr><td>Cash and cash equivalents</td><td>24,105</td><td>21,859</td></tr>
<tr><td>Other current assets</td><td>1,000</td><td>900</td></tr>
<tr><td>Total current assets</td><td>25,105</td><td>22,759</td></tr>
<tr><td>Total assets</td><td>180,104</td><td>167,558</td></tr>
</table>
<p>CONSOLIDATED STATEMENTS OF EARNINGS (Dollars in millions)</p>
<table>
<tr><td></td><td>2024</td><td>Percent to Sales</td><td>2023</td><td>Percent to Sales</td></tr>
<tr><td>Sales to customers</td><td>88,821</td><td>100.0%</td><td>85,159</td><td>100.0%</td></tr>
<tr><td>Cost of products sold</td><td>27,471</td><td>30.9%</td><td>26,553</td><td>31.2%</td></tr>
<tr><td>Gross profit</td><td>61,350</td><td>69.1%</td><td>58,606</td><td>68.8%</td></tr>
</table>
</body></html>"""


def test_bare_fiscal_years_take_their_end_from_the_balance_sheet_and_percent_columns_give_no_money() -> None:
    filing = statements([("statements.htm", _STATEMENT.encode())])
    sales = [f for f in filing.facts if f.concept.endswith("RevenueFromContractWithCustomerExcludingAssessedTax")
             or f.concept.endswith("Revenues")]
    assert {(f.period_end, f.period_months, f.value) for f in sales} == {
        (dt.date(2024, 12, 29), 12, 88_821_000_000), (dt.date(2023, 12, 31), 12, 85_159_000_000)}
    # the percent-of-sales columns never become dollar facts
    assert not [f for f in filing.facts if f.unit == "USD" and f.value is not None and abs(f.value) < 1000]


_RELEASE_ROWS = "".join(f"<tr><td>{label}</td>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>" for label, values in [
    ("Revenue", ("$ 1,200", "$ 1,000", "$ 4,500", "$ 4,000")), ("Net income", ("100", "80", "400", "300"))])
_RELEASE_SHEET = ("<p>CONSOLIDATED BALANCE SHEETS</p><table><tr><td></td><td>December 31, 2023</td>"
                  "<td>December 31, 2022</td></tr><tr><td>Total assets</td><td>9,000</td><td>8,000</td></tr>"
                  "<tr><td>Total liabilities</td><td>5,000</td><td>4,000</td></tr></table>")


@pytest.mark.parametrize("head", [
    "<tr><td></td><td>Q4 2023</td><td>Q4 2022</td><td>FY 2023</td><td>FY 2022</td></tr>",
    "<tr><td></td><td colspan=2>Fourth Quarter</td><td colspan=2>Twelve Months</td></tr>"
    "<tr><td></td><td>2023</td><td>2022</td><td>2023</td><td>2022</td></tr>",
])
def test_a_last_quarter_and_a_full_year_named_by_their_year_end_with_the_balance_sheet(head: str) -> None:
    source = (f"<html><body><p>CONSOLIDATED STATEMENTS OF OPERATIONS</p><p>(In thousands)</p><table>{head}"
              f"{_RELEASE_ROWS}</table>{_RELEASE_SHEET}</body></html>")
    table = statements([("release.htm", source.encode())]).tables[0]
    assert [(c.period_end, c.period_months) for c in table.columns] == [
        (dt.date(2023, 12, 31), 3), (dt.date(2022, 12, 31), 3), (dt.date(2023, 12, 31), 12),
        (dt.date(2022, 12, 31), 12)]


def test_a_quarter_other_than_the_last_is_not_dated_from_the_year_end() -> None:
    head = "<tr><td></td><td>Q2 2023</td><td>Q2 2022</td><td>FY 2023</td><td>FY 2022</td></tr>"
    source = (f"<html><body><p>CONSOLIDATED STATEMENTS OF OPERATIONS</p><p>(In thousands)</p><table>{head}"
              f"{_RELEASE_ROWS}</table>{_RELEASE_SHEET}</body></html>")
    table = statements([("release.htm", source.encode())]).tables[0]
    assert [c.period_end for c in table.columns[:2]] == [None, None]


@pytest.mark.parametrize("label,heading,unit", [
    ("Continuing operations - basic", "Net earnings per share (Notes 1 and 15)", "USD/share"),
    ("Discontinued operations", "Diluted earnings per share:", "USD/share"),
    ("Basic", "Earnings per share:", "USD/share"),
    ("Basic", "Shares used in computing earnings per share", "shares"),
    ("Income from continuing operations", "Revenues and expenses", "USD"),
    ("Continuing operations", "Net cash provided by operating activities:", "USD"),
    ("Effect of dilutive securities", "Shares used in computing earnings per share:", "shares"),
    ("Effect of dilutive share-based awards", "Denominator:", "shares"),
    ("Effect of dilutive securities", "Earnings per share:", "USD/share"),
    ("Net income", "Numerator:", "USD"),
])
def test_a_per_share_part_takes_its_unit_from_the_heading(label: str, heading: str, unit: str) -> None:
    from form8k.statements.tables.rows import row_unit

    assert row_unit(label, (heading,), "income") == unit


def _cash_flow(year: int) -> bytes:
    return f"""<html><body>
<p>CONSOLIDATED STATEMENTS OF CASH FLOWS (In millions)</p>
<table>
<tr><td></td><td colspan=2>Year Ended December 31,</td></tr>
<tr><td></td><td>{year}</td><td>{year - 1}</td></tr>
<tr><td>Net income</td><td>500</td><td>400</td></tr>
<tr><td>Net cash provided by operating activities</td><td>700</td><td>600</td></tr>
<tr><td>Capital expenditures</td><td>(200)</td><td>(150)</td></tr>
<tr><td>Net cash used in investing activities</td><td>(200)</td><td>(150)</td></tr>
<tr><td>Dividends paid</td><td>(100)</td><td>(90)</td></tr>
<tr><td>Net cash used in financing activities</td><td>(100)</td><td>(90)</td></tr>
<tr><td>Effect of exchange rate changes on cash and cash equivalents</td><td>(10)</td><td>5</td></tr>
<tr><td>Net increase in cash and cash equivalents</td><td>390</td><td>365</td></tr>
<tr><td>Cash and cash equivalents, beginning of year</td><td>1,365</td><td>1,000</td></tr>
<tr><td>Cash and cash equivalents, end of year</td><td>1,755</td><td>1,365</td></tr>
</table></body></html>""".encode()


@pytest.mark.parametrize("year,prefix", [(2019, "CashCashEquivalentsRestrictedCash"), (2016, "CashAndCashEquivalents")])
def test_cash_flow_totals_take_the_concept_of_their_era(year: int, prefix: str) -> None:
    # since ASU 2016-18 the statement explains cash, cash equivalents and restricted cash together,
    # and filers tag its totals so however the rows are labelled
    filing = statements([("cash.htm", _cash_flow(year))])
    by_value = {(f.value, f.period_end): f.concept.split(":")[-1] for f in filing.facts}
    end, start = dt.date(year, 12, 31), dt.date(year - 1, 12, 31)
    assert by_value[(1_755_000_000, end)].startswith(prefix)
    assert by_value[(1_365_000_000, start)].startswith(prefix)
    assert by_value[(390_000_000, end)].startswith(prefix)
    assert "ExchangeRate" in by_value[(-10_000_000, end)]
    assert by_value[(-10_000_000, end)].endswith(
        "RestrictedCashAndRestrictedCashEquivalents" if year > 2018 else "CashAndCashEquivalents")


def _income(year: int, lender: bool = False) -> bytes:
    first = ("<tr><td>Net interest income</td><td>3,000</td><td>2,800</td></tr>" if lender else
             "<tr><td>Net sales</td><td>10,000</td><td>9,000</td></tr>"
             "<tr><td>Cost of sales</td><td>6,000</td><td>5,500</td></tr>"
             "<tr><td>Total costs and expenses</td><td>6,000</td><td>5,500</td></tr>")
    return f"""<html><body>
<p>CONSOLIDATED STATEMENTS OF INCOME (In millions)</p>
<table>
<tr><td></td><td colspan=2>Year Ended December 31,</td></tr>
<tr><td></td><td>{year}</td><td>{year - 1}</td></tr>
{first}
<tr><td>Operating income</td><td>4,000</td><td>3,500</td></tr>
<tr><td>Interest expense</td><td>(250)</td><td>(200)</td></tr>
<tr><td>Income before income taxes</td><td>3,750</td><td>3,300</td></tr>
<tr><td>Provision for income taxes</td><td>750</td><td>660</td></tr>
<tr><td>Net income</td><td>3,000</td><td>2,640</td></tr>
</table></body></html>""".encode()


@pytest.mark.parametrize("year,lender,concept", [
    (2024, False, "InterestExpenseNonoperating"),  # the 2024 taxonomy split interest expense
    (2022, False, "InterestExpense"),
    (2024, True, "InterestExpense"),  # a lender's interest expense is an operating line
])
def test_interest_expense_takes_the_concept_of_its_era(year: int, lender: bool, concept: str) -> None:
    filing = statements([("income.htm", _income(year, lender))])
    interest = {f.concept.split(":")[-1] for f in filing.facts
                if f.value == 250_000_000 and f.period_end == dt.date(year, 12, 31)}
    assert interest == {concept}


@pytest.mark.parametrize("label,concept", [
    # the description after a stock line's name changes every year; the name is what filers tag
    ("Preferred stock, $0.001 par value; 5 shares authorized and none issued and outstanding", "PreferredStockValue"),
    ("Preferred stock — without par value (authorized and unissued 2,000,000 shares)", "PreferredStockValue"),
    ("Less: common stock held in treasury, at cost (713,064,000 and 712,921,000 shares)", "TreasuryStockCommonValue"),
    ("Treasury stock, at cost – 256,638,054 and 263,044,840 shares", "TreasuryStockCommonValue"),
])
def test_a_stock_line_is_known_by_its_name_without_its_description(label: str, concept: str) -> None:
    hit = lookup("balance", "equity", label)
    assert hit is not None and hit.concept == concept


@pytest.mark.parametrize("section,label,concept", [
    # how the amount is measured ("net", "net of reserves of ...") is no part of what the line is
    ("assets", "Other assets, net", "OtherAssetsNoncurrent"),  # not "other intangible assets, net"
    ("current_assets", "Inventories, net of reserves of $1.2 and $0.9", "InventoryNet"),
    ("assets", "Goodwill, net", "Goodwill"),
])
def test_a_line_is_known_by_its_name_without_how_it_is_measured(section: str, label: str, concept: str) -> None:
    hit = lookup("balance", section, label)
    assert hit is not None and hit.concept == concept


def test_a_label_pooled_across_sections_does_not_cross_to_the_other_side_of_the_balance_sheet() -> None:
    # filers' "Deferred income taxes" is a liability among liabilities; among current assets it is an asset
    assert lookup("balance", "liabilities", "Deferred income taxes").concept == "DeferredIncomeTaxLiabilitiesNet"
    among_assets = lookup("balance", "current_assets", "Deferred income taxes")
    assert among_assets is None or among_assets.concept != "DeferredIncomeTaxLiabilitiesNet"


def test_a_bare_total_after_current_assets_closes_the_assets() -> None:
    labels = ["cash", "total current assets", "other assets", "total", "accounts payable",
              "total current liabilities", "common stock", "total"]
    assert section_of("balance", labels, [()] * len(labels))[:5] == [
        "current_assets", "current_assets", "assets", "assets", "current_liabilities"]


def test_a_cash_flow_continued_without_headings_reads_its_rows_by_its_first_total() -> None:
    # the second page of a statement: financing rows, their total, then the cash lines
    labels = ["settlement of acquired convertible debt", "other", "net cash used by financing activities",
              "effect of exchange rate changes on cash", "cash and cash equivalents, end of year"]
    assert section_of("cash_flow", labels, [()] * len(labels))[:3] == ["financing"] * 3
    # a statement from its start reads its first rows as operating, as before
    whole = ["net earnings", "depreciation", "net cash flows from operating activities", "purchases of investments",
             "net cash used by investing activities"]
    assert section_of("cash_flow", whole, [()] * len(whole)) == ["operating"] * 3 + ["investing"] * 2
    # a whole statement whose operating total went unread: its rows from the profit stay operating
    unread = ["net income", "depreciation", "purchases of investments", "net cash used in investing activities"]
    assert section_of("cash_flow", unread, [()] * len(unread))[:2] == ["operating"] * 2
    # a heading names its section: the rows under it are not moved
    headed = ["net earnings", "net cash from operating activities"]
    assert section_of("cash_flow", headed, [("cash flows from operating activities",)] * 2) == ["operating"] * 2


def _table(title: str, head: str, rows: list[tuple[str, ...]]) -> bytes:
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<html><body><p>{title}</p><table>{head}{body}</table></body></html>".encode()


_YEARS = "<tr><td></td><td colspan=2>Year Ended December 31,</td></tr><tr><td></td><td>2024</td><td>2023</td></tr>"


def _by_concept(source: bytes) -> dict[tuple[str, dt.date], object]:
    filing = statements([("acme.htm", source)])
    return {(f.concept.split(":")[-1], f.period_end): f.value for f in filing.facts}


def test_the_one_line_between_operating_and_pretax_income_is_all_of_nonoperating_income() -> None:
    rows = [("Net sales", "1,000", "900"), ("Cost of sales", "600", "560"), ("Operating income", "400", "340"),
            ("Other income/(expense), net", "(25)", "10"), ("Income before provision for income taxes", "375", "350"),
            ("Provision for income taxes", "75", "70"), ("Net income", "300", "280")]
    facts = _by_concept(_table("CONSOLIDATED STATEMENTS OF OPERATIONS (In millions)", _YEARS, rows))
    end = dt.date(2024, 12, 31)
    assert facts[("NonoperatingIncomeExpense", end)] == -25_000_000
    assert facts[("OtherNonoperatingIncomeExpense", end)] == -25_000_000


def test_other_income_beside_interest_is_only_the_other_part() -> None:
    rows = [("Net sales", "1,000", "900"), ("Cost of sales", "600", "560"), ("Operating income", "400", "340"),
            ("Interest expense", "(20)", "(15)"), ("Other income/(expense), net", "(5)", "25"),
            ("Income before provision for income taxes", "375", "350"), ("Provision for income taxes", "75", "70"),
            ("Net income", "300", "280")]
    facts = _by_concept(_table("CONSOLIDATED STATEMENTS OF OPERATIONS (In millions)", _YEARS, rows))
    end = dt.date(2024, 12, 31)
    assert facts[("OtherNonoperatingIncomeExpense", end)] == -5_000_000
    assert ("NonoperatingIncomeExpense", end) not in facts


def test_cash_flow_lines_no_concept_names_follow_the_conventions_filers_tag() -> None:
    """A payment of investing activities is positive; the change in an operating asset is the asset's
    increase; the restricted cash subtracted from the closing total is restricted cash at the period's end;
    the heading "Cash flows - operating activities" is not the operating total."""
    rows = [("Cash flows – operating activities:",), ("Net income", "300", "280"),
            ("Changes in assets and liabilities –",), ("Operating lease vehicles", "(590)", "1,570"),
            ("Accrued warranty liabilities", "40", "(30)"),
            ("Net cash provided by operating activities", "(250)", "1,820"),
            ("Cash flows – investing activities:",), ("Cash transferred to Spinco at separation", "(1,114)", "(20)"),
            ("Net cash used in investing activities", "(1,114)", "(20)"),
            ("Net increase (decrease) in cash, cash equivalents and restricted cash", "(1,364)", "1,800"),
            ("Cash, cash equivalents and restricted cash at end of year", "2,436", "3,800"),
            ("Less: Restricted cash and restricted cash equivalents at end of year", "(306)", "(326)"),
            ("Cash and cash equivalents at end of year", "2,130", "3,474")]
    facts = _by_concept(_table("CONSOLIDATED STATEMENTS OF CASH FLOWS (In millions)", _YEARS, rows))
    end = dt.date(2024, 12, 31)
    assert facts[("OperatingLeaseVehicles", end)] == 590_000_000
    assert facts[("AccruedWarrantyLiabilities", end)] == 40_000_000
    assert facts[("CashTransferredToSpincoAtSeparation", end)] == 1_114_000_000
    assert facts[("RestrictedCashAndCashEquivalents", end)] == 306_000_000
    assert facts[("NetCashProvidedByUsedInOperatingActivities", end)] == -250_000_000


def test_a_per_share_block_goes_on_after_the_basic_total() -> None:
    rows = [("Net earnings", "14,066", "35,153"), ("Net earnings per share:",),
            ("Continuing operations - basic", "5.84", "5.26"), ("Discontinued operations - basic", "—", "8.62"),
            ("Total net earnings per share - basic", "5.84", "13.88"),
            ("Continuing operations - diluted", "5.79", "5.20"), ("Discontinued operations - diluted", "—", "8.52"),
            ("Total net earnings per share - diluted", "5.79", "13.72")]
    filing = statements([("acme.htm", _table("CONSOLIDATED STATEMENTS OF EARNINGS (Dollars in Millions)", _YEARS,
                                             rows))])
    diluted = [f for f in filing.facts if f.label == "Continuing operations - diluted"]
    assert diluted and {f.unit for f in diluted} == {"USD/share"}
    assert {f.value for f in diluted} == {Decimal("5.79"), Decimal("5.20")}


def test_a_bare_subtotal_of_revenue_less_its_costs_is_the_gross_margin() -> None:
    rows = [("Sales of products", "53,227", "65,581"), ("Sales of services", "13,290", "12,213"),
            ("Total revenues", "66,517", "77,794"), ("Cost of products", "(57,394)", "(59,864)"),
            ("Cost of services", "(11,114)", "(10,206)"), ("Total costs and expenses", "(68,508)", "(70,070)"),
            ("", "(1,991)", "7,724"), ("General and administrative expense", "(5,021)", "(5,168)"),
            ("Loss from operations", "(7,012)", "2,556")]
    facts = _by_concept(_table("Consolidated Statements of Operations (Dollars in millions)", _YEARS, rows))
    assert facts[("GrossProfit", dt.date(2024, 12, 31))] == -1_991_000_000
    assert facts[("GrossProfit", dt.date(2023, 12, 31))] == 7_724_000_000


_PERCENT_HEAD = ("<tr><td></td><td colspan=2>Three Months Ended June 29, 2025</td>"
                 "<td colspan=2>Three Months Ended June 30, 2024</td></tr>"
                 "<tr><td></td><td>Amount</td><td>Percent to Sales</td><td>Amount</td><td>Percent to Sales</td></tr>")


@pytest.mark.parametrize("cost_percent,kept", [("32.1", True), ("3.21", False), ("30.6", False)])
def test_a_percent_to_sales_column_gives_ratios_only_when_they_are_the_amounts_over_revenue(
        cost_percent: str, kept: bool) -> None:
    """Percentages beside each period's amounts are facts of unit pure, never money, and only where the
    printed percentage is the row's amount over the revenue printed at 100 %: a shifted decimal or another
    period's percentage is refused."""
    rows = [("Sales to customers", "$23,743", "100.0%", "$22,447", "100.0%"),
            ("Cost of products sold", "7,628", cost_percent, "6,869", "30.6"),
            ("Gross profit", "16,115", "67.9", "15,578", "69.4"),
            ("Net earnings", "5,536", "23.3", "4,686", "20.9")]
    filing = statements([("acme.htm", _table("CONSOLIDATED STATEMENTS OF EARNINGS (Dollars in Millions)",
                                             _PERCENT_HEAD, rows))])
    ratios = {(f.concept, f.period_end): f for f in filing.facts if f.unit == "pure"}
    assert all(not f.unit.startswith("USD") for f in ratios.values())
    assert not [f for f in filing.facts if f.unit == "USD" and f.value < 1 and f.value != 0]
    gross = ratios[("form8k:GrossProfitPercentToSales", dt.date(2025, 6, 29))]
    assert gross.value == Decimal("0.679") and gross.period_months == 3
    cost = ratios.get(("form8k:CostOfRevenuePercentToSales", dt.date(2025, 6, 29)))
    assert (cost is not None and cost.value == Decimal("0.321")) is kept
    failed = [c for c in filing.checks if c.rule == "percent_of_revenue" and c.status == "fail"]
    assert bool(failed) is not kept


_NEAR_TABLE = """statement,section,label,concept,sign,filers,rows,share
cash_flow,financing,repayments of long term debt,RepaymentsOfLongTermDebt,expense,3,9,1.0
cash_flow,financing,purchases of stock for treasury,PaymentsForRepurchaseOfCommonStock,expense,2,6,1.0
cash_flow,operating,other items,OtherNoncashIncomeExpense,printed,1,3,1.0
cash_flow,operating,other operating items,OtherOperatingActivitiesCashFlowStatement,printed,1,3,1.0
cash_flow,operating,items other operating,OtherNoncashIncomeExpense,printed,1,3,1.0
income,,total cost of revenues,CostOfRevenue,printed,4,12,1.0
balance,liabilities,long term debt,LongTermDebtNoncurrent,printed,6,18,1.0
"""


@pytest.fixture
def near_table(tmp_path, monkeypatch):
    from form8k.statements import labels

    path = tmp_path / "labels.csv"
    path.write_text(_NEAR_TABLE, encoding="utf-8")
    monkeypatch.setenv("FORM8K_LABELS", str(path))
    for cached in (labels._table, labels._by_statement, labels._nearest):
        cached.cache_clear()
    yield
    for cached in (labels._table, labels._by_statement, labels._nearest):
        cached.cache_clear()


@pytest.mark.parametrize("statement,section,label,concept", [
    # other words for the same line
    ("cash_flow", "financing", "Repayments of term debt", "RepaymentsOfLongTermDebt"),
    ("cash_flow", "financing", "Treasury stock purchases", "PaymentsForRepurchaseOfCommonStock"),
    ("cash_flow", "financing", "Repayment of long-term debt", "RepaymentsOfLongTermDebt"),
    # a word the label adds makes it another line
    ("income", "", "Total automotive cost of revenues", None),
    # a label of another section never stands for this one
    ("balance", "current_liabilities", "Long-term debt", None),
    # near labels that disagree give nothing
    ("cash_flow", "operating", "Operating items, other", None),
])
def test_a_label_in_other_words_takes_the_concept_of_the_label_it_says(near_table: None, statement: str,
                                                                        section: str, label: str,
                                                                        concept: str | None) -> None:
    hit = lookup(statement, section, label)
    assert (hit.concept if hit else None) == concept


@pytest.mark.parametrize("shares,diluted_eps,kept", [
    (("2,000", "1,900"), ("2.50", "2.40"), True),  # 5,000 / 2,000 = 2.50, 4,560 / 1,900 = 2.40
    (("2,000", "1,900"), ("2.45", "2.40"), False),  # 5,000 / 2,000 is not 2.45: another numerator
    (None, ("2.60", "2.40"), True),  # no shares printed: diluted EPS equal to basic, nothing dilutes
    (None, ("2.55", "2.40"), False),
])
def test_net_income_to_common_is_the_diluted_numerator_only_when_diluted_eps_says_so(
        shares: tuple[str, str] | None, diluted_eps: tuple[str, str], kept: bool) -> None:
    rows = [("Net income attributable to Acme", "5,100", "4,660"), ("Preferred dividends", "(100)", "(100)"),
            ("Net income attributable to Acme common shareholders", "5,000", "4,560"),
            ("Basic earnings per share", "2.60", "2.40"), ("Diluted earnings per share", *diluted_eps)]
    if shares:
        rows += [("Weighted average shares:",), ("Basic", "1,923", "1,900"), ("Diluted", *shares)]
    facts = _by_concept(_table("CONSOLIDATED STATEMENTS OF OPERATIONS (In millions, except per share data)", _YEARS,
                               rows))
    assert facts[("NetIncomeLossAvailableToCommonStockholdersBasic", dt.date(2024, 12, 31))] == 5_000_000_000
    diluted = facts.get(("NetIncomeLossAvailableToCommonStockholdersDiluted", dt.date(2024, 12, 31)))
    assert (diluted == 5_000_000_000) is kept and (diluted is None) is not kept


def test_a_two_way_payment_line_counts_its_first_named_direction_positive() -> None:
    """"Collateral (paid) received": the name the row takes puts paid first, so a receipt printed positive
    is a negative value."""
    rows = [("Net income", "300", "280"), ("Net cash provided by operating activities", "500", "450"),
            ("Collateral (paid) received associated with hedging activities — net", "235", "(1,465)"),
            ("Net cash used in investing activities", "235", "(1,465)")]
    facts = _by_concept(_table("CONSOLIDATED STATEMENTS OF CASH FLOWS (In millions)", _YEARS, rows))
    assert facts[("CollateralPaidReceivedAssociatedWithHedgingActivitiesNet", dt.date(2024, 12, 31))] == -235_000_000
    assert facts[("CollateralPaidReceivedAssociatedWithHedgingActivitiesNet", dt.date(2023, 12, 31))] == 1_465_000_000


def test_bare_fiscal_years_after_2018_take_the_restricted_cash_concepts() -> None:
    head = "<tr><td></td><td>2024</td><td>2023</td></tr>"
    rows = [("Net earnings", "500", "400"), ("Net cash flows from operating activities", "700", "600"),
            ("Increase/(Decrease) in cash and cash equivalents", "390", "365"),
            ("Cash and cash equivalents, beginning of year (Note 1)", "1,365", "1,000"),
            ("Cash and cash equivalents, end of year (Note 1)", "1,755", "1,365")]
    balance = ("<p>CONSOLIDATED BALANCE SHEETS (Dollars in Millions)</p><table>"
               "<tr><td></td><td>December 29, 2024</td><td>December 31, 2023</td></tr>"
               "<tr><td>Cash and cash equivalents</td><td>1,755</td><td>1,365</td></tr>"
               "<tr><td>Total assets</td><td>9,000</td><td>8,000</td></tr></table>")
    source = _table("CONSOLIDATED STATEMENTS OF CASH FLOWS (Dollars in Millions)", head, rows)
    source = source.replace(b"<html><body>", b"<html><body>" + balance.encode())
    facts = _by_concept(source)
    restricted = "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"
    assert facts[(restricted, dt.date(2024, 12, 29))] == 1_755_000_000
    assert facts[(restricted + "PeriodIncreaseDecreaseIncludingExchangeRateEffect", dt.date(2024, 12, 29))] == \
        390_000_000


@pytest.mark.parametrize("title,kind", [
    (["Segment Results of Operations and Financial Condition", "Commercial Airplanes", "Results of Operations"],
     "segment"),
    (["Item 7. Management's Discussion and Analysis", "Consolidated Results of Operations"], "income"),
    (["Segment Results of Operations", "Condensed Consolidated Statements of Operations"], "income"),
])
def test_results_of_operations_under_a_segment_heading_are_a_segments(title: list[str], kind: str) -> None:
    from form8k.statements.tables.classify import classify

    labels = ["Revenues", "Earnings from operations", "Operating margins", "Net income"]
    assert classify(title, labels, []) == kind


@pytest.mark.parametrize("concept,sign", [
    ("IncreaseDecreaseInAccountsReceivable", "flip"),  # an asset's increase is printed as a use of cash
    ("IncreaseDecreaseInOtherOperatingAssets", "flip"),
    ("IncreaseDecreaseInOtherOperatingCapitalNet", "flip"),
    ("IncreaseDecreaseInAccountsPayable", "printed"),  # a liability's increase is a source of cash
    ("IncreaseDecreaseInContractWithCustomerLiability", "printed"),
    ("IncreaseDecreaseInOtherNoncurrentAssetsAndLiabilitiesNet", None),  # both: the table's data decides
    ("PaymentsToAcquirePropertyPlantAndEquipment", None),
])
def test_a_change_in_working_capital_takes_its_sign_from_what_changes(concept: str, sign: str | None) -> None:
    from form8k.statements.tables.structure import working_capital_sign

    assert working_capital_sign("cash_flow", concept) == sign


def test_the_same_revenue_lines_under_several_headings_are_a_segment_breakdown() -> None:
    from form8k.statements.tables.classify import classify

    block = ["Net sales", "Total revenues", "Cost of sales", "Operating income"]
    assert classify([], ["Walmart U.S.", *block, "Sam's Club U.S.", *block], []) == "segment"
    assert classify([], ["Net sales", "Cost of sales", "Operating income", "Net income"], []) == "income"


@pytest.mark.parametrize("dates,concept", [
    (("July 3, 2004", "January 3, 2004"), "DeferredRevenueCurrent"),  # before ASU 2014-09
    (("June 30, 2024", "December 31, 2023"), "ContractWithCustomerLiabilityCurrent"),
])
def test_deferred_revenue_takes_the_concept_of_its_era(dates: tuple[str, str], concept: str) -> None:
    head = f"<tr><td></td><td>{dates[0]}</td><td>{dates[1]}</td></tr>"
    rows = [("Cash and cash equivalents", "1,000", "900"), ("Total current assets", "1,000", "900"),
            ("Total assets", "3,000", "2,900"), ("Unearned revenues", "1,256", "1,244"),
            ("Total current liabilities", "1,256", "1,244"), ("Total liabilities", "1,500", "1,400"),
            ("Total shareholders' equity", "1,500", "1,500"),
            ("Total liabilities and shareholders' equity", "3,000", "2,900")]
    filing = statements([("acme.htm", _table("CONSOLIDATED BALANCE SHEETS (millions)", head, rows))])
    assert {f.concept.split(":")[-1] for f in filing.facts if f.label == "Unearned revenues"} == {concept}


def test_a_zero_under_a_negated_sign_is_zero_not_minus_zero() -> None:
    head = "<tr><td></td><td>Year Ended December 31, 2024</td><td>Year Ended December 31, 2023</td></tr>"
    rows = [("Cash flows from investing activities:", "", ""), ("Purchases of property and equipment", "(1,200)", "—"),
            ("Net cash used in investing activities", "(1,200)", "—")]
    filing = statements([("acme.htm", _table("CONSOLIDATED STATEMENTS OF CASH FLOWS (in thousands)", head, rows))])
    zeros = [f for f in filing.facts if f.value == 0]
    assert zeros and all(not f.value.is_signed() for f in zeros)
