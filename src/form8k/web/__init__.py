"""The web viewer and JSON API over a form8k database.

    >>> from form8k.web import create_app
    >>> app = create_app("form8k.duckdb")  # doctest: +SKIP

Pages (each with a JSON twin at the same path plus `.json`):

    /filings                 search, sort and page through the stored filings
    /filings/{filing_id}     one filing: its record, tables with checks, and the source text marked
    /companies/{key}         a company's core figures over time, charted
    /checks                  every failed check across the corpus

`/openapi.json` describes the JSON API.
"""

from __future__ import annotations

from form8k.web.app import create_app

__all__ = ["create_app"]
