"""Rows on their way from a parsing process to the writer: a chunk's filings as Parquet part files.

A parsing process parses a chunk of files (`parse_chunk`), turns the rows of
its filings into one Arrow table per store table and writes each as a Parquet
file in a folder the writing process reads from. Only the outcomes (without
their rows) and the files' paths cross the pipe; DuckDB reads the files itself
(`Writer.write_parts`), so the writing process never holds a filing's rows as
Python objects, nor imports pyarrow or pandas to store them.

Every row of a part carries `_filing`, its filing's place in the chunk, so
the writer can leave one filing out (a duplicate, or bytes already stored in
this run) without rewriting the file.
"""

from __future__ import annotations

import uuid
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from form8k.store.records import Columnar
from form8k.store.work import Outcome, parse_files
from form8k.store.writer import arrow_tables

Columns = Mapping[str, Sequence[tuple[str, str]]]  # each table's (column, SQL type) pairs, as `Writer.columns`


@dataclass(slots=True)
class Chunk:
    """What became of a chunk of files: each file's outcome (rows dropped) and the part file of each table."""

    outcomes: list[Outcome]
    files: dict[str, str] = field(default_factory=dict)  # table -> Parquet file holding its rows of the chunk


def parse_chunk(paths: Sequence[str], folder: str | Path, columns: Columns, known: Container[str] = (),
                max_bytes: int | None = None, timeout: float | None = None) -> Chunk:
    """Parse `paths` (`work.parse_file`) and write the rows of those parsed into part files under `folder`.

    Never raises for a bad file; if the parts cannot be written, every
    parsed file of the chunk becomes an `error` outcome.
    """
    stored = {table: [name for name, _ in cols] for table, cols in columns.items()}
    outcomes, filings = parse_files(paths, stored, known, max_bytes, timeout)
    if not filings:
        return Chunk(outcomes)
    try:
        files = write_part_files(Path(folder), filings, columns)
    except Exception as exc:  # noqa: BLE001 - a full disk fails the chunk's filings, not the run
        for i, _ in filings:
            outcomes[i].kind = "error"
            outcomes[i].reason = f"its rows could not be handed to the writer: {type(exc).__name__}: {exc}"
        return Chunk(outcomes)
    return Chunk(outcomes, files)


def write_part_files(folder: Path, filings: Sequence[tuple[int, dict[str, Columnar]]],
                     columns: Columns) -> dict[str, str]:
    """Write the rows of `filings` ((place in chunk, rows) pairs), one Parquet file per table that has any."""
    import pyarrow.parquet as pq

    token = uuid.uuid4().hex
    files: dict[str, str] = {}
    tables = arrow_tables([rows for _, rows in filings], columns, keys=[i for i, _ in filings])
    for table, data in tables.items():
        path = folder / f"{token}-{table}.parquet"
        # read once, by DuckDB, from local disk: no compression, statistics, dictionaries or Arrow schema to spend on
        pq.write_table(data, path, compression="none", write_statistics=False, use_dictionary=False,
                       store_schema=False)
        files[table] = str(path)
    return files
