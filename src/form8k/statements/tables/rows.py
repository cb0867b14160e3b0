"""Raw rows -> typed `Row`s: label, depth, section, total, unit, values in base units.

A row is a section heading ("Revenues:", "Costs and expenses:") when it has
a label and no values; a total when its label says so ("Total …", "Net cash
provided by …") or when an unlabelled row of values sits under a rule. Rows
that cannot be data are rejected and reported, never used: OCR noise (`4 =
000   44.400   0.40=0`), cells of junk (`Ψ`), and garbled duplicates of a
neighbouring row (`rece mediae (1955) per common suare…`).

Values are scaled to base units: amounts by the table's scale, share counts
by its share scale, per-share amounts not at all, percentages to fractions.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from form8k.models import Problem, Row, Span
from form8k.statements.tables.header import ColumnHead
from form8k.statements.tables.numbers import Number
from form8k.statements.tables.raw import RawRow, RawTable
from form8k.text.fold import fold

_FOOTNOTE_MARK = re.compile(r"\s*(?:\((\d{1,2}|[a-z]|[ivx]{1,4})\)|(\*{1,3}|†|‡))(?=\s*(?:\(|\*|†|‡|$))")
_TRAILING_SUPERSCRIPT = re.compile(r"(?<=[a-z])(\d)$")
_MARK_OPENERS = re.compile(r"[(*†‡]")
_TOTAL = re.compile(r"^(?:total\b|subtotal\b|net\s+cash\b|cash\s+(?:provided|generated|used)\b|"
                    r"net\s+(?:increase|decrease|change|\(decrease\)|\(increase\))\b|"
                    r"\(?(?:increase|decrease)\)?\s*(?:/|and|or)?\s*\(?(?:increase|decrease)?\)?\s+in\s+cash\b)", re.I)
_SHARES = re.compile(r"\b(?:weighted|average)\b.*\bshares\b|\bshares\s+(?:used|outstanding|issued|in\s+computing)\b|"
                     r"\bnumber\s+of\s+(?:\w+\s+)?shares\b|\bequivalent\s+shares\b|\bshares\b.*\b(?:basic|diluted)\b|"
                     r"\b(?:basic|diluted)\b.*\bshares\b|^\(?shares\)?$|\bunits\s+outstanding\b|"
                     r"^denominator\b", re.I)  # an EPS note's "Denominator:" heads its share counts
# Labels that take their unit from the heading above: "Basic" under "Earnings per share:", and the parts of
# per-share earnings ("Continuing operations - basic" under "Net earnings per share").
_SHORT_LABEL = re.compile(r"^(?=.)(?:(?:(?:income|earnings|loss)\s+)?(?:from\s+)?(?:continuing|discontinued)\s+operations"
                          r"(?:\s*[-\u2013\u2014,:]\s*|\s+)?)?(?:basic|diluted|basic and diluted|primary|fully diluted|"
                          r"assuming dilution)?$|"
                          # "Effect of dilutive securities" between the basic and diluted shares or per-share amounts
                          r"^(?:dilutive\s+)?effects?\s+of\s+(?:dilutive\s+)?(?:securities|stock\s+options|"
                          r"(?:share|stock)-based\s+(?:awards|compensation)|employee\s+stock\s+plans|equity\s+awards|"
                          r"potential\s+(?:common\s+)?shares)$", re.I)
_MAJOR = re.compile(r"^(?:assets|liabilities\s+and\s+.*(?:equity|deficit|capital))\s*:?$", re.I)
_BALANCE_SHARES = re.compile(r"^(?:total\s+)?(?:number\s+of\s+)?(?:common\s+|ordinary\s+)?shares\s+"
                             r"(?:outstanding|issued)\b[^,;]{0,30}$", re.I)
_STOCK_LINE = re.compile(r"^(?:common|preferred|capital|treasury|class\s+[ab])\s+(?:stock|shares)\b", re.I)
_PER_SHARE = re.compile(r"\bper\s+(?:\w+\s+){0,2}share\b|\bper\s+(?:\w+\s+)?unit\b|\beps\b|\bearnings\s+per\b|"
                        r"\bdividends?\s+(?:declared\s+)?per\b", re.I)
_WORDS = re.compile(r"[a-z]+")
_LESS = re.compile(r"^less\b", re.I)
_NET = re.compile(r"net\b", re.I)
_DIGIT = re.compile(r"\d")
_HEADING = re.compile(r"^(?:assets|liabilities(?: and (?:stockholders|shareholders)[’']? equity)?|revenues?|"
                      r"current assets|operating activities)\s*:?$", re.I)
_STOP = frozenset({"total", "net", "and", "of", "the", "from", "for", "in", "by", "to", "a", "provided", "used",
                   "generated", "cash", "flows", "flow", "less", "other"})


@dataclass(slots=True)
class RowsRead:
    rows: list[Row]
    paths: list[tuple[str, ...]]  # open section headings over each row, outermost first
    decimals: list[list[int | None]]  # XBRL-style precision of each printed value
    rule_above: list[bool]
    problems: list[Problem] = field(default_factory=list)


def clean_label(label: str) -> tuple[str, list[str]]:
    """A row label without its footnote markers, and the markers.

    >>> clean_label("Research and development (1)")
    ('Research and development', ['1'])
    """
    notes: list[str] = []

    def keep(m: re.Match[str]) -> str:
        notes.append(m.group(1) or m.group(2))
        return ""

    text = " ".join(label.replace("\u00a0", " ").split())
    # Most labels hold no marker: one needs a parenthesis or a symbol, a superscript is a last digit.
    cleaned = _FOOTNOTE_MARK.sub(keep, text).strip() if _MARK_OPENERS.search(text) else text
    m = _TRAILING_SUPERSCRIPT.search(cleaned) if cleaned[-1:].isdecimal() else None
    if m and len(cleaned) > 12 and cleaned[-2].islower() and not cleaned.lower().endswith(("q1", "q2", "q3", "q4")):
        notes.append(m.group(1))
        cleaned = cleaned[:-1]
    return cleaned or text, notes


def row_unit(label: str, path: tuple[str, ...], statement: str | None = None) -> str:
    """USD, shares or USD/share, from the row's label and, for "Basic"/"Diluted", its heading.

    >>> row_unit("Basic", ("Shares used in computing earnings per share",))
    'shares'
    >>> row_unit("Common shares", ())
    'USD'
    """
    text = f"{path[-1]} {label}" if path and _SHORT_LABEL.match(label) else label
    if statement == "balance":
        # Balance sheets print amounts; share counts there are memo lines ("Total common shares outstanding").
        return "shares" if _BALANCE_SHARES.match(label) else "USD"
    low = fold(text)  # the words each pattern needs, tested first (see form8k.text.fold)
    if ("shares" in low or "units" in low or "denominator" in low) and _SHARES.search(text) and \
            not _STOCK_LINE.match(label):
        return "shares"
    if ("per" in low or "eps" in low) and _PER_SHARE.search(text):
        return "USD/share"
    return "USD"


def _key_words(label: str) -> set[str]:
    return {w for w in _WORDS.findall(label.lower()) if w not in _STOP}


def _depths(indents: list[float]) -> list[int]:
    levels = sorted({round(i, 1) for i in indents})
    rank = {v: k for k, v in enumerate(levels)}
    return [rank[round(i, 1)] for i in indents]


def _rejection(raw: RawRow, prev: list[RawRow]) -> str | None:
    """Why a row cannot be data, or None."""
    if raw.junk and raw.has_values:
        return f"unreadable cells {raw.junk!r}"
    unreadable = [c.text for c in raw.cells if c is not None and c.number is None and _DIGIT.search(c.text)]
    filled = sum(1 for c in raw.cells if c is not None)
    if unreadable and (not raw.label or len(unreadable) * 2 > filled):
        printed = [c.text for c in raw.cells if c is not None] + raw.junk
        return f"unreadable cells {printed!r}"
    if not raw.label and raw.has_values and not raw.rule_above and any(
            c is not None and c.number is not None and c.number.decimals and "," not in c.text for c in raw.cells) \
            and sum(c is not None for c in raw.cells) < len(raw.cells):
        return "a row of stray numbers with no label"
    other = prev[-1] if prev else None
    if other is not None and other.label and raw.label and other.has_values:
        # OCR sometimes reads one printed line twice, the second time badly: a look-alike label, the same
        # numbers mostly, and words that are not words.
        same = sum(1 for a, b in zip(other.cells, raw.cells, strict=False)
                   if a and b and a.number is not None and b.number is not None and not a.number.dash
                   and a.number.value == b.number.value)
        values = sum(1 for c in raw.cells if c is not None and c.number is not None and not c.number.dash)
        if same >= 2 and same * 2 >= values:
            odd, other_odd = _oddness(raw.label), _oddness(other.label)
            if odd >= 0.4 and odd - other_odd >= 0.3 and \
                    difflib.SequenceMatcher(None, other.label.lower(), raw.label.lower()).ratio() >= 0.55:
                return f"a garbled copy of the row {other.label!r}"
    return None


def _oddness(label: str) -> float:
    """Share of words that are not plausible English words (OCR damage shows as odd spellings)."""
    words = _WORDS.findall(label.lower())
    if not words:
        return 1.0
    common = ("tion", "ing", "ed", "es", "al", "er", "ent", "ive", "ity", "ome", "per", "share", "basic",
              "and", "net", "income", "loss", "diluted", "common", "the", "of", "in")
    odd = sum(1 for w in words if not any(w.endswith(c) or w == c for c in common) and len(w) > 2)
    return odd / len(words)


_DILUTION = re.compile(r"\b(?:dilutive|dilution)\b(?!.*\bper\b)", re.I)
_BASIC_DILUTED = re.compile(r"\b(?:basic|diluted)\b", re.I)


def read_rows(raw: RawTable, heads: list[ColumnHead], scale: int, share_scale: int,
              statement: str | None = None, cleaned: list[tuple[str, list[str]]] | None = None) -> RowsRead:
    """Typed rows of one raw table, with the structure the checks and the concept map need.

    `cleaned` is `clean_label` of each row's label, when the caller has it already.
    """
    # Rows are built validated: their values are typed already, and pydantic-core validates them faster
    # than model_construct copies them field by field in Python.
    rows: list[Row] = []
    paths: list[tuple[str, ...]] = []
    decimals: list[list[int | None]] = []
    rules: list[bool] = []
    problems: list[Problem] = []
    depths = _depths([r.indent for r in raw.rows])
    stack: list[_Open] = []
    seen: list[RawRow] = []
    percent_cols = [h.basis == "percent" for h in heads]
    heading = next((t for t in reversed(raw.label_header) if _HEADING.match(t.strip())), None)
    if heading and raw.rows and raw.rows[0].label.strip().lower() != heading.strip().lower():
        # "ASSETS" printed in the header row over the labels heads the rows below it.
        rows.append(Row(label=heading.strip(), depth=0, kind="section",
                        values=[None] * raw.ncols, raw=[None] * raw.ncols, spans=[None] * raw.ncols))
        paths.append(())
        decimals.append([None] * raw.ncols)
        rules.append(False)
        stack.append(_Open(-1, heading.strip(), major=bool(_MAJOR.match(heading.strip()))))
    if cleaned is None:
        cleaned = [clean_label(r.label) for r in raw.rows]
    for raw_row, depth, (label, notes) in zip(raw.rows, depths, cleaned, strict=True):
        reason = _rejection(raw_row, seen)
        if reason is not None:
            rows.append(Row(label=label, depth=depth, kind="rejected",
                            raw=[c.text if c else None for c in raw_row.cells],
                            values=[None] * raw.ncols, spans=[c.span if c else None for c in raw_row.cells],
                            span=raw_row.span))
            paths.append(tuple(o.heading for o in stack))
            decimals.append([None] * raw.ncols)
            rules.append(raw_row.rule_above)
            problems.append(Problem(code="rejected_row", component="statements", span=raw_row.span,
                                    message=f"row {raw_row.label or '(no label)'!r} rejected: {reason}"))
            continue
        seen.append(raw_row)
        if not raw_row.has_values:
            if not label:
                continue
            major = bool(_MAJOR.match(label))
            _end_sections(stack, depth, heading=True, major=major)
            rows.append(Row(label=label, depth=depth, kind="section", footnotes=notes,
                            section=stack[-1].heading if stack else None, values=[None] * raw.ncols,
                            raw=[None] * raw.ncols, spans=[None] * raw.ncols, span=raw_row.span))
            paths.append(tuple(o.heading for o in stack))
            decimals.append([None] * raw.ncols)
            rules.append(raw_row.rule_above)
            if stack and stack[-1].child_depth is None:
                stack[-1].child_depth = depth
            stack.append(_Open(depth, label, major=major))
            continue
        _end_sections(stack, depth, heading=False, major=False)
        path = tuple(o.heading for o in stack)
        after_less = bool(rows) and rows[-1].kind == "data" and bool(_LESS.match(rows[-1].label))
        is_total = bool(_TOTAL.match(label)) or (not label and (raw_row.rule_above or raw_row.bold)) or \
            (after_less and bool(_NET.match(label)))
        unit = row_unit(label, path, statement)
        printed = [n for k, c in enumerate(raw_row.cells) if c is not None and (n := c.number) is not None
                   and not (k < len(percent_cols) and percent_cols[k])]
        if printed and all(n.percent for n in printed):
            unit = "pure"  # "Earnings before income taxes 23.6% 22.7%": a margin, never an amount
        elif unit == "USD" and rows and rows[-1].unit == "USD/share" and _BASIC_DILUTED.search(label) and \
                printed and all(abs(n.value) < 1000 for n in printed):
            # "Continuing operations - diluted" after the basic block's total: the per-share block goes on
            unit = "USD/share"
        elif unit == "USD" and rows and rows[-1].unit == "shares" and _DILUTION.search(label):
            # "Effect of dilutive securities" under "Average shares outstanding": the shares dilution adds
            unit = "shares"
        values, precision = _values(raw_row, unit, scale, share_scale, percent_cols)
        rows.append(Row(label=label, depth=depth, kind="total" if is_total else "data", is_total=is_total,
                        section=path[-1] if path else None, footnotes=notes, unit=unit, values=values,
                        raw=[c.text if c else None for c in raw_row.cells],
                        spans=[_number_span(c.text, c.span) if c else None for c in raw_row.cells],
                        span=raw_row.span))
        paths.append(path)
        decimals.append(precision)
        rules.append(raw_row.rule_above)
        if stack:
            stack[-1].used = True
            if stack[-1].child_depth is None:
                stack[-1].child_depth = depth
        if is_total:
            _close(stack, label)
    return RowsRead(rows, paths, decimals, rules, problems)


@dataclass(slots=True)
class _Open:
    """A section heading still open over the rows that follow it."""

    depth: int
    heading: str
    used: bool = False  # rows have been read under it
    child_depth: int | None = None  # depth of the first row under it
    major: bool = False  # ASSETS / LIABILITIES AND EQUITY: closed only by its total or its counterpart


def _end_sections(stack: list[_Open], depth: int, heading: bool, major: bool) -> None:
    """Close the headings a new row at `depth` falls outside of."""
    while stack:
        top = stack[-1]
        if top.major and not major:
            if top.child_depth is not None and top.child_depth > top.depth and depth <= top.depth:
                stack.pop()
                continue
            return
        indented = top.child_depth is not None and top.child_depth > top.depth
        if heading and top.used and top.depth >= depth or indented and depth <= top.depth:
            stack.pop()
        else:
            return


def _close(stack: list[_Open], label: str) -> None:
    """A total closes the heading it totals ("Total current assets" closes "Current assets:")."""
    words = _key_words(label)
    for k in range(len(stack) - 1, -1, -1):
        heading = _key_words(stack[k].heading)
        if heading and (heading <= words or len(heading & words) >= 2):
            del stack[k:]
            return
    if not words and stack:
        stack.pop()


def _values(raw: RawRow, unit: str, scale: int, share_scale: int,
            percent_cols: list[bool]) -> tuple[list[Decimal | None], list[int | None]]:
    values: list[Decimal | None] = []
    precision: list[int | None] = []
    factor = scale if unit == "USD" else share_scale if unit == "shares" else 1
    shift = int(round(math.log10(factor)))  # decimals lost to the scale
    for k, cell in enumerate(raw.cells):
        n: Number | None = cell.number if cell is not None else None
        if n is None:
            values.append(None)
            precision.append(None)
            continue
        if n.percent or (k < len(percent_cols) and percent_cols[k] and unit == "USD"):
            values.append(n.value / 100)
            precision.append(n.decimals + 2)
            continue
        values.append(n.value * factor)
        precision.append(n.decimals - shift)
    return values, precision


_NUMBER_PART = re.compile(r"[(\-\u2212]?\d[\d.,]*\)?%?|[-\u2013\u2014\u2212]+")


def _number_span(text: str, span: Span | None) -> Span | None:
    """The span of the printed number itself inside a cell (without `$` and padding)."""
    if span is None:
        return None
    m = _NUMBER_PART.search(text)
    if m is None or span[1] - span[0] != len(text):
        return span
    part = m.group(0).rstrip()
    lead = len(part) - len(part.lstrip())
    return (span[0] + m.start() + lead, span[0] + m.start() + len(part))
