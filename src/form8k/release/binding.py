"""Which metric an amount in a sentence describes.

A sentence is read as tokens: words, punctuation, amounts (`A`) and period
phrases (`T`). Parentheticals without amounts ("(SaaS)", "(Nasdaq: IMGN)") and
appositives (", primarily consisting of interest income,") are set aside first.
An amount then takes its metric from, in this order:

    of/in NP      "$6.6 million of research and development support fees"
    amount NP     "a $2.0 million milestone", "4.13 million Macs"
    NP link       "Revenues … were $12.1 million", "net loss of $3.0 million",
                  "revenues were up 4% to $8.9 billion", "net loss to be between $18-20 million"
    per share     "$3.0 million, or $0.07 per basic and diluted share": the per-share form of the money's metric
    coordination  "$2.71 on a GAAP basis and $3.80 on a non-GAAP basis"

How firmly the words bind the amount is kept (`strong`/`weak`): a figure
read through "included $X of other income received from a former partner"
is a part of the metric, and a part may differ from the whole without the
filing contradicting itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from operator import itemgetter

from form8k.release.amounts import AmountPhrase
from form8k.release.periods import PeriodPhrase

__all__ = ["Token", "Binding", "tokenize", "bind"]

_WORD = re.compile(r"[A-Za-z0-9][\w'’&\-]*(?:\.(?=[A-Za-z]\.))?")

BOUNDARY = frozenset(["that", "while", "whereas", "which", "who", "with", "as", "but", "when", "where", "because", "since", "although", "though", "after", "before", "if", "than", "by", "from", "compared", "versus", "vs", "against", "reported", "reports", "posted", "posts", "achieved", "achieves", "had", "has", "have", "generated", "generates", "recorded", "records", "delivered", "delivers", "announced", "announces", "sold", "sells", "saw", "sees", "expects", "expect", "expected", "anticipates", "anticipate", "projects", "project", "forecasts", "estimates", "believes", "include", "includes", "included", "including", "excluding", "exclude", "excludes", "returned", "repurchased", "declared", "produced", "earned", "raised", "lowered", "said", "says", "noted", "stated", "reaching", "generating", "see", "to", "represents", "representing", "reflecting", "driven", "resulting", "led", "leading", "accounting", "accounted", "increase", "drove", "drives", "drive", "helped", "made", "marked", "set", "hit", "surpassed", "exceeded", "topped", "is", "are", "was", "were", "be", "been", "being", "approaching", "assume", "assumes", "assumed", "assuming", "exceeding", "bringing", "making", "driving", "delivering", "achieving", "decrease", "through"])
COMPONENT = frozenset({"include", "includes", "included", "including", "excluding", "exclude", "excludes"})
_RIGHT_STOP = frozenset(["for", "during", "in", "as", "compared", "versus", "vs", "from", "related", "relating", "received", "attributable", "associated", "resulting", "due", "which", "that", "or", "to", "on", "at", "by", "primarily", "mainly", "was", "were", "is", "are", "recorded", "earned", "under", "with", "including", "excluding", "over", "when", "through", "after", "before", "since", "respectively", "year-over-year", "representing", "reflecting", "driven", "while", "exiting", "this", "these", "those", "compare", "than", "up", "down", "a", "an", "the", "its", "our", "their", "per", "and", "because", "if", "not", "but", "so", "although", "though", "unless", "until", "would", "could", "should", "will", "may", "might", "also"])
QUALIFIERS = frozenset({"related", "relating", "received", "attributable", "associated", "resulting", "due",
                        "recorded", "earned", "arising", "from"})
_ED_NOUNS = frozenset({"diluted", "consolidated", "combined", "adjusted", "deferred", "accrued", "restricted",
                       "estimated", "unrestricted", "reimbursed", "used", "expected", "advanced", "shared"})
_EDGE_DROP = frozenset({"for", "in", "of", "during", "at", "on", "from", "to", "and", "or", "also", "now", "the",
                        "a", "an", "its", "our", "their", "still"})
_APPOSITIVE_START = frozenset({"primarily", "mainly", "principally", "largely", "which", "who", "consisting",
                               "net", "before", "after", "excluding", "including", "reflecting", "driven", "both",
                               "but", "each"})
_CHANGE_VERB = re.compile(
    r"(?:(?:was|were|is|are|has been|have been)\s+)?(?P<dir>up|down|increased|increases|increase|decreased|"
    r"decreases|decrease|grew|grows|grow|rose|rises|rise|fell|falls|declined|declines|decline|improved|improves|"
    r"dropped|climbed|jumped|gained|reduced|expanded|contracted|lowered|raised)(?:\s+by)?\s*$")
_LINK = re.compile(
    r"(?:(?P<chg>(?:(?:was|were|is|are|has been|have been)\s+)?(?P<dir>up|down|increased|decreased|grew|rose|fell|"
    r"declined|improved|dropped|climbed|jumped|gained|reduced|expanded|contracted)(?:\s+(?:by\s+)?#A)?\s+(?:to|at))|"
    r"(?P<flat>(?:was|were|is|are|remained)\s+(?:unchanged|flat)\s+at)|"
    r"(?P<tobe>(?:to\s+be|be)(?:\s+(?:between|in\s+the\s+range\s+of|approximately|about|around))?|of\s+between|"
    r"in\s+the\s+range\s+of|to\s+range\s+from)|"
    r"(?P<hyp>would\s+have\s+been|would\s+be)|"
    r"(?P<share>accounted\s+for|represented|comprised)|"
    r"(?P<verb>was|were|is|are|totaled|totalled|total|totaling|totalling|reached|amounted\s+to|came\s+in\s+at|of|"
    r"at|equaled|stood\s+at|grew\s+to|rose\s+to|fell\s+to|declined\s+to|increased\s+to|decreased\s+to|"
    r"improved\s+to|reduced\s+to|dropped\s+to|climbed\s+to|expanded\s+to))\s*$")
_CHANGE_AFTER = re.compile(
    r"^\s*(?:(?P<yoy>year[- ]over[- ]year|year[- ]on[- ]year|sequential|unit|annual|y/y)\s+)?"
    r"(?P<dir>growth|increase|decrease|decline|gain|drop|reduction|improvement|higher|lower|rise|jump)\b", re.I)
_CHANGE_LEFT = re.compile(
    r"(?:(?:(?:was|were|is|are|has\s+been|have\s+been)\s+)?(?P<dir>up|down|increased|decreased|grew|grows|grow|rose|rises|fell|falls|declined|improved|dropped|climbed|"
    r"jumped|gained|expanded|reduced|an\s+increase\s+of|a\s+decrease\s+of|a\s+decline\s+of|a\s+reduction\s+of|"
    r"growth\s+of)|(?P<rep>representing|represents|which\s+represents|reflecting|or))(?:\s+by)?\s*$")
_DOWN = {"down", "decreased", "decreases", "decrease", "fell", "falls", "declined", "declines", "decline", "dropped",
         "reduced", "contracted", "lowered", "a decrease of", "a decline of", "a reduction of", "lower", "drop",
         "reduction"}


@dataclass(slots=True)
class Token:
    kind: str  # W word, P punctuation, A amount, T period phrase
    text: str
    start: int
    end: int
    ref: int = -1  # index into the sentence's amounts or periods
    aside: bool = False  # inside an appositive that holds an amount (", but including $0.24 per share …,")
    low: str = field(init=False)  # the text lower-cased, with straight apostrophes: read many times a token

    def __post_init__(self) -> None:
        self.low = self.text.lower().replace("’", "'")


@dataclass(slots=True)
class Binding:
    metric: str | None = None
    how: str = "none"  # of, noun, link, per_share, coordination, comparison, none
    strength: str = "strong"  # strong, weak
    kind: str = "value"  # value, change, ratio, share_of, hypothetical
    direction: str | None = None  # increase, decrease (for a change)
    change_of: int | None = None  # for a change percent bound to another amount: that amount's index
    flags: list[str] = field(default_factory=list)
    stop: str | None = None  # the word that ended the metric phrase


def tokenize(text: str, amounts: list[AmountPhrase], periods: list[PeriodPhrase]) -> list[Token]:
    """Tokens of a sentence; amounts and period phrases are single tokens."""
    protected = sorted([(a.start, a.end, "A", i) for i, a in enumerate(amounts)]
                       + [(p.start, p.end, "T", i) for i, p in enumerate(periods)
                          if all(p.end <= a.start or p.start >= a.end for a in amounts)])
    tokens: list[Token] = []
    i, k = 0, 0
    n = len(text)
    while i < n:
        while k < len(protected) and protected[k][1] <= i:
            k += 1
        if k < len(protected) and protected[k][0] <= i:
            s, e, kind, ref = protected[k]
            tokens.append(Token(kind, text[s:e], s, e, ref))
            i = e
            continue
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        m = _WORD.match(text, i)
        limit = protected[k][0] if k < len(protected) else n
        if m is not None and m.end() <= limit:
            tokens.append(Token("W", m.group(0), i, m.end()))
            i = m.end()
            continue
        tokens.append(Token("P", ch, i, i + 1))
        i += 1
    return _drop_asides(tokens)


def _aside_starts(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i:] open an aside: ", primarily consisting of …", ", net of taxes,", ", but including …"."""
    if i >= len(tokens) or tokens[i].kind != "W":
        return False
    word = tokens[i].low
    after = tokens[i + 1].low if i + 1 < len(tokens) else ""
    if word in ("net", "both", "each"):
        return after == "of"
    if word == "but":
        return after in ("including", "excluding", "before", "after")
    return word in _APPOSITIVE_START


