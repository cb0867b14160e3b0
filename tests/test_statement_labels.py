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
