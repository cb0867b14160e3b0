"""Plain-text layout -> raw tables.

Old EDGAR text and text extracted from PDFs or rendered from HTML print
tables as lines: a label, then numbers separated by runs of spaces
(fixed-width) or by tabs. `text_lines` cuts each line into fields; here a
table is a run of lines with numbers, broken by prose, by a new period header
(`2004  2003`, `Three Months Ended …`) or by `<TABLE>` tags. Value columns are
placed from the lines that have the most common count of numbers: by
character position in fixed-width layout, by tab slot in tab-separated text.
A page number printed inside a table is not a column.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import partial
from statistics import median

from form8k.load import Document
from form8k.statements.tables.numbers import YEAR_IN_TEXT, is_year, parse_number
from form8k.statements.tables.numbers_tail import closes_aside
from form8k.statements.tables.raw import HeaderCell, RawCell, RawRow, RawTable, enough_values
from form8k.statements.tables.text_header import (
    MONTH,
    PERIOD_HEAD,
    caption_year,
    header_cells,
    wrapped_heading,
)
from form8k.statements.tables.text_lines import (
    DIGIT,
    MAX_LABEL,
    WORD,
    Field,
    Line,
    continues,
    read_line,
    read_lines,
    run_in_amount,
    run_in_value,
    single_spaced,
)

_TITLE = re.compile(r"\bstatements?\s+of\b|\bbalance\s+sheets?\b|\bsupplemental\b|\breconciliation\b|"
                    r"\bsegment\b|\bselected\s+financial\b|\bfinancial\s+(?:information|highlights|data)\b", re.I)
_TABLE_BREAK_TAG = re.compile(r"TABLE|PAGE|CAPTION", re.I)
_TABLE_OPEN = re.compile(r"<TABLE>", re.I)
_TABLE_CLOSE = re.compile(r"</TABLE>", re.I)
_CONTEXT_LINES = 10


def _is_prose(line: Line) -> bool:
    s = line.text.strip()
    longest = max((len(f.text) for f in line.fields), default=0)
    # A caption and column headings on one line ("(Dollars in millions)    Six months ended June 30") are too.
    return longest > MAX_LABEL or (len(s) > 100 and len(WORD.findall(s)) > 12 and longest >= 60)


def _breaks(line: Line, tagged: bool = False) -> bool:
    """Whether a non-data line ends the table above it (a new header, a title, prose).

    Inside `<TABLE>` tags only the tags, a new row of years and prose end a table.
    """
    if line.kind == "years":
        return True
    if line.kind == "tag":
        return bool(_TABLE_BREAK_TAG.search(line.text))
    if line.kind != "text":
        return False
    if _is_prose(line):
        return True
    return not tagged and (bool(PERIOD_HEAD.search(line.text)) or bool(_TITLE.search(line.text)))


def _wrapped_label(prev: Line, line: Line) -> bool:
    """"2025 and December 31, 2024, respectively" under a row whose long label ran out of room."""
    first = line.text.lstrip()[:1]
    return prev.kind == "data" and len(prev.label) > 60 and len(line.fields) == 1 and line.indent <= prev.indent + 4 \
        and (first.islower() or first.isdigit()) and not _is_prose(line)


def _values_above(lines: list[Line], first: int, last: int) -> list[Field]:
    """The values of the table's rows so far (of rows laid out by position, not of a row's values wrapped to
    the left margin under its label)."""
    return [f for ln in lines[first:last + 1] if ln.kind == "data" and not ln.single and not _at_margin(ln)
            for f in ln.nums]


def _at_margin(line: Line) -> bool:
    """Values printed from the left margin, under a label printed alone on the line above."""
    return line.kind == "data" and line.label_end == 0 and line.indent <= 4 and len(line.nums) > 1


def _opens_label(lines: list[Line], k: int, values: list[Field]) -> bool:
    """Whether line `k` begins a label wrapped over lines down to the next row of the table whose `values`
    are above: one run of words from the rows' margin, none starting where values start ("Preferred stock,
    $0.001 par value; 10,000,000 shares authorized at December 31, 2024 and" / "December 31, 2023; no shares
    issued" / "and outstanding   —   —"). Its date is the label's, not a new heading's."""
    if not values or "\t" in lines[k].text:
        return False
    value_start, indent = min(f.start for f in values), lines[k].indent
    for j, line in enumerate(lines[k:k + 4], start=k):
        if line.kind == "data":
            return indent <= line.indent <= indent + 4 and all(f.end < value_start for f in line.label_fields)
        if line.kind != "text" or not (indent <= line.indent <= indent + 4) or \
                any(f.start >= value_start for f in line.fields) or _is_prose(line) and not (
                    len(line.fields) == 1 and j + 1 < len(lines) and lines[j + 1].kind == "data"
                    and (_at_margin(lines[j + 1]) or continues(line, lines[j + 1]))):
            return False  # prose, unless one long label whose values (or its last words) are on the next line
    return False


