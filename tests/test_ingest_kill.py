"""`kill -9` in the middle of an ingest leaves no half-written filing; running again finishes the job."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from form8k.store import ingest, query
from form8k.store.synthetic import make_corpus
from test_ingest import assert_no_duplicates

from conftest import FILINGS

COPIES = 400


def _ingest_command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", "from form8k.cli import main; main()", "ingest", str(folder), "--db", str(db),
            "--workers", "2", "--no-progress"]


def _stored(db: Path) -> int:
    return query.counts(db)["filings"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_part_way_then_again_gives_the_counts_of_a_clean_run(tmp_path: Path) -> None:
    small = [p for p in sorted(FILINGS.iterdir()) if p.stat().st_size < 100_000]
    folder = tmp_path / "corpus"
    make_corpus(small, folder, COPIES)
    db = tmp_path / "killed.duckdb"
    wal = Path(str(db) + ".wal")

    # Groups of 5 filings per transaction: once the log holds 3 MB, a good many groups are committed
    # (with the default groups the first one alone can be 3 MB, and a kill while it is written stores none).
    env = {**os.environ, "FORM8K_COMMIT_EVERY": "5"}
    process = subprocess.Popen(_ingest_command(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True, env=env)
    try:
        # Wait until some groups of filings are committed (the write-ahead log grows), then kill it.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if wal.exists() and wal.stat().st_size > 3_000_000:
                break
            time.sleep(0.01)
        assert process.poll() is None, "the ingest ended before it could be killed: " + process.stderr.read().decode()
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        # the pool's worker processes we started with it, should any outlive their parent
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.stderr.close()  # type: ignore[union-attr]
    assert process.returncode == -signal.SIGKILL

    part_way = _stored(db)
    assert 0 < part_way < COPIES, part_way
    assert_no_duplicates(db)
    con = query.sql(db, "SELECT count(*) AS n FROM filings f WHERE NOT EXISTS "
                        "(SELECT 1 FROM texts t WHERE t.filing_id = f.filing_id)")
    assert con["n"][0] == 0  # no filing without its text: each is stored whole

    again = subprocess.run(_ingest_command(folder, db), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{COPIES - part_way} parsed" in again.stdout, (part_way, again.stdout)

    clean = tmp_path / "clean.duckdb"
    ingest([folder], db=clean, workers=2, progress=False)
    assert query.counts(db) == query.counts(clean), part_way
    assert _stored(db) == COPIES
    assert_no_duplicates(db)
