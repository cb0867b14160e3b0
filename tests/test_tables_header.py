"""Column headers -> periods, captions -> scale: examples from real statements."""

from __future__ import annotations

import datetime as dt

import pytest

from form8k.statements.tables.header import read_period, read_scale, title_block

D = dt.date


@pytest.mark.parametrize("header,context,instant,expected", [
    ("Three Months Ended December 31, 2006", "", False, (D(2006, 12, 31), 3)),
    ("2023", "August 4, 2025 Consolidated Statements of Earnings Amounts in millions; fiscal years ended June 30",
     False, (D(2023, 6, 30), 12)),  # the stated fiscal calendar, not a dated line above the title
    ("2025", "August 4, 2025 Consolidated Statements of Earnings Amounts in millions; fiscal years ended June 30",
     False, (D(2025, 6, 30), 12)),
    ("Three Months Ended December 31, 2006 (Unaudited)", "", False, (D(2006, 12, 31), 3)),
    ("Six Months Ended December 31, 2005", "", False, (D(2005, 12, 31), 6)),
    ("Three Months Ended December 31, 2006", "", False, (D(2006, 12, 31), 3)),
    ("Thirteen Weeks Ended November 2, 2024", "", False, (D(2024, 11, 2), 3)),
    ("Thirty-Nine Weeks Ended October 28, 2023", "", False, (D(2023, 10, 28), 9)),
    ("13 Weeks Ended Jan. 28, 2023", "", False, (D(2023, 1, 28), 3)),
    ("26 Weeks Ended July 29, 2023", "", False, (D(2023, 7, 29), 6)),
    ("52 Weeks Ended Feb. 3, 2024", "", False, (D(2024, 2, 3), 12)),
    ("Fiscal Year Ended September 30, 2023", "", False, (D(2023, 9, 30), 12)),
    ("Year Ended May 31, 2014", "", False, (D(2014, 5, 31), 12)),
    ("Twelve Months Ended Dec. 31, 2019", "", False, (D(2019, 12, 31), 12)),
    ("Nine Months Ended Sept. 30, 2008", "", False, (D(2008, 9, 30), 9)),
    ("Quarter Ended March 31, 2001", "", False, (D(2001, 3, 31), 3)),
    ("As of September 30, 2023", "", False, (D(2023, 9, 30), 0)),
    ("December 25, 2010", "", True, (D(2010, 12, 25), 0)),
    ("February 3, 2024 (1)", "", True, (D(2024, 2, 3), 0)),
    # the year alone, the rest in a spanning header or the title
    ("Three Months Ended December 31, 2006", "", False, (D(2006, 12, 31), 3)),
    ("For the 13 Weeks Ended July 3, 2004 and June 28, 2003 2003", "", False, (D(2003, 6, 28), 3)),
    ("Three Months Ended May 31, 2014", "", False, (D(2014, 5, 31), 3)),
    ("1997", "BALANCE SHEETS DECEMBER 31, 1997 AND 1996", True, (D(1997, 12, 31), 0)),
    ("1996", "BALANCE SHEETS DECEMBER 31, 1997 AND 1996", True, (D(1996, 12, 31), 0)),
    ("1998 (Unaudited)", "CONDENSED STATEMENTS OF OPERATIONS SIX MONTH PERIODS ENDED JUNE 30, 1998 AND 1997", False,
     (D(1998, 6, 30), 6)),
    # an inception period: the duration of the first column cannot be told from the title
    ("1996", "YEAR ENDED DECEMBER 31, 1997 AND PERIOD FROM JUNE 3, 1996 (INCEPTION) TO DECEMBER 31, 1996", False,
     (D(1996, 12, 31), None)),
    # a quarter by number takes the title's date only when the title speaks of that quarter
    ("Q2 2023", "Results for the second quarter ended June 30, 2024", False, (D(2023, 6, 30), 3)),
    ("Q4 2023", "Results for the second quarter ended June 30, 2024", False, (None, 3)),
    ("First Quarter 2024", "Results for the second quarter ended June 30, 2024", False, (None, 3)),
    # no date at all
    ("Q1 2011", "", False, (None, 3)),
    ("GAAP", "", False, (None, None)),
])
def test_period(header: str, context: str, instant: bool, expected: tuple[dt.date | None, int | None]) -> None:
    assert read_period(header, context, instant) == expected


