"""A store as a partitioned Parquet dataset: one folder per table, one per filing year.

    DIR/table=facts/filing_year=2007/part-<task>.parquet
    DIR/table=filings/filing_year=__HIVE_DEFAULT_PARTITION__/part-<task>.parquet   (no date known)

Each table's files have the columns of the DuckDB table of the same name
(plus the `filing_year` partition key), so DuckDB, Spark or pandas read it as
they find it, and `open_db(DIR)` gives the same queries as on a DuckDB file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from form8k.store.records import Columnar
from form8k.store.schema import ALL_TABLES

if TYPE_CHECKING:
    import duckdb

PARTITION = "filing_year"
NO_YEAR = "__HIVE_DEFAULT_PARTITION__"  # how Hive, Spark and DuckDB spell a NULL partition value


def partition_dir(root: Path, table: str, year: int | None) -> Path:
    return root / f"table={table}" / f"{PARTITION}={year if year is not None else NO_YEAR}"


def write_parts(root: Path, token: str, filings: Iterable[tuple[int | None, dict[str, Columnar]]],
                columns: Mapping[str, Sequence[tuple[str, str]]]) -> list[Path]:
    """Write rows of several filings as Parquet files `part-<token>.parquet`, one per table and year."""
    import pyarrow.parquet as pq

    from form8k.store.writer import arrow_tables

    by_year: dict[int | None, list[dict[str, Columnar]]] = {}
    for year, rows in filings:
        by_year.setdefault(year, []).append(rows)
    written = []
    for year, parts in by_year.items():
        for table, data in arrow_tables(parts, columns).items():
            target = partition_dir(root, table, year)
            target.mkdir(parents=True, exist_ok=True)
            path = target / f"part-{token}.parquet"
            pq.write_table(data, path, compression="zstd")
            written.append(path)
    return written


def attach_dataset(root: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose tables are views over the dataset (empty tables where it has none)."""
    import duckdb

    from form8k.store.schema import migrate

    con = duckdb.connect(":memory:")
    migrate(con)
    for table in ALL_TABLES:
        folder = root / f"table={table}"
        if not any(folder.glob("*/*.parquet")):
            continue
        pattern = "'" + str(folder / "*" / "*.parquet").replace("'", "''") + "'"
        con.execute(f"DROP TABLE {table}")
        con.execute(f"CREATE VIEW {table} AS SELECT * EXCLUDE (\"table\", {PARTITION}) FROM "
                    f"read_parquet({pattern}, hive_partitioning = true, union_by_name = true)")
    return con


def drop_filings(paths: Iterable[Path], filing_ids: set[str]) -> None:
    """Rewrite part files without the rows of `filing_ids` (duplicates found after the parts were written)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    for path in paths:
        table = pq.read_table(path, partitioning=None)
        if "filing_id" not in table.column_names:
            continue
        keep: Any = pc.invert(pc.is_in(table["filing_id"], value_set=_string_array(filing_ids)))
        kept = table.filter(keep)
        if kept.num_rows == table.num_rows:
            continue
        if kept.num_rows == 0:
            path.unlink()
        else:
            pq.write_table(kept, path, compression="zstd")


def _string_array(values: set[str]) -> Any:
    import pyarrow as pa

    return pa.array(sorted(values), pa.string())
