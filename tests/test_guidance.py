"""Guidance: metric, range or point, unit, fiscal period, previous guidance and direction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache

import pytest

from form8k import parse_paths
from form8k.models import Filing
from form8k.release.guidance import fiscal_label, read_guidance, read_guidance_tables
from form8k.release.narrative import read_narrative
from form8k.release.prose import paragraphs
from form8k.statements.fiscal import FiscalCalendar

from conftest import FILINGS

D = dt.date
IMMUNOGEN = FiscalCalendar(year_end_month=6, year_end_day=30, fiscal_year=2007, fiscal_quarter=2,
                           current_end=D(2006, 12, 31))


@cache
def record(name: str) -> Filing:
    return parse_paths([FILINGS / name])


def items(name: str) -> list[tuple]:
    return [(g.metric, g.concept, g.low, g.high, g.point, g.unit, g.fiscal_period, g.direction,
             (g.previous.low, g.previous.high) if g.previous else None) for g in record(name).guidance]


def guide(text: str, cal: FiscalCalendar = IMMUNOGEN) -> list[tuple]:
    paras = paragraphs(text, html=True)
    return [(g.metric, g.low, g.high, g.point, g.fiscal_period, g.direction,
             (g.previous.low, g.previous.high) if g.previous else None)
            for g in read_guidance(read_narrative(paras, cal, 0), cal)]


def test_apple_points_for_the_next_quarter() -> None:
    assert items("apple_2011-01-18_8-K_earnings.txt") == [
        ("revenue", "Revenues", None, None, Decimal("22000000000"), "USD", "Q2 FY2011", None, None),
        ("diluted earnings per share", "EarningsPerShareDiluted", None, None, Decimal("4.90"), "USD/share",
         "Q2 FY2011", None, None)]


def test_sears_ranges_for_the_quarter_and_the_year() -> None:
    assert items("sears-roebuck_2004-07-22_8-K_earnings.txt")[:2] == [
        ("earnings per share", "EarningsPerShareDiluted", Decimal("0"), Decimal("0.10"), None, "USD/share",
         "Q3 FY2004", None, None),
        ("earnings per share", "EarningsPerShareDiluted", Decimal("2.66"), Decimal("2.86"), None, "USD/share",
         "FY2004", None, None)]


def test_adobe_target_tables() -> None:
    got = items("adobe_2023-03-15_8-K_earnings.txt")
    # "Targets assume share count of ~458 million for second quarter fiscal year 2023 and ~456 million for …"
    assert got[:2] == [("share count", "WeightedAverageNumberOfDilutedSharesOutstanding", None, None,
                        Decimal("458000000"), "shares", "Q2 FY2023", None, None),
                       ("share count", "WeightedAverageNumberOfDilutedSharesOutstanding", None, None,
                        Decimal("456000000"), "shares", "FY2023", None, None)]
    got = got[2:]  # the two target tables
    assert len(got) == 12
    assert got[1] == ("Earnings per share (GAAP)", "EarningsPerShareDiluted", Decimal("10.85"), Decimal("11.15"),
                      None, "USD/share", "FY2023", None, None)
    assert got[3] == ("Total revenue", "Revenues", Decimal("4750000000"), Decimal("4780000000"), None, "USD",
                      "Q2 FY2023", None, None)
    assert got[8] == ("Tax rate (GAAP)", "EffectiveIncomeTaxRateContinuingOperations", None, None, Decimal("21.5"),
                      "percent", "Q2 FY2023", None, None)
    assert got[2][1] is None  # a non-GAAP target is no GAAP element


@pytest.mark.parametrize("sentence, expected", [
    ("ImmunoGen now expects its net loss for fiscal 2007 to be between $18-20 million, compared to previous "
     "guidance of $26-$29 million.",
     [("net loss", Decimal(18000000), Decimal(20000000), None, "FY2007", "lowered",
       (Decimal(26000000), Decimal(29000000)))]),
    ("The Company now expects revenues for fiscal 2007 of $40-$42 million, compared to previous guidance of "
     "$36-$38 million.",
     [("revenues", Decimal(40000000), Decimal(42000000), None, "FY2007", "raised",
       (Decimal(36000000), Decimal(38000000)))]),
    ("The Company reaffirms that it expects revenues for fiscal 2007 of approximately $40 million.",
     [("revenues", None, None, Decimal(40000000), "FY2007", "reaffirmed", None)]),
    ("The Company expects revenues for the third quarter of fiscal 2007 to be between $10 million and $11 million, "
     "compared to previous guidance of $10 million to $12 million.",
     [("revenues", Decimal(10000000), Decimal(11000000), None, "Q3 FY2007", "lowered",
       (Decimal(10000000), Decimal(12000000)))]),
])
def test_guidance_sentences(sentence: str, expected: list[tuple]) -> None:
    assert guide(sentence) == expected


def test_results_already_reported_are_not_guidance() -> None:
    assert guide("For the three-month period ended December 31, 2006, the Company expects to report that revenues "
                 "were $12.1 million.") == []


def test_fiscal_labels() -> None:
    assert fiscal_label((D(2007, 6, 30), 12), IMMUNOGEN) == "FY2007"
    assert fiscal_label((D(2007, 3, 31), 3), IMMUNOGEN) == "Q3 FY2007"
    assert fiscal_label((D(2006, 12, 31), 6), IMMUNOGEN) == "H1 FY2007"
    retail = FiscalCalendar(year_end_month=2, year_end_day=1, month_end=False, label_offset=-1)
    assert fiscal_label((D(2024, 11, 2), 3), retail) == "Q3 FY2024"


def test_a_targets_table_needs_its_intro_sentence() -> None:
    text = "Revenue\t$4.75 billion to $4.78 billion\nThe following table summarizes our fiscal 2007 targets:\n" \
           "Revenue\t$40 million\n"
    got = read_guidance_tables(text, 0, IMMUNOGEN, 2007)
    assert [(g.metric, g.point, g.fiscal_period, g.span) for g in got] == [("Revenue", Decimal(40000000), "FY2007",
                                                                           (103, 114))]
