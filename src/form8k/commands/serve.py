"""`form8k serve`: the web viewer and JSON API over a stored corpus."""

from __future__ import annotations

from typing import Annotated

import typer

from form8k.commands.options import DEFAULT_DB, DbOption

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="The address to listen on; anything but loopback makes "
                                      "the corpus visible to your network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="The port to listen on.", min=1, max=65535)] = 8008,
) -> None:
    """Browse a stored corpus in a web viewer (read-only), with a JSON twin of every page.

    Example: form8k serve --db form8k.duckdb    then open http://127.0.0.1:8008/
    """
    import uvicorn

    from form8k.errors import StoreError
    from form8k.web import create_app

    try:
        app = create_app(db)
    except StoreError as exc:
        typer.echo(f"form8k: {exc}", err=True)
        raise typer.Exit(2) from None
    if host not in LOOPBACK:
        typer.echo(f"form8k: listening on {host}: anyone who can reach it can read the corpus", err=True)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"form8k: serving {db} at http://{shown}:{port}/ (JSON API described at /openapi.json; "
               "Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False)
