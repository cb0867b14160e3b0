"""The cover page of an 8-K: who files, when, and under which numbers.

Cover pages print each value next to a label, most often above it:

    Delaware            0-15175             77-0019522
    (State or other     (Commission File    (I.R.S. Employer
    jurisdiction)        Number)             Identification No.)

The reader finds each label, then looks for its value in the same segment
(before or after the label), in the aligned segment above, or below (utility
covers put the values under column headers). Values with a shape of their own
(employer id, file number, phone, date) must have that shape; free-text values
(registrant, state) must not be another label or boilerplate.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from functools import lru_cache
from importlib import resources

from form8k.load import Document, Submission
from form8k.models import Cover, Disagreement, Header, Problem, Registrant, TradingSymbol
from form8k.record.cover_fields import checkboxes, emerging_growth, trading_symbols
from form8k.record.items import iter_headings, main_document, signature_start
from form8k.record.lines import Line, Segment, aligned, lines_of
from form8k.text.dates import DATE_PATTERN, find_dates
from form8k.text.fold import fold

LABELS: dict[str, re.Pattern[str]] = {
    "registrant": re.compile(r"exact\s+name\s+of\s+(?:the\s+)?registrants?|name\s+of\s+registrants?\b|"
                             r"^\(?\s*registrants?\)?\s*$|^registrants?\s*[,;]", re.I),
    "state": re.compile(r"state\s+or\s+other|state\s+of\s+(?:incorporation|organization)|jurisdiction\s+of\s+"
                        r"(?:incorporation|organization)|^\(\s*state\b", re.I),
    "file_number": re.compile(r"commission\s+file|^\(\s*commission\b|\bfile\s+(?:number|no\b)", re.I),
    "irs": re.compile(r"i\.?\s?r\.?\s?s\.?\s+employer|employer\s+identification|^\(\s*i\.\s?r\.\s?s\.|irs\s+no\b|"
                      r"tax\s+identification", re.I),
    "address": re.compile(r"address\s+of\s+principal|principal\s+executive\s+offices", re.I),
    "zip": re.compile(r"zip\s+code|postal\s+code", re.I),
    "phone": re.compile(r"telephone\s+(?:number|no)|phone\s+number", re.I),
    "former": re.compile(r"former\s+name|former\s+address", re.I),
    "date": re.compile(r"date\s+of\s+(?:report|earliest)", re.I),
}
# The words a text needs for each label to match (kept in step with LABELS): most segments of a cover
# page hold none, and testing for them in folded text (form8k.text.fold) is far cheaper than the search.
LABEL_WORDS: dict[str, tuple[str, ...]] = {
    "registrant": ("registrant",), "state": ("state", "jurisdiction"), "file_number": ("commission", "file"),
    "irs": ("employer", "i.", "irs", "identification"), "address": ("principal",), "zip": ("code",),
    "phone": ("phone",), "former": ("former",), "date": ("date",),
}
_ALL_LABEL_WORDS = frozenset(word for words in LABEL_WORDS.values() for word in words)
EIN = re.compile(r"(?<![\d-])\d{2}\s?[-‑–]\s?\d{7}(?![\d-])")
FILE_NUMBER = re.compile(r"(?<![\d-])\d{1,3}[-‑–]\d{2,6}(?:[-‑–]\d{2})?(?![\d-])")
PHONE = re.compile(r"(?<!\d)(?:\+?1[\s.-])?\(?\d{3}\)?[\s.\-‑–]{0,3}\d{3}[\s.\-‑–]\d{4}(?!\d)")
_BOILERPLATE = re.compile(r"^(?:united\s+states|securities\s+and\s+exchange|washington|form\s+8-k|current\s+report|"
                          r"pursuant\s+to|securities\s+exchange\s+act|amendment|\(?amendment|not\s+applicable|n/a|"
                          r"none|\(?registrant\)?$|check\s+the)", re.I)
_EARLIEST = re.compile(r"date\s+of\s+earliest\s+event\s+reported", re.I)
_REPORT = re.compile(r"date\s+of\s+report", re.I)
_BETWEEN_DATE = re.compile(r"^[\s():.,\-–—_=*]*$")
_FORM = re.compile(r"\bFORM\s+8\s?-\s?K\s*(/\s*A)?\b", re.I)
_OTHER_FORM = re.compile(r"\bFORM\s+(10-K(?:/A)?|10-Q(?:/A)?|20-F|40-F|6-K|S-1|S-3|S-4|S-8|11-K|N-CSR|DEF\s+14A|"
                         r"SC\s+13[DG]|13F|3|4|5)\b")
_AMENDMENT = re.compile(r"\bAmendment\s+No\.?\s*\d", re.I)
_STATE_IN_PARENS = re.compile(r"\((?:an?\s+)?([A-Z][A-Za-z .]+?)\s+(?:corporation|company|limited\s+liability|"
                              r"limited\s+partnership|statutory\s+trust|business\s+trust|trust|partnership|"
                              r"real\s+estate\s+investment\s+trust)\)", re.I)
_TICKER_IN_TEXT = re.compile(r"\((?P<exchange>NYSE(?:\s+American|\s+Arca|\s+MKT)?|NASDAQ(?:\s*(?:GS|GM|CM|Global\s+Select|"
                             r"Global|Capital))?|Nasdaq|AMEX|TSX|OTC(?:\s?BB|QX|QB)?)\s*:\s*(?P<symbol>[A-Z][A-Z.\-]{0,6})\)",
                             re.I)
_MAX_LINES_AWAY = 4
_COMPANY_NAME = re.compile(r"\b(?:INC|INCORPORATED|CORP|CORPORATION|COMPANY|CO|LTD|LIMITED|LLC|L\.?P|PLC|N\.A|TRUST|"
                           r"HOLDINGS|BANCORP|GROUP)\b\.?\s*$", re.I)


@lru_cache(maxsize=1)
def jurisdictions() -> dict[str, str]:
    """Jurisdiction names (lower case) to EDGAR state/country codes."""
    text = resources.files("form8k").joinpath("data/jurisdictions.csv").read_text(encoding="utf-8")
    return {row["name"].lower(): row["code"] for row in csv.DictReader(text.splitlines())}


def _label_in(name: str, text: str, low: str) -> re.Match[str] | None:
    """LABELS[name] in `text`, whose folded form is `low`."""
    if not any(map(low.__contains__, LABEL_WORDS[name])):
        return None
    return LABELS[name].search(text)


def _is_label(text: str, skip: str | None = None) -> bool:
    """A label, or a fragment of one wrapped over lines: "(State or other", "of Incorporation)"."""
    stripped = text.strip()
    if (stripped.endswith(")") and "(" not in stripped) or (stripped.startswith("(") and ")" not in stripped):
        return True
    low = fold(text)
    return any(_label_in(name, text, low) for name in LABELS if name != skip)


LabelHit = tuple[int, Segment, re.Match[str]]  # line index, segment, where the label is in it


class _Page:
    """The lines of a cover page, and where each label sits on them (found once: every reader asks)."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self._hits: dict[str, list[LabelHit]] = {}
        # The segments holding any label word, with the words they hold: a label can be on no other.
        self._worded: list[tuple[int, Segment, set[str]]] = []
        for i, line in enumerate(lines):
            for seg in line.segments:
                low = fold(seg.text)
                words = {word for word in _ALL_LABEL_WORDS if word in low}
                if words:
                    self._worded.append((i, seg, words))

    def label_hits(self, name: str) -> list[LabelHit]:
        found = self._hits.get(name)
        if found is None:
            pattern, needed = LABELS[name], LABEL_WORDS[name]
            found = self._hits[name] = [(i, seg, m) for i, seg, words in self._worded
                                        if not words.isdisjoint(needed) and (m := pattern.search(seg.text))]
        return found


