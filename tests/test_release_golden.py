"""Golden press-release records: the press release, its mentions and its guidance, one file per release.

One test id per filing; a missing golden file fails. After a deliberate
change, regenerate with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from form8k import parse_paths
from form8k.models import Filing

from conftest import FILINGS, GOLDEN

RELEASE_GOLDEN = GOLDEN / "release"
RELEASES = sorted(p for p in FILINGS.iterdir() if "earnings" in p.name or "press-release" in p.name)


def release_view(filing: Filing) -> dict[str, Any]:
    data = json.loads(filing.model_dump_json(include={"press_release", "mentions", "guidance"}))
    return {"press_release": data["press_release"], "mentions": data["mentions"], "guidance": data["guidance"]}


@pytest.mark.parametrize("path", RELEASES, ids=[p.name for p in RELEASES])
def test_release_matches_golden(path: Path) -> None:
    view = release_view(parse_paths([path]))
    golden = RELEASE_GOLDEN / (path.stem + ".json")
    rendered = json.dumps(view, indent=1, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"no golden release for {path.name}: run with UPDATE_GOLDEN=1 and review it"
    assert json.loads(golden.read_text(encoding="utf-8")) == json.loads(rendered)


def test_every_release_golden_has_a_filing() -> None:
    stems = {p.stem for p in RELEASES}
    orphans = [g.name for g in RELEASE_GOLDEN.glob("*.json") if g.stem not in stems]
    assert not orphans, f"golden files without a filing: {orphans}"


def test_no_shipped_release_contradicts_its_statements() -> None:
    """A contradiction is either a real discrepancy in a filing (then listed here, explained) or a bug."""
    known: dict[str, list[str]] = {}
    for path in RELEASES:
        filing = parse_paths([path])
        found = [m.text for m in filing.mentions if m.status == "contradicts"]
        assert found == known.get(path.name, []), (path.name, [m.detail for m in filing.mentions
                                                               if m.status == "contradicts"])
