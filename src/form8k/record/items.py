"""Items of an 8-K: number, official title, heading as printed, and text.

Both numberings are read: 1.01–9.01 since 23 August 2004, and 1–12 before.
A heading starts a line ("Item 2.02 Results of Operations…", "ITEM 9.01(d).
Exhibits", "Items 2.02 and 7.01", "Item 8.01- Other Events"); a reference in
prose ("…furnished pursuant to Item 12") is not one. An item's text runs to
the next item heading or to the SIGNATURE(S) heading.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from form8k.load import Document, Submission
from form8k.models import Cover, Item

_NUMBER = r"\d{1,2}(?:\.\d{2})?"
HEADING = re.compile(
    rf"^[ \t>*•·\-–—]*ITEMS?[ \t]*(?P<nums>{_NUMBER}(?:\s*\([a-z]\))?"
    rf"(?:\s*(?:,|and|&)\s*(?:Items?\s*)?{_NUMBER}(?:\s*\([a-z]\))?)*)(?![A-Za-z0-9]|\.\d)(?P<rest>[^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)
SIGNATURE_HEADING = re.compile(r"^[ \t]*SIGNATURES?[ \t]*:?[ \t]*$|^[ \t]*S\s?I\s?G\s?N\s?A\s?T\s?U\s?R\s?E\s?S?[ \t]*$",
                               re.IGNORECASE | re.MULTILINE)
# The first letter as a class of its own, case-sensitive: the search skips from one P to the next.
SIGNATURE_SENTENCE = re.compile(r"[Pp](?i:ursuant to the requirements of the Securities Exchange Act of 1934,?\s+the\s+"
                                r"(?:registrant|company))")
_SECTION_LINE = re.compile(r"\n[ \t]*SECTION\s+\d+\s*[-–—.:]?[^\n]*\s*$", re.IGNORECASE)
_NOT_APPLICABLE = re.compile(r"\b(?:not\s+applicable|none|n/a|through)\b", re.IGNORECASE)
_SPLIT_NUMBERS = re.compile(_NUMBER)
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class ItemDefinition:
    number: str
    title: str
    era: str


@lru_cache(maxsize=1)
def item_definitions() -> dict[str, ItemDefinition]:
    """The official item numbers and titles (data/items.csv)."""
    text = resources.files("form8k").joinpath("data/items.csv").read_text(encoding="utf-8")
    return {row["number"]: ItemDefinition(row["number"], row["title"], row["era"])
            for row in csv.DictReader(text.splitlines())}


def main_document(sub: Submission) -> Document | None:
    """The 8-K body: the first readable document typed 8-K, else the first readable one."""
    readable = sub.readable
    for doc in readable:
        if doc.type.upper().startswith("8-K") and doc.text.strip():
            return doc
    for doc in readable:
        if not doc.is_exhibit and doc.text.strip():
            return doc
    return None


def signature_start(doc: Document, start: int = 0) -> int | None:
    """Local offset of the SIGNATURE(S) heading (or the signature sentence) after `start`.

    A heading in a table of contents is passed over: the real one is followed,
    before any item heading, by the signature sentence or a "/s/" line.
    """
    text = doc.text
    first: int | None = None
    for m in SIGNATURE_HEADING.finditer(text, start):
        if first is None:
            first = m.start()
        window = text[m.end(): m.end() + 700]
        item = HEADING.search(window)
        if item is not None:
            window = window[: item.start()]
        if SIGNATURE_SENTENCE.search(window) or "/s/" in window.lower():
            return m.start()
    sentence = SIGNATURE_SENTENCE.search(text, start)  # a pass over the whole text: only when no heading served
    if sentence is not None:
        return sentence.start()
    return first


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower())) - {"and", "of", "or", "the", "to", "a", "in", "for", "on"}


def _looks_like_title(rest: str, numbers: list[str]) -> bool:
    """Whether the text after "Item N" is a heading's title rather than running prose."""
    text = rest.strip(" \t.:-–—()")
    if not text:
        return True
    if _NOT_APPLICABLE.match(text) or re.match(r"(?:not\s+applicable|none)\b", text, re.I):
        return False
    if text[0].islower():
        defs = item_definitions()
        official = set().union(*(_words(defs[n].title) for n in numbers if n in defs))
        return len(_words(text[:80]) & official) >= 2
    return True


