"""Split a filing's canonical text at span boundaries, so facts and mentions can be marked where they stand.

Spans may overlap or nest (a mention restating a fact covers the same
characters), so the text is cut at every boundary into flat segments, each
knowing every mark that covers it; the template renders a segment as one
`<mark data-k="f-3 m-0">` element with its text escaped. Anchors (an item, a
document, a table) are points: an empty element with an id where they start.

    >>> text = "Revenues were $12.1 million."
    >>> [(s.text, s.keys) for s in segments(text, [Mark("f-0", "fact", 14, 27), Mark("m-0", "mention", 14, 19)])]
    [('Revenues were ', ()), ('$12.1', ('f-0', 'm-0')), (' million', ('f-0',)), ('.', ())]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted stretch of the text: `key` is its anchor id (`f-3`), `kind` its CSS classes."""

    key: str
    kind: str
    start: int
    end: int
    title: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    keys: tuple[str, ...] = ()  # the marks covering this piece, in the order they were given
    kinds: str = ""  # their CSS classes, joined
    title: str = ""  # their titles, one per line
    anchors: tuple[str, ...] = ()  # ids of marks and anchors that start here


def usable(mark_start: int | None, mark_end: int | None, length: int) -> bool:
    """Whether a span points inside a text of `length` characters and covers something."""
    return mark_start is not None and mark_end is not None and 0 <= mark_start < mark_end <= length


def segments(text: str, marks: Sequence[Mark], anchors: Iterable[tuple[str, int]] = ()) -> list[Segment]:
    """The text cut at every mark boundary and anchor; marks whose span is not usable are left out."""
    length = len(text)
    kept = [m for m in marks if usable(m.start, m.end, length)]
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    points: dict[int, list[str]] = {}
    for i, mark in enumerate(kept):
        starts.setdefault(mark.start, []).append(i)
        ends.setdefault(mark.end, []).append(i)
        points.setdefault(mark.start, []).append(mark.key)
    for key, at in anchors:
        if 0 <= at < length:
            points.setdefault(at, []).append(key)
    cuts = sorted({0, length, *starts, *ends, *points})
    out: list[Segment] = []
    active: dict[int, None] = {}  # indexes into `kept`, insertion-ordered
    for a, b in zip(cuts, cuts[1:], strict=False):
        for i in ends.get(a, ()):
            active.pop(i, None)
        for i in starts.get(a, ()):
            active[i] = None
        covering = [kept[i] for i in sorted(active)]
        piece = text[a:b]
        here = tuple(points.get(a, ()))
        if not covering:
            out.append(Segment(piece, anchors=here))
            continue
        kinds = " ".join(dict.fromkeys(k for m in covering for k in m.kind.split()))
        title = "\n".join(dict.fromkeys(m.title for m in covering if m.title))
        out.append(Segment(piece, tuple(m.key for m in covering), kinds, title, here))
    if not out and points.get(0):
        out.append(Segment("", anchors=tuple(points[0])))
    return out


# --- tables in the source text --------------------------------------------------------------------------------
# An HTML source's tables reach the canonical text as lines of tab-separated cells; the source pane rebuilds
# them as tables (only its own elements, every piece of text escaped), keeping every character in order so the
# pane still holds the text whole. A cell that is only a currency sign joins the next one, a closing bracket or
# percent sign the one before, as the filing's own table printed them.
_OPENERS = frozenset({"$", "€", "£", "¥", "US$", "C$"})
_CLOSERS = frozenset({")", "%", ")%", "%)"})


@dataclass(slots=True)
class Cell:
    pieces: list[Segment]
    colspan: int = 1

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def numeric(self) -> bool:
        shown = self.text.strip()
        return bool(shown) and not any(ch.isalpha() for ch in shown)


@dataclass(slots=True)
class Block:
    """A stretch of the source pane: plain text (`rows` is None) or a table rebuilt from tab-separated lines."""

    pieces: list[Segment] = field(default_factory=list)
    rows: list[list[Cell]] | None = None


def table_regions(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The whole lines each span covers, where they hold tab-separated cells; overlapping ones merged."""
    found: list[tuple[int, int]] = []
    for start, end in spans:
        if not usable(start, end, len(text)):
            continue
        a = text.rfind("\n", 0, start) + 1
        b = text.find("\n", end - 1)
        b = len(text) if b < 0 else b + 1
        if "\t" in text[a:b]:
            found.append((a, b))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(found):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _piece(seg: Segment, text: str, first: bool) -> Segment:
    return Segment(text, seg.keys, seg.kinds, seg.title, seg.anchors if first else ())


def _lay_out(row: list[Cell], width: int) -> list[Cell]:
    """A row of `width` columns: a lone cell spans them all; a label keeps the first column and its figures
    take the last ones; a row of figures or headings alone sits to the right."""
    gap = width - len(row)
    if gap <= 0:
        return row
    if len(row) == 1:
        row[0].colspan = width
        return row
    if not row[0].numeric and any(c.numeric for c in row[1:]):
        return [row[0], Cell([], gap), *row[1:]]
    if not any(c.numeric for c in row) and (width - 1) % len(row) == 0:
        # headings over the figure columns ("Three Months Ended", "Nine Months Ended"): each over its share
        for c in row:
            c.colspan = (width - 1) // len(row)
        return [Cell([]), *row]
    return [Cell([], gap), *row]


def blocks(segs: Sequence[Segment], regions: Sequence[tuple[int, int]]) -> list[Block]:
    """`segs` (which rebuild the text) grouped into text blocks and tables, one per region."""
    out: list[Block] = [Block()]
    cuts = sorted({x for r in regions for x in r})
    starts = {a for a, _ in regions}
    ends = {b for _, b in regions}
    row: list[Cell] = []
    cell: list[Segment] = []
    inside = False
    at = 0

    def close_cell() -> None:
        nonlocal cell
        shown = "".join(p.text for p in cell).strip()
        if row and shown in _CLOSERS:
            row[-1].pieces.extend(cell)
        else:
            row.append(Cell(cell))
        cell = []

    def close_row() -> None:
        nonlocal row
        if cell:
            close_cell()
        if row:
            table = out[-1].rows
            assert table is not None
            table.append(row)
        row = []

    for seg in segs:
        end = at + len(seg.text)
        bounds = [at, *(c for c in cuts if at < c < end), end]
        for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
            if a in starts:
                inside = True
                out.append(Block(rows=[]))
            elif a in ends and a not in starts and inside:
                close_row()
                inside = False
                out.append(Block())
            piece = seg.text[a - at:b - at]
            if not inside:
                out[-1].pieces.append(_piece(seg, piece, i == 0))
                continue
            for j, part in enumerate(_parts(piece)):
                cell.append(_piece(seg, part, i == 0 and j == 0))
                if part.endswith("\t") and "".join(p.text for p in cell).strip() not in _OPENERS:
                    close_cell()
                elif part.endswith("\n"):
                    close_row()
        at = end
    if inside:
        close_row()
    for block in out:
        if block.rows:
            width = max(len(r) for r in block.rows)
            block.rows = [_lay_out(r, width) for r in block.rows]
    return [b for b in out if b.pieces or b.rows]


def _parts(text: str) -> list[str]:
    """`text` cut after every tab and newline."""
    parts: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in "\t\n":
            parts.append(text[start:i + 1])
            start = i + 1
    if start < len(text):
        parts.append(text[start:])
    return parts
