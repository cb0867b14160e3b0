"""Narrative mentions across the corpus's earnings releases: found, tied, agreeing, contradicting.

    .venv/bin/python bench/narrative.py                 # tie to the facts the pipeline reads
    .venv/bin/python bench/narrative.py --facts gold    # tie to the corpus's hand-checked facts instead
    .venv/bin/python bench/narrative.py --show          # and list every tied mention and each contradiction

`--facts gold` measures the narrative reader on its own, whatever the
statement reader does: the facts come from ../shared/corpus/gold/<stem>.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from form8k.load import load
from form8k.models import Fact
from form8k.pipeline import parse
from form8k.release.assemble import read_release

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def _gold_facts(stem: str) -> list[Fact] | None:
    path = CORPUS / "gold" / f"{stem}.json"
    if not path.is_file():
        return None
    units = {"EarningsPerShareBasic": "USD/share", "EarningsPerShareDiluted": "USD/share",
             "EarningsPerShareBasicAndDiluted": "USD/share"}
    facts = []
    for f in json.loads(path.read_text()).get("facts", []):
        unit = units.get(f["concept"], "shares" if "Shares" in f["concept"] or "Share" in f["concept"] else "USD")
        facts.append(Fact(concept=f["concept"], value=f["value"], unit=unit, period_end=f["period_end"],
                          period_months=f["period_months"]))
    return facts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", choices=("pipeline", "gold"), default="pipeline")
    ap.add_argument("--show", action="store_true", help="list tied mentions and contradictions")
    ap.add_argument("--corpus", type=Path, default=CORPUS / "filings")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 0
    paths = sorted(p for p in args.corpus.iterdir() if "earnings" in p.name or "press-release" in p.name)
    print(f"{'release':48} {'found':>5} {'tied':>5} {'agree':>5} {'contra':>6} {'unver':>5} {'guid':>4}  ms")
    totals = [0, 0, 0, 0, 0, 0]
    for path in paths:
        files = [(str(path), path.read_bytes())]
        t0 = time.perf_counter()
        filing = parse(files)
        if args.facts == "gold":
            gold = _gold_facts(path.stem)
            filing.facts = gold or []
            filing.tables = []
            release = read_release(load(files), filing)
            mentions, guidance = release.mentions, release.guidance
        else:
            mentions, guidance = filing.mentions, filing.guidance
        ms = (time.perf_counter() - t0) * 1000
        agree = sum(m.status == "agrees" for m in mentions)
        contra = [m for m in mentions if m.status == "contradicts"]
        row = [len(mentions), agree + len(contra), agree, len(contra),
               sum(m.status == "unverifiable" for m in mentions), len(guidance)]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        print(f"{path.stem[:48]:48} {row[0]:5} {row[1]:5} {row[2]:5} {row[3]:6} {row[4]:5} {row[5]:4}  {ms:.0f}")
        if args.show:
            for m in mentions:
                if m.status != "unverifiable":
                    mark = "  ✗" if m.status == "contradicts" else "  ✓"
                    print(f"{mark} {m.text!r} {m.metric!r} {m.period_end}/{m.period_months}: {m.detail}")
    print(f"{'total':48} {totals[0]:5} {totals[1]:5} {totals[2]:5} {totals[3]:6} {totals[4]:5} {totals[5]:4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
