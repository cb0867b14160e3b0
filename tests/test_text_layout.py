"""Statements printed as text the way HTML renderers and PDF tools lay them out.

w3m and pdftotext keep the columns by character position but print a spanning
period heading flush left over its columns, a percent sign in a column of its
own, a row label of any length on one line, and the page number between two
halves of a statement.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial

import pytest

from form8k.models import Filing
from parse_helpers import facts_by_period, parse_text

D = dt.date


def _parse(text: str) -> Filing:
    return parse_text("statements.txt", text)


_facts = facts_by_period


INCOME = """ACME CORP.
Consolidated Statements of Operations
(in millions, except per share data)

                                                       Year Ended December 31,
                                                       2022           2023           2024

Net sales                                              $ 242,901      $ 255,887      $ 272,311
Cost of sales                                          135,000        140,000        150,000
Operating income                                       12,248         36,852         68,593
Net income (loss)                                      $ (2,722)      $ 30,425       $ 59,248
"""


def test_a_period_heading_flush_left_covers_every_column_to_its_right() -> None:
    facts = _facts(_parse(INCOME))
    assert facts[("NetIncomeLoss", D(2022, 12, 31), 12)] == Decimal(-2_722_000_000)
    assert facts[("NetIncomeLoss", D(2024, 12, 31), 12)] == Decimal(59_248_000_000)
    assert facts[("OperatingIncomeLoss", D(2023, 12, 31), 12)] == Decimal(36_852_000_000)


TWO_HEADINGS = """ACME CORP.
Condensed Consolidated Statements of Operations
(in millions)

                        Three Months Ended              Nine Months Ended
                        June 30,       June 30,         June 30,       June 30,
                        2025           2024             2025           2024
Net sales               $ 1,200        $ 1,100          $ 3,600        $ 3,300
Operating income        200            150              600            450
Net income              $ 120          $ 100            $ 360          $ 300
"""


def test_two_period_headings_on_one_line_each_keep_their_own_columns() -> None:
    facts = _facts(_parse(TWO_HEADINGS))
    assert facts[("NetIncomeLoss", D(2025, 6, 30), 3)] == Decimal(120_000_000)
    assert facts[("NetIncomeLoss", D(2024, 6, 30), 3)] == Decimal(100_000_000)
    assert facts[("NetIncomeLoss", D(2025, 6, 30), 9)] == Decimal(360_000_000)
    assert facts[("NetIncomeLoss", D(2024, 6, 30), 9)] == Decimal(300_000_000)


BALANCE_OVER_A_PAGE = """ACME CORP.
Consolidated Balance Sheets
(Dollars in Millions)

                                                                June 29, 2025        December 29, 2024
Assets
Current assets:
Cash and cash equivalents (Note 4)                              $18,577              24,105
Accounts receivable, trade, less allowances $185 (2024, $167)   17,846               14,842
Total current assets                                            36,423               38,947
Property, plant and equipment, net                              21,949               20,518
Total assets                                                    $58,372              59,465

Form 10-Q  1

Liabilities and shareholders' equity
Loans and notes payable                                         $11,526              5,983
Total liabilities                                               14,916               18,614
Total shareholders' equity                                      43,456               40,851
Total liabilities and shareholders' equity                      $58,372              59,465
"""


def test_a_page_number_inside_a_statement_is_not_a_value_column() -> None:
    filing = _parse(BALANCE_OVER_A_PAGE)
    facts = _facts(filing)
    assert facts[("Assets", D(2025, 6, 29), 0)] == Decimal(58_372_000_000)
    assert facts[("CashAndCashEquivalentsAtCarryingValue", D(2024, 12, 29), 0)] == Decimal(24_105_000_000)
    assert facts[("AccountsReceivableNetCurrent", D(2025, 6, 29), 0)] == Decimal(17_846_000_000)
    (table,) = [t for t in filing.tables if t.statement == "balance"]
    assert len(table.columns) == 2
    assert not any(v == Decimal(1) for f in filing.facts for v in [f.value])


PERCENT_COLUMNS = """ACME CORP.
Consolidated Statements of Earnings
(Dollars in Millions)

                                             Fiscal Second Quarter Ended
                                             June 29,        Percent           June 30,    Percent
                                             2025            to Sales          2024        to Sales
Sales to customers                           $23,743         100.0   %         $22,447     100.0   %
Cost of products sold                        7,628           32.1              6,869       30.6
Net earnings                                 $5,537          23.3    %         $4,686      20.9    %
"""


def test_a_percent_sign_in_its_own_column_joins_its_number_and_the_row_is_kept() -> None:
    filing = _parse(PERCENT_COLUMNS)
    facts = _facts(filing)
    assert facts[("NetIncomeLoss", D(2025, 6, 29), 3)] == Decimal(5_537_000_000)
    assert facts[("NetIncomeLoss", D(2024, 6, 30), 3)] == Decimal(4_686_000_000)
    assert not [p for p in filing.problems if p.code == "rejected_row"]
    money = [f for f in filing.facts if f.unit == "USD"]
    assert all(f.value >= 1_000_000 for f in money)  # no percentage became dollars


@pytest.mark.parametrize("label", [
    "Depreciation and amortization of property and equipment and capitalized content costs, "
    "operating lease assets, and other",
    "Net income",
])
def test_a_row_label_of_any_length_on_one_line_stays_a_row(label: str) -> None:
    text = f"""ACME CORP.
Consolidated Statements of Cash Flows
(in millions)

{"":<120}Year Ended December 31,
{"":<120}2024          2023
Net income{"":<110}$ 59,248      $ 30,425
{label:<120}52,795        48,663
Net cash provided by (used in) operating activities{"":<69}115,877       84,946
"""
    facts = _facts(_parse(text))
    assert facts[("NetCashProvidedByUsedInOperatingActivities", D(2024, 12, 31), 12)] == Decimal(115_877_000_000)
    assert facts[("NetCashProvidedByUsedInOperatingActivities", D(2023, 12, 31), 12)] == Decimal(84_946_000_000)


WRAPPED_DATES = """ACME CORP.
Consolidated Balance Sheets
(in millions)

                                                   December 31,    December
                                                   2024            31,
                                                                   2023
