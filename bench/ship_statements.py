"""Copy the development statements into the test data: each document's statements section and its tags.

    python bench/ship_statements.py --gold ../shared/corpus/xbrl

For each `X.json` of the gold folder this writes `tests/data/statements/X.html` (the document's
statements section, `X_statements.html`) and `X.tags.csv`: every non-dimensional fact the filer tagged in
its three primary statements (concept, period end, months, value in base units, the label printed), and
`X.pdf.txt` (the section printed to PDF and read back by `pdftotext -layout`), so
that the test suite measures the statement reader against the filers' own tags without `../shared`.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "statements"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True)
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for gold in sorted(args.gold.glob("*.json")):
        section = gold.with_name(gold.stem + "_statements.html")
        if not section.exists():
            continue
        shutil.copyfile(section, OUT / f"{gold.stem}.html")
        printed = gold.with_name(gold.stem + "_pdf.txt")  # the same section printed to PDF, as pdftotext reads it
        if printed.exists():
            shutil.copyfile(printed, OUT / f"{gold.stem}.pdf.txt")
        facts = json.loads(gold.read_text(encoding="utf-8"))["facts"]
        with (OUT / f"{gold.stem}.tags.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["concept", "period_end", "period_months", "value", "statement", "label"])
            for f in facts:
                w.writerow([f["concept"].rpartition(":")[2], f["period_end"], f["period_months"] or 0,
                            f["value"], f["statement"], f["label"]])
        print(gold.stem)


if __name__ == "__main__":
    main()
