"""Golden records for every real filing shipped in tests/data/filings.

One test id per filing; a missing golden file fails. After a deliberate
change, regenerate with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from form8k import parse_paths
from form8k.models import Filing

from conftest import FILINGS, GOLDEN

RECORD_GOLDEN = GOLDEN / "record"
FILES = sorted(p for p in FILINGS.iterdir() if p.is_file())


def record_view(filing: Filing) -> dict[str, Any]:
    """The parts of the record this golden file pins: load, header, cover, items, exhibits, signatures."""
    data = json.loads(filing.model_dump_json())
    return {
        "status": data["status"],
        "problems": sorted(p["code"] for p in data["problems"]),
        "source": {k: data["source"][k] for k in ("sha256", "size", "format")},
        "text": {"length": len(filing.text), "sha256": hashlib.sha256(filing.text.encode()).hexdigest()},
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
    view = record_view(parse_paths([path]))
    golden = RECORD_GOLDEN / (path.stem + ".json")
    rendered = json.dumps(view, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"no golden record for {path.name}: run with UPDATE_GOLDEN=1 and review it"
    assert json.loads(golden.read_text(encoding="utf-8")) == json.loads(rendered)


def test_every_golden_has_a_filing() -> None:
    stems = {p.stem for p in FILES}
    orphans = [g.name for g in RECORD_GOLDEN.glob("*.json") if g.stem not in stems]
    assert not orphans, f"golden files without a filing: {orphans}"