def _run_in_row(lines: list[Line], k: int, values: list[Field]) -> Line | None:
    """Line `k`, a label run into its value, read as a row of the table whose `values` are above: only between
    rows of it."""
    line = lines[k]
    if line.kind != "text" or "\t" in line.text or not DIGIT.search(line.text[-12:]):
        return None
    after = next((ln for ln in lines[k + 1:k + 4] if ln.kind != "blank"), None)
    if after is None or after.kind != "data":
        return None
    return run_in_value(line, {f.start for f in values}, {f.end for f in values})


def _tagged(lines: list[Line]) -> list[bool]:
    """Which lines sit inside `<TABLE>` … `</TABLE>`."""
    inside = False
    out: list[bool] = []
    for line in lines:
        if line.kind == "tag":
            if _TABLE_CLOSE.search(line.text):
                inside = False
            elif _TABLE_OPEN.search(line.text):
                inside = True
        out.append(inside)
    return out


def text_tables(doc: Document, index: int) -> list[RawTable]:
    """The tables laid out in a plain-text document."""
    lines = read_lines(doc)
    tagged = _tagged(lines)
    tables: list[RawTable] = []
    i, n, prev_end = 0, len(lines), 0
    while i < n:
        if lines[i].kind != "data":
            i += 1
            continue
        last, k, blanks, texts = i, i + 1, 0, 0
        while k < n:
            line = lines[k]
            if line.kind == "data":
                last, blanks, texts = k, 0, 0
            elif line.kind == "blank":
                blanks += 1
                if blanks >= 3:
                    break
            elif _breaks(line, tagged[k]) and not _wrapped_label(lines[k - 1], line) \
                    and not _opens_label(lines, k, values := _values_above(lines, i, last)):
                row = _run_in_row(lines, k, values)
                if row is None:
                    break
                lines[k], last, blanks, texts = row, k, 0, 0
            elif line.kind == "text":
                blanks = 0
                texts += 1
                if texts > 4:
                    break
            k += 1
        table = _table(doc, index, lines, prev_end, i, last)
        if table is not None:
            tables.append(table)
            prev_end = last + 1
        i = last + 1
    for t, nxt in zip(tables, tables[1:] + [None], strict=False):
        stop = nxt.span[0] if nxt else doc.end
        t.after = doc.text[t.span[1] - doc.start:min(stop, t.span[1] + 800) - doc.start]
    return tables


