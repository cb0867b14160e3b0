"""A synthetic corpus: copies of real filings, each a distinct filing, for benchmarks and crash tests.

Every copy gets different bytes (so a different sha256) and, when it has one,
a different accession number (so a different `filing_id`), while its text and
tables stay those of the original: the parser does the same work on it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

_ACCESSION = re.compile(rb"(?:ACCESSION NUMBER:\s*|<ACCESSION-NUMBER>\s*)(\d{10}-\d{2}-\d{6})")


def varied_copy(data: bytes, n: int) -> bytes:
    """Copy `n` of a filing: a new accession number when it has one, else a trailing comment or line."""
    m = _ACCESSION.search(data[:20000])
    if m:
        old = m.group(1)
        new = f"9{n:09d}-{int(old[11:13]):02d}-{n % 1_000_000:06d}".encode()
        return data.replace(old, new).replace(old.replace(b"-", b""), new.replace(b"-", b""))
    if b"<html" in data[:4000].lower() or b"<body" in data[:20000].lower():
        return data + f"\n<!-- copy {n} -->\n".encode()
    return data + f"\n\n[copy {n}]\n".encode()


def make_corpus(sources: Sequence[Path], out: Path, count: int) -> list[Path]:
    """Write `count` distinct filings into `out` by cycling through `sources`; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    originals = [(p, p.read_bytes()) for p in sorted(sources)]
    written = []
    for n in range(count):
        path, data = originals[n % len(originals)]
        target = out / f"{n:06d}_{path.name}"
        target.write_bytes(varied_copy(data, n + 1))
        written.append(target)
    return written
