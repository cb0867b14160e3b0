"""The download cache: `<out>/<cik>/<accession>.txt`, written atomically.

A filing is written to `<accession>.txt.part` beside its final name and
renamed only once every byte has arrived, so a file with the final name is
always complete and a later run can trust it without asking EDGAR again. An
interrupted download leaves no `.part` behind (and one left by a killed
process is simply overwritten next time). Filings that could not be fetched
are appended to `<out>/failures.jsonl`, one JSON object a line.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

PART_SUFFIX = ".part"
FAILURES = "failures.jsonl"


@contextmanager
def atomic_write(path: Path) -> Iterator[BinaryIO]:
    """Write `path` through a `.part` file renamed into place only if the block ends normally.

    On any exception, Ctrl-C included, the `.part` file is removed and `path` is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + PART_SUFFIX)
    try:
        with open(part, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


class Cache:
    """Filings on disk, by CIK and accession number.

    >>> Cache("edgar").path(320193, "0000320193-23-000077").as_posix()
    'edgar/320193/0000320193-23-000077.txt'
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._failures_lock = threading.Lock()

    def path(self, cik: int, accession: str) -> Path:
        return self.root / str(int(cik)) / f"{accession}.txt"

    def has(self, cik: int, accession: str) -> bool:
        return self.path(cik, accession).is_file()

    @property
    def failures_path(self) -> Path:
        return self.root / FAILURES

    def record_failure(self, cik: int, accession: str, url: str, error: str) -> None:
        """Append one failed filing to `failures.jsonl` (safe from several threads)."""
        entry = {"time": datetime.now(UTC).isoformat(timespec="seconds"), "cik": int(cik),
                 "accession": accession, "url": url, "error": error}
        with self._failures_lock:
            self.root.mkdir(parents=True, exist_ok=True)
            with open(self.failures_path, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")

    def failures(self) -> list[dict[str, object]]:
        """Every failure recorded so far, oldest first."""
        if not self.failures_path.is_file():
            return []
        lines = self.failures_path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
