"""HTML and inline-XBRL documents to one canonical text, with tables kept as grids.

The text is what a reader sees: one line per block (paragraph, div, heading,
list item, table row), inline whitespace collapsed, entities decoded, hidden
inline-XBRL headers and `display:none` parts dropped. A data table (one with no
table inside it) is rendered row by row, its non-empty cells separated by tabs,
and kept as a `Grid` whose cells carry spans into that text. `<pre>` blocks and
"HTML" that is really plain text wrapped in a tag keep their layout verbatim.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from form8k.load.document import Grid, GridCell
from form8k.text.fold import fold

_BLOCK = "\ue000"  # marks a block boundary until whitespace is collapsed
_MARK = "\ue001"  # brackets the placeholder of a table or <pre> block
# Not table structure: text between <tr>s would be moved out of the table by
# the HTML parser. Rows get their own lines when a grid is rendered. The names
# (p, div, dt, dd, dl, h1-h6, header, li, ul, ol, center, blockquote, section,
# article, address, footer; br and hr opening only) are grouped by first letter,
# and that letter is tested first: most of a document's tags fail it at once.
_BLOCK_TAG = re.compile(
    r"<(?=/?[abcdfhlopsu])"
    r"(?=/?(?:p|d(?:iv|[tdl])|h(?:[1-6]|eader)|li|ul|ol|center|blockquote|section|a(?:rticle|ddress)|footer)\b"
    r"|[bh]r\b)",
    re.IGNORECASE,
)
_HIDDEN = (
    'script, style, head, title, noscript, template, ix\\:header, '
    '[style*="display:none" i], [style*="display: none" i]'
)
_WS = re.compile(r"[ \t\n\r\f\v\xa0\u2002-\u200a\u202f\u205f\u3000]+")
# Whitespace to str.split() but not to _WS: a text holding one is collapsed by _WS itself.
_OTHER_SPACES = "\x1c\x1d\x1e\x1f\x85\u1680\u2000\u2001\u2028\u2029"
_PLACEHOLDER = re.compile("\ue001(\\d+)\ue001")
_LENGTH = re.compile(r"(padding-left|margin-left|text-indent)\s*:\s*(-?[\d.]+)\s*(pt|px|em|in|rem|%)?", re.I)
_BOLD_TAGS = ("b", "strong")
_BOLD_STYLES = ("bold", "font-weight:7", "font-weight: 7")
_UNIT_PT = {"pt": 1.0, "px": 0.75, "em": 10.0, "rem": 10.0, "in": 72.0, None: 0.75, "%": 0.0}
_TAG = re.compile(r"<[a-zA-Z/!?]")
_CELL_TAGS = frozenset(node.tag_id for node in LexborHTMLParser("<table><tr><td></td><th></th></tr></table>").css("td, th"))
# The empty cell of each width (colspan 1 to 100), shared: an empty cell is never written to, and most
# cells of an HTML statement are empty padding.
_EMPTY = [GridCell("", max(1, width)) for width in range(101)]


def _mark_blocks(html: str) -> str:
    """Put a block marker before every block-level tag, so blocks become lines."""
    return _BLOCK_TAG.sub(_BLOCK + "<", html)


def _indent_points(style: str | None) -> float:
    if not style:
        return 0.0
    low = fold(style)
    if "left" not in low and "indent" not in low:  # what every _LENGTH property names (see form8k.text.fold)
        return 0.0
    total = 0.0
    for _, number, unit in _LENGTH.findall(style):
        try:
            total += float(number) * _UNIT_PT.get(unit.lower() if unit else None, 0.75)
        except ValueError:
            continue
    return total


def _rules(style: str | None) -> tuple[bool, bool]:
    """Whether a cell's style draws a rule above it and below it."""
    if not style or "border" not in style:
        return False, False
    s = style.lower().replace(" ", "")
    return _has_rule(s, "top"), _has_rule(s, "bottom")


def _has_rule(s: str, side: str) -> bool:
    """`s` a style lower-cased without spaces."""
    for key in (f"border-{side}:", f"border-{side}-style:"):
        i = s.find(key)
        if i >= 0:
            value = s[i + len(key): i + len(key) + 30]
            if not value.startswith(("none", "0", "hidden")):
                return True
    return "border:" in s and "border:none" not in s and "border:0" not in s


