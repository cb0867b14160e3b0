"""The Dask engine: the same parse on a LocalCluster, into a partitioned Parquet dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from form8k.store import ingest, open_db, query
from form8k.store.distributed import ingest_dask
from form8k.store.schema import RECORD_TABLES

from conftest import FILINGS


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    root = tmp_path_factory.mktemp("dask")
    folder = root / "in"
    shutil.copytree(FILINGS, folder)
    shutil.copy(FILINGS / "apple_2011-01-18_8-K_earnings.txt", folder / "copy-of-apple.txt")  # stored once
    (folder / "empty.htm").write_bytes(b"")
    local = root / "local.duckdb"
    ingest([folder], db=local, workers=0, progress=False)
    dataset = root / "dataset"
    summary = ingest_dask([folder], dataset, workers=2, processes=False, progress=False)
    return local, dataset, summary


def _rows(db: Path, table: str) -> list[tuple]:
    con = open_db(db, read_only=True)
    try:
        columns = [c for (c,) in con.execute(f"SELECT column_name FROM (DESCRIBE {table})").fetchall()
                   if c not in ("ingested_at", "failed_at")]
        return con.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL").fetchall()
    finally:
        con.close()


def test_dask_stores_the_same_facts_as_the_local_path(stores: tuple[Path, Path, object]) -> None:
    local, dataset, _ = stores
    assert _rows(dataset, "facts") == _rows(local, "facts")
    assert query.facts(dataset).equals(query.facts(local))


def test_dask_stores_the_same_record_in_every_table(stores: tuple[Path, Path, object]) -> None:
    local, dataset, _ = stores
    for table in RECORD_TABLES:
        assert _rows(dataset, table) == _rows(local, table), table
    assert query.counts(dataset) == query.counts(local)


def test_dask_summary_counts_like_the_local_path(stores: tuple[Path, Path, object]) -> None:
    _, _, summary = stores
    assert (summary.parsed, summary.unchanged, summary.failed) == (28, 1, 1)  # type: ignore[attr-defined]


def test_the_dataset_is_hive_partitioned_by_table_and_year(stores: tuple[Path, Path, object]) -> None:
    _, dataset, _ = stores
    assert (dataset / "table=filings" / "filing_year=2011").is_dir()
    assert (dataset / "table=failures").is_dir()
    con = duckdb.connect()
    years = con.execute(f"SELECT filing_year, count(*) FROM read_parquet('{dataset}/table=filings/*/*.parquet', "
                        "hive_partitioning = true) GROUP BY ALL ORDER BY ALL").fetchall()
    assert (2011, 1) in years and sum(n for _, n in years) == 28


def test_a_dataset_is_read_not_written(stores: tuple[Path, Path, object]) -> None:
    from form8k.errors import StoreError

    _, dataset, _ = stores
    with pytest.raises(StoreError, match="Parquet dataset"):
        open_db(dataset)
    assert query.facts(dataset, concept="Revenues").empty == query.facts(stores[0], concept="Revenues").empty
