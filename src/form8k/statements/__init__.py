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

import sys
from types import ModuleType
from typing import Any

from form8k.statements.coverage import HEADLINE_LABELS, HeadlineRow, earnings_problems, headline, headline_of
from form8k.statements.coverage import coverage as read_coverage
from form8k.statements.tables import Statements, read_statements

__all__ = ["HEADLINE_LABELS", "HeadlineRow", "Statements", "earnings_problems", "headline", "headline_of",
           "read_coverage", "read_statements"]


class _StatementsPackage(ModuleType):
    """`form8k.statements(source)` reads a document's statements, as the package also holds the stage."""

    def __call__(self, source: Any, *, max_bytes: int | None = None) -> Any:
        # the front door lives in the top-level package, which is always loaded before its parts
        return sys.modules["form8k"]._statements(source, max_bytes=max_bytes)


sys.modules[__name__].__class__ = _StatementsPackage
