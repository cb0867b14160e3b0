"""Cover-page check boxes and the securities table of newer covers."""

from __future__ import annotations

import re

from form8k.models import TradingSymbol
from form8k.record.lines import Line, aligned

CHECKED = {"☒", "☑", "✓", "✔", "x", "X", "[x]", "[X]", "ý", "þ", "■", "⌧", "(x)", "(X)", "[ X ]", "[ x ]"}
UNCHECKED = {"☐", "o", "[ ]", "[_]", "[  ]", "¨", "q", "□", "( )", "❑", "[]", "_", "[__]", "o-", "-o", "- o"}
_BOX = re.compile(r"(\[\s*[xX_]?\s*\]|\(\s*[xX]?\s*\)|[☒☑✓✔☐¨□■❑⌧ýþ]|(?<![A-Za-z])[oqxX](?![A-Za-z]))")
_RULES = (
    re.compile(r"Written\s+communications?\s+pursuant\s+to\s+Rule\s+425", re.I),
    re.compile(r"Soliciting\s+material\s+pursuant\s+to\s+Rule\s+14a", re.I),
    re.compile(r"Pre-?\s*commencement\s+communications?\s+pursuant\s+to\s+Rule\s+14d", re.I),
    re.compile(r"Pre-?\s*commencement\s+communications?\s+pursuant\s+to\s+Rule\s+13e", re.I),
)
_EGC = re.compile(r"Emerging\s+growth\s+company", re.I)
_SYMBOL_HEADER = re.compile(r"Trading\s+Symbol", re.I)
_SYMBOL = re.compile(r"^[A-Z][A-Z0-9.\-]{0,9}(?:\s[A-Z0-9.\-]{1,6}){0,2}$")
_NONE = re.compile(r"^(?:none|n/?a|not\s+applicable|-+|—)$", re.I)


def _box_before(text: str, at: int) -> bool | None:
    """The state of the check box printed just before `at` (same line, or alone on the line above)."""
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at].strip()
    if not before:
        prev_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        before = text[prev_start:max(prev_start, line_start - 1)].strip()
        if len(before) > 6:
            return None
    return _box_state(before[-5:] if len(before) > 5 else before)


def _box_state(token: str) -> bool | None:
    token = token.strip(" \t-–•*")
    if not token:
        return None
    m = list(_BOX.finditer(token))
    if not m:
        return None
    mark = m[-1].group(0)
    compact = re.sub(r"\s+", " ", mark)
    if compact in CHECKED or mark.strip("[]() ").lower() == "x":
        return True
    if compact in UNCHECKED or mark.strip("[]() _") == "" or mark in ("o", "q"):
        return False
    return None


def checkboxes(region: str) -> tuple[bool | None, bool | None, bool | None, bool | None]:
    """The four General Instruction A.2 boxes: Rule 425, 14a-12, 14d-2(b), 13e-4(c)."""
    states: list[bool | None] = []
    for rule in _RULES:
        m = rule.search(region)
        states.append(_box_before(region, m.start()) if m else None)
    return states[0], states[1], states[2], states[3]


def emerging_growth(region: str) -> bool | None:
    """The emerging-growth-company box, or None on covers that predate it."""
    for m in _EGC.finditer(region):
        after = region[m.end(): m.end() + 12]
        line_end = after.find("\n")
        state = _box_state(after[: line_end if line_end >= 0 else len(after)].strip())
        if state is not None:
            return state
        state = _box_before(region, m.start())
        if state is not None:
            return state
    return None


def trading_symbols(lines: list[Line]) -> list[TradingSymbol]:
    """Rows of the "Securities registered pursuant to Section 12(b)" table."""
    for i, line in enumerate(lines):
        if not _SYMBOL_HEADER.search(line.text) or len(line.segments) < 2:
            continue
        head = line.segments
        symbol_col = next((s for s in head if _SYMBOL_HEADER.search(s.text)), None)
        if symbol_col is None:
            continue  # the header's words split across cells: not the table's header row
        title_col = head[0] if head[0] is not symbol_col else None
        exchange_col = next((s for s in head if re.search(r"exchange", s.text, re.I)), None)
        symbols: list[TradingSymbol] = []
        for row in lines[i + 1: i + 12]:
            if row.is_blank or row.is_rule:
                continue
            if len(row.segments) < 2:
                break
            symbol_seg = aligned(row.segments, symbol_col)
            if symbol_seg is None or _NONE.match(symbol_seg.text) or not _SYMBOL.match(symbol_seg.text.strip()):
                continue
            title_seg = aligned(row.segments, title_col) if title_col is not None else None
            exchange_seg = aligned(row.segments, exchange_col) if exchange_col is not None else None
            symbols.append(TradingSymbol(
                title=title_seg.text if title_seg is not None and title_seg is not symbol_seg else None,
                symbol=symbol_seg.text.strip(),
                exchange=exchange_seg.text if exchange_seg is not None and exchange_seg is not symbol_seg else None))
        return symbols
    return []
