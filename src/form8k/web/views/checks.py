"""The checks page: every failed check across the corpus, linked to its filing.

    GET /checks          the page (`?rule=sum` keeps one rule)
    GET /checks.json     the same rows as JSON
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from form8k.web import queries, urls
from form8k.web.deps import cursor
from form8k.web.schemas import ChecksAnswer, FailedCheck, RuleCount
from form8k.web.templating import render
from form8k.web.views.filings import paging

router = APIRouter()

Rule = Annotated[str | None, Query(pattern=urls.RULE_PATTERN, description="Keep checks of this rule only.")]
Page = Annotated[int, Query(ge=1, le=1_000_000)]
PerPage = Annotated[int, Query(ge=1, le=500)]


def _answer(con: Any, rule: str | None, page: int, per_page: int) -> ChecksAnswer:
    rows, total = queries.failed_checks(con, rule=rule or None, page=page, per_page=per_page)
    params = {"rule": rule or None, "per_page": None if per_page == 50 else per_page}
    checks = [FailedCheck.model_validate({**r, "url": urls.filing_url(r["filing_id"], f"check-{r['check_index']}")})
              for r in rows]
    return ChecksAnswer(checks=checks, rules=[RuleCount(rule=r, failed=n) for r, n in queries.failed_rules(con)],
                        paging=paging("/checks.json", params, page, per_page, total),
                        query={k: v for k, v in {**params, "page": page, "per_page": per_page}.items()
                               if v is not None})


@router.get("/checks.json", response_model=ChecksAnswer, summary="Failed checks across the corpus")
def checks_json(con: Annotated[Any, Depends(cursor)], rule: Rule = None, page: Page = 1,
                per_page: PerPage = 50) -> ChecksAnswer:
    """Every arithmetic or narrative check that failed, newest filing first, with its filing."""
    return _answer(con, rule, page, per_page)


@router.get("/checks", response_class=HTMLResponse, include_in_schema=False)
def checks_page(con: Annotated[Any, Depends(cursor)], rule: Rule = None, page: Page = 1,
                per_page: PerPage = 50) -> HTMLResponse:
    data = _answer(con, rule, page, per_page)
    params = {"rule": rule or None, "per_page": None if per_page == 50 else per_page}
    return render("checks.html", title="Failed checks", data=data, rule=rule or None,
                  html_paging=paging("/checks", params, page, per_page, data.paging.total),
                  json_url=urls.with_query("/checks.json", {**params, "page": page if page > 1 else None}))
