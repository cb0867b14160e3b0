"""The `form8k` command: a thin layer over the library, one call per command.

Only typer is imported at start-up; each command imports what it needs when
it runs, so `form8k --help` stays fast.
"""

from __future__ import annotations

import typer

from form8k.commands import fetch as fetch_command
from form8k.commands import parse as parse_command
from form8k.commands import serve as serve_command
from form8k.commands import statements as statements_command
from form8k.commands import store as store_commands

EXIT_CODES = ("Exit codes: 0 done; 1 the work ran but failed (a filing that could not be read, a SQL error, "
              "filings that could not be fetched); 2 the command was wrong (an unknown option, concept or rule, "
              "a missing file or database, no network).")

app = typer.Typer(
    name="form8k",
    help="Read SEC Form 8-K current reports into structured, arithmetic-checked records.\n\n"
         "The database is form8k.duckdb (in the current folder) unless --db or FORM8K_DB names another.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("parse")(parse_command.parse)
app.command("statements")(statements_command.statements)
app.command("fetch")(fetch_command.fetch)
app.command("ingest")(store_commands.ingest)
app.command("facts")(store_commands.facts)
app.command("checks")(store_commands.checks)
app.command("sql")(store_commands.sql)
app.command("export")(store_commands.export)
app.command("serve")(serve_command.serve)


def _version(value: bool) -> None:
    if value:
        from form8k import __version__

        typer.echo(f"form8k {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Read SEC Form 8-K current reports into structured, arithmetic-checked records."""


def main() -> None:
    app()


if __name__ == "__main__":
    main()
