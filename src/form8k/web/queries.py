"""The viewer's read queries over the store: filings searched and paged, a company's series, failed checks.

Every query takes an open (read-only) DuckDB connection and binds each value
the user typed as a parameter; only names picked from fixed tables here
(`SORTS`) are ever written into the SQL text.

A company is found by its `company_key`: the 10-digit CIK when the filing has
one, else a slug of its name (`immunogen-inc`), so filings read from plain
text or HTML without an EDGAR header still group into a company.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

# The company key, computed in SQL so links and look-ups always agree.
COMPANY_KEY_SQL = ("CASE WHEN regexp_full_match(coalesce(f.cik, ''), '[0-9]{1,10}') THEN lpad(f.cik, 10, '0') "
                   "ELSE nullif(trim(regexp_replace(lower(coalesce(f.company, '')), '[^a-z0-9]+', '-', 'g'), '-'), "
                   "'') END")



def name_key(company: str | None) -> str | None:
    """The company key of a filing without a CIK, as COMPANY_KEY_SQL computes it: `ImmunoGen, Inc.` → `immunogen-inc`."""
    return re.sub(r"[^a-z0-9]+", "-", (company or "").lower()).strip("-") or None


# Sort keys a request may name, and the SQL each stands for.
SORTS: dict[str, str] = {
    "date": "f.date_of_report",
    "company": "lower(f.company)",
    "cik": "f.cik",
    "form": "f.form_type",
    "facts": "f.n_facts",
    "checks": "f.n_checks",
    "failed": "f.n_checks_failed",
    "mentions": "f.n_mentions",
    "status": "f.status",
}

SUMMARY_SQL = f"""
SELECT f.filing_id, f.cik, f.company, {COMPANY_KEY_SQL} AS company_key, f.form_type, f.date_of_report,
       f.status, f.source_format, f.accession_number, f.n_items, f.n_tables, f.n_facts, f.n_checks,
       f.n_checks_failed, f.n_mentions, f.n_guidance, f.n_problems,
       coalesce((SELECT list(i.number ORDER BY i.item_index) FROM items i WHERE i.filing_id = f.filing_id),
                []) AS items
FROM filings f
"""


@dataclass(frozen=True, slots=True)
class FilingSearch:
    """What the filings page was asked for; every field already validated."""

    company: str | None = None  # a part of the name, any case
    cik: str | None = None  # digits
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    item: str | None = None  # "2.02", or an old-style "12"
    failed_only: bool = False  # only filings with a failed check
    sort: str = "date"
    order: str = "desc"
    page: int = 1
    per_page: int = 50

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.company:
            clauses.append("contains(lower(coalesce(f.company, '')), lower(?))")
            params.append(self.company)
        if self.cik:
            clauses.append("f.cik = ?")
            params.append(self.cik.zfill(10))
        if self.date_from:
            clauses.append("f.date_of_report >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("f.date_of_report <= ?")
            params.append(self.date_to)
        if self.item:
            clauses.append("EXISTS (SELECT 1 FROM items i WHERE i.filing_id = f.filing_id AND i.number = ?)")
            params.append(self.item)
        if self.failed_only:
            clauses.append("f.n_checks_failed > 0")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _rows(relation: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in relation.description]
    return [dict(zip(names, row, strict=True)) for row in relation.fetchall()]


def search_filings(con: duckdb.DuckDBPyConnection, search: FilingSearch) -> tuple[list[dict[str, Any]], int]:
    """One page of filings matching `search`, and how many match in all."""
    where, params = search.where()
    total = int(con.execute(f"SELECT count(*) FROM filings f{where}", params).fetchall()[0][0])
    direction = "ASC" if search.order == "asc" else "DESC"
    order = f"{SORTS[search.sort]} {direction} NULLS LAST, f.date_of_report DESC NULLS LAST, f.filing_id"
    rows = _rows(con.execute(f"{SUMMARY_SQL}{where} ORDER BY {order} LIMIT ? OFFSET ?",
                             [*params, search.per_page, (search.page - 1) * search.per_page]))
    return rows, total


def filing_summary(con: duckdb.DuckDBPyConnection, filing_id: str) -> dict[str, Any] | None:
    rows = _rows(con.execute(f"{SUMMARY_SQL} WHERE f.filing_id = ?", [filing_id]))
    return rows[0] if rows else None


def company_filings(con: duckdb.DuckDBPyConnection, key: str) -> list[dict[str, Any]]:
    """Every stored filing of one company, newest first."""
    return _rows(con.execute(f"{SUMMARY_SQL} WHERE {COMPANY_KEY_SQL} = ? "
                             "ORDER BY f.date_of_report DESC NULLS LAST, f.filing_id", [key]))


def company_facts(con: duckdb.DuckDBPyConnection, key: str, concepts: tuple[str, ...]) -> list[dict[str, Any]]:
    """A company's facts for `concepts`, one per (concept, period): the value its latest release printed."""
    marks = ", ".join("?" for _ in concepts)
    return _rows(con.execute(
        f"""SELECT x.concept, x.period_end, x.period_months, x.value, x.unit, x.label, x.filing_id,
                   x.fact_index, x.span_start, f.date_of_report
            FROM facts x JOIN filings f USING (filing_id)
            WHERE {COMPANY_KEY_SQL} = ? AND x.concept IN ({marks}) AND x.period_end IS NOT NULL
              AND x.value IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY x.concept, x.period_end, x.period_months
                                       ORDER BY f.date_of_report DESC NULLS LAST, x.filing_id DESC) = 1
            ORDER BY x.concept, x.period_months, x.period_end""", [key, *concepts]))


def failed_checks(con: duckdb.DuckDBPyConnection, *, rule: str | None, page: int,
                  per_page: int) -> tuple[list[dict[str, Any]], int]:
    """One page of the checks that failed, across the corpus, and how many there are."""
    where = " WHERE c.status = 'fail'"
    params: list[Any] = []
    if rule:
        where += " AND c.rule = ?"
        params.append(rule)
    total = int(con.execute(f"SELECT count(*) FROM checks c{where}", params).fetchall()[0][0])
    rows = _rows(con.execute(
        f"""SELECT c.filing_id, f.company, f.cik, {COMPANY_KEY_SQL} AS company_key, f.date_of_report,
                   c.check_index, c.rule, c.status, c.expected, c.actual, c.tolerance, c.detail, c.table_index
            FROM checks c JOIN filings f USING (filing_id){where}
            ORDER BY f.date_of_report DESC NULLS LAST, f.company, c.filing_id, c.check_index
            LIMIT ? OFFSET ?""", [*params, per_page, (page - 1) * per_page]))
    return rows, total


def failed_rules(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    """Each rule that failed somewhere, with how many times, most first."""
    rows = con.execute("SELECT rule, count(*) AS n FROM checks WHERE status = 'fail' "
                       "GROUP BY rule ORDER BY n DESC, rule").fetchall()
    return [(str(rule), int(n)) for rule, n in rows if rule is not None]


def corpus_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    row = con.execute("SELECT count(*), coalesce(sum(n_facts), 0), coalesce(sum(n_checks_failed), 0) "
                      "FROM filings").fetchall()[0]
    return {"filings": int(row[0]), "facts": int(row[1]), "failed_checks": int(row[2])}