def _drop_asides(tokens: list[Token]) -> list[Token]:
    """Remove parentheticals and appositives that hold no amount."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.kind == "P" and t.text == "(":
            j = i + 1
            while j < len(tokens) and not (tokens[j].kind == "P" and tokens[j].text in "()"):
                j += 1
            if j < len(tokens) and tokens[j].text == ")" and not any(x.kind == "A" for x in tokens[i:j]):
                i = j + 1
                continue
        if t.kind == "P" and t.text == "," and _aside_starts(tokens, i + 1):
            j = i + 1
            while j < len(tokens) and not (tokens[j].kind == "P" and tokens[j].text in ",;."):
                j += 1
            if j < len(tokens) and tokens[j].text == ",":
                if not any(x.kind in "AT" for x in tokens[i:j]):
                    # "Other income, primarily consisting of interest income, was …" reads "Other income was …";
                    # the closing comma stays when another aside opens with it
                    follows = _aside_starts(tokens, j + 1)
                    i = j if follows else j + 1
                    continue
                for x in tokens[i:j + 1]:
                    x.aside = True  # its amounts are read, but the phrase around it reads through it
                out.extend(tokens[i:j + 1])
                i = j + 1
                continue
        out.append(t)
        i += 1
    return out


def _compact(tokens: list[Token], lo: int, hi: int) -> tuple[str, list[tuple[int, int]]]:
    """tokens[lo:hi] as a lower-case string ('#A' for an amount, '#T' for a period) with (offset, token index)
    of each piece. An aside holding amounts is left out unless the amount at `hi` sits in it."""
    skip_aside = hi < len(tokens) and not tokens[hi].aside
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for idx in range(lo, hi):
        t = tokens[idx]
        if skip_aside and t.aside:
            continue
        piece = "#A" if t.kind == "A" else ("#T" if t.kind == "T" else t.low)
        offsets.append((pos, idx))
        parts.append(piece)
        pos += len(piece) + 1
    return " ".join(parts), offsets


def _token_at(offsets: list[tuple[int, int]], char: int, lo: int) -> int:
    """The first token starting at or after `char` of the joined text (`offsets` ascend)."""
    i = bisect_left(offsets, char, key=itemgetter(0))
    if i < len(offsets):
        return offsets[i][1]
    return offsets[-1][1] + 1 if offsets else lo


def _np_left(tokens: list[Token], end: int, lo: int) -> tuple[list[Token], str | None]:
    """The noun phrase ending just before tokens[end], and the word that bounded it."""
    words: list[Token] = []
    j = end - 1
    stop: str | None = None
    while j >= lo:
        t = tokens[j]
        if t.kind == "T" or t.aside:
            j -= 1
            continue
        if t.kind != "W":
            stop = t.text
            break
        if t.low in BOUNDARY and not (t.low in ("from", "by") and j + 1 < end and tokens[j + 1].low.startswith("operat")):
            stop = t.low  # "cash flows from operations" keeps its "from"
            break
        words.append(t)
        j -= 1
    words.reverse()
    while words and words[0].low in _EDGE_DROP:
        words.pop(0)
    while words and words[-1].low in _EDGE_DROP:
        words.pop()
    return words, stop


def _np_right(tokens: list[Token], begin: int, noun: bool) -> tuple[list[Token], str | None]:
    """The noun phrase starting at tokens[begin]; with `noun`, only while the words read as a noun phrase."""
    words: list[Token] = []
    j = begin
    stop: str | None = None
    while j < len(tokens):
        t = tokens[j]
        if t.kind != "W":
            stop = t.text if t.kind == "P" else t.kind
            break
        low = t.low
        if low in ("in", "from", "by") and j + 1 < len(tokens) and tokens[j + 1].low.startswith("operat") and words:
            words.append(t)
            j += 1
            continue
        if low == "and" and j + 1 < len(tokens) and tokens[j + 1].kind == "W" and words and not noun:
            words.append(t)  # "cash and marketable securities"
            j += 1
            continue
        if low in _RIGHT_STOP or (noun and low.endswith("ed") and low not in _ED_NOUNS):
            stop = low
            break
        words.append(t)
        j += 1
        if len(words) >= 8:
            break
    while words and words[-1].low in _EDGE_DROP:
        words.pop()
    return words, stop


def _text(words: list[Token]) -> str | None:
    return " ".join(w.text for w in words) or None


def bind(tokens: list[Token], k: int, amount: AmountPhrase, seg_lo: int, seg_hi: int,
         previous: dict[int, Binding]) -> Binding:
    """The metric of the amount at tokens[k], reading within the segment tokens[seg_lo:seg_hi]."""
    unit = amount.unit
    if unit in ("percent", "pp", "bp"):
        return _bind_percent(tokens, k, seg_lo, previous)
    after = k + 1
    # of/in NP: "$6.6 million of research and development support fees", "$66.7 million in cash and …"
    if after + 1 < seg_hi and tokens[after].kind == "W" and tokens[after].low in ("of", "in") and \
            unit != "USD/share" and tokens[after + 1].kind == "W":
        words, stop = _np_right(tokens, after + 1, noun=False)
        if words:
            strength = "weak" if stop in QUALIFIERS else "strong"
            return Binding(metric=_text(words), how="of", strength=strength, stop=stop)
    # amount NP: "a $2.0 million milestone", "4.13 million Macs", "216.5 million common equivalent shares"
    if unit == "shares":
        words_in_raw = re.sub(r"^[^a-zA-Z]*(?:thousand|million|billion)?\s*", "", amount.raw.split(" ", 1)[-1]) \
            if " " in amount.raw else ""
        if words_in_raw and words_in_raw.lower() != "shares" and not amount.raw.lower().startswith(("approx", "about")):
            return Binding(metric=words_in_raw, how="noun")
    if unit != "USD/share" and after < seg_hi and tokens[after].kind == "W":
        words, stop = _np_right(tokens, after, noun=True)
        if words:
            return Binding(metric=_text(words), how="noun", stop=stop)
    # NP link: "Revenues … were $12.1 million", "revenues were up 4% to $8.9 billion"
    text, offsets = _compact(tokens, seg_lo, k)
    m = _LINK.search(text)
    if m is not None:
        link_at = _token_at(offsets, m.start(), seg_lo)
        words, stop = _np_left(tokens, link_at, seg_lo)
        if stop == "as" and words and words[0].low in ("percentage", "percent"):
            # "selling and administrative expenses as a percentage of revenues increased to 26.0 percent"
            as_at = tokens.index(words[0]) - 2 if tokens.index(words[0]) >= 2 else 0
            head, stop = _np_left(tokens, as_at, seg_lo)
            words = head + [Token("W", "as a", 0, 0)] + words if head else words
        if words:
            b = Binding(metric=_text(words), how="link", stop=stop)
            if m.group("hyp"):
                b.kind = "hypothetical"
            elif m.group("share"):
                b.kind = "share_of"
            if stop in COMPONENT and after < len(tokens) and tokens[after].low in QUALIFIERS:
                b.strength = "weak"  # "included other income of $0.4 million from a former partner": a part
            if m.group("chg"):
                b.direction = "decrease" if m.group("dir") in _DOWN else "increase"
            return b
        if m.group("hyp"):
            # "… up 6% to $0.92, but would have been $0.94 if not for …": the same metric, had things differed
            earlier = [previous[t.ref] for t in tokens[seg_lo:k] if t.kind == "A" and t.ref in previous]
            base = next((x for x in reversed(earlier) if x.kind != "change"), None)
            return Binding(metric=base.metric if base else None, how="link", kind="hypothetical",
                           flags=list(base.flags) if base else [])
    # per share after money: "$3.0 million, or $0.07 per basic and diluted share"; "($0.88 per share on a diluted basis)"
    prev = _previous_amount(tokens, k, seg_lo)
    if prev is not None:
        j, between = prev
        if between in ("or", "(", ", or", "") and j in previous:
            base = previous[j]
            b = Binding(metric=base.metric, how="per_share" if unit == "USD/share" else "coordination",
                        strength=base.strength, flags=list(base.flags), kind=base.kind)
            return b
        if between in ("and", ", and", "or", ", or", ",", "") and j in previous:
            base = previous[j]
            return Binding(metric=base.metric, how="coordination", strength=base.strength, kind=base.kind,
                           flags=list(base.flags))
    return Binding()


def _previous_amount(tokens: list[Token], k: int, lo: int) -> tuple[int, str] | None:
    """The amount token before tokens[k] in the segment, and the connective between them."""
    between: list[str] = []
    j = k - 1
    skip_basis = re.compile(r"^(?:on|a|an|gaap|non-gaap|basis|diluted|basic|per|share|respectively|in|constant|"
                            r"currency)$")
    while j >= lo:
        t = tokens[j]
        if t.kind == "A":
            connective = " ".join(x for x in reversed(between) if x not in (")",)).strip()
            connective = connective.replace(" ,", ",")
            return t.ref, connective
        if t.kind == "T" or (t.kind == "W" and skip_basis.match(t.low)):
            j -= 1
            continue
        if t.kind == "P" and t.text in ",()":
            between.append(t.text)
            j -= 1
            continue
        if t.kind == "W" and t.low in ("and", "or"):
            between.append(t.low)
            j -= 1
            continue
        return None
    return None


def _bind_percent(tokens: list[Token], k: int, lo: int, previous: dict[int, Binding]) -> Binding:
    after_text = " ".join(t.low for t in tokens[k + 1:k + 4] if t.kind == "W")
    text, offsets = _compact(tokens, lo, k)
    change_after = _CHANGE_AFTER.match(after_text)
    change_left = _CHANGE_LEFT.search(text)
    b = Binding()
    if change_after or (change_left and not change_left.group("rep")) or \
            (change_left and change_left.group("rep") and change_left.group(0).strip() != "or"):
        b.kind = "change"
        word = (change_left.group("dir") if change_left and change_left.group("dir") else
                (change_after.group("dir") if change_after else "increase"))
        b.direction = "decrease" if word in _DOWN else "increase"
        if change_after and change_after.group("yoy") and change_after.group("yoy").startswith("sequential"):
            b.flags.append("sequential")
        if change_left and change_left.group("dir"):
            verb_at = _token_at(offsets, change_left.start(), lo)
            words, stop = _np_left(tokens, verb_at, lo)
            if words:
                b.metric, b.how, b.stop = _text(words), "link", stop
                return b
    elif k + 1 < len(tokens) and tokens[k + 1].low == "of":
        words, _ = _np_right(tokens, k + 2, noun=False)
        b.kind, b.metric, b.how = "share_of", _text(words), "of"
        return b
    else:
        m = _LINK.search(text)
        if m is not None and not m.group("tobe"):
            words, stop = _np_left(tokens, _token_at(offsets, m.start(), lo), lo)
            if stop == "as" and words and words[0].low in ("percentage", "percent"):
                at = tokens.index(words[0])
                head, stop = _np_left(tokens, max(at - 2, lo), lo)
                words = head + [Token("W", "as a", 0, 0)] + words if head else words
            if words:
                b.metric, b.how, b.stop = _text(words), "link", stop
                b.kind = "share_of" if m.group("share") else "ratio"
                return b
    prev = _previous_amount(tokens, k, lo)
    if prev is None:
        # ", up 2 percent year over year" after "$119.6 billion": look past the connective words
        for j in range(k - 1, lo - 1, -1):
            if tokens[j].kind == "A":
                prev = (tokens[j].ref, "")
                break
            if tokens[j].kind == "P" and tokens[j].text in ";.":
                break
    if prev is not None and prev[0] in previous:
        base = previous[prev[0]]
        b.metric, b.how, b.flags = base.metric, "coordination", b.flags + list(base.flags)
        if b.kind == "value" and base.kind in ("change", "ratio", "share_of"):
            b.kind, b.direction = base.kind, b.direction or base.direction
        if b.kind == "change":
            # a percent after a percent ("9 percent … or 13 percent in constant currency") changes the same amount
            b.change_of = base.change_of if base.change_of is not None else prev[0]
    return b