def _labels_in(seg: Segment) -> set[str]:
    low = fold(seg.text)
    return {name for name in LABELS if name not in ("zip", "former") and _label_in(name, seg.text, low)}


def _neighbours(lines: list[Line], i: int, seg: Segment, step: int) -> list[tuple[int, Segment]]:
    """Segments aligned with `seg` on the lines above (step -1) or below (step 1), nearest first."""
    found: list[tuple[int, Segment]] = []
    j, seen = i + step, 0
    while 0 <= j < len(lines) and seen < _MAX_LINES_AWAY:
        line = lines[j]
        j += step
        if line.is_blank or line.is_rule:
            continue
        seen += 1
        aligned = [s for s in line.segments if s.overlaps(seg)]
        aligned.sort(key=lambda s: abs(s.center - seg.center))
        found.extend((seen, s) for s in aligned)
    return found


def _shaped_value(page: _Page, field: str, shape: re.Pattern[str]) -> tuple[str, tuple[int, int]] | None:
    """A value of a given shape near its label: same segment, then aligned above, then below."""
    lines = page.lines
    for i, seg, m in page.label_hits(field):
        after = shape.search(seg.text, m.end())
        if after and not _is_label(seg.text[m.end(): after.start()], skip=field):
            return after.group(0), (seg.start + after.start(), seg.start + after.end())
        before = [b for b in shape.finditer(seg.text, 0, m.start())]
        if before:
            b = before[-1]
            return b.group(0), (seg.start + b.start(), seg.start + b.end())
        for right in lines[i].segments:
            hit = shape.search(right.text) if right.start >= seg.end else None
            if hit and not _labels_in(right):
                return hit.group(0), (right.start + hit.start(), right.start + hit.end())
        for step in (-1, 1):
            for _, other in _neighbours(lines, i, seg, step):
                hit = shape.search(other.text)
                if hit and not (field != "phone" and _labels_in(other) - {field}):
                    return hit.group(0), (other.start + hit.start(), other.start + hit.end())
                if _labels_in(other) - {field}:
                    break
    return None


