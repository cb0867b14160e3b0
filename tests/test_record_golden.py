"""Golden records for every real filing shipped in tests/data/filings.

One test id per filing; a missing golden file fails. After a deliberate
change, regenerate with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from form8k.models import Filing

from conftest import FILINGS, GOLDEN, check_golden, load_view, orphan_goldens, parsed

RECORD_GOLDEN = GOLDEN / "record"
FILES = sorted(p for p in FILINGS.iterdir() if p.is_file())


def record_view(filing: Filing) -> dict[str, Any]:
    """The parts of the record this golden file pins: load, header, cover, items, exhibits, signatures."""
    data = json.loads(filing.model_dump_json())
    return {
        **load_view(filing, data),
        "header": data["header"],
        "documents": data["documents"],
        "cover": data["cover"],
        "items": [{**{k: v for k, v in i.items() if k != "text"}, "text_start": i["text"][:80],
                   "text_length": len(i["text"])} for i in data["items"]],
        "exhibits": data["exhibits"],
        "signatures": data["signatures"],
    }


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_record_matches_golden(path: Path) -> None:
    view = record_view(parsed(path))
    check_golden(RECORD_GOLDEN / (path.stem + ".json"), view)


def test_every_golden_has_a_filing() -> None:
    orphans = orphan_goldens(RECORD_GOLDEN, FILES)
    assert not orphans, f"golden files without a filing: {orphans}"
