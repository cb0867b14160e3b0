"""Exhibits: the Item 9.01 (old Item 7(c)) list and exhibit index, joined with the EX- documents.

An exhibit counts when it is listed (in the item or in the exhibit index) or
present as an `EX-` document of the submission; the XBRL parts `EX-101.SCH`,
`EX-101.LAB`… make one exhibit 101. Entries marked "Not Applicable" or "None"
are not exhibits. The press release is marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from form8k.load import Document, Submission
from form8k.models import Exhibit, Item
from form8k.record.items import main_document, signature_start

_NUM = r"\d{1,3}(?:\.\d{1,3})?(?:\.[A-Z]{3})?"
_ENTRY = re.compile(
    rf"^[ \t]*(?:Exhibits?[ \t]+(?:No\.?|Number)?[ \t]*)?\(?(?P<num>{_NUM})\)?\*{{0,3}}[ \t]*[-–—:.]?[ \t]+"
    r"(?P<desc>[\"“'(]?[A-Za-z][^\n]*)",
    re.MULTILINE | re.IGNORECASE,
)
_MASHED = re.compile(r"Exhibit\s*(?:No\.?)?\s*(?:Exhibit|Description)?\s*(?P<num>\d{1,3}\.\d{1,3})(?P<desc>[A-Z][^\n]*)")
_INLINE = re.compile(rf"\bExhibits?\s+(?:No\.?\s*)?(?P<num>{_NUM})\b", re.IGNORECASE)
_EXHIBITS_SUB = re.compile(r"^[ \t]*\(?[cd]\)?\.?[ \t]*Exhibits?\b|^[ \t]*Exhibits?[ \t]*(?:No\.?|Number|Index)?[ \t]*[:.]?"
                           r"[ \t]*(?:\t|  |$)", re.IGNORECASE | re.MULTILINE)
_INDEX = re.compile(r"^[ \t]*(?:EXHIBIT\s+INDEX|INDEX\s+TO\s+EXHIBITS|INDEX\s+OF\s+EXHIBITS|EXHIBITS?\s+LIST|"
                    r"EXHIBITS?[ \t]*:?[ \t]*$)", re.IGNORECASE | re.MULTILINE)
_NOT_APPLICABLE = re.compile(r"^\s*(?:not\s+applicable|none|n/?a)\b\.?\s*$", re.IGNORECASE)
_RELEASE = re.compile(r"\b(?:press|news|earnings)\s+release\b|\bshareholder\s+letter\b", re.IGNORECASE)
_RELEASE_TEXT = re.compile(r"FOR\s+IMMEDIATE\s+RELEASE|today\s+(?:announced|reported)|\bNEWS\s+RELEASE\b",
                           re.IGNORECASE)
_HEADED = re.compile(r"^\s*EX(?:HIBIT)?[\s\-.]*(\d{1,3}\.\d{1,3})\b", re.IGNORECASE)
_PAGE = re.compile(r"(?:\t|  +)\d{1,3}$")  # a page-number column of an exhibit index
_FOOTNOTE = re.compile(r"^\s*(?:\*|†|‡|\(\*\)|_{3,}|-{3,}|\d{1,3}\s*$|<PAGE>|Page\s+\d|Table\s+of\s+Contents|"
                       r"SIGNATURES?\s*$)", re.IGNORECASE)


def normalize_number(number: str) -> str:
    """'99.01' -> '99.1', 'EX-101.SCH' -> '101', '099' -> '99'."""
    s = number.strip().upper().removeprefix("EX-").removeprefix("EXHIBIT").strip()
    m = re.fullmatch(r"([0-9]{1,9})(?:\.([0-9]{1,9}))?(?:\.[A-Z]+)?", s)  # bounded before int()
    if not m:
        return s
    return f"{int(m.group(1))}.{int(m.group(2))}" if m.group(2) else str(int(m.group(1)))


@dataclass(slots=True)
class _Listed:
    number: str
    description: str
    span: tuple[int, int]


def _order_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in normalize_number(number).split(".") if p.isascii() and p.isdigit() and len(p) <= 9)


def _entries(doc: Document, start: int, end: int) -> list[_Listed]:
    """Exhibit entries (number + description, continuation lines joined) in `doc.text[start:end]`.

    An exhibit list runs in ascending order, so a number lower than the one
    before it is a wrapped line or a note number, not an entry.
    """
    text = doc.text
    found: list[_Listed] = []
    matches = list(_ENTRY.finditer(text, start, end))
    for k, m in enumerate(matches):
        num = m.group("num")
        if int(num.split(".")[0]) > 110 or (found and _order_key(num) <= _order_key(found[-1].number)):
            continue
        stop = matches[k + 1].start() if k + 1 < len(matches) else end
        block = text[m.start("desc"):stop]
        lines: list[str] = []
        not_applicable = blank_seen = False
        for line in block.split("\n"):
            if _NOT_APPLICABLE.match(line):
                not_applicable = True
                break
            if line.strip():
                if lines and (blank_seen or _FOOTNOTE.match(line) or doc.format == "html"):
                    break  # an HTML entry is one paragraph or one table row: it never wraps onto a new line
                lines.append(_PAGE.sub("", line.rstrip()).strip())
            blank_seen = bool(lines) and not line.strip()
        if not lines or not_applicable:
            continue
        description = re.sub(r"\s+", " ", " ".join(lines)).strip()
        if _NOT_APPLICABLE.match(description):
            continue
        found.append(_Listed(num, description, doc.span(m.start("num"), m.start("desc") + len(block.rstrip()))))
    if not found:
        for m in _MASHED.finditer(text, start, end):
            found.append(_Listed(m.group("num"), m.group("desc").strip(), doc.span(m.start("num"), m.end())))
    return found


def _listed(sub: Submission, items: list[Item]) -> list[_Listed]:
    doc = main_document(sub)
    if doc is None:
        return []
    regions: list[tuple[int, int]] = []
    for item in items:
        if item.number not in ("9.01", "7") or item.span is None:
            continue
        a, b = item.span[0] - doc.start, item.span[1] - doc.start
        sub_m = _EXHIBITS_SUB.search(doc.text, a, b)
        regions.append((sub_m.start() if sub_m else a, b))
    first_item = min((i.span[0] - doc.start for i in items if i.span is not None), default=0)
    sig = signature_start(doc, first_item) or 0
    for m in _INDEX.finditer(doc.text, first_item):
        regions.append((m.end(), min(len(doc.text), m.end() + 8000)))
        if m.start() >= sig:
            break
    listed: list[_Listed] = []
    for a, b in regions:
        for entry in _entries(doc, a, b):
            if all(normalize_number(e.number) != normalize_number(entry.number) for e in listed):
                listed.append(entry)
    if not listed:
        for item in items:
            if item.number in ("9.01", "7") and item.span is not None:
                for m in _INLINE.finditer(sub.text, *item.span):
                    if all(normalize_number(e.number) != normalize_number(m.group("num")) for e in listed):
                        listed.append(_Listed(m.group("num"), "", (m.start("num"), m.end("num"))))
    return listed


def _attached_number(doc: Document) -> str:
    number = normalize_number(doc.type)
    headed = _HEADED.match(doc.text[:300]) if doc.text else None
    if headed and "." not in number and normalize_number(headed.group(1)).split(".")[0] == number:
        return normalize_number(headed.group(1))
    return number


def read_exhibits(sub: Submission, items: list[Item]) -> list[Exhibit]:
    """The exhibits of the filing, listed or attached, with the press release marked."""
    exhibits: list[Exhibit] = []
    by_number: dict[str, Exhibit] = {}
    for entry in _listed(sub, items):
        listed = Exhibit(number=entry.number, description=entry.description or None, listed=True, span=entry.span)
        exhibits.append(listed)
        by_number[normalize_number(entry.number)] = listed
    for doc in sub.documents:
        if not doc.type.upper().startswith("EX-"):
            continue
        number = _attached_number(doc)
        ex: Exhibit | None = by_number.get(number)
        if ex is None:
            major = number.split(".")[0]
            unmatched = [e for e in exhibits if normalize_number(e.number).split(".")[0] == major and not e.attached]
            if len(unmatched) == 1 and not number.startswith("101"):
                ex = unmatched[0]
        if ex is None:
            ex = Exhibit(number=number, description=doc.description)
            exhibits.append(ex)
            by_number[number] = ex
        if ex.attached and number == "101":
            continue  # the other parts of the XBRL exhibit
        ex.attached = True
        ex.document_type = doc.type
        ex.filename = doc.filename
        ex.sequence = doc.sequence
        if ex.description is None:
            ex.description = doc.description
        if doc.format != "binary" and doc.text and ex.span is None:
            ex.span = (doc.start, doc.end)
    _mark_press_release(sub, exhibits)
    return exhibits


def _mark_press_release(sub: Submission, exhibits: list[Exhibit]) -> None:
    for ex in exhibits:
        if ex.description and _RELEASE.search(ex.description):
            ex.is_press_release = True
    if any(ex.is_press_release for ex in exhibits):
        return
    docs = {d.sequence: d for d in sub.documents if d.sequence is not None}
    for ex in exhibits:
        doc = docs.get(ex.sequence) if ex.sequence is not None else None
        if doc is not None and normalize_number(ex.number).startswith("99") and _RELEASE_TEXT.search(doc.text[:4000]):
            ex.is_press_release = True
