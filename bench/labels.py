#!/usr/bin/env python3
"""Compile `data/label_concepts.csv`, the label -> concept table, from filers' own XBRL tags.

Each document of GOLD (`X.json` beside `X.html`, as in ../shared/corpus/xbrl) is
read by form8k as any filing is; each row of its income statement, balance
sheet and cash-flow statement is then aligned with the cells the filer tagged:
same statement, same period, same absolute value. The row's (statement,
section, label) votes for the concept of the aligned cells, and the printed
sign against the tagged value says how a printed number becomes the concept's
value (`printed`, `expense`: a deduction printed in parentheses is a positive
cost, `flip`: the concept counts the other way, like an increase in
receivables printed as a use of cash).

A filer's own extension concepts (`ko:…`) are not entries: the table maps
labels to the shared taxonomy only.

    .venv/bin/python bench/labels.py --gold ../shared/corpus/xbrl [--exclude aapl,ko] [--out FILE]
    .venv/bin/python bench/labels.py --gold ../shared/corpus/xbrl --loco   # held-out estimate, per company

`--loco` measures what the table is worth on a company it has never seen:
for each company, the table is compiled from the others' documents only and
the company's documents are scored with it (score_statements.py's recall).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "form8k" / "data" / "label_concepts.csv"
KINDS = {"income": "income", "balance": "balance", "cashflow": "cash_flow"}
STANDARD = ("us-gaap:", "srt:", "ifrs-full:")


@dataclass
class Votes:
    concepts: Counter[str] = field(default_factory=Counter)
    filers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _gold_cells(gold: dict) -> dict[tuple[str, str, int], list[dict]]:
    cells: dict[tuple[str, str, int], list[dict]] = defaultdict(list)
    for statement in gold["statements"]:
        kind = KINDS.get(statement["kind"])
        for c in statement["cells"]:
            if kind is None or c.get("value") is None or c.get("in_label_text"):
                continue
            months = 0 if c.get("period_type") == "instant" else int(c.get("period_months") or 0)
            cells[(kind, c["period_end"], months)].append(c)
    return cells


def _significant_digits(value: Decimal) -> int:
    """6000000 -> 1, 13.89 -> 4: how much a value alone tells about the row it came from."""
    return len(abs(value).normalize().as_tuple().digits)


def align(html: Path, gold: dict) -> list[tuple[str, str, str, str, int, int]]:
    """(statement, section, label key, concept, printed sign, tagged sign) for each aligned cell."""
    from form8k.pipeline import statements_paths
    from form8k.statements.concepts import normalize_label
    from form8k.statements.labels import row_sections, table_key

    filing = statements_paths([html])
    cells = _gold_cells(gold)
    out = []
    for table in filing.tables:
        if table.statement not in KINDS.values():
            continue
        sections = row_sections(table)
        for r, row in enumerate(table.rows):
            if row.kind not in ("data", "total") or not row.label.strip():
                continue
            key = table_key(normalize_label(row.label))
            by_label: list[tuple[Decimal, dict]] = []
            by_value: list[tuple[Decimal, dict]] = []
            dated = 0
            for k, col in enumerate(table.columns):
                value = row.values[k] if k < len(row.values) else None
                if value is None or value == 0 or col.period_end is None or col.period_months is None:
                    continue
                dated += 1
                months = 0 if table.statement == "balance" else col.period_months
                candidates = [c for c in cells.get((table.statement, str(col.period_end), months), [])
                              if abs(Decimal(str(c["value"]))) == abs(value)]
                same = [c for c in candidates if table_key(normalize_label(c["row_label"])) == key]
                if same:
                    by_label.append((value, same[0]))
                elif len(candidates) == 1:
                    by_value.append((value, candidates[0]))
            # A cell whose label differs from the tagged row's is aligned by its value alone only when every
            # dated cell of the row meets the same concept: a lone "6" equal to another row's value is chance.
            if len(by_value) != dated or len({c["concept"] for _, c in by_value}) != 1 or (
                    len(by_value) == 1 and _significant_digits(by_value[0][0]) < 3):
                by_value = []  # nor is one cell of one or two digits
            for value, c in by_label + by_value:
                tagged = Decimal(str(c["value"]))
                out.append((table.statement, sections[r], key, c["concept"], 1 if value > 0 else -1,
                            1 if tagged > 0 else -1))
    return out


def compile_table(aligned: dict[str, list[tuple[str, str, str, str, int, int]]]) -> list[dict[str, object]]:
    """The label table from the aligned cells of each company (ticker -> cells)."""
    by_key: dict[tuple[str, str, str], Votes] = defaultdict(Votes)
    signs: dict[str, Counter[tuple[int, int]]] = defaultdict(Counter)
    for ticker, cells in aligned.items():
        for statement, section, key, concept, printed, tagged in cells:
            if not concept.startswith(STANDARD):
                continue
            local = concept.split(":", 1)[1]
            for k in ((statement, section, key), (statement, "", key)):
                by_key[k].concepts[local] += 1
                by_key[k].filers[local].add(ticker)
            signs[local][(printed, tagged)] += 1
    rows = []
    for (statement, section, key), votes in sorted(by_key.items()):
        concept, n = votes.concepts.most_common(1)[0]
        total = sum(votes.concepts.values())
        rows.append({"statement": statement, "section": section, "label": key, "concept": concept,
                     "sign": _sign(signs[concept]), "filers": len(votes.filers[concept]), "rows": n,
                     "share": round(n / total, 3)})
    return rows


def _sign(pairs: Counter[tuple[int, int]]) -> str:
    """How printed numbers of a concept become its values: the majority over its aligned cells."""
    negative_kept = pairs[(-1, -1)]
    negative_flipped = pairs[(-1, 1)]
    positive_kept = pairs[(1, 1)]
    positive_flipped = pairs[(1, -1)]
    if positive_flipped > positive_kept and (negative_flipped >= negative_kept):
        return "flip"
    if negative_flipped > negative_kept:
        return "expense"
    return "printed"


def write(rows: list[dict[str, object]], out: Path, sources: list[str]) -> None:
    buf = io.StringIO()
    buf.write(f"# Compiled by bench/labels.py from the inline-XBRL tags of {len(sources)} documents: "
              f"{' '.join(sources)}\n")
    w = csv.DictWriter(buf, fieldnames=["statement", "section", "label", "concept", "sign", "filers", "rows", "share"],
                       lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    out.write_text(buf.getvalue(), encoding="utf-8")


def _documents(gold_dir: Path) -> list[tuple[str, Path, dict]]:
    docs = []
    for gpath in sorted(gold_dir.glob("*.json")):
        html = gpath.with_suffix(".html")
        if html.exists():
            gold = json.loads(gpath.read_text())
            docs.append((gold.get("ticker") or gpath.name.split("_")[0], html, gold))
    return docs


def loco(gold_dir: Path, aligned: dict[str, list], docs: list[tuple[str, Path, dict]]) -> int:
    scorer = gold_dir.resolve().parent.parent / "eval" / "score_statements.py"
    if not scorer.exists():
        print("score_statements.py not found next to the repository: skipped")
        return 0
    totals: Counter[str] = Counter()
    for ticker in sorted(aligned):
        others = {t: cells for t, cells in aligned.items() if t != ticker}
        with tempfile.TemporaryDirectory() as tmp:
            table = Path(tmp) / "labels.csv"
            write(compile_table(others), table, sorted(others))
            gold_only = Path(tmp) / "gold"
            gold_only.mkdir()
            for t, html, _ in docs:
                if t == ticker:
                    for f in html.parent.glob(html.stem + "*"):
                        (gold_only / f.name).symlink_to(f.resolve())
            env = dict(os.environ, FORM8K_LABELS=str(table))
            p = subprocess.run([sys.executable, str(scorer), "--gold", str(gold_only), "--cmd",
                                f"{sys.executable} -m form8k statements --json {{file}}"],
                               capture_output=True, text=True, env=env)
            last = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else p.stderr[-200:]
            print(f"{ticker:<6} {last}")
            fields = dict(x.split("=") for x in last.replace("totals: ", "").split())
            totals["gold"] += int(fields.get("facts_gold", 0))
            totals["recalled"] += round(float(fields.get("recall", 0)) * int(fields.get("facts_gold", 0)))
            totals["wrong"] += int(fields.get("wrong", 0))
            totals["silent"] += int(fields.get("silent", 0))
    if totals["gold"]:
        print(f"\nheld-out (leave one company out): recall={totals['recalled'] / totals['gold']:.3f} "
              f"wrong={totals['wrong']} silent={totals['silent']}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "corpus" / "xbrl")
    ap.add_argument("--exclude", default="", help="tickers left out, comma-separated")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--loco", action="store_true", help="leave-one-company-out estimate instead of writing")
    a = ap.parse_args()
    if not a.gold.is_dir():
        print(f"no gold documents in {a.gold}: skipped")
        return 0
    os.environ["FORM8K_LABELS"] = os.devnull  # align with the reading alone, not with a table made before
    excluded = {t for t in a.exclude.split(",") if t}
    docs = [d for d in _documents(a.gold) if d[0] not in excluded]
    aligned: dict[str, list] = defaultdict(list)
    for ticker, html, gold in docs:
        aligned[ticker].extend(align(html, gold))
    if a.loco:
        return loco(a.gold, aligned, docs)
    rows = compile_table(aligned)
    write(rows, a.out, sorted({h.stem for _, h, _ in docs}))
    print(f"{len(rows)} label entries from {sum(len(v) for v in aligned.values())} aligned cells of {len(docs)} "
          f"documents -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
