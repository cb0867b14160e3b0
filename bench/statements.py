#!/usr/bin/env python3
"""How well the statement reader proves its numbers, per filing with financial tables.

For every filing of ../shared/corpus/filings that the manifest marks
`has_financial_tables`, prints the tables found by kind, the facts, the
checks (pass / fail / skipped), the share of primary-statement totals that a
passing check confirms, and the parse throughput of the whole record (CPU time, so that other work on the machine does not
skew it). Every
failed check is listed with its arithmetic so it can be explained.

    .venv/bin/python bench/statements.py [--corpus ../shared/corpus] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

from form8k import parse
from form8k.load import load
from form8k.models import Filing
from form8k.statements.checks import STATEMENT_RULES, UNLABELLED
from form8k.statements.tables import read_statements

ROOT = Path(__file__).resolve().parent.parent
TOTAL_CONCEPTS = frozenset({
    "Revenues", "GrossProfit", "OperatingExpenses", "CostsAndExpenses", "OperatingIncomeLoss",
    "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest", "NetIncomeLoss",
    "NonoperatingIncomeExpense", "AssetsCurrent", "Assets", "LiabilitiesCurrent", "Liabilities", "StockholdersEquity",
    "LiabilitiesAndStockholdersEquity", "NetCashProvidedByUsedInOperatingActivities",
    "NetCashProvidedByUsedInInvestingActivities", "NetCashProvidedByUsedInFinancingActivities",
    "CashAndCashEquivalentsPeriodIncreaseDecrease"})
PRIMARY = ("income", "balance", "cash_flow")
AMOUNTLESS = ("percent", "change", "adjustment", "non_gaap", "low", "high", "reported")


def totals_confirmed(filing: Filing) -> tuple[int, int, list[str]]:
    """(confirmed, all) printed totals of the primary statements, and the ones no check confirms."""
    confirmed_cells: set[tuple[int, str, str, int]] = set()
    for check in filing.checks:
        if check.status != "pass" or check.table is None or check.rule not in STATEMENT_RULES:
            continue
        for ref in check.inputs:
            confirmed_cells.add((check.table, ref.concept, str(ref.period_end), ref.period_months or 0))
    total = done = 0
    missed: list[str] = []
    for table in filing.tables:
        if table.statement not in PRIMARY:
            continue
        for row in table.rows:
            if row.kind == "rejected" or row.unit != "USD" or not (row.is_total or row.concept in TOTAL_CONCEPTS):
                continue
            key = row.concept or row.label or UNLABELLED
            for col, value in zip(table.columns, row.values, strict=False):
                if value is None or col.period_end is None or col.basis in AMOUNTLESS:
                    continue
                total += 1
                if (table.index, key, str(col.period_end), col.period_months or 0) in confirmed_cells:
                    done += 1
                else:
                    missed.append(f"table {table.index} {row.label!r} {col.period_end} ({col.period_months}m)")
    return done, total, missed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=3, help="parses per filing for the timing (best is kept)")
    ap.add_argument("--all", action="store_true", help="every filing, not only those with financial tables")
    a = ap.parse_args(argv)
    manifest = a.corpus / "manifest.csv"
    if not manifest.exists():
        print(f"no corpus at {a.corpus}", file=sys.stderr)
        return 2
    with manifest.open(newline="") as fh:
        names = [r["file"] for r in csv.DictReader(fh) if a.all or r["has_financial_tables"] == "yes"]
    head = (f"{'filing':44} {'tables (income/balance/cash/other kinds)':42} {'facts':>5} "
            f"{'pass':>5} {'fail':>4} {'skip':>4} {'totals confirmed':>17} {'MB/s':>6} {'tbl ms':>7}")
    print(head)
    print("-" * len(head))
    sum_done = sum_total = 0
    all_bytes = 0
    all_seconds = 0.0
    stage_seconds = 0.0
    failures: list[str] = []
    unconfirmed: list[str] = []
    for name in names:
        path = a.corpus / "filings" / name
        data = path.read_bytes()
        best = float("inf")
        filing = None
        for _ in range(max(1, a.repeat)):
            t0 = time.process_time()
            filing = parse([(str(path), data)])
            best = min(best, time.process_time() - t0)
        assert filing is not None
        sub = load([(str(path), data)])
        stage = float("inf")
        for _ in range(max(1, a.repeat)):
            t0 = time.process_time()
            read_statements(sub)
            stage = min(stage, time.process_time() - t0)
        stage_seconds += stage
        kinds = Counter(t.statement for t in filing.tables)
        status = Counter(c.status for c in filing.checks if c.rule in STATEMENT_RULES)
        done, total, missed = totals_confirmed(filing)
        sum_done += done
        sum_total += total
        all_bytes += len(data)
        all_seconds += best
        kind_text = (f"{len(filing.tables)} ({kinds['income']}/{kinds['balance']}/{kinds['cash_flow']}/"
                     + ",".join(f"{k}:{v}" for k, v in sorted(kinds.items()) if k not in PRIMARY) + ")")
        share = f"{done}/{total} {done / total:.0%}" if total else "-"
        print(f"{name[:44]:44} {kind_text[:42]:42} {len(filing.facts):5} {status['pass']:5} {status['fail']:4} "
              f"{status['skipped']:4} {share:>17} {len(data) / best / 1e6:6.1f} {stage * 1000:7.1f}")
        failures += [f"{name}: {c.rule} table {c.table}: {c.detail}" for c in filing.checks
                     if c.status == "fail" and c.rule in STATEMENT_RULES]
        unconfirmed += [f"{name}: {m}" for m in missed]
    print("-" * len(head))
    share = sum_done / sum_total if sum_total else 1.0
    print(f"primary-statement totals confirmed by a check: {sum_done}/{sum_total} = {share:.1%}")
    print(f"throughput (whole record): {all_bytes / all_seconds / 1e6:.1f} MB/s over {all_bytes / 1e6:.2f} MB; "
          f"the statements stage alone: {stage_seconds * 1000:.0f} ms, {all_bytes / stage_seconds / 1e6:.1f} MB/s")
    if failures:
        print("\nfailed checks:")
        for line in failures:
            print("  " + line)
    if unconfirmed:
        print("\ntotals no check confirms:")
        for line in unconfirmed:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
