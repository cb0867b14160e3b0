"""Row label -> concept from data: how filers tag the labels they print.

`data/label_concepts.csv` holds, for each (statement, section, normalised
label), the US-GAAP concept filers tagged it with, how many filers and rows
gave that answer, and the share of the votes it won. It is compiled by
`bench/labels.py` from filers' own inline-XBRL tags (each row of a statement
as form8k reads it, aligned by period and value to the tagged cell) and ships
with its provenance on its first line (the documents it was compiled from).

A label the table does not hold as printed takes the concept of a label of the
same statement and section that says the same in other words: the same words
once plurals, "paid"/"payments" and the like are made one, and words that
carry nothing dropped, with at most a few words more and none fewer.

A row's section is read from the statement's structure, not from its words
alone: in a balance sheet the rows above "Total current assets" are current
assets whether or not a "Current assets:" heading is printed; in a cash-flow
statement the rows up to "Net cash provided by operating activities" are
operating items.

>>> section_of("balance", ["cash", "inventories", "total current assets", "goodwill", "total assets"], [(), (), (), (), ()])
['current_assets', 'current_assets', 'current_assets', 'assets', 'assets']
>>> section_of("balance", ["cash", "total current assets", "other assets", "total", "accounts payable"], [()] * 5)
['current_assets', 'current_assets', 'assets', 'assets', 'liabilities']
>>> extension_concept("Net (gain) loss on sale of businesses", set())
'form8k:NetGainLossOnSaleOfBusinesses'
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from form8k.models import Table

__all__ = ["LabelConcept", "extension_concept", "lookup", "nearest", "row_sections", "section_of", "table_key"]

_WORD = re.compile(r"[A-Za-z0-9]+")
_PARENTHESES = re.compile(r"\([^)]*\)")

_CURRENT_ASSETS_TOTAL = re.compile(r"^total current assets\b")
_ASSETS_TOTAL = re.compile(r"^total assets\b")
_BARE_TOTAL = re.compile(r"^total$")
_CURRENT_LIABILITIES_TOTAL = re.compile(r"^total current liabilities\b")
_LIABILITIES_TOTAL = re.compile(r"^total liabilities$")
_LIABILITIES_AND_EQUITY = re.compile(r"^total liabilities(?:,| and)\b.*(?:equity|deficit|capital|investment)")
_LIABILITIES_HEAD = re.compile(r"\bliabilities\b")
_EQUITY_HEAD = re.compile(r"\b(?:stockholders|shareholders|shareowners|owners|members|partners)'? (?:equity|deficit)|"
                          r"^(?:total )?equity\b|\bcapital\b.*\bequity\b")
_CURRENT_HEAD = re.compile(r"^current (assets|liabilities)\b")
_PROFIT_START = re.compile(r"net (?:income|earnings|loss|\(loss\)|profit)\b|(?:income|earnings|loss) from continuing")
_FLOW_TOTAL = re.compile(r"^(?:net )?cash\b.*\b(operating|investing|financing)\b|"
                         r"^net cash (?:provided|used|generated)\b.*\b(operating|investing|financing)\b")
_FLOW_HEAD = re.compile(r"\b(operating|investing|financing) activities\b|^(operating|investing|financing)\b")


@dataclass(frozen=True, slots=True)
class LabelConcept:
    concept: str
    sign: str  # printed, expense, flip (the concept counts the other way): how a printed number becomes its value
    filers: int  # filers whose tags gave this answer
    share: float  # the share of the votes for this label that went to this concept


def table_key(label: str) -> str:
    """The form of a normalised label the table is keyed on: words only, no parenthetical asides.

    >>> table_key("net income (loss) attributable to common stockholders")
    'net income attributable to common stockholders'
    """
    words = [w for w in _WORD.findall(_PARENTHESES.sub(" ", label)) if not w.isdecimal()]
    return " ".join(words).lower() or " ".join(_WORD.findall(label)).lower()


def section_of(statement: str, labels: Sequence[str], paths: Sequence[tuple[str, ...]]) -> list[str]:
    """The coarse section of each row of a statement, from its totals and headings (labels normalised)."""
    n = len(labels)
    if statement == "balance":
        return _balance_sections(labels, paths)
    if statement == "cash_flow":
        return _flow_sections(labels, paths)
    return [""] * n


def row_sections(table: Table) -> list[str]:
    """`section_of` each row of a read table, from its normalised labels and the heading each sits under."""
    from form8k.statements.concepts import normalize_label

    # a heading row ("Cash flows - operating activities:") opens its section; it is never the section's total
    labels = [normalize_label(row.label) if row.kind != "section" else "" for row in table.rows]
    heads = [(normalize_label(row.section),) if row.section else () for row in table.rows]
    return section_of(table.statement, labels, heads)


def _first(labels: Sequence[str], pattern: re.Pattern[str], start: int = 0) -> int | None:
    return next((i for i in range(start, len(labels)) if pattern.search(labels[i])), None)


def _balance_sections(labels: Sequence[str], paths: Sequence[tuple[str, ...]]) -> list[str]:
    n = len(labels)
    out = [""] * n
    total_assets = _first(labels, _ASSETS_TOTAL)
    current_assets = _first(labels, _CURRENT_ASSETS_TOTAL)
    if total_assets is None and current_assets is not None:
        total_assets = _first(labels, _BARE_TOTAL, current_assets + 1)  # "TOTAL": the first total after them
    end_assets = total_assets if total_assets is not None else current_assets
    current_liabilities = _first(labels, _CURRENT_LIABILITIES_TOTAL, (end_assets or 0))
    liabilities = _first(labels, _LIABILITIES_TOTAL, (end_assets or 0))
    for i in range(n):
        heads = " > ".join(paths[i]) if i < len(paths) else ""
        if end_assets is not None and i <= end_assets:
            out[i] = "current_assets" if current_assets is not None and i <= current_assets else "assets"
            if current_assets is None and _CURRENT_HEAD.search(paths[i][-1] if paths[i] else ""):
                out[i] = "current_assets"
            continue
        if _EQUITY_HEAD.search(heads) or _EQUITY_HEAD.search(labels[i]) and not _LIABILITIES_AND_EQUITY.search(labels[i]):
            out[i] = "equity"
        elif current_liabilities is not None and i <= current_liabilities:
            out[i] = "current_liabilities"
        elif liabilities is not None and i <= liabilities:
            out[i] = "liabilities"
        elif _LIABILITIES_AND_EQUITY.search(labels[i]):
            out[i] = "liabilities_and_equity"
        elif liabilities is not None and i > liabilities:
            out[i] = "equity"
        elif _LIABILITIES_HEAD.search(heads):
            out[i] = "liabilities"
        elif end_assets is None:
            out[i] = "assets" if not _LIABILITIES_HEAD.search(labels[i]) else "liabilities"
        else:
            out[i] = "liabilities"
    return out


def _flow_sections(labels: Sequence[str], paths: Sequence[tuple[str, ...]]) -> list[str]:
    n = len(labels)
    out = [""] * n
    current = "operating"
    done: set[str] = set()
    headed = False  # a heading has named a section: the rows above the first total are not all its rows
    for i in range(n):
        heads = paths[i] if i < len(paths) else ()
        head = next((m for h in reversed(heads) if (m := _FLOW_HEAD.search(h))), None)
        if head is not None:
            headed = True
            named = head.group(1) or head.group(2)
            if named not in done:
                current = named
        out[i] = current if current not in done else "other"
        total = _FLOW_TOTAL.search(labels[i])
        if total is not None:
            named = total.group(1) or total.group(2)
            if not done and not headed and not any(map(_PROFIT_START.match, labels[:i])):
                # a statement continued from another table, with no heading before its first total
                # ("Net cash used by financing activities"): the rows above that total are that activity's, unless
                # they start from the profit, as a whole statement whose operating total went unread does
                out[:i] = [named] * i
            out[i] = named
            done.add(named)
            following = {"operating": "investing", "investing": "financing", "financing": "other"}[named]
            current = following if following not in done else "other"
    return out


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str, str], LabelConcept]:
    override = os.environ.get("FORM8K_LABELS")  # another compiled table, for measuring one (bench/labels.py)
    if override:
        text = Path(override).read_text(encoding="utf-8")
    else:
        text = resources.files("form8k.data").joinpath("label_concepts.csv").read_text(encoding="utf-8")
    out: dict[tuple[str, str, str], LabelConcept] = {}
    for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        out[(row["statement"], row["section"], row["label"])] = LabelConcept(
            concept=row["concept"], sign=row["sign"], filers=int(row["filers"]), share=float(row["share"]))
    return out


def lookup(statement: str, section: str, label: str, min_share: float = 0.6, near: bool = True) -> LabelConcept | None:
    """The concept filers give this label in this statement and section (or in any section of it); with
    `near`, else the concept of the labels that say the same in other words."""
    table = _table()
    key = table_key(label)
    for k in (key, *(table_key(core) for core in (*_stock_core(statement, label), *_net_core(statement, label)))):
        hit = table.get((statement, section, k))
        if hit is None and (pooled := table.get((statement, "", k))) is not None \
                and not _other_sides(statement, section, k, pooled.concept):
            hit = pooled
        if hit is not None and hit.share >= min_share:
            return hit
    return _nearest(statement, section, key, min_share) if near else None


# The sides of a balance sheet: a label's pooled vote stands for a row of one side only if that side gave it.
_SIDE = {"current_assets": "assets", "assets": "assets", "current_liabilities": "claims", "liabilities": "claims",
         "equity": "claims"}
_SECTIONS = {"balance": ("current_assets", "assets", "current_liabilities", "liabilities", "equity"),
             "cash_flow": ("operating", "investing", "financing")}


def _other_sides(statement: str, section: str, key: str, concept: str) -> bool:
    """Whether the pooled vote for `key` (any section) is the vote of rows elsewhere: the concept is given
    only under sections of another side ("Deferred income taxes" is a liability among liabilities, not among
    current assets) or, in a cash-flow statement, of another activity."""
    if not section:
        return False
    table = _table()
    side = _SIDE.get(section, section)
    voted = [sec for sec in _SECTIONS.get(statement, ()) if (hit := table.get((statement, sec, key))) is not None
             and hit.concept == concept]
    return bool(voted) and all(_SIDE.get(sec, sec) != side for sec in voted)


def nearest(statement: str, section: str, label: str, min_share: float = 0.6) -> LabelConcept | None:
    """The concept of the labels of the table that say what `label` says in other words (`lookup` without
    its look for the label as printed, for a caller that has made it already)."""
    return _nearest(statement, section, table_key(label), min_share)


# Words that change a label's wording, not its meaning: each maps to one stem ("Payments for dividends" and
# "Dividends paid" say the same), and the words that carry nothing are dropped.
_SAME_WORD = {"payments": "pay", "payment": "pay", "paid": "pay", "purchases": "buy", "purchase": "buy",
              "purchased": "buy", "repurchases": "buy", "repurchase": "buy", "repurchased": "buy",
              "repayments": "repay", "repayment": "repay", "repaid": "repay", "retirements": "repay",
              "retirement": "repay", "issuances": "issue", "issuance": "issue", "issued": "issue",
              "issuing": "issue", "borrowings": "borrow", "borrowing": "borrow", "borrowed": "borrow",
              "shares": "stock", "share": "stock", "amortisation": "amortization", "taxes": "tax",
              "expenses": "expense", "costs": "cost"}
_NO_MEANING = frozenset({"a", "an", "the", "of", "and", "in", "for", "to", "from", "on", "by", "with", "at", "as",
                         "plant", "increase", "decrease", "increases", "decreases", "change",
                         "changes", "related", "certain", "company", "s"})
_NEAR = 0.85  # the Dice overlap of two labels' words from which one label stands for the other


def _words(key: str) -> frozenset[str]:
    out = set()
    for word in key.split():
        word = _SAME_WORD.get(word, word)
        if word in _NO_MEANING:
            continue
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
        out.add(word)
    return frozenset(out)


@cache
def _by_statement(statement: str, section: str) -> tuple[tuple[frozenset[str], LabelConcept], ...]:
    return tuple((_words(key), hit) for (st, sec, key), hit in _table().items() if st == statement and sec == section)


@lru_cache(maxsize=8192)
def _nearest(statement: str, section: str, key: str, min_share: float) -> LabelConcept | None:
    """The concept of the labels in the table that say what `key` says in other words ("Purchases of stock
    for treasury" for "treasury stock purchases", "Repayments of term debt" for "repayments of long-term
    debt"), when every such label of the best overlap agrees on one concept; None when none is near or they
    disagree. A near label has every word of `key` and a few more at most: a word `key` adds makes it
    another line ("Total automotive cost of revenues" is not "Total cost of revenues"), and a label of one
    section never stands for a line of another (current debt is not long-term debt)."""
    words = _words(key)
    if not words:
        return None
    best, hits = 0.0, []
    for other, hit in _by_statement(statement, section):
        if not other or hit.share < min_share or not words <= other:
            continue
        score = 2 * len(words & other) / (len(words) + len(other))
        if score > best:
            best, hits = score, [hit]
        elif score == best:
            hits.append(hit)
    if best >= _NEAR and len({(h.concept, h.sign) for h in hits}) == 1:
        return hits[0]
    return None


_STOCK_ROW = re.compile(r"^(?:less:?\s+)?((?:common|preferred|preference|capital|treasury)\s+(?:stock|shares)\b.*|"
                        r"common stock held in treasury\b.*)", re.I)
_DESCRIPTION = re.compile(r"\s*(?:[,;:(\u2014\u2013]|\s-\s).*$")


def _stock_core(statement: str, label: str) -> list[str]:
    """A balance-sheet stock line without the description filers print after its name (par value, shares
    authorized and issued, "at cost"), whose numbers vary from filing to filing.

    >>> _stock_core("balance", "preferred stock, $0.001 par value; 5 shares authorized, none issued")
    ['preferred stock']
    >>> _stock_core("balance", "less: common stock held in treasury, at cost (712,921,000 shares)")
    ['common stock held in treasury']
    """
    found = _STOCK_ROW.match(label) if statement == "balance" else None
    if found is None:
        return []
    core = _DESCRIPTION.sub("", found.group(1)).strip()
    return [core] if core and core != label else []


# A balance-sheet line's description after its name: ", net", "- net", ", net of allowances of $12 and $10",
# "less accumulated depreciation of …". It says how the amount is measured, not what the line is.
_NET_TAIL = re.compile(r"^(.+?)(?:,|\s-)?\s+(?:net(?:\s+of\b(?!\s+(?:the\s+)?current\b).*)?|"
                       r"less:?\s+(?:the\s+)?(?:accumulated|allowances?|reserves?)\b.*)$")


def _net_core(statement: str, label: str) -> list[str]:
    """A balance-sheet line without its description of how it is measured: its name with "net", then its
    bare name ("other assets, net" is "other assets", not "other intangible assets, net").

    >>> _net_core("balance", "inventories, net of reserves of $1.2 and $0.9")
    ['inventories net', 'inventories']
    >>> _net_core("balance", "other assets, net")
    ['other assets']
    >>> _net_core("income", "interest income, net")
    []
    """
    found = _NET_TAIL.match(label) if statement == "balance" else None
    if found is None:
        return []
    core = found.group(1).strip(" ,-")
    if not core or core in ("total", "other"):
        return []
    with_net = f"{core} net"
    return [core] if table_key(with_net) == table_key(label) else [with_net, core]


# A reference to the notes in a label ("(Note 8)", "(Notes 9 and 10)", "(see Note 18)"): no part of its name.
_NOTE_REF = re.compile(r"\(\s*(?:see\s+)?notes?\s+\d[\w\s,&.-]*\)", re.I)


def _camel(text: str) -> str:
    return "".join(w[:1].upper() + w[1:].lower() if not w.isupper() or len(w) > 4 else w for w in _WORD.findall(text)
                   if not w.isdigit())


def extension_concept(label: str, taken: set[str], section: str = "", suffixes: dict[str, int] | None = None) -> str:
    """A `form8k:` concept named from a row's label, distinct from those already `taken` in its table.

    A name already taken gets the lowest free number (`…2`, `…3`). `suffixes`, kept by a caller whose `taken`
    only grows, remembers where each name's search stopped: a table of N rows of one label costs N, not N².
    """
    base = _camel(_NOTE_REF.sub(" ", label)) or _camel(label) or "Unlabelled"
    name = f"form8k:{base[:96]}"
    if name in taken and section:
        name = f"form8k:{(_camel(section.replace('_', ' ')) + base)[:96]}"
    if name not in taken:
        return name
    k = suffixes.get(name, 2) if suffixes is not None else 2
    while f"{name}{k}" in taken:
        k += 1
    if suffixes is not None:
        suffixes[name] = k
    return f"{name}{k}"
