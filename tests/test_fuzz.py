"""Mutated real filings (bench/fuzz.py's edits, seeded) parse without an exception and keep the record's invariants."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from form8k import parse
from form8k.errors import InputError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import fuzz  # noqa: E402

FILES = fuzz.corpus()


@pytest.mark.skipif(not FILES, reason="no filings to mutate")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**31), st.integers(min_value=0, max_value=10**6))
def test_mutated_filings_parse_and_keep_the_invariants(seed: int, i: int) -> None:
    name, data = fuzz.make_input(FILES, seed, i)
    try:
        filing = parse([(name, data)])
    except InputError:
        return
    assert not [p for p in filing.problems if p.code == "stage_error"], [p.message for p in filing.problems]
    assert fuzz.violations(filing) == []


@pytest.mark.parametrize("piece", fuzz.HOSTILE, ids=range(len(fuzz.HOSTILE)))
def test_each_hostile_piece_inside_a_filing(piece: bytes) -> None:
    if not FILES:
        pytest.skip("no filings")
    name, data = FILES[0]
    try:
        filing = parse([(name, data[: len(data) // 2] + piece + data[len(data) // 2:])])
    except InputError:
        return  # NUL bytes: a binary input, refused in one line
    assert not [p for p in filing.problems if p.code == "stage_error"], [p.message for p in filing.problems]
    assert fuzz.violations(filing) == []
