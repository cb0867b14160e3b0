"""Options shared by the store commands (`--db`, `--format`, `--limit`) and the one way they print rows."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    parquet = "parquet"


DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB database file (or a Parquet dataset folder).",
                                        envvar="FORM8K_DB")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="How to print the rows: a table fitted "
                                                    "to the terminal, CSV, a JSON array, JSON Lines, or Parquet "
                                                    "(to a file or pipe).")]
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", min=0, help="Print at most N rows.",
                                                 show_default=False)]
DEFAULT_DB = Path("form8k.duckdb")


def input_error(exc: BaseException, files: list[Path]) -> str:
    """One line for an input that cannot be read, naming the file once."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        text = f"{exc.filename or files[0]}: {exc.strerror}"
    return text if any(text.startswith(f"{f}:") or text.startswith(f"{f.name} ") for f in files) \
        or text.startswith("-:") else f"{files[0]}: {text}"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(_plain(value), ensure_ascii=False)
    return str(value)


def _decimal(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def emit(table: Any, fmt: OutputFormat, limit: int | None = None) -> None:
    """Print an Arrow table as a terminal table, CSV, a JSON array, JSON Lines or Parquet."""
    if limit is not None:
        table = table.slice(0, limit)
    names = list(table.column_names)
    if fmt is OutputFormat.parquet:
        _parquet(table)
        return
    rows = table.to_pylist()
    if fmt is OutputFormat.json:
        sys.stdout.write("[\n" + ",\n".join(json.dumps({k: _plain(r[k]) for k in names}, ensure_ascii=False)
                                             for r in rows) + ("\n]\n" if rows else "]\n"))
    elif fmt is OutputFormat.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps({k: _plain(r[k]) for k in names}, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(names)
        for r in rows:
            writer.writerow([_cell(r[k]) for k in names])
    else:
        _table(table, names, rows)


def _parquet(table: Any) -> None:
    import pyarrow.parquet as pq

    if sys.stdout.isatty():
        typer.echo("form8k: --format parquet writes binary; redirect it to a file (> facts.parquet)", err=True)
        raise typer.Exit(2)
    sys.stdout.flush()
    pq.write_table(table, sys.stdout.buffer)
    sys.stdout.buffer.flush()


def _shown(value: Any) -> str:
    """A cell as the terminal table shows it: numbers with thousands separators."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        return f"{int(value):,}" if value == value.to_integral_value() else f"{value.normalize():,f}"
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return _cell(value)


def _numeric(type_: Any) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_integer(type_) or pa.types.is_floating(type_) or pa.types.is_decimal(type_))


def _grouped(name: str) -> bool:
    """Whether a numeric column is an amount (thousands separators) rather than an index or an offset."""
    return not name.endswith(("_index", "_start", "_end", "_id", "_months")) and not name.startswith("span")


_DROP_FIRST = ("span_end", "span_start", "column_index", "row_index", "check_index", "table_index", "cik",
               "source_path", "filing_id")


def _table(table: Any, names: list[str], rows: list[dict[str, Any]]) -> None:
    import os

    from rich.console import Console
    from rich.table import Table

    # A terminal gets a table of its width, long cells cut with an ellipsis; piped output is not cut to 80
    # columns (COLUMNS sets the width).
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS") or 200)
    console = Console(width=width)
    view = Table(show_lines=False, header_style="bold")
    numeric = {n: _numeric(table.schema.field(n).type) for n in names}
    cells = {k: [_shown(r[k]) if numeric[k] and _grouped(k) else _cell(r[k]) for r in rows] for k in names}
    natural = {k: max([len(k), *(len(c) for c in cells[k])]) + 3 for k in names}
    hidden: list[str] = []
    for name in _DROP_FIRST:  # the source locators go first when the table is wider than the terminal
        if sum(natural[k] for k in names if k not in hidden) <= console.width:
            break
        if name in natural:
            hidden.append(name)
    shown = [k for k in names if k not in hidden]
    fixed = {k for k in shown if numeric[k] and _grouped(k)}  # amounts are never cut
    widths = {k: natural[k] - 3 for k in shown}
    budget = console.width - 3 * len(shown) - 1 - sum(widths[k] for k in fixed)
    cap = max((widths[k] for k in shown if k not in fixed), default=0)
    while cap > 4 and sum(min(widths[k], cap) for k in shown if k not in fixed) > budget:
        cap -= 1  # the widest text columns give way first, cut with an ellipsis
    for name in shown:
        width = widths[name] if name in fixed else min(widths[name], cap)
        view.add_column(name, justify="right" if numeric[name] else "left", no_wrap=True, overflow="ellipsis",
                        width=width)
    for i in range(len(rows)):
        view.add_row(*(cells[k][i] for k in shown))
    console.print(view)
    note = f"; {', '.join(hidden)} hidden to fit (--format csv shows every column)" if hidden else ""
    Console(stderr=True).print(f"[dim]{len(rows)} rows{note}[/dim]", highlight=False)
