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


STATEMENTS = Path(__file__).parent / "data" / "statements" / "aapl_2024-06-29_10-Q.html"


def test_statements_reads_any_document_as_the_package_is_called():
    by_path = form8k.statements(STATEMENTS)
    assert by_path.status == "ok" and by_path.tables and by_path.facts
    assert by_path.cover is None or not by_path.items  # a 10-Q: no 8-K cover or items are read
    # importing the stage's own names first leaves `form8k.statements(...)` working
    from form8k.statements import headline  # noqa: F401

    by_bytes = form8k.statements(("aapl.html", STATEMENTS.read_bytes()))
    assert [f.model_dump() for f in by_bytes.facts] == [f.model_dump() for f in by_path.facts]
    assert form8k.statements_paths([STATEMENTS]).source.sha256 == by_path.source.sha256


def test_statements_in_a_fresh_process_after_the_stage_is_imported():
    code = ("import form8k.statements, form8k; "
            f"f = form8k.statements({str(STATEMENTS)!r}); print(len(f.facts) > 100)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
