"""Parse one file into rows ready to store: the function every engine maps over files.

It runs in a worker process (a local pool or a Dask worker) and returns plain
data, so the process that writes needs to do nothing but write.
"""

from __future__ import annotations

import ctypes
import signal
import sys
import threading
import time
from collections.abc import Container, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from form8k.models import PARSER_VERSION
from form8k.store.grouping import split_task
from form8k.store.records import Columnar, filing_date, filing_id_of, filing_rows

OutcomeKind = Literal["parsed", "unchanged", "unreadable", "failed", "error", "timeout", "memory"]

FILE_TIMEOUT = 60.0  # seconds one file may take (`--file-timeout`)
MAX_MEMORY = 4 * 2**30  # bytes of address space a parsing process may hold (`--max-memory`)


class FileTimeout(BaseException):
    """A file ran past its deadline.

    A BaseException, so the stages' guards (which turn an Exception into a
    `stage_error` problem) let it through to `parse_file`.
    """


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
               max_bytes: int | None = None, timeout: float | None = None) -> Outcome:
    """Read and parse one file (or the files of one filing, a `FileGroup`'s task string) into its rows.

    `stored` names each table's columns (see `records.filing_rows`); a file
    whose sha256 is in `known` is not parsed again (`unchanged`). A file that
    takes longer than `timeout` seconds is abandoned (`timeout`), one that runs
    out of memory too (`memory`). Never raises for a bad file: the reason
    rides on the outcome.
    """
    started = time.perf_counter()
    try:
        with deadline(timeout):
            return _parse_file(path, stored, known, max_bytes)
    except FileTimeout:
        return Outcome(str(path), "timeout", reason=f"past the per-file deadline of {timeout:g} s",
                       seconds=time.perf_counter() - started)
    except MemoryError:
        return Outcome(str(path), "memory", reason="ran out of memory (over the per-process memory cap)",
                       seconds=time.perf_counter() - started)


def parse_files(paths: Sequence[str], stored: Mapping[str, Sequence[str]], known: Container[str] = (),
                max_bytes: int | None = None, timeout: float | None = None,
                ) -> tuple[list[Outcome], list[tuple[int, dict[str, Columnar]]]]:
    """`parse_file` on each of `paths`: every outcome with its rows taken off, and the rows of the files
    parsed, each with its place in `paths`."""
    outcomes: list[Outcome] = []
    rows: list[tuple[int, dict[str, Columnar]]] = []
    for i, path in enumerate(paths):
        outcome = parse_file(path, stored, known, max_bytes, timeout)
        if outcome.rows is not None:
            rows.append((i, outcome.rows))
            outcome.rows = None
        outcomes.append(outcome)
    return outcomes, rows


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise FileTimeout in this thread once `seconds` have passed (None or 0: no deadline).

    In a process's main thread a SIGALRM timer interrupts even a long regular
    expression match; in another thread (a Dask worker's) the exception is
    raised asynchronously, which takes effect at the next Python instruction.
    """
    if not seconds or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        def expire(signum: int, frame: object) -> None:
            raise FileTimeout

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    ident = threading.get_ident()
    done = threading.Event()

    def expire_thread() -> None:
        if not done.wait(seconds):
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(FileTimeout))

    timer = threading.Thread(target=expire_thread, daemon=True)
    timer.start()
    try:
        yield
    finally:
        done.set()
        timer.join()


def limit_process(max_memory: int | None) -> None:
    """Set up a parsing process: die with its parent (Linux), and hold at most `max_memory` bytes."""
    if sys.platform.startswith("linux"):
        import os
        from multiprocessing import forkserver

        # A fork server's child holds the write end of the pipe whose closing tells the server that the
        # parent died; closed here, the server ends with the parent, and the line below ends its children.
        server: Any = getattr(forkserver, "_forkserver", None)
        alive = getattr(server, "_forkserver_alive_fd", None)
        if alive is not None:
            with suppress(OSError):
                os.close(alive)
            server._forkserver_alive_fd = None

        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: killed when the process that forked it dies
        except OSError:
            pass
        if os.getppid() == 1:  # the parent died before the line above
            os._exit(1)
    if max_memory:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = max_memory if hard == resource.RLIM_INFINITY else min(max_memory, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _parse_file(path: str | Path, stored: Mapping[str, Sequence[str]], known: Container[str],
                max_bytes: int | None) -> Outcome:
    from form8k.errors import InputError, InputTooLargeError
    from form8k.pipeline import MAX_BYTES, parse, source_sha256

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
    sha256 = source_sha256(files)
    outcome = Outcome(name, "unchanged", size=sum(len(d) for _, d in files), sha256=sha256)
    if sha256 in known:
        return outcome
    try:
        filing = parse(files, sha256)  # hashed once, above
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
