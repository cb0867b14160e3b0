"""Out of the store: the corpus as Parquet, CSV or JSON Lines tables, or each filing as xBRL-JSON.

    >>> from form8k.export import export_tables, export_xbrl_json
    >>> export_tables("form8k.duckdb", "out/", "parquet")  # doctest: +SKIP
    >>> export_xbrl_json("form8k.duckdb", "out/xbrl/")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from form8k.store.db import DB, connection

TableFormat = Literal["parquet", "csv", "jsonl"]
_COPY_OPTIONS = {"parquet": "FORMAT parquet, COMPRESSION zstd", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}

__all__ = ["export_tables", "export_xbrl_json", "TableFormat"]


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_tables(db: DB, directory: str | Path, to: TableFormat, tables: Sequence[str] | None = None) -> list[Path]:
    """Write every table of the store (or `tables`) to `directory` as `<table>.<format>`; returns the files."""
    from form8k.store.schema import ALL_TABLES

    if to not in _COPY_OPTIONS:
        raise ValueError(f"unknown table format {to!r}: use parquet, csv or jsonl")
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    chosen = list(tables or ALL_TABLES)
    unknown = [t for t in chosen if t not in ALL_TABLES]
    if unknown:
        raise ValueError(f"no table {', '.join(unknown)}: the tables are {', '.join(ALL_TABLES)}")
    written = []
    with connection(db) as con:
        for table in chosen:
            target = out / f"{table}.{to}"
            con.execute(f"COPY (SELECT * FROM {table}) TO {_quote(target)} ({_COPY_OPTIONS[to]})")
            written.append(target)
    return written


def _file_name(filing_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", filing_id) + ".json"


def export_xbrl_json(db: DB, directory: str | Path, filing_ids: Sequence[str] | None = None) -> list[Path]:
    """Write each stored filing (or `filing_ids`) as `<filing_id>.json` in xBRL-JSON; returns the files."""
    from form8k.export.xbrl_json import to_xbrl_json
    from form8k.store.query import filing_ids as all_filing_ids
    from form8k.store.query import read_filing

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with connection(db) as con:
        for filing_id in filing_ids or all_filing_ids(con):
            filing = read_filing(con, filing_id)
            target = out / _file_name(filing_id)
            target.write_text(json.dumps(to_xbrl_json(filing, filing_id), indent=1, ensure_ascii=False) + "\n",
                              encoding="utf-8")
            written.append(target)
    return written
