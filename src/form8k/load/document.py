"""What the loaders hand to the stages: documents with one canonical text each.

A `Document` is one part of a filing (the 8-K body, an exhibit). Its `text` is
a slice of the filing's canonical text starting at `start`, so a match at `i`
in `doc.text` is at `doc.start + i` in `Filing.text`. HTML tables survive as
`Grid`s whose cell spans are already filing-global.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from form8k.models import Header, Problem, SourceFormat, Span

if TYPE_CHECKING:
    from form8k.load.ixbrl import IxDocument


@dataclass(slots=True)
class GridCell:
    text: str
    colspan: int = 1
    span: Span | None = None
    indent: float = 0.0  # left padding/margin/text-indent in points
    bold: bool = False
    border_top: bool = False
    border_bottom: bool = False
    align: str | None = None


@dataclass(slots=True)
class Grid:
    """One HTML table as rows of cells, never flattened into prose."""

    rows: list[list[GridCell]]
    span: Span
    caption: str | None = None


@dataclass(slots=True)
class Document:
    type: str
    format: Literal["html", "text", "binary"]
    text: str = ""
    sequence: int | None = None
    filename: str | None = None
    description: str | None = None
    grids: list[Grid] = field(default_factory=list)
    skipped: str | None = None
    start: int = 0
    pages: list[Span] = field(default_factory=list)  # a PDF's pages, as spans (filing-global once assembled)
    ixbrl: IxDocument | None = None  # the inline XBRL it tags (load/ixbrl.py)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def span(self, start: int, end: int) -> Span:
        """A span local to this document's text, made filing-global."""
        return (self.start + start, self.start + end)

    @property
    def is_exhibit(self) -> bool:
        return self.type.upper().startswith("EX-")


@dataclass(slots=True)
class Submission:
    format: SourceFormat
    documents: list[Document]
    text: str
    header: Header | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def readable(self) -> list[Document]:
        return [d for d in self.documents if d.format != "binary"]
