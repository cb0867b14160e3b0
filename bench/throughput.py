"""Throughput of form8k, parse alone and ingest into DuckDB, beside edgartools' document parse.

Run by hand (never from the tests): `make bench`, or

    .venv/bin/python bench/throughput.py [--count 5000] [--skip-edgartools]

Corpora: ../shared/corpus/filings (skipped when absent) and a synthetic
corpus of --count filings made by repeating the shipped examples (each copy
has its own bytes and accession number, so each is stored). Per format
(sgml = EDGAR full submission, html, text) it measures:

- form8k parse, one process and a pool of 2 (filings/s, MB/s of input);
- form8k ingest with 2 workers into a new DuckDB file (parse + write);
- edgartools on the same files in the same run, one process: its SGML
  split (FilingSGML.from_text) and its HTML document parse
  (edgar.documents.parse_html) of every HTML document. It has no reader
  for plain text, so text files show "n/a";
- peak resident memory of each worker process (sampled every 20 ms) and, for
  an ingest, of the process that writes the database.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "filings"
EXAMPLES = ROOT / "examples"
WORKERS = 2


@dataclass
class Rate:
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    peak_rss: int = 0  # bytes, the largest process doing the work
    writer_rss: int = 0  # bytes, for an ingest: the process that writes the database (its own peak)

    @property
    def per_second(self) -> float:
        return self.files / self.seconds if self.seconds else 0.0

    @property
    def mb_per_second(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"files": self.files, "mb": round(self.bytes / 1e6, 2), "seconds": round(self.seconds, 3),
                "filings_per_s": round(self.per_second, 1), "mb_per_s": round(self.mb_per_second, 2),
                "peak_rss_mb": round(self.peak_rss / 1e6, 1), "writer_rss_mb": round(self.writer_rss / 1e6, 1)}


@dataclass
class Row:
    corpus: str
    format: str
    files: int  # distinct files of this format (each measurement may pass over them several times)
    bytes: int
    results: dict[str, Rate | None] = field(default_factory=dict)


class PeakMemory:
    """Samples the resident memory of this process's descendants; the peak of each worker process."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for child in me.children(recursive=True):
                try:
                    rss = child.memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), rss)
            time.sleep(0.02)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def worker_peak(self) -> int:
        # the forkserver itself is a descendant too; it parses nothing, so the max is a worker's
        return max(self.peaks.values(), default=0)


def _self_rss_peak() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# --- form8k ------------------------------------------------------------------------


def _parse_one(path: str) -> int:
    from form8k.pipeline import parse_paths

    filing = parse_paths([path])
    return len(filing.facts)


def _alone(fn: Callable[..., Rate | None], *args: object) -> Rate | None:
    """Run one single-process measurement in a fresh process, so its peak memory is its own."""
    import multiprocessing

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver")) as pool:
        return pool.submit(fn, *args).result()


def _form8k_serial(work: list[str], size: int) -> Rate:
    _parse_one(work[0])  # imports, before the clock starts
    start = time.perf_counter()
    for p in work:
        _parse_one(p)
    return Rate(len(work), size, time.perf_counter() - start, _self_rss_peak())


def form8k_parse(paths: Sequence[Path], workers: int, repeat: int) -> Rate:
    size = sum(p.stat().st_size for p in paths) * repeat
    work = [str(p) for p in paths] * repeat
    if workers <= 1:
        rate = _alone(_form8k_serial, work, size)
        assert rate is not None
        return rate
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    with PeakMemory() as memory, ProcessPoolExecutor(workers, mp_context=context) as pool:
        list(pool.map(_parse_one, work[:workers]))  # start the workers and import form8k before timing
        start = time.perf_counter()
        # one file per task unless there are thousands: big filings in a chunk would leave a core idle
        list(pool.map(_parse_one, work, chunksize=1 if len(work) < 2000 else 8))
        seconds = time.perf_counter() - start
    return Rate(len(work), size, seconds, memory.worker_peak)


