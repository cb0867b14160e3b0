"""HTML grids -> raw tables.

Value columns are found from where numbers sit in the grid: every numeric
cell covers a range of grid columns (colspans included), and overlapping
ranges form one value column. `$`, `)` and `%` printed in cells of their own
are joined to their number first, so `(3,044` + `)` reads as one cell.
Header rows (periods, years) are the rows above the first row of values that
have text over the value columns; each header cell covers the value columns
its grid range overlaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from form8k.load import Document, Grid, GridCell
from form8k.models import Span
from form8k.statements.tables.numbers import Number, clean_cell, is_year, parse_clean
from form8k.statements.tables.raw import HeaderCell, RawCell, RawRow, RawTable, enough_values

_CURRENCY = frozenset({"$", "US$", "U.S.$", "€", "£", "\\$"})
_CLOSERS = frozenset({")", "%", ")%", "%)", "%)%"})
_FOOTNOTE_CELL = re.compile(r"^(?:\(\d\)|\([a-z]\)|\*{1,3})$")
_CONTEXT_CHARS = 1500
_AFTER_CHARS = 800
# Grid rows of one table read; the rest are cut, with a problem. A statement prints a few dozen rows (81 at
# most in the corpora); a table of many thousands is no statement, and reading all of them costs ~0.1 ms each.
MAX_ROWS = 2_000


@dataclass(slots=True)
class _Cell:
    text: str
    start: int  # first grid column
    end: int  # one past the last grid column
    span: Span | None
    indent: float
    bold: bool
    border_top: bool
    border_bottom: bool
    number: Number | None = None


def grid_tables(doc: Document, index: int, text: str) -> list[RawTable]:
    """The data tables among a document's grids, with the text before and after each."""
    tables: list[RawTable] = []
    prev_end = doc.start
    for grid in doc.grids:
        raw = _read_grid(grid, index)
        if raw is None:
            continue
        raw.context = text[max(prev_end, grid.span[0] - _CONTEXT_CHARS):grid.span[0]]
        tables.append(raw)
        prev_end = grid.span[1]
    for i, raw in enumerate(tables):
        stop = tables[i + 1].span[0] if i + 1 < len(tables) else doc.end
        raw.after = text[raw.span[1]:min(stop, raw.span[1] + _AFTER_CHARS)]
    return tables


def _cells_of(grid_rows: list[list[GridCell]]) -> list[list[_Cell]]:
    rows: list[list[_Cell]] = []
    for grid_row in grid_rows:
        cells: list[_Cell] = []
        col = 0
        for gc in grid_row:
            width = max(1, gc.colspan)
            start, col = col, col + width
            if not gc.text or gc.text.isspace():
                continue
            t = clean_cell(gc.text)
            if not t:
                continue
            if t in _CURRENCY:
                continue
            if t in _CLOSERS and cells and cells[-1].number is not None:
                prev = cells[-1]
                prev.text += t
                prev.end = col
                if prev.span and gc.span:
                    prev.span = (prev.span[0], gc.span[1])
                prev.number = parse_clean(prev.text, prev.text)
                continue
            cells.append(_Cell(t, start, col, gc.span, gc.indent, gc.bold, gc.border_top, gc.border_bottom,
                               parse_clean(t, gc.text)))
        rows.append(cells)
    return rows


def _value_groups(rows: list[list[_Cell]]) -> list[tuple[int, int]]:
    """Grid-column ranges of the value columns: overlapping ranges of numeric cells, merged."""
    narrow: list[tuple[int, int]] = []
    wide: list[tuple[int, int]] = []
    for cells in rows:
        for i, c in enumerate(cells):
            if i == 0 or c.number is None:
                continue
            (narrow if c.end - c.start <= 3 else wide).append((c.start, c.end))
    footnotes = _footnote_ranges(rows)
    ranges = [r for r in sorted(set(narrow or wide)) if r not in footnotes]
    groups: list[tuple[int, int]] = []
    for s, e in ranges:
        if groups and s < groups[-1][1]:
            groups[-1] = (groups[-1][0], max(groups[-1][1], e))
        else:
            groups.append((s, e))
    return groups


def _footnote_ranges(rows: list[list[_Cell]]) -> set[tuple[int, int]]:
    """Grid ranges where every "number" is a footnote mark like "(1)" or "(a)" beside a label."""
    marks: dict[tuple[int, int], bool] = {}
    for cells in rows:
        for c in cells[1:]:
            if c.number is not None:
                key = (c.start, c.end)
                marks[key] = marks.get(key, True) and bool(_FOOTNOTE_CELL.match(c.text))
    return {k for k, only_marks in marks.items() if only_marks}


