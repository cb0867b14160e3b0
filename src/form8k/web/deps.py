"""What every view needs from the request: a cursor on the read-only store, and JSON-or-HTML errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from fastapi import HTTPException, Request

if TYPE_CHECKING:
    import duckdb


def cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the app's one read-only connection, for this request's thread only."""
    con = request.app.state.con.cursor()
    try:
        yield con
    finally:
        con.close()


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} in this database")


def bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)
