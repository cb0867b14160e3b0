"""The press release read as a whole: parts, narrative mentions, guidance."""

from __future__ import annotations

from dataclasses import dataclass, field

from form8k.load import Submission
from form8k.models import Check, Filing, Guidance, Mention, PressRelease, Problem


@dataclass(slots=True)
class Release:
    press_release: PressRelease | None = None
    mentions: list[Mention] = field(default_factory=list)
    guidance: list[Guidance] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_release(sub: Submission, filing: Filing) -> Release:
    """Read the press release of an earnings filing (its parts, mentions tied to facts, guidance)."""
    return Release()
