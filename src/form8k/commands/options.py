"""Options shared by the store commands (`--db`, `--format`) and the one way they print rows."""

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


DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB database file (or a Parquet dataset folder).",
                                        envvar="FORM8K_DB")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="How to print the rows.")]
DEFAULT_DB = Path("form8k.duckdb")


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


def emit(table: Any, fmt: OutputFormat) -> None:
    """Print an Arrow table as a terminal table, CSV or a JSON array of objects."""
    names = list(table.column_names)
    rows = table.to_pylist()
    if fmt is OutputFormat.json:
        sys.stdout.write("[\n" + ",\n".join(json.dumps({k: _plain(r[k]) for k in names}, ensure_ascii=False)
                                             for r in rows) + ("\n]\n" if rows else "]\n"))
    elif fmt is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(names)
        for r in rows:
            writer.writerow([_cell(r[k]) for k in names])
    else:
        from rich.console import Console
        from rich.table import Table

        view = Table(show_lines=False, header_style="bold")
        for name in names:
            view.add_column(name, overflow="fold")
        for r in rows:
            view.add_row(*(_cell(r[k]) for k in names))
        # Piped or captured output is not cut to 80 columns: a report reads better unwrapped.
        Console(width=None if sys.stdout.isatty() else 200).print(view)
        Console(stderr=True).print(f"[dim]{len(rows)} rows[/dim]")
