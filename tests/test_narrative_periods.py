"""The fiscal calendar of a release and the periods its phrases name."""

from __future__ import annotations

import datetime as dt

import pytest

from form8k.release.periods import find_periods, resolve
from form8k.statements.fiscal import FiscalCalendar, add_months, infer_calendar, months_from_weeks

D = dt.date


@pytest.mark.parametrize("text, header, expected", [
    # (year end, fiscal year, quarter, current period end)
    ("financial results for the three-month period ended December 31, 2006 — the second quarter of the Company's "
     "2007 fiscal year.", None, ("06-30", 2007, 2, D(2006, 12, 31))),
    ("Apple today announced financial results for its fiscal 2011 first quarter ended December 25, 2010.", "0930",
     ("09-24", 2011, 1, D(2010, 12, 25))),
    ("Adobe today reported financial results for its first quarter fiscal year 2023 ended March 3, 2023.", "1202",
     ("12-01", 2023, 1, D(2023, 3, 3))),
    ("Oracle Corporation today announced that fiscal 2014 Q4 total revenues were up 3% to $11.3 billion.", "0531",
     ("05-31", 2014, 4, D(2014, 5, 31))),
    ("Sears Reports Second Quarter 2004 Results\nSears today reported net income for the second quarter ended "
     "July 3, 2004, compared with net income in the second quarter of 2003.", "0103",
     ("01-01", 2004, 2, D(2004, 7, 3))),
    ("net income for the fiscal quarter ended November 2, 2024 was $44.2 million. Net income for the third quarter "
     "of fiscal 2024 was $44.2 million, compared with net income for the third quarter of fiscal 2023.", None,
     ("02-01", 2024, 3, D(2024, 11, 2))),
    ("Patient screening will begin in the first quarter of 2025.", None, (None, None, None, None)),
])
def test_infer_calendar(text: str, header: str | None, expected: tuple) -> None:
    cal = infer_calendar(text, header)
    assert (cal.year_end, cal.fiscal_year, cal.fiscal_quarter, cal.current_end) == expected


def test_a_retailer_labels_its_year_by_the_year_it_starts() -> None:
    cal = infer_calendar("results for the fiscal quarter ended November 2, 2024, the third quarter of fiscal 2024.")
    assert cal.label_offset == -1
    assert cal.fiscal_year_end(2024) == D(2025, 2, 1)
    assert cal.label_of(D(2023, 10, 28)) == 2023


def test_month_arithmetic_keeps_month_ends() -> None:
    assert add_months(D(2006, 12, 31), -6) == D(2006, 6, 30)
    assert add_months(D(2007, 6, 30), -3) == D(2007, 3, 31)
    assert add_months(D(2024, 11, 2), -12) == D(2023, 11, 2)
    assert [months_from_weeks(w) for w in (13, 14, 26, 39, 52, 53)] == [3, 3, 6, 9, 12, 12]


CAL = FiscalCalendar(year_end_month=6, year_end_day=30, fiscal_year=2007, fiscal_quarter=2,
                     current_end=D(2006, 12, 31))


@pytest.mark.parametrize("text, expected", [
    ("for the three-month period ended December 31, 2006", (D(2006, 12, 31), 3)),
    ("for the six months ended December 31, 2006", (D(2006, 12, 31), 6)),
    ("for the 39-week period ended November 2, 2024", (D(2024, 11, 2), 9)),
    ("for the second quarter of fiscal 2007", (D(2006, 12, 31), 3)),
    ("in the third quarter of fiscal 2007", (D(2007, 3, 31), 3)),
    ("the fiscal 2006 quarter", (D(2005, 12, 31), 3)),
    ("for the same quarter in fiscal 2006", (D(2005, 12, 31), 3)),
    ("for the same period last year", (D(2005, 12, 31), 3)),
    ("in the year-ago quarter", (D(2005, 12, 31), 3)),
    ("during the first half of fiscal 2007", (D(2006, 12, 31), 6)),
    ("for its 2007 fiscal year", (D(2007, 6, 30), 12)),
    ("for fiscal year 2007", (D(2007, 6, 30), 12)),
    ("as of December 31, 2006", (D(2006, 12, 31), 0)),
    ("as of June 30, 2006", (D(2006, 6, 30), 0)),
    ("at year end", (D(2006, 6, 30), 0)),
    ("at the prior year quarter end", (D(2005, 12, 31), 0)),
    ("on a trailing twelve-month basis", (D(2006, 12, 31), 12)),
    ("during the quarter", (D(2006, 12, 31), 3)),
    ("exiting the quarter", (D(2006, 12, 31), 0)),
    ("year-to-date", (D(2006, 12, 31), 6)),
])
def test_period_phrases(text: str, expected: tuple) -> None:
    found = find_periods(text)
    assert len(found) == 1, [p.text for p in found]
    assert resolve(found[0], CAL, (D(2006, 12, 31), 3)) == expected


@pytest.mark.parametrize("text", ["year-over-year growth", "a year-on-year increase", "2.4 mg/kg", "Phase I",
                                  "in the current year"])
def test_not_periods(text: str) -> None:
    assert find_periods(text) == []
