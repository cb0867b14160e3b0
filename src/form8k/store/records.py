"""The filing record as rows: one table per list in the record, keyed to its filing.

    filings          filing_id                              the cover, header, source, status, counts
    texts            filing_id                              Filing.text, which every span points into
    documents        filing_id, document_index
    items            filing_id, item_index
    exhibits         filing_id, exhibit_index
    signatures       filing_id, signature_index
    statement_tables filing_id, table_index
    table_columns    filing_id, table_index, column_index   each column's period
    table_rows       filing_id, table_index, row_index      values, raw cells, cell spans
    facts            filing_id, fact_index   -> (table_index, row_index, column_index), span
    checks           filing_id, check_index  -> table_index
    press_releases   filing_id
    mentions         filing_id, mention_index
    guidance         filing_id, guidance_index
    problems         filing_id, problem_index

`filing_id` is the accession number when the filing has one, else `sha256:`
and the first 20 hex digits of its sha256. `filing_rows` turns a Filing into
column lists; `filing_from_rows` is its inverse.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from pydantic import BaseModel

from form8k.models import (
    Check,
    DocumentInfo,
    Exhibit,
    Fact,
    Filing,
    Guidance,
    Item,
    Mention,
    PressRelease,
    Problem,
    Row,
    Signature,
    Table,
)
from form8k.models import Column as PeriodColumn
from form8k.store.columns import Column, column_value, derive_columns, extra_value, row_to_dict

Columnar = dict[str, list[Any]]


@dataclass(frozen=True)
class TableSpec:
    """A table of the store: which part of the record it holds and its key columns."""

    name: str
    model: type[BaseModel] | None
    keys: tuple[str, ...]  # besides filing_id; key columns not taken from the model come first
    instances: Callable[[Filing], Iterator[tuple[tuple[Any, ...], Any]]]
    rename: Mapping[str, str] = field(default_factory=dict)
    skip: frozenset[str] = frozenset()
    model_keys: tuple[str, ...] = ()  # key columns the model itself fills (table_index of a Table)

    @cached_property
    def columns(self) -> list[Column]:
        """The columns its model's fields map to (worked out once; not to be changed)."""
        if self.model is None:
            return []
        return derive_columns(self.model, rename=dict(self.rename), skip=self.skip)


def _each(attr: str) -> Callable[[Filing], Iterator[tuple[tuple[Any, ...], Any]]]:
    def instances(filing: Filing) -> Iterator[tuple[tuple[Any, ...], Any]]:
        for i, obj in enumerate(getattr(filing, attr)):
            yield (i,), obj
    return instances


def _statement_tables(filing: Filing) -> Iterator[tuple[tuple[Any, ...], Any]]:
    for table in filing.tables:
        yield (), table


def _table_columns(filing: Filing) -> Iterator[tuple[tuple[Any, ...], Any]]:
    for table in filing.tables:
        for j, column in enumerate(table.columns):
            yield (table.index, j), column


def _table_rows(filing: Filing) -> Iterator[tuple[tuple[Any, ...], Any]]:
    for table in filing.tables:
        for i, row in enumerate(table.rows):
            yield (table.index, i), row


def _press_release(filing: Filing) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if filing.press_release is not None:
        yield (), filing.press_release


_TABLE_REFS = {"table": "table_index", "row": "row_index", "column": "column_index", "document": "document_index"}

FILING_PARTS = frozenset({"problems", "documents", "items", "exhibits", "signatures", "tables", "facts", "checks",
                          "press_release", "mentions", "guidance", "text"})

CHILD_TABLES: tuple[TableSpec, ...] = (
    TableSpec("documents", DocumentInfo, ("document_index",), _each("documents")),
    TableSpec("items", Item, ("item_index",), _each("items")),
    TableSpec("exhibits", Exhibit, ("exhibit_index",), _each("exhibits")),
    TableSpec("signatures", Signature, ("signature_index",), _each("signatures")),
    TableSpec("statement_tables", Table, ("table_index",), _statement_tables,
              rename={"index": "table_index", "document": "document_index"},
              skip=frozenset({"columns", "rows"}), model_keys=("table_index",)),
    TableSpec("table_columns", PeriodColumn, ("table_index", "column_index"), _table_columns),
    TableSpec("table_rows", Row, ("table_index", "row_index"), _table_rows),
    TableSpec("facts", Fact, ("fact_index",), _each("facts"), rename=_TABLE_REFS),
    TableSpec("checks", Check, ("check_index",), _each("checks"), rename=_TABLE_REFS),
    TableSpec("press_releases", PressRelease, (), _press_release, rename=_TABLE_REFS),
    TableSpec("mentions", Mention, ("mention_index",), _each("mentions"), rename=_TABLE_REFS),
    TableSpec("guidance", Guidance, ("guidance_index",), _each("guidance")),
    TableSpec("problems", Problem, ("problem_index",), _each("problems")),
)
CHILD_BY_NAME = {spec.name: spec for spec in CHILD_TABLES}

