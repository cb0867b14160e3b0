"""Financial statement tables: find, read headers and rows, classify, map, check.

    find       choose a reader per document                     (find.py)
    raw        the shape both readers give: RawTable            (raw.py)
    grid       HTML grids -> raw tables                         (grid.py)
    layout     plain-text layouts -> raw tables                 (layout.py)
    header     column periods, units and scale                  (header.py)
    rows       typed rows: sections, totals, rejected noise     (rows.py)
    classify   income, balance, cash flow, segment, non-GAAP…   (classify.py)
    concepts   row labels -> US-GAAP concepts                   (form8k.statements.concepts)
    checks     sums and accounting identities                   (form8k.statements.checks)
    facts      one value per concept and period                 (facts.py)
    read       all of the above, table by table                 (read.py)
"""

from __future__ import annotations

from form8k.statements.tables.read import Statements, read_statements

__all__ = ["Statements", "read_statements"]
