"""The filings page: search by company, CIK, date range and item; sort; paginate.

    GET /filings          the page          GET /filings.json     the same rows as JSON
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from form8k.web import queries, urls
from form8k.web.deps import bad_request, cursor
from form8k.web.schemas import FilingsAnswer, FilingSummary, Paging
from form8k.web.templating import render

router = APIRouter()


class SortKey(StrEnum):
    date = "date"
    company = "company"
    cik = "cik"
    form = "form"
    facts = "facts"
    checks = "checks"
    failed = "failed"
    mentions = "mentions"
    status = "status"


class Order(StrEnum):
    asc = "asc"
    desc = "desc"


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise bad_request(f"{name}: not a date (YYYY-MM-DD)") from None


def filing_search(
    company: Annotated[str | None, Query(max_length=200, description="A part of the company name, any case.")]
    = None,
    cik: Annotated[str | None, Query(pattern=urls.CIK_PATTERN, description="The CIK, digits.")] = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=urls.DATE_PATTERN,
                                           description="Earliest date of report, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=urls.DATE_PATTERN,
                                         description="Latest date of report, YYYY-MM-DD.")] = None,
    item: Annotated[str | None, Query(pattern=urls.ITEM_PATTERN, description="An item the filing reports, "
                                      "e.g. 2.02.")] = None,
    failed: Annotated[bool, Query(description="Only filings with a failed check.")] = False,
    sort: SortKey = SortKey.date,
    order: Order = Order.desc,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = 50,
) -> queries.FilingSearch:
    start, end = _date(date_from, "from"), _date(date_to, "to")
    if start and end and start > end:
        raise bad_request("from is after to")
    return queries.FilingSearch(company=(company or "").strip() or None, cik=(cik or "").lstrip("0") or None,
                                date_from=start, date_to=end, item=item or None, failed_only=failed,
                                sort=sort.value, order=order.value, page=page, per_page=per_page)


def _params(search: queries.FilingSearch, **override: Any) -> dict[str, Any]:
    params = {"company": search.company, "cik": search.cik,
              "from": search.date_from.isoformat() if search.date_from else None,
              "to": search.date_to.isoformat() if search.date_to else None,
              "item": search.item, "failed": "true" if search.failed_only else None,
              "sort": None if search.sort == "date" else search.sort,
              "order": None if search.order == "desc" else search.order,
              "page": None if search.page == 1 else search.page,
              "per_page": None if search.per_page == 50 else search.per_page}
    params.update(override)
    return params


def summary(row: dict[str, Any]) -> FilingSummary:
    """A filings row as the API gives it, with links to its page and JSON."""
    return FilingSummary.model_validate({**row, "url": urls.filing_url(row["filing_id"]),
                                         "json_url": urls.filing_url(row["filing_id"], json=True)})


def paging(path: str, params: dict[str, Any], page: int, per_page: int, total: int) -> Paging:
    pages = urls.page_count(total, per_page)
    return Paging(page=page, per_page=per_page, total=total, pages=pages,
                  next=urls.with_query(path, {**params, "page": page + 1}) if page < pages else None,
                  previous=urls.with_query(path, {**params, "page": page - 1 if page > 2 else None})
                  if page > 1 else None)


def answer(con: Any, search: queries.FilingSearch) -> FilingsAnswer:
    rows, total = queries.search_filings(con, search)
    return FilingsAnswer(filings=[summary(r) for r in rows],
                         paging=paging("/filings.json", _params(search), search.page, search.per_page, total),
                         query={k: v for k, v in _params(search, sort=search.sort, order=search.order,
                                                          page=search.page, per_page=search.per_page).items()
                                if v is not None})


@router.get("/filings.json", response_model=FilingsAnswer, summary="Search filings",
            responses={400: {"description": "A malformed search."}})
def filings_json(search: Annotated[queries.FilingSearch, Depends(filing_search)],
                 con: Annotated[Any, Depends(cursor)]) -> FilingsAnswer:
    """Stored filings matching the search, one page at a time, with counts of facts and failed checks."""
    return answer(con, search)


@router.get("/filings", response_class=HTMLResponse, include_in_schema=False)
def filings_page(search: Annotated[queries.FilingSearch, Depends(filing_search)],
                 con: Annotated[Any, Depends(cursor)]) -> HTMLResponse:
    data = answer(con, search)
    params = _params(search)
    html_paging = paging("/filings", params, search.page, search.per_page, data.paging.total)

    def sort_url(key: str) -> str:
        order = "asc" if search.sort == key and search.order == "desc" else "desc"
        return urls.with_query("/filings", {**params, "sort": key, "order": order, "page": None})

    return render("filings.html", title="Filings", data=data, search=search, html_paging=html_paging,
                  sort_url=sort_url, counts=queries.corpus_counts(con),
                  json_url=urls.with_query("/filings.json", params))
