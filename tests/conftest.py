from __future__ import annotations

import os
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
DATA = TESTS / "data"
FILINGS = DATA / "filings"
GOLDEN = DATA / "golden"
SHARED = TESTS.parent.parent / "shared"
CORPUS = SHARED / "corpus"

os.environ.setdefault("FORM8K_STRICT", "1")


@pytest.fixture(scope="session")
def filings_dir() -> Path:
    return FILINGS


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "filings").is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


def filing_path(name: str) -> Path:
    return FILINGS / name
