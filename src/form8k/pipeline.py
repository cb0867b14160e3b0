"""parse(files) -> Filing: the stages, in order.

    load          bytes -> documents with one canonical text       (load/)
    cover         the 8-K cover page                              (cover.py)
    items         Item 2.02, 9.01 … with their text               (items.py)
    exhibits      the exhibit index joined with EX- documents      (exhibits.py)
    signatures    signers, titles, dates                          (signatures.py)
    statements    tables -> typed rows -> facts -> checks          (tables/, concepts/, checks.py)
    release       press-release parts, mentions, guidance          (release.py, narrative.py, guidance.py)

A stage that meets bad data reports it in `Filing.problems`; a stage that
fails outright is recorded as a problem too, so one broken part never costs
the rest of the record (set FORM8K_STRICT=1 to raise instead, for debugging).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from form8k.errors import InputError, InputTooLargeError
from form8k.load import Submission, load
from form8k.models import DocumentInfo, Filing, Problem, Source

T = TypeVar("T")

MAX_BYTES = int(os.environ.get("FORM8K_MAX_BYTES", str(100 * 2**20)))
FORM_TYPES_8K = {"8-K", "8-K/A", "8-K12B", "8-K12G3", "8-K15D5", "8-K12B/A", "8-K12G3/A"}


def read_files(paths: Sequence[str | Path], max_bytes: int = MAX_BYTES) -> list[tuple[str, bytes]]:
    """Read files for `parse`, refusing any larger than `max_bytes` before reading it."""
    files: list[tuple[str, bytes]] = []
    for p in paths:
        path = Path(p)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLargeError(
                f"{path.name} is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB limit "
                "(raise it with --max-bytes or FORM8K_MAX_BYTES)")
        files.append((str(path), path.read_bytes()))
    return files


def parse_paths(paths: Sequence[str | Path], max_bytes: int = MAX_BYTES) -> Filing:
    """Parse the files of one filing from disk. Raises InputError when none can be read."""
    return parse(read_files(paths, max_bytes))


def parse(files: Sequence[tuple[str | None, bytes]]) -> Filing:
    """Parse one filing given as `(name, bytes)` pairs into its record.

    Raises InputError only when the input cannot be read at all (empty,
    binary); anything readable gives a record whose `status` and `problems`
    say what could not be found.
    """
    if not files:
        raise InputError("no input files")
    digest = hashlib.sha256()
    size = 0
    for _, data in files:
        digest.update(data)
        size += len(data)
    sub = load(files)
    names = [n for n, _ in files if n]
    filing = Filing(
        source=Source(path=names[0] if names else None, files=names, sha256=digest.hexdigest(), size=size,
                      format=sub.format),
        header=sub.header,
        documents=[DocumentInfo(type=d.type, sequence=d.sequence, filename=d.filename, description=d.description,
                                format=d.format, skipped=d.skipped,
                                span=(d.start, d.end) if d.format != "binary" else None)
                   for d in sub.documents],
        text=sub.text,
    )
    _read_record(sub, filing)
    filing.problems[:0] = sub.problems  # stages report data problems on the submission
    _set_status(filing)
    return filing


def _stage(filing: Filing, name: str, fn: Callable[[], T], default: T) -> T:
    if os.environ.get("FORM8K_STRICT"):
        return fn()
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - a broken stage must not cost the whole record
        filing.problems.append(Problem(code="stage_error", component=name,
                                       message=f"{name} stage failed: {type(exc).__name__}: {exc}"))
        return default


def _read_record(sub: Submission, filing: Filing) -> None:
    from form8k import cover, exhibits, items, signatures

    if not sub.text.strip():
        filing.problems.append(Problem(code="no_text", component="load",
                                       message="no readable text in the filing (only binary or empty parts)"))
        return
    header_form = filing.header.form_type if filing.header is not None else None
    if header_form is None or header_form.upper() in FORM_TYPES_8K:
        filing.cover = _stage(filing, "cover", lambda: cover.read_cover(sub), filing.cover)
    form = _form_type(filing)
    if form is not None and form.upper() not in FORM_TYPES_8K:
        filing.problems.append(Problem(code="not_8k", component="cover",
                                       message=f"this is a {form}, not an 8-K current report"))
        return
    filing.items = _stage(filing, "items", lambda: items.read_items(sub, filing.cover), [])
    if filing.items and all(i.heading is None for i in filing.items):
        filing.problems.append(Problem(code="items_from_header", component="items",
                                       message="no item headings in the body; items taken from the SGML header"))
    elif not filing.items and filing.cover.span is not None:
        filing.problems.append(Problem(code="no_items", component="items", message="no item headings found"))
    filing.exhibits = _stage(filing, "exhibits", lambda: exhibits.read_exhibits(sub, filing.items), [])
    filing.signatures = _stage(filing, "signatures", lambda: signatures.read_signatures(sub), [])
    _read_statements(sub, filing)
    _read_release(sub, filing)


def _read_statements(sub: Submission, filing: Filing) -> None:
    from form8k.tables import read_statements

    result = _stage(filing, "statements", lambda: read_statements(sub), None)
    if result is not None:
        filing.tables, filing.facts, filing.checks = result.tables, result.facts, result.checks
        filing.problems.extend(result.problems)


def _read_release(sub: Submission, filing: Filing) -> None:
    from form8k.release import read_release

    result = _stage(filing, "release", lambda: read_release(sub, filing), None)
    if result is not None:
        filing.press_release, filing.mentions, filing.guidance = result.press_release, result.mentions, result.guidance
        filing.checks.extend(result.checks)
        filing.problems.extend(result.problems)


def _form_type(filing: Filing) -> str | None:
    if filing.header is not None and filing.header.form_type:
        return filing.header.form_type
    return filing.cover.form_type


def _set_status(filing: Filing) -> None:
    codes = {p.code for p in filing.problems}
    if codes & {"not_8k", "no_text"}:
        filing.status = "failed"
    elif codes & {"no_cover_page", "stage_error", "truncated_document", "no_items"}:
        filing.status = "partial"
    else:
        filing.status = "ok"
