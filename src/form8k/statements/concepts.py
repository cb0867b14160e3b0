"""Row label -> US-GAAP concept, by the rules in `data/concept_rules.csv`.

The mapping is data: each rule names a concept, the statement it belongs to,
a pattern over the normalised label, optionally a pattern over the headings
the row sits under ("Basic" under "Earnings per share:" is basic EPS, under
"Shares used in computing…" it is the basic share count), the unit, and the
sign convention that turns the printed number into the fact's value.

>>> rule = match_label("Total stockholders' equity", "balance")
>>> rule.concept
'StockholdersEquity'
>>> match_label("Basic", "income", ("Earnings per share",), "USD/share").concept
'EarningsPerShareBasic'
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

__all__ = ["FALLBACKS", "default_rules", "match_default", "INTEREST_SPLIT_FROM", "RESTRICTED_CASH_FLOW", "RESTRICTED_CASH_FROM", "ConceptRule", "rules", "match_label", "match_normalized", "normalize_label", "normalize_path",
           "sign_factor", "FOOTNOTE_HEADING", "concept_direction", "label_direction", "label_sign"]

# Headings of breakdowns printed under a statement ("(1) Includes stock-based compensation as follows:")
# repeat line items that are not the statement's own.
FOOTNOTE_HEADING = re.compile(r"^\(?\s*(?:\d{1,2}|[a-z]|\*+)\s*\)|^\*|\bincludes?\b|\bas follows\b|"
                              r"\bby (?:category|segment|reportable segment|product|region|geography)\b", re.I)


# (concept found, concept it stands for, unless a row of the table matches): a balance sheet whose only
# equity line is "Total equity" and that shows no noncontrolling interest prints stockholders' equity.
FALLBACKS: tuple[tuple[str, str, str], ...] = (
    ("StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest", "StockholdersEquity",
     r"noncontrolling|non-controlling|minority"),
)


# Since ASU 2016-18 (fiscal years beginning after December 15, 2017) the cash-flow statement explains the
# change in cash, cash equivalents and restricted cash: filers tag its opening and closing cash, its change
# and the exchange-rate effect with these concepts however the rows are labelled ("Cash and cash
# equivalents, end of period"), unless the statement prints both totals (then the plain one is the part
# that reconciles to the balance sheet).
RESTRICTED_CASH_FROM = dt.date(2017, 12, 15)
RESTRICTED_CASH_FLOW: tuple[tuple[str, str], ...] = (
    ("CashAndCashEquivalentsAtCarryingValue", "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"),
    ("CashAndCashEquivalentsPeriodIncreaseDecrease",
     "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalentsPeriodIncreaseDecreaseIncludingExchangeRateEffect"),
    ("EffectOfExchangeRateOnCashAndCashEquivalents",
     "EffectOfExchangeRateOnCashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"),
)

# The 2024 US-GAAP taxonomy split interest expense: `InterestExpense` now means operating and nonoperating
# together, and the interest a company that is not a lender reports outside its operating costs is
# `InterestExpenseNonoperating`. Statements of periods ending from this date on are tagged so.
INTEREST_SPLIT_FROM = dt.date(2024, 3, 1)


@dataclass(frozen=True, slots=True)
class ConceptRule:
    concept: str
    statement: str  # income, balance, cash_flow, any
    label: re.Pattern[str]
    section: re.Pattern[str] | None
    unit: str
    sign: str  # printed, expense, negative, benefit
    period: str  # duration, instant, end, start
    priority: int
    alternate: str | None
    line: int


_NOTE_REF = re.compile(r"\(\s*note\s+\d+\s*\)")
_FOOTNOTE_MARKS = re.compile(r"(?:\s*(?:\(\s*(?:\d{1,2}|[a-h])\s*\)|\*+|[†‡]))+\s*:?\s*$")
_SLASH = re.compile(r"\s*/\s*")
_GLUED_TOTAL = re.compile(r"total(?=(?:current|assets|liabilities|revenues?|net|operating|costs?|expenses|equity|"
                          r"stockholders|shareholders|cash|other|comprehensive))")
_OPEN_PAREN = re.compile(r"\s*\(\s*")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                         "\u00a0": " "})


@lru_cache(maxsize=8192)  # a statement repeats its labels across the stages that map and check its rows
def normalize_label(label: str) -> str:
    """The form of a label the rules are written against.

    >>> normalize_label("NET INCOME/ (LOSS)")
    'net income/(loss)'
    >>> normalize_label("Total Stockholders’ Equity:")
    "total stockholders' equity"
    """
    s = label.translate(_QUOTES).lower().replace("&", " and ")
    if label[:6].isupper() and _GLUED_TOTAL.match(s):
        s = "total " + s[5:]  # "TOTALASSETS": a PDF's text of a heading in capitals, its spaces lost
    s = _NOTE_REF.sub(" ", s)
    s = _FOOTNOTE_MARKS.sub("", s)
    s = _SLASH.sub("/", s)
    s = " ".join(s.split())
    s = _OPEN_PAREN.sub(" (", s).replace("( ", "(").replace(" )", ")")
    s = s.replace("/ (", "/(").strip()
    return s.rstrip(":;,. ").strip()


@lru_cache(maxsize=1)
def rules() -> tuple[ConceptRule, ...]:
    """The rules of `data/concept_rules.csv`, in file order."""
    return _load("concept_rules.csv")


@lru_cache(maxsize=1)
def default_rules() -> tuple[ConceptRule, ...]:
    """The rules of `data/concept_defaults.csv`, in file order: for a label the label table does not hold."""
    return _load("concept_defaults.csv")


def match_default(norm: str, statement: str, unit: str | None = None, section: str = "") -> ConceptRule | None:
    """The first default rule for a normalised label of a `statement` table in this unit, for a row in
    `section` (the row's part of its statement, `labels.row_sections`: current_assets … equity, operating,
    investing, financing; a rule with a section pattern holds only there).

    >>> match_default("current portion of long-term debt", "balance").concept
    'LongTermDebtCurrent'
    >>> match_default("other long-term liabilities", "cash_flow", "USD", "operating").concept
    'IncreaseDecreaseInOtherNoncurrentLiabilities'
    >>> match_default("other long-term liabilities", "cash_flow", "USD", "financing") is None
    True
    """
    return next((rule for rule in _rules_for(statement, unit, defaults=True) if rule.label.match(norm)
                 and (rule.section is None or rule.section.fullmatch(section))), None)


def _load(name: str) -> tuple[ConceptRule, ...]:
    text = resources.files("form8k.data").joinpath(name).read_text(encoding="utf-8")
    out: list[ConceptRule] = []
    for line, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        if not row["concept"] or row["concept"].startswith("#"):
            continue
        out.append(ConceptRule(
            concept=row["concept"], statement=row["statement"], label=re.compile(row["label"]),
            section=re.compile(row["section"]) if row["section"] else None, unit=row["unit"] or "USD",
            sign=row["sign"] or "printed", period=row["period"] or "duration", priority=int(row["priority"] or 1),
            alternate=row["alternate"] or None, line=line))
    return tuple(out)


def match_label(label: str, statement: str, path: tuple[str, ...] = (), unit: str | None = None) -> ConceptRule | None:
    """The first rule for a row of a `statement` table with this label, headings and unit."""
    headings = normalize_path(path)
    if headings is None:
        return None
    return match_normalized(normalize_label(label), statement, headings, unit)


def normalize_path(path: tuple[str, ...]) -> str | None:
    """The headings over a row as the rules' `section` patterns read them, or None under a footnote's."""
    if any(FOOTNOTE_HEADING.search(h) for h in path):
        return None
    return " > ".join(normalize_label(h) for h in path)


@lru_cache(maxsize=64)
def _rules_for(statement: str, unit: str | None, defaults: bool = False) -> tuple[ConceptRule, ...]:
    """The rules (or, with `defaults`, the default rules) that can apply to a row of this statement and unit,
    in file order."""
    return tuple(rule for rule in (default_rules() if defaults else rules())
                 if rule.statement in (statement, "any") and (unit is None or rule.unit == unit))


def match_normalized(norm: str, statement: str, joined: str, unit: str | None = None) -> ConceptRule | None:
    """`match_label` of a label and headings already normalised (`normalize_label`, `normalize_path`)."""
    for rule in _rules_for(statement, unit):
        if not rule.label.match(norm):
            continue
        if rule.section is not None and not rule.section.search(joined):
            continue
        return rule
    return None


def sign_factor(rule: ConceptRule, printed: list[Decimal | None]) -> int:
    """+1 or -1: how the printed numbers of a row become the concept's values (see OUTPUT.md signs)."""
    nonzero = [v for v in printed if v is not None and v != 0]
    if rule.sign == "expense":
        return -1 if nonzero and all(v < 0 for v in nonzero) else 1
    if rule.sign == "negative":
        return -1 if nonzero and all(v > 0 for v in nonzero) else 1
    if rule.sign in ("benefit", "flip"):
        return -1
    return 1


