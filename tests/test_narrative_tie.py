"""Tying narrative mentions to hand-built statement facts: agree, contradict, or cannot be checked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from form8k.models import Column, Fact, Row, Table
from form8k.release.narrative import read_narrative, segment_headings
from form8k.release.prose import paragraphs
from form8k.release.tie import tie_readings
from form8k.statements.fiscal import FiscalCalendar

D = dt.date
Q = FiscalCalendar(year_end_month=6, year_end_day=30, fiscal_year=2007, fiscal_quarter=2, current_end=D(2006, 12, 31))


def fact(concept: str, value: str, end: dt.date, months: int, unit: str = "USD", table: int | None = None) -> Fact:
    return Fact(concept=concept, value=Decimal(value), unit=unit, period_end=end, period_months=months, table=table)


FACTS = [
    fact("NetIncomeLoss", "-3044000", D(2006, 12, 31), 3),
    fact("NetIncomeLoss", "-3502000", D(2005, 12, 31), 3),
    fact("EarningsPerShareBasicAndDiluted", "-0.07", D(2006, 12, 31), 3, "USD/share"),
    fact("EarningsPerShareBasicAndDiluted", "-0.09", D(2005, 12, 31), 3, "USD/share"),
    fact("Revenues", "12072000", D(2006, 12, 31), 3),
    fact("Revenues", "6587000", D(2005, 12, 31), 3),
    fact("GrossProfit", "4650000", D(2006, 12, 31), 3),
    fact("CashCashEquivalentsAndShortTermInvestments", "66682000", D(2006, 12, 31), 0),
]


def tie(text: str, facts: list[Fact] = FACTS, tables: list[Table] | None = None, html: bool = True):
    paras = paragraphs(text, html=html)
    readings = read_narrative(paras, Q, 0, segment_headings(paras))
    return tie_readings(readings, facts, tables or [])


def statuses(text: str, facts: list[Fact] = FACTS) -> list[tuple[str, str]]:
    mentions, _ = tie(text, facts)
    return [(m.text, m.status) for m in mentions]


def test_the_seed_sentence_agrees_within_its_rounding() -> None:
    mentions, checks = tie("For the three-month period ended December 31, 2006, ImmunoGen reported a net loss of "
                           "$3.0 million, or $0.07 per basic and diluted share, compared to a net loss of $3.5 "
                           "million, or $0.09 per basic and diluted share, for the same period last year.")
    assert [m.status for m in mentions] == ["agrees"] * 4
    first = mentions[0]
    assert (first.value, first.metric, first.concept) == (Decimal("3000000"), "net loss", "NetIncomeLoss")
    assert first.fact is not None and (first.fact.concept, first.fact.period_end, first.fact.period_months) == (
        "NetIncomeLoss", D(2006, 12, 31), 3)
    assert first.fact_value == Decimal("-3044000")
    assert first.comparison is not None and first.comparison.value == Decimal("3500000")
    assert first.comparison.period_end == D(2005, 12, 31)
    assert mentions[1].fact is not None and mentions[1].fact.concept == "EarningsPerShareBasicAndDiluted"
    assert [c.status for c in checks] == ["pass"] * 4
    assert checks[0].rule == "narrative" and checks[0].actual == Decimal("-3000000")
    assert checks[0].span == first.span


def test_a_figure_the_statements_disagree_with_is_a_contradiction() -> None:
    wrong = [f if f.concept != "Revenues" or f.period_months != 3 or f.period_end != D(2006, 12, 31)
             else fact("Revenues", "12572000", D(2006, 12, 31), 3) for f in FACTS]
    mentions, checks = tie("Revenues for the three-month period ended December 31, 2006 were $12.1 million, "
                           "compared to $6.6 million for the same period last year.", wrong)
    assert [m.status for m in mentions] == ["contradicts", "agrees"]
    assert "12,572,000" in (mentions[0].detail or "")
    assert [c.status for c in checks] == ["fail", "pass"]
    assert checks[0].expected == Decimal("12572000") and checks[0].actual == Decimal("12100000")


def test_one_cent_is_a_difference_between_two_per_share_amounts() -> None:
    assert statuses("For the three-month period ended December 31, 2006, ImmunoGen reported a net loss of $3.0 "
                    "million, or $0.08 per basic and diluted share.") == [
        ("$3.0 million", "agrees"), ("$0.08 per basic and diluted share", "contradicts")]


def test_the_sign_the_words_give_is_checked() -> None:
    assert statuses("For the three-month period ended December 31, 2006, the company reported net income of $3.0 "
                    "million.") == [("$3.0 million", "contradicts")]


def test_per_share_without_basis_ties_to_whichever_basis_it_restates() -> None:
    facts = [fact("NetIncomeLoss", "53000000", D(2006, 12, 31), 3),
             fact("EarningsPerShareBasic", "0.25", D(2006, 12, 31), 3, "USD/share"),
             fact("EarningsPerShareDiluted", "0.24", D(2006, 12, 31), 3, "USD/share")]
    mentions, _ = tie("For the quarter ended December 31, 2006, net income was $53 million, or $0.24 per share.",
                      facts)
    assert [m.status for m in mentions] == ["agrees", "agrees"]
    assert mentions[1].fact is not None and mentions[1].fact.concept == "EarningsPerShareDiluted"


def test_percent_change_and_margin_are_computed_from_the_facts() -> None:
    mentions, _ = tie("Revenues for the three-month period ended December 31, 2006 were $12.1 million, an increase "
                      "of 83% compared to the same period last year. Gross margin was 38.5 percent for the quarter.")
    assert [(m.text, m.kind, m.status) for m in mentions] == [
        ("$12.1 million", "value", "agrees"), ("83%", "change", "agrees"), ("38.5 percent", "ratio", "agrees")]
    assert mentions[1].fact_value is not None and round(mentions[1].fact_value, 1) == Decimal("83.3")
    assert mentions[0].comparison is not None and mentions[0].comparison.kind == "change_percent"


def test_a_wrong_percent_change_stated_against_last_year_contradicts() -> None:
    assert statuses("Revenues for the three-month period ended December 31, 2006 were $12.1 million, an increase "
                    "of 73% compared to the same period last year.")[1] == ("73%", "contradicts")


def test_what_is_not_the_consolidated_gaap_figure_is_not_checked() -> None:
    text = ("Non-GAAP net loss for the quarter was $2.0 million. Segment revenues for the quarter were $5.0 "
            "million. The fiscal 2006 quarter included $0.4 million of net loss received from a former partner.")
    mentions, checks = tie(text)
    assert [(m.text, m.status) for m in mentions] == [
        ("$2.0 million", "unverifiable"), ("$5.0 million", "unverifiable"), ("$0.4 million", "unverifiable")]
    assert "non-GAAP" in (mentions[0].detail or "") and "segment" in (mentions[1].detail or "")
    assert "firmly" in (mentions[2].detail or "")
    assert checks == []


def test_no_table_holds_it() -> None:
    mentions, _ = tie("During the first half of fiscal 2007, cash used in operations was $7.9 million.")
    assert mentions[0].status == "unverifiable"
    assert "NetCashProvidedByUsedInOperatingActivities" in (mentions[0].detail or "")


def test_a_row_without_a_concept_is_matched_by_its_label() -> None:
    table = Table(index=3, statement="income", scale=1000,
                  columns=[Column(period_end=D(2006, 12, 31), period_months=3),
                           Column(period_end=D(2005, 12, 31), period_months=3)],
                  rows=[Row(label="Research and development support", values=[Decimal(6593000), Decimal(5231000)]),
                        Row(label="License and milestone fees", values=[Decimal(3428000), Decimal(1275000)])])
    mentions, checks = tie("The revenues for the second quarter of fiscal 2007 include $6.6 million of research and "
                           "development support fees, compared to $5.2 million for the same quarter in fiscal 2006, "
                           "and $3.9 million of license and milestone fees.", FACTS, [table])
    assert [(m.text, m.status, m.table, m.row) for m in mentions] == [
        ("$6.6 million", "agrees", 3, 0), ("$5.2 million", "agrees", 3, 0), ("$3.9 million", "contradicts", 3, 1)]
    assert [c.table for c in checks] == [3, 3, 3]


def test_instant_concepts_tie_to_the_balance_sheet_date() -> None:
    mentions, _ = tie("ImmunoGen had approximately $66.7 million in cash and marketable securities as of "
                      "December 31, 2006.")
    assert (mentions[0].status, mentions[0].period_months) == ("agrees", 0)
