"""The statements stage: a loaded submission in, its statement tables, facts and checks out.

    read_statements(sub: Submission) -> Statements(tables, facts, checks, problems)

`tables/` finds and reads every table (HTML grids and text layouts), `concepts`
maps row labels to US-GAAP concepts, `checks` states the arithmetic that
confirms them, and `fiscal` knows the fiscal calendar their periods fall in.
"""

from __future__ import annotations

from form8k.statements.tables import Statements, read_statements

__all__ = ["Statements", "read_statements"]
