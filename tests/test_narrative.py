"""Narrative readings: the metric, period, comparison and kind of each amount in real sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from form8k.release.narrative import Reading, read_narrative, segment_headings
from form8k.release.prose import paragraphs
from form8k.statements.fiscal import FiscalCalendar

D = dt.date

IMMUNOGEN = FiscalCalendar(year_end_month=6, year_end_day=30, fiscal_year=2007, fiscal_quarter=2,
                           current_end=D(2006, 12, 31))
APPLE_2011 = FiscalCalendar(year_end_month=9, year_end_day=24, month_end=False, fiscal_year=2011, fiscal_quarter=1,
                            current_end=D(2010, 12, 25))
ADOBE = FiscalCalendar(year_end_month=12, year_end_day=1, month_end=False, fiscal_year=2023, fiscal_quarter=1,
                       current_end=D(2023, 3, 3))
BUCKLE = FiscalCalendar(year_end_month=2, year_end_day=1, month_end=False, label_offset=-1, fiscal_year=2024,
                        fiscal_quarter=3, current_end=D(2024, 11, 2))
ORACLE = FiscalCalendar(year_end_month=5, year_end_day=31, fiscal_year=2014, fiscal_quarter=4,
                        current_end=D(2014, 5, 31))
SEARS = FiscalCalendar(year_end_month=1, year_end_day=1, month_end=False, label_offset=-1, fiscal_year=2004,
                       fiscal_quarter=2, current_end=D(2004, 7, 3))


def read(text: str, cal: FiscalCalendar, html: bool = True) -> list[Reading]:
    paras = paragraphs(text, html=html)
    return read_narrative(paras, cal, 0, segment_headings(paras))


def view(r: Reading) -> tuple:
    return (r.amount.raw, r.metric.key if r.metric else None, r.period, r.binding.kind)


def test_net_loss_and_per_share_amounts_with_their_prior_year_comparison() -> None:
    rs = read("For the three-month period ended December 31, 2006, ImmunoGen reported a net loss of $3.0 million, "
              "or $0.07 per basic and diluted share, compared to a net loss of $3.5 million, or $0.09 per basic and "
              "diluted share, for the same period last year.", IMMUNOGEN)
    assert [view(r) for r in rs] == [
        ("$3.0 million", "net loss", (D(2006, 12, 31), 3), "value"),
        ("$0.07 per basic and diluted share", "net loss", (D(2006, 12, 31), 3), "value"),
        ("$3.5 million", "net loss", (D(2005, 12, 31), 3), "value"),
        ("$0.09 per basic and diluted share", "net loss", (D(2005, 12, 31), 3), "value"),
    ]
    assert [r.entry.concepts[0] if r.entry else None for r in rs] == [
        "NetIncomeLoss", "EarningsPerShare", "NetIncomeLoss", "EarningsPerShare"]
    assert [r.entry.sign for r in rs if r.entry] == [-1, -1, -1, -1]
    assert (rs[0].comparison, rs[2].compares, rs[1].comparison, rs[3].compares) == (2, 0, 3, 1)
    assert all(r.period_source == "stated" for r in rs)


@pytest.mark.parametrize("sentence, expected", [
    ("Revenues for the three-month period ended December 31, 2006 were $12.1 million, compared to $6.6 million "
     "for the same period last year.",
     [("$12.1 million", "revenue", (D(2006, 12, 31), 3), "value"),
      ("$6.6 million", "revenue", (D(2005, 12, 31), 3), "value")]),
    ("The revenues for the second quarter of fiscal 2007 include $6.6 million of research and development support "
     "fees, compared to $5.2 million for the same quarter in fiscal 2006.",
     [("$6.6 million", "research and development support fee", (D(2006, 12, 31), 3), "value"),
      ("$5.2 million", "research and development support fee", (D(2005, 12, 31), 3), "value")]),
    ("Other income, primarily consisting of interest income, was $0.8 million in the three-month period ended "
     "December 31, 2006, compared to $1.1 million for the same period last year.",
     [("$0.8 million", "other income", (D(2006, 12, 31), 3), "value"),
      ("$1.1 million", "other income", (D(2005, 12, 31), 3), "value")]),
    ("ImmunoGen had approximately $66.7 million in cash and marketable securities as of December 31, 2006, "
     "compared with $75.0 million as of June 30, 2006; the Company had no debt outstanding in either period.",
     [("approximately $66.7 million", "cash and marketable security", (D(2006, 12, 31), 0), "value"),
      ("$75.0 million", "cash and marketable security", (D(2006, 6, 30), 0), "value")]),
    ("During the first half of fiscal 2007, cash used in operations was $7.9 million, compared to $4.6 million "
     "during the same period last year.",
     [("$7.9 million", "cash used in operation", (D(2006, 12, 31), 6), "value"),
      ("$4.6 million", "cash used in operation", (D(2005, 12, 31), 6), "value")]),
    ("Included in license and milestone fees for the fiscal 2007 quarter was a $2.0 million milestone related to "
     "the start of AVE1642 Phase I clinical testing by sanofi-aventis.",
     [("$2.0 million", "milestone", (D(2006, 12, 31), 3), "value")]),
    ("The increase was driven primarily by an incremental $2.1 million related to the production of ImmunoGen "
     "compounds in clinical testing.",
     [("$2.1 million", None, (D(2006, 12, 31), 3), "value")]),
])
def test_immunogen_sentences(sentence: str, expected: list[tuple]) -> None:
    assert [view(r) for r in read(sentence, IMMUNOGEN)] == expected


def test_a_part_of_a_metric_binds_weakly() -> None:
    rs = read("The fiscal 2006 quarter included $0.4 million of other income received from a former partner, "
              "Vernalis plc.", IMMUNOGEN)
    assert view(rs[0]) == ("$0.4 million", "other income", (D(2005, 12, 31), 3), "value")
    assert rs[0].binding.strength == "weak"


def test_guidance_with_previous_guidance() -> None:
    rs = read("The Company is updating its guidance for its 2007 fiscal year. ImmunoGen now expects its net loss to "
              "be between $18-20 million, compared to previous guidance of $26-$29 million, and cash used in "
              "operations also to be between $18-$20 million, compared with previous guidance of $26-29 million.",
              IMMUNOGEN)
    assert [(r.amount.raw, r.metric.key if r.metric else None, r.period, r.guidance) for r in rs] == [
        ("$18-20 million", "net loss", (D(2007, 6, 30), 12), True),
        ("$26-$29 million", "net loss", (D(2007, 6, 30), 12), True),
        ("$18-$20 million", "cash used in operation", (D(2007, 6, 30), 12), True),
        ("$26-29 million", "cash used in operation", (D(2007, 6, 30), 12), True),
    ]
    assert ["previous guidance" in r.flags for r in rs] == [False, True, False, True]
    assert (rs[0].comparison, rs[2].comparison) == (1, 3)


def test_a_comparison_sentence_pairs_with_the_previous_sentence() -> None:
    rs = read("Apple today announced financial results for its fiscal 2011 first quarter ended December 25, 2010. "
              "The Company posted record revenue of $26.74 billion and record net quarterly profit of $6 billion, or "
              "$6.43 per diluted share. These results compare to revenue of $15.68 billion and net quarterly profit "
              "of $3.38 billion, or $3.67 per diluted share, in the year-ago quarter.", APPLE_2011)
    assert [(r.amount.raw, r.metric.key if r.metric else None, r.period, r.period_source) for r in rs] == [
        ("$26.74 billion", "revenue", (D(2010, 12, 25), 3), "carried"),
        ("$6 billion", "net profit", (D(2010, 12, 25), 3), "carried"),
        ("$6.43 per diluted share", "net profit", (D(2010, 12, 25), 3), "carried"),
        ("$15.68 billion", "revenue", (D(2009, 12, 26), 3), "stated"),
        ("$3.38 billion", "net profit", (D(2009, 12, 26), 3), "stated"),
        ("$3.67 per diluted share", "net profit", (D(2009, 12, 26), 3), "stated"),
    ]
    assert [r.compares for r in rs[3:]] == [0, 1, 2]
    assert rs[2].amount.per == "diluted"


def test_ratio_and_share_of() -> None:
    rs = read("Apple today announced financial results for its fiscal 2011 first quarter ended December 25, 2010. "
              "Gross margin was 38.5 percent compared to 40.9 percent in the year-ago quarter. International sales "
              "accounted for 62 percent of the quarter’s revenue.", APPLE_2011)
    assert [(r.amount.raw, r.binding.kind, r.period) for r in rs] == [
        ("38.5 percent", "ratio", (D(2010, 12, 25), 3)),
        ("40.9 percent", "ratio", (D(2009, 12, 26), 3)),
        ("62 percent", "share_of", (D(2010, 12, 25), 3)),
    ]
    assert rs[0].entry is not None and rs[0].entry.denominator[0] == "Revenues"


def test_gaap_and_non_gaap_figures_in_one_sentence() -> None:
    rs = read("Diluted earnings per share was $2.71 on a GAAP basis and $3.80 on a non-GAAP basis. GAAP operating "
              "income in the first quarter was $1.59 billion and non-GAAP operating income was $2.13 billion.", ADOBE)
    assert [(r.amount.raw, r.metric.key if r.metric else None, "non-GAAP" in r.flags) for r in rs] == [
        ("$2.71", "diluted earning per share", False), ("$3.80", "diluted earning per share", True),
        ("$1.59 billion", "operating income", False), ("$2.13 billion", "operating income", True)]


def test_percent_changes_bind_to_the_amount_they_change() -> None:
    rs = read("Adobe achieved revenue of $4.66 billion in its first quarter of fiscal year 2023, which represents "
              "9 percent year-over-year growth or 13 percent in constant currency.", ADOBE)
    assert [(r.amount.raw, r.binding.kind, r.change_of, r.flags) for r in rs] == [
        ("$4.66 billion", "value", None, []), ("9 percent", "change", 0, []),
        ("13 percent", "change", 0, ["constant currency"])]
    assert rs[1].comparator == (D(2022, 3, 4), 3)
    assert rs[1].comparator_stated


def test_a_narrower_metric_keeps_its_scope_in_the_comparison() -> None:
    # the release says "compared to net sales of $46.1 million" but means online net sales
    rs = read("Online sales increased 1.1 percent to $46.6 million for the 13-week fiscal quarter ended November 2, "
              "2024, compared to net sales of $46.1 million for the 13-week fiscal quarter ended October 28, 2023.",
              BUCKLE)
    assert [(r.amount.raw, r.metric.key if r.metric else None, r.period) for r in rs] == [
        ("1.1 percent", "online sale", (D(2024, 11, 2), 3)), ("$46.6 million", "online sale", (D(2024, 11, 2), 3)),
        ("$46.1 million", "online sale", (D(2023, 10, 28), 3))]
    assert rs[2].entry is None


def test_up_x_percent_to_and_parenthetical_abbreviations() -> None:
    rs = read("GAAP Cloud software-as-a-service (SaaS) and platform-as-a-service (PaaS) revenues were up 25% to "
              "$322 million, while non-GAAP SaaS and PaaS revenues were up 23% to $327 million.", ORACLE)
    assert [(r.amount.raw, r.metric.text if r.metric else None, r.binding.kind, r.flags) for r in rs] == [
        ("25%", "GAAP Cloud software-as-a-service and platform-as-a-service revenues", "change", []),
        ("$322 million", "GAAP Cloud software-as-a-service and platform-as-a-service revenues", "value", []),
        ("23%", "non-GAAP SaaS and PaaS revenues", "change", ["non-GAAP"]),
        ("$327 million", "non-GAAP SaaS and PaaS revenues", "value", ["non-GAAP"])]


def test_a_hypothetical_figure() -> None:
    rs = read("Non-GAAP earnings per share were up 6% to $0.92, but would have been $0.94 if not for the currency "
              "loss in Venezuela.", ORACLE)
    assert rs[2].amount.raw == "$0.94"
    assert rs[2].binding.kind == "hypothetical"


def test_a_paragraph_carries_its_period() -> None:
    rs = read("For fiscal year 2014, total revenues were up 3% at $38.3 billion. GAAP operating income was up 1% to "
              "$14.8 billion, and GAAP operating margin was 39%.", ORACLE)
    assert [(r.amount.raw, r.period, r.period_source) for r in rs] == [
        ("3%", (D(2014, 5, 31), 12), "stated"), ("$38.3 billion", (D(2014, 5, 31), 12), "stated"),
        ("1%", (D(2014, 5, 31), 12), "carried"), ("$14.8 billion", (D(2014, 5, 31), 12), "carried"),
        ("39%", (D(2014, 5, 31), 12), "carried")]


def test_a_segment_heading_scopes_its_paragraphs() -> None:
    text = ("    Domestic\n\n    The Domestic segment reported operating income of $42 million for the second "
            "quarter of 2004.\n\n    Sears Canada\n\n    Sears Canada reported operating income of $11 million for "
            "the second\nquarter of 2004.\n\n    Financial Position\n\n    Net income was $53 million.\n")
    rs = read(text, SEARS, html=False)
    assert [(r.amount.raw, r.scope, "segment" in r.flags) for r in rs] == [
        ("$42 million", "Domestic", True), ("$11 million", "Sears Canada", True), ("$53 million", None, False)]


def test_guidance_reads_through_an_aside_that_holds_an_amount() -> None:
    rs = read("For the year, the company now expects earnings per share, before the cumulative effect of change in "
              "accounting principle, but including $0.24 per share related to the second quarter special charges "
              "and additional depreciation, to be between $2.66 and $2.86, reflecting the year-to-date results.",
              SEARS)
    last = rs[-1]
    assert (last.amount.raw, last.metric.key if last.metric else None, last.unit, last.guidance) == (
        "$2.66 and $2.86", "earning per share", "USD/share", True)
    assert last.period == (D(2005, 1, 1), 12)
    assert rs[0].guidance is False  # the $0.24 charge belongs to the quarter already reported
