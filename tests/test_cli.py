"""The command line as an analyst meets it: --version, typed concept and rule names, --limit, --format."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from form8k.cli import app
from form8k.commands.names import UnknownName, resolve_concepts, resolve_rule

runner = CliRunner()


@pytest.fixture
def db(examples_db: Path) -> Path:
    return examples_db


def test_version_prints_the_version() -> None:
    from form8k import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_help_documents_exit_codes_and_the_database_setting() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Exit codes" in result.stdout and "FORM8K_DB" in result.stdout


@pytest.mark.parametrize(("typed", "expected"), [
    ("revenues", "Revenues"), ("REVENUES", "Revenues"), ("revenue", "Revenues"), ("net income", "NetIncomeLoss"),
    ("eps diluted", "EarningsPerShareDiluted"), ("diluted EPS", "EarningsPerShareDiluted"),
    ("us-gaap:NetIncomeLoss", "NetIncomeLoss"), ("net sales", "Revenues"),
])
def test_typed_concept_names_map_to_concepts(typed: str, expected: str) -> None:
    assert resolve_concepts(typed)[0] == expected


def test_an_unknown_concept_names_close_ones() -> None:
    with pytest.raises(UnknownName) as err:
        resolve_concepts("revnue")
    assert "Revenues" in err.value.suggestions


def test_rules_match_in_any_case_and_unknown_ones_name_close_ones() -> None:
    assert resolve_rule("Gross Profit") == "gross_profit"
    assert resolve_rule("EPS") == "eps"
    with pytest.raises(UnknownName) as err:
        resolve_rule("grossprofit")
    assert err.value.suggestions == ["gross_profit"]


def test_facts_for_revenues_of_apple(db: Path) -> None:
    result = runner.invoke(app, ["facts", "--concept", "revenues", "--company", "apple", "--db", str(db),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and {r["concept"] for r in rows} == {"Revenues"}
    assert {r["company"] for r in rows} == {"APPLE INC."}
    assert 26_741_000_000 in {r["value"] for r in rows}


def test_an_unknown_concept_exits_2_naming_close_matches(db: Path) -> None:
    result = runner.invoke(app, ["facts", "--concept", "NoSuchConcept", "--db", str(db)])
    assert result.exit_code == 2
    assert "unknown concept 'NoSuchConcept'; did you mean" in result.stderr


def test_an_unknown_rule_exits_2(db: Path) -> None:
    result = runner.invoke(app, ["checks", "--rule", "grossprofit", "--db", str(db)])
    assert result.exit_code == 2
    assert "gross_profit" in result.stderr


def test_rule_filter_is_case_insensitive(db: Path) -> None:
    result = runner.invoke(app, ["checks", "--rule", "Gross_Profit", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {r["rule"] for r in rows} == {"gross_profit"}


@pytest.mark.parametrize("command", [["facts"], ["checks"], ["sql", "SELECT * FROM fact_series"]])
def test_limit_on_every_listing(db: Path, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--db", str(db), "--limit", "3", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 3


def test_formats_csv_json_jsonl_parquet(db: Path) -> None:
    args = ["facts", "--concept", "net income", "--db", str(db), "--limit", "4"]
    csv_out = runner.invoke(app, [*args, "--format", "csv"]).stdout.splitlines()
    assert csv_out[0].startswith("cik,company,concept") and len(csv_out) == 5
    assert len(json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)) == 4
    assert len(runner.invoke(app, [*args, "--format", "jsonl"]).stdout.splitlines()) == 4
    result = runner.invoke(app, [*args, "--format", "parquet"])
    assert result.exit_code == 0
    table = pq.read_table(io.BytesIO(result.stdout_bytes))
    assert table.num_rows == 4 and set(table.column("concept").to_pylist()) <= {"NetIncomeLoss", "ProfitLoss"}


def test_table_fits_the_width_and_groups_thousands(db: Path) -> None:
    result = runner.invoke(app, ["facts", "--concept", "revenues", "--company", "apple", "--db", str(db)],
                           env={"COLUMNS": "100"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert "26,741,000,000" in result.stdout
    row = next(line for line in lines if "26,741,000,000" in line)
    # the value is right-aligned in its column: it ends where the column ends
    assert row[row.index("26,741,000,000") + len("26,741,000,000")] == " "
