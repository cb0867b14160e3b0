"""What kind of table is this: income statement, balance sheet, cash flows, segment, non-GAAP, guidance, other.

The title block above the table says it most of the time ("CONDENSED
CONSOLIDATED STATEMENTS OF OPERATIONS"); the row labels confirm it or decide
when there is no title. Non-GAAP reconciliations, pro forma and segment
tables are recognised first so that their GAAP-looking rows never pass for
the primary statements: only income, balance and cash-flow tables produce facts.
"""

from __future__ import annotations

import re

from form8k.models import StatementKind
from form8k.statements.tables.header import ColumnHead

_GUIDANCE = re.compile(r"\boutlook\b|\bguidance\b|\bfinancial\s+targets\b|\bforecast\b|\bprojected\b", re.I)
_NON_GAAP = re.compile(r"\bnon[\s-]?gaap\b|\bpro\s+forma\b|\badjusted\s+(?:ebitda|earnings|net|operating|results)\b|"
                       r"\bebitda\b|\breconciliation\s+of\s+(?:gaap|reported)\b|\bfree\s+cash\s+flow\b", re.I)
_SEGMENT = re.compile(r"\bsegments?\b|\bby\s+(?:division|region|geograph\w*|business)\b|\bgeographic\b", re.I)
_BALANCE = re.compile(r"\bbalance\s+sheets?\b|\bstatements?\s+of\s+(?:financial\s+)?(?:position|condition)\b|"
                      r"\bfinancial\s+position\b", re.I)
_CASH_FLOW = re.compile(r"(?<!free\s)\bcash\s+flows?\b", re.I)
_INCOME = re.compile(r"\bstatements?\s+of\s+(?:consolidated\s+)?(?:operations|income|earnings|loss|"
                     r"comprehensive\s+(?:income|loss)|(?:net\s+)?(?:income|loss)\s+and\s+comprehensive)\b|"
                     r"\bincome\s+statements?\b|\bconsolidated\s+(?:income|operations|earnings)\b|"
                     r"\bresults\s+of\s+operations\b|\bstatements?\s+of\s+operations\b", re.I)
_RESULTS_ONLY = re.compile(r"^\W*(?:\w+\s+){0,3}results\s+of\s+operations\W*$", re.I)
_OTHER = re.compile(r"\bstockholders'?\s+equity\b|\bshareholders'?\s+equity\b|\bsupplemental\b|"
                    r"\bselected\s+(?:balance|operating)\b|\bchanges\s+in\s+equity\b", re.I)

_ROW_BALANCE = re.compile(r"^total\s+assets$|^total\s+liabilities\b|^total\s+current\s+assets$", re.I)
_ROW_CASH = re.compile(r"\b(?:operating|investing|financing)\s+activities$", re.I)
_ROW_REVENUE = re.compile(r"^(?:total\s+)?(?:net\s+)?(?:revenues?|sales)\b", re.I)
_ROW_INCOME = re.compile(r"^net\s+(?:income|loss|earnings)|per\s+(?:common\s+)?share|operating\s+income|"
                         r"income\s+(?:\(loss\)\s+)?before", re.I)
_ROW_NON_GAAP = re.compile(r"\bnon[\s-]?gaap\b|\badjusted\b|\bebitda\b", re.I)
# A title that names the statement itself, not a discussion of its results or a segment's share of them.
_OWN_TITLE = {
    "income": re.compile(r"\bstatements?\s+of\s+(?:consolidated\s+)?(?:operations|income|earnings|(?:net\s+)?loss)\b"
                         r"(?!\s+by\b)|\bincome\s+statements?\b", re.I),
    "balance": _BALANCE,
    "cash_flow": re.compile(r"\bstatements?\s+of\s+(?:consolidated\s+)?cash\s+flows?\b", re.I),
}


def names_statement(kind: str, title: str | None) -> bool:
    """Whether a table's title names its statement ("Consolidated Statements of Operations"), not a segment's."""
    pattern = _OWN_TITLE.get(kind)
    if not title or pattern is None or len(title.split()) > 12 or title.rstrip().endswith(":"):
        return False  # a sentence introducing a note's table ("… on the balance sheets were as follows:")
    return bool(pattern.search(title)) and not _SEGMENT.search(title)


def classify(title: list[str], labels: list[str], heads: list[ColumnHead]) -> StatementKind:
    """The statement kind of a table from its title block, row labels and column heads."""
    head_text = " ".join(h.label for h in heads)
    bases = {h.basis for h in heads}
    statement_titles = [t for t in title if _BALANCE.search(t) or _CASH_FLOW.search(t) or _INCOME.search(t)
                        or _NON_GAAP.search(t) or _SEGMENT.search(t) or _GUIDANCE.search(t) or _OTHER.search(t)]
    main_title = statement_titles[-1] if statement_titles else ""
    non_gaap_rows = sum(1 for label in labels if _ROW_NON_GAAP.search(label))
    if _GUIDANCE.search(main_title) or {"low", "high"} & bases:
        return "guidance"
    if _NON_GAAP.search(main_title) or "adjustment" in bases or "non_gaap" in bases or \
            _NON_GAAP.search(head_text) or non_gaap_rows >= 2:
        return "non_gaap"
    if _SEGMENT.search(main_title):
        return "segment"
    if main_title and not _OWN_TITLE["income"].search(main_title) and any(_SEGMENT.search(t) for t in title) and \
            _RESULTS_ONLY.search(main_title):
        return "segment"  # "Results of Operations" under a "Segment Results of Operations" heading
    if main_title and _OTHER.search(main_title) and not (_BALANCE.search(main_title) or _CASH_FLOW.search(main_title)
                                                          or _INCOME.search(main_title)):
        return "other"
    if _BALANCE.search(main_title):
        return "balance"
    if _CASH_FLOW.search(main_title):
        return "cash_flow"
    if _INCOME.search(main_title):
        return "income"
    balance_rows = sum(1 for label in labels if _ROW_BALANCE.search(label))
    cash_rows = sum(1 for label in labels if _ROW_CASH.search(label))
    revenue_rows = sum(1 for label in labels if _ROW_REVENUE.search(label))
    income_rows = sum(1 for label in labels if _ROW_INCOME.search(label))
    if cash_rows >= 2:
        return "cash_flow"
    if balance_rows >= 2:
        return "balance"
    if revenue_rows and income_rows >= 2:
        # the same revenue line under several headings ("Walmart U.S.", "Sam's Club U.S."): a breakdown by segment
        revenue_labels = [" ".join(label.lower().split()) for label in labels if _ROW_REVENUE.search(label)]
        if len(revenue_labels) > len(set(revenue_labels)):
            return "segment"
        return "income"
    return "other"
