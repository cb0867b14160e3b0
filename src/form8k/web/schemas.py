"""The JSON API's answers: one model per page kind, so `/openapi.json` describes each of them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from form8k.models import Amount, Filing


class Paging(BaseModel):
    page: int
    per_page: int
    total: int = Field(description="How many rows match, over all pages.")
    pages: int
    next: str | None = Field(None, description="The JSON URL of the next page, if any.")
    previous: str | None = None


class FilingSummary(BaseModel):
    filing_id: str = Field(description="The accession number, or `sha256:` and 20 hex digits of the content.")
    cik: str | None
    company: str | None
    company_key: str | None = Field(description="The CIK, or a slug of the name when there is no CIK: "
                                                "the key of `/companies/{key}`.")
    form_type: str | None
    date_of_report: dt.date | None
    status: str | None
    source_format: str | None
    accession_number: str | None
    items: list[str]
    n_items: int | None
    n_tables: int | None
    n_facts: int | None
    n_checks: int | None
    n_checks_failed: int | None
    n_mentions: int | None
    n_guidance: int | None
    n_problems: int | None
    url: str = Field(description="The filing's page in the viewer.")
    json_url: str


class FilingsAnswer(BaseModel):
    filings: list[FilingSummary]
    paging: Paging
    query: dict[str, Any] = Field(description="The search as understood, after validation.")


class HeadlineFigure(BaseModel):
    """One figure of the headline card: the period reported and the same period a year before."""

    metric: str
    label: str
    value: Decimal | None
    status: str = Field(description="confirmed, found or missing")
    period_end: dt.date | None
    period_months: int | None
    prior: Decimal | None
    prior_status: str
    prior_end: dt.date | None
    change_pct: Decimal | None


class FilingAnswer(BaseModel):
    filing: FilingSummary
    headline: list[HeadlineFigure] = Field(default_factory=list, description="The headline card the page shows "
                                           "at its top (none for a filing without statements or earnings).")
    record: Filing = Field(description="The filing record as `form8k parse --json` gives it (docs/record.md); "
                                       "every span is an offset into `record.text`.")


class SeriesPoint(BaseModel):
    period_end: dt.date
    period_months: int | None
    value: Amount
    unit: str | None
    filing_id: str
    fact_index: int
    date_of_report: dt.date | None
    url: str = Field(description="The fact in its filing's page, highlighted in the source text.")


class ChartSeries(BaseModel):
    name: str
    period_months: int | None
    points: list[SeriesPoint]


class CompanyChart(BaseModel):
    title: str
    concept: str | None = Field(description="The US-GAAP concept charted, or null when the company has none "
                                            "of the concepts this chart can show.")
    unit: str | None
    series: list[ChartSeries]


class CompanyAnswer(BaseModel):
    key: str
    cik: str | None
    names: list[str] = Field(description="Every name the company filed under, most recent first.")
    charts: list[CompanyChart]
    filings: list[FilingSummary]


class FailedCheck(BaseModel):
    filing_id: str
    company: str | None
    cik: str | None
    company_key: str | None
    date_of_report: dt.date | None
    check_index: int
    rule: str | None
    status: str | None
    expected: Amount | None
    actual: Amount | None
    tolerance: Amount | None
    detail: str | None
    table_index: int | None
    url: str = Field(description="The check in its filing's page.")


class RuleCount(BaseModel):
    rule: str
    failed: int


class ChecksAnswer(BaseModel):
    checks: list[FailedCheck]
    rules: list[RuleCount] = Field(description="Every rule that failed somewhere, with how often.")
    paging: Paging
    query: dict[str, Any]


class FactRow(BaseModel):
    company: str | None
    cik: str | None
    company_key: str | None = Field(description="The key of the company's page, `/companies/{key}`.")
    concept: str
    period_end: dt.date | None
    period_months: int | None = Field(description="3, 6, 9 or 12 for a duration; 0 for an instant.")
    value: Amount | None
    unit: str | None
    label: str | None = Field(description="The row label the filing printed.")
    date_of_report: dt.date | None
    filing_id: str
    fact_index: int
    url: str = Field(description="The fact in its filing's page, marked in the source text.")


class FactsAnswer(BaseModel):
    facts: list[FactRow]
    more: bool = Field(description="Whether more facts match than the 500 given here; `csv_url` has them all.")
    concepts: list[str] = Field(description="The concepts the `concept` asked for was read as.")
    query: dict[str, Any] = Field(description="The search as understood, after validation.")
    csv_url: str = Field(description="Every matching fact, as CSV.")


class ErrorAnswer(BaseModel):
    detail: str
