"""`ingest`: discovery, the process pool, idempotency, failures, replacement, and the CLI around it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from form8k.cli import app
from form8k.store import discover, ingest, open_db, query
from form8k.store.schema import ALL_TABLES, RECORD_TABLES

from conftest import FILINGS

CHILD_KEYS = {
    "documents": ("document_index",), "items": ("item_index",), "exhibits": ("exhibit_index",),
    "signatures": ("signature_index",), "statement_tables": ("table_index",),
    "table_columns": ("table_index", "column_index"), "table_rows": ("table_index", "row_index"),
    "facts": ("fact_index",), "checks": ("check_index",), "press_releases": (), "mentions": ("mention_index",),
    "guidance": ("guidance_index",), "problems": ("problem_index",), "texts": (), "filings": (),
}


def assert_no_duplicates(db: Path) -> None:
    con = open_db(db, read_only=True)
    try:
        for table in RECORD_TABLES:
            keys = ", ".join(("filing_id", *CHILD_KEYS[table]))
            dupes = con.execute(f"SELECT count(*) FROM (SELECT {keys} FROM {table} GROUP BY ALL "
                                "HAVING count(*) > 1)").fetchall()[0][0]
            assert dupes == 0, table
        orphans = con.execute("SELECT count(*) FROM documents WHERE filing_id NOT IN "
                              "(SELECT filing_id FROM filings)").fetchall()[0][0]
        assert orphans == 0
    finally:
        con.close()


def test_discovery_walks_folders_and_skips_what_is_not_a_filing(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ("a/one.txt", "a/b/two.htm", "a/b/three.HTML", "four.nc", "a/b/sub.sgml"):
        (tmp_path / name).write_text("x")
    for name in ("logo.jpg", "a/data.zip", "a/meta.json", "a/b/.DS_Store", ".hidden/five.txt", "x.xml", "noext"):
        (tmp_path / name).write_text("x")
    files, skipped = discover([tmp_path, tmp_path / "a" / "one.txt"])
    assert [p.name for p in files] == ["sub.sgml", "three.HTML", "two.htm", "one.txt", "four.nc"]
    assert skipped == 6  # the hidden folder is not entered
    with pytest.raises(FileNotFoundError):
        discover([tmp_path / "missing"])


def test_ingest_on_the_pool_then_again_stores_nothing_new(tmp_path: Path) -> None:
    db = tmp_path / "f.duckdb"
    first = ingest([FILINGS], db=db, workers=2, progress=False)
    n = len(list(FILINGS.iterdir()))
    assert (first.files, first.parsed, first.failed, first.unchanged) == (n, n, 0, 0)
    counts = query.counts(db)
    assert counts["filings"] == counts["texts"] == n
    second = ingest([FILINGS], db=db, workers=2, progress=False)
    assert (second.parsed, second.unchanged, second.failed) == (0, n, 0)
    assert query.counts(db) == counts
    assert_no_duplicates(db)


def test_the_pool_and_the_single_process_store_the_same_rows(tmp_path: Path) -> None:
    ingest([FILINGS], db=tmp_path / "pool.duckdb", workers=2, progress=False)
    ingest([FILINGS], db=tmp_path / "one.duckdb", workers=0, progress=False)
    for table in ("documents", "texts", "facts", "problems"):
        sql = f"SELECT * FROM {table} ORDER BY ALL"
        assert query.sql(tmp_path / "pool.duckdb", sql).equals(query.sql(tmp_path / "one.duckdb", sql)), table


def test_reparse_replaces_and_a_new_parser_version_reparses(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    ingest([FILINGS], db=db, workers=0, progress=False)
    counts = query.counts(db)
    again = ingest([FILINGS], db=db, workers=0, reparse=True, progress=False)
    assert again.parsed == again.replaced == counts["filings"]
    assert query.counts(db) == counts
    con = open_db(db)
    con.execute("UPDATE filings SET parser_version = '0.0.1' WHERE filing_id IN "
                "(SELECT filing_id FROM filings ORDER BY filing_id LIMIT 3)")
    con.close()
    upgraded = ingest([FILINGS], db=db, workers=0, progress=False)
    assert (upgraded.parsed, upgraded.replaced, upgraded.unchanged) == (3, 3, counts["filings"] - 3)
    assert query.counts(db) == counts
    assert_no_duplicates(db)


def test_failures_are_recorded_with_their_reason_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FILINGS / "immunogen_2007-02-01_8-K_earnings.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.htm").write_bytes(bytes(range(256)) * 40)
    (folder / "ten-k.txt").write_text("<SEC-DOCUMENT>0000000001-24-000001.txt\n<SEC-HEADER>\n"
                                      "ACCESSION NUMBER:\t\t0000000001-24-000001\n"
                                      "CONFORMED SUBMISSION TYPE:\t10-K\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>10-K\n"
                                      "<SEQUENCE>1\n<TEXT>\nANNUAL REPORT PURSUANT TO SECTION 13\n</TEXT>\n"
                                      "</DOCUMENT>\n</SEC-DOCUMENT>\n")
    (folder / "picture.png").write_bytes(b"\x89PNG")
    db = tmp_path / "f.duckdb"
    summary = ingest([folder], db=db, workers=0, progress=False)
    assert (summary.parsed, summary.failed, summary.not_filings) == (1, 3, 1)
    failures = query.sql(db, "SELECT path, kind, reason FROM failures ORDER BY path")
    by_name = {Path(p).name: (k, r) for p, k, r in failures.itertuples(index=False)}
    assert by_name["empty.txt"][0] == "unreadable" and "empty" in by_name["empty.txt"][1]
    assert by_name["binary.htm"][0] == "unreadable" and "binary" in by_name["binary.htm"][1]
    assert by_name["ten-k.txt"] == ("failed", "this is a 10-K, not an 8-K current report; "
                                              "`form8k statements` reads the statements of any filing")
    # a known failure is not tried again, and is not recorded twice
    again = ingest([folder], db=db, workers=0, progress=False)
    assert (again.parsed, again.failed, again.unchanged) == (0, 0, 4)
    assert query.counts(db)["failures"] == 3


def test_the_same_accession_from_other_bytes_is_a_duplicate_not_a_second_filing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    original = (FILINGS / "apple_2011-01-18_8-K_earnings.txt").read_bytes()
    (folder / "a.txt").write_bytes(original)
    (folder / "b.txt").write_bytes(original + b"\n")
    (folder / "c.txt").write_bytes(original)  # the very same bytes under another name
    db = tmp_path / "d.duckdb"
    summary = ingest([folder], db=db, workers=0, progress=False)
    assert (summary.parsed, summary.duplicates, summary.unchanged) == (1, 1, 1)
    assert query.counts(db)["filings"] == 1
    kinds = query.sql(db, "SELECT kind FROM failures")["kind"].tolist()
    assert kinds == ["duplicate"]


def test_cli_ingest_prints_a_summary_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "cli.duckdb"
    result = runner.invoke(app, ["ingest", str(FILINGS), "--db", str(db), "--workers", "0", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "28 parsed" in result.output and "failed checks" in result.output and "filings/s" in result.output
    result = runner.invoke(app, ["ingest", str(FILINGS), "--db", str(db), "--workers", "0", "--no-progress",
                                 "--json"])
    summary = json.loads(result.stdout)
    assert (summary["parsed"], summary["unchanged"], summary["skipped"]) == (0, 28, 28)


def test_cli_queries_print_table_csv_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "q.duckdb"
    ingest([FILINGS], db=db, workers=0, progress=False)
    result = runner.invoke(app, ["sql", "SELECT company, year FROM filings WHERE cik = '0000320193' ORDER BY year",
                                 "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["year"] for r in rows] == [1996, 2011, 2015, 2019, 2024]
    result = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM filings", "--db", str(db), "-f", "csv"])
    assert result.stdout == "n\n28\n"
    result = runner.invoke(app, ["facts", "--company", "apple", "--db", str(db), "-f", "csv"])
    assert result.exit_code == 0 and result.stdout.startswith("cik,company,concept,period_end")
    result = runner.invoke(app, ["checks", "--failed", "--db", str(db)])
    assert result.exit_code == 0
    result = runner.invoke(app, ["sql", "SELECT nonsense", "--db", str(db)])
    assert result.exit_code == 1 and "nonsense" in result.output
    result = runner.invoke(app, ["facts", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no such database" in result.output


def test_every_store_command_has_an_example_in_its_help() -> None:
    runner = CliRunner()
    for command in ("ingest", "facts", "checks", "sql", "export"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example: form8k " + command in result.output, command


def test_all_tables_are_known_to_the_counts() -> None:
    assert set(ALL_TABLES) == set(RECORD_TABLES) | {"failures"}
