"""Cell text -> number: examples from real statements, and properties of the parser."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from form8k.statements.tables.numbers import is_year, parse_number


class Example(NamedTuple):
    raw: str
    value: str | None  # None: not a number
    decimals: int = 0
    percent: bool = False


EXAMPLES = [
    Example("(1,234)", "-1234"),
    Example("1,234", "1234"),
    Example("$ 1,234", "1234"),
    Example("$1,234", "1234"),
    Example("$(2,014)", "-2014"),
    Example("(3,044", "-3044"),  # the ")" sits in the next HTML cell
    Example("(46)", "-46"),
    Example("—", "0"),
    Example("–", "0"),
    Example("-", "0"),
    Example("--", "0"),  # 1990s text tables
    Example("$—", "0"),
    Example("$    -", "0"),
    Example("$ 0.07", "0.07", 2),
    Example("(0.22)", "-0.22", 2),
    Example("$ (3.71)", "-3.71", 2),
    Example("\\$ 66,682", "66682"),  # text extracted from a PDF escapes the dollar sign
    Example("216.5", "216.5", 1),
    Example("0.7353", "0.7353", 4),
    Example("33%", "33", 0, True),
    Example("(4%", "-4", 0, True),
    Example("(2%)", "-2", 0, True),
    Example("22.0", "22.0", 1),
    Example("1,343%", "1343", 0, True),
    Example("1,234 (1)", "1234"),  # footnote marker after the number
    Example("−1,234", "-1234"),  # unicode minus
    Example("1,234\u00a0", "1234"),
    Example("4 = 000", None),  # OCR noise
    Example("0.40=0", None),
    Example("Ψ", None),
    Example(",", None),
    Example("n/a", None),
    Example("NM", None),
    Example("*", None),
    Example("1,2345", None),  # bad digit grouping
    Example("1.650.607.0349", None),  # a phone number
    Example("(231) bp.", None),
    Example("$1.70 billion", None),
    Example("", None),
]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.raw or "empty" for e in EXAMPLES])
def test_example(example: Example) -> None:
    n = parse_number(example.raw)
    if example.value is None:
        assert n is None
        return
    assert n is not None
    assert n.value == Decimal(example.value)
    assert n.decimals == example.decimals
    assert n.percent == example.percent
    assert n.raw == example.raw


def test_dash_is_marked() -> None:
    n = parse_number("—")
    assert n is not None and n.dash


def test_years() -> None:
    assert is_year("2006") and is_year("2003*")
    assert not is_year("2,006") and not is_year("1850") and not is_year("$2006")


@given(st.text(max_size=30))
def test_junk_never_raises(text: str) -> None:
    n = parse_number(text)
    assert n is None or isinstance(n.value, Decimal)


@given(st.integers(min_value=-10**12, max_value=10**12), st.integers(min_value=0, max_value=4),
       st.booleans(), st.booleans())
def test_printed_numbers_round_trip(units: int, places: int, parens: bool, dollar: bool) -> None:
    value = Decimal(units).scaleb(-places)
    body = f"{abs(value):,.{places}f}"
    text = ("$ " if dollar else "") + (f"({body})" if parens and value < 0 else ("-" + body if value < 0 else body))
    n = parse_number(text)
    assert n is not None
    assert n.value == value
    assert n.decimals == places
    assert n.negative == (value < 0)


@given(st.integers(min_value=1, max_value=10**9))
def test_parentheses_mean_negative(units: int) -> None:
    n = parse_number(f"({units:,})")
    assert n is not None and n.value == -units
