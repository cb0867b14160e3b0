"""Signatures: who signed the 8-K, with what title, on what date, for which registrant."""

from __future__ import annotations

import re

from form8k.load import Submission
from form8k.models import Signature
from form8k.record.items import SIGNATURE_SENTENCE, main_document, signature_start
from form8k.record.lines import lines_of
from form8k.text.dates import DATE_PATTERN, parse_date

_SIGNED = re.compile(r"^(?:By:?\s*)?/s/\s*(?P<name>.*)$", re.I)
_NAME = re.compile(r"^Name\s*:\s*(?P<name>.+)$", re.I)
_TITLE = re.compile(r"^(?:Title|Its)\s*:\s*(?P<title>.+)$", re.I)
_BARE_LABEL = re.compile(r"^(?P<label>Name|Title|Its|Dated?|By)\s*:?$", re.I)
_PIECES = re.compile(r"(?=\bBy\s*:)|(?=/s/)|(?=\b(?:Name|Title|Date)\s*:)", re.I)
_BY = re.compile(r"^By\s*:?\s*(?P<name>.*)$", re.I)
_DATE_LINE = re.compile(r"^Dated?\s*:?\s*(?P<date>.*)$", re.I)
_END = re.compile(r"EXHIBIT\s+INDEX|INDEX\s+TO\s+EXHIBITS|^\s*Exhibit\s+No|^\s*Contacts?\s*:|FOR\s+IMMEDIATE\s+RELEASE",
                  re.I | re.M)
_COMPANY_END = re.compile(r"\b(?:Inc|Corp|Corporation|Company|Co|Ltd|LLC|L\.P|plc|N\.A|Trust|Holdings|Bancorp)\.?$")
_NOT_TITLE = re.compile(r"\d{3}|@|https?:|www\.|\b(?:fax|tel|phone)\b|^\(?registrant\)?$|^pursuant\b|"
                        r"table\s+of\s+contents|^\d+$|exhibit|signature|duly\s+(?:caused|authorized)", re.I)
_PAGE = re.compile(r"\s+\d{1,3}$")
_CONTINUES = re.compile(r"(?:\band|,|&|\bof|-|\bthe)$", re.I)
_COMPANY = re.compile(r"\b(?:INC|CORP|CORPORATION|COMPANY|CO|LTD|LLC|L\.P|PLC|N\.A|TRUST|HOLDINGS|BANCORP)\b\.?",
                      re.I)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def read_signatures(sub: Submission) -> list[Signature]:
    """Each signer of the 8-K body: name, title, date and the registrant signed for."""
    doc = main_document(sub)
    if doc is None:
        return []
    start = signature_start(doc)
    if start is None:
        return []
    end = min(len(doc.text), start + 3000)
    stop = _END.search(doc.text, start + 10, end)
    if stop:
        end = stop.start()
    signers: list[Signature] = []
    current: Signature | None = None
    registrant: str | None = None
    block_date = None
    pending: str | None = None
    title_line = -10
    for n, line in enumerate(lines_of(doc, start, end)):
        if line.is_rule:
            continue
        for seg in line.segments:
            for piece in _PIECES.split(seg.text):
                text = _PAGE.sub("", piece.strip())
                if not text:
                    continue
                if SIGNATURE_SENTENCE.search(text) or re.match(r"^(?:[Rr]egistrant|undersigned)\b", text):
                    block_date = parse_date(text) or block_date
                    continue
                if pending is not None:
                    text, pending = f"{pending}: {text}", None
                if m := _BARE_LABEL.match(text):
                    pending = m.group("label")
                    continue
                if m := _SIGNED.match(text):
                    current = _signer(m.group("name"), registrant, (seg.start, seg.end))
                    signers.append(current)
                    title_line = n if current.title else -10
                    continue
                if m := _NAME.match(text):
                    if current is None or (current.name and current.title):
                        current = Signature(registrant=registrant, span=(seg.start, seg.end))
                        signers.append(current)
                    current.name = m.group("name").strip()
                    continue
                if m := _TITLE.match(text):
                    if current is not None:
                        current.title = m.group("title").strip()
                        title_line = n
                    continue
                if m := _DATE_LINE.match(text):
                    block_date = parse_date(m.group("date")) or block_date
                    continue
                if DATE_PATTERN.fullmatch(text.strip(" .")):
                    block_date = parse_date(text) or block_date
                    continue
                if (m := _BY.fullmatch(text)) and not m.group("name"):
                    continue
                if len(text) < 100 and (_COMPANY_END.search(text) or (_COMPANY.search(text) and text.upper() == text)):
                    registrant = text.strip(" ,")
                    continue
                if current is not None and _title_line(current, text, continues=n == title_line + 1):
                    title_line = n
    if not signers:
        return []
    if block_date is None:
        block_date = _date_before(doc.text, start)
    for s in signers:
        if s.date is None:
            s.date = block_date
        if s.registrant is None:
            s.registrant = registrant
    return signers


def _signer(text: str, registrant: str | None, span: tuple[int, int]) -> Signature:
    """A signer from the text after "/s/": a name, sometimes run on with its repeat and title."""
    words = text.strip(" ,").split()
    for k in range(2, 6):
        if len(words) >= 2 * k and [w.lower() for w in words[:k]] == [w.lower() for w in words[k:2 * k]]:
            title = " ".join(words[2 * k:]).strip(" ,") or None
            return Signature(name=" ".join(words[k:2 * k]), title=title, registrant=registrant, span=span)
    return Signature(name=" ".join(words) or None, registrant=registrant, span=span)


def _title_line(signer: Signature, text: str, continues: bool) -> bool:
    """Read a line after the signer's name: a repeat of the name, or (part of) the title."""
    if _NOT_TITLE.search(text) or len(text) > 120:
        return False
    name = signer.name or ""
    if name and text.lower().startswith(name.lower()):
        signer.name = text[: len(name)]
        rest = text[len(name):].strip(" ,")
        if rest and signer.title is None:
            signer.title = rest
            return True
        return False
    head, _, tail = text.partition(",")
    if name and (_norm(text).startswith(_norm(name)[:8]) and len(_norm(name)) >= 4 or
                 (tail and _norm(head)[-5:] == _norm(name)[-5:])):
        if _norm(head) == _norm(name):
            signer.name = head.strip()
        if tail.strip() and signer.title is None:
            signer.title = tail.strip(" ,")
            return True
        return False
    if signer.name is None:
        signer.name = text.strip(" ,")
        return False
    if signer.title is None:
        signer.title = text.strip(" ,")
        return True
    if continues or _CONTINUES.search(signer.title):
        signer.title = f"{signer.title} {text.strip(' ,')}"
        return True
    return False


def _date_before(text: str, start: int):  # type: ignore[no-untyped-def]
    """The last "Date: …" line before the signatures (some filings print it above them)."""
    found = None
    for m in re.finditer(r"^\s*Dated?\s*:\s*(.+)$", text[max(0, start - 3000):start], re.I | re.M):
        found = parse_date(m.group(1)) or found
    return found
