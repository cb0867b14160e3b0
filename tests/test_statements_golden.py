"""The statements of real 10-K and 10-Q documents, read by `form8k statements`, against the filers' tags.

Each shipped document (tests/data/statements/X.html, the statements section of a real inline-XBRL filing
with its tags removed) has a golden file pinning every fact of its three primary statements, and its
`X.tags.csv` holds the facts the filer itself tagged. One test id per document; a missing golden fails.
Regenerate the goldens with UPDATE_GOLDEN=1 after a deliberate change and review the diff.
"""

from __future__ import annotations

import csv
import functools
from decimal import Decimal
from pathlib import Path

import pytest

from form8k.models import Filing
from form8k.pipeline import statements_paths

from conftest import GOLDEN, check_golden, orphan_goldens

DOCS_DIR = Path(__file__).resolve().parent / "data" / "statements"
DOCS = sorted(DOCS_DIR.glob("*.html"))
# The same statements printed to PDF and read back by pdftotext -layout: the plain-text layout reader.
TEXT_DOCS = sorted(DOCS_DIR.glob("*.pdf.txt"))
STATEMENTS_GOLDEN = GOLDEN / "statements"
TEXT_GOLDEN = GOLDEN / "statements_text"
PRIMARY = ("income", "balance", "cash_flow")
HEADLINE = {"Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax", "OperatingIncomeLoss", "NetIncomeLoss",
            "EarningsPerShareBasic", "EarningsPerShareDiluted", "Assets", "Liabilities", "StockholdersEquity",
            "NetCashProvidedByUsedInOperatingActivities", "NetCashProvidedByUsedInInvestingActivities",
            "NetCashProvidedByUsedInFinancingActivities"}


@functools.cache
def _read(path: Path) -> Filing:
    return statements_paths([path])


def _stem(path: Path) -> str:
    """The document's name without its suffixes: `X` for `X.html` and `X.pdf.txt`."""
    return path.name.split(".")[0]


def _tags(path: Path) -> dict[tuple[str, str, int], Decimal]:
    with (DOCS_DIR / (_stem(path) + ".tags.csv")).open(encoding="utf-8") as fh:
        return {(r["concept"], r["period_end"], int(r["period_months"])): Decimal(r["value"]) for r in csv.DictReader(fh)}


def _facts(filing: Filing) -> dict[tuple[str, str, int], list[Decimal]]:
    found: dict[tuple[str, str, int], list[Decimal]] = {}
    for f in filing.facts:
        if f.period_end is not None and f.value is not None:
            key = (f.concept.rpartition(":")[2], f.period_end.isoformat(), f.period_months or 0)
            found.setdefault(key, []).append(f.value)
    return found


def _view(filing: Filing) -> dict[str, list[str]]:
    tables = {t.index: t.statement for t in filing.tables}
    return {
        "facts": [f"{tables.get(f.table)} {f.concept} {f.period_end} {f.period_months}m = {f.value} {f.unit}"
                  f" [{f.mapped_by}]" + (" confirmed" if f.confirmed else "")
                  for f in filing.facts if tables.get(f.table) in PRIMARY],
        "problems": [p.message for p in filing.problems],
    }


@pytest.mark.parametrize("path", DOCS, ids=[p.stem for p in DOCS])
def test_statements_match_golden(path: Path) -> None:
    check_golden(STATEMENTS_GOLDEN / (path.stem + ".json"), _view(_read(path)))


@pytest.mark.parametrize("path", DOCS, ids=[p.stem for p in DOCS])
def test_every_headline_fact_the_filer_tagged_is_read_with_its_value(path: Path) -> None:
    tags, found = _tags(path), _facts(_read(path))
    headline = {k: v for k, v in tags.items() if k[0] in HEADLINE}
    missing = sorted(f"{k} = {v}" for k, v in headline.items() if v not in found.get(k, []))
    # the share of headline facts read right, per document; the corpus-wide figures are in the notes
    assert len(missing) <= len(headline) * 0.4, missing


def _read_right(docs: list[Path]) -> tuple[int, int]:
    """(facts read with the tagged value, facts tagged) over documents."""
    tagged = right = 0
    for path in docs:
        tags, found = _tags(path), _facts(_read(path))
        tagged += len(tags)
        right += sum(1 for k, v in tags.items() if v in found.get(k, []))
    return right, tagged


def test_most_facts_the_filers_tagged_are_read_with_their_value() -> None:
    right, tagged = _read_right(DOCS)
    assert tagged > 4000
    assert right / tagged >= 0.78, f"{right}/{tagged}"  # a ratchet: raise it as the reader improves


def test_every_statements_golden_has_a_document() -> None:
    assert not orphan_goldens(STATEMENTS_GOLDEN, DOCS)


@pytest.mark.parametrize("path", TEXT_DOCS, ids=[_stem(p) for p in TEXT_DOCS])
def test_statements_as_pdf_text_match_golden(path: Path) -> None:
    check_golden(TEXT_GOLDEN / (_stem(path) + ".json"), _view(_read(path)))


def test_most_facts_the_filers_tagged_are_read_from_pdf_text() -> None:
    right, tagged = _read_right(TEXT_DOCS)
    assert tagged > 4000
    assert right / tagged >= 0.78, f"{right}/{tagged}"  # 0.789 now (exact concept, no equivalents): a ratchet


def test_pdf_text_never_confirms_a_value_the_filer_tagged_otherwise() -> None:
    wrong = []
    for path in TEXT_DOCS:
        tags = _tags(path)
        for f in _read(path).facts:
            key = (f.concept.rpartition(":")[2], f.period_end.isoformat() if f.period_end else "", f.period_months or 0)
            if f.confirmed and key in tags and abs(tags[key] - (f.value or 0)) > abs(tags[key]) * Decimal("0.0051") + 1:
                wrong.append(f"{_stem(path)} {key} {f.value} != {tags[key]}")
    assert not wrong


def test_every_text_golden_has_a_document() -> None:
    assert not orphan_goldens(TEXT_GOLDEN, [p.with_suffix("") for p in TEXT_DOCS])  # X.pdf.txt -> stem X