Assets
Cash and cash equivalents                          $ 16,139        $ 16,398
Total assets                                       $ 122,070       $ 106,618
Total liabilities                                  48,390          43,009
Total stockholders' equity                         72,913          62,634
"""


def test_a_date_wrapped_over_three_lines_in_a_narrow_column_is_read_whole() -> None:
    facts = _facts(_parse(WRAPPED_DATES))
    assert facts[("Assets", D(2024, 12, 31), 0)] == Decimal(122_070_000_000)
    assert facts[("Assets", D(2023, 12, 31), 0)] == Decimal(106_618_000_000)


CASH_FLOW_OVER_TWO_PAGES = """ACME CORP.
Consolidated Statements of Cash Flows
For the Years Ended December 31, 2024, 2023 and 2022
(Dollars in Millions)
                                                        2024      2023      2022
Cash flows from operating activities
Net earnings                                            $14,066   35,153    17,941
Net cash flows from operating activities                24,266    22,791    21,194
Net cash used by investing activities                   (18,599)  878       (12,371)

48  Acme-logo.jpg

━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━

                                                                                      2024      2023      2022
Cash flows from financing activities
Dividends to shareholders                                                             (11,823)  (11,770)  (11,682)
Net cash used by financing activities                                                 (3,132)   (15,825)  (8,871)
Effect of exchange rate changes on cash and cash equivalents                          (289)     (112)     (312)
"""


def test_a_statement_carried_onto_the_next_page_under_the_same_years_keeps_its_periods() -> None:
    filing = _parse(CASH_FLOW_OVER_TWO_PAGES)
    fiscal = {c.period_end for t in filing.tables for c in t.columns}
    assert fiscal == {D(2024, 12, 31), D(2023, 12, 31), D(2022, 12, 31)}
    facts = _facts(filing)
    assert facts[("NetCashProvidedByUsedInFinancingActivities", D(2024, 12, 31), 12)] == Decimal(-3_132_000_000)
    assert facts[("NetCashProvidedByUsedInFinancingActivities", D(2022, 12, 31), 12)] == Decimal(-8_871_000_000)
    assert all(t.statement == "cash_flow" for t in filing.tables)
    assert not any(t.title and ".jpg" in t.title for t in filing.tables)


def test_a_bare_fiscal_year_takes_its_end_from_the_equity_statement_balances() -> None:
    w = 52
    text = f"""ACME CORP.
Consolidated Balance Sheets
(Dollars in Millions)
{"":<{w}}{"December 29, 2024":<22}December 31, 2023
Total assets{"":<{w - 12}}{"$180,104":<22}167,558
Total liabilities{"":<{w - 17}}{"108,614":<22}98,784

Consolidated Statements of Earnings
(Dollars in Millions)
{"":<{w}}{"2024":<10}{"2023":<10}2022
Sales to customers{"":<{w - 18}}{"$88,821":<10}{"85,159":<10}79,990
Net earnings{"":<{w - 12}}{"$14,066":<10}{"35,153":<10}17,941

Consolidated Statements of Equity
(Dollars in Millions)
{"":<{w}}{"Total":<10}Retained Earnings
Balance, January 2, 2022{"":<{w - 24}}{"$74,023":<10}123,060
Net earnings{"":<{w - 12}}{"17,941":<10}17,941
Balance, January 1, 2023{"":<{w - 24}}{"76,804":<10}128,345
"""
    facts = _facts(_parse(text))
    assert facts[("NetIncomeLoss", D(2024, 12, 29), 12)] == Decimal(14_066_000_000)
    assert facts[("NetIncomeLoss", D(2023, 1, 1), 12)] == Decimal(17_941_000_000)  # a 52/53-week year


# pdftotext -layout: the day of the heading's date on a line of its own, numbers right-aligned with
# dashes and short numbers centred, so that character positions drift from row to row.
PDFTOTEXT_QUARTER = """                       CONSOLIDATED STATEMENTS OF EARNINGS
                                                          Three Months Ended March          Nine Months Ended March
                                                                            31                               31

Amounts in millions except per share amounts                    2025             2024            2025             2024

NET SALES                                                 $      19,776      $   20,195      $   63,395       $   63,507
       Cost of products sold                                      9,694           9,855          30,533           30,500
       Impairment charge                                               —                —               —          1,341
OPERATING INCOME                                                  4,558           4,460          16,096           14,660
       Less: Net earnings attributable to noncontrolling interests     23               27              80               88
NET EARNINGS                                                      3,793           3,781          12,439           11,830
"""


def test_pdftotext_quarters_with_the_day_apart_and_drifting_columns() -> None:
    facts = _facts(_parse(PDFTOTEXT_QUARTER))
    assert facts[("NetIncomeLoss", D(2025, 3, 31), 3)] == Decimal(3_793_000_000)
    assert facts[("NetIncomeLoss", D(2024, 3, 31), 3)] == Decimal(3_781_000_000)
    assert facts[("NetIncomeLoss", D(2025, 3, 31), 9)] == Decimal(12_439_000_000)
    assert facts[("OperatingIncomeLoss", D(2024, 3, 31), 9)] == Decimal(14_660_000_000)
    assert not any(months == 12 for _, _, months in facts)


PDFTOTEXT_YEARS = """Consolidated Statements of Cash Flows
                                                                              For the Years Ended December 31,

                                                                               2024             2023             2022

                                                                                            (in millions)
Operating Activities
Net income                                                                $     12,874      $   11,195       $    9,930
Adjustments to reconcile net income to net cash provided by operating activities:
   Amortization of customer incentives                                           1,830            1,622           1,586
   (Gains) losses on equity investments, net                                          29               61           145
   Share-based compensation                                                       526               460             295
   Other                                                                          191                  22               44
Net cash provided by operating activities                                       14,780           11,980          11,195
"""


def test_pdftotext_years_centred_left_of_their_numbers_keep_their_columns() -> None:
    facts = _facts(_parse(PDFTOTEXT_YEARS))
    assert facts[("ShareBasedCompensation", D(2024, 12, 31), 12)] == Decimal(526_000_000)
    assert facts[("ShareBasedCompensation", D(2023, 12, 31), 12)] == Decimal(460_000_000)
    assert facts[("ShareBasedCompensation", D(2022, 12, 31), 12)] == Decimal(295_000_000)
    assert facts[("NetCashProvidedByUsedInOperatingActivities", D(2024, 12, 31), 12)] == Decimal(14_780_000_000)


def test_an_interim_balance_sheet_date_never_makes_a_bare_year_a_fiscal_year() -> None:
    w = 52
    text = f"""ACME CORP.
