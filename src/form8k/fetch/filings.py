"""What to fetch: one `FilingRef` per filing, and the `Selection` that filters them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

DEFAULT_FORMS = ("8-K", "8-K/A")

_ACCESSION = re.compile(r"^(\d{10})-?(\d{2})-?(\d{6})$")


def normalize_accession(text: str) -> str:
    """An accession number with its dashes, whichever way it was written.

    >>> normalize_accession("000032019323000077")
    '0000320193-23-000077'
    """
    m = _ACCESSION.match(text.strip())
    if m is None:
        raise ValueError(f"not an accession number: {text!r}")
    return "-".join(m.groups())


def parse_cik(text: str | int) -> int:
    """A CIK as an int, from `320193`, `'0000320193'` or `'CIK0000320193'`.

    >>> parse_cik("CIK0000320193")
    320193
    """
    if isinstance(text, int):
        return text
    digits = text.strip().upper().removeprefix("CIK")
    if not digits.isdigit():
        raise ValueError(f"not a CIK: {text!r}")
    return int(digits)


def split_items(text: str | None) -> tuple[str, ...]:
    """The item numbers of an 8-K as EDGAR lists them (`"2.02,9.01"`).

    >>> split_items("2.02,9.01")
    ('2.02', '9.01')
    """
    return tuple(part.strip() for part in (text or "").split(",") if part.strip())


@dataclass(frozen=True)
class FilingRef:
    """One filing on EDGAR, as a company listing or a full index names it.

    `items` is None when the source does not say (a full index); an empty
    tuple when EDGAR lists none (8-Ks before the 2004 item numbering, most
    other forms).
    """

    cik: int
    accession: str
    form: str
    filing_date: date
    company: str = ""
    report_date: date | None = None
    items: tuple[str, ...] | None = None
    primary_document: str = ""

    @property
    def archive_path(self) -> str:
        """The full submission's path under the EDGAR base URL."""
        return f"Archives/edgar/data/{self.cik}/{self.accession}.txt"


@dataclass(frozen=True)
class Selection:
    """Which filings to fetch: forms, items (any of), and filing dates (inclusive)."""

    forms: tuple[str, ...] = DEFAULT_FORMS
    items: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    _forms_upper: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_forms_upper", frozenset(f.strip().upper() for f in self.forms))

    def wants_form(self, form: str) -> bool:
        return not self._forms_upper or form.strip().upper() in self._forms_upper

    def wants_date(self, filed: date) -> bool:
        return (self.since is None or filed >= self.since) and (self.until is None or filed <= self.until)

    def wants_items(self, items: Sequence[str] | None) -> bool:
        """True if no items were asked for, or the filing lists one of them."""
        if not self.items:
            return True
        return bool(items) and any(item in self.items for item in items or ())

    def matches(self, ref: FilingRef) -> bool:
        return self.wants_form(ref.form) and self.wants_date(ref.filing_date) and self.wants_items(ref.items)

    def overlaps(self, first: date | None, last: date | None) -> bool:
        """Could filings dated `first`..`last` fall inside the date range?"""
        if first is not None and self.until is not None and first > self.until:
            return False
        return not (last is not None and self.since is not None and last < self.since)

    def filter(self, refs: Iterable[FilingRef]) -> list[FilingRef]:
        """The matching refs, each accession once, in the order given."""
        seen: set[str] = set()
        chosen: list[FilingRef] = []
        for ref in refs:
            if ref.accession not in seen and self.matches(ref):
                seen.add(ref.accession)
                chosen.append(ref)
        return chosen


def parse_date(text: str | None) -> date | None:
    """`YYYY-MM-DD` or `YYYYMMDD` as a date; None for empty or unreadable text."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
