"""The facts page: facts across filings, by concept, company and period.

    GET /facts?concept=revenue&company=apple&from=2010-01-01&to=2012-12-31   the page
    GET /facts.json?…                                                        the same rows as JSON
    GET /facts.csv?…                                                         every matching row, as CSV

The concept may be a concept's name in any case (`revenues`) or the words a person types ("net income",
"eps diluted"), read as `form8k facts --concept` reads them; an unknown one answers 400 naming the closest
names. `from` and `to` bound the period's end date. Rows come from `form8k.store.query.facts`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from form8k.store import query
from form8k.web import queries, urls
from form8k.web.deps import bad_request, cursor
from form8k.web.schemas import FactRow, FactsAnswer
from form8k.web.templating import render

router = APIRouter()

PAGE_ROWS = 500  # the page and its JSON twin show this many rows at most; the CSV holds them all
CSV_COLUMNS = ("company", "cik", "concept", "period_end", "period_months", "value", "unit", "label",
               "date_of_report", "filing_id", "url")


@dataclass(frozen=True, slots=True)
class FactSearch:
    """What the facts page was asked for, validated; `concepts` are the store's names the concept text means."""

    concept: str | None = None
    company: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    concepts: tuple[str, ...] = ()
    problem: str | None = None  # why the concept matched nothing, with the closest names
    suggestions: tuple[str, ...] = ()

    @property
    def asked(self) -> bool:
        return bool(self.concept or self.company or self.date_from or self.date_to)

    def params(self) -> dict[str, Any]:
        return {"concept": self.concept, "company": self.company,
                "from": self.date_from.isoformat() if self.date_from else None,
                "to": self.date_to.isoformat() if self.date_to else None}

    def suggestion_urls(self) -> list[tuple[str, str]]:
        """Each close name, with the search it makes."""
        return [(name, urls.with_query("/facts", {**self.params(), "concept": name})) for name in self.suggestions]


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise bad_request(f"{name}: not a date (YYYY-MM-DD)") from None


def fact_search(
    con: Annotated[Any, Depends(cursor)],
    concept: Annotated[str | None, Query(max_length=120, description="A concept (any case) or the words for "
                                         "it: revenue, net income, eps diluted.")] = None,
    company: Annotated[str | None, Query(max_length=200, description="A part of the company name, any case.")]
    = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=urls.DATE_PATTERN,
                                           description="Earliest period end, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=urls.DATE_PATTERN,
                                         description="Latest period end, YYYY-MM-DD.")] = None,
) -> FactSearch:
    from form8k.commands.names import UnknownName, resolve_concepts

    start, end = _date(date_from, "from"), _date(date_to, "to")
    if start and end and start > end:
        raise bad_request("from is after to")
    text = (concept or "").strip() or None
    search = FactSearch(concept=text, company=(company or "").strip() or None, date_from=start, date_to=end)
    if text is None:
        return search
    stored = [r[0] for r in con.execute("SELECT DISTINCT concept FROM facts WHERE concept IS NOT NULL").fetchall()]
    try:
        concepts = resolve_concepts(text, stored)
    except UnknownName as exc:
        # Say what matched nothing without echoing it: the page shows it in its form, escaped, already.
        hint = f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else ""
        return FactSearch(**{**_fields(search), "problem": f"no concept goes by that name{hint}",
                             "suggestions": tuple(exc.suggestions)})
    return FactSearch(**{**_fields(search), "concepts": concepts})


def _fields(search: FactSearch) -> dict[str, Any]:
    return {"concept": search.concept, "company": search.company, "date_from": search.date_from,
            "date_to": search.date_to}


def _rows(con: Any, search: FactSearch, limit: int | None) -> list[dict[str, Any]]:
    if search.problem or not search.asked:
        return []
    table = query.facts(con, company=search.company, concept=search.concepts or None, start=search.date_from,
                        end=search.date_to, limit=limit, with_index=True, frame="arrow")
    rows: list[dict[str, Any]] = table.to_pylist()
    for row in rows:
        row["company_key"] = _company_key(row)
        row["url"] = urls.filing_url(row["filing_id"], f"f-{row['fact_index']}")
    return rows


def _company_key(row: dict[str, Any]) -> str | None:
    cik = row.get("cik") or ""
    if cik.isdigit() and len(cik) <= 10:
        return cik.zfill(10)
    return queries.name_key(row.get("company"))


def _answer(con: Any, search: FactSearch) -> FactsAnswer:
    rows = _rows(con, search, PAGE_ROWS + 1)
    return FactsAnswer(facts=[FactRow.model_validate(r) for r in rows[:PAGE_ROWS]], more=len(rows) > PAGE_ROWS,
                       concepts=list(search.concepts), query={k: v for k, v in search.params().items() if v},
                       csv_url=urls.with_query("/facts.csv", search.params()))


def _check(search: FactSearch) -> None:
    if search.problem:
        raise bad_request(search.problem)


def _csv_cell(value: Any) -> str:
    """A value as a CSV cell: numbers without trailing zeros; text that a spreadsheet would run as a formula
    (`=`, `+`, `-`, `@` first) quoted with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, str):
        return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
    return str(value)


@router.get("/facts.json", response_model=FactsAnswer, summary="Search facts across filings",
            responses={400: {"description": "A malformed search, or a concept that matches nothing (the "
                                            "answer names the closest ones)."}})
def facts_json(search: Annotated[FactSearch, Depends(fact_search)],
               con: Annotated[Any, Depends(cursor)]) -> FactsAnswer:
    """Facts across every stored filing, by concept, company and period end, oldest period first; at most
    500 rows (`more` says when there are others: `csv_url` gives them all)."""
    _check(search)
    return _answer(con, search)


@router.get("/facts.csv", response_class=Response, summary="Search facts across filings, as CSV",
            responses={200: {"content": {"text/csv": {}}}})
def facts_csv(search: Annotated[FactSearch, Depends(fact_search)],
              con: Annotated[Any, Depends(cursor)]) -> Response:
    """Every fact the search matches, one row each, as CSV."""
    _check(search)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in _rows(con, search, None):
        writer.writerow([_csv_cell(row.get(c)) for c in CSV_COLUMNS])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="form8k-facts.csv"'})


@router.get("/facts", response_class=HTMLResponse, include_in_schema=False)
def facts_page(search: Annotated[FactSearch, Depends(fact_search)],
               con: Annotated[Any, Depends(cursor)]) -> HTMLResponse:
    data = _answer(con, search)
    return render("facts.html", status_code=400 if search.problem else 200, title="Facts", data=data,
                  search=search, json_url=urls.with_query("/facts.json", search.params()))
