"""`ingest(paths)`: find filings under paths, parse them on a process pool, store them.

    discover   files and folders, recursively; hidden files, images, archives, JSON… are skipped
    parse      worker processes run `chunks.parse_chunk` over chunks of files (read, hash, parse, turn
               into rows, write the chunk's rows as Parquet part files in a temporary folder), each
               file under a deadline (`file_timeout`) and each process under a memory cap
               (`max_memory`); a file past either is recorded in `failures` and the run goes on.
               Workers die with the parent, `kill -9` included.
    write      the parent has DuckDB read the part files into the tables, each filing whole inside
               one transaction (filings are committed in groups: about COMMIT_EVERY filings or
               COMMIT_SECONDS apart, a chunk's filings in one group), then deletes them

Idempotent: a file whose sha256 is stored with the current parser version is
not parsed again, unless `reparse`; a crash loses at most the group being
written, and running again finishes the job with no duplicates.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from form8k.errors import StoreError
from form8k.models import PARSER_VERSION
from form8k.store.chunks import Chunk, Columns, parse_chunk
from form8k.store.digests import DigestSet, ShaMap
from form8k.store.grouping import FileGroup, group_files
from form8k.store.work import FILE_TIMEOUT, MAX_MEMORY, Outcome, limit_process

if TYPE_CHECKING:
    import duckdb

    from form8k.store.writer import FailureRow, Writer

# What a filing can be stored as: EDGAR full submissions (.txt, .nc), HTML documents, plain text, Markdown, PDF.
FILING_SUFFIXES = frozenset({".txt", ".nc", ".htm", ".html", ".xhtml", ".sgml", ".sgm", ".text", ".md", ".markdown",
                             ".pdf"})
COMMIT_EVERY = 200  # FORM8K_COMMIT_EVERY overrides: smaller groups, more (slower) commits
COMMIT_SECONDS = 1.0
# Rows per row group an ingest writes (DuckDB's default is 122,880). Each checkpoint rewrites the row group
# still filling, so in a table of one row per filing (texts) it held every filing's text: 2,000-3,000
# filings of 400 KB took the writer from ~220 MB to 365 MB. 8,192 bounds that, and compresses as well.
WRITE_ROW_GROUP = 8192
PARTS_PREFIX = "form8k-ingest-"  # the temporary folder of a run's part files: form8k-ingest-<pid>-<random>
# A worker past its files' deadlines by this much is stuck in code no alarm reaches: its pool is killed.
KILL_GRACE = 10.0
MAIN_GUARD = ("form8k's parsing processes import the calling script again: put the call to "
              "form8k.store.ingest in a script under `if __name__ == \"__main__\":` (or pass workers=0 "
              "to parse in this process)")


@dataclass(slots=True)
class IngestSummary:
    """What one ingest did."""

    db: str
    files: int = 0  # filings found (files with a filing's suffix)
    parsed: int = 0  # filings parsed and stored by this run
    replaced: int = 0  # of those, how many replaced a stored filing (new parser version, --reparse)
    unchanged: int = 0  # already stored with the same sha256 and parser version
    not_filings: int = 0  # files skipped without reading: hidden, images, archives, JSON…
    failed: int = 0  # read but not stored (see the failures table)
    duplicates: int = 0  # an accession number already stored from other bytes
    facts: int = 0
    failed_checks: int = 0
    bytes: int = 0
    seconds: float = 0.0
    workers: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason), the first few

    @property
    def skipped(self) -> int:
        return self.unchanged + self.not_filings + self.duplicates

    @property
    def filings_per_second(self) -> float:
        handled = self.parsed + self.failed + self.duplicates
        return handled / self.seconds if self.seconds else 0.0

    @property
    def megabytes_per_second(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.seconds else 0.0

    def __str__(self) -> str:
        return (f"{self.parsed} parsed, {self.failed} failed, {self.skipped} skipped ({self.unchanged} already "
                f"stored), {self.facts} facts, {self.failed_checks} failed checks in {self.seconds:.1f} s "
                f"({self.filings_per_second:.1f} filings/s)")

    def as_dict(self) -> dict[str, Any]:
        return {"db": self.db, "files": self.files, "parsed": self.parsed, "replaced": self.replaced,
                "failed": self.failed, "skipped": self.skipped, "unchanged": self.unchanged,
                "not_filings": self.not_filings, "duplicates": self.duplicates, "facts": self.facts,
                "failed_checks": self.failed_checks, "bytes": self.bytes, "seconds": round(self.seconds, 3),
                "filings_per_second": round(self.filings_per_second, 1),
                "megabytes_per_second": round(self.megabytes_per_second, 2), "workers": self.workers}


def discover(paths: Sequence[str | Path]) -> tuple[list[Path | FileGroup], int]:
    """The filings under `paths` (sorted, each file once) and how many other files were skipped.

    The files of one filing come as one `FileGroup` (see `store.grouping`).
    """
    found: dict[str, Path] = {}
    skipped = 0
    for root in paths:
        root = Path(root)
        if root.is_dir():
            candidates: Iterator[Path] = _walk(root)
        elif root.exists():
            candidates = iter([root])
        else:
            raise FileNotFoundError(f"{root}: no such file or folder")
        for path in candidates:
            if path.name.startswith(".") or path.suffix.lower() not in FILING_SUFFIXES:
                skipped += 1
                continue
            found.setdefault(str(path.resolve()), path)
    filings, left_out = group_files(sorted(found.values()))
    return filings, skipped + left_out


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            yield Path(folder) / name


# --- worker side ----------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(folder: str, columns: Columns, known: DigestSet, max_bytes: int | None,
                 timeout: float | None = None, max_memory: int | None = None) -> None:
    limit_process(max_memory)
    _WORKER.update(folder=folder, columns=columns, known=known, max_bytes=max_bytes, timeout=timeout)
    # pay the imports once, not in the first task
    import pyarrow.parquet  # noqa: F401

    import form8k.pipeline  # noqa: F401


def _parse_chunk(paths: list[str]) -> Chunk:
    return parse_chunk(paths, _WORKER["folder"], _WORKER["columns"], _WORKER["known"], _WORKER["max_bytes"],
                       _WORKER["timeout"])


def _ready() -> bool:
    return True


def check_not_bootstrapping() -> None:
    """Raise at once when called while a worker process imports the calling script again.

    A script that calls `ingest` without a main guard runs the call again in
    every process the pool starts; refusing there (rather than failing every
    file) lets the parent say what to add.
    """
    import multiprocessing

    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise StoreError(MAIN_GUARD)


# --- parent side -------------------------------------------------------------------


class _Run:
    """The parent's bookkeeping: what is stored, the group being written, the summary."""

    def __init__(self, con: duckdb.DuckDBPyConnection, writer: Writer, summary: IngestSummary,
                 reparse: bool) -> None:
        self.commit_every = int(os.environ.get("FORM8K_COMMIT_EVERY", COMMIT_EVERY))
        self.writer = writer
        self.summary = summary
        self.reparse = reparse
        self.stored = ShaMap.from_md5(_rows(con.execute(
            "SELECT md5(filing_id) AS k, source_sha256 FROM filings ORDER BY k")))
        self.seen = DigestSet()  # sha256 handled in this run
        self.written_ids = DigestSet()  # filing ids stored in this run
        self.group: list[tuple[dict[str, str], list[int] | None]] = []  # part files, places to store (None: all)
        self.group_shas: list[str] = []
        self.replace: list[str] = []
        self.group_failures: list[FailureRow] = []
        self.group_started = 0.0

    def take_chunk(self, chunk: Chunk) -> None:
        """Count a chunk's outcomes and add the filings to store to the group (the chunk's parts, with places)."""
        if not self.group and not self.group_failures:
            self.group_started = time.monotonic()
        keep = [i for i, outcome in enumerate(chunk.outcomes) if self.take(outcome)]
        if keep and chunk.files:
            parsed = sum(1 for outcome in chunk.outcomes if outcome.kind == "parsed")
            self.group.append((chunk.files, None if len(keep) == parsed else keep))
        else:
            _remove(chunk.files)

    def take(self, outcome: Outcome) -> bool:
        """Count one outcome; whether its filing's rows are to be stored."""
        from form8k.store.writer import FailureRow

        summary = self.summary
        summary.bytes += outcome.size
        if outcome.kind == "unchanged" or (outcome.sha256 is not None and outcome.sha256 in self.seen):
            summary.unchanged += 1
            return False
        if outcome.sha256 is not None:
            self.seen.add(outcome.sha256)
        if outcome.kind == "parsed" and outcome.filing_id is not None:
            fid = outcome.filing_id
            other = self.stored.get(fid)
            same = other is not None and (outcome.sha256 or "").startswith(other)
            if other is not None and not same and (fid in self.written_ids or not self.reparse):
                summary.duplicates += 1
                self.group_failures.append(FailureRow(
                    outcome.path, outcome.sha256, outcome.size, outcome.parser_version, "duplicate",
                    f"{fid} is already stored from other bytes (sha256 {other[:12]}…)", fid))
                return False
            if other is not None:
                self.replace.append(fid)
                summary.replaced += 1
            self.stored[fid] = outcome.sha256 or ""
            self.written_ids.add(fid)
            self.group_shas.append(outcome.sha256 or "")
            summary.parsed += 1
            summary.facts += outcome.facts
            summary.failed_checks += outcome.failed_checks
            return True
        summary.failed += 1
        reason = outcome.reason or outcome.kind
        if len(summary.failures) < 20:
            summary.failures.append((outcome.path, reason))
        self.group_failures.append(FailureRow(outcome.path, outcome.sha256, outcome.size or None,
                                              outcome.parser_version, outcome.kind, reason, outcome.filing_id))
        return False

    def due(self) -> bool:
        pending = len(self.group_shas) + len(self.group_failures)
        return pending >= self.commit_every or (pending > 0 and time.monotonic() - self.group_started >= COMMIT_SECONDS)

    def flush(self) -> None:
        if self.group_shas or self.group_failures:
            self.writer.write_parts(self.group, self.group_shas, replace=self.replace, failures=self.group_failures)
            self.writer.trim()
        for files, _ in self.group:
            _remove(files)
        self.group, self.group_shas, self.replace, self.group_failures = [], [], [], []