Condensed Consolidated Balance Sheets
(in millions)
{"":<{w}}{"March 31, 2025":<18}June 30, 2024
Total assets{"":<{w - 12}}{"$122,370":<18}122,370
Total liabilities{"":<{w - 17}}{"70,354":<18}71,811

Condensed Consolidated Statements of Earnings
(in millions)
{"":<{w}}{"2025":<10}2024
Net sales{"":<{w - 9}}{"$19,776":<10}20,195
Net earnings{"":<{w - 12}}{"3,793":<10}3,781
"""
    filing = _parse(text)
    assert not [f for f in filing.facts if f.period_months == 12]  # the quarter is not a year ended March 31


def test_a_caption_and_both_period_headings_on_one_line_are_the_header() -> None:
    w = 94
    text = f"""THE ACME COMPANY
Condensed Consolidated Statements of Operations
(Unaudited)

{"(Dollars in millions, except per share data)":<{w}}{"Six months ended June 30":<33}Three months ended June 30
{"":<{w}}{"2025":<18}{"2024":<15}{"2025":<22}2024
{"Total revenues":<{w}}{"$42,245":<18}{"$33,435":<15}{"$22,749":<22}$16,866
{"Total costs and expenses":<{w}}{"(37,393)":<18}{"(30,330)":<15}{"(20,314)":<22}(15,637)
{"Net loss":<{w}}{"(1,116)":<18}{"(1,798)":<15}{"(612)":<22}(1,439)
"""
    facts = _facts(_parse(text))
    assert facts[("NetIncomeLoss", D(2025, 6, 30), 6)] == Decimal(-1_116_000_000)
    assert facts[("NetIncomeLoss", D(2024, 6, 30), 3)] == Decimal(-1_439_000_000)
    assert facts[("Revenues", D(2025, 6, 30), 3)] == Decimal(22_749_000_000)


def test_two_columns_read_as_one_period_with_different_numbers_give_no_facts() -> None:
    # Four columns under two bare years: the header names each period twice, so no column can be trusted.
    w = 40
    text = f"""ACME CORP.
Condensed Consolidated Statements of Operations
(Dollars in millions)
For the six months ended June 30
{"":<{w}}{"2025":<12}{"2024":<12}{"2025":<12}2024
{"Total revenues":<{w}}{"$42,245":<12}{"$33,435":<12}{"$22,749":<12}$16,866
{"Net loss":<{w}}{"(1,116)":<12}{"(1,798)":<12}{"(612)":<12}(1,439)
"""
    filing = _parse(text)
    assert not filing.facts
    assert any(p.code == "ambiguous_columns" for p in filing.problems)


def test_a_long_label_that_runs_into_its_first_value_and_wraps_stays_one_row() -> None:
    w = 120
    text = f"""ACME CORP.
Consolidated Balance Sheets
(in thousands)
{"":<{w}}{"June 30, 2025":<18}December 31, 2024
{"Total liabilities":<{w}}{"28,147,765":<18}28,886,807
Stockholders' equity:
Common stock, $0.001 par value; 4,990,000,000 shares authorized; 424,926,346 and 427,757,100 issued and outstanding at June 30, 6,932,828         6,252,126
2025 and December 31, 2024, respectively
{"Retained earnings":<{w}}{"37,316,681":<18}31,300,917
{"Total stockholders' equity":<{w}}{"24,951,899":<18}24,743,567
{"Total liabilities and stockholders' equity":<{w}}{"$ 53,099,664":<18}$ 53,630,374
"""
    filing = _parse(text)
    facts = _facts(filing)
    (row,) = [r for t in filing.tables for r in t.rows if r.label.startswith("Common stock")]
    assert row.label.endswith("respectively") and row.values == [Decimal(6_932_828_000), Decimal(6_252_126_000)]
    assert facts[("StockholdersEquity", D(2024, 12, 31), 0)] == Decimal(24_743_567_000)
    assert len([t for t in filing.tables if t.statement == "balance"]) == 1


PDFTOTEXT_CENTRED = """                                             CONSOLIDATED STATEMENTS OF OPERATIONS
                      (In millions, except number of shares, which are reflected in thousands, and per-share amounts)


                                                                                                              Years ended

                                                                                        September 28,         September 30,          September 24,
                                                                                            2024                  2023                   2022

Net sales:
 Products                                                                           $         294,866     $         298,085      $         316,199
 Services                                                                                      96,169                85,200                 78,129
    Total net sales                                                                           391,035               383,285                394,328
Operating income                                                                              123,216               114,301                119,437
Net income                                                                          $          93,736     $          96,995      $          99,803
"""


def test_a_lone_centred_heading_heads_every_column_and_each_date_keeps_its_own() -> None:
    filing = _parse(PDFTOTEXT_CENTRED)
    (table,) = filing.tables
    assert [(c.period_end, c.period_months) for c in table.columns] == [
        (D(2024, 9, 28), 12), (D(2023, 9, 30), 12), (D(2022, 9, 24), 12)]
    assert _facts(filing)[("NetIncomeLoss", D(2023, 9, 30), 12)] == Decimal(96_995_000_000)


# lynx prints an HTML statement's cells one after another: one or two spaces apart, the label running into
# the first value, the column headings wrapped anywhere.
FLOW = """ACME CORP.

CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS (Unaudited)

(In millions, except per-share amounts)

   Three Months Ended Nine Months Ended
   June 28,
   2025 June 29,
   2024 June 28,
   2025 June 29,
   2024
   Net sales:
      Products $ 61,000  $ 60,000  $ 200,000  $ 190,000
      Services 24,000  21,000  71,000  62,000
   Total net sales 85,000  81,000  271,000  252,000
   Cost of sales 46,000  45,000  159,000  165,000
   Gross margin 39,000  36,000  112,000  87,000
   Other income/(expense), net 142  (265) 250  (594)
   Net income $ 39,142  $ 35,735  $ 112,250  $ 86,406
"""


def test_a_statement_printed_cell_after_cell_by_a_text_browser_is_read_by_column_order() -> None:
    filing = _parse(FLOW)
    facts = _facts(filing)
    assert facts[("Revenues", D(2025, 6, 28), 3)] == Decimal(85_000_000_000)
    assert facts[("Revenues", D(2024, 6, 29), 9)] == Decimal(252_000_000_000)
    assert facts[("NetIncomeLoss", D(2024, 6, 29), 3)] == Decimal(35_735_000_000)
    assert facts[("OtherNonoperatingIncomeExpense", D(2024, 6, 29), 3)] == Decimal(-265_000_000)
    assert facts[("OtherNonoperatingIncomeExpense", D(2025, 6, 28), 9)] == Decimal(250_000_000)
    assert not [p for p in filing.problems if p.code == "rejected_row"]
    revenue = [f for f in filing.facts if f.concept == "Revenues"]
    assert len(revenue) == 4 and all("sum" in f.evidence for f in revenue)  # products + services = total, each column
    assert all(c.status == "pass" for c in filing.checks)


FLOW_PERCENT = """ACME CORP.

