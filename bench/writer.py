"""The ingest's writing process alone: filings/s and its own peak memory on copies of the shared corpus.

Run by hand (never from the tests); a short run beside `bench/throughput.py`'s long one:

    .venv/bin/python bench/writer.py [--count 2000] [--workers 2]

It writes --count distinct copies of ../shared/corpus/filings (`store.synthetic`, in
another process) into a temporary folder, ingests them into a new DuckDB file in this process
(which is the writer), and prints the summary, the writer's peak RSS
(getrusage), its CPU time and whether it imported the parser, pyarrow or pandas.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "filings"
HEAVY = ("form8k.pipeline", "pyarrow", "pandas", "numpy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="copies of the shared corpus to ingest")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not SHARED_CORPUS.is_dir():
        sys.exit(f"{SHARED_CORPUS} is absent")

    from form8k.store import ingest

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        # the copies are made by another process, so this one's peak memory is the ingest's alone
        with ProcessPoolExecutor(1) as pool:
            pool.submit(_copies, folder, args.count).result()
        summary = ingest([folder], db=Path(tmp) / "bench.duckdb", workers=args.workers, progress=False)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(summary)
    print(f"{summary.filings_per_second:.1f} filings/s with {args.workers} workers; writer peak RSS "
          f"{usage.ru_maxrss / 1024:.0f} MB, CPU {usage.ru_utime + usage.ru_stime:.1f} s; "
          f"imported: {[m for m in HEAVY if m in sys.modules] or 'none of ' + ', '.join(HEAVY)}")


def _copies(folder: Path, count: int) -> None:
    from form8k.store.synthetic import make_corpus

    make_corpus(sorted(SHARED_CORPUS.iterdir()), folder, count)


if __name__ == "__main__":
    main()
