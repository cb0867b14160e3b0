"""What a record holds and lacks (coverage, earnings problems) and the headline card of its period."""

from __future__ import annotations

import datetime as dt

from form8k import parse_paths
from form8k.statements import headline

from conftest import filing_path


def test_an_earnings_release_reports_its_statements_and_headline_figures() -> None:
    filing = parse_paths([filing_path("apple_2024-02-01_8-K_earnings.txt")])
    assert filing.status == "ok"
    cov = filing.coverage
    assert cov is not None
    assert set(cov.statements) == {"income", "balance", "cash_flow"} and cov.missing_statements == []
    assert (cov.period_end, cov.period_months) == (dt.date(2023, 12, 30), 3)
    status = {m.metric: m.status for m in cov.metrics}
    assert status["revenue"] == "confirmed" and status["net_income"] == "confirmed"
    assert set(status) == {"revenue", "operating_income", "net_income", "eps_basic", "eps_diluted", "total_assets",
                           "cash_from_operations"}


def test_a_release_without_a_cash_flow_statement_says_so() -> None:
    filing = parse_paths([filing_path("sears-roebuck_2004-07-22_8-K_earnings.txt")])
    cov = filing.coverage
    assert cov is not None and cov.missing_statements == ["cash_flow"]
    assert {m.metric: m.status for m in cov.metrics}["cash_from_operations"] == "missing"


def test_an_earnings_filing_without_its_press_release_is_partial() -> None:
    filing = parse_paths([filing_path("buckle_2024-11-22_8-K_earnings.html")])
    assert filing.status == "partial"
    codes = {p.code for p in filing.problems}
    assert {"no_press_release", "no_statement_facts"} <= codes


def test_a_filing_that_is_not_about_earnings_is_not_asked_for_facts() -> None:
    filing = parse_paths([filing_path("apple_2019-03-01_8-K_vote.txt")])
    assert filing.status == "ok"
    assert not {"no_press_release", "no_statement_facts"} & {p.code for p in filing.problems}


def test_the_headline_card_compares_the_period_with_the_year_before() -> None:
    filing = parse_paths([filing_path("apple_2024-02-01_8-K_earnings.txt")])
    rows = {r.metric: r for r in headline(filing)}
    assert list(rows) == ["revenue", "net_income", "eps_basic", "eps_diluted", "cash_from_operations"]
    revenue = rows["revenue"]
    assert revenue.status == "confirmed" and revenue.prior is not None
    assert revenue.prior_end is not None and revenue.prior_end.year == 2022
    assert revenue.change is not None
