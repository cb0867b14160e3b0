from __future__ import annotations

import subprocess
import sys

from form8k import parse_paths

from conftest import FILINGS


def test_every_shipped_filing_parses() -> None:
    for path in sorted(FILINGS.iterdir()):
        filing = parse_paths([path])
        assert filing.source.sha256
        assert filing.text


def test_help_does_not_import_heavy_modules() -> None:
    code = ("import sys, form8k.cli as c\n"
            "heavy = [m for m in ('pydantic', 'selectolax', 'duckdb', 'pandas', 'dask', 'fastapi', 'httpx') "
            "if m in sys.modules]\n"
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_the_source_digest_is_the_bytes_sha256_or_the_one_the_caller_computed() -> None:
    import hashlib

    from form8k.pipeline import parse

    data = (FILINGS / "immunogen_2007-02-01_8-K_earnings.txt").read_bytes()
    files = [("a.txt", data[:5000]), ("b.txt", data[5000:])]
    assert parse(files).source.sha256 == hashlib.sha256(data).hexdigest()  # the files' bytes in order
    assert parse(files, "ab" * 32).source.sha256 == "ab" * 32  # as the ingest's worker hashed them
