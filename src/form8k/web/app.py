"""The viewer's application: `create_app(db)` gives a FastAPI app, read-only over one form8k database.

Filing content is untrusted, so the app is built to keep it inert:

- templates autoescape everything and never mark filing text safe;
- every response carries a strict Content-Security-Policy (no inline script
  or style, nothing from other origins) and `X-Content-Type-Options: nosniff`;
- ids in URLs are checked against patterns before they reach a query, and
  every value is a bound parameter;
- no request parameter reaches the file system: static files are read from
  the package once, at start-up, and served from memory by exact name;
- the database is opened read-only, with DuckDB's file access switched off.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import FastAPI, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from form8k import __version__
from form8k.web.templating import render
from form8k.web.views import checks, company, facts, filing, filings

if TYPE_CHECKING:
    import duckdb

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response, whatever produced it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def open_store(db: str | Path) -> duckdb.DuckDBPyConnection:
    """The database, opened read-only; a DuckDB file also loses access to any other file."""
    from form8k.store.db import is_dataset, open_db

    con = open_db(db, read_only=True)
    if not is_dataset(db):
        # Connections to one file in one process share its settings: another app may have locked them already.
        if con.execute("SELECT current_setting('enable_external_access')").fetchall()[0][0]:
            con.execute("SET enable_external_access = false")
        if not con.execute("SELECT current_setting('lock_configuration')").fetchall()[0][0]:
            con.execute("SET lock_configuration = true")
    return con


def static_files() -> dict[str, tuple[bytes, str]]:
    """The viewer's CSS and JavaScript, read from the package: name -> (bytes, media type)."""
    out = {}
    for entry in resources.files("form8k.web").joinpath("static").iterdir():
        suffix = Path(entry.name).suffix
        if entry.is_file() and suffix in STATIC_TYPES:
            out[entry.name] = (entry.read_bytes(), STATIC_TYPES[suffix])
    return out


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith(".json") or "application/json" in request.headers.get("accept", "").split(",")[0]


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return render("error.html", status_code=status, title=f"Error {status}", status=status, message=message,
                  json_url=None)


def create_app(db: str | Path) -> FastAPI:
    """The viewer and JSON API over the form8k database `db` (a DuckDB file or a Parquet dataset folder).

        >>> import uvicorn
        >>> uvicorn.run(create_app("form8k.duckdb"), host="127.0.0.1", port=8008)  # doctest: +SKIP
    """
    con = open_store(db)
    static = static_files()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.con.close()

    app = FastAPI(
        title="form8k",
        version=__version__,
        description="Browse a corpus of SEC Form 8-K filings read by form8k: every page of the viewer has a "
                    "JSON twin, described here. Values are in base units (dollars, shares, dollars per share); "
                    "every span is a [start, end] character offset into the filing's canonical text.",
        docs_url=None,  # the interactive docs load their code from a CDN; the CSP forbids it
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.con = con
    app.state.db = str(db)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        # Name the parameter and the rule it broke, never echo the value sent.
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
                    for e in exc.errors()]
        return _error(request, 422, "; ".join(problems) or "invalid request")

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        response = _error(request, 500, "the viewer failed on this page")
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/filings", status_code=302)

    @app.get("/static/{name}", include_in_schema=False)
    def static_file(name: Annotated[str, PathParam(pattern=r"^[a-z0-9-]+\.(css|js)$")]) -> Response:
        if name not in static:
            return _error_plain(404)
        body, media_type = static[name]
        return Response(body, media_type=media_type, headers={"cache-control": "no-cache"})

    for view in (filings, filing, company, checks, facts):
        app.include_router(view.router)
    return app


def _error_plain(status: int) -> Response:
    return Response("not found", status_code=status, media_type="text/plain; charset=utf-8")
