"""Open a form8k database: a DuckDB file, or a Parquet dataset folder seen as the same tables."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Union

from form8k.errors import StoreError

if TYPE_CHECKING:
    import duckdb

DEFAULT_DB = "form8k.duckdb"
DB = Union[str, Path, "duckdb.DuckDBPyConnection"]


def is_dataset(path: str | Path) -> bool:
    """Whether `path` is a Parquet dataset folder written by `form8k ingest --engine dask`."""
    return Path(path).is_dir() and (Path(path) / "table=filings").is_dir()


def open_db(path: str | Path = DEFAULT_DB, read_only: bool = False,
            row_group_size: int | None = None) -> duckdb.DuckDBPyConnection:
    """Open (and create or migrate, when writable) a form8k DuckDB database.

    `row_group_size` (rows, a multiple of 2048) sets the size of the row
    groups this connection writes; an ingest writes smaller ones than
    DuckDB's 122,880 (`ingest.WRITE_ROW_GROUP`).

    A folder holding a Parquet dataset opens as an in-memory database whose
    tables are views over it, so every query works on either.

        >>> con = open_db("form8k.duckdb", read_only=True)  # doctest: +SKIP
        >>> con.sql("SELECT count(*) FROM facts").fetchall()  # doctest: +SKIP
    """
    import duckdb

    from form8k.store.schema import migrate, schema_version

    if is_dataset(path):
        if not read_only:
            raise StoreError(f"{path} is a Parquet dataset: it is read, not written (ingest into a .duckdb file, "
                             "or again with --engine dask)")
        from form8k.store.dataset import attach_dataset

        return attach_dataset(Path(path))
    if read_only and not Path(path).is_file():
        raise StoreError(f"{path}: no such database (create it with `form8k ingest`)")
    try:
        con = _connect(str(path), read_only, row_group_size)
    except (duckdb.IOException, duckdb.InvalidInputException) as exc:
        raise StoreError(f"{path}: cannot open the database: {exc}") from None
    try:
        if read_only:
            if schema_version(con) == 0:
                raise StoreError(f"{path}: not a form8k database (no schema_migrations table)")
        else:
            migrate(con)
    except BaseException:
        con.close()
        raise
    return con


def _connect(path: str, read_only: bool, row_group_size: int | None) -> duckdb.DuckDBPyConnection:
    """The file as the connection's default database; attached with its row group size when one is given."""
    import duckdb

    if row_group_size is None or read_only:
        return duckdb.connect(path, read_only=read_only)
    quoted = path.replace("'", "''")
    con = duckdb.connect()
    try:
        con.execute(f"SET temp_directory = '{quoted}.tmp'")  # where DuckDB spills for a file it opens itself
        con.execute(f"ATTACH '{quoted}' AS form8k (ROW_GROUP_SIZE {int(row_group_size)})")
        con.execute("USE form8k")
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def connection(db: DB, read_only: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """An open connection for `db`: the given connection itself, or one opened (and closed) here."""
    if not isinstance(db, (str, Path)):
        yield db
        return
    con = open_db(db, read_only=read_only)
    try:
        yield con
    finally:
        con.close()
