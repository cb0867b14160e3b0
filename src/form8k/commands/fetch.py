"""`form8k fetch`: download 8-K filings from EDGAR into a local cache, and optionally store them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import cast

import typer

from form8k.commands.options import DEFAULT_DB


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _date(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date like 2023-01-31", param_hint=option) from None


def fetch(
    cik: list[str] = typer.Option([], "--cik", help="A company's CIK (repeat for several).", show_default=False),
    ticker: list[str] = typer.Option([], "--ticker", help="A company's ticker, looked up in EDGAR's "
                                     "company_tickers.json (repeat for several).", show_default=False),
    index: tuple[int, int] | None = typer.Option(None, "--index", metavar="YEAR QTR", show_default=False,
                                                 help="Every filing of the chosen forms in a quarter's full "
                                                      "index instead of one company's."),
    index_kind: str = typer.Option("form", "--index-file", metavar="form|master|company",
                                   help="Which full-index file to read with --index."),
    forms: str = typer.Option("8-K,8-K/A", "--forms", help="Form types to fetch, comma-separated."),
    items: str = typer.Option("", "--items", show_default=False,
                              help="Only 8-Ks reporting one of these items, e.g. 2.02 (comma-separated). "
                                   "Items come from each company's submissions JSON; with --index this "
                                   "costs one extra request per company in the quarter. Filings EDGAR lists "
                                   "without items (8-Ks before August 2004) never match."),
    since: str | None = typer.Option(None, "--since", metavar="DATE", help="Filed on or after (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", metavar="DATE", help="Filed on or before (YYYY-MM-DD)."),
    out: Path = typer.Option(Path("edgar"), "--out", help="The cache: filings go to OUT/<cik>/<accession>.txt, "
                                                          "failures to OUT/failures.jsonl."),
    ingest: bool = typer.Option(False, "--ingest", help="Store the fetched filings in the database too."),
    db: Path = typer.Option(DEFAULT_DB, "--db", envvar="FORM8K_DB", help="The database for --ingest."),
    user_agent: str | None = typer.Option(None, "--user-agent", envvar="FORM8K_USER_AGENT", show_default=False,
                                          help="Your name and e-mail, as EDGAR requires, "
                                               "e.g. 'Jane Analyst jane@example.com'."),
    concurrency: int = typer.Option(4, "--concurrency", min=1, max=16, help="Downloads at once; all share "
                                                                           "one rate limit."),
    rate: float = typer.Option(10.0, "--rate", min=0.1, max=10.0, help="Requests per second, at most "
                                                                        "EDGAR's 10."),
    max_bytes: int = typer.Option(100 * 2**20, "--max-bytes", envvar="FORM8K_MAX_BYTES", min=0,
                                  help="The most bytes one download may hold once decompressed; a larger one "
                                       "is not stored and is recorded in OUT/failures.jsonl (0: no cap)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="List the chosen filings; download nothing."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
) -> None:
    """Download 8-K filings (full submission .txt) from EDGAR, resuming where the last run stopped.

    Filings already in OUT are not fetched again; a download is written under
    a temporary name and renamed only when complete (its Content-Length, a
    whole <SEC-DOCUMENT>, under --max-bytes); a filing that fails is
    recorded in OUT/failures.jsonl and the others go on. Requests are limited
    to --rate per second and retried with backoff on 429, 5xx and timeouts.
    FORM8K_EDGAR_URL and FORM8K_DATA_URL point form8k at a mirror.

    Exit status: 0 all fetched, 1 some filings failed, 2 nothing could be listed
    (no User-Agent, unknown ticker, EDGAR unreachable).

    Example: form8k fetch --ticker AAPL --items 2.02 --since 2023-01-01 --user-agent "Jane Analyst jane@example.com"

    Example: form8k fetch --index 2023 1 --items 2.02 --out edgar --ingest
    """
    from form8k.errors import Form8kError
    from form8k.fetch import Settings
    from form8k.fetch import fetch as fetch_filings
    from form8k.fetch.index import INDEX_KINDS, IndexKind

    if index is None and not cik and not ticker:
        raise typer.BadParameter("give --cik, --ticker or --index", param_hint="--cik/--ticker/--index")
    if index is not None and (cik or ticker):
        raise typer.BadParameter("--index reads a whole quarter; leave out --cik and --ticker",
                                 param_hint="--index")
    if index is not None and not 1 <= index[1] <= 4:
        raise typer.BadParameter(f"quarter must be 1 to 4, not {index[1]}", param_hint="--index")
    if index_kind not in INDEX_KINDS:
        raise typer.BadParameter(f"one of {', '.join(INDEX_KINDS)}", param_hint="--index-file")
    since_date, until_date = _date(since, "--since"), _date(until, "--until")
    try:
        settings = Settings.from_env(user_agent, rate=rate, max_bytes=max_bytes)
        result = fetch_filings(
            ciks=cik, tickers=ticker, index=index, index_kind=cast("IndexKind", index_kind),
            forms=_split(forms), items=_split(items), since=since_date, until=until_date, out=out,
            settings=settings, concurrency=concurrency, dry_run=dry_run, progress=not quiet,
        )
    except (Form8kError, ValueError) as exc:
        typer.echo(f"form8k fetch: {exc}", err=True)
        raise typer.Exit(2) from None
    if dry_run:
        for ref in result.selected:
            typer.echo("\t".join([ref.filing_date.isoformat(), str(ref.cik), ref.accession, ref.form,
                                  ",".join(ref.items or ()), ref.company]))
        return
    if not quiet:
        typer.echo(f"{len(result.selected)} filings chosen: {len(result.downloaded)} downloaded "
                   f"({result.bytes:,} bytes), {len(result.cached)} already in {out}, "
                   f"{len(result.failed)} failed", err=True)
    for failure in result.failed:
        typer.echo(f"form8k fetch: {failure.filing.accession}: {failure.error}", err=True)
    if ingest and result.paths:
        try:
            from form8k.store import ingest as ingest_paths
        except ModuleNotFoundError as exc:
            if exc.name != "form8k.store":
                raise
            typer.echo("form8k fetch: --ingest needs form8k.store, which this install lacks", err=True)
            raise typer.Exit(2) from None
        try:
            summary = ingest_paths(result.paths, db=db, progress=not quiet)
        except Form8kError as exc:
            typer.echo(f"form8k fetch: {db}: {exc}", err=True)
            raise typer.Exit(2) from None
        if not quiet:
            typer.echo(f"stored in {db}: {summary}", err=True)
    if result.failed:
        raise typer.Exit(1)
