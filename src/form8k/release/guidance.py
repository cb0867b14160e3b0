"""Guidance: what a release expects of a future period, and how that changed.

    "ImmunoGen now expects its net loss to be between $18-20 million, compared
    to previous guidance of $26-$29 million"

is net loss, 18,000,000 to 20,000,000 USD for FY2007, replacing 26,000,000 to
29,000,000: lowered. Items come from the narrative readings marked as
guidance (a forward-looking verb and a future period) and from target tables
introduced by a sentence such as "The following table summarizes Adobe's
updated fiscal year 2023 targets:".
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from form8k.models import Guidance, GuidanceRange
from form8k.release.amounts import find_amounts
from form8k.release.lexicon import MetricEntry, lookup, read_metric
from form8k.release.narrative import Reading
from form8k.release.periods import Period, find_periods, resolve
from form8k.statements.fiscal import FiscalCalendar, months_between

__all__ = ["read_guidance", "read_guidance_tables", "fiscal_label"]

Direction = Literal["raised", "lowered", "reaffirmed", "initiated", "narrowed", "widened"]

_RAISED = re.compile(r"\b(?:rais(?:e|es|ed|ing)|increas(?:e|es|ed|ing)\s+(?:its|our|the)\s+(?:guidance|outlook|"
                     r"targets?)|improv(?:e|es|ed)\s+(?:its|our)\s+(?:guidance|outlook))\b", re.I)
_LOWERED = re.compile(r"\b(?:lower(?:s|ed|ing)?|reduc(?:e|es|ed|ing)|cut(?:s|ting)?)\s+(?:its|our|the)?\s*"
                      r"(?:guidance|outlook|targets?|forecast)\b", re.I)
_REAFFIRMED = re.compile(r"\b(?:reaffirm|reiterat|maintain|confirm)\w*\b", re.I)
_NARROWED = re.compile(r"\bnarrow\w*\b", re.I)
_TABLE_INTRO = re.compile(r"(?:targets?|guidance|outlook|expectations?)\b[^:\n]{0,40}:\s*$", re.I)


def fiscal_label(period: Period | None, cal: FiscalCalendar) -> str | None:
    """(2007-06-30, 12) -> 'FY2007'; (2011-03-26, 3) -> 'Q2 FY2011'; (2006-12-31, 6) -> 'H1 FY2007'."""
    if period is None:
        return None
    end, months = period
    fy = cal.label_of(end)
    if fy is None:
        return f"{months} months to {end}"
    if months == 12:
        return f"FY{fy}"
    fy_end = cal.fiscal_year_end(fy)
    if fy_end is None:
        return f"FY{fy}"
    quarter = max(1, min(4, 4 - round(months_between(end, fy_end) / 3)))
    if months == 3:
        return f"Q{quarter} FY{fy}"
    if months == 6 and quarter == 2:
        return f"H1 FY{fy}"
    if months == 9 and quarter == 3:
        return f"9M FY{fy}"
    return f"{months} months to {end}"


def _direction(new: Reading, previous: Reading | None, sentence: str) -> Direction | None:
    if previous is not None:
        mid_new = (new.amount.value + (new.amount.high or new.amount.value)) / 2
        mid_old = (previous.amount.value + (previous.amount.high or previous.amount.value)) / 2
        if mid_new > mid_old:
            return "raised"
        if mid_new < mid_old:
            return "lowered"
        width_new = (new.amount.high or new.amount.value) - new.amount.value
        width_old = (previous.amount.high or previous.amount.value) - previous.amount.value
        if width_new < width_old:
            return "narrowed"
        if width_new > width_old:
            return "widened"
        return "reaffirmed"
    if _REAFFIRMED.search(sentence):
        return "reaffirmed"
    if _NARROWED.search(sentence):
        return "narrowed"
    if _LOWERED.search(sentence):
        return "lowered"
    if _RAISED.search(sentence):
        return "raised"
    return None


_RATIO_CONCEPTS = {"IncomeTaxExpenseBenefit": "EffectiveIncomeTaxRateContinuingOperations"}


def _concept_of(entry: MetricEntry) -> str | None:
    """The concept a guided figure is: a ratio's own element (tax rate), not its numerator's."""
    if entry.denominator:
        return _RATIO_CONCEPTS.get(entry.concepts[0])
    return entry.concepts[0]


def _concept(reading: Reading) -> str | None:
    if reading.entry is None:
        return None
    concept = _concept_of(reading.entry)
    if concept is None:
        return None
    if concept == "EarningsPerShare":
        return {"diluted": "EarningsPerShareDiluted", "basic": "EarningsPerShareBasic"}.get(
            reading.amount.per or "", "EarningsPerShareDiluted")
    return concept


def read_guidance(readings: list[Reading], cal: FiscalCalendar) -> list[Guidance]:
    """Guidance items from the readings the narrative marked as guidance."""
    items: list[Guidance] = []
    for r in readings:
        if not r.guidance or r.segment != 0 or r.metric is None or not r.metric.key:
            continue
        if "previous guidance" in r.flags:
            continue
        previous = readings[r.comparison] if r.comparison is not None else None
        if previous is not None and "previous guidance" not in previous.flags:
            previous = None
        a = r.amount
        low, high, point = (a.value, a.high, None) if a.high is not None else (None, None, a.value)
        sentence = r.sentence.text
        start, end = r.sentence.doc_span(0, len(sentence))
        offset = r.span[0] - r.sentence.doc_span(a.start, a.end)[0]
        metric = r.metric.text
        if r.flags:
            metric = f"{metric} ({', '.join(f for f in r.flags if f != 'previous guidance')})".replace(" ()", "")
        items.append(Guidance(
            metric=metric, concept=_concept(r), low=low, high=high, point=point, unit=r.unit,
            fiscal_period=fiscal_label(r.period, cal),
            previous=GuidanceRange(low=previous.amount.value, high=previous.amount.high or previous.amount.value)
            if previous is not None else None,
            direction=_direction(r, previous, sentence),
            text=sentence, span=(start + offset, end + offset)))
    return items


def read_guidance_tables(text: str, base: int, cal: FiscalCalendar, release_year: int | None) -> list[Guidance]:
    """Target tables: rows of 'metric<TAB>value' under an intro sentence ending in 'targets:'."""
    items: list[Guidance] = []
    lines = text.split("\n")
    pos = 0
    offsets: list[int] = []
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        intro = lines[i]
        if "\t" in intro or ":" not in intro or not _TABLE_INTRO.search(intro):
            i += 1
            continue
        periods = find_periods(intro, release_year)
        period = resolve(periods[0], cal) if periods else None
        j = i + 1
        while j < len(lines) and "\t" in lines[j]:
            cells = [c.strip() for c in lines[j].split("\t") if c.strip()]
            if len(cells) >= 2:
                label = re.sub(r"(?<=[a-z])\d+$", "", cells[0]).strip()  # "Earnings per share1": a footnote mark
                for cell in cells[1:]:
                    basis, _, value_text = cell.rpartition(":")
                    amounts = find_amounts(value_text)
                    if len(amounts) != 1:
                        continue
                    a = amounts[0]
                    metric = f"{label} ({basis.strip()})" if basis.strip() else label
                    unit = a.unit
                    entry = lookup(read_metric(label).key, "USD/share" if unit == "USD" and
                                   a.value < Decimal(1000) and "share" in label.lower() else unit)
                    if entry is not None and entry.unit == "USD/share":
                        unit = "USD/share"
                    concept = _concept_of(entry) if entry is not None and \
                        not basis.strip().lower().startswith("non") else None
                    if concept == "EarningsPerShare":
                        concept = "EarningsPerShareDiluted"
                    cell_at = lines[j].find(cell)
                    span = (base + offsets[j] + cell_at, base + offsets[j] + cell_at + len(cell))
                    low, high, point = (a.value, a.high, None) if a.high is not None else (None, None, a.value)
                    items.append(Guidance(metric=metric, concept=concept, low=low, high=high, point=point, unit=unit,
                                          fiscal_period=fiscal_label(period, cal),
                                          direction=_direction_word(intro), text=lines[j].replace("\t", " | "),
                                          span=span))
            j += 1
        i = j
    return items


def _direction_word(intro: str) -> Direction | None:
    if _REAFFIRMED.search(intro):
        return "reaffirmed"
    if re.search(r"\braised\b", intro, re.I):
        return "raised"
    if re.search(r"\blowered\b", intro, re.I):
        return "lowered"
    return None
