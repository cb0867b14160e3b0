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
from dataclasses import dataclass


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
