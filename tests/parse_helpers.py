"""Small documents parsed from text in the tests, and their facts keyed by concept and period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from form8k import parse
from form8k.models import Filing


def parse_text(name: str, text: str) -> Filing:
    return parse([(name, text.encode("utf-8"))])


def facts_by_period(filing: Filing) -> dict[tuple[str, dt.date | None, int | None], Decimal | None]:
    return {(f.concept, f.period_end, f.period_months): f.value for f in filing.facts}
