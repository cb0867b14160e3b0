"""Par values and share counts printed in the labels of a balance sheet's equity rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from form8k.pipeline import statements
from form8k.statements.tables.captions import _read_caption, stock_kind

_DEC24, _DEC23 = dt.date(2024, 12, 31), dt.date(2023, 12, 31)
_JAN25, _JAN24 = dt.date(2025, 1, 31), dt.date(2024, 1, 31)


@pytest.mark.parametrize("label,kind", [
    ("Common stock, $0.01 par value; 100 shares authorized", "common"),
    ("Common stock and additional paid-in capital, $0.00001 par value: 50,400,000 shares authorized", "common"),
    ("Preferred stock; $0.001 par value; 100 shares authorized; no shares issued and outstanding", "preferred"),
    ("Less: common stock held in treasury, at cost (712,921,000 shares and 712,765,000 shares)", "treasury"),
    ("Treasury stock, at cost — 2,738 and 2,732 shares, respectively", "treasury"),
    ("Class A common stock, $0.0001 par value; 3,000 shares authorized", None),  # one class of several
    ("Series A convertible preferred stock, 1,000 shares issued", None),
    ("Additional paid-in capital", None),
    ("Common stock repurchased", None),
])
def test_an_equity_row_is_common_preferred_or_treasury_stock_by_its_first_words(label: str, kind: str | None) -> None:
    assert stock_kind(label) == kind


# (caption, stock, share scale, columns) -> {kind: [count per column]}; the counts in base units
@pytest.mark.parametrize("caption,stock,scale,columns,expected", [
    # counts in the table's share scale, a pair of them in the columns' order
    ("Common stock ($0.01 par value; 100,000 shares authorized; 10,898 and 11,108 shares issued; 10,383 and "
     "10,593 shares outstanding)", "common", 10**6, [_DEC24, _DEC23],
     {"authorized": [10**11, 10**11], "issued": [10_898 * 10**6, 11_108 * 10**6],
      "outstanding": [10_383 * 10**6, 10_593 * 10**6]}),
    # the kind before the count; a count printed in full beside amounts in millions stays as printed
    ("Common stock — par value $1.00 per share (authorized 4,320,000,000 shares; issued 3,119,843,000 shares)",
     "common", 10**6, [_DEC24, _DEC23],
     {"authorized": [4_320_000_000] * 2, "issued": [3_119_843_000] * 2}),
    ("Common stock, $0.25 par value; authorized — 11,200 shares; issued — 7,040 shares", "common", 10**6,
     [_DEC24, _DEC23], {"authorized": [11_200 * 10**6] * 2, "issued": [7_040 * 10**6] * 2}),
    # the dates a clause names, here in the other order than the columns
    ("Common stock, $0.001 par value; 1,600 shares authorized, 1,035 and 1,056 shares issued as of January 31, "
     "2024 and 2025, respectively", "common", 10**6, [_JAN25, _JAN24],
     {"authorized": [1_600 * 10**6] * 2, "issued": [1_056 * 10**6, 1_035 * 10**6]}),
    # issued and outstanding without the word shares; the dates of the authorized count are not counts
    ("Common stock, $0.001 par value; 4,990,000,000 shares authorized at December 31, 2024 and December 31, 2023; "
     "427,757,100 and 432,759,584 issued and outstanding at December 31, 2024 and December 31, 2023, respectively",
     "common", 1, [_DEC24, _DEC23],
     {"authorized": [4_990_000_000] * 2, "issued": [427_757_100, 432_759_584],
      "outstanding": [427_757_100, 432_759_584]}),
    # a scale word after the count; one count per date, each naming its date
    ("Common stock held in treasury (3,756 million shares at December 31, 2024 and 3,666 million shares at "
     "December 31, 2023)", "treasury", 10**6, [_DEC24, _DEC23],
     {"held": [3_756 * 10**6, 3_666 * 10**6]}),
    ("Treasury stock, at cost — 2,738 and 2,732 shares, respectively", "treasury", 10**6, [_DEC24, _DEC23],
     {"held": [2_738 * 10**6, 2_732 * 10**6]}),
    ("Less: common stock held in treasury, at cost (Note 12) (712,921,000 shares and 712,765,000 shares)", "treasury",
     1, [_DEC24, _DEC23], {"held": [712_921_000, 712_765_000]}),
    # counts labelled by year
    ("Common stock, stated value $1 per share (10,000 shares authorized; shares issued: 2024 - 4,009.2, "
     "2023 - 4,009.1)", "common", 10**6, [_DEC24, _DEC23],
     {"authorized": [10**10] * 2, "issued": [4_009_200_000, 4_009_100_000]}),
    # shares in thousands under amounts in millions
    ("Common stock and additional paid-in capital, $0.00001 par value: 50,400,000 shares authorized; 15,222,259 "
     "and 15,550,061 shares issued and outstanding, respectively", "common", 1000, [_DEC24, _DEC23],
     {"authorized": [50_400_000_000] * 2, "issued": [15_222_259_000, 15_550_061_000],
      "outstanding": [15_222_259_000, 15_550_061_000]}),
    ("Preferred stock — without par value (authorized and unissued 2,000,000 shares)", "preferred", 1,
     [_DEC24, _DEC23], {"authorized": [2_000_000] * 2}),
    # a kind standing as a clause of its own heads the counts after it, each naming its date
    ("Common stock, authorized 100,000,000 shares of $.01 par value; issued and outstanding; 50,773,796 shares at "
     "December 31, 2024, 50,445,186 shares at December 31, 2023", "common", 1, [_DEC24, _DEC23],
     {"authorized": [100_000_000] * 2, "issued": [50_773_796, 50_445_186], "outstanding": [50_773_796, 50_445_186]}),
    # ... but not a count of its own kind after it, nor one after a clause that had its own count
    ("Common stock; issued; 100 shares at December 31, 2024, 900 shares authorized", "common", 1, [_DEC24, _DEC23],
     {"issued": [100, None], "authorized": [900, 900]}),
    # three counts for two dates: no reading
    ("Common stock, 100, 200 and 300 shares issued", "common", 1, [_DEC24, _DEC23], {}),
    # numbers that count nothing
    ("Common stock (Note 12)", "common", 1, [_DEC24, _DEC23], {}),
])
def test_a_caption_gives_each_kind_of_share_count_per_date(caption: str, stock: str, scale: int,
                                                          columns: list[dt.date],
                                                          expected: dict[str, list[int | None]]) -> None:
    _, _, counts = _read_caption(caption, 0, stock, scale, columns)
    got = {kind: [int(dated[c].value) if c in dated else None for c in columns] for kind, dated in counts.items()}
    assert got == expected
    for dated in counts.values():
        for count in dated.values():
            printed = caption[count.span[0]:count.span[1]]
            assert printed[0].isdigit() and printed[-1].isdigit()


@pytest.mark.parametrize("caption,par", [
    ("Common stock, $0.01 par value; 100 shares authorized", Decimal("0.01")),
    ("Common stock, par value $5.00 – 1,200,000,000 shares authorized", Decimal("5.00")),
    ("Common stock, stated value $1 per share", Decimal("1")),
    ("Common stock, authorized 100,000,000 shares of $.01 par value", Decimal(".01")),
    ("Common stock without par value (9,000 million shares authorized)", None),
])
def test_a_caption_gives_its_par_value(caption: str, par: Decimal | None) -> None:
    assert _read_caption(caption, 0, "common", 1, [_DEC24])[0] == par


def _balance_sheet(units: str, common: str, amounts: tuple[str, str], paid_in: bool = True) -> bytes:
    rows = [("Cash", "900", "800"), ("Total assets", "9,000", "8,000"), ("Accounts payable", "3,000", "2,500"),
            (common, *amounts), *([("Additional paid-in capital", "2,000", "1,900")] if paid_in else []),
            ("Retained earnings", "1,000", "600"),
            ("Total liabilities and shareholders' equity", "9,000", "8,000")]
    body = "".join(f"<tr><td>{label}</td><td>$</td><td>{a}</td><td>$</td><td>{b}</td></tr>" for label, a, b in rows)
    return (f"<html><body><p>ACME CORP.</p><p>CONSOLIDATED BALANCE SHEETS</p><p>{units}</p><table>"
            "<tr><td></td><td colspan=2>December 31, 2024</td><td colspan=2>December 31, 2023</td></tr>"
            f"{body}</table></body></html>").encode()


def _stock_facts(source: bytes) -> dict[tuple[str, dt.date | None], tuple[Decimal, bool]]:
    filing = statements([("balance.htm", source)])
    return {(f.concept, f.period_end): (f.value, f.confirmed) for f in filing.facts
            if f.unit in ("shares", "USD/share")}


def test_par_value_times_shares_issued_confirms_the_count_and_the_scale() -> None:
    # $5 x 1,012,261,159 shares = $5,061 million: the count printed in full beside amounts in millions
    source = _balance_sheet("(Dollars in millions, except per share data)",
                            "Common stock, par value $5.00 – 1,200,000,000 shares authorized; "
                            "1,012,261,159 shares issued", ("5,061", "5,061"))
    facts = _stock_facts(source)
    for date in (_DEC24, _DEC23):
        assert facts[("CommonStockSharesIssued", date)] == (Decimal(1_012_261_159), True)
        assert facts[("CommonStockParOrStatedValuePerShare", date)] == (Decimal("5.00"), True)
        assert facts[("CommonStockSharesAuthorized", date)] == (Decimal(1_200_000_000), False)  # no check ties it


def test_a_par_check_that_cannot_tell_the_dates_apart_confirms_nothing() -> None:
    # $0.001 x 3,216 million = $3.2 million and x 3,185 million = $3.2 million: both round to the printed 3
    source = _balance_sheet("(in millions, except per share data)",
                            "Common stock; $0.001 par value; 6,000 shares authorized; 3,216 and 3,185 shares issued "
                            "and outstanding", ("3", "3"))
    facts = _stock_facts(source)
    assert facts[("CommonStockSharesIssued", _DEC24)] == (Decimal(3_216_000_000), False)
    assert facts[("CommonStockSharesOutstanding", _DEC23)] == (Decimal(3_185_000_000), False)


def test_a_failed_par_check_is_recorded_and_confirms_nothing() -> None:
    source = _balance_sheet("(Dollars in millions)", "Common stock, par value $1.00; 900,000,000 shares issued",
                            ("5,061", "5,061"))
    filing = statements([("balance.htm", source)])
    assert {c.status for c in filing.checks if c.rule == "par_value"} == {"fail"}
    assert not any(f.confirmed for f in filing.facts if f.unit == "shares")


def test_a_stock_line_holding_its_paid_in_capital_is_not_par_times_shares() -> None:
    # no paid-in capital line: "Common stock" is the stock and its paid-in capital, far more than par x shares
    source = _balance_sheet("(in thousands, except share and per share data)",
                            "Common stock, $0.001 par value; 4,990,000,000 shares authorized; 427,757,100 and "
                            "432,759,584 issued and outstanding", ("6,252,126", "5,145,172"), paid_in=False)
    filing = statements([("balance.htm", source)])
    assert not [c for c in filing.checks if c.rule == "par_value"]
    assert _stock_facts(source)[("CommonStockSharesOutstanding", _DEC23)] == (Decimal(432_759_584), False)


def test_a_stock_line_without_a_paid_in_capital_line_is_checked_when_par_times_shares_holds() -> None:
    source = _balance_sheet("(Dollars in Millions Except Share and Per Share Amounts)",
                            "Common stock — par value $1.00 per share (authorized 4,320,000,000 shares; issued "
                            "3,119,843,000 shares)", ("3,120", "3,120"), paid_in=False)
    filing = statements([("balance.htm", source)])
    assert [c.status for c in filing.checks if c.rule == "par_value"] == ["pass", "pass"]
    assert _stock_facts(source)[("CommonStockSharesIssued", _DEC24)] == (Decimal(3_119_843_000), True)


def test_two_rows_stating_the_same_count_differently_give_neither() -> None:
    source = _balance_sheet("(in millions)", "Common stock, $0.01 par value; 100 shares issued", ("1", "1"))
    source = source.replace(b"<tr><td>Retained earnings",
                            b"<tr><td>Common stock, $0.01 par value; 200 shares issued</td><td>$</td><td>2</td>"
                            b"<td>$</td><td>2</td></tr><tr><td>Retained earnings")
    assert ("CommonStockSharesIssued", _DEC24) not in _stock_facts(source)


def test_each_share_count_fact_points_at_its_printed_number() -> None:
    source = _balance_sheet("(in millions, except per share data)",
                            "Common stock ($0.01 par value; 100,000 shares authorized; 10,898 and 11,108 shares "
                            "issued)", ("109", "111"))
    filing = statements([("balance.htm", source)])
    printed = {f.concept + str(f.period_end): filing.text[f.span[0]:f.span[1]] for f in filing.facts
               if f.unit in ("shares", "USD/share") and f.span}
    assert printed == {"CommonStockSharesAuthorized2024-12-31": "100,000", "CommonStockSharesAuthorized2023-12-31": "100,000",
                       "CommonStockSharesIssued2024-12-31": "10,898", "CommonStockSharesIssued2023-12-31": "11,108",
                       "CommonStockParOrStatedValuePerShare2024-12-31": "0.01",
                       "CommonStockParOrStatedValuePerShare2023-12-31": "0.01"}
