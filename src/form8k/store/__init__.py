"""The store: a corpus of filings in one DuckDB file (or a Parquet dataset), and back out.

    >>> from form8k.store import ingest, query
    >>> summary = ingest([Path("filings/")], db="form8k.duckdb")  # doctest: +SKIP
    >>> query.facts("form8k.duckdb", company="apple", concept="Revenues")  # doctest: +SKIP

Tables and keys are described in `store.records`; the DDL and its versions
in `store.schema`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from form8k.store.db import DEFAULT_DB, open_db
from form8k.store.ingest import (
    WRITE_ROW_GROUP,
    IngestSummary,
    check_not_bootstrapping,
    discover,
    ingest_files,
)
from form8k.store.query import read_filing
from form8k.store.work import FILE_TIMEOUT, MAX_MEMORY

__all__ = ["ingest", "open_db", "IngestSummary", "discover", "read_filing", "DEFAULT_DB"]


def ingest(paths: Sequence[Path], db: str | Path = DEFAULT_DB, workers: int | None = None, reparse: bool = False,
           progress: bool = True, file_timeout: float | None = FILE_TIMEOUT,
           max_memory: int | None = MAX_MEMORY) -> IngestSummary:
    """Parse every filing under `paths` (files and folders, recursively) and store it in `db`.

    `workers` processes parse (default: one per core; 0 parses in this
    process). A file already stored with the same sha256 and parser version is
    skipped unless `reparse`. Files that fail are recorded in `failures` and
    the batch goes on: among them a file past `file_timeout` seconds or a
    process past `max_memory` bytes. Called from a script, the call must sit
    under `if __name__ == "__main__":` (the worker processes import the script
    again); without one it raises StoreError at once saying so.
    """
    check_not_bootstrapping()
    files, not_filings = discover(paths)
    con = open_db(db, row_group_size=WRITE_ROW_GROUP)
    try:
        summary = IngestSummary(db=str(db), not_filings=not_filings)
        return ingest_files(files, con, workers=workers, reparse=reparse, progress=progress, summary=summary,
                            file_timeout=file_timeout, max_memory=max_memory)
    finally:
        con.close()
