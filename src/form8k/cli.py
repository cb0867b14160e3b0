"""The `form8k` command: a thin layer over the library, one call per command.

Only typer is imported at start-up; each command imports what it needs when
it runs, so `form8k --help` stays fast.
"""

from __future__ import annotations

import errno

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
    """Run the command; a failure of the machine around it (disk, database, output) is one line, not a traceback."""
    import sys

    if sys.stdout is None or sys.stdout.closed:
        sys.stderr.write("form8k: standard output is closed; send it somewhere (> out.txt, or > /dev/null)\n")
        raise SystemExit(2)
    try:
        app()
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (| head): nothing more to say
        raise SystemExit(1) from None
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            _silence_stdout()
            raise SystemExit(1) from None
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            where = f" writing {exc.filename}" if exc.filename else " writing the output" \
                if _is_stdout_error(exc) else ""
            _silence_stdout()
            sys.stderr.write(f"form8k: no space left on the device{where}\n")
            raise SystemExit(1) from None
        _silence_stdout()
        sys.stderr.write(f"form8k: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}\n")
        raise SystemExit(1) from None
    except Exception as exc:
        if type(exc).__module__.split(".")[0] not in ("duckdb", "_duckdb"):
            raise
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "corrupt" in text.lower() or "checksum" in text.lower():
            text += " (the database file is damaged: restore it from a copy, or ingest again into a new file)"
        elif "no space" in text.lower():
            text = "no space left on the device for the database: " + text
        sys.stderr.write(f"form8k: {text}\n")
        raise SystemExit(1) from None


def _is_stdout_error(exc: OSError) -> bool:
    import traceback

    return any(frame.name in ("write", "flush") or "stdout" in (frame.line or "")
               for frame in traceback.extract_tb(exc.__traceback__))


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush of a full or closed pipe stays quiet."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    main()