Net sales by reportable segment (in millions)

   Three Months Ended Nine Months Ended
   June 28,
   2025 June 29,
   2024 Change June 28,
   2025 June 29,
   2024 Change
   Americas $ 37,678  $ 35,383  6  % $ 125,381  $ 122,445  2  %
   Europe 21,884  20,205  8  % 76,404  71,831  6  %
   Greater China 14,728  15,758  (7) % 51,919  57,475  (10) %
   Total net sales $ 74,290  $ 71,346  4  % $ 253,704  $ 251,751  1  %
"""


def test_a_percent_sign_printed_apart_in_a_text_browser_row_joins_its_number() -> None:
    from form8k.statements.tables.text_lines import single_spaced

    fields = single_spaced("   Greater China 14,728  15,758  (7) % 51,919  57,475  (10) %", relaxed=True)
    assert fields is not None
    assert [f.text for f in fields] == ["Greater China", "14,728", "15,758", "(7) %", "51,919", "57,475", "(10) %"]
    assert [f.number.percent for f in fields[1:] if f.number] == [False, False, True, False, False, True]
    filing = _parse(FLOW_PERCENT)
    assert not [p for p in filing.problems if p.code == "rejected_row"]
    assert all(f.value >= 1_000_000 for f in filing.facts if f.unit == "USD")  # no percentage became dollars


YEAR_LABELS = """ACME CORP.
Consolidated Balance Sheets
(in millions)
                                               December 31,
                                               2024           2023
Notes due 2027                                 $ 1,000        $ 1,000
Notes due 2029                                 1,500          1,500
Notes due 2031                                 2,000          2,000
Total long-term debt                           4,500          4,500
"""


def test_a_label_ending_in_a_year_keeps_it_and_the_values_keep_their_columns() -> None:
    filing = _parse(YEAR_LABELS)
    table = filing.tables[0]
    notes = next(r for r in table.rows if r.label == "Notes due 2031")
    assert notes.values == [Decimal(2_000_000_000), Decimal(2_000_000_000)]
    assert [c.period_end for c in table.columns] == [D(2024, 12, 31), D(2023, 12, 31)]


# lynx lays out a table whose heading cells span columns with the first year where the row starts.
YEARS_FAR_LEFT = """ACME CORP.
CONDENSED CONSOLIDATED STATEMENT OF INCOME

            (millions of dollars, unless noted)
   Three Months Ended
   June 30, Six Months Ended
   June 30,
            2025                                                        2024         2025         2024
            Revenues and other income
            Sales and other operating revenue                           79,477       89,986       160,535  170,397
            Other income                                                567          1,330        1,270    2,160
            Total revenues and other income                             80,044       91,316       161,805  172,557
            Income before income taxes                                  10,705       13,665       22,305   26,034
"""


def test_a_row_of_years_printed_from_the_label_column_heads_the_columns_in_order() -> None:
    table = _parse(YEARS_FAR_LEFT).tables[0]
    assert [(c.period_end, c.period_months) for c in table.columns] == [
        (D(2025, 6, 30), 3), (D(2024, 6, 30), 3), (D(2025, 6, 30), 6), (D(2024, 6, 30), 6)]
    total = next(r for r in table.rows if r.label == "Total revenues and other income")
    assert total.values[3] == Decimal(172_557_000_000)


@pytest.mark.parametrize(("line", "fields"), [
    ("   Sales to customers (Note 9) $23,743 100.0  % $22,447 100.0  %",
     ["Sales to customers (Note 9)", "$23,743", "100.0  %", "$22,447", "100.0  %"]),
    ("   Cash and cash equivalents (Note 4) $18,577 $24,105", ["Cash and cash equivalents (Note 4)", "$18,577", "$24,105"]),
    ("   Other (income) expense, net 107  0.5  653 2.9", ["Other (income) expense, net", "107", "0.5", "653", "2.9"]),
    ("   Interest income (260) (1.1) (395) (1.8)", ["Interest income", "(260)", "(1.1)", "(395)", "(1.8)"]),
])
def test_a_row_printed_without_layout_keeps_a_note_reference_in_its_label(line: str, fields: list[str]) -> None:
    from form8k.statements.tables.text_lines import single_spaced

    cut = single_spaced(line, relaxed=True)
    assert cut is not None and [f.text for f in cut] == fields


FLOW_SHARE_OF_SALES = """ACME CORP.

consolidated statements of earnings

(Dollars in Millions)

     Fiscal Second Quarter Ended
   June 29,
   2025 Percent
   to Sales June 30,
   2024 Percent
   to Sales
   Sales to customers (Note 9) $23,743 100.0  % $22,447 100.0  %
   Cost of products sold 7,628  32.1  6,869 30.6
   Gross profit 16,115  67.9  15,578 69.4
   Research and development expense 3,516  14.8  3,440 15.3
   Interest income (260) (1.1) (395) (1.8)
