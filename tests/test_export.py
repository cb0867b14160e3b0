"""Export: every table as Parquet, CSV and JSON Lines; each filing as an xBRL-JSON (OIM) report."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from form8k.cli import app
from form8k.export import export_tables, export_xbrl_json
from form8k.export.xbrl_json import DOCUMENT_TYPE, period_of, to_xbrl_json, unit_of
from form8k.store import open_db, query
from form8k.store.records import filing_id_of, filing_rows
from form8k.store.schema import ALL_TABLES
from form8k.store.writer import Writer
from store_helpers import rich_filing


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "x.duckdb"
    con = open_db(path)
    writer = Writer(con)
    writer.write([filing_rows(rich_filing(), writer.stored_columns())])
    con.close()
    return path


@pytest.mark.parametrize("to", ["parquet", "csv", "jsonl"])
def test_every_table_is_exported_with_all_its_rows(db: Path, tmp_path: Path, to: str) -> None:
    out = tmp_path / to
    written = export_tables(db, out, to)  # type: ignore[arg-type]
    assert sorted(p.name for p in written) == sorted(f"{t}.{to}" for t in ALL_TABLES)
    counts = query.counts(db)
    reader = {"parquet": "read_parquet", "csv": "read_csv_auto", "jsonl": "read_json_auto"}[to]
    con = duckdb.connect()
    for table, n in counts.items():
        if n:
            assert con.execute(f"SELECT count(*) FROM {reader}('{out / (table + '.' + to)}')").fetchall()[0][0] == n


def test_parquet_export_keeps_types_exactly(db: Path, tmp_path: Path) -> None:
    export_tables(db, tmp_path, "parquet", tables=["facts"])
    con = duckdb.connect()
    rows = con.execute(f"SELECT concept, value, period_end, span_start FROM read_parquet('{tmp_path}/facts.parquet') "
                       "ORDER BY fact_index").fetchall()
    assert rows[0] == ("Revenues", Decimal("12072000"), dt.date(2006, 12, 31), rows[0][3])
    with pytest.raises(ValueError, match="no table"):
        export_tables(db, tmp_path, "parquet", tables=["nope"])


def test_jsonl_rows_are_json_objects(db: Path, tmp_path: Path) -> None:
    export_tables(db, tmp_path, "jsonl", tables=["guidance"])
    (line,) = (tmp_path / "guidance.jsonl").read_text().splitlines()
    row = json.loads(line)
    assert row["metric"] == "net loss" and row["direction"] == "lowered" and row["previous_low"] == 26000000


def test_oim_periods_and_units() -> None:
    assert period_of(dt.date(2006, 12, 31), 3) == "2006-10-01T00:00:00/2007-01-01T00:00:00"
    assert period_of(dt.date(2006, 12, 31), 12) == "2006-01-01T00:00:00/2007-01-01T00:00:00"
    assert period_of(dt.date(2007, 2, 28), 1) == "2007-02-01T00:00:00/2007-03-01T00:00:00"
    assert period_of(dt.date(2024, 2, 29), 0) == "2024-03-01T00:00:00"
    assert period_of(dt.date(2024, 9, 28), 3) == "2024-06-29T00:00:00/2024-09-29T00:00:00"
    assert period_of(dt.date(2024, 1, 1), None) is None
    assert unit_of("USD") == "iso4217:USD"
    assert unit_of("shares") == "xbrli:shares"
    assert unit_of("USD/share") == "iso4217:USD/xbrli:shares"
    assert unit_of("pure") == "xbrli:pure"
    assert unit_of("widgets") is None


def test_a_filing_becomes_an_xbrl_json_report() -> None:
    filing = rich_filing()
    report = to_xbrl_json(filing, filing_id_of(filing))
    info = report["documentInfo"]
    assert info["documentType"] == DOCUMENT_TYPE == "https://xbrl.org/2021/xbrl-json"
    assert info["namespaces"]["us-gaap"].startswith("http://fasb.org/us-gaap/")
    assert info["namespaces"]["cik"] == "http://www.sec.gov/CIK"
    assert info["namespaces"]["iso4217"] == "http://www.xbrl.org/2003/iso4217"
    facts = report["facts"]
    assert len(facts) == 3
    assert facts["f0"] == {
        "value": "12072000", "decimals": -3,
        "dimensions": {"concept": "us-gaap:Revenues", "entity": "cik:0000855654",
                       "period": "2006-10-01T00:00:00/2007-01-01T00:00:00", "unit": "iso4217:USD"},
        "form8k:label": "Total revenues", "form8k:span": list(filing.facts[0].span or ()),
        "form8k:cell": [0, 1, 0], "form8k:source": "table"}
    eps = facts["f2"]
    assert eps["value"] == "-0.07" and "decimals" not in eps
    assert eps["dimensions"]["unit"] == "iso4217:USD/xbrli:shares"
    # every prefix a fact uses is declared
    for fact in facts.values():
        for key in ("concept", "entity", "unit"):
            for part in fact["dimensions"][key].split("/"):
                assert part.split(":")[0] in info["namespaces"]
    json.dumps(report)


def test_a_fact_that_cannot_be_placed_is_counted_not_invented() -> None:
    filing = rich_filing()
    filing.facts[1].period_end = None
    filing.cover.cik = None
    report = to_xbrl_json(filing)
    assert report["documentInfo"]["form8k:omittedFacts"] == 1
    assert all(f["dimensions"]["entity"].startswith("form8k:") for f in report["facts"].values())


def test_xbrl_json_export_from_the_store_matches_the_record(db: Path, tmp_path: Path) -> None:
    filing = rich_filing()
    (path,) = export_xbrl_json(db, tmp_path)
    assert path.name == filing_id_of(filing).replace(":", "_") + ".json"
    assert json.loads(path.read_text()) == to_xbrl_json(filing, filing_id_of(filing))


def test_cli_export(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--to", "xbrl-json", str(tmp_path / "x"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "x").glob("*.json"))) == 1
    result = runner.invoke(app, ["export", "--to", "csv", str(tmp_path / "c"), "--db", str(db), "--table", "facts"])
    assert result.exit_code == 0 and [p.name for p in (tmp_path / "c").iterdir()] == ["facts.csv"]
    result = runner.invoke(app, ["export", "--to", "xbrl-json", str(tmp_path / "y"), "--db", str(db),
                                 "--filing", "nope"])
    assert result.exit_code == 2 and "no filing nope" in result.output
