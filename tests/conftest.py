from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from form8k.models import Filing
from form8k.pipeline import parse_paths

TESTS = Path(__file__).parent
DATA = TESTS / "data"
FILINGS = DATA / "filings"
GOLDEN = DATA / "golden"
EXAMPLES = TESTS.parent / "examples"
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


@functools.cache
def parsed(path: Path) -> Filing:
    """The record of a shipped filing, parsed once per test session (treat it as read-only)."""
    return parse_paths([path])


def load_view(filing: Filing, data: dict[str, Any]) -> dict[str, Any]:
    """What every golden view of a record pins first: status, problem codes, the source and the text read.

    `data` is the record as JSON (`json.loads(filing.model_dump_json())`)."""
    return {
        "status": data["status"],
        "problems": sorted(p["code"] for p in data["problems"]),
        "source": {k: data["source"][k] for k in ("sha256", "size", "format")},
        "text": {"length": len(filing.text), "sha256": hashlib.sha256(filing.text.encode()).hexdigest()},
    }


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped examples ingested once, as `make demo` stores them (treat it as read-only)."""
    from typer.testing import CliRunner

    from form8k.cli import app

    path = tmp_path_factory.mktemp("examples") / "demo.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(path), "--workers", "0", "--no-progress"])
    assert result.exit_code == 0, result.output
    return path


def check_golden(golden: Path, view: dict[str, Any]) -> None:
    """Compare a view of a record with its golden file; UPDATE_GOLDEN=1 rewrites it instead."""
    rendered = json.dumps(view, indent=1, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.parent.name}/{golden.name}: run with UPDATE_GOLDEN=1 and review it"
    assert json.loads(golden.read_text(encoding="utf-8")) == json.loads(rendered)


def orphan_goldens(folder: Path, filings: list[Path]) -> list[str]:
    """Golden files in `folder` whose filing is no longer shipped."""
    stems = {p.stem for p in filings}
    return [g.name for g in folder.glob("*.json") if g.stem not in stems]
