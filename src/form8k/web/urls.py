"""What an id in a URL may look like, and the one way links to pages are built.

Ids come from filings (an accession number is read from the filing's own
header), so they are validated on the way in and percent-encoded on the way
out; the template escapes the result once more as an attribute.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import quote, urlencode

# An accession number (0000950123-07-001234) or `sha256:` and hex digits; no dots, no slashes.
FILING_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9:_-]{0,79}$"
# A 10-digit CIK or a name slug (immunogen-inc).
COMPANY_KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
COMPANY_KEY_MAX = 300
ITEM_PATTERN = r"^(\d{1,2}(\.\d{2})?)?$"
DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2})?$"
CIK_PATTERN = r"^\d{0,10}$"
RULE_PATTERN = r"^[A-Za-z0-9_.:-]{0,60}$"


def _segment(value: str) -> str:
    return quote(value, safe=":")


def filing_url(filing_id: str, fragment: str | None = None, json: bool = False) -> str:
    url = f"/filings/{_segment(filing_id)}{'.json' if json else ''}"
    return f"{url}#{quote(fragment, safe='-')}" if fragment else url


def company_url(key: str | None, json: bool = False) -> str | None:
    if not key:
        return None
    return f"/companies/{_segment(key)}{'.json' if json else ''}"


def with_query(path: str, params: dict[str, Any]) -> str:
    """`path` with the non-empty parameters as a query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return f"{path}?{urlencode(kept)}" if kept else path


def page_count(total: int, per_page: int) -> int:
    return max(1, math.ceil(total / per_page))