def _remove_stale_folders() -> None:
    """Remove the part folders of ingests whose process is gone (killed, `kill -9` included)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PARTS_PREFIX}*-*"):
        pid = folder.name[len(PARTS_PREFIX):].split("-", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass  # alive, under another user


def _remove(files: dict[str, str]) -> None:
    for path in files.values():
        Path(path).unlink(missing_ok=True)


def ingest_files(files: Sequence[Path | FileGroup], con: duckdb.DuckDBPyConnection, *, workers: int | None = None,
                 reparse: bool = False, progress: bool = True, max_bytes: int | None = None,
                 summary: IngestSummary | None = None, file_timeout: float | None = FILE_TIMEOUT,
                 max_memory: int | None = MAX_MEMORY) -> IngestSummary:
    """Parse `files` and store them in the open database `con` (see `ingest`).

    Each file gets `file_timeout` seconds (None or 0: no limit); each parsing
    process at most `max_memory` bytes of address space (None or 0: no cap;
    with `workers=0` the deadline holds but the cap does not).
    """
    from form8k.store.writer import Writer

    summary = summary or IngestSummary(db="")
    summary.files = len(files)
    writer = Writer(con)
    columns = writer.columns
    known = DigestSet()
    if not reparse:
        known = DigestSet.from_md5(k for k, in _rows(con.execute(
            "SELECT md5(source_sha256) AS k FROM filings WHERE parser_version = ? UNION "
            "SELECT md5(sha256) FROM failures WHERE parser_version = ? AND sha256 IS NOT NULL ORDER BY k",
            [PARSER_VERSION, PARSER_VERSION])))
    run = _Run(con, writer, summary, reparse)
    if workers is None:
        workers = os.cpu_count() or 1
    summary.workers = workers
    started = time.perf_counter()
    # the parts of chunks parsed but not yet written (a run killed leaves its folder behind: the next removes it)
    _remove_stale_folders()
    folder = tempfile.mkdtemp(prefix=f"{PARTS_PREFIX}{os.getpid()}-")
    try:
        with writer.writing(), _progress(progress, len(files)) as advance:
            if workers <= 0:
                size = _chunk_size(len(files), 1)
                for i in range(0, len(files), size):
                    run.take_chunk(parse_chunk([str(p) for p in files[i:i + size]], folder, columns, known,
                                               max_bytes, file_timeout))
                    advance(min(size, len(files) - i))
                    if run.due():
                        run.flush()
            else:
                _run_pool(files, run, folder, columns, known, max_bytes, workers, advance, file_timeout, max_memory)
            run.flush()
            con.execute("CHECKPOINT")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    summary.seconds = time.perf_counter() - started
    return summary


def _rows(result: duckdb.DuckDBPyConnection, batch: int = 100_000) -> Iterator[tuple[Any, ...]]:
    """A query's rows a batch at a time: a million stored filings never sit in memory as Python tuples."""
    while rows := result.fetchmany(batch):
        yield from rows


