"""Parse one file into rows ready to store: the function every engine maps over files.

It runs in a worker process (a local pool or a Dask worker) and returns plain
data, so the process that writes needs to do nothing but write.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from form8k.models import PARSER_VERSION
from form8k.store.grouping import split_task
from form8k.store.records import Columnar, filing_date, filing_id_of, filing_rows

OutcomeKind = Literal["parsed", "unchanged", "unreadable", "failed", "error"]


@dataclass(slots=True)
class Outcome:
    """What became of one file."""

    path: str
    kind: OutcomeKind
    size: int = 0
    sha256: str | None = None
    filing_id: str | None = None
    year: int | None = None
    rows: dict[str, Columnar] | None = None
    facts: int = 0
    failed_checks: int = 0
    reason: str | None = None
    seconds: float = 0.0
    parser_version: str = field(default=PARSER_VERSION)


def parse_file(path: str | Path, stored: Mapping[str, Sequence[str]], known: Container[str] = (),
               max_bytes: int | None = None) -> Outcome:
    """Read and parse one file (or the files of one filing, a `FileGroup`'s task string) into its rows.

    `stored` names each table's columns (see `records.filing_rows`); a file
    whose sha256 is in `known` is not parsed again (`unchanged`). Never raises
    for a bad file: the reason rides on the outcome.
    """
    from form8k.errors import InputError, InputTooLargeError
    from form8k.pipeline import MAX_BYTES, parse

    started = time.perf_counter()
    members = split_task(path)  # one file, or the files of one filing (store.grouping)
    name = " + ".join(members)
    limit = MAX_BYTES if max_bytes is None else max_bytes
    files: list[tuple[str | None, bytes]] = []
    try:
        for member in members:
            size = Path(member).stat().st_size
            if size > limit:
                raise InputTooLargeError(f"{size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit")
            files.append((member, Path(member).read_bytes()))
    except (OSError, InputError) as exc:
        return Outcome(name, "unreadable", reason=_reason(exc), seconds=time.perf_counter() - started)
    digest = hashlib.sha256()
    for _, data in files:
        digest.update(data)  # as the record's source.sha256
    sha256 = digest.hexdigest()
    outcome = Outcome(name, "unchanged", size=sum(len(d) for _, d in files), sha256=sha256)
    if sha256 in known:
        return outcome
    try:
        filing = parse(files)
    except InputError as exc:
        outcome.kind, outcome.reason = "unreadable", _reason(exc)
    except Exception as exc:  # noqa: BLE001 - one file's bug must not stop a batch of millions
        outcome.kind, outcome.reason = "error", _reason(exc)
    else:
        outcome.filing_id = filing_id_of(filing)
        date = filing_date(filing)
        outcome.year = date.year if date else None
        if filing.status == "failed":
            outcome.kind = "failed"
            outcome.reason = "; ".join(p.message for p in filing.problems) or "failed"
        else:
            outcome.kind = "parsed"
            outcome.rows = filing_rows(filing, stored)
            outcome.facts = len(filing.facts)
            outcome.failed_checks = sum(1 for c in filing.checks if c.status == "fail")
    outcome.seconds = time.perf_counter() - started
    return outcome


def _reason(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
