"""The DuckDB store: schema and its versions, a record in and out whole, keys that join, queries."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from form8k.errors import StoreError
from form8k.models import Filing
from form8k.store import open_db, query
from form8k.store.records import (
    CHILD_BY_NAME,
    CHILD_TABLES,
    FILING_SUMMARY_COLUMNS,
    filing_columns,
    filing_id_of,
    filing_rows,
)
from form8k.store.schema import (
    ALL_TABLES,
    MIGRATIONS,
    SCHEMA_VERSION,
    current_columns,
    migrate,
    schema_version,
)
from form8k.store.writer import Writer
from store_helpers import rich_filing


def _store(con: duckdb.DuckDBPyConnection, *filings: Filing) -> None:
    writer = Writer(con)
    writer.write([filing_rows(f, writer.stored_columns()) for f in filings])


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    con = open_db(path)
    _store(con, rich_filing())
    con.close()
    return path


def test_schema_is_created_with_its_version_and_migrating_again_changes_nothing(tmp_path: Path) -> None:
    con = open_db(tmp_path / "a.duckdb")
    assert schema_version(con) == SCHEMA_VERSION == MIGRATIONS[-1].version
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                        "WHERE table_type = 'BASE TABLE'").fetchall()}
    assert set(ALL_TABLES) | {"schema_migrations"} == tables
    assert migrate(con) == SCHEMA_VERSION
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchall()[0][0] == len(MIGRATIONS)


def test_a_database_from_a_newer_form8k_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    con = open_db(path)
    con.execute("INSERT INTO schema_migrations VALUES (999, 'from the future', current_timestamp)")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        open_db(path)


def test_read_only_open_of_a_missing_or_foreign_database_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        open_db(tmp_path / "missing.duckdb", read_only=True)
    duckdb.connect(str(tmp_path / "other.duckdb")).close()
    with pytest.raises(StoreError, match="not a form8k database"):
        open_db(tmp_path / "other.duckdb", read_only=True)


def test_schema_has_a_column_for_every_field_of_the_record() -> None:
    """Each DDL column comes from the models; a model field with no column yet rides in `extra` (warned)."""
    columns = current_columns()
    specs = {"filings": ([c.name for c in filing_columns()], [n for n, _ in FILING_SUMMARY_COLUMNS])}
    for spec in CHILD_TABLES:
        specs[spec.name] = ([c.name for c in spec.columns], ["filing_id", *spec.keys])
    for table, (derived, keys) in specs.items():
        ddl = [name for name, _ in columns[table]]
        assert set(ddl) <= set(derived) | set(keys) | {"extra"}, table
        missing = set(derived) - set(ddl)
        if missing:
            warnings.warn(f"{table}: {sorted(missing)} are stored in `extra` until a migration adds them",
                          stacklevel=1)


def test_a_record_goes_in_and_comes_out_whole(db: Path) -> None:
    filing = rich_filing()
    stored = query.read_filing(db, filing_id_of(filing))
    assert stored == filing
    assert stored.model_dump_json() == filing.model_dump_json()


def test_a_field_without_a_column_is_kept_in_extra(tmp_path: Path) -> None:
    con = open_db(tmp_path / "old.duckdb")
    con.execute("ALTER TABLE facts DROP COLUMN decimals")  # a schema from before `decimals` existed
    con.execute("ALTER TABLE filings DROP COLUMN cover_phone")
    filing = rich_filing()
    _store(con, filing)
    extra = con.execute("SELECT extra FROM facts WHERE fact_index = 0").fetchall()[0][0]
    assert '"decimals":-3' in extra
    assert query.read_filing(con, filing_id_of(filing)) == filing


def test_rows_follow_the_columns_the_database_has_in_its_order() -> None:
    filing = rich_filing()
    names = [c.name for c in CHILD_BY_NAME["facts"].columns]
    stored = {**current_stored(), "facts": ["extra", "later_column", *reversed(names[:5]), "fact_index", "filing_id"]}
    facts = filing_rows(filing, stored)["facts"]
    assert list(facts) == stored["facts"]
    n = len(filing.facts)
    assert facts["filing_id"] == [filing_id_of(filing)] * n and facts["fact_index"] == list(range(n))
    assert facts["later_column"] == [None] * n
    assert facts[names[0]] == [getattr(f, names[0]) for f in filing.facts]
    left_out = [c for c in CHILD_BY_NAME["facts"].columns[5:] if c.kind == "value" and len(c.path) == 1]
    for fact, extra in zip(filing.facts, facts["extra"], strict=True):  # the columns left out ride in `extra`
        kept = json.loads(extra) if extra else {}
        assert {c.path[0] for c in left_out if getattr(fact, c.path[0]) is not None} <= set(kept)
    assert any(facts["extra"])


def current_stored() -> dict[str, list[str]]:
    return {t: [name for name, _ in cols] for t, cols in current_columns().items()}


def test_decimals_beyond_the_column_scale_are_rounded_not_refused(tmp_path: Path) -> None:
    con = open_db(tmp_path / "r.duckdb")
    filing = rich_filing()
    filing.checks[1].actual = Decimal("-0.071234567891234")
    _store(con, filing)
    stored = query.read_filing(con, filing_id_of(filing))
    assert stored.checks[1].actual == Decimal("-0.0712345679")


def test_keys_join_a_fact_to_its_filing_table_cell_and_source_span(db: Path) -> None:
    con = open_db(db, read_only=True)
    rows = con.execute("""
        SELECT f.company, x.concept, x.value, r.label, r.raw[x.column_index + 1], c.period_months,
               substring(t.text, x.span_start + 1, x.span_end - x.span_start)
        FROM facts x
        JOIN filings f USING (filing_id)
        JOIN statement_tables s ON s.filing_id = x.filing_id AND s.table_index = x.table_index
        JOIN table_rows r ON r.filing_id = x.filing_id AND r.table_index = x.table_index AND r.row_index = x.row_index
        JOIN table_columns c ON c.filing_id = x.filing_id AND c.table_index = x.table_index
                            AND c.column_index = x.column_index
        JOIN texts t ON t.filing_id = x.filing_id
        ORDER BY x.fact_index""").fetchall()
    assert rows == [("ImmunoGen, Inc.", "Revenues", Decimal("12072000.0000000000"), "Total revenues", "12,072", 3,
                     "12,072"),
                    ("ImmunoGen, Inc.", "Revenues", Decimal("19842000.0000000000"), "Total revenues", "19,842", 6,
                     "19,842")]


def test_every_part_of_the_record_has_its_rows(db: Path) -> None:
    counts = query.counts(db)
    filing = rich_filing()
    assert counts == {"filings": 1, "texts": 1, "documents": len(filing.documents), "items": 2, "exhibits": 1,
                      "signatures": 1, "statement_tables": 1, "table_columns": 4, "table_rows": 2, "facts": 3,
                      "checks": 2, "press_releases": 1, "mentions": 1, "guidance": 1,
                      "problems": len(filing.problems), "failures": 0}
    con = open_db(db, read_only=True)
    row = con.execute("SELECT cik, company, form_type, date_of_report, year, n_facts, n_checks_failed "
                      "FROM filings").fetchall()[0]
    assert row[:5] == ("0000855654", "ImmunoGen, Inc.", "8-K", __import__("datetime").date(2007, 2, 1), 2007)
    assert row[5:] == (3, 1)
    guidance = con.execute("SELECT previous_low, previous_high, direction FROM guidance").fetchall()
    assert guidance == [(Decimal("26000000.0000000000"), Decimal("29000000.0000000000"), "lowered")]
    mention = con.execute("SELECT fact_concept, fact_period_months, status FROM mentions").fetchall()
    assert mention == [("Revenues", 3, "agrees")]


def test_query_api_returns_pandas_and_polars(db: Path) -> None:
    import pandas as pd
    import polars as pl

    series = query.facts(db, cik="855654", concept="us-gaap:Revenues")
    assert isinstance(series, pd.DataFrame)
    assert list(series["period_months"]) == [3, 6]
    assert list(query.facts(db, company="immunogen", concept="Revenues", months=3, frame="polars")["value"]) == [12072000]
    assert isinstance(query.facts(db, frame="polars"), pl.DataFrame)
    assert query.facts(db, start="2007-01-01").empty
    assert len(query.facts(db, end="2006-12-31", concept="Revenues", latest=True)) == 2
    failed = query.checks(db, failed=True)
    assert list(failed["rule"]) == ["eps"]
    assert len(query.checks(db)) == 2
    assert query.sql(db, "SELECT count(*) AS n FROM fact_series")["n"][0] == 3
    assert query.sql(db, "SELECT ? AS x", params=[5], frame="polars")["x"][0] == 5


def test_latest_keeps_the_most_recent_release_of_a_period(tmp_path: Path) -> None:
    con = open_db(tmp_path / "l.duckdb")
    first = rich_filing()
    restated = rich_filing()
    restated.source.sha256 = "f" * 64
    restated.cover.date_of_report = __import__("datetime").date(2007, 5, 1)
    restated.facts[0].value = Decimal(12100000)
    _store(con, first, restated)
    series = query.facts(con, concept="Revenues", months=3)
    assert len(series) == 2
    latest = query.facts(con, concept="Revenues", months=3, latest=True, frame="polars")
    assert latest["value"].to_list() == [12100000]


def test_a_version_1_database_is_upgraded_in_place_and_keeps_its_filings(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    first = MIGRATIONS[0]
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, "
                "applied_at TIMESTAMP)")
    con.execute(first.sql)
    con.execute("INSERT INTO schema_migrations VALUES (1, ?, current_timestamp)", [first.description])
    filing = rich_filing()
    _store(con, filing)  # fields that came after version 1 ride in `extra`
    con.close()
    con = open_db(path)
    assert schema_version(con) == SCHEMA_VERSION
    assert query.read_filing(con, filing_id_of(filing)) == filing


def test_a_version_2_database_gets_the_fields_it_kept_in_extra_as_columns(tmp_path: Path) -> None:
    path = tmp_path / "v2.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, "
                "applied_at TIMESTAMP)")
    for migration in MIGRATIONS[:2]:
        con.execute(migration.sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, current_timestamp)",
                    [migration.version, migration.description])
    filing = rich_filing()
    filing.amends = "0001193125-07-000001"
    filing.facts[0].evidence, filing.facts[0].mapped_by = ["sum", "balance_sheet"], "rule"
    _store(con, filing)  # evidence, mapped_by, the coverage and the dates ride in `extra`
    con.close()
    con = open_db(path)
    assert schema_version(con) == SCHEMA_VERSION
    fid = filing_id_of(filing)
    evidence = con.execute("SELECT evidence, mapped_by FROM facts WHERE filing_id = ? ORDER BY fact_index",
                           [fid]).fetchall()
    assert evidence == [(f.evidence, f.mapped_by) for f in filing.facts]
    assert any(e for e, _ in evidence)
    row = con.execute("SELECT results_of_operations, results_item, item_numbering, amends, "
                      "coverage_period_end, coverage_period_months FROM filings WHERE filing_id = ?",
                      [fid]).fetchall()
    assert filing.coverage is not None
    assert row == [(filing.results_of_operations, filing.results_item, filing.item_numbering,
                    filing.amends, filing.coverage.period_end, filing.coverage.period_months)]
    assert query.read_filing(con, fid) == filing


def test_a_writing_connection_writes_row_groups_of_its_size_and_the_file_opens_as_any(tmp_path: Path) -> None:
    path = tmp_path / "groups.duckdb"
    con = open_db(path, row_group_size=2048)
    con.execute("CREATE TABLE numbers AS SELECT range AS n FROM range(5000)")
    groups = con.execute("SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('numbers')").fetchall()
    Writer(con).write([filing_rows(rich_filing(), Writer(con).stored_columns())])
    con.close()
    assert groups == [(3,)]  # 2048 + 2048 + 904 rows
    assert not (tmp_path / ".tmp").exists() and not Path(".tmp").exists()  # no spill folder but the file's own
    con = open_db(path, read_only=True)
    assert con.execute("SELECT count(*) FROM numbers").fetchall() == [(5000,)]
    assert con.execute("SELECT count(*) FROM filings").fetchall() == [(1,)]
    con.close()
