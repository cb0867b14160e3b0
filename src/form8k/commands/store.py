"""The store commands: `ingest`, `facts`, `checks`, `sql`, `export` — one library call each."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from form8k.commands.options import DEFAULT_DB, DbOption, FormatOption, LimitOption, OutputFormat, emit


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    xbrl_json = "xbrl-json"


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"form8k: {message}", err=True)
    return typer.Exit(code)


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Filing files and folders (searched recursively).",
                                                show_default=False)],
    db: DbOption = DEFAULT_DB,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Parsing processes (default: one per "
                                                "core; 0 parses in this process).", show_default=False)] = None,
    reparse: Annotated[bool, typer.Option("--reparse", help="Parse and replace filings already stored.")] = False,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")] = True,
    engine: Annotated[Engine, typer.Option("--engine", help="local: a process pool writing DuckDB; dask: a Dask "
                                           "cluster writing a Parquet dataset.")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (default: start "
                                                  "a LocalCluster).", show_default=False)] = None,
    out: Annotated[Path, typer.Option("--out", help="With --engine dask: the Parquet dataset folder (replaced).")]
    = Path("form8k-dataset"),
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    file_timeout: Annotated[float, typer.Option("--file-timeout", min=0, help="Seconds one file may take; a "
                                                "file past it is recorded in failures (0: no limit).")] = 60.0,
    max_memory: Annotated[int, typer.Option("--max-memory", min=0, metavar="MB", help="Memory (address space) "
                                            "one parsing process may hold, in MB; a file past it is recorded "
                                            "in failures (0: no cap).")] = 4096,
) -> None:
    """Parse filings under PATHS and store them; files already stored are skipped.

    Example: form8k ingest ~/edgar/8-K --db corpus.duckdb --workers 2

    Example: form8k ingest ~/edgar/8-K --engine dask --scheduler tcp://10.0.0.5:8786 --out dataset/
    """
    from form8k.errors import StoreError

    try:
        if engine is Engine.dask:
            from form8k.store.distributed import ingest_dask

            summary = ingest_dask(paths, out, scheduler=scheduler, workers=workers, progress=progress,
                                  file_timeout=file_timeout)
        else:
            from form8k.store import ingest as run

            summary = run(paths, db=db, workers=workers, reparse=reparse, progress=progress,
                          file_timeout=file_timeout, max_memory=max_memory * 2**20)
    except (StoreError, FileNotFoundError) as exc:
        raise _fail(str(exc)) from None
    if json_out:
        import json

        sys.stdout.write(json.dumps(summary.as_dict()) + "\n")
        return
    _print_summary(summary, engine)


def _print_summary(summary: object, engine: Engine) -> None:
    from rich.console import Console

    from form8k.store.ingest import IngestSummary

    assert isinstance(summary, IngestSummary)
    console = Console(soft_wrap=True)
    skipped = (f"{summary.skipped} ({summary.unchanged} already stored, {summary.not_filings} not filings"
               + (f", {summary.duplicates} duplicates" if summary.duplicates else "") + ")")
    console.print(f"[bold]{summary.parsed}[/bold] parsed · [bold]{summary.failed}[/bold] failed · "
                  f"[bold]{skipped.split(' ', 1)[0]}[/bold] skipped {skipped.split(' ', 1)[1]} · "
                  f"[bold]{summary.facts}[/bold] facts · [bold]{summary.failed_checks}[/bold] failed checks")
    where = "dataset" if engine is Engine.dask else "database"
    console.print(f"{summary.files} filings in {summary.seconds:.1f} s: {summary.filings_per_second:.1f} "
                  f"filings/s, {summary.megabytes_per_second:.1f} MB/s on {summary.workers} workers → {where} "
                  f"{summary.db}")
    for path, reason in summary.failures[:5]:
        console.print(f"  [red]failed[/red] {path}: {reason}", highlight=False)
    if summary.failed > 5:
        console.print(f"  … and {summary.failed - 5} more: form8k sql \"SELECT * FROM failures\"")


def facts(
    cik: Annotated[str | None, typer.Option("--cik", help="Company CIK (digits).", show_default=False)] = None,
    company: Annotated[str | None, typer.Option("--company", help="Part of the company name, any case.",
                                                show_default=False)] = None,
    concept: Annotated[str | None, typer.Option("--concept", help="A US-GAAP concept (Revenues) or the name a "
                                                "person types (revenue, net income, eps diluted), any case.",
                                                show_default=False)] = None,
    start: Annotated[dt.datetime | None, typer.Option("--from", help="Earliest period end.", formats=["%Y-%m-%d"],
                                                      show_default=False)] = None,
    end: Annotated[dt.datetime | None, typer.Option("--to", help="Latest period end.", formats=["%Y-%m-%d"],
                                                    show_default=False)] = None,
    months: Annotated[int | None, typer.Option("--months", help="Period length: 3, 6, 9, 12, or 0 for an "
                                               "instant.", show_default=False)] = None,
    latest: Annotated[bool, typer.Option("--latest", help="One value per period: the most recent release's.")]
    = False,
    headline: Annotated[bool, typer.Option("--headline", help="One row per filing: the headline card of the "
                                           "period it reports (revenue, net income, EPS basic and diluted, cash "
                                           "from operations) with each figure's verdict and the year before.")]
    = False,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = OutputFormat.table,
    limit: LimitOption = None,
) -> None:
    """A concept's time series across a company's releases, or with --headline each filing's headline card.

    An unknown concept exits 2 naming the closest ones.

    Example: form8k facts --company apple --concept revenue --months 3 --from 2010-01-01 --format csv

    Example: form8k facts --headline --company apple --format csv
    """
    from form8k.commands.names import UnknownName, resolve_concepts
    from form8k.errors import StoreError
    from form8k.store import query

    if headline:
        if concept is not None or months is not None or latest:
            raise _fail("--headline takes --cik, --company, --from, --to, --format and --limit, not --concept, "
                        "--months or --latest")
        try:
            card = query.headline(db, cik=cik, company=company, start=start.date() if start else None,
                                  end=end.date() if end else None, limit=limit, frame="arrow")
        except StoreError as exc:
            raise _fail(str(exc)) from None
        if fmt is OutputFormat.table:
            _print_card(card)
        else:
            emit(card, fmt, limit)
        return
    try:
        concepts = None
        if concept is not None:
            stored = query.sql(db, "SELECT DISTINCT concept FROM fact_series", frame="arrow").column(0).to_pylist()
            concepts = resolve_concepts(concept, stored)
        table = query.facts(db, cik=cik, company=company, concept=concepts, start=start.date() if start else None,
                            end=end.date() if end else None, months=months, latest=latest, frame="arrow")
    except (StoreError, UnknownName) as exc:
        raise _fail(str(exc)) from None
    emit(table, fmt, limit)


_MARK = {"confirmed": "✓", "found": "?"}


def _print_card(card: object) -> None:
    """The headline cards as a terminal table: each figure with its verdict mark, and its change against
    the year before; the prior values and the verdicts in words are in --format csv and json."""
    import os

    from rich import box
    from rich.console import Console
    from rich.table import Table

    from form8k.commands.options import _shown
    from form8k.statements import HEADLINE_LABELS
    from form8k.statements.coverage import HEADLINE

    rows = card.to_pylist()  # type: ignore[attr-defined]
    console = Console(width=None if sys.stdout.isatty() else int(os.environ.get("COLUMNS") or 200))
    view = Table(header_style="bold", box=box.SIMPLE_HEAD)
    view.add_column("company", no_wrap=True, overflow="ellipsis")
    view.add_column("period", no_wrap=True, min_width=15)
    cells = []
    for r in rows:
        line = [r["company"] or "", f"{r['period_end']} ({r['period_months']}m)" if r["period_end"] else "—"]
        for m in HEADLINE:
            shown = f"{r[m]:,.2f}" if m.startswith("eps") and r[m] is not None else _shown(r[m])
            months = r[m + "_months"]
            # a figure of another length than the card's (a quarter's release printing only the year to date
            # of its cash flows) says its own months
            other = f" ({months}m)" if months is not None and months not in (0, r["period_months"]) else ""
            value = "missing" if r[m] is None else f"{shown}{other} {_MARK[r[m + '_status']]}"
            change = r[m + "_change_pct"]
            line += [value, "—" if change is None else f"{change:+.1f}%"]
        cells.append(line)
    for i, m in enumerate(HEADLINE):
        for j, name in enumerate((HEADLINE_LABELS[m], "Δ")):
            widest = max([len(name), *(len(c[2 + 2 * i + j]) for c in cells)])
            view.add_column(name, justify="right", no_wrap=True, min_width=widest)
    for line in cells:
        view.add_row(*line)
    console.print(view)
    Console(stderr=True).print(f"[dim]{len(rows)} filings; ✓ confirmed by a check, ? found but unchecked, Δ "
                               "against the year before (--format csv adds its values and verdicts)[/dim]",
                               highlight=False)


def checks(
    failed: Annotated[bool, typer.Option("--failed", help="Only the checks that failed.")] = False,
    rule: Annotated[str | None, typer.Option("--rule", help="Only this rule (sum, eps, gross_profit, …), any case.",
                                             show_default=False)] = None,
    cik: Annotated[str | None, typer.Option("--cik", help="Company CIK.", show_default=False)] = None,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = OutputFormat.table,
    limit: LimitOption = None,
) -> None:
    """Arithmetic and narrative checks across the corpus.

    An unknown rule exits 2 naming the closest ones.

    Example: form8k checks --failed --format json
    """
    from form8k.commands.names import UnknownName, resolve_rule
    from form8k.errors import StoreError
    from form8k.store import query

    try:
        if rule is not None:
            stored = query.sql(db, "SELECT DISTINCT rule FROM checks", frame="arrow").column(0).to_pylist()
            rule = resolve_rule(rule, stored)
        table = query.checks(db, failed=failed, rule=rule, cik=cik, frame="arrow")
    except (StoreError, UnknownName) as exc:
        raise _fail(str(exc)) from None
    emit(table, fmt, limit)


def sql(
    statement: Annotated[str, typer.Argument(help="A SQL query (the database is opened read-only).",
                                             show_default=False)],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = OutputFormat.table,
    limit: LimitOption = None,
) -> None:
    """Run SQL on the store.

    Example: form8k sql "SELECT company, count(*) AS facts FROM fact_series GROUP BY company ORDER BY 2 DESC"
    """
    import duckdb

    from form8k.errors import StoreError
    from form8k.store import query

    try:
        table = query.sql(db, statement, frame="arrow")
    except StoreError as exc:
        raise _fail(str(exc)) from None
    except duckdb.Error as exc:
        raise _fail(str(exc).strip(), 1) from None
    emit(table, fmt, limit)


def export(
    directory: Annotated[Path, typer.Argument(help="Folder to write into (created if needed).",
                                              show_default=False)],
    to: Annotated[ExportFormat, typer.Option("--to", help="parquet, csv or jsonl: one file per table; xbrl-json: "
                                             "one xBRL-JSON report per filing.")] = ExportFormat.parquet,
    filing: Annotated[list[str] | None, typer.Option("--filing", help="Only this filing id (repeatable; "
                                                     "xbrl-json).", show_default=False)] = None,
    table: Annotated[list[str] | None, typer.Option("--table", help="Only this table (repeatable; parquet, csv, "
                                                    "jsonl).", show_default=False)] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write the store out: every table as Parquet, CSV or JSON Lines, or each filing as xBRL-JSON.

    Example: form8k export --to parquet out/

    Example: form8k export --to xbrl-json out/xbrl --filing 0001193125-11-009392
    """
    from form8k.errors import StoreError
    from form8k.export import export_tables, export_xbrl_json

    try:
        if to is ExportFormat.xbrl_json:
            written = export_xbrl_json(db, directory, filing_ids=filing or None)
        else:
            written = export_tables(db, directory, to.value, tables=table or None)  # type: ignore[arg-type]
    except (StoreError, ValueError) as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"wrote {len(written)} files to {directory}", err=True)