def form8k_ingest(paths: Sequence[Path], workers: int) -> Rate:
    """An ingest in a fresh process, so that the writer's peak memory (that process's own) is the ingest's."""
    rate = _alone(_ingest, [str(p) for p in paths], workers)
    assert rate is not None
    return rate


def _ingest(names: Sequence[str], workers: int) -> Rate:
    from form8k.store import ingest

    paths = [Path(n) for n in names]
    with tempfile.TemporaryDirectory() as tmp, PeakMemory() as memory:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, p in enumerate(paths):
            (folder / f"{i:06d}_{p.name}").symlink_to(p.resolve())
        summary = ingest([folder], db=Path(tmp) / "bench.duckdb", workers=workers, progress=False)
    assert summary.parsed + summary.failed == len(paths), summary
    return Rate(summary.files, summary.bytes, summary.seconds, memory.worker_peak, _self_rss_peak())


# --- edgartools ----------------------------------------------------------------------


def edgartools_parse(paths: Sequence[Path], formats: dict[Path, str], repeat: int) -> Rate | None:
    return _alone(_edgartools_serial, list(paths), dict(formats), repeat)


def _edgartools_serial(paths: Sequence[Path], formats: dict[Path, str], repeat: int) -> Rate | None:
    """edgartools on the same files: SGML split, then its HTML parse of each HTML document.

    Plain-text files are left out (edgartools has no reader for them); None when
    they are all there is, or edgartools is not installed.
    """
    try:
        from edgar.documents import parse_html
        from edgar.sgml import FilingSGML
    except ImportError:
        return None
    from form8k.load.decode import decode

    chosen = [p for p in paths if formats[p] != "text"]
    if not chosen:
        return None
    size = sum(p.stat().st_size for p in chosen) * repeat
    texts = [(formats[p], decode(p.read_bytes())) for p in chosen]
    parse_html("<html><body><p>warm up</p></body></html>")  # imports, before the clock starts
    start = time.perf_counter()
    for _ in range(repeat):
        for fmt, text in texts:
            if fmt == "html":
                parse_html(text)
                continue
            sgml = FilingSGML.from_text(text)
            for document in sgml._documents_by_name.values():  # every HTML document of the submission
                if not (document.filename or "").lower().endswith((".htm", ".html")):
                    continue  # images, XBRL, PDFs, plain-text exhibits: nothing for its HTML parser
                content = document.content
                if isinstance(content, str) and content.strip():
                    parse_html(content)
    return Rate(len(texts) * repeat, size, time.perf_counter() - start, _self_rss_peak())


# --- the run ----------------------------------------------------------------------------


FORMATS: dict[Path, str] = {}


def by_format(paths: Sequence[Path]) -> dict[str, list[Path]]:
    from form8k.pipeline import parse_paths

    groups: dict[str, list[Path]] = {}
    for p in paths:
        FORMATS[p] = parse_paths([p]).source.format
        groups.setdefault(FORMATS[p], []).append(p)
    return groups


def measure(name: str, paths: Sequence[Path], repeat: int, ingest_paths: Callable[[str], Sequence[Path]],
            skip_edgartools: bool) -> list[Row]:
    rows = []
    groups = by_format(paths)
    groups["all"] = list(paths)
    for fmt, files in groups.items():
        print(f"  {name} / {fmt}: {len(files)} files", flush=True)
        row = Row(name, fmt, len(files), sum(p.stat().st_size for p in files))
        row.results["parse_1"] = form8k_parse(files, 1, repeat)
        row.results["parse_2"] = form8k_parse(files, WORKERS, repeat * 4 if len(files) < 100 else repeat)
        row.results["ingest_2"] = form8k_ingest(ingest_paths(fmt), WORKERS)
        row.results["edgartools_1"] = None if skip_edgartools else edgartools_parse(files, FORMATS, repeat)
        rows.append(row)
    return rows


