"""Statements read end to end from small documents built to show one layout each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import form8k
from form8k.statements.tables.classify import names_statement
from parse_helpers import facts_by_period, parse_text

D = dt.date


_parse = parse_text
_facts = facts_by_period


def _cells(*cells: str) -> str:
    return "".join(f"<td>{c}</td>" for c in cells)


# An HTML release in the style of modern EX-99.1s: "$" and ")" in cells of their own, spacer cells,
# a spanning "Three Months Ended" over month-day and year rows, em-dashes and footnote markers.
HTML = """<html><body>
<p>ACME CORP.</p>
<p>CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS</p>
<p>(Dollars in thousands, except per share data)</p>
<table>
<tr><td></td><td colspan="7">Three Months Ended</td></tr>
<tr><td></td><td colspan="3">December 31,</td><td></td><td colspan="3">December 31,</td></tr>
<tr><td></td><td colspan="3">2006</td><td></td><td colspan="3">2005</td></tr>
<tr><td>Revenues:</td></tr>
<tr>{r1}</tr>
<tr>{r2}</tr>
<tr>{r3}</tr>
<tr>{r4}</tr>
<tr>{r5}</tr>
<tr>{r6}</tr>
<tr>{r7}</tr>
<tr>{r8}</tr>
<tr>{r9}</tr>
<tr><td>Net loss per share, basic and diluted</td><td>$</td><td>(0.07</td><td>)</td><td></td><td>$</td><td>(0.09</td><td>)</td></tr>
<tr>{r10}</tr>
</table>
<p>(1) Includes stock-based compensation.</p>
<p>ACME CORP.</p>
<p>CONDENSED CONSOLIDATED BALANCE SHEETS</p>
<p>(in thousands)</p>
<table>
<tr><td></td><td colspan="3">December 31, 2006</td><td></td><td colspan="3">June 30, 2006</td></tr>
<tr>{b1}</tr>
<tr>{b2}</tr>
<tr>{b3}</tr>
<tr>{b4}</tr>
<tr>{b5}</tr>
<tr>{b6}</tr>
</table>
</body></html>""".format(
    r1=_cells("Product", "$", "6,593", "", "", "$", "5,231", ""),
    r2=_cells("License fees (1)", "", "3,428", "", "", "", "&#8212;", ""),
    r3=_cells("Total revenues", "", "10,021", "", "", "", "5,231", ""),
    r4=_cells("Research and development", "", "11,768", "", "", "", "8,760", ""),
    r5=_cells("General and administrative", "", "2,566", "", "", "", "2,332", ""),
    r6=_cells("Total operating expenses", "", "14,334", "", "", "", "11,092", ""),
    r7=_cells("Loss from operations", "", "(4,313", ")", "", "", "(5,861", ")"),
    r8=_cells("Income tax expense", "", "9", "", "", "", "6", ""),
    r9=_cells("Net loss", "$", "(4,322", ")", "", "$", "(5,867", ")"),
    r10=_cells("Weighted average shares, basic and diluted", "", "61,571", "", "", "", "65,079", ""),
    b1=_cells("Cash and cash equivalents", "$", "66,682", "", "", "$", "75,023", ""),
    b2=_cells("Other assets", "", "21,049", "", "", "", "19,105", ""),
    b3=_cells("Total assets", "$", "87,731", "", "", "$", "94,128", ""),
    b4=_cells("Total liabilities", "", "22,819", "", "", "", "21,778", ""),
    b5=_cells("Total stockholders&#8217; equity", "", "64,912", "", "", "", "72,350", ""),
    b6=_cells("Total liabilities and stockholders&#8217; equity", "$", "87,731", "", "", "$", "94,128", ""),
)


def test_html_statement_reads_periods_scale_signs_and_checks() -> None:
    filing = _parse("acme.htm", HTML)
    facts = _facts(filing)
    q, prior = (D(2006, 12, 31), 3), (D(2005, 12, 31), 3)
    assert facts[("Revenues", *q)] == 10_021_000
    assert facts[("Revenues", *prior)] == 5_231_000
    assert facts[("OperatingIncomeLoss", *q)] == -4_313_000
    assert facts[("NetIncomeLoss", *prior)] == -5_867_000
    assert facts[("IncomeTaxExpenseBenefit", *q)] == 9_000
    assert facts[("EarningsPerShareBasicAndDiluted", *q)] == Decimal("-0.07")  # per share: not scaled
    assert facts[("WeightedAverageNumberOfShareOutstandingBasicAndDiluted", *q)] == 61_571_000
    assert facts[("Assets", D(2006, 12, 31), 0)] == 87_731_000
    assert facts[("StockholdersEquity", D(2006, 6, 30), 0)] == 72_350_000
    income = next(t for t in filing.tables if t.statement == "income")
    license_row = next(r for r in income.rows if r.label == "License fees")
    assert license_row.footnotes == ["1"] and license_row.values[1] == 0  # the em-dash is zero
    assert {t.statement for t in filing.tables} == {"income", "balance"}
    failed = [c.detail for c in filing.checks if c.status == "fail"]
    assert not failed
    rules = {c.rule for c in filing.checks if c.status == "pass"}
    assert {"sum", "operating_income", "net_income", "eps", "assets_balance", "liabilities_equity"} <= rules
    net = next(f for f in filing.facts if f.concept == "NetIncomeLoss" and f.period_end == D(2006, 12, 31))
    assert net.confirmed
    printed = filing.text[net.span[0]:net.span[1]]
    assert printed.startswith("(4,322") and printed.endswith(")")  # the printed number, "(" split from ")"


def test_a_misread_total_fails_its_check() -> None:
    filing = _parse("acme.htm", HTML.replace("10,021", "10,031"))
    failed = [c for c in filing.checks if c.status == "fail"]
    assert any(c.rule == "sum" and "Total revenues" in c.detail for c in failed)
    revenue = next(f for f in filing.facts if f.concept == "Revenues" and f.period_end == D(2006, 12, 31))
    assert not revenue.confirmed


def test_an_unreadable_cell_is_derived_from_the_identity_that_fixes_it() -> None:
    filing = _parse("acme.htm", HTML.replace("<td>2,566</td>", "<td>2,5b6</td>"))
    ga = next(f for f in filing.facts if f.concept == "GeneralAndAdministrativeExpense"
              and f.period_end == D(2006, 12, 31))
    assert ga.value == 2_566_000
    assert ga.source == "derived" and ga.derived_from and "Total operating expenses" in ga.derived_from
    assert not any(c.status == "fail" for c in filing.checks)


# A 1990s fixed-width text release with SGML table tags, a year row under a spanning header, "--" zeros,
# rules under the components and a label wrapped over two lines.
TEXT = """
                               ACME INDUSTRIES, INC.
                      CONSOLIDATED STATEMENTS OF INCOME
                   (In thousands, except per share amounts)