# The words that say which way a label's positive number points: a credit (income, gain, benefit) or a
# debit (expense, loss, cost, provision).
_CREDIT_WORD = r"(?:income|gains?|benefits?|revenues?|profits?|earnings|recover(?:y|ies))"
_DEBIT_WORD = r"(?:expenses?|loss(?:es)?|costs?|provisions?|charges?|deductions?)"
_CREDIT_SIDE = re.compile(rf"\b{_CREDIT_WORD}\b")
_DEBIT_SIDE = re.compile(rf"\b{_DEBIT_WORD}\b")
_PARENS = re.compile(r"\([^()]*\)")
# The taxonomy names a two-way concept with its positive direction first: NonoperatingIncomeExpense is
# income when positive, IncomeTaxExpenseBenefit an expense.
_CREDIT_PAIR = re.compile(r"(?:Income|Gains?|Benefit|Revenues?|Profit)(?:Expense|Loss(?:es)?|Costs?)")
_DEBIT_PAIR = re.compile(r"(?:Expenses?|Loss(?:es)?|Costs?)(?:Benefit|Income|Gains?|Recover(?:y|ies))")
_CREDIT_NAME = re.compile(r"(?:Income|Revenues?|Gains?|Sales)(?:Net)?$")
_DEBIT_NAME = re.compile(r"^Costs?(?:Of|And)|(?:Expenses?|Costs?|Losses|Charges?|Provision)(?:Net)?$")
_TAX_NOUN = re.compile(r"\bincome tax(?:es)?\b")