@pytest.mark.parametrize("caption,expected", [
    ("(in thousands, except per share amounts)", (1000, 1000)),
    ("SELECTED FINANCIAL INFORMATION (in thousands, except per share amounts)", (1000, 1000)),
    ("(in millions)", (10**6, 10**6)),
    ("(Dollars in millions, except per share data)", (10**6, 10**6)),
    ("($ in millions, except per share data)", (10**6, 10**6)),
    ("(millions, except earnings per common share)", (10**6, 10**6)),
    ("(In millions; unaudited)", (10**6, 10**6)),
    ("(in millions, except share amounts which are reflected in thousands and per share amounts)", (10**6, 1000)),
    ("(In millions, except number of shares, which are reflected in thousands, and per-share amounts)",
     (10**6, 1000)),
    ("(Amounts in Thousands Except Per Share Amounts)", (1000, 1000)),
    ("(Amounts in Thousands Except Share and Per Share Amounts)", (1000, 1)),
    ("(in thousands, except share and per share data)", (1000, 1)),
    ("(000's omitted)", (1000, 1000)),
    ("(in billions)", (10**9, 10**9)),
    ("(Shares in millions)", (None, 10**6)),
    ("CONSOLIDATED STATEMENTS OF OPERATIONS", (None, None)),
])
def test_scale(caption: str, expected: tuple[int | None, int | None]) -> None:
    assert read_scale(caption) == expected


def test_title_block_keeps_the_short_lines_above_a_table() -> None:
    context = ("This press release contains forward-looking statements that involve risks and uncertainties, "
               "and actual results may differ materially.\nApple Inc.\nCONDENSED CONSOLIDATED BALANCE SHEETS\n"
               "(In millions)\n")
    assert title_block(context) == ["Apple Inc.", "CONDENSED CONSOLIDATED BALANCE SHEETS", "(In millions)"]


def test_a_title_naming_two_durations_gives_them_to_the_column_blocks_in_order() -> None:
    from form8k.statements.tables.header import durations, read_columns
    from form8k.statements.tables.raw import HeaderCell, RawTable

    assert durations("Three and Six Months Ended June 30, 2007 and 2006") == [3, 6]
    assert durations("For the 13 and 26 Weeks Ended July 3, 2004") == [3, 6]
    assert durations("Quarter and Year Ended December 31") == [3, 12]
    # the day of a date is no duration: "June 30, Six Months" is not thirty and six months
    assert durations("Three Months Ended June 30, Six Months Ended June 30,") == [3, 6]
    # alone, a column under such a title has no duration
    assert read_period("2007", "Three and Six Months Ended June 30,") == (D(2007, 6, 30), None)
    raw = RawTable(document=0, span=(0, 0), rows=[], ncols=4,
                   header=[[HeaderCell(y, k, k) for k, y in enumerate(["2007", "2006", "2007", "2006"])]])
    heads = read_columns(raw, ["STATEMENTS OF OPERATIONS", "Three and Six Months Ended June 30,"], instant=False)
    assert [(h.period_end, h.months) for h in heads] == [
        (D(2007, 6, 30), 3), (D(2006, 6, 30), 3), (D(2007, 6, 30), 6), (D(2006, 6, 30), 6)]