def _chunk_size(files: int, workers: int) -> int:
    return max(1, min(16, files // (workers * 8) or 1))


def _run_pool(files: Sequence[Path | FileGroup], run: _Run, folder: str, columns: Columns, known: DigestSet,
              max_bytes: int | None, workers: int, advance: Any, timeout: float | None = FILE_TIMEOUT,
              max_memory: int | None = MAX_MEMORY) -> None:
    """Map `parse_chunk` over chunks of the files on a process pool, writing results as they come.

    If a worker process dies (out of memory, a crash in a C extension, or
    killed here for being stuck past its deadline in code the alarm cannot
    reach), the files it may have held are tried again one at a time, each
    alone on the pool, so the one that kills it is recorded as a failure and
    the rest are stored.
    """
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    # forkserver: children never inherit the parent's DuckDB threads and locks. Its server preloads the
    # parser, not the calling script (which may have no main guard).
    context: Any
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["form8k.pipeline"])
    else:
        context = multiprocessing.get_context("spawn")
    size = _chunk_size(len(files), workers)
    pending: deque[tuple[list[str], bool]] = deque(
        ([str(p) for p in files[i:i + size]], False) for i in range(0, len(files), size))
    first = True
    while pending:
        executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                       initargs=(folder, columns, known, max_bytes, timeout, max_memory))
        if first:
            _check_pool_starts(executor)
            first = False
        inflight: dict[Future[Chunk], tuple[list[str], bool]] = {}
        started: dict[Future[Chunk], float] = {}
        broken: list[list[str]] = []
        dead = killed = False
        try:
            while (pending and not dead) or inflight:
                while pending and not dead and len(inflight) < workers * 3:
                    paths, suspect = pending[0]
                    if suspect and inflight or any(s for _, s in inflight.values()):
                        break  # a suspect runs alone
                    pending.popleft()
                    inflight[executor.submit(_parse_chunk, paths)] = (paths, suspect)
                done, _ = wait(inflight, timeout=0.25, return_when=FIRST_COMPLETED)
                if timeout and not done and not killed and _overdue(inflight, started, timeout, workers):
                    killed = True
                    _kill(executor)
                for future in done:
                    paths, suspect = inflight.pop(future)
                    started.pop(future, None)
                    try:
                        chunk = future.result()
                    except BrokenProcessPool:
                        dead = True
                        if not suspect:
                            broken.append(paths)
                            continue
                        chunk = Chunk([Outcome(paths[0], "timeout", reason=f"past the per-file deadline of "
                                               f"{timeout:g} s (stuck; its process was killed)") if killed
                                       else Outcome(paths[0], "error", reason="the parser's process died on this file")])
                    run.take_chunk(chunk)
                    advance(len(chunk.outcomes))
                if run.due():
                    run.flush()
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
        for paths in reversed(broken):
            pending.extendleft(([p], True) for p in reversed(paths))


