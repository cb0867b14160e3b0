"""`form8k parse FILE...`: one filing, as a readable summary, JSON or Markdown."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from form8k.commands.options import input_error


def parse(
    files: list[Path] = typer.Argument(..., help="The files of one filing: a full submission .txt/.nc, an 8-K "
                                                 ".htm with its exhibits, or a text file.", show_default=False),
    json_out: bool = typer.Option(False, "--json", help="Print the record as JSON (docs/record.md)."),
    md_out: bool = typer.Option(False, "--md", help="Print the record as Markdown."),
    with_text: bool = typer.Option(True, "--text/--no-text", help="Include the canonical text in --json output."),
    max_bytes: int = typer.Option(100 * 2**20, "--max-bytes", envvar="FORM8K_MAX_BYTES",
                                  help="Refuse files larger than this many bytes."),
) -> None:
    """Parse one 8-K filing and print its record.

    Example: form8k parse examples/immunogen_2007-02-01_8-K_earnings.txt --json
    """
    from form8k.errors import Form8kError
    from form8k.export.render import markdown, summary
    from form8k.pipeline import parse_paths

    try:
        filing = parse_paths(files, max_bytes=max_bytes)
    except (Form8kError, OSError) as exc:
        typer.echo(f"form8k: {input_error(exc, files)}", err=True)
        raise typer.Exit(2) from None
    if json_out:
        exclude = None if with_text else {"text"}
        sys.stdout.write(filing.model_dump_json(indent=1, exclude=exclude))
        sys.stdout.write("\n")
    elif md_out:
        sys.stdout.write(markdown(filing))
    else:
        summary(filing)
    if filing.status == "failed":
        reasons = "; ".join(p.message for p in filing.problems) or "failed"
        typer.echo(f"form8k: {files[0]}: {reasons}", err=True)
        raise typer.Exit(1)
