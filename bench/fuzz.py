#!/usr/bin/env python3
"""Parse mutated real filings and report what breaks: exceptions by place, slow inputs, violated invariants.

Each input is a filing of ../shared/corpus/filings (or tests/data/filings)
mutated by a seeded random edit: a slice deleted, repeated or moved, bytes
flipped, the file cut short, or a hostile piece inserted (a 5,000-digit
number, a huge colspan or <SEQUENCE>, "(7%)" cells, deep tables, a long line
of numbers). Input `i` is always the same bytes, so a finding is reproduced
with `--only i`. Stages run with FORM8K_STRICT=1, so a stage that raises is
reported by the place it raised, not folded into a `stage_error` problem.

Invariants checked on every record: every span inside `Filing.text`; every
fact's span holding printed digits (or a dash) and no `%` for a money fact;
no NaN or infinite amount; the record serialises to JSON that reads back.

    .venv/bin/python bench/fuzz.py [--count 5000] [--workers 2] [--timeout 10] [--seed 0] [--only 17]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPORA = (ROOT.parent / "shared" / "corpus" / "filings", ROOT.parent.parent / "shared" / "corpus" / "filings",
           ROOT / "tests" / "data" / "filings")

HOSTILE = (
    b"9" * 5000,
    b'<td colspan="' + b"9" * 5000 + b'">1,234</td>',
    b"\n<SEQUENCE>" + b"7" * 5000 + b"\n",
    b"<tr><td>Gross margin</td><td>(7%)</td><td>(7%)</td></tr>",
    b"\nGross margin    (7%)    (12%)    33%\n",
    b"<table><tr><td>" * 300 + b"x" + b"</td></tr></table>" * 300,
    b"\nRevenue " + b" ".join(str(i).encode() for i in range(3000)) + b" x 5\n",
    b"\nNet income  " + b"  ".join(b"(1,234)" for _ in range(2000)) + b"\n",
    b"\nItem 2.02 Results of Operations\n",
    b"\nExhibit 99." + b"1" * 400 + b"  Press release\n",
    b"\n\x00\xff\xfe\n",
    b"\xef\xbb\xbf",
    "\u00b2\u0663\u2212$\u00a0%".encode(),
    b"</TEXT></DOCUMENT>",
    b"<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\n",
    b"Trading Symbol(s)\tName of each exchange\n",
)


def corpus() -> list[tuple[str, bytes]]:
    for folder in CORPORA:
        if folder.is_dir():
            files = sorted(p for p in folder.iterdir() if p.is_file() and p.stat().st_size < 3_000_000)
            if files:
                return [(p.name, p.read_bytes()) for p in files]
    return []


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to three random edits of `data`."""
    for _ in range(rng.randint(1, 3)):
        n = len(data)
        a = rng.randrange(n + 1)
        b = min(n, a + rng.choice((1, 10, 100, 1000, 10000)))
        kind = rng.randrange(6)
        if kind == 0:
            data = data[:a] + data[b:]
        elif kind == 1:
            data = data[:b] + data[a:b] * rng.randint(2, 20) + data[b:]
        elif kind == 2:
            data = data[:a] + rng.choice(HOSTILE) + data[a:]
        elif kind == 3:
            flips = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                if flips:
                    flips[rng.randrange(len(flips))] = rng.randrange(256)
            data = bytes(flips)
        elif kind == 4:
            data = data[: max(1, a)]
        else:
            c = rng.randrange(n + 1)
            data = data[:c] + data[a:b] + data[c:]
    return data


def make_input(files: list[tuple[str, bytes]], seed: int, i: int) -> tuple[str, bytes]:
    rng = random.Random(seed * 1_000_003 + i)
    name, data = files[rng.randrange(len(files))]
    return name, mutate(data, rng)


