"""The run of numbers that ends a row of plain text, found in time linear in the line.

A row extracted from a PDF without layout prints its label and numbers separated by single spaces
("Total revenues 12,072 6,587 19,842"); `layout.py` cuts it where the run of numbers begins.
"""

from __future__ import annotations

import re

# The run of numbers ending a line: items (a number, "$ 12", a dash) separated by runs of spaces, the spaces
# before the first item taken whole; found token by token from the end of the line (`tail_start`).
_TAIL_ITEM = re.compile(r"(?:\$\s?)?\(?-?[\d,]*\.?\d+\)?%?|[\u2014\u2013-]{1,2}")
_TAIL_AFTER_DOLLAR = re.compile(r"\(?-?[\d,]*\.?\d+\)?%?")
_NON_SPACE = re.compile(r"\S+")


def tail_start(text: str) -> int | None:
    """Where the run of numbers ending `text` starts (the spaces before it included), or None: linear in the line.

    One regex search (`(?:(?:^|(?<!\\s)\\s++)ITEM)+$`) restarted at every space and could split each number's
    `[\\d,]*\\.?\\d+` many ways: a long line of numbers with a word near its end took minutes.
    """
    tokens = [(m.start(), m.end()) for m in _NON_SPACE.finditer(text)]
    if not tokens or tokens[-1][1] != len(text):
        return None
    first = None
    k = len(tokens) - 1
    # parentheses opened and closed before the token at hand: the line's counts less those of the tokens after it
    opens, closes = text.count("("), text.count(")")
    while k >= 0:
        s, e = tokens[k]
        word = text[s:e]
        opens, closes = opens - word.count("("), closes - word.count(")")
        if k > 0 and _aside_end(word) and opens > closes:
            break  # "(Note 4)", "(Notes 1 and 2)": the closing half of a parenthesis the label opened
        if _TAIL_ITEM.fullmatch(text, s, e):
            first = k
        elif text[s:e] == "%" and k > 0 and _TAIL_AFTER_DOLLAR.fullmatch(text, *tokens[k - 1]):
            first = k  # "6  %": a percent sign printed in a cell of its own after its number
        elif (first == k + 1 and text[s:e] == "$" and tokens[k + 1][0] - e == 1
              and _TAIL_AFTER_DOLLAR.fullmatch(text, *tokens[k + 1])):
            first = k  # "$ 12": a dollar sign and one space before a number
        else:
            break
        k -= 1
    if first is None:
        return None
    return tokens[first - 1][1] if first > 0 else 0


def closes_aside(before: str, word: str) -> bool:
    """Whether `word`, printed after `before`, closes a parenthesis `before` opened ("(Notes 1 and" then "2)"):
    the end of an aside in a label, not a negative number."""
    return _aside_end(word) and leaves_open(before)


def leaves_open(text: str) -> bool:
    """Whether `text` opens a parenthesis it does not close ("Cash and cash equivalents (Notes 1 and")."""
    return text.count("(") > text.count(")")


def _aside_end(word: str) -> bool:
    return word.endswith(")") and "(" not in word