def _clean_free_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" \t:;,()-–—_")


def _free_value(page: _Page, field: str, accept) -> tuple[str, tuple[int, int]] | None:  # type: ignore[no-untyped-def]
    """A free-text value next to its label: before it in the same segment, else aligned above."""
    lines = page.lines
    for i, seg, m in page.label_hits(field):
        if len(_labels_in(seg)) > 1:
            continue  # a combined column header: read by _combined_registrants
        prefix = _clean_free_text(seg.text[: m.start()].rsplit("(", 1)[0] if "(" in seg.text[: m.start() + 1]
                                  else seg.text[: m.start()])
        if prefix and accept(prefix):
            start = seg.start + seg.text.find(prefix)
            return prefix, (start, start + len(prefix))
        suffix = _clean_free_text(seg.text[m.end():].split(")", 1)[-1] if ")" in seg.text[m.end():]
                                  else seg.text[m.end():])
        if suffix and accept(suffix) and ":" in seg.text[m.end(): m.end() + 3]:
            start = seg.start + seg.text.find(suffix, m.end())
            return suffix, (start, start + len(suffix))
        for _, other in _neighbours(lines, i, seg, -1):
            if _is_label(other.text):
                break
            value = _clean_free_text(other.text)
            if value and accept(value):
                start = other.start + other.text.find(value)
                return value, (start, start + len(value))
            break
    return None


def _accept_name(text: str) -> bool:
    if _BOILERPLATE.match(text) or DATE_PATTERN.fullmatch(text.strip()) or len(text) > 150:
        return False
    return any(ch.isalpha() for ch in text) and not _is_label(text)


def _state_name(text: str) -> str | None:
    """A jurisdiction as printed, when `text` names one: 'Delaware', '(a Pennsylvania corporation)'."""
    m = _STATE_IN_PARENS.search(text)
    if m and m.group(1).lower() in jurisdictions():
        return m.group(1).strip()
    cleaned = _clean_free_text(text)
    if cleaned.lower() in jurisdictions():
        return cleaned
    words = cleaned.split()
    if 0 < len(words) <= 4 and all(w[:1].isupper() for w in words) and not _is_label(cleaned) \
            and not _BOILERPLATE.match(cleaned) and not any(ch.isdigit() for ch in cleaned):
        return cleaned
    return None


