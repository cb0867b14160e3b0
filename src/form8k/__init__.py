"""form8k: read SEC Form 8-K current reports into structured, verified records.

    >>> import form8k
    >>> filing = form8k.parse("examples/immunogen_2007-02-01_8-K_earnings.txt")  # doctest: +SKIP
    >>> filing.cover.registrant  # doctest: +SKIP
    'ImmunoGen, Inc.'

`parse` takes a path, the bytes of one file, or a list of the files (paths or
`(name, bytes)` pairs) of one filing. Heavy modules load on first use, so
`import form8k` (and `form8k --help`) stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, cast

__version__ = "0.1.0"
__all__ = ["parse", "parse_paths", "statements", "statements_paths", "Filing", "Input", "__version__"]

if TYPE_CHECKING:
    from form8k.models import Filing
    from form8k.pipeline import parse_paths, statements_paths

# One input: a path, a file's bytes, or one `(name, bytes)` pair.
File: TypeAlias = str | os.PathLike[str] | bytes | tuple[str | None, bytes]
# What `parse` takes: one input, or the several files of one filing.
Input: TypeAlias = File | Sequence[File]


def _files(source: Input, max_bytes: int | None) -> list[tuple[str | None, bytes]]:
    """`(name, bytes)` pairs for any input `parse` takes, reading paths from disk."""
    from form8k.pipeline import MAX_BYTES, read_files

    limit = MAX_BYTES if max_bytes is None else max_bytes
    if isinstance(source, (bytes, bytearray, memoryview)):
        return [(None, bytes(source))]
    if isinstance(source, (str, os.PathLike)):
        return list(read_files([os.fspath(source)], limit))
    if isinstance(source, tuple) and len(source) == 2 and isinstance(source[1], (bytes, bytearray)):
        name = source[0]
        return [(None if name is None else str(name), bytes(source[1]))]
    files: list[tuple[str | None, bytes]] = []
    for item in source:
        if not isinstance(item, (str, os.PathLike, bytes, bytearray, memoryview, tuple)):
            raise TypeError(f"form8k.parse: cannot read a {type(item).__name__}")
        files.extend(_files(cast(File, item), max_bytes))
    return files


def parse(source: Input, *, max_bytes: int | None = None) -> Filing:
    """Read one filing into its record.

    `source` is a path (`str` or `Path`), the bytes of one file, a
    `(name, bytes)` pair, or a list of these: the files of one filing (an
    8-K body and its exhibits). Any format form8k reads may be given: an
    EDGAR submission (.txt, .nc), HTML or inline XBRL, plain text in any
    common encoding, Markdown, PDF.

    Raises `form8k.errors.InputError` when nothing can be read at all
    (empty, binary, over `max_bytes`); anything readable gives a record
    whose `status` and `problems` say what could not be found.
    """
    from form8k import pipeline

    return pipeline.parse(_files(source, max_bytes))


def _statements(source: Input, *, max_bytes: int | None = None) -> Filing:
    """Read the statement tables of any filing or document (10-K, 10-Q, 6-K, an exhibit, PDF text).

    Takes what `parse` takes and gives the same kind of record, with
    `tables`, `facts`, `checks`, `coverage` and `problems`; the cover, items
    and press release are not read, so no 8-K is needed. Called as
    `form8k.statements(source)`: the `form8k.statements` package is callable.
    """
    from form8k import pipeline

    return pipeline.statements(_files(source, max_bytes))


def __getattr__(name: str) -> Any:
    if name == "statements":
        import form8k.statements as package  # the callable stage package, see `_statements`

        return package
    if name in ("parse_paths", "statements_paths"):
        from form8k import pipeline

        return getattr(pipeline, name)
    if name == "Filing":
        from form8k.models import Filing

        return Filing
    raise AttributeError(name)
