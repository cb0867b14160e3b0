"""Progress on stderr: filings done and remaining, and bytes received.

`Progress(enabled=False)` draws nothing, so library callers and tests pay
nothing for it; rich is imported only when a bar is drawn.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any


class Task:
    """One bar. `advance()` counts a filing (or company) done; `add_bytes()` counts bytes received."""

    def __init__(self, progress: Any = None, task_id: Any = None, total: int = 0) -> None:
        self._progress = progress
        self._id = task_id
        self.total = total
        self.done = 0
        self.bytes = 0
        self._lock = threading.Lock()
        self._size_text: Any = None
        if progress is not None:
            from rich.filesize import decimal

            self._size_text = decimal

    def advance(self) -> None:
        with self._lock:
            self.done += 1
            done = self.done
        if self._progress is not None:
            self._progress.update(self._id, completed=done, left=self.total - done)

    def add_bytes(self, n: int) -> None:
        with self._lock:
            self.bytes += n
            total = self.bytes
        if self._progress is not None:
            self._progress.update(self._id, size=self._size_text(total))


class Progress:
    """A rich progress display on stderr, or nothing when `enabled` is false."""

    def __init__(self, enabled: bool = True) -> None:
        self._rich: Any = None
        if enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            self._rich = RichProgress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[left]} left"), TextColumn("{task.fields[size]}"),
                TimeRemainingColumn(), console=Console(stderr=True), transient=False,
            )

    def task(self, description: str, total: int) -> Task:
        if self._rich is None:
            return Task(total=total)
        task_id = self._rich.add_task(description, total=total, left=total, size="")
        return Task(self._rich, task_id, total)

    def __enter__(self) -> Progress:
        if self._rich is not None:
            self._rich.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._rich is not None:
            self._rich.stop()
