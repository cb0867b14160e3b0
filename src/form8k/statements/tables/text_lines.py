"""Plain-text lines cut into fields: a label, numbers, currency signs, rules, junk.

A line is cut at tabs and at runs of two or more spaces; a field is a number,
a currency sign, a rule (`-----`, `=====`, `_`), junk (OCR noise such as
`4 = 000` or `Ψ`) or text. Each line gets a kind (blank, tag, rule, data,
years, text) that the table reader in `layout` builds tables from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from form8k.load import Document
from form8k.statements.tables.numbers import Number, clean_cell, is_year, parse_clean, parse_number
from form8k.statements.tables.numbers_tail import leaves_open
from form8k.statements.tables.numbers_tail import tail_start as _tail_start

_FIELD = re.compile(r"\S(?:.*?\S)??(?= {2,}|$)")
_DOLLAR_SPLIT = re.compile(r"(?<=[^\s$]) (?=\$)")
_TAG = re.compile(r"^\s*(?:</?(?:TABLE|CAPTION|PAGE|FN|S|C|F\d+)>\s*)+$", re.I)
_RULE = re.compile(r"^[-=_~.,'\s\u2013\u2014]*$")
# Zeros of a row whose label a text browser printed alone on the line above: one dash a column, spaced apart
# ("—      —"). A rule is drawn with runs of them.
_DASH_ROW = re.compile(r"\s*[\u2014\u2013](?:\s{2,}[\u2014\u2013])+\s*")
_DAY = re.compile(r"^[0-3]?\d,$")
_CURRENCY = frozenset({"$", "US$", "\\$"})
DIGIT = re.compile(r"\d")
_RULE_MARK = re.compile(r"[-=_\u2013\u2014]")
# A value column starts after a tab or two spaces with a digit, a sign, a dash or a currency mark.
_VALUE_GAP = re.compile(r"(?:\t| {2,})[\\$(\-\d.\u2013\u2014]")
WORD = re.compile(r"[A-Za-z]{2,}")
MAX_LABEL = 110
_MAX_ROW_LABEL = 250  # a row's label printed on one line (text rendered from HTML does not wrap it)
_MAX_LINE = 2_000  # longer lines (a row prints a label and a few dozen numbers) are prose, not rows
@dataclass(slots=True)
class Field:
    text: str
    start: int  # offset in the line
    end: int
    slot: int  # tab slot (0 for fixed-width lines)
    kind: str  # num, cur, rule, junk, text
    number: Number | None = None


@dataclass(slots=True)
class Line:
    start: int  # offset in the document text
    text: str
    kind: str = "text"  # blank, tag, rule, data, years, text, page (a page number inside a table)
    label_end: int = 0  # index of the first field after the label
    cut: list[Field] | None = None
    single: bool = False  # words and numbers separated by single spaces (text from a PDF without layout)

    @property
    def fields(self) -> list[Field]:
        if self.cut is None:
            self.cut = _fields(self.text)
        return self.cut

    @property
    def label_fields(self) -> list[Field]:
        fields = self.fields
        return fields if self.label_end < 0 else fields[:self.label_end]

    @property
    def label(self) -> str:
        return " ".join(f.text for f in self.label_fields if f.kind == "text")

    @property
    def nums(self) -> list[Field]:
        if self.label_end < 0:
            return []
        return [f for f in self.fields[self.label_end:] if f.kind == "num"]

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))


def _fields(text: str) -> list[Field]:
    out: list[Field] = []
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
            if len(parts) == 1 and " " in parts[0] and parts[0][0] in _AMOUNT_FIRST and parts[0][-1] in _AMOUNT_LAST:
                words = parts[0].split(" ")
                if all(_FIGURE.fullmatch(p) for p in words) and any(_AMOUNT.fullmatch(p) for p in words):
                    parts = words  # "$180,104 167,558", "(1,332) (1,261) (490)": columns too narrow to part them
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
    return _split_run_in_amount(out)


_GROUPED = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # digits in groups of three: "6,922,200", "4,009.2"
# An amount written in full ("$180,104", "(6,922,200)", "4,009.2"): two of them one space apart are two values.
_AMOUNT = re.compile(rf"\(?\$?{_GROUPED}\)?")
# A figure among amounts: "(490)", "2.5", "1,068", or a dash for a zero
_FIGURE = re.compile(r"\(?\$?\d{1,3}(?:,\d{3})*(?:\.\d+)?\)?|[\u2014\u2013]")
_AMOUNT_FIRST = frozenset("$(0123456789\u2014\u2013")
_AMOUNT_LAST = frozenset(")0123456789\u2014\u2013")
# "… issued and outstanding at June 30, 6,932,828": a long label that runs into its first value column.
_RUN_IN = re.compile(rf"(?<=[^\s$]) (\(?\$?\s?{_GROUPED}\)?)$")


def _split_run_in_amount(fields: list[Field]) -> list[Field]:
    for k in range(len(fields) - 1):
        f = fields[k]
        if f.kind == "text" and len(f.text) > 60 and fields[k + 1].kind == "num" and (m := _RUN_IN.search(f.text)):
            cut = f.start + m.start(1)
            label = _classify_field(f.text[:m.start(1) - 1], f.start, cut - 1, f.slot)
            amount = _classify_field(m.group(1), cut, f.end, f.slot)
            if amount.kind == "num":
                return fields[:k] + [label, amount] + fields[k + 1:]
    return fields


_TAIL_END = ")%-\u2013\u2014"  # besides a digit, what the last number of a row can end with
# A row label ends in a word, or in a reference to the notes ("Sales to customers (Note 9)").
_LABEL_END = re.compile(r"(?:[A-Za-z][A-Za-z)'’:]*+|\(notes?\s+\d+[A-Za-z]?\))\s*$", re.I)
# A number of a row's tail: "$ 12", "(7)", "—", with a percent sign printed apart ("6  %") joined to it.
_TAIL_TOKEN = re.compile(r"(?:\$ ?)?[^\s$]+(?:\s+%(?!\S))?")


def single_spaced(text: str, relaxed: bool = False) -> list[Field] | None:
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
    tokens = list(_TAIL_TOKEN.finditer(text, tail))
    numbers = [t for t in tokens if parse_number(t.group(0)) is not None]
    if len(numbers) != len(tokens) or len(tokens) < (1 if relaxed else 2):
        return None
    years = all(is_year(t.group(0)) for t in tokens)
    if not label.strip() and (years or relaxed):  # a row of years, or (in a table) the values of a wrapped row
        return [_classify_field(t.group(0), t.start(), t.end(), k + 1) for k, t in enumerate(tokens)]
    if len(label.strip()) > MAX_LABEL or not _LABEL_END.search(label) or _OPEN_END.search(label.rstrip()):
        return None  # "… net of accumulated amortization of $1,085 and $1,046": the label's own amounts
    if not relaxed and len(tokens) < 3 and not any(re.search(r"[,.$()\u2014\u2013-]", t.group(0)) for t in tokens):
        return None
    # Positions mean nothing without a layout: number the values instead, as tab slots.
    start = len(label) - len(label.lstrip())
    fields = [_classify_field(label.strip(), start, len(label.rstrip()), 0)]
    fields += [_classify_field(t.group(0), t.start(), t.end(), k + 1) for k, t in enumerate(tokens)]
    return fields


def _classify_field(raw: str, start: int, end: int, slot: int) -> Field:
    t = clean_cell(raw)
    if t in _CURRENCY:
        return Field(raw, start, end, slot, "cur")
    if _DAY.match(t):
        return Field(raw, start, end, slot, "text")  # "31," of "December 31," wrapped onto its own line
    number = parse_clean(t, t)  # parse_number(t), as `t` is clean already
    if number is not None and not (number.dash and len(t) > 3 and set(t) <= set("-=_")):
        return Field(raw, start, end, slot, "num", number)
    if _RULE.match(t):
        return Field(raw, start, end, slot, "rule")
    if not WORD.search(t):
        if len(t) >= 8 and re.fullmatch(r"[\d,;.() ]+", t) and re.search(r"[,;] ", t):
            return Field(raw, start, end, slot, "text")  # "1997, 1,943,666; 1996, 1,191,666": label words
        return Field(raw, start, end, slot, "junk")
    return Field(raw, start, end, slot, "text")


def _has_value_gap(text: str) -> bool:
    return ("\t" in text or "  " in text) and bool(_VALUE_GAP.search(text))  # the gap is a tab or two spaces


def read_line(start: int, text: str, fields: list[Field] | None = None) -> Line:
    line = Line(start, text)
    if len(text) > _MAX_LINE:
        line.cut = [Field(text, 0, len(text), 0, "text")]  # one field: prose, never cut into millions
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
    dashes = fields is None and _DASH_ROW.fullmatch(text) is not None
    if fields is None and not DIGIT.search(text) and not dashes:
        # No number on the line: text (cut into fields only if a table needs it), a rule or nothing.
        if not WORD.search(text):
            line.kind = "rule" if _RULE_MARK.search(text) else "blank"
        return line
    stripped = text.strip()
    if fields is None and not _has_value_gap(stripped) and parse_number(stripped) is None:
        # One run of words: prose or a heading, unless it ends in a run of numbers the way text
        # extracted from a PDF without layout prints a row ("Total revenues 12,072 6,587 19,842").
        single = single_spaced(text)
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
                    and not any(f.kind == "text" for f in fs) and not dashes):
        if all(f.kind in ("rule", "junk", "cur", "num") for f in fs) and not any(c.isdigit() for c in text):
            line.kind = "rule" if _RULE_MARK.search(text) else "blank"
        return line
    if label_len > _MAX_ROW_LABEL:
        return line
    trailing = [f for f in fs[k:] if f.kind == "text"]
    if any(len(f.text) > 12 or " " in f.text.strip() for f in trailing):
        return line  # numbers followed by words: a list ("99.1  Press release"), not a table row
    if all(is_year(f.text) for f in nums) and not any(f.kind == "junk" for f in fs):
        line.kind = "years"
        return line
    line.kind = "data"
    return line


def read_lines(doc: Document) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for raw in doc.text.split("\n"):
        out.append(read_line(pos, raw))
        pos += len(raw) + 1
    return out


_LAST_VALUE = re.compile(r"(?<=\S) (\(?\$?\(?[\d.,]*\d\)?)\s*$")


def run_in_value(line: Line, starts: set[int], ends: set[int]) -> Line | None:
    """A row whose label is long enough to run into its value, one space apart, re-read as label and value.

    "…aggregate liquidation preference $5,750 6" prints its "6" where the table's values start (`starts`)
    or end (`ends`): read as a line alone it is prose; in its table, it is a row with one value.
    """
    m = _LAST_VALUE.search(line.text)
    if m is None or not (m.start(1) in starts or m.end(1) in ends):
        return None
    label = line.text[:m.start(1)].rstrip()
    value = _classify_field(m.group(1), m.start(1), m.end(1), 0)
    if value.kind != "num" or not WORD.search(label) or len(label.strip()) > _MAX_ROW_LABEL:
        return None
    indent = len(label) - len(label.lstrip())
    row = read_line(line.start, line.text, [_classify_field(label.strip(), indent, len(label), 0), value])
    row.single = False  # its value stands where the table's columns are: positions hold
    return row if row.kind == "data" else None


# The words and marks a label does not end with: its next line goes on with it.
_OPEN_END = re.compile(r"(?:\b(?:and|or|of|at|in|for|to|the|by|with|from|on|as|per)|[,;])$", re.I)


def continues(prev: Line, line: Line) -> bool:
    """Whether `line` goes on with the label of `prev`: it starts as no label does (lower case, a digit, "("),
    or `prev` stops where no label ends ("… authorized at December 31, 2024 and", an open parenthesis)."""
    first = line.label[:1]
    before = prev.label.rstrip()
    return (not before.endswith(":") and (first == "" or first.islower() or first.isdigit() or first == "("
                                          or _OPEN_END.search(before) is not None
                                          or leaves_open(before))
            and line.indent >= prev.indent)


# An amount after a label's last word, one space apart: "(623)", "1,796", "0.52"; not "$5,750" (a caption's own
# amount: "aggregate liquidation preference $5,750"), nor an amount after "of", "at"… ("net of allowance of 985").
_AMOUNT_END = re.compile(r"(?<=[a-z)])(?<!\bof)(?<!\bat)(?<!\bto)(?<!\bby)(?<!\band)(?<!\bper)(?<!\bfrom) "
                         rf"(\(?{_GROUPED}\)?|\(?\d{{3,}}\)?|\(?\d*\.\d+\)?)$", re.I)


def run_in_amount(line: Line) -> Field | None:
    """An amount a text browser printed one space after the row's label: the row's first value. Only a bare
    amount ("(623)", "1,796", "0.52"): a footnote mark "(1)", a year or a dollar amount ending a label stays
    the label's."""
    fields = [f for f in line.label_fields if f.kind == "text"]
    if not fields:
        return None
    last = fields[-1]
    m = _AMOUNT_END.search(last.text)
    if m is None or is_year(m.group(1).strip("()$")):
        return None
    number = parse_number(m.group(1))
    if number is None:
        return None
    return Field(m.group(1), last.start + m.start(1), last.start + m.end(1), last.slot, "num", number)
