#!/usr/bin/env python3
"""How parse cost grows with input size, per class of hostile input: it must grow linearly.

Each class is a generator of an 8-K of about N bytes; each size is parsed in a
fresh process (so a hang is cut at --timeout and peak memory is its own), and
the table gives CPU seconds, seconds per 10 MB and peak RSS:

    html-table     one HTML table of numeric rows (statements, sum checks)
    nested         tables nested inside each other, as deep as the size allows
    numbers-line   text lines of 16 KB, each a label and numbers separated by single spaces
    spaced-line    text lines of 16 KB, numbers separated by runs of spaces (fixed-width layout)
    repeated       a real 8-K release (../shared/corpus) whose lines are repeated to fill the size
    one-line       the whole input one line of numbers

    .venv/bin/python bench/scaling.py [--sizes 1.25,2.5,5,10,20] [--classes html-table,nested] [--timeout 300]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus" / "filings", ROOT.parent.parent / "shared" / "corpus" / "filings")
               if p.is_dir()), ROOT / "tests" / "data" / "filings")
MB = 1_000_000

_HEAD = ("UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nWashington, D.C. 20549\n\nFORM 8-K\n\nCURRENT REPORT\n"
         "Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934\n\n"
         "Date of Report (Date of earliest event reported): March 1, 2024\n\nACME CORP\n"
         "(Exact name of registrant as specified in its charter)\n\n"
         "Item 2.02 Results of Operations and Financial Condition.\n\n"
         "CONSOLIDATED STATEMENTS OF OPERATIONS\n(in thousands)\n\n")


_LABELS = ("Net revenue", "Cost of revenue", "Research and development", "Selling, general and administrative",
           "Interest expense", "Other income, net", "Income tax expense", "Depreciation and amortization",
           "Restructuring charges")


def html_table(size: int) -> bytes:
    rows = []
    n = 0
    i = 0
    while n < size:
        row = (f"<tr><td>{_LABELS[i % len(_LABELS)]}</td><td>$</td><td>{1000 + i % 9000:,}</td>"
               f"<td>$</td><td>{2000 + i % 7000:,}</td></tr>\n")
        if i % 10 == 9:
            row = f"<tr><td>Total {i}</td><td>$</td><td>{i * 7:,}</td><td>$</td><td>{i * 9:,}</td></tr>\n"
        rows.append(row)
        n += len(row)
        i += 1
    head = _HEAD.replace("\n", "<br>\n")
    return (f"<html><body><p>{head}</p><table><tr><td></td><td colspan=2>2024</td><td colspan=2>2023</td></tr>\n"
            + "".join(rows) + "</table></body></html>").encode()


def nested(size: int) -> bytes:
    unit_open, unit_close = "<table><tr><td>x", "</td></tr></table>"
    depth = size // (len(unit_open) + len(unit_close))
    return (f"<html><body><p>{_HEAD}</p>" + unit_open * depth + "1,234 5,678" + unit_close * depth
            + "</body></html>").encode()


def _lines(size: int, line: Callable[[int], str]) -> bytes:
    out = [_HEAD]
    n = len(_HEAD)
    i = 0
    while n < size:
        text = line(i)
        out.append(text)
        n += len(text)
        i += 1
    return "".join(out).encode()


def numbers_line(size: int) -> bytes:
    body = " ".join(f"{(k * 7919) % 100000:,}" for k in range(2500))[:16_000]
    return _lines(size, lambda i: f"{_LABELS[i % 9]} {body} 12\n")


def spaced_line(size: int) -> bytes:
    body = "   ".join(f"({(k * 7919) % 100000:,})" for k in range(1600))[:16_000]
    return _lines(size, lambda i: f"{_LABELS[i % 9]}    {body}   9\n")


def repeated(size: int) -> bytes:
    """The release of a real 8-K (its cover kept once) repeated to fill the size: prose and statements the
    release and table readers read again and again, as in a filing whose pages were pasted in many times."""
    path = CORPUS / "immunogen_2007-02-01_8-K_earnings.txt"
    if not path.exists():
        return numbers_line(size)
    lines = path.read_text(errors="replace").splitlines(keepends=True)
    head, body = lines[:40], lines[40:]
    out = list(head)
    n = sum(map(len, out))
    k = 0
    while n < size:
        line = body[k % len(body)]
        out.append(line)
        n += len(line)
        k += 1
    return "".join(out).encode()


def one_line(size: int) -> bytes:
    unit = "1,234 (56) 7.8% "
    return (_HEAD + unit * (max(0, size - len(_HEAD)) // len(unit)) + "\n").encode()


CLASSES: dict[str, Callable[[int], bytes]] = {
    "html-table": html_table, "nested": nested, "numbers-line": numbers_line, "spaced-line": spaced_line,
    "repeated": repeated, "one-line": one_line,
}

_CHILD = """
import sys, time
from form8k import pipeline
data = open(sys.argv[1], 'rb').read()
t0 = time.process_time()
f = pipeline.parse([(sys.argv[2], data)])
import resource
print(time.process_time() - t0, len(f.facts), len(f.problems), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run_one(cls: str, size: int, timeout: float, tmp: Path) -> tuple[str, float | None, int, str]:
    data = CLASSES[cls](size)
    ext = ".html" if cls in ("html-table", "nested") else ".txt"
    path = tmp / f"scaling-{cls}-{size}{ext}"
    path.write_bytes(data)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    t0 = time.monotonic()
    try:
        out = subprocess.run([sys.executable, "-c", _CHILD, str(path), path.name], env=env, capture_output=True,
                             text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return cls, None, len(data), f"> {timeout:.0f} s wall"
    finally:
        path.unlink()
    if out.returncode != 0:
        return cls, None, len(data), "error: " + (out.stderr.strip().splitlines() or ["?"])[-1][:80]
    seconds, facts, problems, rss = out.stdout.split()
    note = f"{int(rss) / 1024:.0f} MB peak RSS, {facts} facts, {problems} problems, {time.monotonic() - t0:.1f} s wall"
    return cls, float(seconds), len(data), note


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1.25,2.5,5,10,20", help="MB, comma-separated")
    ap.add_argument("--classes", default=",".join(CLASSES))
    ap.add_argument("--timeout", type=float, default=300.0)
    a = ap.parse_args(argv)
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    sizes = [int(float(s) * MB) for s in a.sizes.split(",")]
    print(f"{'class':14} {'MB':>6} {'CPU s':>8} {'s/10MB':>8}  notes")
    for cls in a.classes.split(","):
        for size in sizes:
            name, seconds, n, note = run_one(cls, size, a.timeout, tmp)
            cpu = f"{seconds:8.2f}" if seconds is not None else f"{'-':>8}"
            per = f"{seconds / n * 10 * MB:8.2f}" if seconds is not None else f"{'-':>8}"
            print(f"{name:14} {n / MB:6.2f} {cpu} {per}  {note}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