def _check_pool_starts(executor: ProcessPoolExecutor) -> None:
    """Raise at once if the pool's processes die as they start (a script without a main guard)."""
    try:
        executor.submit(_ready).result()
    except BrokenProcessPool:
        executor.shutdown(wait=True, cancel_futures=True)
        raise StoreError(f"the parsing processes died as they started. {MAIN_GUARD}") from None


def _overdue(inflight: dict[Future[Chunk], tuple[list[str], bool]], started: dict[Future[Chunk], float],
             timeout: float, workers: int) -> bool:
    """Whether a running chunk is far past the deadlines of its files (its process no longer answers alarms)."""
    now = time.monotonic()
    for future, (paths, _) in inflight.items():
        if future.running():
            began = started.setdefault(future, now)
            # "running" starts when the chunk is queued for a worker, behind at most two others
            if now - began > 3 * timeout * len(paths) + KILL_GRACE:
                return True
    return False


def _kill(executor: ProcessPoolExecutor) -> None:
    for process in list(getattr(executor, "_processes", {}).values()):
        process.kill()


class _progress:
    """A rich progress bar on stderr with filings/s, or nothing."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled = enabled
        self.total = total
        self.bar: Any = None

    def __enter__(self) -> Any:
        if not self.enabled:
            return lambda n: None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:,.0f} filings/s" if speed else "– filings/s", style="cyan")

        self.bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), Rate(), TimeElapsedColumn(),
                            TimeRemainingColumn(), console=Console(stderr=True), transient=False)
        self.bar.start()
        task = self.bar.add_task("ingest", total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
