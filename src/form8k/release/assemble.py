"""The press release read as a whole: parts, narrative mentions, guidance.

Where the release is:
1. the EX-99 document(s) `filing.exhibits` marks as the press release;
2. else an EX-99* document that reads as a release (a dateline, "today
   announced", "For Immediate Release");
3. else, as in a PDF-extracted filing where the release follows the 8-K's
   signatures in one text, the region of a document that starts at a release
   marker ("For Immediate Release", a contacts block, a dateline).

From there: the dateline, headline and tickers, the contacts, the quotes and
the conference call (`release_parts`), the fiscal calendar (`fiscal`), every
amount in the prose (`narrative`) tied to the statements (`tie`), and the
guidance (`guidance`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from form8k.load import Document, Submission
from form8k.models import Check, Filing, Guidance, Mention, PressRelease, Problem
from form8k.release import parts
from form8k.release.guidance import read_guidance, read_guidance_tables
from form8k.release.narrative import read_narrative, segment_headings
from form8k.release.prose import Paragraph, paragraphs
from form8k.release.tie import tie_readings
from form8k.statements.fiscal import find_dates, infer_calendar

__all__ = ["Release", "read_release", "locate_release"]

_MARKERS = re.compile(r"^[ \t]*(?:for\s+immediate\s+release|(?:(?:media|press|investor(?:s)?(?:\s+relations)?)\s+)?"
                      r"contacts?\s*:)", re.I | re.M)
_ANNOUNCED = re.compile(r"\b(?:today\s+(?:announced|reported|reports|announces|posted)|(?:announced|reported)\s+today|"
                        r"for\s+immediate\s+release|news\s+release)\b", re.I)
_SIGNATURES = re.compile(r"^\s*SIGNATURES?\s*$|/s/", re.M)


@dataclass(slots=True)
class Release:
    press_release: PressRelease | None = None
    mentions: list[Mention] = field(default_factory=list)
    guidance: list[Guidance] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class Located:
    index: int  # into sub.documents
    doc: Document
    start: int  # local offsets in doc.text
    end: int


def _reads_as_release(doc: Document) -> bool:
    head = doc.text[:6000]
    return bool(_ANNOUNCED.search(head) or parts.read_dateline(head, 0)[0] is not None)


def locate_release(sub: Submission, filing: Filing) -> Located | None:
    """Where the press release is (see the module docstring for the order tried)."""
    docs = sub.documents
    marked = [e for e in filing.exhibits if e.is_press_release]
    for exhibit in marked:
        for i, d in enumerate(docs):
            if d.format == "binary" or not d.text:
                continue
            same = (exhibit.sequence is not None and d.sequence == exhibit.sequence) or \
                (exhibit.filename is not None and d.filename == exhibit.filename) or \
                (exhibit.document_type is not None and d.type.upper() == exhibit.document_type.upper())
            if same:
                return Located(i, d, 0, len(d.text))
    for i, d in enumerate(docs):
        if d.format != "binary" and d.type.upper().startswith("EX-99") and _reads_as_release(d):
            return Located(i, d, 0, len(d.text))
    for i, d in enumerate(docs):
        if d.format == "binary" or not d.text or d.type.upper().startswith("EX-") and not \
                d.type.upper().startswith("EX-99"):
            continue
        after = 0
        if d.type.upper().startswith("8-K"):
            signs = [m.end() for m in _SIGNATURES.finditer(d.text)]
            if not signs:
                continue  # an 8-K body with no signature block: nothing follows it
            after = signs[-1]
        start = _region_start(d.text, after)
        if start is not None:
            return Located(i, d, start, len(d.text))
    return None


def _region_start(text: str, after: int) -> int | None:
    """The start of a release inside a longer text: its first marker, if a dateline follows."""
    dateline, story = parts.read_dateline(text[after:], 0)
    if dateline is None and not _ANNOUNCED.search(text[after:after + 8000]):
        return None
    marker = _MARKERS.search(text, after)
    candidates = [m for m in (marker.start() if marker else None,) if m is not None]
    if dateline is not None and dateline.span is not None:
        at = after + dateline.span[0]
        # the headline lines above a dateline belong to the release
        line_start = text.rfind("\n", 0, at) + 1
        for _ in range(4):
            prev = text.rfind("\n", 0, max(line_start - 1, 0))
            if line_start <= after or not text[prev + 1:line_start].strip():
                break
            line_start = prev + 1
        candidates.append(max(line_start, after))
    return min(candidates) if candidates else None


def _release_date(pr_date: dt.date | None, filing: Filing) -> dt.date | None:
    if pr_date is not None:
        return pr_date
    if filing.cover.date_of_report is not None:
        return filing.cover.date_of_report
    if filing.header is not None:
        return filing.header.period_of_report or filing.header.filed_as_of
    return None


def read_release(sub: Submission, filing: Filing) -> Release:
    """Read the press release of a filing: its parts, its prose amounts tied to the statements, its guidance."""
    where = locate_release(sub, filing)
    if where is None:
        return Release()
    doc, start, end = where.doc, where.start, where.end
    text = doc.text[start:end]
    base = doc.start + start
    year_hint = _release_date(None, filing)
    dateline, story_at = parts.read_dateline(text, base, year_hint.year if year_hint else None)
    if dateline is not None and dateline.date is None:
        dateline.date = _date_near_top(text)
    release_date = _release_date(dateline.date if dateline else None, filing)
    headline, subheadline, _ = parts.read_headline(text, dateline.span[0] - base
                                                   if dateline is not None and dateline.span else -1)
    paras = paragraphs(doc.text, start, end, html=doc.format == "html")
    company = parts.issuer_name(text, story_at) or filing.cover.registrant
    prose = "\n".join(p.text for p in paras)
    period_ends = sorted({f.period_end for f in filing.facts if f.period_end is not None and f.period_months})
    header_fye = filing.header.fiscal_year_end if filing.header is not None else None
    cal = infer_calendar(prose, header_fye, period_ends)
    fls, about = parts.section_spans(paras, doc.start, company)
    press = PressRelease(
        document=where.index, headline=headline, subheadline=subheadline, dateline=dateline,
        tickers=parts.read_tickers(text), contacts=parts.read_contacts(text, base),
        quotes=parts.read_quotes(paras, doc.start, company), conference_call=parts.read_call(paras, doc.start, release_date),
        forward_looking_span=fls, about_span=about, fiscal_year=cal.fiscal_year, fiscal_quarter=cal.fiscal_quarter,
        fiscal_year_end=cal.year_end, span=(base, doc.start + end), company=company,
        period_end=cal.current_end)
    problems: list[Problem] = []
    readings = read_narrative(_story(paras, story_at + start if story_at >= 0 else start), cal, doc.start,
                              segment_headings(_story(paras, story_at + start if story_at >= 0 else start), company),
                              release_date.year if release_date else None, problems)
    mentions, checks = tie_readings(readings, filing.facts, filing.tables)
    guidance = read_guidance(readings, cal) + read_guidance_tables(text, base, cal,
                                                                   release_date.year if release_date else None)
    if dateline is None:
        problems.append(Problem(code="release_no_dateline", component="release",
                                message="the press release has no dateline (city, state, date) that could be read",
                                span=(base, min(base + 200, doc.start + end))))
    return Release(press_release=press, mentions=mentions, guidance=guidance, checks=checks, problems=problems)


def _story(paras: list[Paragraph], story_at: int) -> list[Paragraph]:
    """The paragraphs from the headline on: contacts blocks and letterhead above it are not prose."""
    if story_at < 0:
        return paras
    first = 0
    for i, p in enumerate(paras):
        if p.doc_start <= story_at:
            first = i
    # keep the headline paragraphs just above the dateline ("Revenue Grows 71 Percent")
    while first > 0 and len(paras[first - 1].text) < 300 and not parts.is_furniture(paras[first - 1].text):
        first -= 1
    return paras[first:]


def _date_near_top(text: str) -> dt.date | None:
    """A release dated only in its letterhead ("For Immediate Release: November 22, 2024")."""
    m = re.search(r"(?i)for\s+immediate\s+release[^\n]{0,20}?", text[:4000])
    if m is None:
        return None
    found = find_dates(text[m.end():m.end() + 60])
    return found[0][2] if found else None
