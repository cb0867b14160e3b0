"""The company page: a chart per core concept over time, from all of the company's releases.

    GET /companies/{key}          the page (key: a 10-digit CIK, or a slug of the name)
    GET /companies/{key}.json     the same series and filings as JSON

Each point is the value the latest release printed for that period (a
restated figure replaces the first one); it links to the fact in its filing.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path
from fastapi.responses import HTMLResponse

from form8k.web import queries, urls
from form8k.web.charts import CORE_CHARTS, CORE_CONCEPTS, Chart, build_chart
from form8k.web.deps import cursor, not_found
from form8k.web.schemas import ChartSeries, CompanyAnswer, CompanyChart, ErrorAnswer, SeriesPoint
from form8k.web.templating import amount, render
from form8k.web.views.filings import summary

router = APIRouter()

CompanyKey = Annotated[str, Path(pattern=urls.COMPANY_KEY_PATTERN, max_length=urls.COMPANY_KEY_MAX,
                                 description="A 10-digit CIK, or a slug of the company name when the "
                                             "filings carry no CIK (`immunogen-inc`).")]


def charts_of(facts: list[dict[str, Any]]) -> list[Chart]:
    """One chart per core figure, from the first of its concepts the company reports."""
    by_concept: dict[str, list[dict[str, Any]]] = {}
    for row in facts:
        by_concept.setdefault(row["concept"], []).append(row)
    charts = []
    for title, concepts in CORE_CHARTS:
        concept = next((c for c in concepts if by_concept.get(c)), None)
        charts.append(build_chart(title, concept, by_concept.get(concept, []) if concept else [], amount))
    return charts


def _answer(con: Any, key: str) -> tuple[CompanyAnswer, list[Chart]]:
    filings = queries.company_filings(con, key)
    if not filings:
        raise not_found("company " + key)
    facts = queries.company_facts(con, key, CORE_CONCEPTS)
    dates = {(r["filing_id"]): r["date_of_report"] for r in filings}
    charts = charts_of(facts)
    names = list(dict.fromkeys(r["company"] for r in filings if r["company"]))
    cik = next((r["cik"] for r in filings if r["cik"]), None)
    answer = CompanyAnswer(
        key=key, cik=cik, names=names, filings=[summary(r) for r in filings],
        charts=[CompanyChart(title=c.title, concept=c.concept, unit=c.unit, series=[
            ChartSeries(name=s.name, period_months=s.period_months, points=[
                SeriesPoint(period_end=p.period_end, period_months=s.period_months, value=p.value, unit=c.unit,
                            filing_id=p.filing_id, fact_index=p.fact_index, date_of_report=dates.get(p.filing_id),
                            url=urls.filing_url(p.filing_id, f"f-{p.fact_index}"))
                for p in s.points])
            for s in c.series]) for c in charts])
    return answer, charts


@router.get("/companies/{key}.json", response_model=CompanyAnswer, summary="One company's figures over time",
            responses={404: {"model": ErrorAnswer, "description": "No filings of that company."}})
def company_json(key: CompanyKey, con: Annotated[Any, Depends(cursor)]) -> CompanyAnswer:
    """Revenues, net income, earnings per share and total assets across the company's releases,
    one series per period length, and the company's filings."""
    return _answer(con, key)[0]


@router.get("/companies/{key}", response_class=HTMLResponse, include_in_schema=False)
def company_page(key: CompanyKey, con: Annotated[Any, Depends(cursor)]) -> HTMLResponse:
    answer, charts = _answer(con, key)
    return render("company.html", title=answer.names[0] if answer.names else key, company=answer, charts=charts,
                  json_url=urls.company_url(key, json=True))
