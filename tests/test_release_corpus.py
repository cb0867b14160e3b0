"""The narrative reader across the corpus's releases, tied to the corpus's hand-checked facts.

Skipped when ../shared/corpus is absent. Using the gold facts measures the
narrative side on its own, whatever the statement reader does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from form8k.load import load
from form8k.models import Fact
from form8k.pipeline import parse
from form8k.release.assemble import read_release

pytestmark = pytest.mark.corpus

# release -> (mentions found, mentions agreeing with the gold facts) at least; contradictions must be none
EXPECTED = {
    "immunogen_2007-02-01_8-K_earnings": (33, 16),
    "apple_2011-01-18_8-K_earnings": (21, 11),
    "apple_2024-02-01_8-K_earnings": (11, 8),
    "adobe_2023-03-15_8-K_earnings": (33, 6),
    "oracle_2014-06-19_8-K_earnings": (67, 17),
    "sears-roebuck_2004-07-22_8-K_earnings": (52, 6),
    "buckle_2024-11-22_8-K_earnings_ex99-1": (29, 21),
}
_PER_SHARE = {"EarningsPerShareBasic", "EarningsPerShareDiluted", "EarningsPerShareBasicAndDiluted"}


def gold_facts(corpus: Path, stem: str) -> list[Fact]:
    data = json.loads((corpus / "gold" / f"{stem}.json").read_text())
    return [Fact(concept=f["concept"], value=f["value"], period_end=f["period_end"],
                 period_months=f["period_months"],
                 unit="USD/share" if f["concept"] in _PER_SHARE else "shares" if "Share" in f["concept"] else "USD")
            for f in data.get("facts", [])]


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_corpus_release_ties_to_gold_facts(corpus_dir: Path, stem: str) -> None:
    path = corpus_dir / "filings" / (stem + (".html" if stem.endswith("ex99-1") else ".txt"))
    files = [(str(path), path.read_bytes())]
    filing = parse(files)
    filing.facts, filing.tables = gold_facts(corpus_dir, stem), []
    release = read_release(load(files), filing)
    found, agree = EXPECTED[stem]
    contradictions = [(m.text, m.detail) for m in release.mentions if m.status == "contradicts"]
    assert contradictions == []
    assert len(release.mentions) == found
    assert sum(m.status == "agrees" for m in release.mentions) >= agree