def render(rows: list[Row]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"form8k throughput on {os.cpu_count()} cores (filings/s · MB/s · peak RSS MB)")
    for column in ("corpus", "format", "files", "MB"):
        table.add_column(column)
    for label in ("form8k parse, 1 proc", f"form8k parse, {WORKERS} procs", f"form8k ingest, {WORKERS} workers",
                  "edgartools parse, 1 proc", "form8k / edgartools"):
        table.add_column(label, justify="right")

    def cell(rate: Rate | None) -> str:
        if rate is None:
            return "n/a"
        writer = f" (writer {rate.writer_rss / 1e6:,.0f})" if rate.writer_rss else ""
        return f"{rate.per_second:,.1f} · {rate.mb_per_second:,.1f} · {rate.peak_rss / 1e6:,.0f}{writer}"

    for row in rows:
        one = row.results["parse_1"]
        edgar = row.results.get("edgartools_1")
        ratio = f"{one.per_second / edgar.per_second:,.1f}×" if one and edgar and edgar.per_second else "n/a"
        table.add_row(row.corpus, row.format, str(row.files), f"{row.bytes / 1e6:,.1f}", cell(one),
                      cell(row.results["parse_2"]), cell(row.results["ingest_2"]), cell(edgar), ratio)
    Console(width=200).print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="filings in the synthetic corpus")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the shared corpus when parsing")
    parser.add_argument("--skip-edgartools", action="store_true")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "throughput.json")
    args = parser.parse_args()

    from form8k.store.synthetic import make_corpus

    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        if SHARED_CORPUS.is_dir():
            corpus = sorted(SHARED_CORPUS.iterdir())
            steady = Path(tmp) / "corpus-x20"  # the corpus 20 times over, so pool start-up is not the measure
            copies = make_corpus(corpus, steady, len(corpus) * 20)
            groups = by_format(corpus)
            copy_groups: dict[str, list[Path]] = {"all": copies}
            for c in copies:
                original = c.name.split("_", 1)[1]
                fmt = next(f for f, ps in groups.items() if any(p.name == original for p in ps))
                copy_groups.setdefault(fmt, []).append(c)
                FORMATS[c] = fmt
            print("shared corpus", flush=True)
            rows += measure("shared corpus", corpus, args.repeat, lambda fmt: copy_groups[fmt],
                            args.skip_edgartools)
        else:
            print(f"{SHARED_CORPUS} is absent: the shared corpus is skipped", flush=True)
        examples = sorted(EXAMPLES.iterdir())
        synthetic = make_corpus(examples, Path(tmp) / "synthetic", args.count)
        print(f"synthetic corpus: {len(synthetic)} filings from {len(examples)} examples", flush=True)
        example_groups = by_format(examples)
        syn_groups: dict[str, list[Path]] = {"all": synthetic}
        for s in synthetic:
            original = s.name.split("_", 1)[1]
            fmt = next(f for f, ps in example_groups.items() if any(p.name == original for p in ps))
            syn_groups.setdefault(fmt, []).append(s)
            FORMATS[s] = fmt
        rows += measure_synthetic(syn_groups, args.skip_edgartools, examples)
    render(rows)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps([{"corpus": r.corpus, "format": r.format,
                                      **{k: v.as_dict() if v else None for k, v in r.results.items()}}
                                     for r in rows], indent=1))
    print(f"results: {args.json}")


def measure_synthetic(groups: dict[str, list[Path]], skip_edgartools: bool, examples: list[Path]) -> list[Row]:
    """On the synthetic corpus every file is parsed once (it is large enough); edgartools gets one file in 20."""
    rows = []
    for fmt, files in groups.items():
        print(f"  synthetic / {fmt}: {len(files)} files", flush=True)
        row = Row("synthetic", fmt, len(files), sum(p.stat().st_size for p in files))
        row.results["parse_1"] = form8k_parse(files[::5], 1, 1)
        row.results["parse_2"] = form8k_parse(files, WORKERS, 1)
        row.results["ingest_2"] = form8k_ingest(files, WORKERS)
        row.results["edgartools_1"] = None if skip_edgartools else edgartools_parse(files[::20], FORMATS, 1)
        rows.append(row)
    return rows


if __name__ == "__main__":
    main()
