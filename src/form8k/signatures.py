"""Signatures of an 8-K."""

from __future__ import annotations

from form8k.load import Submission
from form8k.models import Signature


def read_signatures(sub: Submission) -> list[Signature]:
    return []