"""


def test_a_share_of_sales_column_after_each_date_in_a_text_browser_table_is_no_period_of_its_own() -> None:
    filing = _parse(FLOW_SHARE_OF_SALES)
    table = filing.tables[0]
    assert [c.period_end for c in table.columns] == [D(2025, 6, 29), None, D(2024, 6, 30), None]
    facts = _facts(filing)
    assert facts[("GrossProfit", D(2025, 6, 29), 3)] == Decimal(16_115_000_000)
    assert facts[("GrossProfit", D(2024, 6, 30), 3)] == Decimal(15_578_000_000)
    assert all(f.value >= 1_000_000 or f.value < 0 for f in filing.facts if f.unit == "USD")


def test_a_text_browser_heading_without_a_date_or_year_is_left_to_the_layout_reader() -> None:
    from form8k.statements.tables.layout import _flow_header
    from form8k.statements.tables.text_lines import read_line

    assert _flow_header([read_line(0, "   Three Months Ended Nine Months Ended")], 4) is None
    assert _flow_header([], 2) is None


@pytest.mark.parametrize(("heading", "named"), [
    ("   December 31, 2024 2023", ["December 31, 2024", "December 31, 2023"]),
    ("   December 31, 2024 and 2023", ["December 31, 2024", "December 31, 2023"]),
    ("   June 29, 2025 June 30, 2024", ["June 29, 2025", "June 30, 2024"]),
])
def test_years_after_a_text_browser_heading_date_share_its_month_and_day(heading: str, named: list[str]) -> None:
    from form8k.statements.tables.layout import _flow_header
    from form8k.statements.tables.text_lines import read_line

    header = _flow_header([read_line(0, heading)], 2)
    assert header is not None and [cell.text for cell in header[-1]] == named


def test_amounts_after_a_label_ending_in_and_or_of_are_the_labels() -> None:
    from form8k.statements.tables.text_lines import single_spaced

    assert single_spaced("Other assets, net of accumulated amortization of $1,085 and $1,046", relaxed=True) is None
    fields = single_spaced("Other assets, net 5,414 4,935", relaxed=True)
    assert fields is not None and [f.text for f in fields] == ["Other assets, net", "5,414", "4,935"]


# Years printed left of their numbers, nearer the column before; rows whose label wrapped print their values
# further left still.
YEARS_LEFT_OF_NUMBERS = """NETFLIX-LIKE, INC.
CONSOLIDATED STATEMENTS OF OPERATIONS
(in thousands)

                                                        Year ended December 31,

                                                        2024                          2023                          2022
   Revenues                                                             $ 39,000,966                  $ 33,723,297             $ 31,615,550
   Cost of revenues                                                     21,038,464                    19,715,368               19,168,285
   Technology and development
                                                        2,925,295                     2,675,758                     2,711,041
   Operating income                                                     15,037,207                    11,332,171               9,736,224
"""


def test_years_printed_left_of_their_numbers_head_the_columns_in_order() -> None:
    facts = _facts(_parse(YEARS_LEFT_OF_NUMBERS))
    assert facts[("Revenues", D(2024, 12, 31), 12)] == Decimal(39_000_966_000)
    assert facts[("Revenues", D(2023, 12, 31), 12)] == Decimal(33_723_297_000)
    assert facts[("Revenues", D(2022, 12, 31), 12)] == Decimal(31_615_550_000)


# lynx wraps a row whose label and values do not fit: the label alone, its values at the left margin below.
FLOW_WRAPPED = """ACME CORP.

Consolidated Statements of Operations

(in thousands)

   Three Months Ended Six Months Ended
   June 30,
   2025 June 30,
   2024 June 30,
   2025 June 30,
   2024
   Revenues
   $ 11,079,166  $ 9,559,310  $ 21,621,967  $ 18,929,750
   Cost of revenues
   5,325,311  5,174,143  10,588,458  10,151,216
   Gross profit 5,753,855  4,385,167  11,033,509  8,778,534
   Interest expense
   (182,649) (167,986) (366,821) (341,300)
   Income before income taxes 5,571,206  4,217,181  10,666,688  8,437,234