# Columns of `filings` worked out from the record rather than copied from one field.
FILING_SUMMARY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("filing_id", "VARCHAR PRIMARY KEY"),
    ("accession_number", "VARCHAR"),
    ("cik", "VARCHAR"),
    ("company", "VARCHAR"),
    ("form_type", "VARCHAR"),
    ("date_of_report", "DATE"),
    ("year", "INTEGER"),
    ("n_documents", "INTEGER"),
    ("n_items", "INTEGER"),
    ("n_tables", "INTEGER"),
    ("n_facts", "INTEGER"),
    ("n_checks", "INTEGER"),
    ("n_checks_failed", "INTEGER"),
    ("n_mentions", "INTEGER"),
    ("n_guidance", "INTEGER"),
    ("n_problems", "INTEGER"),
    ("ingested_at", "TIMESTAMP"),
)


@cache
def filing_columns() -> list[Column]:
    """Columns of `filings` taken from the record's own fields (status, source_*, header_*, cover_*).

    Worked out once; not to be changed.
    """
    return derive_columns(Filing, skip=FILING_PARTS)


def filing_id_of(filing: Filing) -> str:
    """The accession number when known, else `sha256:` and 20 hex digits of the content hash."""
    accession = filing.header.accession_number if filing.header else None
    if accession:
        return accession.strip()
    return "sha256:" + filing.source.sha256[:20]


def _cik(filing: Filing) -> str | None:
    cik = filing.cover.cik or (filing.header.cik if filing.header else None)
    if cik and cik.strip().isdigit():
        return cik.strip().zfill(10)
    return cik


def filing_date(filing: Filing) -> dt.date | None:
    """The date a filing speaks for: the cover's date of report, else the header's period or filing date."""
    header = filing.header
    release = filing.press_release
    dateline = release.dateline.date if release is not None and release.dateline is not None else None
    return (filing.cover.date_of_report or (header.period_of_report if header else None)
            or (header.filed_as_of if header else None) or dateline)


def filing_company(filing: Filing) -> str | None:
    """Who filed: the cover's registrant, else the header's name, else (an exhibit alone) the release's issuer."""
    header = filing.header
    release = filing.press_release
    return (filing.cover.registrant or (header.company_name if header else None)
            or (release.company if release is not None else None))


def _summary(filing: Filing, filing_id: str, now: dt.datetime) -> dict[str, Any]:
    header = filing.header
    date = filing_date(filing)
    return {
        "filing_id": filing_id,
        "accession_number": header.accession_number if header else None,
        "cik": _cik(filing),
        "company": filing_company(filing),
        "form_type": filing.cover.form_type or (header.form_type if header else None),
        "date_of_report": date,
        "year": date.year if date else None,
        "n_documents": len(filing.documents),
        "n_items": len(filing.items),
        "n_tables": len(filing.tables),
        "n_facts": len(filing.facts),
        "n_checks": len(filing.checks),
        "n_checks_failed": sum(1 for c in filing.checks if c.status == "fail"),
        "n_mentions": len(filing.mentions),
        "n_guidance": len(filing.guidance),
        "n_problems": len(filing.problems),
        "ingested_at": now,
    }