<TABLE>
<CAPTION>
                                              Three Months Ended
                                                 December 31,
                                            --------------------
                                              1996        1995
<S>                                         <C>         <C>
Net sales                                   $ 45,120    $ 41,003
Cost of sales                                 30,410      28,117
                                            --------    --------
Gross profit                                  14,710      12,886
Selling, general and administrative
  expenses                                     9,870       9,104
Interest expense                                 412          --
                                            --------    --------
Income before income taxes                     4,428       3,782
Provision for income taxes                     1,683       1,437
                                            --------    --------
Net income                                  $  2,745    $  2,345
                                            ========    ========
Net income per share                        $    .27    $    .23
Weighted average shares outstanding           10,166      10,195
</TABLE>
"""


def test_fixed_width_text_statement() -> None:
    filing = _parse("acme.txt", TEXT)
    facts = _facts(filing)
    q = (D(1996, 12, 31), 3)
    assert facts[("Revenues", *q)] == 45_120_000
    assert facts[("GrossProfit", *q)] == 14_710_000
    assert facts[("SellingGeneralAndAdministrativeExpense", *q)] == 9_870_000
    assert facts[("InterestExpense", D(1995, 12, 31), 3)] == 0
    assert facts[("NetIncomeLoss", D(1995, 12, 31), 3)] == 2_345_000
    assert not [c.detail for c in filing.checks if c.status == "fail"]
    assert {"gross_profit", "pretax_income", "net_income"} <= {c.rule for c in filing.checks if c.status == "pass"}


def test_noise_rows_are_rejected_and_reported() -> None:
    text = TEXT.replace("Provision for income taxes", "\t4 = 000\t44.400\t0.40=0\nProvision for income taxes")
    filing = _parse("acme.txt", text)
    assert any(p.code == "rejected_row" for p in filing.problems)
    assert not [c.detail for c in filing.checks if c.status == "fail"]


def test_a_filing_without_statements_has_no_facts() -> None:
    filing = _parse("note.txt", "FORM 8-K\nItem 5.02 Departure of Directors.\nMr. Smith resigned on May 1, 2020.\n")
    assert filing.facts == [] and filing.tables == []


def test_text_from_a_pdf_without_layout() -> None:
    text = """ACME CORP.
CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
(in thousands, except per share amounts)
Three Months Ended December 31,
2006 2005
Total revenues 12,072 6,587
Total operating expenses 15,922 11,186
Loss from operations (3,850) (4,599)
Other income, net 815 1,103
Loss before income taxes (3,035) (3,496)
Income tax expense 9 6
Net loss $ (3,044) $ (3,502)
"""
    filing = _parse("acme.txt", text)
    facts = _facts(filing)
    assert facts[("Revenues", D(2006, 12, 31), 3)] == 12_072_000
    assert facts[("NetIncomeLoss", D(2005, 12, 31), 3)] == -3_502_000
    assert facts[("IncomeTaxExpenseBenefit", D(2006, 12, 31), 3)] == 9_000
    assert not [c.detail for c in filing.checks if c.status == "fail"]
    assert {"operating_income", "pretax_income", "net_income"} <= {c.rule for c in filing.checks if c.status == "pass"}


def test_markdown_shows_statements_concepts_and_checks() -> None:
    from form8k.export.render import markdown

    text = TEXT.replace("Provision for income taxes", "\t4 = 000\t44.400\t0.40=0\nProvision for income taxes")
    md = markdown(_parse("acme.txt", text))
    assert "### income: CONSOLIDATED STATEMENTS OF INCOME · in thousands" in md
    assert "| **Gross profit** |" not in md  # a step of the statement, not a total row
    assert "GrossProfit" in md and "rejected" in md and "Checks:" in md


def test_a_statement_continued_in_a_second_table_keeps_its_columns() -> None:
    first, rest = HTML.split("<tr>{}</tr>".format(_cells("Income tax expense", "", "9", "", "", "", "6", "")))
    continued = first + "</table>\n<p>2</p>\n<table>\n<tr>{}</tr>".format(
        _cells("Income tax expense", "", "9", "", "", "", "6", "")) + rest
    filing = _parse("acme.htm", continued)
    facts = _facts(filing)
    assert facts[("NetIncomeLoss", D(2006, 12, 31), 3)] == -4_322_000
    assert facts[("EarningsPerShareBasicAndDiluted", D(2005, 12, 31), 3)] == Decimal("-0.09")


def test_units_stated_in_a_note_under_the_table() -> None:
    text = TEXT.replace("                   (In thousands, except per share amounts)\n", "").replace(
        "</TABLE>\n", "</TABLE>\nAmounts in thousands, except per share data.\n")
    facts = _facts(_parse("acme.txt", text))
    assert facts[("Revenues", D(1996, 12, 31), 3)] == 45_120_000


@pytest.mark.parametrize(("kind", "title", "named"), [
    ("income", "Condensed Consolidated Statements of Operations", True),
    ("income", "The Coca-Cola Company and Subsidiaries Consolidated Statements of Income", True),
    ("income", "CONSOLIDATED STATEMENTS OF EARNINGS", True),
    ("income", "Consolidated Statements of Comprehensive Income", False),
    ("income", "Segment Results of Operations and Financial Condition", False),
    ("income", "Consolidated Results of Operations", False),
    ("income", None, False),
    ("balance", "Condensed Consolidated Statements of Financial Position", True),
    ("balance", "CONSOLIDATED BALANCE SHEETS", True),
    ("balance", "Investments on the consolidated balance sheets consisted of the following at December 31:", False),
    ("cash_flow", "Consolidated Statements of Cash Flows", True),
    ("cash_flow", "Cash Flow Summary", False),
])
def test_a_title_names_its_statement(kind: str, title: str | None, named: bool) -> None:
    assert names_statement(kind, title) is named


def test_the_titled_statement_gives_the_fact_before_a_summary_printed_earlier() -> None:
    def table(rows: list[tuple[str, str, str]]) -> str:
        head = "<tr><td></td><td>Year Ended December 31, 2024</td><td>Year Ended December 31, 2023</td></tr>"
        return "<table>" + head + "".join(f"<tr>{_cells(*r)}</tr>" for r in rows) + "</table>"

    summary = table([("Revenues", "1,000", "900"), ("Income from operations", "140", "90")])
    statement = table([("Revenues", "1,000", "900"), ("Cost of revenues", "600", "500"),
                       ("Research and development", "250", "300"), ("Earnings/(loss) from operations", "150", "100"),
                       ("Income tax expense", "30", "20"), ("Net income", "120", "80")])
    html = (f"<html><body><p>Results of Operations</p><p>(in millions)</p>{summary}"
            f"<p>Consolidated Statements of Operations</p><p>(in millions)</p>{statement}</body></html>")
    filing = form8k.statements(("acme.html", html.encode()))
    facts = _facts(filing)
    assert facts[("OperatingIncomeLoss", D(2024, 12, 31), 12)] == Decimal("150000000")
    assert facts[("Revenues", D(2024, 12, 31), 12)] == Decimal("1000000000")
    assert any(c.rule == "cross_table" and c.status == "fail" for c in filing.checks)


def test_interest_income_printed_as_a_credit_in_a_block_of_expenses_is_positive() -> None:
    rows = [("Sales to customers", "1,000", "900"), ("Cost of products sold", "400", "380"),
            ("Interest income", "(60)", "(50)"), ("Interest expense", "20", "15"),
            ("Earnings before provision for taxes on income", "640", "555"),
            ("Provision for taxes on income", "100", "90"), ("Net earnings", "540", "465")]
    head = "<tr><td></td><td>Year Ended December 31, 2024</td><td>Year Ended December 31, 2023</td></tr>"
    body = "".join(f"<tr>{_cells(*r)}</tr>" for r in rows)
    html = (f"<html><body><p>Consolidated Statements of Earnings</p><p>(in millions)</p>"
            f"<table>{head}{body}</table></body></html>")
    facts = _facts(form8k.statements(("acme.html", html.encode())))
    assert facts[("InvestmentIncomeInterest", D(2024, 12, 31), 12)] == Decimal("60000000")
    # a 2024 statement of a company that is no lender: interest expense under the 2024 taxonomy's concept
    assert facts[("InterestExpenseNonoperating", D(2023, 12, 31), 12)] == Decimal("15000000")


def test_a_row_of_percentages_is_a_margin_not_an_amount() -> None:
    rows = [("Net sales", "$ 19,776", "$ 20,195"), ("Earnings before income taxes", "23.6%", "22.7%"),
            ("Net earnings", "$ 3,771", "$ 3,752")]
    head = "<tr><td></td><td>Three Months Ended March 31, 2025</td><td>Three Months Ended March 31, 2024</td></tr>"
    body = "".join(f"<tr>{_cells(*r)}</tr>" for r in rows)
    html = f"<html><body><p>Results of Operations</p><p>(in millions)</p><table>{head}{body}</table></body></html>"
    filing = form8k.statements(("acme.html", html.encode()))
    pretax = [f for f in filing.facts if f.label == "Earnings before income taxes"]
    assert not [f for f in pretax if f.unit == "USD"]
    assert _facts(filing)[("NetIncomeLoss", D(2025, 3, 31), 3)] == Decimal("3771000000")


def test_parts_of_a_total_take_the_concepts_of_parts() -> None:
    """Net sales inside total revenues is revenue from customers; total equity after the noncontrolling
    interest includes it."""
    def table(rows: list[tuple[str, ...]], head: str) -> str:
        return "<table>" + head + "".join(f"<tr>{_cells(*r)}</tr>" for r in rows) + "</table>"

    years = "<tr><td></td><td>Fiscal Years Ended January 31, 2025</td><td>Fiscal Years Ended January 31, 2024</td></tr>"
    dates = "<tr><td></td><td>January 31, 2025</td><td>January 31, 2024</td></tr>"
    income = table([("Revenues:",), ("Net sales", "674,538", "642,637"), ("Membership and other income", "6,447", "5,488"),
                    ("Total revenues", "680,985", "648,125"), ("Cost of sales", "511,753", "490,142"),
                    ("Operating income", "169,232", "157,983"), ("Net income", "140,000", "130,000")], years)
    balance = table([("Total assets", "260,823", "252,399"), ("Total liabilities", "163,402", "162,050"),
                     ("Common stock", "802", "805"), ("Retained earnings", "90,211", "83,135"),
                     ("Total Acme shareholders' equity", "91,013", "83,940"),
                     ("Noncontrolling interest", "6,408", "6,409"), ("Total shareholders' equity", "97,421", "90,349"),
                     ("Total liabilities and shareholders' equity", "260,823", "252,399")], dates)
    html = (f"<html><body><p>Consolidated Statements of Income</p><p>(Amounts in millions)</p>{income}"
            f"<p>Consolidated Balance Sheets</p><p>(Amounts in millions)</p>{balance}</body></html>")
    facts = _facts(form8k.statements(("acme.html", html.encode())))
    end = D(2025, 1, 31)
    assert facts[("Revenues", end, 12)] == Decimal("680985000000")
    assert facts[("RevenueFromContractWithCustomerExcludingAssessedTax", end, 12)] == Decimal("674538000000")
    assert facts[("StockholdersEquity", end, 0)] == Decimal("91013000000")
    assert facts[("StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest", end, 0)] == \
        Decimal("97421000000")


def test_a_header_merged_by_a_text_tool_gives_no_periods() -> None:
    """lynx prints a header's cells apart from the value columns: "2024 2023 2022" over five columns whose
    first heading is empty. Read by position every column would take its neighbour's year."""
    text = """ACME CORP.

   The following table provides a summary of our key GAAP operating results, as reported:

   Years ended December 31,
   2024
   Increase/
   (Decrease)
   2023
   Increase/
   (Decrease)
                                                               2024             2023             2022
                                                               (in millions, except percentages and per share data)
   Net revenue                                     $ 28,167         $ 25,098         $ 22,237               12%       13%
   Operating expenses                              $ 12,585         $ 11,090         $ 9,973                13%       11%
   Operating income                                $ 15,582         $ 14,008         $ 12,264               11%       14%
   Net income                                      $ 12,874         $ 11,195         $ 9,930                15%       13%
   Diluted earnings per share                      $ 13.89          $ 11.83          $ 10.22                17%       16%
   Diluted weighted-average shares outstanding     927              946              971                    (2)%      (3)%
"""
    filing = form8k.statements(("acme.txt", text.encode()))
    wrong = [f for f in filing.facts if f.period_end == D(2024, 12, 31) and f.value in (Decimal("946000000"),
                                                                                     Decimal("25098000000"))]
    assert not wrong
    assert all(not (f.confirmed and f.value == Decimal("946000000")) for f in filing.facts)


def test_the_shares_dilution_adds_are_shares_under_the_basic_count() -> None:
    rows = [("Net sales", "$ 12,535", "$ 12,363"), ("Net income", "$ 3,810", "$ 2,414"),
            ("Average shares outstanding — basic", "4,304", "4,309"), ("Effect of dilutive securities", "11", "10"),
            ("Average shares outstanding assuming dilution", "4,315", "4,319")]
    head = "<tr><td></td><td>Three Months Ended June 27, 2025</td><td>Three Months Ended June 28, 2024</td></tr>"
    body = "".join(f"<tr>{_cells(*r)}</tr>" for r in rows)
    html = (f"<html><body><p>CONDENSED CONSOLIDATED STATEMENTS OF INCOME</p><p>(In millions)</p>"
            f"<table>{head}{body}</table></body></html>")
    filing = form8k.statements(("acme.html", html.encode()))
    effect = [f for f in filing.facts if f.label == "Effect of dilutive securities"]
    assert effect and {f.unit for f in effect} == {"shares"}
    assert {f.value for f in effect} == {Decimal("11000000"), Decimal("10000000")}
