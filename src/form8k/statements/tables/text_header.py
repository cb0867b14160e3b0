"""Column headings of a plain-text table: which value columns each heading text of a line stands over.

A heading is placed by character position in fixed-width layout (over the
columns it overlaps; a period heading flush left covers the columns to its
right) and by tab slot in tab-separated text; the rest of a heading wrapped
onto the next line covers the columns of the heading above it.
"""

from __future__ import annotations

import re

from form8k.statements.tables.numbers import YEAR_IN_TEXT, is_year
from form8k.statements.tables.raw import HeaderCell
from form8k.statements.tables.text_lines import Field

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
PERIOD_HEAD = re.compile(rf"\b(?:weeks?|months?|quarters?|years?)\s+ended\b|\bas\s+of\b|\b{MONTH}\s+\d{{1,2}}\b", re.I)
# What the wrapped rest of a period heading can be: the day of its date, or words of the period itself.
_HEADING_REST = re.compile(rf"[0-3]?\d,?$|(?:ended|ending|weeks?|months?|quarters?|years?|{MONTH})\b|"
                           rf".*\b(?:weeks?|months?|quarters?|years?)\s+ended\b|.*\b{MONTH}\s+\d{{1,2}}\b", re.I)


def wrapped_heading(fields: list[Field], cells: list[HeaderCell],
                    above: list[tuple[Field, HeaderCell]]) -> list[HeaderCell]:
    """"31," under "Fiscal Year Ended January", "31" under "Three Months Ended March": the rest of a heading
    wrapped onto the next line covers the heading's columns (when it alone sits under that heading)."""
    out = list(cells)
    if len(fields) > sum(heading.last > heading.first for _, heading in above):
        return out  # more texts than headings above: each names its own column ("September 28,  September 30,")
    for g, heading in above:
        if heading.last == heading.first or not _HEADING_REST.match(g.text):
            continue
        under = [k for k, f in enumerate(fields) if g.start <= f.end and f.start <= g.end]
        if len(under) == 1 and _HEADING_REST.match(fields[under[0]].text):  # never a year: it names its column
            k = under[0]
            out[k] = HeaderCell(fields[k].text, heading.first, heading.last)
    return out


def header_cells(fields: list[Field], ncols: int, anchors: list[tuple[float, float]], tabbed: bool) -> list[HeaderCell]:
    """The heading cell of each text of a header line: the value columns it stands over (`anchors`: each column's
    character range, or its tab slot)."""
    if tabbed:
        texts = [f for f in fields if f.kind != "cur"]
        if texts and ncols % len(texts) == 0:
            per = ncols // len(texts)
            return [HeaderCell(f.text, i * per, i * per + per - 1) for i, f in enumerate(texts)]
        return [HeaderCell(f.text, *([_nearest(f, anchors, True)] * 2)) for f in texts]
    cells = []
    over = _columns_under(fields, anchors)
    for i, f in enumerate(fields):
        ks = over[i]
        last = ks[-1]
        if len(fields) == 1 and PERIOD_HEAD.search(f.text) and not YEAR_IN_TEXT.search(f.text):
            # The one heading of its line, with no year of its own ("Years ended", centred by pdftotext over
            # the middle column): it heads every column.
            cells.append(HeaderCell(f.text, 0, len(anchors) - 1))
            continue
        if PERIOD_HEAD.search(f.text) and not is_year(f.text):
            # A period heading printed flush left over its columns ("Year Ended December 31," above
            # "2022  2023  2024") covers the columns to its right up to the next heading on its line.
            limit = fields[i + 1].start if i + 1 < len(fields) else float("inf")
            while last + 1 < len(anchors) and anchors[last + 1][1] < limit:
                last += 1
        cells.append(HeaderCell(f.text, ks[0], last))
    return cells


def _columns_under(fields: list[Field], anchors: list[tuple[float, float]]) -> list[list[int]]:
    """The value columns each header text stands over (fixed-width). Touching a column's edge counts only
    for a text over no column; a column under two texts of one line ("September 28,  September 30,"
    centred over drifting numbers) belongs to the text whose middle is nearest its own."""
    over: list[list[int]] = []
    for f in fields:
        ks = [k for k, (lo, hi) in enumerate(anchors) if f.start < hi and lo < f.end] or \
            [k for k, (lo, hi) in enumerate(anchors) if f.start <= hi + 1 and lo - 1 <= f.end]
        over.append(ks or [_nearest(f, anchors, False)])
    for k, (lo, hi) in enumerate(anchors):
        claims = [i for i, ks in enumerate(over) if k in ks]
        if len(claims) > 1:
            mid = (lo + hi) / 2
            keep = min(claims, key=lambda i: abs((fields[i].start + fields[i].end) / 2 - mid))
            for i in claims:
                if i != keep and len(over[i]) > 1:
                    over[i] = [c for c in over[i] if c != k]
    return over


def _nearest(f: Field, anchors: list[tuple[float, float]], tabbed: bool) -> int:
    if tabbed:
        return min(range(len(anchors)), key=lambda k: abs(anchors[k][0] - f.slot))
    mid = (f.start + f.end) / 2
    return min(range(len(anchors)), key=lambda k: abs((anchors[k][0] + anchors[k][1]) / 2 - mid))


_LAST_YEAR = re.compile(r"\s((?:19|20)\d\d)$")


def caption_year(fields: list[Field], value_start: float) -> list[Field]:
    """A header line's fields, the year that ends a caption over the labels one space after it and stands over
    the value columns ("… fiscal years ended June 30 2025   2024   2023") cut off as a heading of its own. A
    heading that reaches over the values before its year ("June 28, 2003") is left whole."""
    out: list[Field] = []
    for f in fields:
        m = _LAST_YEAR.search(f.text) if f.kind == "text" else None
        if m is None or f.start + m.end(1) <= value_start or f.start + m.start() > value_start + 1:
            out.append(f)  # no year, a year over the labels, or a heading over the values ("Ended July 3, 2004")
            continue
        caption = f.text[:m.start()].rstrip()
        out.append(Field(caption, f.start, f.start + len(caption), f.slot, "text"))
        out.append(Field(m.group(1), f.start + m.start(1), f.end, f.slot, "text"))
    return out
