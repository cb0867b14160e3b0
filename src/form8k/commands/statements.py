"""`form8k statements FILE...`: the statement tables of any filing (10-K, 10-Q, 6-K, an exhibit, PDF text)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from form8k.commands.options import input_error


def statements(
    files: list[Path] = typer.Argument(..., help="The files of one filing or document: HTML, SGML submission, "
                                                 "text (also text made from a PDF).", show_default=False),
    json_out: bool = typer.Option(False, "--json", help="Print the record as JSON (docs/record.md)."),
    md_out: bool = typer.Option(False, "--md", help="Print the statements as Markdown."),
    with_text: bool = typer.Option(False, "--text/--no-text", help="Include the canonical text in --json output."),
    max_bytes: int = typer.Option(100 * 2**20, "--max-bytes", envvar="FORM8K_MAX_BYTES",
                                  help="Refuse files larger than this many bytes."),
) -> None:
    """Read the financial statements of any filing: tables, facts mapped to US-GAAP concepts, and checks.

    Unlike `parse`, it does not need an 8-K. Example:
    form8k statements 10-Q.htm --json
    """
    from form8k.errors import Form8kError
    from form8k.export.render import statements_markdown, statements_summary
    from form8k.pipeline import statements_paths

    try:
        filing = statements_paths(files, max_bytes=max_bytes)
    except (Form8kError, OSError) as exc:
        typer.echo(f"form8k: {input_error(exc, files)}", err=True)
        raise typer.Exit(2) from None
    if json_out:
        exclude = {"cover", "items", "exhibits", "signatures", "press_release", "mentions", "guidance"}
        if not with_text:
            exclude.add("text")
        sys.stdout.write(filing.model_dump_json(indent=1, exclude=exclude))
        sys.stdout.write("\n")
    elif md_out:
        sys.stdout.write(statements_markdown(filing))
    else:
        statements_summary(filing)
    if filing.status == "failed":
        reasons = "; ".join(p.message for p in filing.problems) or "failed"
        typer.echo(f"form8k: {files[0]}: {reasons}", err=True)
        raise typer.Exit(1)
