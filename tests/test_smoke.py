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