"""


def test_labels_printed_alone_above_their_values_in_a_text_browser_table_keep_their_values() -> None:
    filing = _parse(FLOW_WRAPPED)
    facts = _facts(filing)
    assert facts[("Revenues", D(2025, 6, 30), 3)] == Decimal(11_079_166_000)
    assert facts[("Revenues", D(2024, 6, 30), 6)] == Decimal(18_929_750_000)
    assert facts[("CostOfRevenue", D(2025, 6, 30), 6)] == Decimal(10_588_458_000)
    interest = next(r for r in filing.tables[0].rows if r.label == "Interest expense")
    assert interest.values == [Decimal(v) * -1000 for v in (182_649, 167_986, 366_821, 341_300)]
    assert not [p for p in filing.problems if p.code == "rejected_row"]


# A text browser prints a row's label on one line however long: this one runs into its value, one space apart,
# and read alone the line is prose. The rows below it are the same balance sheet.
_LONG = ("Mandatory convertible preferred stock, 6.00% Series A, par value $1.00 – 20,000,000 shares authorized; "
         "5,750,000 shares issued; aggregate liquidation preference $5,750")


def _row(label: str, *values: str) -> str:
    return label.ljust(168) + "".join(v.ljust(14) for v in values).rstrip()


RUN_IN = "\n".join([
    "ACME CORP.", "Consolidated Statements of Financial Position", "(Dollars in millions)",
    _row("December 31,", "2024", "2023"),
    _row("Total liabilities", "160,277", "154,240"),
    "Shareholders' equity:",
    f"{_LONG} 6",
    _row("Common stock, par value $5.00 – 1,200,000,000 shares authorized; 1,012,261,159 shares issued", "5,061",
         "5,061"),
    _row("Retained earnings", "15,362", "27,251"),
    _row("Total equity", "(3,914)", "(17,228)"),
    _row("Total liabilities and equity", "$156,363", "$137,012"),
]) + "\n"


def test_a_label_run_into_its_value_under_a_value_column_is_a_row_and_the_table_goes_on() -> None:
    assert len(_LONG) + 1 == 168  # the "6" starts where the first column's values start
    filing = _parse(RUN_IN)
    facts = _facts(filing)
    assert facts[("LiabilitiesAndStockholdersEquity", D(2024, 12, 31), 0)] == Decimal(156_363_000_000)
    assert facts[("RetainedEarningsAccumulatedDeficit", D(2023, 12, 31), 0)] == Decimal(27_251_000_000)
    preferred = next(r for r in filing.tables[0].rows if r.label.startswith("Mandatory"))
    assert preferred.values == [Decimal(6_000_000), None]


def test_prose_ending_in_a_number_after_a_table_does_not_join_it() -> None:
    text = RUN_IN.replace(f"{_LONG} 6\n", "") + (
        "The Company issued 5,750,000 shares of mandatory convertible preferred stock in the fourth quarter of 2024, "
        "with an aggregate liquidation preference of $5,750 million and a dividend of 6\n\nNotes follow.\n")
    filing = _parse(text)
    assert [len(t.rows) for t in filing.tables] == [6]


# pdftotext wraps a long label over lines at the rows' margin; its first lines name balance-sheet dates.
def _wide(label: str, *values: str, margin: int = 100) -> str:
    return label.ljust(margin) + "".join(v.rjust(20) for v in values)


def _wrapped_label_dates(margin: int) -> str:
    row = partial(_wide, margin=margin)
    return "\n".join([
        "ACME CORP.", "Consolidated Balance Sheets", "(in thousands)",
        row("", "December 31, 2024", "December 31, 2023"),
        row("    Total liabilities", "28,886,807", "28,143,679"),
        "Stockholders' equity:",
        "    Preferred stock, $0.001 par value; 10,000,000 shares authorized at December 31, 2024 and",
        "    December 31, 2023; no shares issued and outstanding at December 31, 2024 and",
        row("    December 31, 2023", "—", "—"),
        "    Common stock, $0.001 par value; 4,990,000,000 shares authorized at December 31, 2024 and",
        row("    December 31, 2023; 427,757,100 and 432,759,584 issued and outstanding", "6,252,126", "5,145,172"),
        "    Treasury stock at cost (25,953,460 and 16,078,268 shares at December 31, 2024 and",
        row("    December 31, 2023)", "(13,171,638)", "(6,922,200)"),
        row("    Retained earnings", "31,300,917", "22,589,286"),
        row("         Total stockholders' equity", "24,743,567", "20,588,313"),
        row("         Total liabilities and stockholders' equity", "$   53,630,374", "$   48,731,992"),
    ]) + "\n"



# values from column 100, right of the wrapped lines; from column 70, under their ends (pdfium's layout)
@pytest.mark.parametrize("margin", [100, 70])
def test_a_label_wrapped_over_lines_that_name_dates_stays_in_its_table_and_its_row(margin: int) -> None:
    filing = _parse(_wrapped_label_dates(margin))
    facts = _facts(filing)
    assert len(filing.tables) == 1
    assert facts[("LiabilitiesAndStockholdersEquity", D(2023, 12, 31), 0)] == Decimal(48_731_992_000)
    assert facts[("StockholdersEquity", D(2024, 12, 31), 0)] == Decimal(24_743_567_000)
    labels = [r.label for r in filing.tables[0].rows]
    # a line ending in "and" or inside an open parenthesis goes on with the label of the next line
    assert ("Preferred stock, $0.001 par value; 10,000,000 shares authorized at December 31, 2024 and December 31, "
            "2023; no shares issued and outstanding at December 31, 2024 and December 31, 2023") in labels
    assert ("Treasury stock at cost (25,953,460 and 16,078,268 shares at December 31, 2024 and December 31, 2023)"
            in labels)
    assert facts[("CommonStockValue", D(2024, 12, 31), 0)] == Decimal(6_252_126_000)


# lynx prints a wrapped row's first value one space after the rest of its label, and the others where the
# columns start: "(623)" is the 2024 value.
RUN_IN_AMOUNT = "\n".join([
    "ACME CORP.", "Consolidated Statements of Cash Flows", "(in millions)",
    _wide("", "2024", "2023", "2022"),
    _wide("   Net Cash Provided by (Used in) Financing Activities", "(6,910)", "(8,310)", "(10,250)"),
    "   Effect of Exchange Rate Changes on Cash, Cash Equivalents, Restricted Cash and",
    _wide("      Restricted Cash Equivalents (623)", "(73)", "(205)"),
    _wide("   Net increase in cash during the year", "1,796", "(133)", "(200)"),
    _wide("   Notes due 2027", "500", "500"),
]) + "\n"


def test_an_amount_run_into_a_row_label_is_its_first_value() -> None:
    filing = _parse(RUN_IN_AMOUNT)
    rows = {r.label: r.values for r in filing.tables[0].rows}
    effect = ("Effect of Exchange Rate Changes on Cash, Cash Equivalents, Restricted Cash and Restricted Cash "
              "Equivalents")
    assert rows[effect] == [Decimal(-623_000_000), Decimal(-73_000_000), Decimal(-205_000_000)]
    # a year ending a label is the label's own: the row's two values keep their columns
    assert rows["Notes due 2027"] == [Decimal(500_000_000), Decimal(500_000_000), None]


@pytest.mark.parametrize(("line", "kinds"), [
    # a column too narrow for two amounts: one space between them
    ("Total assets                                      $180,104 167,558", [("Total assets", "text"),
                                                                           ("$180,104", "num"), ("167,558", "num")]),
    ("Treasury stock                                    (13,171,638) (6,922,200)",
     [("Treasury stock", "text"), ("(13,171,638)", "num"), ("(6,922,200)", "num")]),
    # not two amounts: a number and a word, a year and a count, a note reference
    ("Common stock                                      1,000 shares      5", [("Common stock", "text"),
                                                                            ("1,000 shares", "text"), ("5", "num")]),
    ("Notes due 2027                                    2027 1,500", [("Notes due 2027", "text"), ("2027 1,500", "junk")]),
    # three, the last too small for a group of thousands
    ("Interest income                                   (1,332) (1,261) (490)",
     [("Interest income", "text"), ("(1,332)", "num"), ("(1,261)", "num"), ("(490)", "num")]),
    ("Shares                                            1 2 3", [("Shares", "text"), ("1 2 3", "junk")]),
    # a dash for a zero between them
    ("Acquisitions, net of cash acquired                (15,146) \u2014        (17,652)",
     [("Acquisitions, net of cash acquired", "text"), ("(15,146)", "num"), ("\u2014", "num"), ("(17,652)", "num")]),
    ("Revenue                                           1,234 \u2014 a note", [("Revenue", "text"),
                                                                              ("1,234 \u2014 a note", "text")]),
])
def test_two_amounts_one_space_apart_are_two_fields(line: str, kinds: list[tuple[str, str]]) -> None:
    from form8k.statements.tables.text_lines import read_line

    assert [(f.text, f.kind) for f in read_line(0, line).fields] == kinds


# A text browser's cash-flow statement where most rows print their values one space apart (read as single-spaced
# rows, not label and value run together): its heading is printed the same flowing way.
FLOW_SINGLE = """NETFLIX, INC.

Consolidated Statements of Cash Flows

(in thousands)


   Three Months Ended Six Months Ended

   June 30,
   2025 June 30,
   2024 June 30,
   2025 June 30,
   2024
   Cash flows from operating activities:
   Net income $ 3,125,413  $ 2,147,306  $ 6,015,764  $ 4,479,515
   Additions to content assets (3,835,813) (4,048,852) (7,385,470) (7,777,819)
   Change in content liabilities (214,052) (366,572) (625,305) (556,013)
   Deferred income taxes (135,755) (209,387) (299,683) (316,464)
   Other current assets (176,683) (28,959) (308,050) 9,090
   Other non-current assets and liabilities (370,624) (88,843) (452,904) (154,890)
   Net cash provided by operating activities 2,423,258  1,290,847  5,212,457  3,503,369
