"""EDGAR full submissions: `<SEC-DOCUMENT>` text files, the PEM-wrapped older
ones, and the tag-style `.nc` dissemination files.

A submission is a header (company, CIK, form type, dates, items) followed by
`<DOCUMENT>` parts, each with `<TYPE>`, `<SEQUENCE>`, `<FILENAME>`,
`<DESCRIPTION>` and `<TEXT>`. Binary parts (uuencoded files, graphics, PDFs,
zips, spreadsheets) and XBRL data files are recognised and skipped, never read
as text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from form8k.models import Address, Filer, Header, Problem

_DOC_TAG = re.compile(r"<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>([^\n<]*)", re.I)
_HEADER = re.compile(r"<(?:SEC-HEADER|IMS-HEADER)>(.*?)(?:</(?:SEC-HEADER|IMS-HEADER)>|(?=<DOCUMENT>))", re.S | re.I)
_UUENCODED = re.compile(r"^\s*begin [0-7]{3,4} \S", re.M)
_OPEN_WRAPPER = re.compile(r"^\s*<(?:XBRL|XML|PDF)>\s*", re.I)
_CLOSE_WRAPPER = re.compile(r"\s*</(?:XBRL|XML|PDF)>\s*$", re.I)

BINARY_TYPES = {
    "GRAPHIC": "graphic", "ZIP": "zip", "EXCEL": "spreadsheet", "PDF": "pdf", "XML": "xbrl data",
    "JSON": "xbrl data", "XSD": "xbrl data",
}


@dataclass(slots=True)
class RawPart:
    type: str
    sequence: int | None
    filename: str | None
    description: str | None
    body: str
    skipped: str | None
    truncated: bool


def is_submission(text: str) -> bool:
    head = text[:4096].lstrip()
    return head.startswith(("-----BEGIN PRIVACY-ENHANCED MESSAGE-----", "<SEC-DOCUMENT>", "<SUBMISSION>",
                            "<SEC-HEADER>", "<IMS-DOCUMENT>", "<IMS-HEADER>", "<DOCUMENT>"))


def _find_tag(text: str, tag: str, start: int, end: int = -1) -> int:
    """Position of `tag` in either case, or -1."""
    if end < 0:
        end = len(text)
    i = text.find(tag, start, end)
    if i < 0:
        i = text.find(tag.lower(), start, end)
    return i


def split_parts(text: str) -> tuple[list[RawPart], list[Problem]]:
    """Split a submission into its `<DOCUMENT>` parts."""
    parts: list[RawPart] = []
    problems: list[Problem] = []
    pos = _find_tag(text, "<DOCUMENT>", 0)
    while pos >= 0:
        start = pos + len("<DOCUMENT>")
        nxt = _find_tag(text, "<DOCUMENT>", start)
        close = _find_tag(text, "</DOCUMENT>", start, nxt)
        truncated = close < 0
        end = close if close >= 0 else (nxt if nxt >= 0 else len(text))
        text_at = _find_tag(text, "<TEXT>", start, end)
        head = text[start: text_at if text_at >= 0 else min(end, start + 2000)]
        tags = {k.upper(): v.strip() for k, v in _DOC_TAG.findall(head)}
        doc_type = (tags.get("TYPE") or "UNKNOWN").upper()
        seq = tags.get("SEQUENCE", "")
        body = ""
        if text_at >= 0:
            body_start = text_at + len("<TEXT>")
            text_end = _find_tag(text, "</TEXT>", body_start, end)
            if text_end < 0:
                truncated = True
                text_end = end
            body = text[body_start:text_end]
        if truncated:
            problems.append(Problem(code="truncated_document", component="load",
                                    message=f"document {doc_type} (sequence {seq or '?'}) is cut off "
                                            "before its closing tag"))
        parts.append(RawPart(
            type=doc_type,
            sequence=int(seq) if seq.isascii() and seq.isdigit() and len(seq) <= 9 else None,
            filename=tags.get("FILENAME") or None,
            description=tags.get("DESCRIPTION") or None,
            body=body,
            skipped=_skip_reason(doc_type, tags.get("FILENAME"), body),
            truncated=truncated,
        ))
        pos = nxt
    return parts, problems


def _skip_reason(doc_type: str, filename: str | None, body: str) -> str | None:
    head = body[:300].lstrip()
    if doc_type in BINARY_TYPES:
        return BINARY_TYPES[doc_type]
    if doc_type.startswith("EX-101") or doc_type.startswith("EX-100"):
        return "xbrl data"
    if head[:5].upper() == "<PDF>":
        return "pdf"
    if _UUENCODED.match(body[:2000]):
        return "uuencoded binary"
    name = (filename or "").lower()
    if name.endswith((".jpg", ".jpeg", ".gif", ".png", ".pdf", ".zip", ".xlsx", ".xls", ".xsd", ".js", ".css", ".json")):
        return "binary file " + name.rsplit(".", 1)[-1]
    if name.endswith(".xml") and not head[:200].lower().startswith(("<html", "<?xml version")):
        return "xbrl data"
    if name.endswith(".xml") and "<html" not in body[:3000].lower():
        return "xbrl data"
    return None


def unwrap(body: str) -> str:
    """Strip an `<XBRL>`/`<XML>` wrapper around a part's text (looking only at its two ends)."""
    head = _OPEN_WRAPPER.match(body[:200])
    if head:
        body = body[head.end():]
    tail = _CLOSE_WRAPPER.search(body[-200:])
    if tail:
        body = body[: len(body) - 200 + tail.start()] if len(body) > 200 else body[: tail.start()]
    return body


