"""The names a person types for a concept or a check rule, mapped to the names the store uses.

`resolve_concepts("net income")` → ("NetIncomeLoss", "ProfitLoss"); `resolve_concepts("revenues")` →
("Revenues",). A concept's own name matches in any case; otherwise the words are read the way the
release stage reads a metric in prose (lower case, singular, "total"/"GAAP" dropped), in any order, against
the metric phrases of `data/metrics.csv` and the typical row labels of `data/concepts.csv`. A name that
matches nothing raises `UnknownName` with the closest known names (difflib).
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

# "EarningsPerShare" in metrics.csv stands for whichever of these a release prints.
_EPS = ("EarningsPerShareBasic", "EarningsPerShareDiluted", "EarningsPerShareBasicAndDiluted")

# Rules the checks apply (the store may hold fewer); `form8k checks --rule` accepts these in any case.
KNOWN_RULES = ("sum", "eps", "gross_profit", "operating_income", "pretax_income", "net_income", "income_chain",
               "assets_balance", "liabilities_equity", "cash_rollforward", "cross_table", "narrative")


class UnknownName(ValueError):
    """A concept or rule that matches nothing; `.suggestions` holds the closest known names."""

    def __init__(self, kind: str, name: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")
        self.suggestions = suggestions


def _key(text: str) -> str:
    from form8k.release.lexicon import read_metric

    return read_metric(text.replace("_", " ").replace("-", " ")).key


def _bag(key: str) -> frozenset[str]:
    return frozenset(key.split())


def _expand(concepts: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for c in concepts:
        for name in (_EPS if c == "EarningsPerShare" else (c,)):
            if name not in out:
                out.append(name)
    return tuple(out)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], dict[str, tuple[str, ...]], dict[frozenset[str], tuple[str, ...]]]:
    """(lower-case concept name → name, phrase key → concepts, bag of words → concepts)."""
    names: dict[str, str] = {}
    phrases: dict[str, tuple[str, ...]] = {}
    root = resources.files("form8k").joinpath("data")
    with root.joinpath("metrics.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            concepts = _expand(row["concept"].split("|"))
            phrases.setdefault(_key(row["phrase"]), concepts)
            for c in concepts:
                names.setdefault(c.lower(), c)
    with root.joinpath("concepts.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names.setdefault(row["concept"].lower(), row["concept"])
            for label in (row.get("typical_labels") or "").split("|"):
                if label.strip() and "<" not in label:
                    phrases.setdefault(_key(label), (row["concept"],))
    phrases.pop("", None)
    bags: dict[frozenset[str], tuple[str, ...]] = {}
    for key, concepts in phrases.items():
        bags.setdefault(_bag(key), concepts)
    return names, phrases, bags


def resolve_concepts(text: str, stored: Iterable[str] = ()) -> tuple[str, ...]:
    """The concepts a typed name means, best first; raises UnknownName naming the closest ones."""
    name = text.strip().removeprefix("us-gaap:").removeprefix("us-gaap_")
    names, phrases, bags = _lexicon()
    known = dict(names)
    for c in stored:
        known.setdefault(c.lower(), c)
    if name.lower() in known:
        return _expand([known[name.lower()]])
    key = _key(name)
    if key in phrases:
        return phrases[key]
    if key and _bag(key) in bags:
        return bags[_bag(key)]
    raise UnknownName("concept", text, _close(name, key, sorted(set(known.values())), sorted(phrases)))


def _close(name: str, key: str, concepts: list[str], phrases: list[str]) -> list[str]:
    """Up to five close names: concept names first, then phrases, each at the tightest cut-off that matches."""
    by_lower = {c.lower(): c for c in concepts}
    out: list[str] = []
    for pool, probe in ((list(by_lower), name.lower()), (phrases, key)):
        for cutoff in (0.6, 0.45, 0.3):
            found = difflib.get_close_matches(probe, pool, n=3, cutoff=cutoff)
            if found:
                out += [by_lower.get(m, m) for m in found if by_lower.get(m, m) not in out]
                break
    return out[:5]


def resolve_rule(text: str, stored: Iterable[str] = ()) -> str:
    """A check rule in the store's spelling ("Gross Profit" → gross_profit); raises UnknownName."""
    known = {r.lower(): r for r in (*KNOWN_RULES, *stored)}
    name = text.strip().lower().replace(" ", "_").replace("-", "_")
    if name in known:
        return known[name]
    close = difflib.get_close_matches(name, list(known), n=5, cutoff=0.5)
    raise UnknownName("rule", text, [known[c] for c in close])