def _columns(data: list[Line], tabbed: bool) -> tuple[int, list[tuple[float, float]]]:
    line_nums = [ln.nums for ln in data]  # each line's numbers, read once
    if not tabbed:
        # Fixed-width: numbers of one column overlap in character position; columns do not.
        groups: list[tuple[float, float]] = []
        for lo, hi in sorted({(f.start, f.end) for nums in line_nums for f in nums}):
            if groups and lo < groups[-1][1]:
                groups[-1] = (groups[-1][0], max(groups[-1][1], hi))
            else:
                groups.append((lo, hi))

        def group(f: Field) -> int:
            return next(k for k, (lo, hi) in enumerate(groups) if lo <= f.start and f.end <= hi)
    counts = Counter(len(nums) for nums in line_nums)
    common = [c for c, m in counts.items() if m >= max(2, len(data) // 4)]
    ncols = max(common) if common else max(counts)
    if not tabbed and all(len({group(f) for f in nums}) == len(nums) for nums in line_nums) and \
            (len(groups) <= ncols or not common):
        # Unless there are more position groups than rows have numbers (dashes and short numbers centred
        # under right-aligned ones, as pdftotext prints them, split a column in two), the groups are the columns.
        return len(groups), groups
    full = [nums for nums in line_nums if len(nums) == ncols]
    anchors: list[tuple[float, float]] = []
    for k in range(ncols):
        if tabbed:
            slots = Counter(nums[k].slot for nums in full)
            s = float(slots.most_common(1)[0][0])
            anchors.append((s, s))
        else:
            # The middle of the k-th numbers of the full rows: drifting positions never make two columns overlap.
            anchors.append((median(nums[k].start for nums in full), median(nums[k].end for nums in full)))
    return ncols, anchors


def _days_line(line: Line) -> bool:
    """"31   31" under "Three Months Ended March   Nine Months Ended March": the day of a heading's date."""
    return line.kind == "data" and not line.label and all(
        f.text.isdecimal() and 1 <= int(f.text) <= 31 for f in line.nums)


def _stray_line(data: list[Line], anchors: list[tuple[float, float]]) -> Line | None:
    """The one line that alone makes the first or last value column, with a single number in it."""
    if len(anchors) < 2:
        return None
    for lo, hi in (anchors[0], anchors[-1]):
        users = [ln for ln in data if any(lo <= f.start and f.end <= hi for f in ln.nums)]
        if len(users) == 1 and len(users[0].nums) == 1 and not any(f.kind == "junk" for f in users[0].fields):
            return users[0]
    return None


def _place(fields: list[Field], ncols: int, anchors: list[tuple[float, float]], tabbed: bool) -> list[int] | None:
    """Value column of each field, or None when they cannot be placed in order."""
    if len(fields) == ncols:
        return list(range(ncols))
    if len(fields) > ncols:
        return None

    def distance(f: Field, k: int) -> float:
        lo, hi = anchors[k]
        if tabbed:
            return abs(f.slot - lo)
        if f.start <= hi and lo <= f.end:
            return -min(hi, f.end) + max(lo, f.start)
        return min(abs(f.end - hi), abs(f.start - lo)) + 0.5

    placed = [min(range(ncols), key=partial(distance, f)) for f in fields]
    if any(b <= a for a, b in zip(placed, placed[1:], strict=False)):
        return None
    return placed


def _fused(line: Line) -> bool:
    """Whether a row's cut at runs of spaces leaves a value inside another field: the label and its first
    value ("Services 24,213"), or two values ("(265) 250"). A year ending a label ("Notes due 2027") is the
    label's own."""
    if _at_margin(line):
        return True
    for f in line.fields:
        if f.kind in ("text", "junk"):
            words = f.text.split()
            if len(words) > 1 and not is_year(words[-1]) and parse_number(words[-1]) is not None and \
                    not closes_aside(f.text[:-len(words[-1])], words[-1]):
                return True
    return False


def _table(doc: Document, index: int, lines: list[Line], floor: int, first: int, last: int) -> RawTable | None:
    body = [ln for ln in lines[first:last + 1]]
    data = [ln for ln in body if ln.kind == "data"]
    if len(data) < 2:
        return None
    # A text browser's rendering of an HTML table puts one or two spaces between cells: most rows then run
    # their label into the first value ("Services 24,213  21,213") or two values into one field ("(265) 250").
    flow = sum(_fused(ln) or ln.single for ln in data) > len(data) / 2
    if flow or sum(ln.single for ln in data) > len(data) / 2:
        for k in range(first, last + 1):
            line = lines[k]
            if (line.kind == "text" or flow and line.kind == "data" and not line.single) and DIGIT.search(line.text):
                fields = single_spaced(line.text, relaxed=True)
                if fields is not None and len(fields) > 1:
                    lines[k] = read_line(line.start, line.text, fields)
        body = lines[first:last + 1]
        data = [ln for ln in body if ln.kind == "data"]
    tabbed = sum("\t" in ln.text or ln.single for ln in data) > len(data) / 2
    ncols, anchors = _columns(data, tabbed)
    while not tabbed and len(data) >= 4 and (stray := _stray_line(data, anchors)) is not None:
        # A page number ("53", "Form 10-Q  1") or a figure inside a label is not a column of the table.
        stray.kind = "page"
        data = [ln for ln in data if ln is not stray]
        while lines[last].kind != "data":
            last -= 1
        ncols, anchors = _columns(data, tabbed)
    value_start = min(a[0] for a in anchors) if not tabbed else 1
    label_edge = min(value_start, max((f.end for ln in data for f in ln.label_fields), default=0))

    def in_label_region(line: Line) -> bool:
        return all((f.slot == 0) if tabbed else (f.end <= value_start) for f in line.fields)

    def is_caption(f: Field) -> bool:
        # Header text over the labels; a year or a period heading centred over the first columns may start
        # left of their numbers.
        if tabbed:
            return f.slot == 0
        return f.start < max(label_edge, 1) and (f.end <= value_start or f.start < value_start / 2 or not (
            is_year(f.text) or PERIOD_HEAD.search(f.text)))

    def is_header_like(line: Line) -> bool:
        # A text line heads columns when some text stands over the values, not a title centred over the labels.
        return line.kind == "years" or (line.kind == "text" and not _is_prose(line) and any(
            not is_caption(f) and (tabbed or f.end >= value_start - 2) for f in line.fields)) or _days_line(line)

    # Label lines just above the first values belong to the table (section heads such as "REVENUES").
    top = first
    while top - 1 >= floor and lines[top - 1].kind in ("text", "blank", "rule") and \
            (lines[top - 1].kind != "text" or (in_label_region(lines[top - 1]) and not _breaks(lines[top - 1])
                                               and not (flow and _flow_heading(lines[top - 1])))):
        if lines[top - 1].kind == "blank" and (top - 2 < floor or lines[top - 2].kind == "blank"):
            break
        top -= 1
    while top < first and lines[top].kind != "text":
        top += 1
    # Header lines above that: periods, years, captions; text over the label column is a caption.
    head_top = top
    header_lines: list[Line] = []
    k = top - 1
    while k >= floor:
        line = lines[k]
        if line.kind == "blank":
            j = k - 1
            while j >= floor and lines[j].kind == "blank":
                j -= 1
            if k - j <= 2 and j >= floor and header_lines and (
                    is_header_like(lines[j]) or flow and lines[j].kind == "text" and _flow_heading(lines[j])):
                k = j
                continue
            if header_lines:
                break
            k -= 1
            continue
        if line.kind in ("years", "rule") or (line.kind == "tag" and not _TABLE_OPEN.search(line.text)) or is_header_like(line) or line.kind == "text" and header_lines and not _is_prose(line) and len(line.text.strip()) < 60 \
                and line.text.lstrip().startswith("(") and is_header_like(header_lines[-1]) \
                or flow and line.kind == "text" and _flow_heading(line):
            header_lines.append(line)
        else:
            break
        head_top = k
        k -= 1
    header_lines.reverse()
    header: list[list[HeaderCell]] = []
    label_header: list[str] = []
    above: list[tuple[Field, HeaderCell]] = []  # the value fields of the header line above, with their cells
    for line in header_lines:
        if line.kind not in ("years", "text") and not _days_line(line):
            continue
        fields = line.fields if tabbed else caption_year(line.fields, value_start)
        label_fields = [f for f in fields if is_caption(f)]
        if not tabbed and len(line.fields) == ncols and (line.kind == "years" and len(line.nums) == ncols or all(
                _DATE.fullmatch(f.text) for f in line.fields)):
            # A row of years or dates, one per column: they head the columns in order, wherever they are printed
            # (a text browser starts a heading cell where its row starts, or left of numbers wrapped rows shift).
            header.append([HeaderCell(f.text, k, k) for k, f in enumerate(line.fields)])
            above = []
            continue
        value_fields = [f for f in fields if f not in label_fields and f.kind != "rule"]
        label_header.extend(f.text for f in label_fields)
        if value_fields:
            cells = header_cells(value_fields, ncols, anchors, tabbed)
            if above and not tabbed:
                cells = wrapped_heading(value_fields, cells, above)
            # a wrapped heading merged into fewer cells pairs nothing with the line below
            above = list(zip(value_fields, cells, strict=True)) if len(cells) == len(value_fields) else []
            header.append(cells)
    if flow:
        header = _flow_header(header_lines, ncols) or header
    ctx_lines: list[str] = []
    k = head_top - 1
    while k >= floor and len(ctx_lines) < _CONTEXT_LINES:
        if lines[k].kind == "data":
            break
        if lines[k].kind != "tag":
            ctx_lines.append(lines[k].text)
        k -= 1
    rows = _rows(doc, lines[top:last + 1], ncols, anchors, tabbed)
    if not enough_values(rows):
        return None
    if flow and header:
        _amounts_apart(rows, [k for k, cell in enumerate(header[-1]) if _BASIS_HEAD.search(cell.text)], ncols)
    start = doc.start + lines[top].start
    end = doc.start + lines[last].start + len(lines[last].text)
    return RawTable(document=index, span=(start, end), rows=rows, ncols=ncols, header=header,
                    label_header=label_header, context="\n".join(reversed(ctx_lines)), source="text")


_DATE = re.compile(rf"\b{MONTH}\s+[0-3]?\d,?\s+(?:19|20)\d\d\b", re.I)
_BASIS_HEAD = re.compile(r"%|\bpercent|\bchange\b|\bincrease\b|\bdecrease\b|\bvariance\b|\bgrowth\b", re.I)
_DURATION = re.compile(r"\b(?:[a-z]+(?:-[a-z]+)?\s+)?(?:weeks?|months?|quarters?|years?)\s+end(?:ed|ing)\b", re.I)


def _amounts_apart(rows: list[RawRow], basis: list[int], ncols: int) -> None:
    """In a flowing table with share-of-sales or change columns, a row with one amount per period and no share
    ("Basic $2.30  $1.95" under "June 29, 2025  Percent to Sales  June 30, 2024  Percent to Sales") puts its
    amounts under the periods, not in the first columns in turn."""
    amounts = [k for k in range(ncols) if k not in basis]
    if not basis or not amounts:
        return
    for row in rows:
        filled = [k for k, cell in enumerate(row.cells) if cell is not None]
        if filled == list(range(len(amounts))) and filled != amounts and \
                not any(cell.number is not None and cell.number.percent for cell in row.cells if cell is not None):
            cells: list[RawCell | None] = [None] * ncols
            for k, src in zip(amounts, filled, strict=True):
                cells[k] = row.cells[src]
            row.cells = cells


def _flow_heading(line: Line) -> bool:
    """A line of a text browser's wrapped column headings: short, naming a period, a date or a year."""
    return not _is_prose(line) and (bool(PERIOD_HEAD.search(line.text))
                                    or len(line.text.strip()) < 40 and bool(YEAR_IN_TEXT.search(line.text)))


def _flow_header(lines: list[Line], ncols: int) -> list[list[HeaderCell]] | None:
    """The column headings of a table whose cells were printed one after another, read in order.

    A text browser prints a heading row's cells side by side and wraps them anywhere ("June 29, / 2024 July 1,
    / 2023 …"), so positions say nothing: the headings are the period phrases of the header text in order.
    The dates (or, without dates, the years) are one per column, and the words after a date that name a
    percentage or a change ("Percent to Sales", "Change") one more; the durations ("Three Months Ended")
    share the columns equally. None when these do not make as many headings as columns.
    """
    text = " ".join(ln.text.strip() for ln in lines if ln.kind in ("text", "years"))
    found = list(_DATE.finditer(text)) or list(YEAR_IN_TEXT.finditer(text))
    if not found:
        return None
    named: list[str] = []
    for m, nxt in zip(found, [*found[1:], None], strict=True):
        named.append(m.group(0))
        after = text[m.end():nxt.start() if nxt else len(text)].strip()
        if _BASIS_HEAD.search(after):
            named.append(after)  # "June 29, 2025 Percent to Sales", "… July 1, 2023 Change": a column of its own
        elif nxt is None and m.re is _DATE and (years := YEAR_IN_TEXT.findall(after)):
            # "December 31, 2024 2023", "… 2024 and 2023": the later years share the date's month and day
            named += [m.group(0)[:-4] + year for year in years]
    if len(named) != ncols:
        return None
    header: list[list[HeaderCell]] = []
    durations = [m.group(0) for m in _DURATION.finditer(text)]
    if durations and ncols % len(durations) == 0:
        per = ncols // len(durations)
        header.append([HeaderCell(d, i * per, i * per + per - 1) for i, d in enumerate(durations)])
    header.append([HeaderCell(name, k, k) for k, name in enumerate(named)])
    return header


def _rows(doc: Document, body: list[Line], ncols: int, anchors: list[tuple[float, float]],
          tabbed: bool) -> list[RawRow]:
    rows: list[RawRow] = []
    pending: list[Line] = []  # label-only lines waiting to see whether the next line continues them
    rule_above = False
    last_data: Line | None = None

    def flush(lines: list[Line]) -> None:
        groups: list[list[Line]] = []
        for ln in lines:
            if groups and continues(groups[-1][-1], ln):
                groups[-1].append(ln)
            else:
                groups.append([ln])
        for group in groups:
            first, last = _label_span(doc, group[0]), _label_span(doc, group[-1])
            span = (first[0], last[1]) if first and last else first
            rows.append(RawRow(label=" ".join(ln.label.strip() for ln in group), cells=[None] * ncols,
                               label_span=span, indent=group[0].indent, span=span))

    for i, line in enumerate(body):
        if line.kind in ("rule", "tag"):
            flush(pending)
            pending = []
            rule_above = line.kind == "rule" or rule_above
            continue
        if line.kind in ("blank", "page"):
            flush(pending)
            pending = []
            rule_above = False
            last_data = None
            continue
        if line.kind != "data":
            rule_above = False
            if pending and continues(pending[-1], line) and line.label:
                pending.append(line)
            elif not pending and last_data is not None and rows and rows[-1].has_values and line.label and \
                    (line.label[:1].islower() and line.indent > last_data.indent or _wrapped_label(last_data, line)) \
                    and not last_data.label.rstrip().endswith(":"):
                # "Series B: 2,000,000 shares designated …  5,915,572" wrapped onto a second line after its values
                rows[-1].label += " " + line.label.strip()
            else:
                flush(pending)
                pending = [line] if line.label else []
            continue
        chain: list[Line] = []
        if pending and (continues(pending[-1], line) or _hanging(pending[-1], line, body[i + 1:i + 2])):
            chain = [pending.pop()]
            while pending and continues(pending[-1], chain[0]):
                chain.insert(0, pending.pop())
        flush(pending)
        pending = []
        rows.append(_data_row(doc, chain, line, ncols, anchors, tabbed, rule_above))
        last_data = line
        rule_above = False
    flush(pending)
    return rows


def _hanging(prev: Line, line: Line, after: list[Line]) -> bool:
    """Whether row `line` is the rest of the long label `prev` wrapped with a hanging indent ("Effect of Exchange
    Rate Changes on Cash, Cash Equivalents, Restricted Cash and Restricted" / "  Cash Equivalents  332  (357)"):
    the one line under it indented, the next back at its margin. A heading over rows has more than one."""
    return len(prev.label) >= 60 and not prev.label.rstrip().endswith(":") and line.indent > prev.indent and \
        bool(after) and after[0].kind in ("data", "text") and after[0].indent <= prev.indent


def _label_span(doc: Document, line: Line) -> tuple[int, int] | None:
    fs = [f for f in line.label_fields if f.kind == "text"]
    if not fs:
        return None
    return doc.span(line.start + fs[0].start, line.start + fs[-1].end)


def _data_row(doc: Document, chain: list[Line], line: Line, ncols: int, anchors: list[tuple[float, float]],
              tabbed: bool, rule_above: bool) -> RawRow:
    cells: list[RawCell | None] = [None] * ncols
    after = line.fields[max(line.label_end, 0):]
    junk = [f.text for f in line.label_fields if f.kind == "junk"]
    junk += [f.text for f in after if f.kind == "text"]
    # An unreadable cell among the values keeps its place (an identity may fill it); one that cannot be
    # placed makes the row junk.
    values = [f for f in after if f.kind in ("num", "junk")]
    run_in = run_in_amount(line) if not tabbed and len(values) == ncols - 1 else None
    if run_in is not None:  # "Restricted Cash Equivalents (623)      (73)      (205)": the first value
        values.insert(0, run_in)
    placed = _place(values, ncols, anchors, tabbed)
    if placed is None:
        values = [f for f in after if f.kind == "num"]
        junk += [f.text for f in after if f.kind == "junk"]
        placed = _place(values, ncols, anchors, tabbed)
    if placed is None:
        junk.extend(f.text for f in values)
    else:
        for f, k in zip(values, placed, strict=True):
            cells[k] = RawCell(f.text, doc.span(line.start + f.start, line.start + f.end), f.number)
    own = line.label.strip()
    if run_in is not None and placed is not None:
        own = own[:len(own) - len(run_in.text)].rstrip()
    labels = [ln.label.strip() for ln in chain] + [own]
    label = " ".join(t for t in labels if t)
    first = chain[0] if chain else line
    span_start = _label_span(doc, first) or doc.span(line.start + (line.fields[0].start if line.fields else 0),
                                                     line.start + len(line.text))
    label_end = _label_span(doc, line)
    return RawRow(
        label=label,
        cells=cells,
        label_span=(span_start[0], label_end[1]) if label_end else (span_start if chain else None),
        indent=first.indent,
        rule_above=rule_above,
        junk=junk,
        span=(span_start[0], doc.start + line.start + len(line.text)),
    )
