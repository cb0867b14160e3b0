"""The cover page of an 8-K."""

from __future__ import annotations

from form8k.load import Submission
from form8k.models import Cover


def read_cover(sub: Submission) -> Cover:
    return Cover()