def _spans(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every (path, span) in a record: fields named span, spans or ending in _span."""
    if isinstance(obj, list):
        for k, item in enumerate(obj):
            yield from _spans(item, f"{path}[{k}]")
        return
    fields = getattr(type(obj), "model_fields", None)
    if fields is None:
        return
    for key in fields:
        value = getattr(obj, key)
        if key == "span" or key.endswith("_span"):
            yield f"{path}.{key}", value
        elif key == "spans":
            for k, s in enumerate(value or []):
                yield f"{path}.{key}[{k}]", s
        else:
            yield from _spans(value, f"{path}.{key}")


def _numbers(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(obj, (Decimal, float)):
        yield path, obj
    elif isinstance(obj, list):
        for k, item in enumerate(obj):
            yield from _numbers(item, f"{path}[{k}]")
    elif getattr(type(obj), "model_fields", None) is not None:
        for key in type(obj).model_fields:
            yield from _numbers(getattr(obj, key), f"{path}.{key}")


def violations(filing: Any) -> list[str]:
    """The invariants a record breaks, each as `kind: where`."""
    out: list[str] = []
    text = filing.text
    for where, span in _spans(filing):
        if span is None:
            continue
        s, e = span
        if not (0 <= s <= e <= len(text)):
            out.append(f"span outside the text: {where.split('[')[0]}")
    for fact in filing.facts:
        if fact.span is None or fact.source != "table":
            continue
        printed = text[fact.span[0]:fact.span[1]]
        if not any(c.isdigit() for c in printed) and not any(c in printed for c in "-\u2013\u2014\u2212"):
            out.append("fact span without its printed number")
        if fact.unit == "USD" and "%" in printed:
            out.append("percentage as a money fact")
    for mention in filing.mentions:
        if mention.span is not None and " ".join(mention.text.split()) not in " ".join(
                text[mention.span[0]:mention.span[1]].split()):
            out.append("mention text outside its span")
    for where, value in _numbers(filing):
        if (isinstance(value, Decimal) and not value.is_finite()) or (isinstance(value, float) and not math.isfinite(value)):
            out.append(f"NaN or infinity: {where.split('[')[0]}")
    dumped = filing.model_dump_json()
    json.loads(dumped)
    return out


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def _place(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/form8k/" in f.filename] or \
        traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    where = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
    return f"{type(exc).__name__} at {where}"


_FILES: list[tuple[str, bytes]] = []


def _init(files: list[tuple[str, bytes]]) -> None:
    global _FILES
    _FILES = files
    os.environ["FORM8K_STRICT"] = "1"
    signal.signal(signal.SIGALRM, _alarm)


def run_one(args: tuple[int, int, float]) -> tuple[int, str, float, list[str]]:
    """(input, outcome, CPU seconds, violations); outcome is ok, input_error, timeout or an exception's place."""
    from form8k import pipeline
    from form8k.errors import InputError

    seed, i, timeout = args
    name, data = make_input(_FILES, seed, i)
    t0 = time.process_time()
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        filing = pipeline.parse([(name, data)])
        found = violations(filing)
        outcome = "ok"
    except _Timeout:
        return i, "timeout", time.process_time() - t0, []
    except InputError:
        return i, "input_error", time.process_time() - t0, []
    except Exception as exc:  # noqa: BLE001 - what the fuzzer is for
        return i, _place(exc), time.process_time() - t0, []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return i, outcome, time.process_time() - t0, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per input before it counts as slow")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", type=int, help="run input i alone, in this process, and show its traceback")
    a = ap.parse_args(argv)
    files = corpus()
    if not files:
        print("no corpus: nothing to fuzz", file=sys.stderr)
        return 0
    if a.only is not None:
        os.environ["FORM8K_STRICT"] = "1"
        from form8k import pipeline
        name, data = make_input(files, a.seed, a.only)
        print(f"input {a.only}: {name}, {len(data)} bytes")
        print(violations(pipeline.parse([(name, data)])))
        return 0
    outcomes: Counter[str] = Counter()
    broken: Counter[str] = Counter()
    examples: dict[str, int] = {}
    slow: list[tuple[float, int]] = []
    t0 = time.monotonic()
    with ProcessPoolExecutor(a.workers, initializer=_init, initargs=(files,)) as pool:
        jobs = ((a.seed, i, a.timeout) for i in range(a.count))
        for i, outcome, seconds, found in pool.map(run_one, jobs, chunksize=8):
            outcomes[outcome] += 1
            examples.setdefault(outcome, i)
            if seconds > 1.0 or outcome == "timeout":
                slow.append((seconds, i))
            for v in found:
                broken[v] += 1
                examples.setdefault(v, i)
    print(f"{a.count} inputs in {time.monotonic() - t0:.0f} s ({a.workers} workers, seed {a.seed})")
    for outcome, n in outcomes.most_common():
        print(f"  {n:7}  {outcome}   (e.g. --only {examples[outcome]})")
    print(f"violated invariants: {sum(broken.values())}")
    for v, n in broken.most_common():
        print(f"  {n:7}  {v}   (e.g. --only {examples[v]})")
    slow.sort(reverse=True)
    print(f"inputs over 1 s: {len(slow)}; over {a.timeout:.0f} s: {sum(1 for s, _ in slow if s >= a.timeout)}")
    for seconds, i in slow[:10]:
        print(f"  {seconds:6.1f} s  --only {i}")
    bad = sum(n for o, n in outcomes.items() if o not in ("ok", "input_error")) + sum(broken.values())
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