def concept_direction(concept: str) -> str | None:
    """"credit" or "debit": what a positive value of the concept is, read from its name (the last
    direction it names); None when the name does not tell.

    >>> concept_direction("IncomeTaxExpenseBenefit"), concept_direction("NonoperatingIncomeExpense")
    ('debit', 'credit')
    """
    name = concept.rpartition(":")[2]
    pairs = [(m.start(), "credit") for m in _CREDIT_PAIR.finditer(name)]
    pairs += [(m.start(), "debit") for m in _DEBIT_PAIR.finditer(name)]
    if pairs:
        return max(pairs)[1]
    if _DEBIT_NAME.search(name):
        return "debit"
    return "credit" if _CREDIT_NAME.search(name) else None


def label_direction(label: str) -> str | None:
    """What a positive printed number of a two-way label is: the word outside the parentheses of
    "Income tax (expense)/benefit", "Benefit (provision) for income taxes", "Other (gains) and losses";
    None unless the label names both directions, one of them in parentheses.

    >>> label_direction("Income tax (expense)/benefit"), label_direction("Other (income) expense, net")
    ('credit', 'debit')
    """
    s = _TAX_NOUN.sub("tax", normalize_label(label))
    inside = " ".join(_PARENS.findall(s))
    outside = _PARENS.sub(" ", s)
    if _CREDIT_SIDE.search(outside) and _DEBIT_SIDE.search(inside) and not _DEBIT_SIDE.search(outside):
        return "credit"
    if _DEBIT_SIDE.search(outside) and _CREDIT_SIDE.search(inside) and not _CREDIT_SIDE.search(outside):
        return "debit"
    return None


def label_sign(label: str, concept: str, statement: str) -> int | None:
    """+1 or -1 when a two-way income-statement label tells how its printed numbers become the concept's
    values (a "benefit (provision)" row of income tax expense is negated); None when it does not."""
    if statement != "income":
        return None
    printed, wanted = label_direction(label), concept_direction(concept)
    if printed is None or wanted is None:
        return None
    return 1 if printed == wanted else -1
