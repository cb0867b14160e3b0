"""fetch(): choose filings on EDGAR, then download the ones not yet in the cache.

    list      a company's submissions JSON (--cik/--ticker) or a quarter's full index
    filter    forms, filing dates, 8-K items
    download  each full submission .txt, a few at a time through one rate limiter

A filing that cannot be fetched is recorded in `<out>/failures.jsonl` and the
rest go on; running the same fetch again downloads only what is missing.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

import httpx

from form8k.errors import FetchError, NetworkError
from form8k.fetch.cache import Cache
from form8k.fetch.client import EdgarClient, Stopped, complete_submission
from form8k.fetch.filings import DEFAULT_FORMS, FilingRef, Selection, parse_cik
from form8k.fetch.index import IndexKind, index_problem, index_url, parse_index
from form8k.fetch.progress import Progress, Task
from form8k.fetch.settings import Settings
from form8k.fetch.submissions import list_company, resolve_tickers

Outcome = Literal["downloaded", "failed", "stopped"]


@dataclass
class Failure:
    filing: FilingRef
    error: str


@dataclass
class FetchResult:
    """What a fetch chose and what became of each filing."""

    out: Path
    selected: list[FilingRef] = field(default_factory=list)
    downloaded: list[FilingRef] = field(default_factory=list)
    cached: list[FilingRef] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    bytes: int = 0
    requests: int = 0

    @property
    def paths(self) -> list[Path]:
        """Every selected filing now on disk, in the order selected."""
        cache = Cache(self.out)
        return [p for p in (cache.path(r.cik, r.accession) for r in self.selected) if p.is_file()]

    @property
    def status(self) -> Literal["ok", "partial", "failed"]:
        if not self.failed:
            return "ok"
        return "partial" if self.downloaded or self.cached else "failed"


def fetch(
    *,
    ciks: Sequence[int | str] = (),
    tickers: Sequence[str] = (),
    index: tuple[int, int] | None = None,
    index_kind: IndexKind = "form",
    forms: Sequence[str] = DEFAULT_FORMS,
    items: Sequence[str] = (),
    since: date | None = None,
    until: date | None = None,
    out: str | Path = "edgar",
    settings: Settings | None = None,
    user_agent: str | None = None,
    concurrency: int = 4,
    dry_run: bool = False,
    progress: bool = False,
    transport: httpx.BaseTransport | None = None,
) -> FetchResult:
    """Download the full submissions of the chosen filings into `out/<cik>/<accession>.txt`.

    Choose filings by company (`ciks`, `tickers`: from each submissions JSON,
    which lists every 8-K's items) or by quarter (`index=(year, quarter)`: its
    full index, filtered by form and date; `items` then costs one submissions
    lookup per company in it). Raises UserAgentError without a User-Agent and
    FetchError when the list itself cannot be had; single filings that fail
    are recorded in the result and in `out/failures.jsonl`.

    >>> result = fetch(tickers=["AAPL"], items=["2.02"], since=date(2023, 1, 1),
    ...                user_agent="Jane Analyst jane@example.com")  # doctest: +SKIP
    >>> result.paths[0]  # doctest: +SKIP
    PosixPath('edgar/320193/0000320193-23-000005.txt')
    """
    if index is None and not ciks and not tickers:
        raise ValueError("say what to fetch: ciks, tickers or index")
    if index is not None and (ciks or tickers):
        raise ValueError("fetch either companies (ciks, tickers) or a quarter's index, not both")
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    settings = settings or Settings.from_env(user_agent)
    selection = Selection(forms=tuple(forms), items=tuple(items), since=since, until=until)
    cache = Cache(out)
    result = FetchResult(out=cache.root)
    with EdgarClient(settings, transport=transport) as client, Progress(progress) as bars:
        if index is not None:
            refs, failures = _list_index(client, index, index_kind, selection, concurrency, bars)
            for failure in failures if not dry_run else ():
                cache.record_failure(failure.filing.cik, failure.filing.accession,
                                     _url(settings, failure.filing), failure.error)
            result.failed.extend(failures)
        else:
            companies = [parse_cik(c) for c in ciks]
            if tickers:
                companies += resolve_tickers(client, list(tickers))
            refs = [ref for cik in dict.fromkeys(companies) for ref in list_company(client, cik, selection)]
        result.selected = sorted(Selection(forms=()).filter(refs), key=lambda r: (r.filing_date, r.accession))
        if not dry_run:
            _download_all(client, cache, result, concurrency, bars)
        result.requests = client.requests
    return result


def _url(settings: Settings, ref: FilingRef) -> str:
    return f"{settings.edgar_url}/{ref.archive_path}"


def _list_index(client: EdgarClient, index: tuple[int, int], kind: IndexKind, selection: Selection,
                concurrency: int, bars: Progress) -> tuple[list[FilingRef], list[Failure]]:
    year, quarter = index
    refs = parse_index(client.get_text(index_url(client.settings.edgar_url, year, quarter, kind), index_problem))
    if not selection.items:
        return selection.filter(refs), []
    # The full index does not list 8-K items: learn them from each company's submissions JSON.
    refs = dataclasses.replace(selection, items=()).filter(refs)
    if not refs:
        return [], []
    dates = Selection(forms=(), since=min(r.filing_date for r in refs), until=max(r.filing_date for r in refs))
    ciks = list(dict.fromkeys(r.cik for r in refs))
    items: dict[str, tuple[str, ...]] = {}
    errors: dict[int, str] = {}
    task = bars.task("items", len(ciks))

    def lookup(cik: int) -> None:
        try:
            for ref in list_company(client, cik, dates):
                items[ref.accession] = ref.items or ()
        except NetworkError:
            raise
        except (FetchError, httpx.HTTPError) as exc:
            errors[cik] = f"items unknown: {exc}"
        task.advance()

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(lookup, ciks))
    chosen: list[FilingRef] = []
    failures: list[Failure] = []
    for ref in refs:
        if ref.cik in errors:
            failures.append(Failure(ref, errors[ref.cik]))
            continue
        ref = dataclasses.replace(ref, items=items.get(ref.accession, ()))
        if selection.wants_items(ref.items):
            chosen.append(ref)
    return chosen, failures


def _download_all(client: EdgarClient, cache: Cache, result: FetchResult, concurrency: int,
                  bars: Progress) -> None:
    todo: list[FilingRef] = []
    for ref in result.selected:
        (result.cached if cache.has(ref.cik, ref.accession) else todo).append(ref)
    if not todo:
        return
    task = bars.task("filings", len(todo))
    stop = threading.Event()
    outcomes: dict[str, tuple[Outcome, int | str]] = {}
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures: dict[Future[tuple[Outcome, int | str]], FilingRef] = {
            pool.submit(_download_one, client, cache, ref, task, stop): ref for ref in todo}
        try:
            for future in as_completed(futures):
                outcomes[futures[future].accession] = future.result()
                task.advance()
        except BaseException:
            # Ctrl-C (or a bug): stop the downloads under way, drop those not begun.
            stop.set()
            for future in futures:
                future.cancel()
            raise
    for ref in todo:
        outcome, detail = outcomes[ref.accession]
        if outcome == "downloaded":
            result.downloaded.append(ref)
            result.bytes += int(detail)
        elif outcome == "failed":
            result.failed.append(Failure(ref, str(detail)))


def _download_one(client: EdgarClient, cache: Cache, ref: FilingRef, task: Task,
                  stop: threading.Event) -> tuple[Outcome, int | str]:
    url = _url(client.settings, ref)
    try:
        size = client.download(url, cache.path(ref.cik, ref.accession), on_bytes=task.add_bytes, stop=stop,
                               check=complete_submission)
    except Stopped:
        return "stopped", 0
    except NetworkError:
        stop.set()  # no network: the other downloads cannot fare better
        raise
    except (FetchError, OSError, httpx.HTTPError) as exc:
        cache.record_failure(ref.cik, ref.accession, url, str(exc))
        return "failed", str(exc)
    return "downloaded", size
