"""The `form8k` command: a thin layer over the library, one call per command.

Only typer is imported at start-up; each command imports what it needs when
it runs, so `form8k --help` stays fast.
"""

from __future__ import annotations

import typer

from form8k.commands import fetch as fetch_command
from form8k.commands import parse as parse_command
from form8k.commands import serve as serve_command
from form8k.commands import store as store_commands

app = typer.Typer(
    name="form8k",
    help="Read SEC Form 8-K current reports into structured, arithmetic-checked records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("parse")(parse_command.parse)
app.command("fetch")(fetch_command.fetch)
app.command("ingest")(store_commands.ingest)
app.command("facts")(store_commands.facts)
app.command("checks")(store_commands.checks)
app.command("sql")(store_commands.sql)
app.command("export")(store_commands.export)
app.command("serve")(serve_command.serve)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", help="Print the version and exit.")) -> None:
    if version:
        from form8k import __version__

        typer.echo(__version__)
        raise typer.Exit()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