def _colspan(value: str | None) -> int:
    """A cell's colspan attribute as a width from 1 to 100; anything else ("", "²", "-3") is 1."""
    if not value:
        return 1
    if not (value.isascii() and value.isdigit()):  # strip only when needed: most cells have no colspan
        value = value.strip()
        if not (value.isascii() and value.isdigit()):
            return 1
    return max(1, min(int(value), 100)) if len(value) <= 3 else 100  # bounded before int()


def _read_cell(node: LexborNode, attrs: dict[str, str | None], raw: str, label_cell: bool) -> GridCell:
    """A cell with some text (`raw`, as the node gives it) and its attributes."""
    text = raw.replace(_BLOCK, " ").strip()
    if not text.isascii() or "  " in text or "\n" in text or "\t" in text:
        text = _WS.sub(" ", text).strip()
    cell = GridCell(text=text, colspan=_colspan(attrs.get("colspan")))
    if not text:
        return cell
    style = attrs.get("style")
    cell.border_top, cell.border_bottom = _rules(style)
    cell.align = (attrs.get("align") or "").lower() or None
    if label_cell:
        indent = _indent_points(style)
        child = node.child
        while child is not None and not child.is_element_node:
            child = child.next
        if child is not None:
            indent += _indent_points(child.attributes.get("style"))
        lead = len(raw) - len(raw.lstrip(" \xa0\t\n" + _BLOCK))
        cell.indent = indent + 2.5 * raw[:lead].count("\xa0")
        cell.bold = _holds_bold(node) or "bold" in (style or "").lower()
    return cell


def _holds_bold(node: LexborNode) -> bool:
    """Whether the cell, or an element in it, is <b> or <strong> or has a bold style.

    The CSS selector `b, strong, [style*="bold" i], [style*="font-weight:7" i]…`, matched by walking the
    cell's few elements: selectolax parses a selector anew at every match, which costs more than the walk.
    """
    for element in node.traverse(include_text=False):
        if not element.is_element_node:
            continue  # a comment
        if element.tag in _BOLD_TAGS:
            return True
        style = element.attrs.get("style")
        if style and any(mark in style.lower() for mark in _BOLD_STYLES):  # as the selector's ASCII-only `i`
            return True
    return False


def _read_grid(table: LexborNode) -> list[list[GridCell]]:
    """The table's rows of cells; a cell spanning rows below it (`rowspan`) leaves an empty cell of its
    width in each of them, so that their cells stay under the columns they head."""
    rows: list[list[GridCell]] = []
    held: dict[int, list[int]] = {}  # grid column -> [width, rows still covered] of a rowspan cell above
    for tr in table.css("tr"):
        cells: list[GridCell] = []
        seen_text = False
        col = 0
        for td in tr.iter():
            if td.tag_id not in _CELL_TAGS:
                continue
            while held and col in held:
                col += _hold(cells, held, col)
            raw = td.text(deep=True)
            attrs = td.attributes  # one dict: each `td.attrs.get` is a lookup as dear as building it
            if not raw or raw.isspace():  # padding, most cells of a statement: only its width counts
                cell = _EMPTY[_colspan(attrs.get("colspan"))]
            else:
                cell = _read_cell(td, attrs, raw, not seen_text)
                seen_text = seen_text or bool(cell.text)
            cells.append(cell)
            rowspan = attrs.get("rowspan")
            if rowspan and rowspan != "1" and (down := _colspan(rowspan)) > 1:
                held[col] = [cell.colspan, down - 1]
            col += cell.colspan
        while held and (later := [c for c in held if c >= col]):
            col = min(later)
            col += _hold(cells, held, col)
        if seen_text:
            rows.append(cells)
    return rows


def _hold(cells: list[GridCell], held: dict[int, list[int]], col: int) -> int:
    """Put the empty cell a rowspan cell above leaves at `col`; its width."""
    width, left = held[col]
    cells.append(_EMPTY[width])
    if left <= 1:
        del held[col]
    else:
        held[col][1] = left - 1
    return width