def filing_rows(filing: Filing, stored: Mapping[str, Sequence[str]],
                now: dt.datetime | None = None) -> dict[str, Columnar]:
    """The rows of one filing for every table, as column lists in the order `stored` gives.

    `stored` maps each table to the columns the database has; a field with no
    column yet goes into that row's `extra` JSON.
    """
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    filing_id = filing_id_of(filing)
    out: dict[str, Columnar] = {}

    names = stored["filings"]
    derived = filing_columns()
    by_name = {c.name: c for c in derived}
    summary = _summary(filing, filing_id, now)
    row: dict[str, Any] = {}
    for name in names:
        if name in summary:
            row[name] = summary[name]
        elif name in by_name:
            row[name] = column_value(filing, by_name[name])
        elif name == "extra":
            row[name] = extra_value(filing, derived, frozenset(names))
        else:
            row[name] = None
    out["filings"] = {name: [row[name]] for name in names}
    out["texts"] = {"filing_id": [filing_id], "text": [filing.text]}

    for spec in CHILD_TABLES:
        names = tuple(stored[spec.name])
        instances = list(spec.instances(filing))
        objs = [obj for _, obj in instances]
        out[spec.name] = {name: getter(filing_id, instances, objs)
                          for name, getter in zip(names, _column_getters(spec.name, names), strict=True)}
    return out


ColumnGetter = Callable[[str, list[tuple[tuple[Any, ...], Any]], list[Any]], list[Any]]


@cache
def _column_getters(table: str, names: tuple[str, ...]) -> list[ColumnGetter]:
    """For each stored column of a child table, how to build its whole column from (keys, instance) pairs."""
    spec = CHILD_BY_NAME[table]
    derived = spec.columns
    by_name = {c.name: c for c in derived}
    own_keys = [k for k in spec.keys if k not in spec.model_keys]
    missing = [c for c in derived if c.name not in frozenset(names)]  # fields riding in `extra`
    getters: list[ColumnGetter] = []
    for name in names:
        if name == "filing_id":
            getters.append(lambda fid, instances, objs: [fid] * len(objs))
        elif name in own_keys:
            getters.append(_keys_at(own_keys.index(name)))
        elif name in by_name:
            getters.append(_values_of(by_name[name]))
        elif name == "extra" and missing:
            getters.append(lambda fid, instances, objs: [extra_value(o, missing, frozenset()) for o in objs])
        else:
            getters.append(lambda fid, instances, objs: [None] * len(objs))
    return getters


def _keys_at(i: int) -> ColumnGetter:
    return lambda fid, instances, objs: [keys[i] for keys, _ in instances]


def _values_of(column: Column) -> ColumnGetter:
    """The column's values of every instance: `column_value`, by an attribute getter where that is the same."""
    if column.kind == "value" and len(column.path) == 1:
        attr = operator.attrgetter(column.path[0])
        return lambda fid, instances, objs: list(map(attr, objs))
    return lambda fid, instances, objs: [column_value(o, column) for o in objs]


def filing_from_rows(rows: Mapping[str, list[dict[str, Any]]]) -> Filing:
    """Rebuild a Filing from its rows (each table's rows as dicts, in key order)."""
    (filing_row,) = rows["filings"]
    values = row_to_dict(filing_row, filing_columns(), Filing)
    texts = rows.get("texts") or []
    values["text"] = texts[0]["text"] if texts else ""

    def models(name: str) -> list[Any]:
        spec = CHILD_BY_NAME[name]
        assert spec.model is not None
        return [spec.model.model_validate(row_to_dict(r, spec.columns, spec.model)) for r in rows.get(name, [])]

    for name, attr in (("documents", "documents"), ("items", "items"), ("exhibits", "exhibits"),
                       ("signatures", "signatures"), ("facts", "facts"), ("checks", "checks"),
                       ("mentions", "mentions"), ("guidance", "guidance"), ("problems", "problems")):
        values[attr] = [m.model_dump() for m in models(name)]
    releases = models("press_releases")
    values["press_release"] = releases[0].model_dump() if releases else None

    tables = []
    columns_of: dict[int, list[Any]] = {}
    for r in rows.get("table_columns", []):
        columns_of.setdefault(r["table_index"], []).append(
            row_to_dict(r, CHILD_BY_NAME["table_columns"].columns, PeriodColumn))
    rows_of: dict[int, list[Any]] = {}
    for r in rows.get("table_rows", []):
        rows_of.setdefault(r["table_index"], []).append(row_to_dict(r, CHILD_BY_NAME["table_rows"].columns, Row))
    spec = CHILD_BY_NAME["statement_tables"]
    for r in rows.get("statement_tables", []):
        table = row_to_dict(r, spec.columns, Table)
        table["columns"] = columns_of.get(r["table_index"], [])
        table["rows"] = rows_of.get(r["table_index"], [])
        tables.append(table)
    values["tables"] = tables
    return Filing.model_validate(values)