"""


def test_a_heading_over_rows_printed_one_space_apart_is_read_in_order() -> None:
    filing = _parse(FLOW_SINGLE)
    table = filing.tables[0]
    assert [(c.period_end, c.period_months) for c in table.columns] == [
        (D(2025, 6, 30), 3), (D(2024, 6, 30), 3), (D(2025, 6, 30), 6), (D(2024, 6, 30), 6)]
    facts = _facts(filing)
    assert facts[("NetCashProvidedByUsedInOperatingActivities", D(2024, 6, 30), 6)] == Decimal(3_503_369_000)


# lynx: labels ending in a reference to the notes, and rows too long for the line whose values go on the next
# line from its left margin.
NOTE_REFERENCES = """ACME CORP. CONSOLIDATED BALANCE SHEETS
At December 29, 2024 and December 31, 2023
(Dollars in Millions)

""" + "\n".join([
    f"{'':<100}2024     2023",
    "   Current assets",
    _wide("   Cash and cash equivalents (Notes 1 and 2)", "$24,105", " 21,859"),
    _wide("   Marketable securities (Notes 1 and 2)", "417", "     1,068"),
    "   Accounts receivable trade, less allowances $167 (2023, $166)",
    f"   {'14,842':<97}14,873",
    _wide("   Inventories (Notes 1 and 3)", "12,444", "  11,181"),
    _wide("   Prepaid expenses and other receivables", "4,085", "   4,514"),
    _wide("   Total current assets", "55,893", "  53,495"),
    _wide("   Goodwill (Notes 1 and 5)", "44,200", "  36,558"),
    _wide("   Deferred taxes on income (Note 8)", "10,461", "  9,279"),
    _wide("   Total assets", "$180,104", "167,558"),
]) + "\n"


def test_a_reference_to_the_notes_ending_a_label_is_no_value() -> None:
    table = _parse(NOTE_REFERENCES).tables[0]
    assert [c.period_end for c in table.columns] == [D(2024, 12, 29), D(2023, 12, 31)]
    rows = {r.label: r.values for r in table.rows}
    assert rows["Cash and cash equivalents (Notes 1 and 2)"] == [Decimal(24_105_000_000), Decimal(21_859_000_000)]
    assert rows["Goodwill (Notes 1 and 5)"] == [Decimal(44_200_000_000), Decimal(36_558_000_000)]
    assert rows["Accounts receivable trade, less allowances $167 (2023, $166)"] == [
        Decimal(14_842_000_000), Decimal(14_873_000_000)]


@pytest.mark.parametrize(("text", "start"), [
    ("Cash and cash equivalents (Notes 1 and 2) $24,105  21,859", 41),
    ("Sales (Note 9) 1,200 1,100", 14),
    ("Net loss (265) (250)", 8),
])
def test_the_numbers_ending_a_row_start_after_a_parenthesis_the_label_opened(text: str, start: int) -> None:
    from form8k.statements.tables.numbers_tail import tail_start

    assert tail_start(text) == start


# lynx: the balance-sheet dates printed from the left margin (the empty label cell collapsed), and a stock line
# whose description wraps, its values printed from the left margin under it.
DATES_FROM_THE_MARGIN = """CONDENSED CONSOLIDATED BALANCE SHEET

(millions of dollars, unless noted)
   June 30, 2025                                     December 31, 2024
   ASSETS
   Cash and cash equivalents                         14,352      23,029
   Total Assets                                      447,597     453,475
   EQUITY
   Common stock without par value
   (9,000 million shares authorized, 8,019 million shares issued)
   46,629                                            46,238
   Earnings reinvested                               477,061     470,903
   Common stock held in treasury
   (3,756 million shares at June 30, 2025 and
   3,666 million shares at December 31, 2024)
   (248,661)                                         (238,817)
   ExxonMobil share of equity                        262,593     263,705
   Total Equity                                      269,962     270,606
