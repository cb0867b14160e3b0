"""Lines of a document with their horizontal layout, for readers of forms.

A cover page prints a value above (or beside) its label: "Delaware" over
"(State or other jurisdiction of incorporation)". To pair them, each line is
split into segments with a horizontal position from 0 (left margin) to 1
(right margin): character columns for plain text (tabs expanded), grid
columns for HTML tables. An HTML line outside a table is one segment spanning
the whole width.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from form8k.load import Document, GridCell

# Columns are set apart by a tab or by three spaces or more; two spaces part
# columns only between labels ("(State or other jurisdiction  (Commission"),
# since justified text puts two spaces between words ("(Jurisdiction  of  Incorporation)").
_GAP = re.compile(r"\t+| {3,}|(?<=\S)  (?=\()")
_RULE = re.compile(r"^[\s\-_=*.·•]*$")


@dataclass(slots=True)
class Segment:
    text: str
    start: int  # global offsets into Filing.text
    end: int
    left: float
    right: float

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2

    def overlaps(self, other: Segment, slack: float = 0.02) -> bool:
        return self.left < other.right + slack and other.left < self.right + slack

    def overlap(self, other: Segment) -> float:
        """How much of the narrower of the two segments lies under the other (0 to 1)."""
        width = min(self.right - self.left, other.right - other.left) or 1e-9
        return max(0.0, min(self.right, other.right) - max(self.left, other.left)) / width


def aligned(segments: list[Segment], column: Segment) -> Segment | None:
    """The segment that lies best under `column`: most overlap, then nearest centre."""
    candidates = [s for s in segments if s.overlaps(column)]
    if not candidates:
        return None
    return max(candidates, key=lambda s: (round(s.overlap(column), 2), -abs(s.center - column.center)))


@dataclass(slots=True)
class Line:
    start: int
    end: int
    text: str
    segments: list[Segment] = field(default_factory=list)
    in_table: bool = False

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_rule(self) -> bool:
        """An underline or separator line: `-----`, `_____`, `=====`."""
        return bool(_RULE.match(self.text)) and not self.is_blank


def _visual_columns(line: str) -> list[int]:
    """Visual column of each character with tabs expanded to 8."""
    cols: list[int] = []
    col = 0
    for ch in line:
        cols.append(col)
        col = (col // 8 + 1) * 8 if ch == "\t" else col + 1
    cols.append(col)
    return cols


def _text_segments(line: str, start: int, width: int) -> list[Segment]:
    cols = _visual_columns(line) if "\t" in line else range(len(line) + 1)  # no tab: a column is an index
    segments: list[Segment] = []
    pos = 0
    for gap in [*_GAP.finditer(line), None]:
        end = gap.start() if gap else len(line)
        piece = line[pos:end]
        stripped = piece.strip()
        if stripped:
            a = pos + (len(piece) - len(piece.lstrip()))
            b = a + len(stripped)
            segments.append(Segment(stripped, start + a, start + b, cols[a] / width, cols[b] / width))
        if gap:
            pos = gap.end()
    return segments


def _grid_rows(doc: Document, start: int, end: int) -> dict[int, list[tuple[GridCell, float, float]]]:
    """Grid rows in [start, end) keyed by the global offset where their line starts."""
    rows: dict[int, list[tuple[GridCell, float, float]]] = {}
    for grid in doc.grids:
        if grid.span[1] < start or grid.span[0] > end:
            continue
        for row in grid.rows:
            total = sum(c.colspan for c in row) or 1
            placed: list[tuple[GridCell, float, float]] = []
            col = 0
            for cell in row:
                if cell.text and cell.span is not None:
                    placed.append((cell, col / total, (col + cell.colspan) / total))
                col += cell.colspan
            if placed:
                rows[placed[0][0].span[0]] = placed  # type: ignore[index]
    return rows


def lines_of(doc: Document, start: int = 0, end: int | None = None) -> list[Line]:
    """The lines of `doc.text[start:end]` (local offsets) with their segments."""
    text = doc.text
    end = len(text) if end is None else min(end, len(text))
    raw: list[tuple[int, str]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        raw.append((pos, text[pos:stop]))
        pos = stop + 1
    if doc.format == "html":
        return _html_lines(doc, raw, start, end)
    width = max([80] + [len(s.expandtabs(8)) for _, s in raw[:400]])
    return [Line(doc.start + a, doc.start + a + len(s), s, _text_segments(s, doc.start + a, width))
            for a, s in raw]


def _html_lines(doc: Document, raw: list[tuple[int, str]], start: int, end: int) -> list[Line]:
    rows = _grid_rows(doc, doc.start + start, doc.start + end)
    lines: list[Line] = []
    for a, s in raw:
        g_start = doc.start + a
        line = Line(g_start, g_start + len(s), s)
        stripped = s.strip()
        placed = rows.get(g_start + (len(s) - len(s.lstrip())))
        if placed is not None:
            line.in_table = True
            line.segments = [Segment(c.text, c.span[0], c.span[1], left, right)  # type: ignore[index]
                             for c, left, right in placed]
        elif "\t" in stripped or "   " in stripped:
            line.segments = _text_segments(s, g_start, 80)  # <pre> text keeps its columns
        elif stripped:
            lead = len(s) - len(s.lstrip())
            line.segments = [Segment(stripped, g_start + lead, g_start + lead + len(stripped), 0.0, 1.0)]
        lines.append(line)
    return lines
