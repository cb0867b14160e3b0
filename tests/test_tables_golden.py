"""Golden parsed tables for every real filing shipped in tests/data/filings.

One test id per filing; a missing golden file fails. Each golden pins, per
table, its kind, title, scale, columns and one line per row (kind, depth,
label, concept, values in base units), then the checks and the facts. After
a deliberate change regenerate with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from form8k.models import Filing
from form8k.statements.checks import STATEMENT_RULES

from conftest import FILINGS, GOLDEN, check_golden, orphan_goldens, parsed

TABLES_GOLDEN = GOLDEN / "tables"
FILES = sorted(p for p in FILINGS.iterdir() if p.is_file())


def _number(v: Decimal | None) -> str:
    if v is None:
        return "·"
    return str(v.normalize()) if v != v.to_integral_value() else str(int(v))


def tables_view(filing: Filing) -> dict[str, Any]:
    tables = []
    for t in filing.tables:
        tables.append({
            "index": t.index,
            "statement": t.statement,
            "title": t.title,
            "scale": [t.scale, t.share_scale],
            "columns": [f"{c.period_end or '?'} {c.period_months if c.period_months is not None else '?'}m"
                        + (f" {c.basis}" if c.basis else "") + f" | {c.label}" for c in t.columns],
            "rows": [f"{r.kind:8} {'  ' * r.depth}{r.label or '(no label)'}"
                     + (f" [{r.concept}]" if r.concept else "") + " | "
                     + (" ".join(_number(v) for v in r.values) if r.kind != "rejected"
                        else "printed: " + " ".join(x or "·" for x in r.raw))
                     for r in t.rows],
        })
    return {
        "tables": tables,
        "checks": [f"{c.status:7} {c.rule:18} t{c.table} {c.detail}" for c in filing.checks
                   if c.rule in STATEMENT_RULES],
        "facts": [f"{f.concept} {f.period_end} {f.period_months}m = {_number(f.value)} {f.unit}"
                  + (" confirmed" if f.confirmed else "") + (f" derived from {f.derived_from}" if f.derived_from else "")
                  for f in filing.facts],
        "problems": [p.message for p in filing.problems if p.component == "statements"],
    }


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_tables_match_golden(path: Path) -> None:
    view = tables_view(parsed(path))
    check_golden(TABLES_GOLDEN / (path.stem + ".json"), view)


def test_every_tables_golden_has_a_filing() -> None:
    orphans = orphan_goldens(TABLES_GOLDEN, FILES)
    assert not orphans, f"golden files without a filing: {orphans}"
