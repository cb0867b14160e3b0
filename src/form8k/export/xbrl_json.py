"""A filing's facts as an xBRL-JSON report (XBRL International's Open Information Model).

A press release from before XBRL, or one whose tables were never tagged,
becomes XBRL-shaped data that any OIM tool reads:

    {"documentInfo": {"documentType": "https://xbrl.org/2021/xbrl-json",
                      "namespaces": {"us-gaap": "http://fasb.org/us-gaap/2024", …}},
     "facts": {"f0": {"value": "-3044000", "decimals": -3,
                      "dimensions": {"concept": "us-gaap:NetIncomeLoss",
                                     "entity": "cik:0000855654",
                                     "period": "2006-10-01T00:00:00/2007-01-01T00:00:00",
                                     "unit": "iso4217:USD"}}}}

Periods follow OIM: a date is the end of that day, so a quarter ending
2006-12-31 runs to 2007-01-01T00:00:00. Where the fact came from (label,
span, table cell) rides in `form8k:` extension properties.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from typing import Any

from form8k.models import Fact, Filing

DOCUMENT_TYPE = "https://xbrl.org/2021/xbrl-json"
US_GAAP_YEAR = 2024
NAMESPACES = {
    "xbrl": "https://xbrl.org/2021",
    "xbrli": "http://www.xbrl.org/2003/instance",
    "iso4217": "http://www.xbrl.org/2003/iso4217",
    "us-gaap": f"http://fasb.org/us-gaap/{US_GAAP_YEAR}",
    "dei": f"http://xbrl.sec.gov/dei/{US_GAAP_YEAR}",
    "cik": "http://www.sec.gov/CIK",
    "form8k": "urn:form8k:xbrl",
}
TAXONOMY = f"https://xbrl.fasb.org/us-gaap/{US_GAAP_YEAR}/elts/us-gaap-{US_GAAP_YEAR}.xsd"
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def unit_of(unit: str) -> str | None:
    """The OIM unit of a form8k unit: USD -> iso4217:USD, shares -> xbrli:shares, USD/share -> a ratio."""
    text = unit.strip()
    if text.lower() in ("shares", "share"):
        return "xbrli:shares"
    if text.lower() == "pure":
        return "xbrli:pure"
    if "/" in text:
        num, den = (part.strip() for part in text.split("/", 1))
        num_unit, den_unit = unit_of(num), unit_of(den)
        if num_unit and den_unit:
            return f"{num_unit}/{den_unit}"
        return None
    if _CURRENCY.match(text.upper()):
        return f"iso4217:{text.upper()}"
    return None


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    days_in = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31,
               30, 31, 30, 31][month - 1]
    return dt.date(year, month, min(day.day, days_in))


def period_of(period_end: dt.date, period_months: int | None) -> str | None:
    """OIM period: an instant for 0 months, else a duration that ends with `period_end`.

    >>> period_of(dt.date(2006, 12, 31), 3)
    '2006-10-01T00:00:00/2007-01-01T00:00:00'
    >>> period_of(dt.date(2006, 12, 31), 0)
    '2007-01-01T00:00:00'
    """
    end = period_end + dt.timedelta(days=1)
    if period_months is None:
        return None
    if period_months == 0:
        return f"{end.isoformat()}T00:00:00"
    start = _add_months(end, -period_months)
    return f"{start.isoformat()}T00:00:00/{end.isoformat()}T00:00:00"


def _decimals(fact: Fact, filing: Filing) -> int | None:
    if fact.decimals is not None:
        return fact.decimals
    if fact.table is None or "/" in fact.unit:
        return None
    table = next((t for t in filing.tables if t.index == fact.table), None)
    if table is None:
        return None
    scale = table.share_scale if fact.unit.lower().startswith("share") and table.share_scale else table.scale
    return -round(math.log10(scale)) if scale and scale > 1 else 0


def _value(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _entity(filing: Filing) -> str:
    cik = filing.cover.cik or (filing.header.cik if filing.header else None)
    if cik and cik.strip().isdigit():
        return f"cik:{cik.strip().zfill(10)}"
    # No CIK in the filing: name the entity by the filing itself rather than invent one.
    return f"form8k:{filing.source.sha256[:20]}"


def to_xbrl_json(filing: Filing, filing_id: str | None = None) -> dict[str, Any]:
    """The filing's facts as an xBRL-JSON document (a dict ready for `json.dump`).

    Facts with no period or an unknown unit cannot be placed in OIM and are
    counted in `documentInfo["form8k:omittedFacts"]`.
    """
    entity = _entity(filing)
    facts: dict[str, Any] = {}
    omitted = 0
    for i, fact in enumerate(filing.facts):
        unit = unit_of(fact.unit)
        period = period_of(fact.period_end, fact.period_months) if fact.period_end else None
        if unit is None or period is None:
            omitted += 1
            continue
        dimensions = {"concept": f"us-gaap:{fact.concept.removeprefix('us-gaap:')}", "entity": entity,
                      "period": period, "unit": unit}
        entry: dict[str, Any] = {"value": _value(fact.value)}
        decimals = _decimals(fact, filing)
        if decimals is not None:
            entry["decimals"] = decimals
        entry["dimensions"] = dimensions
        if fact.label:
            entry["form8k:label"] = fact.label
        if fact.span is not None:
            entry["form8k:span"] = list(fact.span)
        if fact.table is not None:
            entry["form8k:cell"] = [fact.table, fact.row, fact.column]
        entry["form8k:source"] = fact.source
        facts[f"f{i}"] = entry
    header = filing.header
    info: dict[str, Any] = {
        "documentType": DOCUMENT_TYPE,
        "namespaces": dict(NAMESPACES),
        "taxonomy": [TAXONOMY],
        "form8k:filingId": filing_id,
        "form8k:accessionNumber": header.accession_number if header else None,
        "form8k:registrant": filing.cover.registrant or (header.company_name if header else None),
        "form8k:formType": filing.cover.form_type or (header.form_type if header else None),
        "form8k:sha256": filing.source.sha256,
        "form8k:parserVersion": filing.parser_version,
    }
    if omitted:
        info["form8k:omittedFacts"] = omitted
    return {"documentInfo": {k: v for k, v in info.items() if v is not None}, "facts": facts}
