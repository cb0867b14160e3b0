"""The filing page: cover, items, exhibits, statement tables with their checks, mentions, guidance,
and the source text with every fact and mention marked where it stands.

    GET /filings/{filing_id}          the page
    GET /filings/{filing_id}.json     the record as `form8k parse --json` gives it, with its summary

A fact's cell in a statement table links to `#f-<n>`, the fact's span in the
source text; static/form8k.js scrolls it into view and marks it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse

from form8k.errors import StoreError
from form8k.export.render import VERDICT_MARK, card, card_change, card_label, card_title, card_value
from form8k.models import Check, Fact, Filing
from form8k.store.query import read_filing
from form8k.web import queries, urls
from form8k.web.deps import cursor, not_found
from form8k.web.highlight import Block, Mark, Segment, blocks, segments, table_regions, usable
from form8k.web.schemas import ErrorAnswer, FilingAnswer, FilingSummary, HeadlineFigure
from form8k.web.templating import amount, period_text, render, verdict
from form8k.web.views.filings import summary

router = APIRouter()

FilingId = Annotated[str, Path(pattern=urls.FILING_ID_PATTERN, max_length=80,
                               description="The accession number, or `sha256:` and 20 hex digits.")]
FactKey = tuple[str, dt.date | None, int | None]


@dataclass(slots=True)
class FilingView:
    """Everything the filing page shows, worked out once from the stored record."""

    summary: FilingSummary
    record: Filing
    segments: list[Segment] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)  # the segments as text and tables, for the source pane
    in_text: set[str] = field(default_factory=set)  # keys of marks whose span is in the text
    fact_at: dict[tuple[int, int, int], int] = field(default_factory=dict)  # (table, row, column) -> fact
    fact_of: dict[FactKey, int] = field(default_factory=dict)  # (concept, period_end, months) -> fact
    checks_of_table: dict[int, list[tuple[int, Check]]] = field(default_factory=dict)
    other_checks: list[tuple[int, Check]] = field(default_factory=list)
    bad_spans: int = 0  # marks whose span does not fit the text
    card: list[dict[str, str]] = field(default_factory=list)  # the headline card, as its cells print
    card_title: str = ""

    @property
    def failed_checks(self) -> int:
        return sum(1 for c in self.record.checks if c.status == "fail")

    @property
    def failures(self) -> list[tuple[int, Check]]:
        """The failed checks, each with its index, in the record's order: the first thing the page shows."""
        return [(i, c) for i, c in enumerate(self.record.checks) if c.status == "fail"]

    @property
    def contradictions(self) -> list[int]:
        return [i for i, m in enumerate(self.record.mentions) if m.status == "contradicts"]

    @property
    def verdict(self) -> tuple[str, str]:
        """(what the status badge says, its CSS class), from the status and the failures."""
        return verdict(self.record.status, self.failed_checks)


def _fact_title(fact: Fact) -> str:
    return (f"{fact.label or fact.concept} — {fact.concept}, {period_text(fact.period_end, fact.period_months)}: "
            f"{amount(fact.value, fact.unit)}")


