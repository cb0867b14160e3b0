"""parse(files) -> Filing: the stages, in order.

    load          bytes -> documents with one canonical text       (load/)
    record        cover page, items, exhibits, signatures          (record/)
    statements    tables -> typed rows -> facts -> checks          (statements/)
    release       press-release parts, mentions, guidance          (release/)

A stage that meets bad data reports it in `Filing.problems`; a stage that
fails outright is recorded as a problem too, so one broken part never costs
the rest of the record (set FORM8K_STRICT=1 to raise instead, for debugging).
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from form8k.errors import InputError, InputTooLargeError
from form8k.load import Submission, load
from form8k.models import DocumentInfo, Filing, Problem, Source
from form8k.record import FORM_TYPES_8K, read_identity, read_record, run_stage, tagged_facts
from form8k.release import read_release
from form8k.statements import earnings_problems, read_coverage, read_statements

MAX_BYTES = int(os.environ.get("FORM8K_MAX_BYTES", str(100 * 2**20)))
__all__ = ["FORM_TYPES_8K", "MAX_BYTES", "parse", "parse_paths", "read_files", "statements", "statements_paths"]


def read_files(paths: Sequence[str | Path], max_bytes: int = MAX_BYTES) -> list[tuple[str, bytes]]:
    """Read files for `parse`, refusing any larger than `max_bytes` before reading it.

    `-` reads standard input; a pipe (`<(curl …)`) is read up to the limit.
    A folder, a missing file and a terminal on standard input each raise
    InputError saying which it is.
    """
    files: list[tuple[str, bytes]] = []
    for p in paths:
        if str(p) == "-":
            if sys.stdin is None or sys.stdin.isatty():
                raise InputError("-: reads a filing from standard input, but standard input is a terminal "
                                 "(pipe one in: form8k parse - < filing.txt)")
            files.append(("<stdin>", _read_capped(sys.stdin.buffer, "standard input", max_bytes)))
            continue
        path = Path(p)
        try:
            info = path.stat()
        except FileNotFoundError:
            raise InputError(f"{p}: no such file") from None
        except OSError as exc:
            raise InputError(f"{p}: cannot be read ({exc.strerror})") from None
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{p}: is a folder, not a file (form8k ingest {p} reads every filing in it)")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device: its size is unknown until read
            with path.open("rb") as stream:
                files.append((str(path), _read_capped(stream, path.name, max_bytes)))
            continue
        if info.st_size > max_bytes:
            raise InputTooLargeError(_too_large(path.name, info.st_size, max_bytes))
        files.append((str(path), path.read_bytes()))
    return files


def _read_capped(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLargeError(_too_large(name, None, max_bytes))
    return data


def _too_large(name: str, size: int | None, max_bytes: int) -> str:
    what = f"is {size / 2**20:.1f} MiB" if size is not None else "holds more"
    return (f"{name} {what}, over the {max_bytes / 2**20:.0f} MiB limit "
            "(raise it with --max-bytes or FORM8K_MAX_BYTES)")


def parse_paths(paths: Sequence[str | Path], max_bytes: int = MAX_BYTES) -> Filing:
    """Parse the files of one filing from disk. Raises InputError when none can be read."""
    return parse(read_files(paths, max_bytes))


def statements_paths(paths: Sequence[str | Path], max_bytes: int = MAX_BYTES) -> Filing:
    """The statements of any filing or document on disk (10-Q, 10-K, 6-K, an exhibit, PDF text)."""
    return statements(read_files(paths, max_bytes))


def statements(files: Sequence[tuple[str | None, bytes]]) -> Filing:
    """Read only the statement tables of any filing: `tables`, `facts`, `checks` and `problems`.

    Unlike `parse` this does not ask for an 8-K: the cover, items and press
    release are not read, so a 10-K, a 10-Q or a bare statements page gives
    the same kind of statement record as a release.
    """
    filing, sub = _start(files)
    if not sub.text.strip():
        filing.problems.append(Problem(code="no_text", component="load",
                                       message="no readable text in the filing (only binary or empty parts)"))
    else:
        _read_statements(sub, filing)
        if not filing.tables:
            filing.problems.append(Problem(code="no_tables", component="statements",
                                           message="no tables found in the document"))
    filing.problems[:0] = sub.problems
    if filing.tables:
        filing.coverage = read_coverage(filing)
    codes = {p.code for p in filing.problems}
    filing.status = "failed" if "no_text" in codes else "partial" if codes & {"stage_error", "no_tables"} else "ok"
    return filing


def parse(files: Sequence[tuple[str | None, bytes]], sha256: str | None = None) -> Filing:
    """Parse one filing given as `(name, bytes)` pairs into its record.

    Raises InputError only when the input cannot be read at all (empty,
    binary); anything readable gives a record whose `status` and `problems`
    say what could not be found. `sha256`, the hex digest of the files'
    bytes in order, spares hashing them again when the caller has.
    """
    filing, sub = _start(files, sha256)
    _read_record(sub, filing)
    _read_identity(sub, filing)
    filing.problems[:0] = sub.problems  # stages report data problems on the submission
    if filing.tables:
        filing.coverage = read_coverage(filing)
    filing.problems.extend(earnings_problems(filing))
    _set_status(filing)
    return filing


def source_sha256(files: Sequence[tuple[str | None, bytes]]) -> str:
    """The record's `source.sha256`: the hex digest of the files' bytes, in order."""
    digest = hashlib.sha256()
    for _, data in files:
        digest.update(data)
    return digest.hexdigest()


def _start(files: Sequence[tuple[str | None, bytes]], sha256: str | None = None) -> tuple[Filing, Submission]:
    if not files:
        raise InputError("no input files")
    size = sum(len(data) for _, data in files)
    if sha256 is None:
        sha256 = source_sha256(files)
    sub = load(files)
    names = [n for n, _ in files if n]
    filing = Filing(
        source=Source(path=names[0] if names else None, files=names, sha256=sha256, size=size,
                      format=sub.format),
        header=sub.header,
        documents=[DocumentInfo(type=d.type, sequence=d.sequence, filename=d.filename, description=d.description,
                                format=d.format, skipped=d.skipped,
                                span=(d.start, d.end) if d.format != "binary" else None, pages=d.pages)
                   for d in sub.documents],
        text=sub.text,
    )
    return filing, sub


def _read_record(sub: Submission, filing: Filing) -> None:
    if not sub.text.strip():
        filing.problems.append(Problem(code="no_text", component="load",
                                       message="no readable text in the filing (only binary or empty parts)"))
        return
    record = read_record(sub)
    filing.cover, filing.items, filing.exhibits, filing.signatures = (
        record.cover, record.items, record.exhibits, record.signatures)
    filing.problems.extend(record.problems)
    if not record.is_8k:
        return
    _read_statements(sub, filing)
    _read_release(sub, filing)


def _read_statements(sub: Submission, filing: Filing) -> None:
    result = run_stage(filing.problems, "statements", lambda: read_statements(sub), None)
    if result is not None:
        filing.tables, filing.facts, filing.checks = result.tables, result.facts, result.checks
        filing.problems.extend(result.problems)
    tags = run_stage(filing.problems, "ixbrl", lambda: tagged_facts(sub, filing.facts), None)
    if tags is not None:
        filing.facts.extend(tags[0])
        filing.checks.extend(tags[1])


def _read_release(sub: Submission, filing: Filing) -> None:
    result = run_stage(filing.problems, "release", lambda: read_release(sub, filing), None)
    if result is not None:
        filing.press_release, filing.mentions, filing.guidance = result.press_release, result.mentions, result.guidance
        filing.checks.extend(result.checks)
        filing.problems.extend(result.problems)


def _read_identity(sub: Submission, filing: Filing) -> None:
    body = next((d.text for d in sub.readable if not d.is_exhibit), "")
    ident = run_stage(filing.problems, "identity", lambda: read_identity(
        filing.header, filing.cover, filing.items, filing.exhibits, [t.statement for t in filing.tables],
        filing.press_release, body[:20000]), None)
    if ident is not None:
        filing.accepted_at, filing.filed_at, filing.period_of_report = (
            ident.accepted_at, ident.filed_at, ident.period_of_report)
        filing.item_numbering, filing.results_of_operations, filing.results_item, filing.amends = (
            ident.item_numbering, ident.results_of_operations, ident.results_item, ident.amends)


def _set_status(filing: Filing) -> None:
    codes = {p.code for p in filing.problems}
    if codes & {"not_8k", "no_text"}:
        filing.status = "failed"
    elif codes & {"no_cover_page", "stage_error", "truncated_document", "no_items", "no_press_release",
                  "no_statement_facts"}:
        filing.status = "partial"
    else:
        filing.status = "ok"
