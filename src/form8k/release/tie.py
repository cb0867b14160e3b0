"""Tie narrative readings to the statements and check them.

A reading that restates a fact ("a net loss of $3.0 million" for the quarter
ended 2006-12-31) is matched to the fact of its concept and period, or failing
a concept, to a table row whose label names the same thing ("$6.6 million of
research and development support fees" to the row "Research and development
support"). It **agrees** when the table value, rounded to the precision the
sentence printed, is the sentence's value ($3.0 million vs 3,044,000), with the
sign the words give ("net loss" is negative); it **contradicts** otherwise; it
is **unverifiable** when no table holds it, or when the words do not say
firmly enough what it is (a segment's figure, a non-GAAP one, a part of a
metric, a period the sentence never states).

Percent changes ("up 25%") are checked against the two periods' values, and
margins ("gross margin was 38.5 percent") against the ratio of two facts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from form8k.models import Check, Comparison, Fact, FactRef, Mention, Table
from form8k.release.lexicon import is_instant, label_key
from form8k.release.narrative import Reading
from form8k.release.periods import Period
from form8k.statements.fiscal import TOLERANCE_DAYS

__all__ = ["tie_readings"]

_EPS = {
    "basic and diluted": ("EarningsPerShareBasicAndDiluted", "EarningsPerShareBasic", "EarningsPerShareDiluted"),
    "diluted": ("EarningsPerShareDiluted", "EarningsPerShareBasicAndDiluted"),
    "basic": ("EarningsPerShareBasic", "EarningsPerShareBasicAndDiluted"),
    None: ("EarningsPerShareDiluted", "EarningsPerShareBasic", "EarningsPerShareBasicAndDiluted"),
}
_APPROX_WIDE = {"about", "approximately", "approx.", "around", "nearly", "almost", "roughly", "~", "some"}
_UNTIED_FLAGS = {"non-GAAP", "adjusted", "pro forma", "organic", "core", "underlying", "comparable", "segment",
                 "constant currency", "previous guidance", "sequential"}


@dataclass(slots=True)
class Source:
    """A table value a reading can be tied to: a fact, or a cell of a row with no concept."""

    value: Decimal
    period: Period
    concept: str | None = None
    label: str | None = None
    table: int | None = None
    row: int | None = None
    span: tuple[int, int] | None = None
    precision: Decimal = Decimal(0)  # half the rounding step of the table value

    @property
    def ref(self) -> FactRef | None:
        if self.concept is None:
            return None
        return FactRef(concept=self.concept, period_end=self.period[0], period_months=self.period[1])


class Statements:
    """The facts and table rows of a filing, looked up by concept or label and period."""

    def __init__(self, facts: list[Fact], tables: list[Table]) -> None:
        # Facts and table cells become Sources when they are first looked up: a release names a few
        # metrics, and most concepts and rows are never asked for.
        self._facts: dict[str, list[Fact]] = defaultdict(list)
        for f in facts:
            if f.period_end is not None and f.period_months is not None:
                self._facts[f.concept].append(f)
        self._scales = {t.index: t.scale for t in tables}
        self._by_concept: dict[str, list[Source]] = {}
        self._tables = tables
        self._rows_by_label: dict[str, list[tuple[Table, int]]] | None = None
        self._by_label: dict[str, list[Source]] = {}

    def _concept_sources(self, concept: str) -> list[Source]:
        """The facts of a concept, with their periods and precision."""
        sources = self._by_concept.get(concept)
        if sources is None:
            sources = self._by_concept[concept] = []
            for f in self._facts.get(concept, []):
                step = Decimal(1).scaleb(-f.decimals) if f.decimals is not None else \
                    Decimal(self._scales.get(f.table, 1)) if f.table is not None else Decimal(0)
                if f.unit == "USD/share" and f.decimals is None:
                    step = Decimal("0.01")
                assert f.period_end is not None and f.period_months is not None
                sources.append(Source(value=f.value, period=(f.period_end, f.period_months), concept=f.concept,
                                      label=f.label, table=f.table, row=f.row, span=f.span, precision=step / 2))
        return sources

    def _label_sources(self, key: str) -> list[Source]:
        """The cells, with their periods, of every row whose label reads as `key`."""
        if self._rows_by_label is None:
            self._rows_by_label = defaultdict(list)
            keys: dict[str, str] = {}  # a label printed in several tables is reduced once
            for t in self._tables:
                for ri, row in enumerate(t.rows):
                    if row.kind == "rejected" or not row.label:
                        continue
                    row_key = keys.get(row.label)
                    if row_key is None:
                        row_key = keys[row.label] = label_key(row.label)
                    if row_key:
                        self._rows_by_label[row_key].append((t, ri))
        sources = self._by_label.get(key)
        if sources is None:
            sources = self._by_label[key] = []
            for t, ri in self._rows_by_label.get(key, []):
                row = t.rows[ri]
                for ci, value in enumerate(row.values):
                    if value is None or ci >= len(t.columns):
                        continue
                    col = t.columns[ci]
                    if col.period_end is None or col.period_months is None:
                        continue
                    step = Decimal("0.01") if row.unit == "USD/share" else Decimal(t.scale)
                    span = row.spans[ci] if ci < len(row.spans) else row.span
                    sources.append(Source(value=value, period=(col.period_end, col.period_months), concept=row.concept,
                                          label=row.label, table=t.index, row=ri, span=span, precision=step / 2))
        return sources

    @staticmethod
    def _closest(sources: list[Source], period: Period) -> Source | None:
        end, months = period
        best: Source | None = None
        for s in sources:
            if s.period[1] != months:
                continue
            gap = abs((s.period[0] - end).days)
            if gap <= TOLERANCE_DAYS and (best is None or gap < abs((best.period[0] - end).days)):
                best = s
        return best

    def fact(self, concepts: tuple[str, ...], period: Period) -> Source | None:
        for concept in concepts:
            found = self._closest(self._concept_sources(concept), period)
            if found is not None:
                return found
        return None

    def facts(self, concepts: tuple[str, ...], period: Period) -> list[Source]:
        out = []
        for concept in concepts:
            found = self._closest(self._concept_sources(concept), period)
            if found is not None:
                out.append(found)
        return out

    def row(self, label: str, period: Period) -> Source | None:
        key = label_key(label)
        return self._closest(self._label_sources(key), period) if key else None


def _instant(concepts: tuple[str, ...]) -> bool:
    return any(is_instant(c) for c in concepts)


def _concepts(r: Reading) -> tuple[str, ...]:
    if r.entry is None:
        return ()
    out: list[str] = []
    for c in r.entry.concepts:
        if c == "EarningsPerShare":
            out.extend(_EPS.get(r.amount.per, _EPS[None]))
        else:
            out.append(c)
    if r.amount.per in ("diluted", "basic", "basic and diluted") and out and out[0].startswith("EarningsPerShare") \
            and r.entry.concepts[0] != "EarningsPerShare":
        out = list(_EPS[r.amount.per])
    return tuple(dict.fromkeys(out))


def _fmt(v: Decimal | None, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "percent":
        return f"{v.normalize():f}%"
    if unit == "USD/share":
        return f"${v:,.2f}" if v >= 0 else f"$({-v:,.2f})"
    if unit in ("shares", "count"):
        return f"{v:,.0f}"
    return f"${v:,.0f}" if v >= 0 else f"$({-v:,.0f})"


def _period_text(p: Period | None) -> str:
    if p is None:
        return "an unknown period"
    return f"{p[0]} (instant)" if p[1] == 0 else f"{p[1]} months to {p[0]}"


def _within(diff: Decimal, tol: Decimal, precision: Decimal) -> bool:
    """Whether a printed amount and a table value can be the same number.

    The sentence's amount stands for anything within `tol` of it; a table value
    printed less precisely stands for anything within `precision` of it. Two
    intervals that only touch do not overlap: $0.07 and $0.08 per share differ.
    """
    if precision > 0:
        return abs(diff) < tol + precision
    return abs(diff) <= tol


def _tolerance(r: Reading) -> Decimal:
    step = r.amount.step
    wide = r.amount.approx in _APPROX_WIDE
    return step if wide else step / 2


@dataclass(slots=True)
class Verdict:
    status: str  # agrees, contradicts, unverifiable
    detail: str
    source: Source | None = None
    expected: Decimal | None = None  # what the statements say, in the mention's terms
    actual: Decimal | None = None  # what the sentence says, signed
    tolerance: Decimal | None = None
    inputs: list[FactRef] | None = None


def _untied_reason(r: Reading) -> str | None:
    if r.guidance:
        return "guidance for a future period; no statement holds it yet"
    kind = r.binding.kind
    if kind == "hypothetical":
        return "a hypothetical figure ('would have been')"
    if kind == "share_of":
        return "a share of another figure, not a statement value"
    flags = [f for f in r.flags if f in _UNTIED_FLAGS]
    if flags:
        return f"a {', '.join(flags)} figure; the statements hold GAAP consolidated values"
    if r.metric is None:
        return "no metric named for this amount"
    if r.period is None:
        return "its period cannot be told"
    if r.amount.is_range:
        return "a range, not a reported value"
    return None


def _firm(r: Reading) -> bool:
    """Whether the words bind the amount firmly enough that a mismatch is the filing's, not the reading's."""
    return r.binding.strength == "strong" and r.period_source in ("stated", "carried") and r.binding.how != "noun"


def _judge_value(r: Reading, st: Statements) -> Verdict:
    assert r.period is not None
    concepts = _concepts(r)
    period = r.period
    if concepts and _instant(concepts):
        period = (period[0], 0)
    candidates = st.facts(concepts, period) if concepts else []
    if not candidates and r.metric is not None:
        row = st.row(r.metric.text, period)
        if row is not None:
            candidates = [row]
    if not candidates:
        what = " / ".join(concepts) if concepts else f"a row '{r.metric.text if r.metric else '?'}'"
        return Verdict("unverifiable", f"no table holds {what} for {_period_text(period)}")
    sign = r.entry.sign if r.entry is not None else 1
    said = r.amount.value * sign
    tol = _tolerance(r)
    first = candidates[0]
    for source in candidates:
        table_value = source.value
        if r.entry is None and source.concept is None:
            # a row with no concept: the prose gives a magnitude, the row may print it as a negative
            table_value, said = abs(table_value), abs(r.amount.value)
        margin = tol + source.precision
        if _within(table_value - said, tol, source.precision):
            name = source.concept or f"row '{source.label}'"
            return Verdict("agrees", f"{r.amount.raw} is {name} {_fmt(source.value, r.unit)} for "
                           f"{_period_text(source.period)}, within {_fmt(margin, r.unit)}",
                           source, source.value, said, margin, [x for x in [source.ref] if x])
    name = first.concept or f"row '{first.label}'"
    detail = (f"the sentence says {r.amount.raw} ({r.metric_text}); {name} is {_fmt(first.value, r.unit)} for "
              f"{_period_text(first.period)}")
    status = "contradicts" if _firm(r) else "unverifiable"
    if status == "unverifiable":
        detail += " — but the words do not tie the amount firmly to it"
    return Verdict(status, detail, first, first.value, said, tol + first.precision,
                   [x for x in [first.ref] if x])


def _value_for(r: Reading, st: Statements, period: Period) -> Source | None:
    concepts = _concepts(r)
    if concepts:
        found = st.fact(concepts, period)
        if found is not None:
            return found
    return st.row(r.metric.text, period) if r.metric is not None else None


def _judge_change(r: Reading, st: Statements) -> Verdict:
    if r.period is None or r.comparator is None:
        return Verdict("unverifiable", "the periods compared cannot be told")
    now, before = _value_for(r, st, r.period), _value_for(r, st, r.comparator)
    if now is None or before is None:
        return Verdict("unverifiable", f"no table holds {r.metric_text} for both {_period_text(r.period)} and "
                                       f"{_period_text(r.comparator)}")
    if before.value == 0:
        return Verdict("unverifiable", "the earlier value is zero")
    computed = (now.value - before.value) / abs(before.value) * 100
    said = r.amount.value if r.binding.direction != "decrease" or r.amount.value < 0 else -r.amount.value
    tol = _tolerance(r) + Decimal("0.000001")
    shown = computed.quantize(Decimal("0.01"), ROUND_HALF_UP)
    inputs = [x for x in (now.ref, before.ref) if x]
    if abs(computed - said) <= tol:
        unit = r.entry.unit if r.entry is not None and r.entry.unit != "percent" else "USD"
        return Verdict("agrees", f"{r.metric_text}: {_fmt(now.value, unit)} vs {_fmt(before.value, unit)} is a "
                       f"change of {shown}%", now, computed, said, tol, inputs)
    firm = _firm(r) and r.comparator_stated
    detail = (f"the sentence says {r.amount.raw} ({r.metric_text}); the statements give {shown}% "
              f"({_period_text(r.period)} vs {_period_text(r.comparator)})")
    return Verdict("contradicts" if firm else "unverifiable",
                   detail if firm else detail + " — but the comparison is not stated firmly", now, computed, said,
                   tol, inputs)


def _judge_ratio(r: Reading, st: Statements) -> Verdict:
    if r.entry is None or not r.entry.denominator or r.period is None:
        return Verdict("unverifiable", f"no ratio of statement values is known for {r.metric_text}")
    num = st.fact(r.entry.concepts, r.period)
    den = st.fact(r.entry.denominator, r.period)
    if num is None or den is None or den.value == 0:
        return Verdict("unverifiable", f"no table holds both parts of {r.metric_text} for {_period_text(r.period)}")
    computed = num.value / den.value * 100
    tol = _tolerance(r) + Decimal("0.000001")
    inputs = [x for x in (num.ref, den.ref) if x]
    shown = computed.quantize(Decimal("0.01"), ROUND_HALF_UP)
    if abs(computed - r.amount.value) <= tol:
        return Verdict("agrees", f"{r.metric_text}: {num.concept} / {den.concept} = {shown}%", num, computed,
                       r.amount.value, tol, inputs)
    detail = f"the sentence says {r.amount.raw} ({r.metric_text}); {num.concept} / {den.concept} = {shown}%"
    firm = _firm(r)
    return Verdict("contradicts" if firm else "unverifiable", detail, num, computed, r.amount.value, tol, inputs)


def judge(r: Reading, st: Statements) -> Verdict:
    reason = _untied_reason(r)
    if reason is not None:
        return Verdict("unverifiable", reason)
    if r.binding.kind == "change":
        return _judge_change(r, st)
    if r.binding.kind == "ratio" or r.unit == "percent":
        return _judge_ratio(r, st)
    return _judge_value(r, st)


def _comparison(r: Reading, readings: list[Reading]) -> Comparison | None:
    if r.comparison is not None:
        other = readings[r.comparison]
        end = other.amount.end
        if other.period_phrase is not None and other.period_phrase.start >= end:
            end = other.period_phrase.end  # "… compared to $6.6 million for the same period last year"
        return Comparison(text=other.sentence.text[_marker_start(other):end].strip(" ,;"),
                          kind="prior_period", value=other.amount.value,
                          period_end=other.period[0] if other.period else None,
                          period_months=other.period[1] if other.period else None)
    for other in readings:
        if other.change_of is not None and readings[other.change_of] is r:
            return Comparison(text=other.amount.raw, kind="change_percent", value=other.amount.value,
                              direction=other.binding.direction,  # type: ignore[arg-type]
                              period_end=other.comparator[0] if other.comparator else None,
                              period_months=other.comparator[1] if other.comparator else None)
    return None


def _marker_start(r: Reading) -> int:
    text = r.sentence.text[:r.amount.start].lower()
    best = -1
    for marker in ("compared to", "compared with", "compare to", "versus", "from", "as compared"):
        best = max(best, text.rfind(marker))
    return best if best >= 0 else r.amount.start


def tie_readings(readings: list[Reading], facts: list[Fact], tables: list[Table]) -> tuple[list[Mention], list[Check]]:
    """Mentions for the readings, each tied and judged, and a check for each one tied."""
    st = Statements(facts, tables)
    mentions: list[Mention] = []
    checks: list[Check] = []
    for r in readings:
        v = judge(r, st)
        period = r.period
        mention = Mention(
            text=r.amount.raw, value=r.amount.value, high=r.amount.high, unit=r.unit, scale=r.amount.scale,
            kind="guidance" if r.guidance else r.binding.kind, metric=r.metric_text,
            concept=r.entry.concepts[0] if r.entry is not None and r.entry.concepts[0] != "EarningsPerShare"
            else (_concepts(r)[0] if r.entry is not None else None),
            period_text=r.period_phrase.text if r.period_phrase is not None else None,
            period_end=period[0] if period else None, period_months=period[1] if period else None,
            period_source=r.period_source, qualifier=r.amount.approx, flags=list(r.flags),
            binding=f"{r.binding.how}/{r.binding.strength}", comparison=_comparison(r, readings),
            status=v.status, detail=v.detail, span=r.span,  # type: ignore[arg-type]
        )
        if v.source is not None and v.status != "unverifiable":
            src = v.source
            if r.binding.kind == "value":
                # the statement's own period end (a 52/53-week year ends a few days off the calendar's guess)
                mention.period_end, mention.period_months = src.period
            mention.fact = src.ref
            mention.fact_value = src.value if r.binding.kind == "value" else v.expected
            mention.fact_span = src.span
            mention.table, mention.row = src.table, src.row
            mention.tolerance = v.tolerance
            checks.append(Check(rule="narrative", status="pass" if v.status == "agrees" else "fail",
                                expected=v.expected, actual=v.actual, tolerance=v.tolerance, detail=v.detail,
                                table=src.table, inputs=v.inputs or [], span=r.span))
        mentions.append(mention)
    return mentions, checks
