"""The statements stage: a loaded submission in, its statement tables, facts and checks out.

    read_statements(sub: Submission) -> Statements(tables, facts, checks, problems)
    read_coverage(filing) -> Coverage; earnings_problems(filing) -> [Problem]
    headline(filing) -> [HeadlineRow]; headline_of(facts, income_tables) -> [HeadlineRow]

`tables/` finds and reads every table (HTML grids and text layouts), `concepts`
maps row labels to US-GAAP concepts, `checks` states the arithmetic that
confirms them, `identities` the checks on fact values that give each fact its
verdict, `coverage` what a record holds and lacks and its headline card, and `fiscal` knows the fiscal calendar their periods fall in.
"""

from __future__ import annotations

from form8k.statements.coverage import HEADLINE_LABELS, HeadlineRow, earnings_problems, headline, headline_of
from form8k.statements.coverage import coverage as read_coverage
from form8k.statements.tables import Statements, read_statements

__all__ = ["HEADLINE_LABELS", "HeadlineRow", "Statements", "earnings_problems", "headline", "headline_of",
           "read_coverage", "read_statements"]
