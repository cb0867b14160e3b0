"""Exhibits of an 8-K."""

from __future__ import annotations

from form8k.load import Submission
from form8k.models import Exhibit, Item


def read_exhibits(sub: Submission, items: list[Item]) -> list[Exhibit]:
    return []
