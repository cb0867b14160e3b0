"""The headline card in every place it shows: `form8k parse` (terminal and --md), `form8k facts --headline`,
`query.headline` and the viewer's filing page (test_web.py and the browser test)."""

from __future__ import annotations

import csv
import io
import json
import math
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from form8k.cli import app
from form8k.export.render import markdown
from form8k.pipeline import parse_paths
from form8k.statements import headline
from form8k.store import query

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ADOBE = EXAMPLES / "adobe_2023-03-15_8-K_earnings.txt"
IMMUNOGEN = EXAMPLES / "immunogen_2007-02-01_8-K_earnings.txt"
runner = CliRunner()


@pytest.fixture
def db(examples_db: Path) -> Path:
    return examples_db


def _line(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.strip(" |").startswith(label))


def test_the_card_of_a_quarter_against_the_year_before() -> None:
    rows = {r.metric: r for r in headline(parse_paths([ADOBE]))}
    assert list(rows) == ["revenue", "net_income", "eps_basic", "eps_diluted", "cash_from_operations"]
    revenue = rows["revenue"]
    assert (revenue.value, revenue.status, revenue.prior, revenue.prior_status) == (
        Decimal("4655000000"), "confirmed", Decimal("4262000000"), "confirmed")
    assert str(revenue.period_end) == "2023-03-03" and str(revenue.prior_end) == "2022-03-04"
    assert revenue.change is not None and round(revenue.change, 1) == Decimal("9.2")
    assert (rows["eps_diluted"].value, rows["eps_diluted"].unit) == (Decimal("2.71"), "USD/share")


def test_parse_prints_the_card_at_the_top() -> None:
    result = runner.invoke(app, ["parse", str(ADOBE)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].startswith("Headline: 3 months to 2023-03-03 against 2022-03-04")
    assert lines.index(next(x for x in lines if x.startswith("Headline"))) < \
        lines.index(next(x for x in lines if "Item 2.02" in x))
    revenue = _line(result.stdout, "Revenue").split()
    assert revenue == ["Revenue", "$4,655,000,000", "✓", "confirmed", "$4,262,000,000", "✓", "confirmed", "+9.2%"]
    assert _line(result.stdout, "Net income").split()[-1] == "−1.5%"
    assert _line(result.stdout, "EPS diluted").split()[2] == "$2.71"


def test_a_missing_figure_says_missing_not_zero() -> None:
    result = runner.invoke(app, ["parse", str(IMMUNOGEN)])
    assert result.exit_code == 0, result.output
    cash = _line(result.stdout, "Cash from operations")
    assert cash.split() == ["Cash", "from", "operations", "—", "✗", "missing", "—", "✗", "missing", "—"]
    assert "0" not in cash
    assert _line(result.stdout, "Net income").split()[2] == "$(3,044,000)"


def test_markdown_puts_the_card_first() -> None:
    md = markdown(parse_paths([IMMUNOGEN]))
    assert md.index("## Headline: 3 months to 2006-12-31 against 2005-12-31") < md.index("## Cover")
    assert "| Revenue | $12,072,000 | ✓ confirmed | $6,587,000 | ✓ confirmed | +83.3% |" in md
    assert "| Cash from operations | — | ✗ missing | — | ✗ missing | — |" in md
    result = runner.invoke(app, ["parse", "--md", str(ADOBE)])
    assert result.exit_code == 0
    assert "| EPS diluted | $2.71 | ✓ confirmed | $2.66 | ✓ confirmed | +1.9% |" in result.stdout


def test_a_filing_without_statements_or_earnings_has_no_card() -> None:
    from conftest import filing_path

    md = markdown(parse_paths([filing_path("apple_2019-03-01_8-K_vote.txt")]))
    assert "## Headline" not in md


def test_query_headline_is_a_dataframe_of_the_stored_facts(db: Path) -> None:
    frame = query.headline(db)
    assert list(frame["company"]) == ["ADOBE INC.", "APPLE INC.", "ImmunoGen, Inc.", "Oracle Corporation",
                                      "SEARS, ROEBUCK AND CO.", "The Buckle, Inc."]
    adobe = frame[frame["company"] == "ADOBE INC."].iloc[0]
    assert (adobe["revenue"], adobe["revenue_status"], adobe["revenue_prior"]) == (4655000000, "confirmed",
                                                                                    4262000000)
    assert adobe["eps_diluted"] == 2.71 and adobe["revenue_change_pct"] == 9.22
    assert str(adobe["period_end"].date()) == "2023-03-03" and adobe["period_months"] == 3
    immunogen = query.headline(db, company="immuno").iloc[0]
    assert immunogen["cash_from_operations_status"] == "missing"
    assert math.isnan(immunogen["cash_from_operations"]) and math.isnan(immunogen["cash_from_operations_change_pct"])
    # the card from the store is the card `parse` prints
    parsed = {r.metric: r for r in headline(parse_paths([IMMUNOGEN]))}
    for metric, row in parsed.items():
        assert immunogen[f"{metric}_status"] == row.status
        if row.value is not None:
            assert Decimal(str(immunogen[metric])) == row.value


def test_query_headline_filters_like_the_other_queries(db: Path) -> None:
    assert list(query.headline(db, start="2010-01-01", end="2020-01-01")["company"]) == [
        "APPLE INC.", "Oracle Corporation"]
    assert len(query.headline(db, limit=2)) == 2
    assert query.headline(db, company="no such company").empty
    polars = query.headline(db, company="apple", frame="polars")
    assert polars.shape[0] == 1 and polars["revenue_status"][0] == "confirmed"


def test_facts_headline_lists_one_card_per_filing(db: Path) -> None:
    result = runner.invoke(app, ["facts", "--headline", "--db", str(db)])
    assert result.exit_code == 0, result.output
    adobe = _line(result.stdout, "ADOBE INC.")
    assert "4,655,000,000 ✓" in adobe and "+9.2%" in adobe and "2.71 ✓" in adobe
    immunogen = _line(result.stdout, "ImmunoGen")
    assert immunogen.split()[-2:] == ["missing", "—"]
    # Oracle's quarter release prints only the year of its cash flows: the card says so
    assert "14,921,000,000 (12m) ✓" in _line(result.stdout, "Oracle")
    oracle = query.headline(db, company="oracle").iloc[0]
    assert oracle["period_months"] == 3 and oracle["cash_from_operations_months"] == 12
    assert oracle["revenue_months"] == 3
    out = runner.invoke(app, ["facts", "--headline", "--db", str(db), "--format", "csv", "--company", "immuno"])
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 1
    assert (rows[0]["revenue"], rows[0]["revenue_prior"], rows[0]["revenue_status"]) == (
        "12072000", "6587000", "confirmed")
    assert (rows[0]["cash_from_operations"], rows[0]["cash_from_operations_status"]) == ("", "missing")
    out = runner.invoke(app, ["facts", "--headline", "--db", str(db), "--format", "json", "--limit", "3"])
    cards = json.loads(out.stdout)
    assert len(cards) == 3 and cards[0]["eps_diluted"] == 2.71 and cards[0]["eps_diluted_prior"] == 2.66


def test_facts_headline_refuses_a_concept(db: Path) -> None:
    result = runner.invoke(app, ["facts", "--headline", "--concept", "revenue", "--db", str(db)])
    assert result.exit_code == 2
    assert "--headline" in result.stderr


def test_make_demo_prints_the_headline_card_of_each_example() -> None:
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "form8k facts --headline --db $(DEMO_DB)" in recipe
    assert recipe.index("ingest examples") < recipe.index("facts --headline")
