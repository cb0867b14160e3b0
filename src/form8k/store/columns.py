"""How the filing record maps onto database columns, derived from the models.

One rule serves every table, so a part of the record that lands later is
stored the day it exists:

    str, Literal          VARCHAR            int    BIGINT
    bool                  BOOLEAN            date   DATE
    Decimal (Amount)      DECIMAL(38,10)     span   <name>_start, <name>_end INTEGER
    list of str           VARCHAR[]          list of amounts   DECIMAL(38,10)[]
    list of spans         INTEGER[][]        list of records   JSON
    a nested record       its fields, prefixed: dateline -> dateline_city, dateline_date …

A field the database has no column for yet (a model grew a field after the
schema was written) is kept in the row's `extra` JSON under its dotted path,
so nothing is lost before a migration gives it a column of its own.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

DECIMAL = "DECIMAL(38,10)"
_QUANTUM = Decimal(1).scaleb(-10)


@dataclass(frozen=True, slots=True)
class Column:
    """One database column and the model path it holds."""

    name: str
    sql: str
    path: tuple[str, ...]  # attribute names from the table's model down to the value
    kind: Literal["value", "span_start", "span_end", "json", "decimal", "decimal_list", "span_list"]


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    """`X | None` -> (X, True); `Annotated[X, …]` -> X."""
    optional = False
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            annotation, optional = args[0], True
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation, optional


def _is_span(annotation: Any) -> bool:
    return typing.get_origin(annotation) is tuple and typing.get_args(annotation) == (int, int)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _scalar_sql(annotation: Any) -> str | None:
    if annotation is str or typing.get_origin(annotation) is Literal:
        return "VARCHAR"
    if annotation is bool:
        return "BOOLEAN"
    if annotation is int:
        return "BIGINT"
    if annotation is dt.date:
        return "DATE"
    if annotation is Decimal:
        return DECIMAL
    return None


def derive_columns(model: type[BaseModel], prefix: str = "", path: tuple[str, ...] = (),
                   rename: dict[str, str] | None = None, skip: frozenset[str] = frozenset()) -> list[Column]:
    """The columns a model's fields map to under the one rule above.

    `rename` gives some top-level fields another column name (`table` -> `table_index`);
    `skip` leaves out fields stored in tables of their own (`rows`, `columns`).
    """
    rename = rename or {}
    columns: list[Column] = []
    for field_name, info in model.model_fields.items():
        if field_name in skip:
            continue
        annotation, _ = _strip_optional(info.annotation)
        name = prefix + rename.get(field_name, field_name)
        field_path = (*path, field_name)
        sql = _scalar_sql(annotation)
        if sql is not None:
            kind: Any = "decimal" if sql == DECIMAL else "value"
            columns.append(Column(name, sql, field_path, kind))
        elif _is_span(annotation):
            columns.append(Column(f"{name}_start", "INTEGER", field_path, "span_start"))
            columns.append(Column(f"{name}_end", "INTEGER", field_path, "span_end"))
        elif _is_model(annotation):
            columns.extend(derive_columns(annotation, f"{name}_", field_path))
        elif typing.get_origin(annotation) is list:
            item, _ = _strip_optional(typing.get_args(annotation)[0])
            item_sql = _scalar_sql(item)
            if item_sql == DECIMAL:
                columns.append(Column(name, f"{DECIMAL}[]", field_path, "decimal_list"))
            elif item_sql is not None:
                columns.append(Column(name, f"{item_sql}[]", field_path, "value"))
            elif _is_span(item):
                columns.append(Column(name, "INTEGER[][]", field_path, "span_list"))
            else:
                columns.append(Column(name, "JSON", field_path, "json"))
        else:
            columns.append(Column(name, "JSON", field_path, "json"))
    return columns


# --- model -> row values ---------------------------------------------------------


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def _decimal(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -10:
        return value.quantize(_QUANTUM)
    return value


def _json(value: Any) -> str:
    return json.dumps(_plain(value), separators=(",", ":"), ensure_ascii=False)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def column_value(obj: Any, column: Column) -> Any:
    """The value `column` holds for model instance `obj`."""
    value = _get(obj, column.path)
    kind = column.kind
    if kind == "value":
        return value
    if kind == "decimal":
        return _decimal(value)
    if kind == "span_start":
        return None if value is None else value[0]
    if kind == "span_end":
        return None if value is None else value[1]
    if kind == "decimal_list":
        return [_decimal(v) for v in value] if value is not None else None
    if kind == "span_list":
        return list(value) if value is not None else None  # Arrow reads a span tuple as a list
    return None if value is None else _json(value)


def extra_value(obj: Any, columns: list[Column], stored: frozenset[str]) -> str | None:
    """JSON of the fields whose columns the database does not have yet, by dotted path."""
    extra = {".".join(c.path): _plain(_get(obj, c.path)) for c in columns if c.name not in stored}
    extra = {k: v for k, v in extra.items() if v is not None}
    return _json(extra) if extra else None


# --- row values -> model ------------------------------------------------------------


def _trim(value: Decimal | None) -> Decimal | None:
    """12072000.0000000000 -> 12072000; -0.0700000000 -> -0.07 (the column's fixed scale is not the value's)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _set(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for name in path[:-1]:
        target = target.setdefault(name, {})
    target[path[-1]] = value


def row_to_dict(row: dict[str, Any], columns: list[Column], model: type[BaseModel]) -> dict[str, Any]:
    """Rebuild the field dict of one model instance from its row (the inverse of `column_value`)."""
    out: dict[str, Any] = {}
    spans: dict[tuple[str, ...], list[Any]] = {}
    for column in columns:
        if column.name not in row:
            continue
        value = row[column.name]
        if column.kind in ("span_start", "span_end"):
            spans.setdefault(column.path, [None, None])[0 if column.kind == "span_start" else 1] = value
            continue
        if column.kind == "json" and value is not None:
            value = json.loads(value) if isinstance(value, str) else value
        elif column.kind == "decimal":
            value = _trim(value)
        elif column.kind == "decimal_list" and value is not None:
            value = [_trim(v) for v in value]
        elif column.kind == "span_list" and value is not None:
            value = [None if s is None else tuple(s) for s in value]
        _set(out, column.path, value)
    for path, (start, end) in spans.items():
        _set(out, path, None if start is None else (start, end))
    extra = row.get("extra")
    if extra:
        for dotted, value in (json.loads(extra) if isinstance(extra, str) else extra).items():
            _set(out, tuple(dotted.split(".")), value)
    return _drop_empty_nested(out, model)


def _drop_empty_nested(values: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """A nested record whose every column is NULL was absent (`None`), not empty."""
    for field_name, info in model.model_fields.items():
        annotation, optional = _strip_optional(info.annotation)
        if field_name in values and _is_model(annotation) and isinstance(values[field_name], dict):
            nested = _drop_empty_nested(values[field_name], annotation)
            if all(v is None for v in nested.values()):
                if optional:
                    values[field_name] = None
                else:
                    del values[field_name]
            else:
                values[field_name] = {k: v for k, v in nested.items() if v is not None}
        elif field_name in values and values[field_name] is None and not optional:
            del values[field_name]  # let the model's default stand in for a NULL list or flag
    return values
