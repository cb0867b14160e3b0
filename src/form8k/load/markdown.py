"""Markdown documents: a filing saved as Markdown, with HTML fragments and pipe tables.

Markdown is rendered to HTML by markdown-it-py (CommonMark, with its
GitHub-style table extension; raw HTML passes through, and a line break is a
line break, as in the filing it was saved from), then read as any HTML
document: the pipe tables become the same `Grid`s an HTML table gives the
statement reader.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePath
from typing import Any

from form8k.load.document import Grid, GridCell

__all__ = ["is_markdown", "markdown_to_html", "spread_headings"]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
# The delimiter row of a pipe table: | --- | ---: |
_DELIMITER_ROW = re.compile(r"^ {0,3}\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)
_HEADING = re.compile(r"^#{1,6} \S", re.M)


def is_markdown(text: str, filename: str | None = None) -> bool:
    """A Markdown file by its name, or text with pipe tables or with headings and no SGML or HTML start."""
    if filename and PurePath(filename).suffix.lower() in MARKDOWN_SUFFIXES:
        return True
    head = text[:200000]
    return bool(_DELIMITER_ROW.search(head)) or len(_HEADING.findall(head[:20000])) >= 3


@lru_cache(maxsize=1)
def _renderer() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True, "breaks": True}).enable("table")


def markdown_to_html(text: str) -> str:
    """The HTML of a Markdown document.

    >>> print(markdown_to_html("| a | b |\\n|---|--:|\\n| Revenue | 1,234 |").split("<tbody>")[1].split())
    ['<tr>', '<td>Revenue</td>', '<td', 'style="text-align:right">1,234</td>', '</tr>', '</tbody>', '</table>']
    """
    return "<html><body>" + _renderer().render(text) + "</body></html>"


_AMOUNT = re.compile(r"\d[\d,.]*\)?%?$")


def spread_headings(grids: list[Grid]) -> None:
    """Let a heading cell span the empty cells after it, as a pipe table cannot say (no colspan).

    Only in a table's heading rows: those before its first row of amounts
    whose label cell is empty ("|  | Thirteen Weeks Ended |  | Thirty-Nine
    Weeks Ended |  |"). An empty heading cell never spans anything.
    """
    for grid in grids:
        for row in grid.rows:
            if any(_AMOUNT.search(c.text) and not _is_year(c.text) for c in row[1:]) or not row or row[0].text:
                break
            merged: list[GridCell] = [row[0]]
            for cell in row[1:]:
                last = merged[-1]
                if not cell.text and last.text and len(merged) > 1:
                    last.colspan += cell.colspan
                else:
                    merged.append(cell)
            row[:] = merged


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d(?: \(\d\))?", text.strip()))
