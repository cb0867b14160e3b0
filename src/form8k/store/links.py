"""Links between stored filings: an 8-K/A and the report it amends, both ways.

An 8-K/A that cites the accession number it amends is linked to it. Otherwise
the original is found by company, period and items: the latest 8-K (not an
amendment) of the same CIK with the same date of report, preferring the one
sharing most items with the amendment (an amendment that reports only Item
9.01 shares its exhibits with any). Computed from the stored rows when asked,
so a report ingested after its amendment is linked as well.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

__all__ = ["amendments"]


def _explicit(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    names = {r[0] for r in con.execute("SELECT column_name FROM (DESCRIBE filings)").fetchall()}
    expr = "amends" if "amends" in names else "json_extract_string(extra, '$.amends')"
    rows = con.execute(f"SELECT filing_id, {expr} FROM filings WHERE {expr} IS NOT NULL").fetchall()
    return {fid: amends for fid, amends in rows}


def amendments(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(amendment filing_id, amended filing_id) for every stored 8-K/A whose report is stored too."""
    filings: list[tuple[Any, ...]] = con.execute(
        "SELECT filing_id, cik, upper(coalesce(form_type, '')), date_of_report FROM filings "
        "WHERE cik IS NOT NULL").fetchall()
    items: dict[str, set[str]] = defaultdict(set)
    for fid, number in con.execute("SELECT filing_id, number FROM items").fetchall():
        items[fid].add(number)
    explicit = _explicit(con)
    stored = {f[0] for f in filings}
    originals: dict[tuple[str, Any], list[str]] = defaultdict(list)
    for fid, cik, form, date in filings:
        if not form.endswith("/A") and date is not None:
            originals[(cik, date)].append(fid)
    links: list[tuple[str, str]] = []
    for fid, cik, form, date in filings:
        if not form.endswith("/A"):
            continue
        cited = explicit.get(fid)
        if cited is not None and cited in stored:
            links.append((fid, cited))
            continue
        candidates = originals.get((cik, date), [])
        if not candidates:
            continue
        own = items[fid] - {"9.01", "7"}
        best = max(candidates, key=lambda o: (len(own & items[o]), o))  # accession numbers sort by year, sequence
        if own and not own & items[best] and items[best]:
            continue  # other items altogether: another report of that day
        links.append((fid, best))
    return links