def build_view(record: Filing, filing: FilingSummary) -> FilingView:
    view = FilingView(summary=filing, record=record)
    rows = card(record)
    view.card_title = card_title(rows) if rows else ""
    view.card = [{"metric": r.metric, "label": card_label(r, rows), "value": card_value(r.value, r.unit),
                  "status": r.status, "verdict": VERDICT_MARK[r.status], "prior": card_value(r.prior, r.unit),
                  "prior_status": r.prior_status, "prior_verdict": VERDICT_MARK[r.prior_status],
                  "change": card_change(r)} for r in rows]
    length = len(record.text)
    marks: list[Mark] = []
    for i, fact in enumerate(record.facts):
        if fact.table is not None and fact.row is not None and fact.column is not None:
            view.fact_at.setdefault((fact.table, fact.row, fact.column), i)
        view.fact_of.setdefault((fact.concept, fact.period_end, fact.period_months), i)
        kind = "fact" + (" derived" if fact.source == "derived" else "") + (" confirmed" if fact.confirmed else "")
        if fact.span:
            marks.append(Mark(f"f-{i}", kind, fact.span[0], fact.span[1], _fact_title(fact)))
    for i, mention in enumerate(record.mentions):
        if mention.span:
            title = f"“{mention.text}” — {mention.metric or mention.concept or 'amount'}: {mention.status}"
            marks.append(Mark(f"m-{i}", f"mention mention-{mention.status}", mention.span[0], mention.span[1],
                              title))
    for i, guide in enumerate(record.guidance):
        if guide.span:
            marks.append(Mark(f"g-{i}", "guidance", guide.span[0], guide.span[1],
                              f"guidance — {guide.metric} {guide.fiscal_period or ''}".strip()))
    anchors: list[tuple[str, int]] = []
    if record.cover.span:
        anchors.append(("cover", record.cover.span[0]))
    anchors.extend((f"d-{i}", d.span[0]) for i, d in enumerate(record.documents) if d.span)
    anchors.extend((f"i-{i}", item.span[0]) for i, item in enumerate(record.items) if item.span)
    anchors.extend((f"s-{i}", sig.span[0]) for i, sig in enumerate(record.signatures) if sig.span)
    anchors.extend((f"t-{t.index}", t.span[0]) for t in record.tables if t.span)
    anchors.extend((f"c-{i}", c.span[0]) for i, c in enumerate(record.checks) if c.span)
    view.in_text = {m.key for m in marks if usable(m.start, m.end, length)}
    view.in_text.update(key for key, at in anchors if 0 <= at < length)
    view.bad_spans = len(marks) - sum(1 for m in marks if m.key in view.in_text)
    view.segments = segments(record.text, marks, anchors)
    view.blocks = blocks(view.segments, table_regions(record.text, (t.span for t in record.tables if t.span)))
    tables = {t.index for t in record.tables}
    for i, check in enumerate(record.checks):
        if check.table is not None and check.table in tables:
            view.checks_of_table.setdefault(check.table, []).append((i, check))
        else:
            view.other_checks.append((i, check))
    return view


def _load(con: Any, filing_id: str) -> tuple[Filing, FilingSummary]:
    row = queries.filing_summary(con, filing_id)
    if row is None:
        raise not_found("filing " + filing_id)
    try:
        record = read_filing(con, filing_id)
    except StoreError:
        raise not_found("filing " + filing_id) from None
    return record, summary(row)


@router.get("/filings/{filing_id}.json", response_model=FilingAnswer, summary="One filing's record",
            responses={404: {"model": ErrorAnswer, "description": "No such filing."}})
def filing_json(filing_id: FilingId, con: Annotated[Any, Depends(cursor)],
                text: Annotated[bool, Query(description="Include the canonical text the spans point into.")]
                = True) -> FilingAnswer:
    """The whole stored record of one filing: cover, items, exhibits, tables, facts, checks, mentions,
    guidance and (unless `text=false`) its canonical text."""
    record, filing = _load(con, filing_id)
    figures = [HeadlineFigure(metric=r.metric, label=r.label, value=r.value, status=r.status, period_end=r.period_end,
                              period_months=r.period_months, prior=r.prior, prior_status=r.prior_status,
                              prior_end=r.prior_end, change_pct=round(r.change, 2) if r.change is not None else None)
               for r in card(record)]
    if not text:
        record = record.model_copy(update={"text": ""})
    return FilingAnswer(filing=filing, headline=figures, record=record)


@router.get("/filings/{filing_id}", response_class=HTMLResponse, include_in_schema=False)
def filing_page(filing_id: FilingId, con: Annotated[Any, Depends(cursor)]) -> HTMLResponse:
    record, filing = _load(con, filing_id)
    view = build_view(record, filing)
    title = f"{filing.company or 'Filing'} — {filing.form_type or '8-K'} of {filing.date_of_report or '?'}"
    return render("filing.html", title=title, view=view, f=record, s=filing,
                  json_url=urls.filing_url(filing.filing_id, json=True))
