"""The writer: filings handed over as Parquet parts are stored as the same rows, whole or not at all."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest

from form8k.pipeline import parse_paths
from form8k.store import ingest, ingest_files, open_db, query
from form8k.store.chunks import parse_chunk, write_part_files
from form8k.store.records import filing_rows
from form8k.store.schema import ALL_TABLES, RECORD_TABLES
from form8k.store.writer import WRITER_CACHE, FailureRow, Writer
from store_helpers import rich_filing
from test_ingest import assert_no_duplicates

from conftest import FILINGS

NOW = dt.datetime(2026, 1, 2, 3, 4, 5)
SOME = ["apple_2011-01-18_8-K_earnings.txt", "buckle_2024-11-22_8-K_earnings.html",
        "acorn-energy_2025-01-06_8-K_officer-change.nc", "oracle_2014-06-19_8-K_earnings.txt"]


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = open_db(path, read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in ALL_TABLES}
    finally:
        con.close()


def test_parts_store_the_very_rows_written_from_memory(tmp_path: Path) -> None:
    # a filing with every part filled in (decimals, dates, lists, JSON) and real ones of each format
    filings = [rich_filing(), *(parse_paths([FILINGS / name]) for name in SOME)]
    memory, parts = tmp_path / "memory.duckdb", tmp_path / "parts.duckdb"
    con = open_db(memory)
    writer = Writer(con)
    writer.write([filing_rows(f, writer.stored_columns(), NOW) for f in filings])
    con.close()
    con = open_db(parts)
    writer = Writer(con)
    rows = [(i, filing_rows(f, writer.stored_columns(), NOW)) for i, f in enumerate(filings)]
    files = write_part_files(tmp_path, rows, writer.columns)
    with writer.writing():
        writer.write_parts([(files, None)], [f.source.sha256 for f in filings])
        writer.trim()  # the cached blocks go; the rows stay
    con.close()
    stored = _tables(parts)
    assert stored == _tables(memory)
    assert len(stored["filings"]) == len(filings) and stored["facts"] and stored["guidance"]


def test_a_chunk_stores_only_the_filings_it_is_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # one chunk holds a filing, the same accession from other bytes and the very same bytes again
    folder = tmp_path / "in"
    folder.mkdir()
    original = (FILINGS / "apple_2011-01-18_8-K_earnings.txt").read_bytes()
    (folder / "a.txt").write_bytes(original)
    (folder / "b.txt").write_bytes(original + b"\n")
    (folder / "c.txt").write_bytes(original)
    (folder / "d.htm").write_bytes((FILINGS / "oracle_2024-11-14_8-K_vote.html").read_bytes())
    # (`form8k.store.ingest` the attribute is the function; the module is looked up by name)
    monkeypatch.setattr(importlib.import_module("form8k.store.ingest"), "_chunk_size", lambda files, workers: 16)
    db = tmp_path / "d.duckdb"
    summary = ingest([folder], db=db, workers=0, progress=False)
    assert (summary.parsed, summary.duplicates, summary.unchanged) == (2, 1, 1)
    alone = tmp_path / "alone.duckdb"
    ingest([folder / "a.txt", folder / "d.htm"], db=alone, workers=0, progress=False)
    assert query.counts(db)["facts"] == query.counts(alone)["facts"] > 0
    assert query.sql(db, "SELECT kind FROM failures")["kind"].tolist() == ["duplicate"]
    assert_no_duplicates(db)


def test_a_group_is_stored_whole_or_not_at_all(tmp_path: Path) -> None:
    paths = [str(FILINGS / name) for name in SOME]
    con = open_db(tmp_path / "g.duckdb")
    writer = Writer(con)
    good = parse_chunk(paths[:2], tmp_path, writer.columns)
    bad = parse_chunk(paths[2:], tmp_path, writer.columns)
    Path(bad.files["facts"]).write_bytes(b"not parquet")  # the last table but two of the group cannot be read
    shas = [o.sha256 or "" for o in good.outcomes + bad.outcomes]
    failure = FailureRow("x.txt", "0" * 64, 1, "v", "unreadable", "empty")
    with pytest.raises(duckdb.Error):
        writer.write_parts([(good.files, None), (bad.files, None)], shas, failures=[failure])
    assert {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in ALL_TABLES} == dict.fromkeys(
        ALL_TABLES, 0)
    writer.write_parts([(good.files, [1])], shas[1:2], failures=[failure])  # the second filing of the chunk
    assert con.execute("SELECT source_path FROM filings").fetchall() == [(paths[1],)]
    assert con.execute("SELECT kind FROM failures").fetchall() == [("unreadable",)]
    assert all(con.execute(f"SELECT count(DISTINCT filing_id) FROM {t}").fetchall()[0][0] <= 1
               for t in RECORD_TABLES)
    con.close()


def test_the_writing_process_stays_lean_and_leaves_no_parts_behind(tmp_path: Path) -> None:
    script = ("import json, sys\nfrom pathlib import Path\nfrom form8k.store import ingest\n"
              "if __name__ == '__main__':\n"
              f"    s = ingest([Path({str(FILINGS)!r})], db=Path({str(tmp_path / 'w.duckdb')!r}), workers=2, "
              "progress=False)\n"
              "    print(json.dumps([s.parsed, sorted(m for m in sys.modules if m.split('.')[0] in "
              "('pyarrow', 'pandas', 'numpy') or m == 'form8k.pipeline')]))\n")
    (tmp_path / "run.py").write_text(script)
    temp = tmp_path / "temp"
    temp.mkdir()
    out = subprocess.run([sys.executable, str(tmp_path / "run.py")], capture_output=True, text=True, check=True,
                         env={**os.environ, "TMPDIR": str(temp)}, timeout=300)
    parsed, heavy = json.loads(out.stdout.splitlines()[-1])
    assert parsed == len(list(FILINGS.iterdir()))
    assert heavy == []  # neither the parser nor pyarrow, pandas, numpy: the workers read and convert
    assert list(temp.iterdir()) == []


@pytest.mark.parametrize("settings", [{}, {"threads": "3", "memory_limit": "1.5 GiB"}])
def test_an_ingest_leaves_the_settings_of_the_connection_as_it_found_them(tmp_path: Path,
                                                                         settings: dict[str, str]) -> None:
    con = open_db(tmp_path / "s.duckdb")
    for name, value in settings.items():
        con.execute(f"SET {name} = '{value}'")
    names = ("threads", "memory_limit", "preserve_insertion_order", "checkpoint_threshold")
    before = [con.execute(f"SELECT current_setting('{n}')").fetchall() for n in names]
    summary = ingest_files([FILINGS / SOME[0], FILINGS / SOME[1]], con, workers=0, progress=False)
    assert summary.parsed == 2
    assert [con.execute(f"SELECT current_setting('{n}')").fetchall() for n in names] == before
    con.close()


def test_an_ingest_removes_the_part_folders_a_killed_one_left(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead = tmp_path / f"form8k-ingest-{gone.stdout.strip()}-abc"
    alive = tmp_path / f"form8k-ingest-{os.getpid()}-def"
    for folder in (dead, alive):
        folder.mkdir()
        (folder / "x-texts.parquet").write_bytes(b"")
    ingest([FILINGS / SOME[0]], db=tmp_path / "k.duckdb", workers=0, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == [alive.name]


def test_trim_fails_nothing_when_the_data_held_outgrows_its_cache(tmp_path: Path) -> None:
    """When DuckDB cannot free enough for the cache's limit (data held until a checkpoint, seen with a high
    checkpoint_threshold), trim leaves the limit as it was and the ingest goes on."""
    import duckdb

    class Holding:  # the connection, but DuckDB's answer when it cannot shrink to the cache
        def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
            self.con = con

        def execute(self, sql: str, *args: object) -> object:
            if sql == f"SET memory_limit = '{WRITER_CACHE}'":
                raise duckdb.OutOfMemoryException("could not free up enough memory for the new limit")
            return self.con.execute(sql, *args)

        def __getattr__(self, name: str) -> object:
            return getattr(self.con, name)

    con = open_db(tmp_path / "held.duckdb")
    limit = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    writer = Writer(Holding(con))  # type: ignore[arg-type]
    with writer.writing():
        writer.trim()
        writer.write([filing_rows(rich_filing(), writer.stored_columns(), NOW)])
    assert con.execute("SELECT count(*) FROM filings").fetchall()[0][0] == 1
    assert con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0] == limit
    con.close()