# --- header ---------------------------------------------------------------------

_LINE = re.compile(r"^([ \t]*)([A-Z][A-Z0-9 /\-()&.,']*?):[ \t]*(.*)$", re.M)
_TAG_LINE = re.compile(r"<([A-Z0-9][A-Z0-9\-]*)>([^<\n]*)")


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    digits = re.sub(r"\D", "", value)[:8]
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def parse_header(text: str) -> Header | None:
    """Read the SGML header, in either its `KEY: value` or its `<TAG>value` form."""
    m = _HEADER.search(text[:200_000])
    if m:
        return _header_from_lines(m.group(1))
    if text.lstrip().startswith("<SUBMISSION>"):
        end = text.find("<DOCUMENT>")
        return _header_from_tags(text[: end if end > 0 else 50_000])
    return None


_ACCEPTED = re.compile(r"<ACCEPTANCE-DATETIME>\s*(\d{14})|^ACCEPTANCE-DATETIME:\s*(\d{14})", re.I | re.M)


def _accepted_at(block: str) -> dt.datetime | None:
    """EDGAR's acceptance date-time (`<ACCEPTANCE-DATETIME>20240201163012`), in EDGAR's own zone, US Eastern."""
    m = _ACCEPTED.search(block)
    if m is None:
        return None
    digits = m.group(1) or m.group(2)
    try:
        local = dt.datetime.strptime(digits, "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return local.replace(tzinfo=_eastern())


def _eastern() -> dt.tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("America/New_York")
    except Exception:  # noqa: BLE001 - no tz database: standard time, as EDGAR's own indexes print it
        return dt.timezone(dt.timedelta(hours=-5), "EST")


def _header_from_lines(block: str) -> Header:
    header = Header(accepted_at=_accepted_at(block))
    filer: Filer | None = None
    section = ""
    address: Address | None = None
    for m in _LINE.finditer(block):
        key, value = m.group(2).strip().upper(), m.group(3).strip()
        if not value:
            if key in ("FILER", "FILED BY", "SUBJECT COMPANY", "REPORTING-OWNER", "ISSUER"):
                filer = Filer(role=key.lower())
                header.filers.append(filer)
                section = ""
            elif key in ("BUSINESS ADDRESS", "MAIL ADDRESS") and filer is not None:
                address = Address()
                if key == "BUSINESS ADDRESS":
                    filer.business_address = address
                else:
                    filer.mail_address = address
                section = key
            elif key == "ITEM INFORMATION":
                pass
            else:
                section = key
            continue
        if key == "ACCESSION NUMBER":
            header.accession_number = value
        elif key == "CONFORMED SUBMISSION TYPE":
            header.form_type = value
        elif key == "CONFORMED PERIOD OF REPORT":
            header.period_of_report = _date(value)
        elif key == "FILED AS OF DATE":
            header.filed_as_of = _date(value)
        elif key == "ITEM INFORMATION":
            header.items.append(value)
        elif filer is not None:
            _filer_field(filer, address if section in ("BUSINESS ADDRESS", "MAIL ADDRESS") else None, key, value)
    _promote_first_filer(header)
    return header


def _filer_field(filer: Filer, address: Address | None, key: str, value: str) -> None:
    if address is not None and key in ("STREET 1", "STREET1", "STREET 2", "STREET2", "CITY", "STATE", "ZIP",
                                       "BUSINESS PHONE", "PHONE"):
        if key.startswith("STREET"):
            address.street = f"{address.street}, {value}" if address.street else value
        elif key == "CITY":
            address.city = value
        elif key == "STATE":
            address.state = value
        elif key == "ZIP":
            address.zip = value
        else:
            address.phone = value
        return
    if key in ("COMPANY CONFORMED NAME", "CONFORMED-NAME"):
        filer.company_name = value
    elif key in ("CENTRAL INDEX KEY", "CIK"):
        filer.cik = value
    elif key in ("STANDARD INDUSTRIAL CLASSIFICATION", "ASSIGNED-SIC"):
        filer.sic = value
    elif key in ("IRS NUMBER", "IRS-NUMBER"):
        filer.irs_number = value
    elif key in ("STATE OF INCORPORATION", "STATE-OF-INCORPORATION"):
        filer.state_of_incorporation = value
    elif key in ("FISCAL YEAR END", "FISCAL-YEAR-END"):
        filer.fiscal_year_end = value
    elif key in ("FORM TYPE", "FORM-TYPE"):
        filer.form_type = value
    elif key in ("SEC FILE NUMBER", "FILE-NUMBER"):
        filer.file_number = value


_ADDRESS_TAGS = {"STREET1", "STREET2", "CITY", "STATE", "ZIP", "PHONE"}


def _header_from_tags(block: str) -> Header:
    header = Header(accepted_at=_accepted_at(block))
    filer: Filer | None = None
    address: Address | None = None
    for tag, raw in _TAG_LINE.findall(block):
        value = raw.strip()
        if tag in ("FILER", "FILED-BY", "SUBJECT-COMPANY", "REPORTING-OWNER", "ISSUER"):
            filer = Filer(role=tag.lower().replace("-", " "))
            header.filers.append(filer)
            address = None
        elif tag in ("BUSINESS-ADDRESS", "MAIL-ADDRESS") and filer is not None:
            address = Address()
            if tag == "BUSINESS-ADDRESS":
                filer.business_address = address
            else:
                filer.mail_address = address
        elif tag in ("COMPANY-DATA", "FILING-VALUES", "FORMER-COMPANY"):
            address = None
        elif tag == "ACCESSION-NUMBER":
            header.accession_number = value
        elif tag == "TYPE" and header.form_type is None:
            header.form_type = value
        elif tag == "PERIOD":
            header.period_of_report = _date(value)
        elif tag == "FILING-DATE":
            header.filed_as_of = _date(value)
        elif tag == "ITEMS":
            header.items.append(value)
        elif filer is not None and value:
            _filer_field(filer, address if tag in _ADDRESS_TAGS else None, tag, value)
    _promote_first_filer(header)
    return header


def _promote_first_filer(header: Header) -> None:
    if not header.filers:
        return
    first = header.filers[0]
    header.cik = first.cik
    header.company_name = first.company_name
    header.sic = first.sic
    header.state_of_incorporation = first.state_of_incorporation
    header.fiscal_year_end = first.fiscal_year_end
    header.business_address = first.business_address
