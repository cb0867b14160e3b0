"""`form8k ingest --engine dask`: the same parse mapped over files on a Dask cluster.

Each task parses a chunk of files with `store.work.parse_file` (the function
the local process pool runs) and writes its rows straight into a partitioned
Parquet dataset (`store.dataset`), so no filing's rows pass through the
scheduler. Without a scheduler address a LocalCluster is started, one worker
process per core. The dataset folder must be readable by every worker: a
shared or local file system.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from form8k.store.ingest import IngestSummary, discover
from form8k.store.work import FILE_TIMEOUT, Outcome, parse_files

CHUNK = 16


@dataclass(slots=True)
class ChunkResult:
    token: str
    parts: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)  # with their rows dropped


def parse_chunk_to_dataset(paths: Sequence[str], root: str, columns: dict[str, list[tuple[str, str]]],
                           max_bytes: int | None = None, file_timeout: float | None = FILE_TIMEOUT) -> ChunkResult:
    """Parse a chunk of files and write their rows as Parquet parts; runs on a Dask worker.

    Each file gets `file_timeout` seconds (`work.deadline`: in a Dask worker's
    thread the timeout is raised at the next Python instruction).
    """
    from form8k.store.dataset import write_parts

    token = hashlib.sha1("\n".join(paths).encode()).hexdigest()[:16]
    stored = {table: [name for name, _ in cols] for table, cols in columns.items()}
    outcomes, parsed = parse_files(paths, stored, max_bytes=max_bytes, timeout=file_timeout)
    result = ChunkResult(token, outcomes=outcomes)
    rows = []
    seen: set[str] = set()
    for i, filing_rows in parsed:
        if outcomes[i].filing_id not in seen:  # a filing given twice in the chunk is written once
            seen.add(outcomes[i].filing_id or "")
            rows.append((outcomes[i].year, filing_rows))
    result.parts = [str(p) for p in write_parts(Path(root), token, rows, columns)]
    return result


def ingest_dask(paths: Sequence[Path], out: str | Path, scheduler: str | None = None, workers: int | None = None,
                processes: bool = True, progress: bool = True, max_bytes: int | None = None,
                file_timeout: float | None = FILE_TIMEOUT) -> IngestSummary:
    """Parse every filing under `paths` on a Dask cluster into a Parquet dataset at `out`.

    `scheduler` is the address of a running cluster (`tcp://host:8786`); with
    none, a LocalCluster of `workers` processes (or threads, `processes=False`)
    is started and closed. Any earlier dataset at `out` is replaced.
    """
    import os

    from dask.distributed import Client, LocalCluster, as_completed

    from form8k.store.ingest import _progress
    from form8k.store.schema import current_columns

    files, not_filings = discover(paths)
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    for old in root.glob("table=*"):
        shutil.rmtree(old)
    columns = {t: list(cols) for t, cols in current_columns().items()}
    summary = IngestSummary(db=str(root), files=len(files), not_filings=not_filings)
    started = time.perf_counter()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=processes, dashboard_address=None)
        client = Client(cluster)
    summary.workers = len(client.scheduler_info().get("workers", {}))
    results: list[ChunkResult] = []
    try:
        chunks = [[str(p) for p in files[i:i + CHUNK]] for i in range(0, len(files), CHUNK)]
        futures = client.map(parse_chunk_to_dataset, chunks, root=str(root.resolve()), columns=columns,
                             max_bytes=max_bytes, file_timeout=file_timeout, pure=False)
        with _progress(progress, len(files)) as advance:
            for future in as_completed(futures):
                result = future.result()
                results.append(result)
                advance(len(result.outcomes))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    _settle(root, results, summary, columns)
    summary.seconds = time.perf_counter() - started
    return summary


def _settle(root: Path, results: list[ChunkResult], summary: IngestSummary,
            columns: dict[str, list[tuple[str, str]]]) -> None:
    """Count outcomes, drop filings stored twice (first path wins), write the failures table."""
    from form8k.store.dataset import drop_filings, write_parts

    outcomes = sorted(((o, r) for r in results for o in r.outcomes), key=lambda pair: pair[0].path)
    owner: dict[str, str] = {}  # filing_id -> token of the part that keeps it
    drops: dict[str, set[str]] = {}
    seen_sha: set[str] = set()
    failures: list[dict[str, Any]] = []
    for outcome, result in outcomes:
        summary.bytes += outcome.size
        if outcome.kind == "parsed" and outcome.filing_id is not None:
            if outcome.sha256 in seen_sha or outcome.filing_id in owner:
                if outcome.sha256 in seen_sha:
                    summary.unchanged += 1
                else:
                    summary.duplicates += 1
                    failures.append(_failure(outcome, "duplicate",
                                             f"{outcome.filing_id} is already stored from other bytes"))
                if owner.get(outcome.filing_id) != result.token:
                    drops.setdefault(result.token, set()).add(outcome.filing_id)
                continue
            seen_sha.add(outcome.sha256 or "")
            owner[outcome.filing_id] = result.token
            summary.parsed += 1
            summary.facts += outcome.facts
            summary.failed_checks += outcome.failed_checks
        else:
            summary.failed += 1
            if len(summary.failures) < 20:
                summary.failures.append((outcome.path, outcome.reason or outcome.kind))
            failures.append(_failure(outcome, outcome.kind, outcome.reason or outcome.kind))
    for result in results:
        if result.token in drops:
            drop_filings([Path(p) for p in result.parts], drops[result.token])
    if failures:
        names = [name for name, _ in columns["failures"]]
        rows = {name: [f.get(name) for f in failures] for name in names}
        write_parts(root, "failures", [(None, {"failures": rows})], columns)


def _failure(outcome: Outcome, kind: str, reason: str) -> dict[str, Any]:
    import datetime as dt

    return {"path": outcome.path, "sha256": outcome.sha256, "size": outcome.size or None,
            "parser_version": outcome.parser_version, "kind": kind, "reason": reason,
            "filing_id": outcome.filing_id, "failed_at": dt.datetime.now(dt.UTC).replace(tzinfo=None)}
