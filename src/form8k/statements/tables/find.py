"""Find the data tables of a filing: choose the reader for each document's format.

HTML documents are read from the loader's `Grid`s (`grid.py`), plain-text
documents from their fixed-width or tab-separated layout (`layout.py`); both
give `RawTable`s (`raw.py`).
"""

from __future__ import annotations

from form8k.load import Submission
from form8k.statements.tables.grid import grid_tables
from form8k.statements.tables.layout import text_tables
from form8k.statements.tables.raw import RawTable

__all__ = ["find_tables"]


def find_tables(sub: Submission) -> list[RawTable]:
    """Every data table of every readable document, in filing order."""
    tables: list[RawTable] = []
    for index, doc in enumerate(sub.documents):
        if doc.format == "html":
            tables.extend(grid_tables(doc, index, sub.text))
        elif doc.format == "text":
            tables.extend(text_tables(doc, index))
    return tables
