"""Ask the store: facts as time series, failed checks, any SQL; answers as DataFrames.

    >>> from form8k.store import query
    >>> query.facts("form8k.duckdb", cik="0000320193", concept="Revenues")  # doctest: +SKIP
    >>> query.checks("form8k.duckdb", failed=True, frame="polars")  # doctest: +SKIP
    >>> query.headline("form8k.duckdb", company="apple")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from form8k.store.db import DB, connection
from form8k.store.links import amendments as amendments_of

if TYPE_CHECKING:
    import duckdb

    from form8k.models import Filing

Frame = Literal["pandas", "polars", "arrow"]

FACT_COLUMNS = ("cik", "company", "concept", "period_end", "period_months", "value", "unit", "label",
                "date_of_report", "filing_id", "table_index", "row_index", "column_index", "span_start", "span_end")


def _frame(relation: duckdb.DuckDBPyRelation, frame: Frame) -> Any:
    if frame == "polars":
        return relation.pl()
    if frame == "arrow":
        return relation.to_arrow_table()
    return relation.df()


def sql(db: DB, query: str, params: Sequence[Any] | None = None, frame: Frame = "pandas") -> Any:
    """Run any SQL on the store (read-only) and return the answer as a DataFrame."""
    with connection(db) as con:
        return _frame(con.sql(query, params=params) if params else con.sql(query), frame)


def facts(db: DB, *, cik: str | None = None, company: str | None = None,
          concept: str | Sequence[str] | None = None,
          start: dt.date | str | None = None, end: dt.date | str | None = None, months: int | None = None,
          filing_id: str | None = None, latest: bool = False, limit: int | None = None,
          with_index: bool = False, frame: Frame = "pandas") -> Any:
    """Facts across filings, oldest period first: a concept's time series across a company's releases.

    `start`/`end` bound `period_end`; `company` matches a part of the name,
    any case; `concept` is a concept name or several, any case; `months`
    picks a period length (3, 12, 0 for an instant).
    `latest` keeps one value per company, concept and period: the one in the
    most recent release (a restated figure replaces the first one printed).
    `limit` keeps the first rows only; `with_index` adds `fact_index`, the
    fact's place in its filing's record (the viewer links `#f-<fact_index>`).
    """
    where: list[str] = []
    params: list[Any] = []
    if cik:
        where.append("cik = ?")
        params.append(_cik(cik))
    if company:
        where.append("company ILIKE ?")
        params.append(f"%{company}%")
    if concept:
        names = [concept] if isinstance(concept, str) else list(concept)
        where.append("lower(concept) IN (" + ", ".join("?" * len(names)) + ")")
        params.extend(c.removeprefix("us-gaap:").lower() for c in names)
    if start:
        where.append("period_end >= ?")
        params.append(_date(start))
    if end:
        where.append("period_end <= ?")
        params.append(_date(end))
    if months is not None:
        where.append("period_months = ?")
        params.append(months)
    if filing_id:
        where.append("filing_id = ?")
        params.append(filing_id)
    query = f"SELECT {', '.join(FACT_COLUMNS + (('fact_index',) if with_index else ()))} FROM fact_series"
    if where:
        query += " WHERE " + " AND ".join(where)
    if latest:
        query += (" QUALIFY row_number() OVER (PARTITION BY coalesce(cik, company), concept, period_end, "
                  "period_months ORDER BY date_of_report DESC NULLS LAST, filing_id DESC) = 1")
    query += (" ORDER BY coalesce(cik, company), concept, period_months, period_end, date_of_report, filing_id, "
              "span_start, span_end")
    if limit is not None:
        query += " LIMIT ?"
        params.append(int(limit))
    with connection(db) as con:
        return _frame(con.sql(query, params=params), frame)


def headline(db: DB, *, cik: str | None = None, company: str | None = None,
             start: dt.date | str | None = None, end: dt.date | str | None = None, filing_id: str | None = None,
             limit: int | None = None, frame: Frame = "pandas") -> Any:
    """The headline card of every stored filing with statement facts (or about earnings), one row each.

    For the period a filing reports: revenue, net income, EPS basic and diluted and cash from operations,
    each as `<metric>` (the value, empty when missing), `<metric>_status` (confirmed, found or missing),
    `<metric>_prior` and `<metric>_prior_status` (the same period a year before) and `<metric>_change_pct`.
    Worked out of the stored facts the way `form8k parse` prints the card. `start`/`end` bound the period
    reported; `company` matches a part of the name, any case.
    """
    import pyarrow as pa

    from form8k.models import Fact
    from form8k.statements import HeadlineRow, headline_of
    from form8k.statements.coverage import EARNINGS_ITEMS, HEADLINE

    where: list[str] = ["(f.n_facts > 0 OR EXISTS (SELECT 1 FROM items i WHERE i.filing_id = f.filing_id "
                        "AND i.number IN (" + ", ".join("?" * len(EARNINGS_ITEMS)) + ")))"]
    params: list[Any] = sorted(EARNINGS_ITEMS)
    if cik:
        where.append("f.cik = ?")
        params.append(_cik(cik))
    if company:
        where.append("f.company ILIKE ?")
        params.append(f"%{company}%")
    if filing_id:
        where.append("f.filing_id = ?")
        params.append(filing_id)
    chosen = f"SELECT f.filing_id FROM filings f WHERE {' AND '.join(where)}"
    with connection(db) as con:
        heads = con.execute(f"SELECT filing_id, cik, company, form_type, date_of_report FROM filings "
                            f"WHERE filing_id IN ({chosen}) ORDER BY company, date_of_report, filing_id",
                            params).fetchall()
        facts_of: dict[str, list[Fact]] = {}
        for fid, concept, value, period_end, months, table_index, confirmed in con.execute(
                f"SELECT filing_id, concept, value, period_end, period_months, table_index, confirmed FROM facts "
                f"WHERE filing_id IN ({chosen}) ORDER BY filing_id, fact_index", params).fetchall():
            facts_of.setdefault(fid, []).append(Fact.model_construct(
                concept=concept, value=value, period_end=period_end, period_months=months, table=table_index,
                confirmed=bool(confirmed)))
        income: dict[str, set[int]] = {}
        for fid, index in con.execute(f"SELECT filing_id, table_index FROM statement_tables WHERE statement = "
                                      f"'income' AND filing_id IN ({chosen})", params).fetchall():
            income.setdefault(fid, set()).add(index)
    bounds = (_date(start) if start else None, _date(end) if end else None)
    out: list[dict[str, Any]] = []
    for fid, cik_, name, form, date in heads:
        rows: list[HeadlineRow] = headline_of(facts_of.get(fid, []), income.get(fid, set()))
        period = next(((r.period_end, r.period_months) for r in rows if r.period_end is not None), (None, None))
        if (bounds[0] and (period[0] is None or period[0] < bounds[0])) or \
                (bounds[1] and (period[0] is None or period[0] > bounds[1])):
            continue
        record: dict[str, Any] = {"filing_id": fid, "cik": cik_, "company": name, "form_type": form,
                                  "date_of_report": date, "period_end": period[0], "period_months": period[1]}
        for r in rows:
            change = r.change
            record.update({r.metric: r.value, f"{r.metric}_months": r.period_months if r.value is not None else None,
                           f"{r.metric}_status": r.status, f"{r.metric}_prior": r.prior,
                           f"{r.metric}_prior_status": r.prior_status,
                           f"{r.metric}_change_pct": round(float(change), 2) if change is not None else None})
        out.append(record)
        if limit is not None and len(out) >= limit:
            break
    amount = pa.decimal128(38, 10)
    fields = [("filing_id", pa.string()), ("cik", pa.string()), ("company", pa.string()), ("form_type", pa.string()),
              ("date_of_report", pa.date32()), ("period_end", pa.date32()), ("period_months", pa.int64())]
    for metric in HEADLINE:
        fields += [(metric, amount), (f"{metric}_months", pa.int64()), (f"{metric}_status", pa.string()),
                   (f"{metric}_prior", amount),
                   (f"{metric}_prior_status", pa.string()), (f"{metric}_change_pct", pa.float64())]
    table = pa.Table.from_pylist(out, schema=pa.schema(fields))
    if frame == "arrow":
        return table
    import duckdb

    return _frame(duckdb.from_arrow(table), frame)  # the dtypes query.facts gives


def checks(db: DB, *, failed: bool = False, rule: str | None = None, cik: str | None = None,
           filing_id: str | None = None, frame: Frame = "pandas") -> Any:
    """Arithmetic and narrative checks with their filing; `failed` keeps those that failed."""
    where: list[str] = []
    params: list[Any] = []
    if failed:
        where.append("c.status = 'fail'")
    if rule:
        where.append("lower(c.rule) = ?")
        params.append(rule.lower())
    if cik:
        where.append("f.cik = ?")
        params.append(_cik(cik))
    if filing_id:
        where.append("c.filing_id = ?")
        params.append(filing_id)
    query = ("SELECT f.cik, f.company, f.date_of_report, c.filing_id, c.check_index, c.rule, c.status, "
             "c.expected, c.actual, c.detail, c.table_index, c.span_start, c.span_end "
             "FROM checks c JOIN filings f USING (filing_id)")
    if where:
        query += " WHERE " + " AND ".join(where)
    query += " ORDER BY f.company, f.date_of_report, c.filing_id, c.check_index"
    with connection(db) as con:
        return _frame(con.sql(query, params=params), frame)


def filings(db: DB, *, frame: Frame = "pandas") -> Any:
    """One row per stored filing: id, company, date, status and counts."""
    query = ("SELECT filing_id, cik, company, form_type, date_of_report, status, source_format, n_items, "
             "n_tables, n_facts, n_checks_failed, source_path FROM filings ORDER BY company, date_of_report")
    with connection(db) as con:
        return _frame(con.sql(query), frame)


def counts(db: DB) -> dict[str, int]:
    """Rows in every table of the store."""
    from form8k.store.schema import ALL_TABLES

    with connection(db) as con:
        out = {}
        for table in ALL_TABLES:
            out[table] = int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
        return out


def read_filing(db: DB, filing_id: str) -> Filing:
    """The stored record of one filing, rebuilt as the `Filing` that `parse` gave."""
    from form8k.errors import StoreError
    from form8k.store.records import CHILD_TABLES, filing_from_rows

    with connection(db) as con:
        rows: dict[str, list[dict[str, Any]]] = {}
        for table in ("filings", "texts", *(spec.name for spec in CHILD_TABLES)):
            relation = con.execute(f"SELECT * FROM {table} WHERE filing_id = ?", [filing_id])
            names = [d[0] for d in relation.description]
            rows[table] = [dict(zip(names, r, strict=True)) for r in relation.fetchall()]
            keys: tuple[str, ...] = next((s.keys for s in CHILD_TABLES if s.name == table), ())
            if keys:
                rows[table].sort(key=lambda r: tuple(r[name] for name in keys))
        if not rows["filings"]:
            raise StoreError(f"no filing {filing_id} in the store")
        filing = filing_from_rows(rows)
        links = amendments_of(con)
        filing.amends = filing.amends or next((o for a, o in links if a == filing_id), None)
        filing.amended_by = [a for a, o in links if o == filing_id]
        return filing


def amendments(db: DB) -> list[tuple[str, str]]:
    """Every stored 8-K/A with the stored report it amends: (amendment, original) filing ids."""
    with connection(db) as con:
        return amendments_of(con)


def filing_ids(db: DB) -> list[str]:
    with connection(db) as con:
        return [r[0] for r in con.execute("SELECT filing_id FROM filings ORDER BY filing_id").fetchall()]


def _cik(value: str) -> str:
    """A CIK as stored: ten digits with leading zeros ("320193" -> "0000320193"); anything else as given."""
    value = value.strip()
    return value.zfill(10) if value.isdigit() else value


def _date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
