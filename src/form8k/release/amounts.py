"""Amount phrases of press-release prose: "$3.0 million", "$(0.22)", "$18-20 million", "83 percent".

`find_amounts(text)` finds every money, per-share, share-count, percentage and
scaled count amount in a stretch of prose; `parse_amount(raw)` reads one phrase
given alone. Each keeps its raw text beside a `Decimal` value in base units
(dollars, shares, percent points as printed) and the rounding step its printed
precision implies, so "$3.0 million" is 3,000,000 give or take 50,000.

Bare numbers ("2006", "128 Sidney Street", "Phase I", "Q4") are not amounts:
an amount needs a currency sign, a percent, a scale word or the word "shares".
Junk in gives None out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from form8k.text.fold import fold

__all__ = ["AmountPhrase", "find_amounts", "may_hold_amount", "parse_amount"]

SCALES: dict[str, int] = {
    "thousand": 1_000, "k": 1_000,
    "million": 1_000_000, "mm": 1_000_000, "mn": 1_000_000, "m": 1_000_000,
    "billion": 1_000_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}


@dataclass(frozen=True, slots=True)
class AmountPhrase:
    """One amount as printed: `raw` at `[start, end)` of the text it was found in."""

    raw: str
    value: Decimal  # the amount (the low end of a range), in base units, negative when printed so
    unit: str  # USD, USD/share, shares, percent, pp (percentage points), bp, count
    scale: int = 1
    step: Decimal = Decimal(1)  # the rounding step of the printed precision, in base units
    high: Decimal | None = None  # the high end of a range ("$18-20 million")
    approx: str | None = None  # about, approximately, nearly, ~ …
    per: str | None = None  # for per-share amounts: basic, diluted, basic and diluted
    start: int = 0
    end: int = 0

    @property
    def is_range(self) -> bool:
        return self.high is not None


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_APPROX = r"(?P<approx>(?:approximately|approx\.|about|around|nearly|almost|roughly|over|more\s+than|less\s+than|" \
          r"under|up\s+to|at\s+least|some)\s+|~\s?)?"
_APPROX_FIRST = "anormlus~"  # the first letters of the _APPROX words
_CUR = r"(?:\\?\$|US\$|USD\s?)"
_SCALE = r"(?:\s*(?P<{name}>thousand|million|billion|trillion|MM|mm|mn|bn|(?-i:[MBK]))\b)"
_SHARE_Q = r"(?P<q>basic\s+and\s+diluted|diluted\s+and\s+basic|basic|fully\s+diluted|diluted)"
_PER_SHARE = (r"(?P<ps>\s*(?:per|a)\s+(?:" + _SHARE_Q + r"\s+)?(?:common\s+|ordinary\s+)?share\b"
              r"(?:\s+on\s+an?\s+(?P<q2>basic|fully\s+diluted|diluted)\s+basis)?)")
_RANGE_SEP = r"\s*(?:-|–|—|to|and)\s*"

# The patterns open with a lookahead for the characters a match can start with: the search skips every
# other position at once instead of trying each _APPROX word there.
_MONEY = re.compile(
    rf"(?=[{_APPROX_FIRST}(\\$])"
    + _APPROX
    + r"(?P<neg>\(\s*)?(?P<cur>" + _CUR + r")\s?(?P<neg_in>\(\s*)?(?P<num>" + _NUM + r")(?P<close>\s*\))?"
    + _SCALE.format(name="scale") + "?"
    + r"(?:(?P<sep>" + _RANGE_SEP + r")(?:" + _CUR + r")?\s?(?P<num2>" + _NUM + r")" + _SCALE.format(name="scale2") + "?)?"
    + _PER_SHARE + "?",
    re.I,
)
_WORD_NUM = "|".join(NUMBER_WORDS)
_PERCENT = re.compile(
    rf"(?=[{_APPROX_FIRST}(\-−.\dotfsen])"  # a sign, a digit, or a number word's first letter (one … fifty)
    + _APPROX
    + r"(?<![\w.,/])(?P<neg>\(\s*|[-−]\s?)?(?P<num>" + _NUM + r"|" + _WORD_NUM + r")"
    + r"(?:(?P<sep>\s*(?:%|percent)?\s*(?:-|–|to|and)\s*)(?P<num2>" + _NUM + r"))?"
    + r"\s*(?P<unit>%|\s?percent\b|\s?per\s+cent\b|\s?percentage\s+points?\b|\s?basis\s+points?\b|\s?bps\b)"
    + r"(?P<close>\s*\))?",
    re.I,
)
_COUNT = re.compile(
    rf"(?=[{_APPROX_FIRST}\d.])"
    + _APPROX
    + r"(?<![\w.,/$])(?P<num>" + _NUM + r")\s+(?P<scale>thousand|million|billion|trillion)\b"
    + r"(?:\s+(?P<shares>(?:(?:of\s+(?:its\s+|our\s+|the\s+company'?s\s+)?)?(?:common|ordinary|diluted|weighted[- ]average|"
      r"equivalent|outstanding|basic)\s+){0,3}shares)\b)?",
    re.I,
)
_SHARES = re.compile(
    rf"(?=[{_APPROX_FIRST}\d])"
    + _APPROX + r"(?<![\w.,/$])(?P<num>\d{1,3}(?:,\d{3})+|\d+)\s+(?P<shares>(?:(?:common|ordinary|diluted|equivalent|"
    r"outstanding)\s+){0,2}shares)\b",
    re.I,
)
# Text with an amount holds "$", "%", one of these words (tested in folded text) or a spaced unit.
_AMOUNT_WORDS = ("percent", "bps", "thousand", "million", "billion", "trillion", "shares")
_SPACED_UNIT = re.compile(r"per\s+cent|basis\s+point", re.I)
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)
_FROM = re.compile(r"\bfrom\s*$", re.I)


_MAX_DIGITS = 18  # more digits than any amount a filing states: a run of digits, not a number


def _dec(text: str) -> Decimal | None:
    word = NUMBER_WORDS.get(text.lower())
    if word is not None:
        return Decimal(word)
    if sum(c.isdigit() for c in text) > _MAX_DIGITS:
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _clean(value: Decimal) -> Decimal:
    """3000000.0 -> 3000000, 0.10 -> 0.10 kept as printed to the cent: integral values lose their exponent."""
    if value == value.to_integral_value():
        try:
            return value.quantize(Decimal(1))
        except InvalidOperation:  # more digits than the context holds ("1e5000"): kept as read
            return value
    return value


def _step(num: str, scale: int) -> Decimal:
    if num.lower() in NUMBER_WORDS:
        return Decimal(scale)
    decimals = len(num.split(".", 1)[1]) if "." in num else 0
    return _clean(Decimal(1).scaleb(-decimals) * scale)


def _scale_of(word: str | None) -> int:
    if not word:
        return 1
    return SCALES.get(word.lower(), 1)


def _share_qualifier(q: str | None) -> str | None:
    if not q:
        return None
    q = " ".join(q.lower().split())
    if "basic" in q and "diluted" in q:
        return "basic and diluted"
    return "diluted" if "diluted" in q else "basic"


def _approx(m: re.Match[str]) -> str | None:
    a = m.group("approx")
    return " ".join(a.split()).lower() if a else None


def _money(m: re.Match[str], text: str) -> AmountPhrase | None:
    num, num2 = m.group("num"), m.group("num2")
    end = m.end()
    if num2 is not None:
        sep = (m.group("sep") or "").strip().lower()
        before = text[max(0, m.start() - 12):m.start()]
        if (sep == "and" and not _BETWEEN.search(before)) or (sep == "to" and _FROM.search(before)):
            # "$3.0 million and $0.07 per share", "from $5 million to $6 million": two amounts, not a range
            num2 = None
            end = m.start("sep")
    scale = _scale_of(m.group("scale"))
    scale2 = _scale_of(m.group("scale2")) if num2 is not None else 1
    if num2 is not None and scale == 1 and scale2 != 1:
        scale = scale2  # "$18-20 million": the scale word covers both ends
    if num2 is not None and scale2 == 1:
        scale2 = scale
    value = _dec(num)
    if value is None:
        return None
    value = _clean(value * scale)
    opened = bool(m.group("neg") or m.group("neg_in"))
    negative = opened and bool(m.group("close"))
    high = None
    if num2 is not None:
        high_v = _dec(num2)
        if high_v is None:
            return None
        high = _clean(high_v * scale2)
        if high < value:  # "$18-20" is a range; "$20-18" is not
            return None
    per_share = m.group("ps") is not None and end == m.end()
    if negative:
        value = -value
        if high is not None:
            high = -high
    start = m.start("approx") if m.group("approx") else m.start()
    if m.group("neg") and not negative:
        start = m.start("cur")  # "($0.88 per share …)": the parenthesis belongs to the sentence
    if m.group("close") and not negative and end == m.end() and m.group("ps") is None \
            and m.group("scale") is None and num2 is None:
        end = m.end("num")
    return AmountPhrase(raw=text[start:end], value=value, unit="USD/share" if per_share else "USD", scale=scale,
                        step=_step(num, scale), high=high, approx=_approx(m),
                        per=_share_qualifier(m.group("q") or m.group("q2")) if per_share else None,
                        start=start, end=end)


def _percent(m: re.Match[str], text: str) -> AmountPhrase | None:
    value = _dec(m.group("num"))
    if value is None:
        return None
    if m.group("num2") is not None:
        sep = m.group("sep").lower()
        before = text[max(0, m.start() - 12):m.start()]
        if ("and" in sep and not _BETWEEN.search(before)) or ("to" in sep and _FROM.search(before)):
            return None  # two amounts; each is found on its own
    unit_word = m.group("unit").lower()
    unit = "pp" if "point" in unit_word and "percentage" in unit_word else \
        "bp" if ("basis" in unit_word or "bps" in unit_word) else "percent"
    neg = m.group("neg") or ""
    negative = bool(neg) and (not neg.startswith("(") or bool(m.group("close")))
    high = _dec(m.group("num2")) if m.group("num2") else None
    if high is not None and high < value:
        return None
    if negative:
        value = -value
    end = m.end() if (negative or not m.group("close")) else m.end("unit")
    start = m.start("approx") if m.group("approx") else (m.start("neg") if negative else m.start("num"))
    return AmountPhrase(raw=text[start:end], value=value, unit=unit, step=_step(m.group("num"), 1), high=high,
                        approx=_approx(m), start=start, end=end)


def _count(m: re.Match[str], text: str) -> AmountPhrase | None:
    value = _dec(m.group("num"))
    if value is None:
        return None
    scale = _scale_of(m.group("scale")) if "scale" in m.re.groupindex else 1
    unit = "shares" if m.group("shares") else "count"
    start = m.start("approx") if m.group("approx") else m.start("num")
    return AmountPhrase(raw=text[start:m.end()], value=_clean(value * scale), unit=unit, scale=scale,
                        step=_step(m.group("num"), scale), approx=_approx(m), start=start, end=m.end())


def may_hold_amount(text: str) -> bool:
    """False when `text`, and so every part of it, has no amount phrase (a quick test of the words one needs)."""
    return _may_hold_amount(text, fold(text))


def _may_hold_amount(text: str, low: str) -> bool:
    return bool("$" in text or "%" in text or any(word in low for word in _AMOUNT_WORDS)
                or (("cent" in low or "point" in low) and _SPACED_UNIT.search(text)))


def find_amounts(text: str) -> list[AmountPhrase]:
    """Every amount phrase in `text`, in order, none overlapping.

    >>> [a.raw for a in find_amounts("a net loss of $3.0 million, or $0.07 per basic and diluted share")]
    ['$3.0 million', '$0.07 per basic and diluted share']
    """
    low = fold(text)
    if not _may_hold_amount(text, low):
        return []
    found: list[AmountPhrase] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    # Each pattern runs only on text holding what it cannot match without (see form8k.text.fold).
    patterns = [(_MONEY, _money)] if "$" in text or "usd" in low else []
    if "%" in text or "cent" in low or "basis" in low or "bps" in low:
        patterns.append((_PERCENT, _percent))
    if "thousand" in low or "illion" in low:
        patterns.append((_COUNT, _count))
    if "shares" in low:
        patterns.append((_SHARES, _count))
    for pattern, reader in patterns:
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            phrase = reader(m, text)
            # a phrase cut short ("$3.0 million and …") lets the search resume where it ended
            pos = max(phrase.end, m.start() + 1) if phrase is not None else m.start() + 1
            if phrase is None or not free(phrase.start, phrase.end):
                continue
            found.append(phrase)
            taken.append((phrase.start, phrase.end))
    found.sort(key=lambda p: p.start)
    return found


def parse_amount(raw: str) -> AmountPhrase | None:
    """One amount phrase given alone, or None when `raw` is not exactly one amount.

    >>> parse_amount("$18-20 million").high
    Decimal('20000000')
    >>> parse_amount("Phase I") is None
    True
    """
    text = raw.strip()
    phrases = find_amounts(text)
    if len(phrases) != 1:
        return None
    phrase = phrases[0]
    leftover = (text[:phrase.start] + text[phrase.end:]).strip(" .,;:")
    if leftover:
        return None
    return phrase
