"""Write filings into the database, each filing whole inside one transaction.

DuckDB has one writer, so worker processes parse and turn records into
column lists (`records.filing_rows`) and the parent process writes them here.
A group of filings may share a transaction; a filing never spans two, so a
crash or `kill -9` leaves every filing either stored whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from form8k.store.records import Columnar
from form8k.store.schema import RECORD_TABLES, table_columns

# While an ingest writes: DuckDB's own threads (the parsing processes have the cores), and the cache of
# table blocks kept between groups. A write-only run never reads those blocks again, yet DuckDB keeps every
# block it checkpoints until `memory_limit` (80% of RAM) is reached; memory_limit itself cannot be set this
# low, since a checkpoint that outgrows it (a filing with a 50 MB text) invalidates the database.
WRITER_THREADS = 1
WRITER_CACHE = "16MB"
FILING_KEY = "_filing"  # in a part file (store.chunks): the place of the row's filing in its chunk; not stored

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa


def arrow_type(sql_type: str) -> pa.DataType:
    """The Arrow type a DuckDB column type is written from."""
    import pyarrow as pa

    sql_type = sql_type.strip().upper()
    if sql_type.endswith("[]"):
        return pa.list_(arrow_type(sql_type[:-2]))
    m = re.fullmatch(r"DECIMAL\((\d+),\s*(\d+)\)", sql_type)
    if m:
        return pa.decimal128(int(m.group(1)), int(m.group(2)))
    simple = {"VARCHAR": pa.string(), "JSON": pa.string(), "BIGINT": pa.int64(), "INTEGER": pa.int32(),
              "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
              "DOUBLE": pa.float64()}
    if sql_type not in simple:
        raise ValueError(f"no Arrow type for the column type {sql_type}")
    return simple[sql_type]


def arrow_schema(columns: Sequence[tuple[str, str]]) -> pa.Schema:
    import pyarrow as pa

    return pa.schema([pa.field(name, arrow_type(sql)) for name, sql in columns])


def arrow_tables(filings: Sequence[Mapping[str, Columnar]], columns: Mapping[str, Sequence[tuple[str, str]]],
                 keys: Sequence[int] | None = None) -> dict[str, pa.Table]:
    """The rows of `filings` (`records.filing_rows` each) as one Arrow table per store table that has any.

    Each table has the columns `columns` gives it, in that order and of the
    Arrow type of their SQL type; a column a filing lacks is NULL. With
    `keys` (one per filing), every row also carries its filing's key in
    `FILING_KEY`. Tables come in `columns`' order.
    """
    import pyarrow as pa

    out: dict[str, pa.Table] = {}
    for table, cols in columns.items():
        names = [name for name, _ in cols]
        data: Columnar = {name: [] for name in names}
        filing_keys: list[int] = []
        for k, rows in enumerate(filings):
            part = rows.get(table)
            n = len(part.get(names[0], ())) if part is not None else 0
            if part is None or not n:
                continue
            for name in names:
                data[name].extend(part[name] if name in part else [None] * n)
            if keys is not None:
                filing_keys.extend([keys[k]] * n)
        if not data[names[0]]:
            continue
        schema = arrow_schema(cols)
        if keys is not None:
            data[FILING_KEY] = filing_keys
            schema = schema.append(pa.field(FILING_KEY, pa.int32()))
        out[table] = pa.Table.from_pydict(data, schema=schema)
    return out


@dataclass(slots=True)
class FailureRow:
    path: str
    sha256: str | None
    size: int | None
    parser_version: str
    kind: str
    reason: str
    filing_id: str | None = None


class Writer:
    """Writes groups of filings (their rows) and failures into an open database."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.columns = table_columns(con)
        self.names = {t: [name for name, _ in cols] for t, cols in self.columns.items()}
        self._limit: str | None = None  # memory_limit as it was, while `writing`

    def stored_columns(self) -> dict[str, list[str]]:
        return dict(self.names)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Tune the connection for a run of writes (WRITER_THREADS, `trim`); its settings are restored after."""
        con = self.con
        threads, limit = con.execute("SELECT current_setting('threads'), current_setting('memory_limit')").fetchall()[0]
        con.execute(f"SET threads = {WRITER_THREADS}")
        self._limit = limit
        try:
            yield
        finally:
            self._limit = None
            con.execute(f"SET threads = {int(threads)}")
            con.execute("RESET memory_limit")
            if con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0] != limit:
                con.execute(f"SET memory_limit = '{limit}'")  # one that was set (as printed: to 0.1 of its unit)

    def trim(self) -> None:
        """Inside `writing`, between transactions: drop cached table blocks beyond WRITER_CACHE (they are on disk)."""
        if self._limit is None:
            return
        import duckdb

        try:
            self.con.execute(f"SET memory_limit = '{WRITER_CACHE}'")  # evicts what it can
        except duckdb.OutOfMemoryException:
            return  # more than WRITER_CACHE is held and not yet checkpointed: the limit is left unchanged
        self.con.execute(f"SET memory_limit = '{self._limit}'")

    def write(self, filings: Sequence[dict[str, Columnar]], replace: Sequence[str] = (),
              failures: Sequence[FailureRow] = ()) -> None:
        """Store `filings` (replacing the stored filings `replace`) and `failures` in one transaction."""
        def insert() -> None:
            record = {table: self.columns[table] for table in RECORD_TABLES}
            for table, data in arrow_tables(filings, record).items():
                self.con.register("_form8k_rows", data)
                try:
                    self.con.execute(f"INSERT INTO {table} SELECT * FROM _form8k_rows")
                finally:
                    self.con.unregister("_form8k_rows")

        shas = [part["filings"]["source_sha256"][0] for part in filings]
        self._transaction(insert, shas, replace, failures)

    def write_parts(self, parts: Sequence[tuple[Mapping[str, str], Sequence[int] | None]], shas: Sequence[str],
                    replace: Sequence[str] = (), failures: Sequence[FailureRow] = ()) -> None:
        """Store the filings of Parquet parts (see `store.chunks`), `replace` and `failures` in one transaction.

        Each part is its files (table -> path) and the places of the filings
        to store from it (None: all of them); `shas` are those filings' sha256.
        DuckDB reads the files; no row passes through Python.
        """
        def insert() -> None:
            for table in RECORD_TABLES:
                whole = [files[table] for files, keep in parts if keep is None and table in files]
                if whole:
                    self.con.execute(f"INSERT INTO {table} BY NAME SELECT * EXCLUDE ({FILING_KEY}) "
                                     "FROM read_parquet(?)", [whole])
                for files, keep in parts:
                    if keep is not None and keep and table in files:
                        self.con.execute(f"INSERT INTO {table} BY NAME SELECT * EXCLUDE ({FILING_KEY}) "
                                         f"FROM read_parquet(?) WHERE {FILING_KEY} IN (SELECT unnest(?))",
                                         [[files[table]], list(keep)])

        self._transaction(insert, shas, replace, failures)

    def _transaction(self, insert: Callable[[], None], shas: Sequence[str], replace: Sequence[str],
                     failures: Sequence[FailureRow]) -> None:
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if replace:
                self._delete(list(replace))
            paths = [f.path for f in failures]
            fail_shas = [f.sha256 for f in failures if f.sha256]
            if shas or fail_shas or paths:
                # A file that failed before and now parses, or fails again, keeps one row.
                con.execute("DELETE FROM failures WHERE sha256 IN (SELECT unnest(?)) OR "
                            "(sha256 IS NULL AND path IN (SELECT unnest(?)))", [list(shas) + fail_shas, paths])
            insert()
            if failures:
                self._insert_failures(failures)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _insert_failures(self, failures: Sequence[FailureRow]) -> None:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        rows: dict[str, list[Any]] = {name: [] for name in self.names["failures"]}
        for f in failures:
            values = {"path": f.path, "sha256": f.sha256, "size": f.size, "parser_version": f.parser_version,
                      "kind": f.kind, "reason": f.reason, "filing_id": f.filing_id, "failed_at": now}
            for name in rows:
                rows[name].append(values.get(name))
        # one list parameter per column, unnested side by side: no Arrow needed for a few rows
        select = ", ".join(f'unnest(?::{sql}[]) AS "{name}"' for name, sql in self.columns["failures"])
        self.con.execute(f"INSERT INTO failures BY NAME SELECT {select}", list(rows.values()))

    def _delete(self, filing_ids: list[str]) -> None:
        for table in RECORD_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE filing_id IN (SELECT unnest(?))", [filing_ids])