def test_a_spanning_header_naming_two_durations() -> None:
    from form8k.statements.tables.header import read_columns
    from form8k.statements.tables.raw import HeaderCell, RawTable

    raw = RawTable(document=0, span=(0, 0), rows=[], ncols=4, header=[
        [HeaderCell("Three and Six Months Ended June 30,", 0, 3)],
        [HeaderCell(y, k, k) for k, y in enumerate(["2007", "2006", "2007", "2006"])]])
    heads = read_columns(raw, [], instant=False)
    assert [h.months for h in heads] == [3, 3, 6, 6]


@pytest.mark.parametrize("end,months,known,start", [
    (D(2014, 5, 31), 12, {D(2014, 5, 31), D(2013, 5, 31)}, D(2013, 5, 31)),  # calendar months
    (D(2013, 5, 31), 12, {D(2014, 5, 31), D(2013, 5, 31)}, D(2012, 5, 31)),
    (D(2023, 3, 3), 3, {D(2023, 3, 3), D(2022, 12, 2), D(2022, 3, 4)}, D(2022, 12, 2)),  # 13 weeks, printed
    (D(2022, 3, 4), 3, {D(2023, 3, 3), D(2022, 12, 2), D(2022, 3, 4)}, None),  # not printed: a 53-week year?
    # A 52/53-week filer whose quarter happens to end on a month end: no calendar-month arithmetic.
    (D(2022, 12, 31), 3, {D(2023, 12, 30), D(2023, 9, 30), D(2022, 12, 31)}, None),
])
def test_period_start(end: dt.date, months: int, known: set[dt.date], start: dt.date | None) -> None:
    from form8k.statements.tables.facts import period_start

    assert period_start(end, months, known) == start


@pytest.mark.parametrize("end,months,year_ends,start", [
    # the last Saturday of September (2022-10-01 would be the Saturday nearest September 30)
    (D(2022, 9, 24), 12, {D(2024, 9, 28), D(2023, 9, 30), D(2022, 9, 24)}, D(2021, 9, 25)),
    # a 10-Q's prior-year half: 26 weeks back is the year end before the printed one
    (D(2024, 3, 30), 6, {D(2024, 9, 28)}, D(2023, 9, 30)),
    # one printed year end that is both the last Saturday and the one nearest the month end: the year
    # before ends September 24 by one rule, October 1 by the other, so no date is given
    (D(2023, 7, 1), 9, {D(2023, 9, 30)}, None),
    # the Sunday nearest December 31 (January 1, 2023 rules out "the last Sunday of December")
    (D(2023, 1, 1), 12, {D(2024, 12, 29), D(2023, 12, 31), D(2023, 1, 1)}, D(2022, 1, 2)),
    # Friday quarters in a year that closes on December 31
    (D(2025, 6, 27), 6, {D(2024, 12, 31)}, D(2024, 12, 31)),
    (D(2024, 6, 28), 6, {D(2024, 12, 31)}, D(2023, 12, 31)),
    # the second quarter alone begins at no year end
    (D(2025, 6, 27), 3, {D(2024, 12, 31)}, None),
    (D(2024, 6, 29), 3, {D(2023, 9, 30)}, None),
])
def test_period_start_from_the_year_ends(end: dt.date, months: int, year_ends: set[dt.date],
                                         start: dt.date | None) -> None:
    """A 52/53-week filer's opening balance dated by the rule its printed year ends follow."""
    from form8k.statements.tables.facts import period_start

    assert period_start(end, months, {end} | year_ends, {end} | year_ends, year_ends) == start


def test_period_start_reads_the_calendar_from_the_statements_alone() -> None:
    """An officer's age "as of January 29, 2025" in another table does not make a December year weekly."""
    from form8k.statements.tables.facts import period_start

    dates = {D(2024, 12, 31), D(2023, 12, 31), D(2022, 12, 31)}
    assert period_start(D(2022, 12, 31), 12, dates | {D(2025, 1, 29)}, dates, dates) == D(2021, 12, 31)
    assert period_start(D(2022, 12, 31), 12, dates | {D(2025, 1, 29)}) is None