"""


def test_a_row_of_dates_heads_the_columns_in_order_wherever_it_starts() -> None:
    tables = _parse(DATES_FROM_THE_MARGIN).tables
    assert len(tables) == 1
    table = tables[0]
    assert [c.period_end for c in table.columns] == [D(2025, 6, 30), D(2024, 12, 31)]
    rows = {r.label: r.values for r in table.rows}
    treasury = ("Common stock held in treasury (3,756 million shares at June 30, 2025 and 3,666 million shares at "
                "December 31, 2024)")
    assert rows[treasury] == [Decimal(-248_661_000_000), Decimal(-238_817_000_000)]
    assert rows["Total Equity"] == [Decimal(269_962_000_000), Decimal(270_606_000_000)]


def test_a_year_ending_a_caption_over_the_first_column_heads_that_column() -> None:
    text = "\n".join([
        "Consolidated Statements of Earnings",
        "   Amounts in millions except per share amounts; fiscal years ended June 30 2025      2024      2023",
        "   NET SALES                                                                $ 84,284  $ 84,039  $ 82,006",
        "   Cost of products sold                                                    41,164    40,848    42,760",
        "   NET EARNINGS                                                             16,065    14,974    14,738",
    ]) + "\n"
    table = _parse(text).tables[0]
    assert [c.period_end for c in table.columns] == [D(2025, 6, 30), D(2024, 6, 30), D(2023, 6, 30)]


def test_a_date_heading_over_the_values_keeps_its_year() -> None:
    from form8k.statements.tables.text_header import caption_year
    from form8k.statements.tables.text_lines import read_line

    line = read_line(0, "    (millions)                           June 28, 2003      June 28, 2003")
    assert [f.text for f in caption_year(line.fields, 40)] == [f.text for f in line.fields]
    line = read_line(0, "   Amounts in millions; fiscal years ended June 30 2025      2024")
    assert [f.text for f in caption_year(line.fields, 50)] == [
        "Amounts in millions; fiscal years ended June 30", "2025", "2024"]


# lynx: a stock line too long for a label, its values printed from the left margin on the next line; the rows
# after it are the same table's.
LONG_LABEL_VALUES_BELOW = "\n".join([
    "CONSOLIDATED BALANCE SHEETS",
    "(Dollars in Millions)",
    f"{'':<100}2024     2023",
    _wide("   Total liabilities", "108,614", " 98,784"),
    "   Shareholders' equity",
    "   Common stock - par value $1.00 per share (Note 12) (authorized 4,320,000,000 shares; issued 3,119,843,000 "
    "shares)",
    f"   {'3,120':<97}3,120",
    _wide("   Retained earnings", "155,791", "153,843"),
    _wide("   Total shareholders' equity", "71,490", " 68,774"),
    _wide("   Total liabilities and shareholders' equity", "$180,104", "167,558"),
]) + "\n"


def test_a_label_too_long_for_a_row_with_its_values_on_the_next_line_stays_in_its_table() -> None:
    tables = _parse(LONG_LABEL_VALUES_BELOW).tables
    assert len(tables) == 1
    rows = {r.label: r.values for r in tables[0].rows}
    assert rows["Total shareholders' equity"] == [Decimal(71_490_000_000), Decimal(68_774_000_000)]
    stock = [label for label in rows if label.startswith("Common stock")]
    assert len(stock) == 1 and rows[stock[0]] == [Decimal(3_120_000_000), Decimal(3_120_000_000)]


# pdftotext: a label too long for the line, its last words and values on the next line; the table goes on.
LONG_LABEL_WRAPPED = "\n".join([
    "CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS",
    "(In millions)",
    f"{'':<112}2025               2024",
    f"{'Net Cash Provided by (Used in) Financing Activities':<112}{'52':>6}{'(532)':>19}",
    "Net increase (decrease) in cash, cash equivalents, restricted cash and restricted cash equivalents during",
    f"{' the period':<112}{'(1,285)':>6}{'4,221':>19}",
    f"{'Cash, cash equivalents, restricted cash and restricted cash equivalents at beginning of period':<112}"
    f"{'11,488':>6}{'9,692':>19}",
    f"{'Cash and Cash Equivalents at End of Period':<112}{'10,203':>6}{'13,913':>19}",
]) + "\n"


def test_a_long_label_wrapped_onto_its_values_line_stays_in_its_table() -> None:
    tables = _parse(LONG_LABEL_WRAPPED).tables
    assert len(tables) == 1
    rows = {r.label: r.values for r in tables[0].rows}
    change = ("Net increase (decrease) in cash, cash equivalents, restricted cash and restricted cash equivalents "
              "during the period")
    assert rows[change] == [Decimal(-1_285_000_000), Decimal(4_221_000_000)]
    assert rows["Cash and Cash Equivalents at End of Period"] == [Decimal(10_203_000_000), Decimal(13_913_000_000)]


# pdftotext: a long label wrapped with a hanging indent, its values on the indented line; a heading over two
# indented rows is a heading.
HANGING_INDENT = "\n".join([
    "CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS",
    "(In millions)",
    f"{'':<112}2025               2024",
    f"{'Net Cash Provided by (Used in) Financing Activities':<112}{'52':>6}{'(532)':>19}",
    "Effect of Exchange Rate Changes on Cash, Cash Equivalents, Restricted Cash and Restricted",
    f"{'  Cash Equivalents':<112}{'332':>6}{'(357)':>19}",
    f"{'Cash and Cash Equivalents at End of Period':<112}{'10,203':>6}{'13,913':>19}",
    "Net income per share of common stock attributable to common stockholders",
    f"{'  Basic':<112}{'1.10':>6}{'0.90':>19}",
    f"{'  Diluted':<112}{'1.05':>6}{'0.85':>19}",
]) + "\n"


def test_a_long_label_wrapped_with_a_hanging_indent_is_one_row() -> None:
    rows = {r.label: r.values for r in _parse(HANGING_INDENT).tables[0].rows}
    effect = ("Effect of Exchange Rate Changes on Cash, Cash Equivalents, Restricted Cash and Restricted Cash "
              "Equivalents")
    assert rows[effect] == [Decimal(332_000_000), Decimal(-357_000_000)]
    assert "Cash Equivalents" not in rows
    assert rows["Basic"] == [Decimal("1.10"), Decimal("0.90")]  # under its heading, not joined to it


@pytest.mark.parametrize(("line", "kind"), [
    ("   \u2014      \u2014", "data"),  # the zeros of a row whose label is on the line above
    ("   \u2013  \u2013  \u2013", "data"),
    ("   ----    ----", "rule"),  # rules are drawn with runs of dashes
    ("   \u2014\u2014\u2014\u2014\u2014\u2014", "rule"),
    ("   \u2014 \u2014 \u2014", "rule"),
])
def test_a_line_of_single_dashes_spaced_apart_is_a_row_of_zeros(line: str, kind: str) -> None:
    from form8k.statements.tables.text_lines import read_line

    assert read_line(0, line).kind == kind


def test_zeros_under_a_long_stock_line_keep_the_equity_rows_in_the_table() -> None:
    text = "\n".join([
        "CONSOLIDATED BALANCE SHEET",
        "(in millions)",
        f"{'':<100}2024     2023",
        _wide("   Total Liabilities", "41,566", " 35,451"),
        "   Stockholders' Equity",
        "   Class A common stock, $0.0001 par value; authorized 3,000 shares, 1,404 and 1,402 shares issued and 907 "
        "and 927 shares outstanding, respectively",
        "   " + "\u2014".ljust(97) + "\u2014",
        _wide("   Additional paid-in-capital", "6,442", "  5,893"),
        _wide("   Total Equity", "6,515", "  6,975"),
    ]) + "\n"
    tables = _parse(text).tables
    assert len(tables) == 1
    rows = {r.label: r.values for r in tables[0].rows}
    assert rows["Additional paid-in-capital"] == [Decimal(6_442_000_000), Decimal(5_893_000_000)]
    stock = [label for label in rows if label.startswith("Class A common stock")]
    assert len(stock) == 1 and rows[stock[0]] == [Decimal(0), Decimal(0)]


def test_a_row_without_shares_of_sales_puts_its_amounts_under_the_periods() -> None:
    text = FLOW_SHARE_OF_SALES + "   Net earnings per share\n   Basic $2.30    $1.95\n   Diluted $2.29    $1.93\n"
    filing = _parse(text)
    rows = {r.label: r.values for r in filing.tables[0].rows}
    assert rows["Basic"] == [Decimal("2.30"), None, Decimal("1.95"), None]
    facts = _facts(filing)
    assert facts[("EarningsPerShareDiluted", D(2024, 6, 30), 3)] == Decimal("1.93")