@dataclass(slots=True)
class Heading:
    numbers: list[str]
    start: int  # local offsets in the document
    end: int
    text: str


def find_headings(doc: Document, start: int = 0, end: int | None = None) -> list[Heading]:
    """Item headings in `doc.text[start:end]`, in order."""
    return list(iter_headings(doc, start, end))


def iter_headings(doc: Document, start: int = 0, end: int | None = None) -> Iterator[Heading]:
    """`find_headings` one at a time: a reader needing the first reads no further."""
    defs = item_definitions()
    text = doc.text
    stop = len(text) if end is None else end
    for m in HEADING.finditer(text, start, stop):
        numbers = [n for n in _SPLIT_NUMBERS.findall(m.group("nums"))]
        numbers = [n for n in numbers if n in defs]
        if not numbers or "through" in m.group("nums").lower():
            continue
        rest = m.group("rest")
        if not _looks_like_title(rest, numbers):
            continue
        new_style = ["." in n for n in numbers]
        if any(new_style) and not all(new_style):
            continue
        yield Heading(numbers, m.start(), m.end(), m.group(0).strip())


def _drop_contents_entries(doc: Document, headings: list[Heading], end: int) -> list[Heading]:
    """A table of contents lists the items too: of two headings with one number keep the one with text."""
    def body(k: int) -> int:
        stop = headings[k + 1].start if k + 1 < len(headings) else end
        return len(doc.text[headings[k].end:stop].strip())

    best: dict[tuple[str, ...], int] = {}
    for k, heading in enumerate(headings):
        key = tuple(heading.numbers)
        if key not in best or body(k) > body(best[key]):
            best[key] = k
    return [h for k, h in enumerate(headings) if best[tuple(h.numbers)] == k]


def read_items(sub: Submission, cover: Cover) -> list[Item]:
    """Every item reported in the 8-K body, with its official title and text."""
    doc = main_document(sub)
    if doc is None:
        return []
    headings = find_headings(doc)
    if not headings:
        return _items_from_header(sub)
    sig = signature_start(doc, headings[0].start)
    body_end = sig if sig is not None else len(doc.text)
    headings = [h for h in headings if h.start < body_end] or headings[:1]
    headings = _drop_contents_entries(doc, headings, body_end)
    defs = item_definitions()
    items: list[Item] = []
    seen: set[str] = set()
    for i, heading in enumerate(headings):
        end = headings[i + 1].start if i + 1 < len(headings) else body_end
        text = doc.text[heading.end:end]
        text = _SECTION_LINE.sub("", text).strip()
        for number in heading.numbers:
            if number in seen:
                continue
            seen.add(number)
            items.append(Item(number=number, title=defs[number].title, heading=heading.text, text=text,
                              span=doc.span(heading.start, end)))
    return items


def _items_from_header(sub: Submission) -> list[Item]:
    """Items named by the SGML header when the body prints no item headings (their `heading` is None)."""
    if sub.header is None or not sub.header.items:
        return []
    defs = item_definitions()
    by_title = {_norm_title(d.title): d for d in defs.values()}
    items: list[Item] = []
    for value in sub.header.items:
        value = value.strip()
        d = defs.get(value) or by_title.get(_norm_title(value))
        if d is not None and all(i.number != d.number for i in items):
            items.append(Item(number=d.number, title=d.title, heading=None, text=""))
    return items


def _norm_title(title: str) -> str:
    return " ".join(sorted(_words(title)))