def _date_of_report(text: str, start: int, end: int) -> tuple[dt.date, tuple[int, int]] | None:
    """The date of the earliest event reported, else the date of report, else the first cover date."""
    for label in (_EARLIEST, _REPORT):
        for m in label.finditer(text, start, end):
            for value, a, b in find_dates(text, m.end(), min(end, m.end() + 80)):
                if _BETWEEN_DATE.match(text[m.end():a]) or re.match(r"^[\s():.,]*(?:reported)?[\s():.,]*$",
                                                                    text[m.end():a], re.I):
                    return value, (a, b)
                break
    for m in _REPORT.finditer(text, start, end):
        label_start = m.start()
        paren = text.rfind("(", max(start, label_start - 3), label_start)
        label_start = paren if paren >= 0 else label_start
        before = list(find_dates(text, max(start, label_start - 200), label_start))
        if before and _BETWEEN_DATE.match(text[before[-1][2]:label_start]):
            value, a, b = before[-1]
            return value, (a, b)
    for value, a, b in find_dates(text, start, end):
        return value, (a, b)
    return None


def _parse_registrant_cell(cell: str) -> tuple[str, str | None, str | None, str | None]:
    """Name, state, address and phone from "Big Power Co. (A Virginia Corporation) 10 Grid St … (804) 555-1000"."""
    name = _clean_free_text(re.split(r"\(|\s\d", cell, maxsplit=1)[0])
    state_m = _STATE_IN_PARENS.search(cell)
    phone_m = PHONE.search(cell)
    rest = cell[state_m.end():] if state_m else cell[len(name):]
    if phone_m and phone_m.group(0) in rest:
        rest = rest[: rest.find(phone_m.group(0))]
    return (name, state_m.group(1) if state_m else None, _clean_free_text(rest) or None,
            phone_m.group(0) if phone_m else None)


def _combined_registrants(page: _Page) -> list[Registrant]:
    """Utility-style covers: a header whose middle column combines name, state, address and phone.

    Each registrant starts on a line with its commission file number (or
    employer id); the lines under it in the middle column continue its cell.
    """
    lines = page.lines
    for i, seg, _ in page.label_hits("registrant"):
        if len(_labels_in(seg)) < 2:
            continue
        header = [lines[i]] + [line for line in lines[i + 1: i + 3] if _is_label(line.text) and not line.is_blank]
        heads = [s for line in header for s in line.segments]
        file_col = next((s for s in heads if re.search(r"commission|file", s.text, re.I)), None)
        irs_col = next((s for s in heads if re.search(r"i\.?\s?r\.?\s?s|employer|identification", s.text, re.I)), None)
        entries: list[dict[str, str | None]] = []
        for line in lines[i + len(header):]:
            if line.is_blank or line.is_rule:
                continue
            cell = aligned(line.segments, seg)
            file_seg = aligned(line.segments, file_col) if file_col is not None else None
            irs_seg = aligned(line.segments, irs_col) if irs_col is not None else None
            file_m = FILE_NUMBER.search(file_seg.text) if file_seg is not None and file_seg is not cell else None
            irs_m = EIN.search(irs_seg.text) if irs_seg is not None and irs_seg is not cell else None
            if cell is not None and (file_m or irs_m):
                entries.append({"cell": cell.text, "file": file_m.group(0) if file_m else None,
                                "irs": irs_m.group(0) if irs_m else None})
            elif (entries and cell is not None and len(line.segments) == 1 and cell.left >= seg.left - 0.05
                  and (irs_col is None or cell.right <= irs_col.left + 0.1)):
                entries[-1]["cell"] = f"{entries[-1]['cell']} {cell.text}"
            else:
                break
        registrants = []
        for entry in entries:
            name, state, address, phone = _parse_registrant_cell(entry["cell"] or "")
            registrants.append(Registrant(name=name, state_of_incorporation=state,
                                          commission_file_number=entry["file"], irs_employer_id=entry["irs"],
                                          address=address, phone=phone))
        if registrants:
            return registrants
    return []


def _unlabelled_registrant(lines: list[Line]) -> str | None:
    """A cover with no "(Exact name of registrant…)" label: the first line that reads as a company name."""
    for line in lines[:60]:
        text = line.text.strip()
        if (text and len(text) < 120 and _COMPANY_NAME.search(text) and not _is_label(text)
                and not _BOILERPLATE.match(text) and not DATE_PATTERN.search(text)):
            return _clean_free_text(text)
    return None


