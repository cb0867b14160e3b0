"""Write filings into the database, each filing whole inside one transaction.

DuckDB has one writer, so worker processes parse and turn records into
column lists (`records.filing_rows`) and the parent process writes them here.
A group of filings may share a transaction; a filing never spans two, so a
crash or `kill -9` leaves every filing either stored whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from form8k.store.records import Columnar
from form8k.store.schema import RECORD_TABLES, table_columns

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


def merge_rows(parts: Iterable[dict[str, Columnar]]) -> dict[str, Columnar]:
    """Concatenate the column lists of several filings, table by table."""
    merged: dict[str, Columnar] = {}
    for part in parts:
        for table, columns in part.items():
            target = merged.get(table)
            if target is None:
                merged[table] = {name: list(values) for name, values in columns.items()}
            else:
                for name, values in columns.items():
                    target[name].extend(values)
    return merged


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
        self.schemas = {t: arrow_schema(cols) for t, cols in self.columns.items()}

    def stored_columns(self) -> dict[str, list[str]]:
        return dict(self.names)

    def write(self, filings: Sequence[dict[str, Columnar]], replace: Sequence[str] = (),
              failures: Sequence[FailureRow] = ()) -> None:
        """Store `filings` (replacing the stored filings `replace`) and `failures` in one transaction."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if replace:
                self._delete(list(replace))
            shas = [part["filings"]["source_sha256"][0] for part in filings]
            paths = [f.path for f in failures]
            fail_shas = [f.sha256 for f in failures if f.sha256]
            if shas or fail_shas or paths:
                # A file that failed before and now parses, or fails again, keeps one row.
                con.execute("DELETE FROM failures WHERE sha256 IN (SELECT unnest(?)) OR "
                            "(sha256 IS NULL AND path IN (SELECT unnest(?)))", [shas + fail_shas, paths])
            merged = merge_rows(filings)
            for table in RECORD_TABLES:
                columns = merged.get(table)
                if columns and columns[self.names[table][0]]:
                    self._insert(table, columns)
            if failures:
                now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
                rows: dict[str, list[Any]] = {name: [] for name in self.names["failures"]}
                for f in failures:
                    values = {"path": f.path, "sha256": f.sha256, "size": f.size, "parser_version": f.parser_version,
                              "kind": f.kind, "reason": f.reason, "filing_id": f.filing_id, "failed_at": now}
                    for name in rows:
                        rows[name].append(values.get(name))
                self._insert("failures", rows)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _delete(self, filing_ids: list[str]) -> None:
        for table in RECORD_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE filing_id IN (SELECT unnest(?))", [filing_ids])

    def _insert(self, table: str, columns: Columnar) -> None:
        import pyarrow as pa

        data = pa.Table.from_pydict({name: columns.get(name, [None] * _length(columns))
                                     for name in self.names[table]}, schema=self.schemas[table])
        self.con.register("_form8k_rows", data)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM _form8k_rows")
        finally:
            self.con.unregister("_form8k_rows")


def _length(columns: Columnar) -> int:
    return len(next(iter(columns.values()))) if columns else 0
