#!/usr/bin/env python3
"""How fast `form8k.parse` reads the corpus: CPU time per stage, MB/s per filing format.

Parses every file of ../shared/corpus/filings `--repeat` times and keeps the
fastest run of each stage per filing. CPU time (`time.process_time`), not wall
time, so that other work on the machine does not skew it. The stages are the
pipeline's own (load, cover, items, exhibits, signatures, statements,
release); the timing wraps `pipeline.load` and `run_stage` (pipeline and record), so the
record is built exactly as `parse` builds it.

    .venv/bin/python bench/parse_speed.py [--corpus ../shared/corpus/filings] [--repeat 5] [--per-filing]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from form8k import pipeline
from form8k.record import reader as record_reader

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("load", "cover", "items", "exhibits", "signatures", "statements", "release")


@contextmanager
def timed_stages(times: dict[str, float]) -> Iterator[None]:
    """While active, add each pipeline stage's CPU seconds to `times` under its name."""
    real_load, real_stage = pipeline.load, pipeline.run_stage

    def load(files: Any) -> Any:
        t0 = time.process_time()
        try:
            return real_load(files)
        finally:
            times["load"] += time.process_time() - t0

    def stage(problems: Any, name: str, fn: Callable[[], Any], default: Any) -> Any:
        t0 = time.process_time()
        try:
            return real_stage(problems, name, fn, default)
        finally:
            times[name] += time.process_time() - t0

    pipeline.load, pipeline.run_stage, record_reader.run_stage = load, stage, stage  # type: ignore[assignment]
    try:
        yield
    finally:
        pipeline.load, pipeline.run_stage, record_reader.run_stage = real_load, real_stage, real_stage  # type: ignore[assignment]


def measure(name: str, data: bytes, repeat: int) -> tuple[str, dict[str, float]]:
    """The filing's source format and the best CPU seconds of each stage (and 'total') over `repeat` parses."""
    best: dict[str, float] = {}
    fmt = "?"
    for _ in range(repeat):
        times: dict[str, float] = defaultdict(float)
        with timed_stages(times):
            t0 = time.process_time()
            filing = pipeline.parse([(name, data)])
            times["total"] = time.process_time() - t0
        fmt = filing.source.format
        for key, seconds in times.items():
            best[key] = min(best.get(key, seconds), seconds)
    return fmt, best


def _row(label: str, size: int, count: int, times: dict[str, float]) -> str:
    total = times.get("total", 0.0)
    rate = size / total / 1e6 if total else 0.0
    stages = " ".join(f"{times.get(s, 0.0) * 1000:8.1f}" for s in STAGES)
    return f"{label:44} {count:3} {size / 1e3:8.0f} {stages} {total * 1000:8.1f} {rate:7.1f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "filings")
    ap.add_argument("--repeat", type=int, default=5, help="parses per filing (the fastest of each stage is kept)")
    ap.add_argument("--per-filing", action="store_true", help="a line per filing as well as per format")
    a = ap.parse_args(argv)
    if not a.corpus.is_dir():
        print(f"no corpus at {a.corpus}: nothing to time", file=sys.stderr)
        return 0
    paths = sorted(p for p in a.corpus.iterdir() if p.is_file())
    for path in paths:  # warm up: lazy imports, compiled regexes, data tables
        pipeline.parse([(path.name, path.read_bytes())])

    header = (f"{'':44} {'n':>3} {'kB':>8} " + " ".join(f"{s[:8]:>8}" for s in STAGES)
              + f" {'total ms':>8} {'MB/s':>7}")
    print(header)
    by_format: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    sizes: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    for path in paths:
        data = path.read_bytes()
        fmt, best = measure(path.name, data, a.repeat)
        if a.per_filing:
            print(_row(path.name[:44], len(data), 1, best))
        for key in ("all", fmt):
            for stage, seconds in best.items():
                by_format[key][stage] += seconds
            sizes[key] += len(data)
            counts[key] += 1
    if a.per_filing:
        print()
    for key in sorted(by_format, key=lambda k: (k == "all", k)):
        print(_row(f"format {key}" if key != "all" else "all filings", sizes[key], counts[key], by_format[key]))
    total = by_format["all"]["total"]
    print(f"\n{counts['all'] / total:.0f} filings/s, {sizes['all'] / total / 1e6:.1f} MB/s on one core (CPU time)")
    text_tables_rate(paths, a.repeat)
    return 0


def text_tables_rate(paths: list[Path], repeat: int) -> None:
    """Tables of plain-text documents, in MB/s of document text (CPU time, the fastest of `repeat` runs).

    Two figures: the layout reader alone (`layout.text_tables`: lines cut into fields, tables laid out)
    over every plain-text document of the corpus, and the whole statements stage (tables found, read,
    mapped and checked: `read_statements`) over the filings whose documents are all plain text.
    """
    from form8k.load import load
    from form8k.statements.tables import read_statements
    from form8k.statements.tables.layout import text_tables

    def best_of(fn: Callable[[], object]) -> float:
        best = float("inf")
        for _ in range(repeat):
            t0 = time.process_time()
            fn()
            best = min(best, time.process_time() - t0)
        return best

    layout = [0, 0.0]
    stage = [0, 0.0]
    per_filing: list[tuple[str, float, float]] = []
    for path in paths:
        sub = load([(path.name, path.read_bytes())])
        docs = [(i, doc) for i, doc in enumerate(sub.documents) if doc.format == "text"]
        if not docs:
            continue
        n = sum(len(doc.text) for _, doc in docs)
        t_layout = best_of(lambda: [text_tables(doc, i) for i, doc in docs])  # noqa: B023 - called at once
        layout[0] += n
        layout[1] += t_layout
        if all(doc.format in ("text", "binary") for doc in sub.documents):
            t_stage = best_of(lambda: read_statements(sub))  # noqa: B023 - called at once
            stage[0] += n
            stage[1] += t_stage
            per_filing.append((path.name, n / t_layout / 1e6, n / t_stage / 1e6))
    if not layout[1]:
        return
    print(f"text tables, layout: {layout[0] / layout[1] / 1e6:.1f} MB/s over {layout[0] / 1e3:.0f} kB of "
          f"plain-text documents; whole statements stage: {stage[0] / stage[1] / 1e6:.1f} MB/s over "
          f"{stage[0] / 1e3:.0f} kB of plain-text filings")
    for name, a, b in sorted(per_filing, key=lambda x: x[2])[:4]:
        print(f"  {name[:44]:44} layout {a:5.1f} MB/s, statements {b:5.1f} MB/s")


if __name__ == "__main__":
    raise SystemExit(main())