def _overlapping(groups: list[tuple[int, int]], start: int, end: int) -> list[int]:
    return [k for k, (s, e) in enumerate(groups) if s < end and start < e]


def _nearest(groups: list[tuple[int, int]], start: int, end: int) -> int:
    def distance(k: int) -> int:
        s, e = groups[k]
        return max(s - end, start - e, 0)
    return min(range(len(groups)), key=distance)


def _is_year_row(cells: list[_Cell], value_start: int) -> bool:
    values = [c for c in cells if c.start >= value_start]
    return bool(values) and all(is_year(c.text) or c.number is None for c in values)


def _read_grid(grid: Grid, document: int) -> RawTable | None:
    rows = _cells_of(grid.rows[:MAX_ROWS])
    groups = _value_groups(rows)
    if not groups:
        return None
    value_start = groups[0][0]
    if value_start == 0:
        return None

    def is_data(cells: list[_Cell]) -> bool:
        return bool(cells) and any(c.number is not None and not is_year(c.text)
                                   for c in _split_label(cells, value_start)[1])

    first_data = next((i for i, cells in enumerate(rows) if is_data(cells)), None)
    if first_data is None:
        return None
    header: list[list[HeaderCell]] = []
    label_header: list[str] = []
    raw_rows: list[RawRow] = []
    border_below = False
    for i, cells in enumerate(rows):
        if not cells:
            continue
        label_cells, value_cells = _split_label(cells, value_start)
        label = " ".join(c.text for c in label_cells)
        if i < first_data and value_cells:
            label_header.extend(c.text for c in label_cells)
            header.append([_header_cell(c, groups) for c in value_cells])
            continue
        if i < first_data and not header:
            label_header.append(label)
            continue
        if value_cells and not label_cells and not is_data(cells) and _is_year_row(cells, value_start):
            continue  # a repeated year header inside the table
        row = _raw_row(label_cells, value_cells, groups, border_below)
        border_below = any(c.border_bottom for c in value_cells)
        raw_rows.append(row)
    if not enough_values(raw_rows):
        return None
    return RawTable(document=document, span=grid.span, rows=raw_rows, ncols=len(groups), header=header,
                    label_header=[t for t in label_header if t], source="html", cut=max(0, len(grid.rows) - MAX_ROWS))


def _split_label(cells: list[_Cell], value_start: int) -> tuple[list[_Cell], list[_Cell]]:
    """Label cells (left of the values; a heading spanning the whole row from column 0) and value cells."""
    first = cells[0]
    if first.number is not None and first.start >= value_start:
        return [], cells
    if first.end <= value_start or (first.start == 0 and first.number is None):
        rest = cells[1:]
        return [first] + [c for c in rest if c.end <= value_start], [c for c in rest if c.end > value_start]
    return [], cells


def _header_cell(c: _Cell, groups: list[tuple[int, int]]) -> HeaderCell:
    ks = _overlapping(groups, c.start, c.end) or [_nearest(groups, c.start, c.end)]
    return HeaderCell(c.text, ks[0], ks[-1])


def _raw_row(label_cells: list[_Cell], value_cells: list[_Cell], groups: list[tuple[int, int]],
             border_below: bool) -> RawRow:
    cells: list[RawCell | None] = [None] * len(groups)
    junk: list[str] = []
    for c in value_cells:
        ks = _overlapping(groups, c.start, c.end) or [_nearest(groups, c.start, c.end)]
        k = ks[-1] if len(ks) > 1 and c.number is not None else ks[0]
        current = cells[k]
        if current is None or (current.number is None and c.number is not None):
            cells[k] = RawCell(c.text, c.span, c.number)
        elif _FOOTNOTE_CELL.match(c.text):
            continue
        else:
            junk.append(c.text)
    first = label_cells[0] if label_cells else None
    spans = [c.span for c in label_cells + value_cells if c.span]
    label_spans = [c.span for c in label_cells if c.span]
    return RawRow(
        label=" ".join(c.text for c in label_cells),
        cells=cells,
        label_span=(label_spans[0][0], label_spans[-1][1]) if label_spans else None,
        indent=first.indent if first else 0.0,
        bold=bool(first and first.bold),
        rule_above=border_below or any(c.border_top for c in value_cells),
        junk=junk,
        span=(min(s[0] for s in spans), max(s[1] for s in spans)) if spans else None,
    )