def cover_end(doc: Document) -> int:
    """Local offset where the cover page ends: the first item heading or the signatures."""
    first = next(iter_headings(doc, 0, min(len(doc.text), 40_000)), None)
    ends = [first.start] if first is not None else []
    sig = signature_start(doc)
    if sig is not None:
        ends.append(sig)
    return min(ends + [min(len(doc.text), 12_000)])


def read_cover(sub: Submission) -> Cover:
    """Read the cover page of the filing's 8-K body (header values fill only `cik`)."""
    cover = Cover(cik=sub.header.cik if sub.header else None)
    doc = main_document(sub)
    if doc is None:
        return _no_cover(sub, cover)
    end = cover_end(doc)
    page = _Page(lines_of(doc, 0, end))
    region = doc.text[:end]
    form = _FORM.search(region[:6000])
    labelled = sum(1 for name in ("registrant", "state", "file_number", "irs", "phone")
                   if page.label_hits(name))
    if form is None:
        other = _OTHER_FORM.search(region[:3000])
        if other is not None:
            cover.form_type = re.sub(r"\s+", " ", other.group(1))
            return cover
    if form is None and labelled < 2:
        return _no_cover(sub, cover)
    cover.span = doc.span(0, end)
    if form is not None:
        cover.form_type = "8-K/A" if form.group(1) or _AMENDMENT.search(region[:3000]) else "8-K"
    elif sub.header and sub.header.form_type:
        cover.form_type = sub.header.form_type

    date = _date_of_report(region, 0, len(region))
    cover.date_of_report = date[0] if date else None

    combined = _combined_registrants(page)
    if combined:
        first = combined[0]
        cover.registrants = combined
        cover.registrant = first.name
        cover.state_of_incorporation = first.state_of_incorporation
        cover.commission_file_number = first.commission_file_number
        cover.irs_employer_id = first.irs_employer_id
        cover.address = first.address
        cover.phone = first.phone
    else:
        _read_single_registrant(page, cover)

    cover.written_communications, cover.soliciting_material, cover.pre_commencement_tender_offer, \
        cover.pre_commencement_issuer_tender_offer = checkboxes(region)
    cover.emerging_growth_company = emerging_growth(region)
    cover.trading_symbols = trading_symbols(page.lines) or _tickers_in_text(sub.text)
    if sub.header is not None:
        cover.disagreements = compare_with_header(cover, sub.header)
    return cover


def _read_single_registrant(page: _Page, cover: Cover) -> None:
    lines = page.lines
    name = _free_value(page, "registrant", _accept_name)
    cover.registrant = name[0] if name else None
    if cover.registrant is None and not page.label_hits("registrant"):
        cover.registrant = _unlabelled_registrant(lines)
    state = _free_value(page, "state", lambda t: _state_name(t) is not None)
    cover.state_of_incorporation = _state_name(state[0]) if state else None
    if cover.state_of_incorporation is None and name is not None:
        m = _STATE_IN_PARENS.search(" ".join(line.text for line in lines))
        if m and m.group(1).lower() in jurisdictions():
            cover.state_of_incorporation = m.group(1)
    file_number = _shaped_value(page, "file_number", FILE_NUMBER)
    irs = _shaped_value(page, "irs", EIN)
    phone = _shaped_value(page, "phone", PHONE)
    cover.commission_file_number = file_number[0] if file_number else None
    cover.irs_employer_id = irs[0] if irs else None
    cover.phone = re.sub(r"\s+", " ", phone[0]).strip() if phone else None
    cover.address = _address(page)
    if cover.registrant:
        cover.registrants = [Registrant(name=cover.registrant, state_of_incorporation=cover.state_of_incorporation,
                                        commission_file_number=cover.commission_file_number,
                                        irs_employer_id=cover.irs_employer_id, address=cover.address,
                                        phone=cover.phone)]


