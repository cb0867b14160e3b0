"""Plain-text layout -> raw tables.

Old EDGAR text and text extracted from PDFs print tables as lines: a label,
then numbers separated by runs of spaces (fixed-width) or by tabs. A line is
cut into fields at tabs and at runs of two or more spaces; a field is a
number, a currency sign, a rule (`-----`, `=====`, `_`), junk (OCR noise such
as `4 = 000` or `Ψ`) or text. A table is a run of lines with numbers, broken
by prose, by a new period header (`2004  2003`, `Three Months Ended …`) or by
`<TABLE>` tags. Value columns are placed from the lines that have the most
common count of numbers: by character position in fixed-width layout, by
tab slot in tab-separated text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import partial

from form8k.load import Document
from form8k.statements.tables.numbers import Number, clean_cell, is_year, parse_number
from form8k.statements.tables.numbers_tail import tail_start as _tail_start
from form8k.statements.tables.raw import HeaderCell, RawCell, RawRow, RawTable, enough_values

_FIELD = re.compile(r"\S(?:.*?\S)??(?= {2,}|$)")
_DOLLAR_SPLIT = re.compile(r"(?<=[^\s$]) (?=\$)")
_TAG = re.compile(r"^\s*(?:</?(?:TABLE|CAPTION|PAGE|FN|S|C|F\d+)>\s*)+$", re.I)
_RULE = re.compile(r"^[-=_~.,'\s\u2013\u2014]*$")
_CURRENCY = frozenset({"$", "US$", "\\$"})
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_PERIOD_HEAD = re.compile(rf"\b(?:weeks?|months?|quarters?|years?)\s+ended\b|\bas\s+of\b|\b{_MONTH}\s+\d{{1,2}}\b", re.I)
_TITLE = re.compile(r"\bstatements?\s+of\b|\bbalance\s+sheets?\b|\bsupplemental\b|\breconciliation\b|"
                    r"\bsegment\b|\bselected\s+financial\b|\bfinancial\s+(?:information|highlights|data)\b", re.I)
_DIGIT = re.compile(r"\d")
_RULE_MARK = re.compile(r"[-=_\u2013\u2014]")
_TABLE_BREAK_TAG = re.compile(r"TABLE|PAGE|CAPTION", re.I)
_TABLE_OPEN = re.compile(r"<TABLE>", re.I)
_TABLE_CLOSE = re.compile(r"</TABLE>", re.I)
# A value column starts after a tab or two spaces with a digit, a sign, a dash or a currency mark.
_VALUE_GAP = re.compile(r"(?:\t| {2,})[\\$(\-\d.\u2013\u2014]")
_WORD = re.compile(r"[A-Za-z]{2,}")
_MAX_LABEL = 110
_MAX_LINE = 2_000  # longer lines (a row prints a label and a few dozen numbers) are prose, not rows
_CONTEXT_LINES = 10


@dataclass(slots=True)
class _Field:
    text: str
    start: int  # offset in the line
    end: int
    slot: int  # tab slot (0 for fixed-width lines)
    kind: str  # num, cur, rule, junk, text
    number: Number | None = None


@dataclass(slots=True)
class _Line:
    start: int  # offset in the document text
    text: str
    kind: str = "text"  # blank, tag, rule, data, years, text, page (a page number inside a table)
    label_end: int = 0  # index of the first field after the label
    cut: list[_Field] | None = None
    single: bool = False  # words and numbers separated by single spaces (text from a PDF without layout)

    @property
    def fields(self) -> list[_Field]:
        if self.cut is None:
            self.cut = _fields(self.text)
        return self.cut

    @property
    def label_fields(self) -> list[_Field]:
        fields = self.fields
        return fields if self.label_end < 0 else fields[:self.label_end]

    @property
    def label(self) -> str:
        return " ".join(f.text for f in self.label_fields if f.kind == "text")

    @property
    def nums(self) -> list[_Field]:
        if self.label_end < 0:
            return []
        return [f for f in self.fields[self.label_end:] if f.kind == "num"]

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))


def _fields(text: str) -> list[_Field]:
    out: list[_Field] = []
    pos = 0
    for slot, piece in enumerate(text.replace("\\$", " $").split("\t")):
        for m in _FIELD.finditer(piece):
            # "(839) $" and "$ 0.24 $ 1.04": a dollar sign after a single space starts a new field.
            parts: list[str] = [m.group(0)]
            if "$" in m.group(0):
                parts = []
                for part in _DOLLAR_SPLIT.split(m.group(0)):
                    if parts and not (parse_number(parts[-1]) or parts[-1] in _CURRENCY):
                        parts[-1] += " " + part
                    else:
                        parts.append(part)
            offset = m.start()
            for part in parts:
                start = pos + offset
                prev = out[-1] if out else None
                if part == "%" and prev is not None and prev.kind == "num" and prev.slot == slot:
                    # "100.0   %": a percent sign printed in its own column belongs to the number before it.
                    out[-1] = _classify_field(text[prev.start:start + 1], prev.start, start + 1, slot)
                else:
                    out.append(_classify_field(part, start, start + len(part), slot))
                offset += len(part) + 1
        pos += len(piece) + 1
    return out


_TAIL_END = ")%-\u2013\u2014"  # besides a digit, what the last number of a row can end with


def _single_spaced(text: str, relaxed: bool = False) -> list[_Field] | None:
    """Fields of a row whose label and numbers are separated by single spaces, or None for prose.

    Alone, a line needs three numbers or one that looks like an amount ("12,072", "(0.07)"); `relaxed`
    (a line inside a table of such rows) takes any run of numbers.
    """
    if not (text[-1:].isdecimal() or text[-1:] in _TAIL_END):
        return None
    tail = _tail_start(text)
    if tail is None:
        return None
    label = text[:tail]
    tokens = list(re.finditer(r"(?:\$ ?)?[^\s$]+", text[tail:]))
    numbers = [t for t in tokens if parse_number(t.group(0)) is not None]
    if len(numbers) != len(tokens) or len(tokens) < (1 if relaxed else 2):
        return None
    years = all(is_year(t.group(0)) for t in tokens)
    if not label.strip() and years:
        return [_classify_field(t.group(0), tail + t.start(), tail + t.end(), k + 1)
                for k, t in enumerate(tokens)]
    if len(label.strip()) > _MAX_LABEL or not re.search(r"[A-Za-z][A-Za-z)'’:]*+\s*$", label):
        return None
    if not relaxed and len(tokens) < 3 and not any(re.search(r"[,.$()\u2014\u2013-]", t.group(0)) for t in tokens):
        return None
    # Positions mean nothing without a layout: number the values instead, as tab slots.
    start = len(label) - len(label.lstrip())
    fields = [_classify_field(label.strip(), start, len(label.rstrip()), 0)]
    fields += [_classify_field(t.group(0), tail + t.start(), tail + t.end(), k + 1)
               for k, t in enumerate(tokens)]
    return fields


def _classify_field(raw: str, start: int, end: int, slot: int) -> _Field:
    t = clean_cell(raw)
    if t in _CURRENCY:
        return _Field(raw, start, end, slot, "cur")
    number = parse_number(t)
    if number is not None and not (number.dash and len(t) > 3 and set(t) <= set("-=_")):
        return _Field(raw, start, end, slot, "num", number)
    if _RULE.match(t):
        return _Field(raw, start, end, slot, "rule")
    if not _WORD.search(t):
        if len(t) >= 8 and re.fullmatch(r"[\d,;.() ]+", t) and re.search(r"[,;] ", t):
            return _Field(raw, start, end, slot, "text")  # "1997, 1,943,666; 1996, 1,191,666": label words
        return _Field(raw, start, end, slot, "junk")
    return _Field(raw, start, end, slot, "text")


def _has_value_gap(text: str) -> bool:
    return ("\t" in text or "  " in text) and bool(_VALUE_GAP.search(text))  # the gap is a tab or two spaces


def _read_line(start: int, text: str, fields: list[_Field] | None = None) -> _Line:
    line = _Line(start, text)
    if len(text) > _MAX_LINE:
        line.cut = [_Field(text, 0, len(text), 0, "text")]  # one field: prose, never cut into millions
        return line
    if fields is not None:
        line.cut, line.single = fields, True
    if not text.strip():
        line.kind = "blank"
        return line
    if "<" in text and _TAG.match(text):
        line.kind = "tag"
        return line
    line.label_end = -1  # every field is label until numbers are found
    if fields is None and not _DIGIT.search(text):
        # No number on the line: text (cut into fields only if a table needs it), a rule or nothing.
        if not _WORD.search(text):
            line.kind = "rule" if _RULE_MARK.search(text) else "blank"
        return line
    stripped = text.strip()
    if fields is None and not _has_value_gap(stripped) and parse_number(stripped) is None:
        # One run of words: prose or a heading, unless it ends in a run of numbers the way text
        # extracted from a PDF without layout prints a row ("Total revenues 12,072 6,587 19,842").
        single = _single_spaced(text)
        if single is None:
            return line
        line.cut = single
        line.single = True
    fs = line.fields
    k = 0
    while k < len(fs) and fs[k].kind in ("text", "junk", "cur") and not (fs[k].kind == "cur" and k > 0):
        k += 1
    line.label_end = k
    nums = [f for f in fs[k:] if f.kind == "num"]
    label_len = sum(len(f.text) for f in fs[:k])
    if not nums or (k == 0 and all(f.number is not None and f.number.dash for f in nums)
                    and not any(f.kind == "text" for f in fs)):
        if all(f.kind in ("rule", "junk", "cur", "num") for f in fs) and not any(c.isdigit() for c in text):
            line.kind = "rule" if _RULE_MARK.search(text) else "blank"
        return line
    if label_len > _MAX_LABEL:
        return line
    trailing = [f for f in fs[k:] if f.kind == "text"]
    if any(len(f.text) > 12 or " " in f.text.strip() for f in trailing):
        return line  # numbers followed by words: a list ("99.1  Press release"), not a table row
    if all(is_year(f.text) for f in nums) and not any(f.kind == "junk" for f in fs):
        line.kind = "years"
        return line
    line.kind = "data"
    return line


def _lines(doc: Document) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in doc.text.split("\n"):
        out.append(_read_line(pos, raw))
        pos += len(raw) + 1
    return out


def _is_prose(line: _Line) -> bool:
    s = line.text.strip()
    longest = max((len(f.text) for f in line.fields), default=0)
    return longest > _MAX_LABEL or (len(s) > 100 and len(_WORD.findall(s)) > 12)


def _breaks(line: _Line, tagged: bool = False) -> bool:
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
    return not tagged and (bool(_PERIOD_HEAD.search(line.text)) or bool(_TITLE.search(line.text)))


def _tagged(lines: list[_Line]) -> list[bool]:
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
    lines = _lines(doc)
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
            elif _breaks(line, tagged[k]):
                break
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


def _columns(data: list[_Line], tabbed: bool) -> tuple[int, list[tuple[float, float]]]:
    line_nums = [ln.nums for ln in data]  # each line's numbers, read once
    if not tabbed:
        # Fixed-width: numbers of one column overlap in character position; columns do not.
        groups: list[tuple[float, float]] = []
        for lo, hi in sorted({(f.start, f.end) for nums in line_nums for f in nums}):
            if groups and lo < groups[-1][1]:
                groups[-1] = (groups[-1][0], max(groups[-1][1], hi))
            else:
                groups.append((lo, hi))

        def group(f: _Field) -> int:
            return next(k for k, (lo, hi) in enumerate(groups) if lo <= f.start and f.end <= hi)

        if all(len({group(f) for f in nums}) == len(nums) for nums in line_nums):
            return len(groups), groups
    counts = Counter(len(nums) for nums in line_nums)
    common = [c for c, m in counts.items() if m >= max(2, len(data) // 4)]
    ncols = max(common) if common else max(counts)
    full = [nums for nums in line_nums if len(nums) == ncols]
    anchors: list[tuple[float, float]] = []
    for k in range(ncols):
        if tabbed:
            slots = Counter(nums[k].slot for nums in full)
            s = float(slots.most_common(1)[0][0])
            anchors.append((s, s))
        else:
            anchors.append((min(nums[k].start for nums in full), max(nums[k].end for nums in full)))
    return ncols, anchors


def _stray_line(data: list[_Line], anchors: list[tuple[float, float]]) -> _Line | None:
    """The one line that alone makes the first or last value column, with a single number in it."""
    if len(anchors) < 2:
        return None
    for lo, hi in (anchors[0], anchors[-1]):
        users = [ln for ln in data if any(lo <= f.start and f.end <= hi for f in ln.nums)]
        if len(users) == 1 and len(users[0].nums) == 1 and not any(f.kind == "junk" for f in users[0].fields):
            return users[0]
    return None


def _place(fields: list[_Field], ncols: int, anchors: list[tuple[float, float]], tabbed: bool) -> list[int] | None:
    """Value column of each field, or None when they cannot be placed in order."""
    if len(fields) == ncols:
        return list(range(ncols))
    if len(fields) > ncols:
        return None

    def distance(f: _Field, k: int) -> float:
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


def _is_continuation(prev: _Line, line: _Line) -> bool:
    first = line.label[:1]
    return (not prev.label.rstrip().endswith(":") and (first == "" or first.islower() or first.isdigit()
                                                       or first == "(") and line.indent >= prev.indent)


def _table(doc: Document, index: int, lines: list[_Line], floor: int, first: int, last: int) -> RawTable | None:
    body = [ln for ln in lines[first:last + 1]]
    data = [ln for ln in body if ln.kind == "data"]
    if len(data) < 2:
        return None
    tabbed = sum("\t" in ln.text or ln.single for ln in data) > len(data) / 2
    if sum(ln.single for ln in data) > len(data) / 2:
        for k in range(first, last + 1):
            line = lines[k]
            if line.kind == "text" and _DIGIT.search(line.text):
                fields = _single_spaced(line.text, relaxed=True)
                if fields is not None and len(fields) > 1:
                    lines[k] = _read_line(line.start, line.text, fields)
        body = lines[first:last + 1]
        data = [ln for ln in body if ln.kind == "data"]
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

    def in_label_region(line: _Line) -> bool:
        return all((f.slot == 0) if tabbed else (f.end <= value_start) for f in line.fields)

    def is_caption(f: _Field) -> bool:
        return f.slot == 0 if tabbed else f.start < max(label_edge, 1)

    def is_header_like(line: _Line) -> bool:
        return line.kind == "years" or (line.kind == "text" and not _is_prose(line)
                                        and any(not is_caption(f) for f in line.fields))

    # Label lines just above the first values belong to the table (section heads such as "REVENUES").
    top = first
    while top - 1 >= floor and lines[top - 1].kind in ("text", "blank", "rule") and \
            (lines[top - 1].kind != "text" or (in_label_region(lines[top - 1]) and not _breaks(lines[top - 1]))):
        if lines[top - 1].kind == "blank" and (top - 2 < floor or lines[top - 2].kind == "blank"):
            break
        top -= 1
    while top < first and lines[top].kind != "text":
        top += 1
    # Header lines above that: periods, years, captions; text over the label column is a caption.
    head_top = top
    header_lines: list[_Line] = []
    k = top - 1
    while k >= floor:
        line = lines[k]
        if line.kind == "blank":
            j = k - 1
            while j >= floor and lines[j].kind == "blank":
                j -= 1
            if k - j <= 2 and j >= floor and header_lines and is_header_like(lines[j]):
                k = j
                continue
            if header_lines:
                break
            k -= 1
            continue
        if line.kind in ("years", "rule") or (line.kind == "tag" and not _TABLE_OPEN.search(line.text)) or is_header_like(line) or line.kind == "text" and header_lines and not _is_prose(line) and len(line.text.strip()) < 60 \
                and line.text.lstrip().startswith("(") and is_header_like(header_lines[-1]):
            header_lines.append(line)
        else:
            break
        head_top = k
        k -= 1
    header_lines.reverse()
    header: list[list[HeaderCell]] = []
    label_header: list[str] = []
    for line in header_lines:
        if line.kind not in ("years", "text"):
            continue
        label_fields = [f for f in line.fields if is_caption(f)]
        value_fields = [f for f in line.fields if f not in label_fields and f.kind != "rule"]
        label_header.extend(f.text for f in label_fields)
        if value_fields:
            header.append(_header_cells(value_fields, ncols, anchors, tabbed))
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
    start = doc.start + lines[top].start
    end = doc.start + lines[last].start + len(lines[last].text)
    return RawTable(document=index, span=(start, end), rows=rows, ncols=ncols, header=header,
                    label_header=label_header, context="\n".join(reversed(ctx_lines)), source="text")


def _header_cells(fields: list[_Field], ncols: int, anchors: list[tuple[float, float]], tabbed: bool) -> list[HeaderCell]:
    if tabbed:
        texts = [f for f in fields if f.kind != "cur"]
        if texts and ncols % len(texts) == 0:
            per = ncols // len(texts)
            return [HeaderCell(f.text, i * per, i * per + per - 1) for i, f in enumerate(texts)]
        return [HeaderCell(f.text, *([_nearest(f, anchors, True)] * 2)) for f in texts]
    cells = []
    for f in fields:
        ks = [k for k, (lo, hi) in enumerate(anchors) if f.start <= hi + 1 and lo - 1 <= f.end]
        if not ks:
            ks = [_nearest(f, anchors, False)]
        cells.append(HeaderCell(f.text, ks[0], ks[-1]))
    return cells


def _nearest(f: _Field, anchors: list[tuple[float, float]], tabbed: bool) -> int:
    if tabbed:
        return min(range(len(anchors)), key=lambda k: abs(anchors[k][0] - f.slot))
    mid = (f.start + f.end) / 2
    return min(range(len(anchors)), key=lambda k: abs((anchors[k][0] + anchors[k][1]) / 2 - mid))


def _rows(doc: Document, body: list[_Line], ncols: int, anchors: list[tuple[float, float]],
          tabbed: bool) -> list[RawRow]:
    rows: list[RawRow] = []
    pending: list[_Line] = []  # label-only lines waiting to see whether the next line continues them
    rule_above = False
    last_data: _Line | None = None

    def flush(lines: list[_Line]) -> None:
        groups: list[list[_Line]] = []
        for ln in lines:
            if groups and _is_continuation(groups[-1][-1], ln):
                groups[-1].append(ln)
            else:
                groups.append([ln])
        for group in groups:
            first, last = _label_span(doc, group[0]), _label_span(doc, group[-1])
            span = (first[0], last[1]) if first and last else first
            rows.append(RawRow(label=" ".join(ln.label.strip() for ln in group), cells=[None] * ncols,
                               label_span=span, indent=group[0].indent, span=span))

    for line in body:
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
            if pending and _is_continuation(pending[-1], line) and line.label:
                pending.append(line)
            elif not pending and last_data is not None and rows and rows[-1].has_values and line.label and \
                    line.label[:1].islower() and line.indent > last_data.indent and \
                    not last_data.label.rstrip().endswith(":"):
                # "Series B: 2,000,000 shares designated …  5,915,572" wrapped onto a second line after its values
                rows[-1].label += " " + line.label.strip()
            else:
                flush(pending)
                pending = [line] if line.label else []
            continue
        chain: list[_Line] = []
        if pending and _is_continuation(pending[-1], line):
            chain = [pending.pop()]
            while pending and _is_continuation(pending[-1], chain[0]):
                chain.insert(0, pending.pop())
        flush(pending)
        pending = []
        rows.append(_data_row(doc, chain, line, ncols, anchors, tabbed, rule_above))
        last_data = line
        rule_above = False
    flush(pending)
    return rows


def _label_span(doc: Document, line: _Line) -> tuple[int, int] | None:
    fs = [f for f in line.label_fields if f.kind == "text"]
    if not fs:
        return None
    return doc.span(line.start + fs[0].start, line.start + fs[-1].end)


def _data_row(doc: Document, chain: list[_Line], line: _Line, ncols: int, anchors: list[tuple[float, float]],
              tabbed: bool, rule_above: bool) -> RawRow:
    cells: list[RawCell | None] = [None] * ncols
    after = line.fields[max(line.label_end, 0):]
    junk = [f.text for f in line.label_fields if f.kind == "junk"]
    junk += [f.text for f in after if f.kind == "text"]
    # An unreadable cell among the values keeps its place (an identity may fill it); one that cannot be
    # placed makes the row junk.
    values = [f for f in after if f.kind in ("num", "junk")]
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
    labels = [ln.label.strip() for ln in chain] + [line.label.strip()]
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
