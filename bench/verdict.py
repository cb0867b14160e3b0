#!/usr/bin/env python3
"""Prove the verdict with mutations: damage a reading the ways readers fail, count what stays `confirmed`.

Every gold filing (../shared/corpus/filings with gold facts) and every development XBRL document
(../shared/corpus/xbrl/*.html) is read once into its mapped tables. Then, for each primary table
with facts, each kind of damage is applied to a copy of the reading and the checks, facts and
verdicts are computed again:

- `scale_up` / `scale_down`: the table's money read 1000 times too large / too small (a missed or
  misread scale note);
- `swap_periods`: two amount columns of one length given each other's periods;
- `sign`: one row's sign convention flipped (its facts change sign);
- `concept`: one row given its neighbour's concept;
- `digit`: one printed value with its tens digit (in units of its last printed digit) raised by one.

A damaged fact is one whose (concept, period) has another value than in the undamaged reading, or
is new. It is caught when it is not `confirmed`. The table gives, per kind, the damaged facts, how
many of them were confirmed before the damage, how many stay confirmed, and the catch rate.

    .venv/bin/python bench/verdict.py [--corpus ../shared/corpus] [--limit N] [--seed 1]
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from form8k.load import load
from form8k.models import Fact
from form8k.statements.checks import StatementTable, check_tables
from form8k.statements.tables.facts import MappedTable, collect_facts
from form8k.statements.tables.find import find_tables
from form8k.statements.tables.read import _read_table

ROOT = Path(__file__).resolve().parent.parent
PRIMARY = ("income", "balance", "cash_flow")
KINDS = ("scale_up", "scale_down", "swap_periods", "sign", "concept", "digit")
Key = tuple[str, object, object]


def read(path: Path) -> list[MappedTable]:
    sub = load([(path.name, path.read_bytes())])
    mapped: list[MappedTable] = []
    previous = None
    for raw in find_tables(sub):
        m = _read_table(raw, len(mapped), previous)
        previous = (raw, m)
        mapped.append(m)
    return mapped


def verdict(mapped: list[MappedTable]) -> list[Fact]:
    result = check_tables(StatementTable(m.table, m.decimals, m.amount_columns, m.factors) for m in mapped)
    facts, _ = collect_facts(mapped, result)
    return facts


def _key(f: Fact) -> Key:
    return (f.concept, f.period_end, f.period_months)


def _money_rows(m: MappedTable) -> list[int]:
    return [r for r in m.rules if m.table.rows[r].unit in (None, "USD")]


def scale(factor: Decimal, shift: int) -> Callable[[MappedTable, random.Random], bool]:
    def damage(m: MappedTable, rng: random.Random) -> bool:
        for r, row in enumerate(m.table.rows):
            if row.unit not in (None, "USD"):
                continue
            row.values = [v * factor if v is not None else None for v in row.values]
            m.decimals[r] = [d - shift if d is not None else None for d in m.decimals[r]]
        return bool(_money_rows(m))
    return damage


def swap_periods(m: MappedTable, rng: random.Random) -> bool:
    cols = [k for k, c in enumerate(m.table.columns) if m.amount_columns[k] and c.period_end and c.period_months
            is not None]
    pairs = [(a, b) for a in cols for b in cols if a < b and m.table.columns[a].period_months ==
             m.table.columns[b].period_months and m.table.columns[a].period_end != m.table.columns[b].period_end]
    if not pairs:
        return False
    a, b = rng.choice(pairs)
    ca, cb = m.table.columns[a], m.table.columns[b]
    ca.period_end, cb.period_end = cb.period_end, ca.period_end
    return True


def sign(m: MappedTable, rng: random.Random) -> bool:
    rows = [r for r in m.rules if any(v for v in m.table.rows[r].values)]
    if not rows:
        return False
    r = rng.choice(rows)
    m.factors[r] = -m.factors.get(r, 1)
    return True


def concept(m: MappedTable, rng: random.Random) -> bool:
    rows = sorted(m.rules)
    pairs = [(a, b) for a, b in zip(rows, rows[1:], strict=False)
             if m.table.rows[a].concept != m.table.rows[b].concept and m.table.rows[a].unit == m.table.rows[b].unit]
    if not pairs:
        return False
    a, b = rng.choice(pairs)
    if rng.random() < 0.5:
        a, b = b, a
    m.rules[a] = m.rules[b]
    m.table.rows[a].concept = m.table.rows[b].concept
    if b in m.mapped_by:
        m.mapped_by[a] = m.mapped_by[b]
    return True


def digit(m: MappedTable, rng: random.Random) -> bool:
    cells = [(r, k) for r in m.rules for k, v in enumerate(m.table.rows[r].values)
             if v is not None and v != 0 and m.amount_columns[k] and m.decimals[r][k] is not None]
    if not cells:
        return False
    r, k = rng.choice(cells)
    d = m.decimals[r][k]
    assert d is not None
    row = m.table.rows[r]
    value = row.values[k]
    assert value is not None
    row.values[k] = value + Decimal(10).scaleb(-d + 1) * (1 if value > 0 else -1)
    return True


DAMAGE: dict[str, Callable[[MappedTable, random.Random], bool]] = {
    "scale_up": scale(Decimal(1000), 3), "scale_down": scale(Decimal("0.001"), -3),
    "swap_periods": swap_periods, "sign": sign, "concept": concept, "digit": digit}


def documents(corpus: Path) -> list[Path]:
    out = []
    for gold in sorted((corpus / "gold").glob("*.json")):
        data = json.loads(gold.read_text())
        if data.get("facts"):
            out.append(corpus / "filings" / data["file"])
    out += sorted((corpus / "xbrl").glob("*.html"))
    return [p for p in out if p.exists() and not p.name.endswith("_statements.html")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--limit", type=int, default=None, help="read at most this many documents")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every damaged fact that stays confirmed")
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    damaged: Counter[str] = Counter()
    before: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    trials: Counter[str] = Counter()
    paths = documents(a.corpus)[: a.limit]
    for path in paths:
        mapped = read(path)
        base = {_key(f): f for f in verdict(copy.deepcopy(mapped))}
        targets = [i for i, m in enumerate(mapped) if m.table.statement in PRIMARY and m.rules]
        for kind in KINDS:
            for i in targets:
                trial = copy.deepcopy(mapped)
                if not DAMAGE[kind](trial[i], rng):
                    continue
                trials[kind] += 1
                for f in verdict(trial):
                    was = base.get(_key(f))
                    if was is not None and was.value == f.value:
                        continue
                    damaged[kind] += 1
                    before[kind] += bool(was is not None and was.confirmed)
                    if f.confirmed:
                        kept[kind] += 1
                        if a.verbose:
                            print(f"  {path.name} {kind} t{i}: {f.concept} {f.period_end} {f.period_months}m "
                                  f"{was.value if was else None} -> {f.value} stays confirmed {f.evidence}")
        print(f"{path.name}: {len(targets)} primary tables", file=sys.stderr)
    print(f"{len(paths)} documents")
    print(f"{'damage':<14}{'trials':>8}{'damaged':>9}{'confirmed before':>18}{'still confirmed':>17}{'caught':>9}")
    total = [0, 0, 0, 0]
    for kind in KINDS:
        n, b, k = damaged[kind], before[kind], kept[kind]
        total = [total[0] + trials[kind], total[1] + n, total[2] + b, total[3] + k]
        rate = f"{1 - k / n:.1%}" if n else "-"
        print(f"{kind:<14}{trials[kind]:>8}{n:>9}{b:>18}{k:>17}{rate:>9}")
    rate = f"{1 - total[3] / total[1]:.1%}" if total[1] else "-"
    print(f"{'all':<14}{total[0]:>8}{total[1]:>9}{total[2]:>18}{total[3]:>17}{rate:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
