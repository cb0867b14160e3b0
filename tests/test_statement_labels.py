"""Row labels -> concepts and signs, header rows -> periods: real labels and layouts of filers' statements."""

from __future__ import annotations

import datetime as dt

import pytest

from form8k.load.html import html_to_text
from form8k.pipeline import statements
from form8k.statements.concepts import concept_direction, label_direction, label_sign
from form8k.statements.labels import extension_concept, lookup, table_key


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


@pytest.mark.parametrize("label,heading,unit", [
    ("Continuing operations - basic", "Net earnings per share (Notes 1 and 15)", "USD/share"),
    ("Discontinued operations", "Diluted earnings per share:", "USD/share"),
    ("Basic", "Earnings per share:", "USD/share"),
    ("Basic", "Shares used in computing earnings per share", "shares"),
    ("Income from continuing operations", "Revenues and expenses", "USD"),
    ("Continuing operations", "Net cash provided by operating activities:", "USD"),
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