def _layout_tables(tables: list[LexborNode]) -> set[int]:
    """The `mem_id`s of the tables that hold another table, in time linear in the nodes.

    Each table walks up to its nearest enclosing table; every node passed is remembered with the
    answer, so no node is walked twice (`table.css("table")` per table was quadratic in nesting).
    """
    nearest: dict[int, int | None] = {}  # node -> mem_id of its nearest enclosing table
    layout: set[int] = set()
    for table in tables:
        path: list[int] = []
        node = table.parent
        found: int | None = None
        while node is not None:
            key = node.mem_id
            if key in nearest:
                found = nearest[key]
                break
            if node.tag == "table":
                found = key
                break
            path.append(key)
            node = node.parent
        for key in path:
            nearest[key] = found
        if found is not None:
            layout.add(found)
    return layout


def _looks_preformatted(html: str, text: str) -> bool:
    """Plain text wrapped in <html><body><div>: few tags, many laid-out lines."""
    if text.count("\n") < 20:
        return False
    return len(_TAG.findall(html)) * 400 < len(text)


def html_to_text(html: str) -> tuple[str, list[Grid]]:
    """Render HTML to its canonical text and the grids of its data tables.

    Grid spans are local to the returned text.

    >>> text, grids = html_to_text("<p>Net loss</p><table><tr><td>Revenue</td><td>$</td><td>12,072</td></tr></table>")
    >>> text
    'Net loss\\nRevenue\\t$\\t12,072'
    >>> grids[0].rows[0][2].text, grids[0].rows[0][2].span
    ('12,072', (19, 25))
    """
    tree = LexborHTMLParser(_mark_blocks(html))
    root = tree.body or tree.root
    if root is None:
        return "", []
    for node in tree.css(_HIDDEN):
        if node.parent is None or node.tag in ("html", "body"):
            continue  # a hidden document root hides nothing a reader of the filing is shown
        node.decompose()

    blocks: list[tuple[str, object]] = []  # ("grid", rows) or ("pre", text)
    tables = tree.css("table")
    layout = _layout_tables(tables)
    for table in tables:
        if table.mem_id in layout:
            continue  # a layout table: its cells are read as blocks
        rows = _read_grid(table)
        if rows:
            blocks.append(("grid", rows))
            table.replace_with(f"{_BLOCK}{_MARK}{len(blocks) - 1}{_MARK}{_BLOCK}")
        else:
            table.decompose()
    if layout:  # every other table is a grid or gone, and the parser keeps no cell outside a table
        for node in tree.css("td, th"):
            node.insert_after(_BLOCK)
    for pre in tree.css("pre, xmp, plaintext"):
        blocks.append(("pre", pre.text(deep=True).replace(_BLOCK, "")))
        pre.replace_with(f"{_BLOCK}{_MARK}{len(blocks) - 1}{_MARK}{_BLOCK}")

    raw = root.text(deep=True)
    if not blocks and _looks_preformatted(html, raw):
        text = raw.replace(_BLOCK, "").strip("\n")
        return text, []
    return _splice(_lines_of_blocks(raw), blocks)


def _lines_of_blocks(raw: str) -> str:
    """Inline whitespace collapsed to one space; each block boundary, with the spaces around it, a line break."""
    # " ".join(raw.split()) is _WS.sub(" ", raw) but for the text's ends (stripped below), and faster
    words = _WS.sub(" ", raw) if any(c in raw for c in _OTHER_SPACES) else " ".join(raw.split())
    lines = (piece.strip(" ") for piece in words.split(_BLOCK))
    return "\n".join(line for line in lines if line).strip()


def _splice(flat: str, blocks: list[tuple[str, object]]) -> tuple[str, list[Grid]]:
    out: list[str] = []
    grids: list[Grid] = []
    pos = 0
    length = 0
    for m in _PLACEHOLDER.finditer(flat):
        piece = flat[pos: m.start()]
        out.append(piece)
        length += len(piece)
        kind, payload = blocks[int(m.group(1))]
        if kind == "pre":
            body = str(payload).strip("\n")
            out.append(body)
            length += len(body)
        else:
            rows: list[list[GridCell]] = payload  # type: ignore[assignment]
            start = length
            for r, row in enumerate(rows):
                if r:
                    out.append("\n")
                    length += 1
                first = True
                for cell in row:
                    if not cell.text:
                        continue
                    if not first:
                        out.append("\t")
                        length += 1
                    first = False
                    cell.span = (length, length + len(cell.text))
                    out.append(cell.text)
                    length += len(cell.text)
            grids.append(Grid(rows=rows, span=(start, length)))
        pos = m.end()
    tail = flat[pos:]
    out.append(tail)
    return "".join(out), grids
