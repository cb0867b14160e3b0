"""The raw shape of a data table, before any meaning is read into it.

Both table readers, HTML grids (`grid.py`) and plain-text layouts (`layout.py`),
produce it; `find.py` chooses the reader.

A `RawTable` is a table before any meaning is read into it: rows with a label
and one cell per value column (the printed text, its parsed `Number` and its
span in `Filing.text`), the header rows above the values mapped onto those
columns, and the text just before the table (title, units line). HTML tables
come from the loader's `Grid`s (`grid.py`); plain-text tables are cut out of
fixed-width or tab-separated layout (`layout.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from form8k.models import Span
from form8k.statements.tables.numbers import Number


@dataclass(slots=True)
class RawCell:
    text: str
    span: Span | None
    number: Number | None


@dataclass(slots=True)
class RawRow:
    label: str
    cells: list[RawCell | None]  # one per value column
    label_span: Span | None = None
    indent: float = 0.0  # points (HTML) or characters (text)
    bold: bool = False
    rule_above: bool = False  # a border or an underline row above the values
    junk: list[str] = field(default_factory=list)  # cell texts that are neither label nor number
    span: Span | None = None

    @property
    def has_values(self) -> bool:
        return any(c is not None and c.number is not None for c in self.cells)


@dataclass(slots=True)
class HeaderCell:
    text: str
    first: int  # first value column covered
    last: int  # last value column covered (inclusive)


@dataclass(slots=True)
class RawTable:
    document: int
    span: Span
    rows: list[RawRow]
    ncols: int
    header: list[list[HeaderCell]] = field(default_factory=list)  # header rows, top down
    label_header: list[str] = field(default_factory=list)  # header text over the label column
    context: str = ""  # text just before the table: title, units
    after: str = ""  # text just after: footnotes
    source: Literal["html", "text"] = "html"
    cut: int = 0  # rows past the reader's limit, left unread


def enough_values(rows: list[RawRow]) -> bool:
    """Whether rows make a data table: two labelled rows with printed numbers (dashes alone do not count)."""
    numbered = [r for r in rows if r.label and any(c is not None and c.number is not None and not c.number.dash
                                                    for c in r.cells)]
    return len(numbered) >= 2
