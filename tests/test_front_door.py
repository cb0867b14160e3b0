"""`form8k.parse`: one front door for a path, bytes, a (name, bytes) pair, or the files of one filing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import form8k
from form8k.errors import InputError

DATA = Path(__file__).parent / "data" / "filings"
APPLE = DATA / "apple_2024-02-01_8-K_earnings.txt"
BUCKLE = [DATA / "buckle_2024-11-22_8-K_earnings.html", DATA / "buckle_2024-11-22_8-K_earnings_ex99-1.html"]


def test_path_str_and_path_and_bytes_give_one_record():
    by_str = form8k.parse(str(APPLE))
    by_path = form8k.parse(APPLE)
    by_bytes = form8k.parse(APPLE.read_bytes())
    assert by_str.cover.registrant == "Apple Inc."
    assert by_str.source.path == str(APPLE) and by_bytes.source.path is None
    assert by_str.source.sha256 == by_path.source.sha256 == by_bytes.source.sha256
    assert [f.model_dump() for f in by_str.facts] == [f.model_dump() for f in by_bytes.facts]


def test_a_list_of_paths_is_one_filing():
    filing = form8k.parse(BUCKLE)
    assert filing.source.files == [str(p) for p in BUCKLE]
    assert filing.facts and any(d.type.startswith("EX-99") for d in filing.documents)
    pairs = form8k.parse([(p.name, p.read_bytes()) for p in BUCKLE])
    assert len(pairs.facts) == len(filing.facts)


def test_nothing_readable_raises_input_error():
    with pytest.raises(InputError):
        form8k.parse(b"   ")
    with pytest.raises(TypeError):
        form8k.parse([3.5])  # type: ignore[list-item]


def test_import_stays_light():
    code = "import sys, form8k; print(sorted(m for m in ('pydantic', 'form8k.pipeline', 'selectolax') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
