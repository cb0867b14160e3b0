"""Financial statement tables: find, read headers and rows, classify, map, check."""

from __future__ import annotations

from dataclasses import dataclass, field

from form8k.load import Submission
from form8k.models import Check, Fact, Problem, Table


@dataclass(slots=True)
class Statements:
    tables: list[Table] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_statements(sub: Submission) -> Statements:
    """Every table of the filing as typed rows, the facts of its primary statements, and their checks."""
    return Statements()