def _address(page: _Page) -> str | None:
    """The address printed above "(Address of principal executive offices)", with its zip code."""
    lines = page.lines
    for i, seg, m in page.label_hits("address"):
        if len(_labels_in(seg)) > 1:
            continue
        prefix = _clean_free_text(seg.text[: m.start()].rsplit("(", 1)[0])
        parts: list[str] = []
        if prefix and not _is_label(prefix):
            parts.append(prefix)
        else:
            j = i - 1
            while j >= 0 and len(parts) < 3:
                line = lines[j]
                j -= 1
                if line.is_rule:
                    continue
                if line.is_blank:
                    if parts:
                        break
                    continue
                aligned = [s for s in line.segments if s.overlaps(seg) and not _is_label(s.text)]
                if not aligned or any(_is_label(s.text) for s in line.segments if s.overlaps(seg)):
                    break
                parts.insert(0, " ".join(s.text for s in aligned))
        if not parts:
            continue
        address = ", ".join(_clean_free_text(p) for p in parts)
        zip_value = _shaped_value(page, "zip", re.compile(r"\b\d{5}(?:-\d{4})?\b|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"))
        if zip_value and zip_value[0] not in address:
            address = f"{address} {zip_value[0]}"
        return address
    return None


def _tickers_in_text(text: str) -> list[TradingSymbol]:
    """Tickers quoted as "(Nasdaq: IMGN)" when the cover has no securities table."""
    symbols: list[TradingSymbol] = []
    for m in _TICKER_IN_TEXT.finditer(text, 0, min(len(text), 200_000)):
        symbol = m.group("symbol").upper()
        if all(s.symbol != symbol for s in symbols):
            symbols.append(TradingSymbol(symbol=symbol, exchange=m.group("exchange")))
    return symbols[:3]


def _no_cover(sub: Submission, cover: Cover) -> Cover:
    sub.problems.append(Problem(code="no_cover_page", component="cover",
                                message="no 8-K cover page found (an exhibit alone, or not a current report)"))
    if sub.header is not None:
        cover.form_type = sub.header.form_type
    return cover


def _norm_name(value: str) -> str:
    value = re.sub(r"/[A-Z]{2,3}/?$", "", value.upper())
    value = value.replace("&", " AND ")
    value = re.sub(r"\b(?:THE|INC|INCORPORATED|CORP|CORPORATION|CO|COMPANY|LTD|LLC|PLC)\b", " ", value)
    return re.sub(r"[^A-Z0-9]", "", value)


def _norm_number(value: str) -> str:
    return "-".join(str(int(p)) if p.isascii() and p.isdigit() and len(p) <= 18 else p for p in re.split(r"[-‑–]", value.strip()))


def compare_with_header(cover: Cover, header: Header) -> list[Disagreement]:
    """Fields where the cover page and the SGML header say different things; both are kept."""
    out: list[Disagreement] = []
    filer = header.filers[0] if header.filers else None
    if cover.registrant and header.company_name and _norm_name(cover.registrant) != _norm_name(header.company_name):
        out.append(Disagreement(field="registrant", cover=cover.registrant, header=header.company_name))
    if cover.state_of_incorporation and header.state_of_incorporation:
        code = jurisdictions().get(cover.state_of_incorporation.lower())
        if code and code != header.state_of_incorporation.upper():
            out.append(Disagreement(field="state_of_incorporation", cover=cover.state_of_incorporation,
                                    header=header.state_of_incorporation))
    if filer is not None:
        if cover.commission_file_number and filer.file_number and \
                _norm_number(cover.commission_file_number) != _norm_number(filer.file_number):
            out.append(Disagreement(field="commission_file_number", cover=cover.commission_file_number,
                                    header=filer.file_number))
        if cover.irs_employer_id and filer.irs_number and filer.irs_number.strip("0") and \
                re.sub(r"\D", "", cover.irs_employer_id) != re.sub(r"\D", "", filer.irs_number):
            out.append(Disagreement(field="irs_employer_id", cover=cover.irs_employer_id, header=filer.irs_number))
    phone = header.business_address.phone if header.business_address else None
    if cover.phone and phone and re.sub(r"\D", "", cover.phone)[-10:] != re.sub(r"\D", "", phone)[-10:]:
        out.append(Disagreement(field="phone", cover=cover.phone, header=phone))
    if cover.date_of_report and header.period_of_report and cover.date_of_report != header.period_of_report:
        out.append(Disagreement(field="date_of_report", cover=cover.date_of_report.isoformat(),
                                header=header.period_of_report.isoformat()))
    return out
