"""The Jinja2 environment of the viewer: autoescaping always on, a few filters for numbers and links.

Nothing read from a filing is ever marked safe: templates print it through
autoescaping, and the filters here return plain strings.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

import jinja2
from fastapi.responses import HTMLResponse

from form8k.export.render import fmt_amount
from form8k.web import urls
from form8k.web.charts import period_name


def amount(value: Decimal | float | int | None, unit: str | None = "USD") -> str:
    if value is None:
        return "—"
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    if unit == "percent":
        return f"{value.normalize():f}%"
    return fmt_amount(value, unit or "USD")


def number(value: Decimal | float | int | None) -> str:
    """A bare number with thousands separators, as a check's arithmetic prints it."""
    if value is None:
        return "—"
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value.normalize():,f}"


def iso_date(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def period_text(end: dt.date | None, months: int | None) -> str:
    if end is None:
        return period_name(months) if months is not None else "—"
    if months == 0:
        return f"at {end.isoformat()}"
    return f"{period_name(months)} to {end.isoformat()}"


def verdict(status: str | None, failed: int | None) -> tuple[str, str]:
    """What a filing's status badge says and its CSS class: never a plain "ok" beside a failed check.

        >>> verdict("ok", 0), verdict("ok", 2), verdict("partial", 1)
        (('ok', 'ok'), ('ok, 2 checks failed', 'failed'), ('partial, 1 check failed', 'failed'))
    """
    status = status or "unknown"
    if not failed:
        return status, status
    return f"{status}, {failed} check{'s' if failed != 1 else ''} failed", "failed"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("form8k.web", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(amount=amount, number=number, date=iso_date)
    env.globals.update(period=period_text, verdict=verdict, filing_url=urls.filing_url, company_url=urls.company_url,
                       with_query=urls.with_query)
    return env


def render(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status_code)
