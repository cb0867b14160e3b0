"""Narrative mentions: every amount in a press release's prose, with its metric, period and comparison.

    "For the three-month period ended December 31, 2006, ImmunoGen reported a
    net loss of $3.0 million, or $0.07 per basic and diluted share, compared to
    a net loss of $3.5 million, or $0.09 per basic and diluted share, for the
    same period last year."

gives four readings: net loss $3.0 million and $0.07 per share for the quarter
ended 2006-12-31 (3 months), each compared with the prior-year figure read in
the same sentence, and those two prior-year figures for 2005-12-31.

A sentence is split at its comparison markers ("compared to", "versus", "up
from") into segments: the first holds what the sentence reports, the others
what it compares with. A period phrase in a segment dates the amounts of that
segment; a segment without one takes the paragraph's last stated period, then
the release's current quarter (and says so: `period_source` "carried" or
"assumed"). Relative phrases ("the same period last year") resolve against the
first segment's period. Tying the readings to the statements is `tie.py`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from form8k.models import Problem
from form8k.release.amounts import AmountPhrase, find_amounts, may_hold_amount
from form8k.release.binding import Binding, Token, bind, tokenize
from form8k.release.lexicon import MetricEntry, MetricPhrase, concept_entry, lookup, read_metric
from form8k.release.periods import Period, PeriodPhrase, find_periods, resolve, shift_years
from form8k.release.prose import Paragraph, Sentence, sentences
from form8k.statements.fiscal import TOLERANCE_DAYS, FiscalCalendar

__all__ = ["Reading", "read_narrative", "segment_headings"]

_FORWARD = re.compile(r"\b(?:expects?|expected\s+to|anticipates?|projects?|forecasts?|guidance|outlook|targets?|"
                      r"targeting|reaffirm\w*|reiterat\w*|looking\s+ahead|sees|estimates?\s+(?:that|its)|"
                      r"plans?\s+to|intends?\s+to|will\s+be)\b", re.I)
_GUIDANCE_WORDS = re.compile(r"\b(?:guidance|outlook|targets?|expects?|anticipates?|forecasts?|projects?)\b", re.I)
_YOY = re.compile(r"\b(?:year[- ]over[- ]year|year[- ]on[- ]year|from\s+(?:the\s+)?(?:a\s+)?year[- ]ago|"
                  r"over\s+the\s+(?:prior|previous)\s+year|(?:versus|vs\.?|compared\s+(?:to|with)|from|over|than)\s+"
                  r"(?:the\s+)?(?:same\s+(?:period|quarter)|last\s+year|prior[- ]year|year[- ]ago|a\s+year\s+ago))",
                  re.I)
_NON_GAAP_LEAD = re.compile(r"^\s*(?:on\s+an?\s+)?(?P<f>non-gaap|adjusted|pro\s+forma)\b", re.I)
_GENERIC_HEADING = re.compile(
    r"\b(?:results?|financial|highlights?|outlook|guidance|update|webcast|conference|call|about|forward|statements?|"
    r"position|developments?|summary|overview|information|quarter|year|fiscal|dividends?|corporate|business|"
    r"liquidity|capital|cash|balance|outcome|targets?|recent|other|reconciliation|non-gaap|notes?|contacts?|"
    r"trademarks?|safe|harbor|financials)\b", re.I)


@dataclass(slots=True)
class Reading:
    """One amount of the prose, read in its sentence."""

    amount: AmountPhrase
    sentence: Sentence
    span: tuple[int, int]  # filing-global
    binding: Binding
    metric: MetricPhrase | None = None
    entry: MetricEntry | None = None
    period_phrase: PeriodPhrase | None = None
    period: Period | None = None
    period_source: str = "assumed"  # stated, carried, assumed
    segment: int = 0
    flags: list[str] = field(default_factory=list)
    guidance: bool = False
    compares: int | None = None  # index (in the release's readings) of the reading this one is compared with
    comparison: int | None = None  # index of the reading holding this one's comparison value
    change_of: int | None = None  # for a percent change: index of the amount that changed
    comparator: Period | None = None  # for a percent change: the period compared against
    comparator_stated: bool = False
    comparator_phrase: PeriodPhrase | None = None
    scope: str | None = None  # a segment heading the paragraph sits under
    clause: int = 0
    unit: str = ""  # the amount's unit as the metric reads it ("$2.66 and $2.86" of earnings per share: USD/share)

    def __post_init__(self) -> None:
        self.unit = self.unit or self.amount.unit

    @property
    def metric_text(self) -> str | None:
        return self.metric.text if self.metric else None


def segment_headings(paras: list[Paragraph], company: str | None = None) -> dict[int, str]:
    """Paragraph index -> the business-segment heading it sits under ("Domestic", "Sears Canada").

    A heading counts as a segment's when it is not a generic one ("Financial
    Position", "Outlook") and the paragraph after it opens by naming it ("The
    Domestic segment …", "Sears Canada reported …"), or it says "segment".
    """
    scope: dict[int, str] = {}
    current: str | None = None
    company_low = (company or "").lower()
    for i, p in enumerate(paras):
        if p.is_heading:
            head = p.text.strip().strip(":")
            low = head.lower()
            following = paras[i + 1].text.lower() if i + 1 < len(paras) else ""
            named = following.startswith((low, "the " + low))
            current = None
            if ("segment" in low and "highlight" not in low) or (named and not _GENERIC_HEADING.search(head)
                                                                  and low not in company_low):
                current = head
            continue
        if current is not None:
            scope[i] = current
    return scope


@dataclass(slots=True)
class Segments:
    """Per token: its segment id, whether the segment reports (0) or compares (1), and its clause id."""

    seg: list[int]
    role: list[int]
    clause: list[int]


_CLAUSE_AFTER_COMMA = frozenset({"reflecting", "including", "driven", "due", "primarily", "which", "based",
                                 "representing", "as", "while", "whereas", "and", "but", "reflects", "excluding"})
_PERCENT_UNITS = frozenset({"percent", "pp", "bp"})
_COMPARATOR_WORDS = frozenset({"from", "over", "versus", "vs", "compared", "than", "against"})
_LINK_WORDS = frozenset({"was", "were", "is", "are", "of", "to", "be", "totaled", "reached"})


def _segments(tokens: list[Token]) -> Segments:
    """Cut a sentence at comparison markers ("compared to", "versus", "up from") and at new clauses."""
    seg = [0] * len(tokens)
    role = [0] * len(tokens)
    clause = [0] * len(tokens)
    s = r = c = 0
    seen_amount = False
    for i, t in enumerate(tokens):
        low = t.low if t.kind == "W" else ""
        nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
        marker = False
        if low in ("compared", "compare", "comparing") and nxt in ("to", "with") or low in ("versus", "vs", "vs."):
            marker = True
        elif low == "from" and seen_amount:
            rest = tokens[i + 1:i + 8]
            if not nxt.startswith("operat") and any(x.kind == "A" for x in rest) and \
                    not any(x.kind == "P" and x.text == ";" for x in rest):
                marker = True
        elif t.kind == "P" and t.text == ";":
            s, r, c, seen_amount = s + 1, 0, c + 1, False
        elif r == 1 and ((t.kind == "P" and t.text == "," and nxt in ("and", "while", "whereas"))
                         or low in ("while", "whereas")):
            # ", and cash used in operations also to be between …": a new clause with its own metric
            ahead = []
            for x in tokens[i + (1 if low else 2):]:
                if x.kind == "A":
                    break
                ahead.append(x.low)
            if ahead and not {"compared", "versus", "vs"} & set(ahead) and _LINK_WORDS & set(ahead):
                s, r, c, seen_amount = s + 1, 0, c + 1, False
        if marker:
            s, r, seen_amount = s + 1, 1, False
        if t.kind == "A":
            seen_amount = True
        seg[i], role[i], clause[i] = s, r, c
    return Segments(seg, role, clause)


def _flags_around(tokens: list[Token], k: int, sg: Segments) -> list[str]:
    """Modifiers after an amount: "$3.80 on a non-GAAP basis", "13 percent in constant currency"."""
    flags: list[str] = []
    words: list[str] = []
    for i in range(k + 1, len(tokens)):
        t = tokens[i]
        if t.kind == "A" or sg.seg[i] != sg.seg[k] or (t.kind == "P" and t.text in ";"):
            break
        words.append(t.low)
        if len(words) > 8:
            break
    right = " ".join(words)
    basis = _BASIS.match(right)
    if basis is not None:
        word = basis.group("b")
        flags.append("non-GAAP" if word == "non-gaap" else "constant currency" if "currency" in word else word)
    if right.startswith(("excluding", "before", "but for", "if not for")):
        flags.append("adjusted")
    if "respectively" in right:
        flags.append("respectively")
    return flags


_BASIS = re.compile(r"^(?:on\s+an?\s+|in\s+|\(\s*)?(?P<b>non-gaap|constant[- ]currency|adjusted|pro\s+forma)\b")
_PREVIOUS = re.compile(r"^(?:the\s+)?(?:previous|prior|earlier|original|initial|last)?\s*(?:guidance|outlook|forecast|"
                       r"targets?|estimates?|expectations?|range)$", re.I)


# A sentence with more amounts than this is a table or a list run into one line, not prose: binding each of
# its amounts to the words around it costs the square of their number, and none reads as a statement of fact.
MAX_SENTENCE_AMOUNTS = 60


def read_narrative(paras: list[Paragraph], cal: FiscalCalendar, doc_start: int,
                   scopes: dict[int, str] | None = None, release_year: int | None = None,
                   problems: list[Problem] | None = None) -> list[Reading]:
    """Every amount in the paragraphs, read with its metric, period and comparison; a sentence of more than
    `MAX_SENTENCE_AMOUNTS` amounts is left unread, with a `long_sentence` problem in `problems`."""
    readings: list[Reading] = []
    scopes = scopes or {}
    current: Period | None = (cal.current_end, 3) if cal.current_end is not None else None
    last_base = 0
    for pi, para in enumerate(paras):
        if not may_hold_amount(para.text):
            continue  # no sentence of it has an amount, nor dates one
        carry: Period | None = None
        read = [(sentence, find_amounts(sentence.text)) for sentence in sentences(para)]
        # A sentence without amounts only carries its period to the paragraph's later sentences with amounts.
        last = max((k for k, (_, amounts) in enumerate(read) if amounts), default=-1)
        for k, (sentence, amounts) in enumerate(read):
            if not amounts and k > last:
                break
            periods = find_periods(sentence.text, release_year)
            if not amounts:
                stated = [p for p in periods if p.kind in ("dated", "quarter", "year", "ytd", "ttm")]
                if stated and (r := resolve(stated[0], cal, current)) is not None:
                    carry = r
                continue
            if len(amounts) > MAX_SENTENCE_AMOUNTS:
                if problems is not None:
                    problems.append(Problem(
                        code="long_sentence", component="release", span=sentence.doc_span(0, len(sentence.text)),
                        message=f"a sentence of {len(amounts)} amounts is not read as prose "
                                f"(more than {MAX_SENTENCE_AMOUNTS}: a table or list run into one line)"))
                continue
            base = len(readings)
            _read_sentence(sentence, amounts, periods, cal, carry, current, scopes.get(pi), doc_start, readings,
                           last_base)
            last_base = base
            stated0 = [r for r in readings[base:] if r.segment == 0 and r.period_source == "stated"
                       and not r.guidance and r.period_phrase is not None
                       and r.period_phrase.kind not in ("prior_year", "same_in_year")]
            if stated0 and stated0[0].period is not None:
                carry = stated0[0].period
    return readings


def _read_sentence(sentence: Sentence, amounts: list[AmountPhrase], periods: list[PeriodPhrase],
                   cal: FiscalCalendar, carry: Period | None, current: Period | None, scope: str | None,
                   doc_start: int, readings: list[Reading], before_base: int) -> None:
    tokens = tokenize(sentence.text, amounts, periods)
    sg = _segments(tokens)
    before = readings[before_base:]
    forward = bool(_FORWARD.search(sentence.text))
    base = len(readings)
    clause_period: dict[int, Period] = {}
    bindings: dict[int, Binding] = {}
    lead = _NON_GAAP_LEAD.match(sentence.text)
    for k, t in enumerate(tokens):
        if t.kind != "A":
            continue
        amount = amounts[t.ref]
        lo = k
        while lo > 0 and sg.seg[lo - 1] == sg.seg[k]:
            lo -= 1
        hi = k
        while hi < len(tokens) and sg.seg[hi] == sg.seg[k]:
            hi += 1
        b = bind(tokens, k, amount, lo, hi, bindings)
        b.flags += [f for f in _flags_around(tokens, k, sg) if f not in b.flags]
        if "respectively" in b.flags:
            b.strength = "weak"
        if lead and lead.group("f").lower() not in [f.lower() for f in b.flags]:
            b.flags.append("non-GAAP" if lead.group("f").lower() == "non-gaap" else lead.group("f").lower())
        bindings[t.ref] = b
        a, e = sentence.doc_span(amount.start, amount.end)
        reading = Reading(amount=amount, sentence=sentence, span=(doc_start + a, doc_start + e), binding=b,
                          segment=sg.role[k], clause=sg.clause[k], scope=scope)
        anchor = clause_period.get(sg.clause[k]) or next(iter(clause_period.values()), None) or carry or current
        _period_of(reading, tokens, k, sg, periods, cal, anchor, carry)
        if sg.role[k] == 0 and reading.period is not None:
            clause_period.setdefault(sg.clause[k], reading.period)
        readings.append(reading)
    rs = readings[base:]
    _link_comparisons(rs, base, before, before_base)
    for r in rs:
        _metric_of(r, rs, base)
        r.flags = list(dict.fromkeys([*r.binding.flags, *(r.metric.flags if r.metric else ())]))
        if r.scope and "segment" not in r.flags:
            r.flags.append("segment")
    for r in rs:
        future = r.period is not None and cal.current_end is not None and \
            (r.period[0] - cal.current_end).days > TOLERANCE_DAYS
        r.guidance = forward and (future or (r.period_source != "stated" and bool(_GUIDANCE_WORDS.search(sentence.text))))
        if r.binding.kind == "change":
            if r.change_of is None and r.binding.change_of is not None:
                r.change_of = base + r.binding.change_of
            _comparator_of(r, sentence.text, cal, readings)


def _amount_unit(t: Token) -> str:
    return "percent" if re.search(r"%|percent|points?\b|bps\b", t.text, re.I) else "USD"


def _period_of(r: Reading, tokens: list[Token], k: int, sg: Segments, periods: list[PeriodPhrase],
               cal: FiscalCalendar, anchor: Period | None, carry: Period | None) -> None:
    """Date the amount at tokens[k]: a period phrase of its segment (after it, else before it), else context."""
    s = sg.seg[k]
    change = r.binding.kind == "change"
    chosen: PeriodPhrase | None = None
    for i in range(k + 1, len(tokens)):
        t = tokens[i]
        if sg.seg[i] != s or (t.kind == "P" and t.text == ";"):
            break
        if t.kind == "P" and t.text == "," and i + 1 < len(tokens) and tokens[i + 1].low in _CLAUSE_AFTER_COMMA:
            break  # ", reflecting the year-to-date results": a reason, not the amount's period
        if t.kind == "A" and tokens[k].kind == "A" and r.amount.unit not in _PERCENT_UNITS and \
                _amount_unit(t) in _PERCENT_UNITS:
            break  # "EPS of $2.18, up 16 percent from last year": the rest is about the change
        if change and t.kind == "W" and t.low in _COMPARATOR_WORDS:
            for x in tokens[i + 1:]:  # "decreased 0.7 percent from … for the prior year period ended …"
                if sg.seg[tokens.index(x)] != s:
                    break
                if x.kind == "T":
                    r.comparator_phrase = periods[x.ref]
                    break
            break
        if t.kind == "T":
            p = periods[t.ref]
            if change and p.kind == "prior_year":
                continue  # "a 23 percent increase over the year-ago quarter": the comparator, not the period
            chosen = p
            break
    if chosen is None:
        for i in range(k - 1, -1, -1):
            t = tokens[i]
            if sg.seg[i] != s:
                break
            if t.aside and not tokens[k].aside:
                continue
            if t.kind == "T":
                p = periods[t.ref]
                if change and p.kind == "prior_year":
                    continue
                chosen = p
                break
    comparing = sg.role[k] == 1
    if chosen is not None:
        r.period_phrase = chosen
        # a relative phrase compares with the clause's period in a comparison, else with the paragraph's
        r.period = resolve(chosen, cal, anchor if comparing else (carry or (cal.current_end, 3)
                                                                  if cal.current_end is not None else carry))
        r.period_source = "stated"
        return
    if comparing and anchor is not None:
        r.period = shift_years(anchor, -1, cal)  # "compared to $6.6 million" with no period: a year earlier
        r.period_source = "assumed"
        return
    if carry is not None:
        r.period, r.period_source = carry, "carried"
        return
    if cal.current_end is not None:
        r.period, r.period_source = (cal.current_end, 3), "assumed"


def _link_comparisons(rs: list[Reading], base: int, before: list[Reading], before_base: int) -> None:
    """Pair each amount of a comparison segment with the reported amount of the same unit it compares to.

    "These results compare to revenue of $15.68 billion …" compares with the
    previous sentence's figures: with no reported amount of its own, a sentence
    pairs with the previous one's, by metric.
    """
    own_reported = any(x.segment == 0 for x in rs)
    for i, r in enumerate(rs):
        if r.segment == 0 or r.binding.kind == "change":
            continue
        firsts = [j for j, x in enumerate(rs) if x.segment == 0 and x.clause == r.clause
                  and x.binding.kind != "change" and x.amount.unit == r.amount.unit and x.comparison is None]
        pool, pool_base = rs, base
        if not firsts and not own_reported and r.binding.metric:
            key = read_metric(r.binding.metric).key
            firsts = [j for j, x in enumerate(before) if x.segment == 0 and x.comparison is None
                      and x.amount.unit == r.amount.unit and x.binding.metric
                      and read_metric(x.binding.metric).key == key]
            pool, pool_base = before, before_base
        if not firsts:
            continue
        j = firsts[0]
        first = pool[j]
        previous = r.binding.metric is not None and bool(_PREVIOUS.match(r.binding.metric))
        if r.binding.metric is None or previous:
            r.binding = Binding(metric=first.binding.metric, how="comparison", strength=first.binding.strength,
                                kind=first.binding.kind, flags=[*first.binding.flags, *r.binding.flags])
        if previous:
            r.binding.flags.append("previous guidance")
            r.period, r.period_source = first.period, first.period_source
        r.compares = pool_base + j
        first.comparison = base + i


def _metric_of(r: Reading, rs: list[Reading], base: int) -> None:
    """Read the bound metric words against the lexicon, in the unit the amount has."""
    text = r.binding.metric
    if text is None:
        return
    metric = read_metric(text)
    if r.compares is not None:
        # "Online sales … compared to net sales of $46.1 million": the comparison names the head noun of a
        # narrower metric; it still means that narrower metric
        first = rs[r.compares - base] if 0 <= r.compares - base < len(rs) else None
        if first is not None and first.metric is not None and first.entry is None and metric.key:
            narrow = set(first.metric.key.split()) - {"net"}
            words = set(metric.key.split()) - {"net"}
            if words and words < narrow:
                metric = first.metric
    r.metric = metric
    unit = r.amount.unit
    if unit in ("percent", "pp", "bp"):
        if r.binding.kind == "ratio":
            r.entry = lookup(metric.key, "percent")
        elif r.binding.kind == "change":
            r.entry = concept_entry(metric.key)
        return
    if unit == "count" and metric.key.split()[-1:] in (["share"], ["count"]) and "share" in metric.key:
        unit = r.unit = "shares"  # "share count of ~458 million"
    r.entry = lookup(metric.key, unit if unit != "count" else "")
    if r.entry is None and unit == "USD":
        per_share = lookup(metric.key, "USD/share")
        if per_share is not None:  # "earnings per share to be between $2.66 and $2.86"
            r.entry, r.unit = per_share, "USD/share"
    if r.entry is None and " percentage of " in f" {metric.key} " and unit == "percent":
        # "selling and administrative expenses as a percentage of revenues"
        head, _, denominator = metric.key.partition(" a percentage of ")
        num, den = lookup(head.removesuffix(" as").strip(), "USD"), lookup(denominator.strip(), "USD")
        if num is not None and den is not None:
            r.entry = MetricEntry(phrase=metric.key, concepts=num.concepts, unit="percent",
                                  denominator=den.concepts)


def _comparator_of(r: Reading, sentence: str, cal: FiscalCalendar, readings: list[Reading]) -> None:
    """The period a percent change compares against: a year earlier unless the sentence says otherwise."""
    base = readings[r.change_of].period if r.change_of is not None and r.change_of < len(readings) else None
    if base is not None and r.period_source != "stated":
        r.period, r.period_source = base, readings[r.change_of].period_source if r.change_of is not None else "assumed"
    period = r.period or base
    if period is None:
        return
    if "sequential" in r.binding.flags:
        return
    if r.comparator_phrase is not None:
        r.comparator = resolve(r.comparator_phrase, cal, period)
        r.comparator_stated = r.comparator is not None
        return
    r.comparator = shift_years(period, -1, cal)
    r.comparator_stated = bool(_YOY.search(sentence)) or any(
        x.compares is not None for x in readings if x.sentence is r.sentence)
