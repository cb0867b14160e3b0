"""A company's filings from EDGAR's submissions JSON, and tickers from company_tickers.json.

    {DATA}/submissions/CIK0000320193.json

holds the company (`cik`, `name`, `tickers`, …) and `filings.recent`: parallel
columns, one entry per filing, newest first (at least a year or 1,000
filings):

    {"accessionNumber": ["0000320193-23-000077", …], "form": ["8-K", …],
     "filingDate": ["2023-08-03", …], "reportDate": ["2023-08-03", …],
     "items": ["2.02,9.01", …], "primaryDocument": ["aapl-20230803.htm", …], …}

Older filings are in extra pages named in `filings.files`, each with the
date range it covers; a page holds the same columns at its top level:

    "files": [{"name": "CIK0000320193-submissions-001.json", "filingCount": 1184,
               "filingFrom": "1994-01-26", "filingTo": "2014-06-12"}]

    {EDGAR}/files/company_tickers.json

maps tickers to CIKs: `{"0": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."}, …}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from form8k.errors import FetchError
from form8k.fetch.client import EdgarClient
from form8k.fetch.filings import FilingRef, Selection, normalize_accession, parse_date, split_items


def submissions_url(data_url: str, cik: int) -> str:
    """
    >>> submissions_url("https://data.sec.gov", 320193)
    'https://data.sec.gov/submissions/CIK0000320193.json'
    """
    return f"{data_url.rstrip('/')}/submissions/CIK{cik:010d}.json"


def tickers_url(edgar_url: str) -> str:
    return f"{edgar_url.rstrip('/')}/files/company_tickers.json"


def parse_columns(columns: Mapping[str, Any], cik: int, company: str = "") -> list[FilingRef]:
    """The filings in one block of parallel columns (`filings.recent` or an extra page).

    Rows without an accession number or a readable filing date are skipped.
    """
    accessions = columns.get("accessionNumber") or []

    def column(name: str) -> list[Any]:
        values = list(columns.get(name) or [])
        return values + [""] * (len(accessions) - len(values))

    forms, filed, reported = column("form"), column("filingDate"), column("reportDate")
    items, primary = column("items"), column("primaryDocument")
    refs: list[FilingRef] = []
    for n, accession in enumerate(accessions):
        filing_date = parse_date(filed[n])
        try:
            accession = normalize_accession(str(accession))
        except ValueError:
            continue
        if filing_date is None:
            continue
        refs.append(FilingRef(
            cik=cik, accession=accession, form=str(forms[n] or "").strip(), filing_date=filing_date,
            company=company, report_date=parse_date(reported[n]), items=split_items(items[n]),
            primary_document=str(primary[n] or ""),
        ))
    return refs


def parse_submissions(doc: Mapping[str, Any]) -> tuple[int, str, list[FilingRef], list[dict[str, Any]]]:
    """The CIK, company name, recent filings and extra pages of a submissions JSON."""
    try:
        cik = int(doc["cik"])
    except (KeyError, TypeError, ValueError):
        raise FetchError("submissions JSON without a CIK") from None
    company = str(doc.get("name") or "")
    filings = doc.get("filings") or {}
    recent = parse_columns(filings.get("recent") or {}, cik, company)
    pages = [dict(page) for page in filings.get("files") or [] if page.get("name")]
    return cik, company, recent, pages


def list_company(client: EdgarClient, cik: int, selection: Selection) -> list[FilingRef]:
    """The filings of one company that `selection` wants, oldest first.

    Extra pages are fetched only when their date range can hold a wanted filing.
    """
    data_url = client.settings.data_url
    doc = client.get_json(submissions_url(data_url, cik))
    cik, company, refs, pages = parse_submissions(doc)
    for page in pages:
        if selection.overlaps(parse_date(page.get("filingFrom")), parse_date(page.get("filingTo"))):
            columns = client.get_json(f"{data_url}/submissions/{page['name']}")
            refs.extend(parse_columns(columns, cik, company))
    chosen = selection.filter(refs)
    chosen.sort(key=lambda ref: (ref.filing_date, ref.accession))
    return chosen


def parse_tickers(doc: Mapping[str, Any]) -> dict[str, int]:
    """Ticker -> CIK from company_tickers.json (tickers upper-cased, `.` written `-` as EDGAR does)."""
    table: dict[str, int] = {}
    rows = doc.values() if isinstance(doc, Mapping) else doc
    for row in rows:
        try:
            table.setdefault(normalize_ticker(str(row["ticker"])), int(row["cik_str"]))
        except (KeyError, TypeError, ValueError):
            continue
    return table


def normalize_ticker(ticker: str) -> str:
    """
    >>> normalize_ticker(" brk.b ")
    'BRK-B'
    """
    return ticker.strip().upper().replace(".", "-")


def resolve_tickers(client: EdgarClient, tickers: list[str]) -> list[int]:
    """The CIK of each ticker, in order; FetchError names any EDGAR does not know."""
    table = parse_tickers(client.get_json(tickers_url(client.settings.edgar_url)))
    unknown = [t for t in tickers if normalize_ticker(t) not in table]
    if unknown:
        raise FetchError(f"ticker not in EDGAR's company_tickers.json: {', '.join(unknown)}")
    return [table[normalize_ticker(t)] for t in tickers]
