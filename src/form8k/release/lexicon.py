"""Metric phrases of prose ("net loss", "research and development expenses") -> US-GAAP concepts.

The table is data (`data/metrics.csv`). A phrase read from a sentence is
normalised the same way as the table's phrases: lower case, singular nouns,
punctuation and benign modifiers ("total", "GAAP", "record", "quarterly")
dropped. Modifiers that change what is measured ("non-GAAP", "adjusted",
"comparable store", "segment", "constant currency") are kept aside as flags:
such a figure is not the statement's figure and is never checked against it.
A phrase with any other modifier ("Creative revenue", "Online sales") names a
part, not the whole, and maps to no concept.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["MetricEntry", "MetricPhrase", "concept_entry", "is_instant", "label_key", "lookup", "read_metric",
           "singular"]

_BENIGN = {"the", "a", "an", "its", "our", "their", "his", "her", "total", "record", "quarterly", "annual",
           "full-year", "full", "gaap", "reported", "consolidated", "overall", "all-time", "new", "both",
           "fiscal", "company's", "company’s", "also", "now", "still", "strong", "higher", "lower", "solid",
           "aggregate", "combined", "approximately", "about", "year", "quarter", "q1", "q2", "q3", "q4",
           "first-quarter", "second-quarter", "third-quarter", "fourth-quarter", "and", "of", "high", "low",
           "s"}
_FLAG_WORDS = {
    "non-gaap": "non-GAAP", "adjusted": "adjusted", "pro forma": "pro forma", "proforma": "pro forma",
    "organic": "organic", "core": "core", "underlying": "underlying", "comparable": "comparable",
    "comparable-store": "comparable", "same-store": "comparable", "constant currency": "constant currency",
    "segment": "segment", "division": "segment", "cash-basis": "non-GAAP", "operating ebitda": "non-GAAP",
    "ebitda": "non-GAAP", "ebit": "non-GAAP", "free cash flow": "non-GAAP",
}
# Each flag word as read_metric looks for it: on its own, before a hyphen, after one.
_FLAG_FORMS = [(word, flag, (f" {word} ", f" {word}-", f"-{word} ")) for word, flag in _FLAG_WORDS.items()]
_PAREN = re.compile(r"\([^()]*\)")
_NON_WORD = re.compile(r"[^a-z0-9&'’\- ]+")
_SPACES = re.compile(r"\s+")


def singular(word: str) -> str:
    """'securities' -> 'security', 'taxes' -> 'tax', 'losses' -> 'loss', 'revenues' -> 'revenue'."""
    w = word
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("xes", "sses", "ches", "shes")):
        return w[:-2]
    return w[:-1]


def _words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("–", "-").replace("—", " ")
    text = _PAREN.sub(" ", text)
    text = _NON_WORD.sub(" ", text)
    words = (w.removesuffix("'s").strip("'-") for w in text.split())
    return [singular(w) for w in words if w]


def _key(words: list[str]) -> str:
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class MetricEntry:
    phrase: str
    concepts: tuple[str, ...]
    unit: str  # USD, USD/share, shares, percent
    sign: int = 1
    denominator: tuple[str, ...] = ()  # for a percent ratio: concept / denominator


@dataclass(frozen=True, slots=True)
class MetricPhrase:
    """A metric as a sentence names it."""

    text: str  # as printed, tidied
    key: str  # normalised
    flags: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], MetricEntry]:
    table: dict[tuple[str, str], MetricEntry] = {}
    with resources.files("form8k").joinpath("data/metrics.csv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
            key = _key(_words(row["phrase"]))
            entry = MetricEntry(phrase=row["phrase"], concepts=tuple(row["concept"].split("|")), unit=row["unit"],
                                sign=int(row["sign"] or 1),
                                denominator=tuple(c for c in (row["denominator"] or "").split("|") if c))
            table.setdefault((key, entry.unit), entry)
    return table


def read_metric(text: str) -> MetricPhrase:
    """A metric phrase from prose, normalised, with the modifiers that make it a different measure.

    >>> read_metric("Non-GAAP operating income")
    MetricPhrase(text='Non-GAAP operating income', key='operating income', flags=('non-GAAP',))
    """
    tidy = _SPACES.sub(" ", text).strip(" ,.;:")
    low = " " + tidy.lower().replace("’", "'") + " "
    flags: list[str] = []
    for word, flag, (alone, before_hyphen, after_hyphen) in _FLAG_FORMS:
        if alone in low or before_hyphen in low or after_hyphen in low:
            if flag not in flags:
                flags.append(flag)
            low = low.replace(word, " ")
    words = _words(low)
    while words and words[0] in _BENIGN:
        words.pop(0)
    words = [w for w in words if w not in ("gaap", "total", "record", "quarterly", "reported", "all-time")]
    return MetricPhrase(text=tidy, key=_key(words), flags=tuple(flags))


def lookup(key: str, unit: str) -> MetricEntry | None:
    """The lexicon entry for a normalised metric in a unit family (USD, USD/share, shares, percent)."""
    table = _table()
    entry = table.get((key, unit))
    if entry is None and unit == "USD/share" and key:
        # "net loss" read with a per-share amount: the per-share form of the metric
        base = table.get((key, "USD"))
        if base is not None and base.concepts[0] in ("NetIncomeLoss",):
            return MetricEntry(phrase=f"{key} per share", concepts=("EarningsPerShare",), unit="USD/share",
                               sign=base.sign)
    return entry


def concept_entry(key: str) -> MetricEntry | None:
    """The entry for a metric in whatever unit it comes (for percent changes of a dollar metric)."""
    table = _table()
    for unit in ("USD", "USD/share", "shares", "percent"):
        entry = table.get((key, unit))
        if entry is not None:
            return entry
    return None


_GENERIC_TAIL = {"fee", "revenue"}
_NOTE_MARK = re.compile(r"\(\d+\)|\d+$")
_LABEL_DROP = {"total", "net", "and", "&", "of", "the", "gaap", "overall", "consolidated", "reported"}


def label_key(label: str) -> str:
    """A table row label or a prose metric, reduced for comparing the two.

    >>> label_key("Research and development support") == label_key("research and development support fees")
    True
    """
    words = [w for w in _words(_NOTE_MARK.sub(" ", label)) if w not in _LABEL_DROP]
    while len(words) > 1 and words[-1] in _GENERIC_TAIL:
        words.pop()
    return " ".join(words)


_INSTANT_EXTRA = frozenset({"CashAndCashEquivalentsAtCarryingValue", "CashCashEquivalentsAndShortTermInvestments",
                            "Assets", "Liabilities", "StockholdersEquity", "Deposits"})


@lru_cache(maxsize=1)
def _instants() -> frozenset[str]:
    """Balance-sheet concepts (instants), from the concept table the statements use."""
    names: set[str] = set(_INSTANT_EXTRA)
    try:
        with resources.files("form8k").joinpath("data/concepts.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if (row.get("period") or "").strip() == "instant":
                    names.add(row["concept"])
    except (FileNotFoundError, KeyError):
        pass
    return frozenset(names)


def is_instant(concept: str) -> bool:
    return concept in _instants()
