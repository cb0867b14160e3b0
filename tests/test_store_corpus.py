"""The shared corpus into a store, twice: the second run stores nothing new (skipped without ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from form8k.store import ingest, query

pytestmark = pytest.mark.corpus


def test_ingesting_the_corpus_twice_stores_nothing_the_second_time(corpus_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    first = ingest([corpus_dir / "filings"], db=db, workers=2, progress=False)
    filings = sorted((corpus_dir / "filings").iterdir())
    assert first.files == len(filings)
    assert first.parsed + first.failed == len(filings)
    counts = query.counts(db)
    second = ingest([corpus_dir / "filings"], db=db, workers=2, progress=False)
    assert (second.parsed, second.failed, second.replaced) == (0, 0, 0)
    assert second.unchanged == len(filings)
    assert query.counts(db) == counts
