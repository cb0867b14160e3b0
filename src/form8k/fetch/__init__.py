"""Get filings from EDGAR: politely (one rate limiter, a User-Agent, backoff) and resumably.

    >>> from form8k.fetch import fetch
    >>> result = fetch(tickers=["AAPL"], items=["2.02"],
    ...                user_agent="Jane Analyst jane@example.com")  # doctest: +SKIP
    >>> result.paths  # doctest: +SKIP
    [PosixPath('edgar/320193/0000320193-23-000005.txt'), ...]

    settings.py     base URLs, User-Agent, rate and retry settings (FORM8K_* variables)
    limiter.py      one thread-safe rate limiter shared by every request
    client.py       httpx.Client with retries, backoff and jitter; the transport is the test seam
    index.py        full-index form.idx / company.idx / master.idx
    submissions.py  submissions JSON with its extra pages; company_tickers.json
    filings.py      FilingRef and Selection (forms, items, dates)
    cache.py        <out>/<cik>/<accession>.txt written atomically; failures.jsonl
    run.py          fetch(): list, filter, download
"""

from __future__ import annotations

from form8k.fetch.cache import Cache
from form8k.fetch.client import EdgarClient, retry_after_seconds
from form8k.fetch.filings import DEFAULT_FORMS, FilingRef, Selection, normalize_accession, parse_cik
from form8k.fetch.index import index_url, parse_index
from form8k.fetch.limiter import RateLimiter
from form8k.fetch.run import Failure, FetchResult, fetch
from form8k.fetch.settings import MAX_RATE, Settings, check_user_agent
from form8k.fetch.submissions import list_company, parse_submissions, parse_tickers, resolve_tickers

__all__ = [
    "DEFAULT_FORMS",
    "MAX_RATE",
    "Cache",
    "EdgarClient",
    "Failure",
    "FetchResult",
    "FilingRef",
    "RateLimiter",
    "Selection",
    "Settings",
    "check_user_agent",
    "fetch",
    "index_url",
    "list_company",
    "normalize_accession",
    "parse_cik",
    "parse_index",
    "parse_submissions",
    "parse_tickers",
    "resolve_tickers",
    "retry_after_seconds",
]
