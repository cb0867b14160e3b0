"""Item headings, exhibit lists and signatures, as examples from real filings' layouts."""

from __future__ import annotations

import datetime as dt

import pytest

from form8k import parse, parse_paths
from form8k.record.exhibits import normalize_number
from form8k.text.dates import parse_date

from conftest import FILINGS

COVER = "FORM 8-K\nCURRENT REPORT\nAcme Corp.\n(Exact name of registrant as specified in its charter)\n"


def items_of(body: str) -> list[str]:
    return [i.number for i in parse([("x.txt", (COVER + body).encode())]).items]


@pytest.mark.parametrize(("body", "numbers"), [
    ("Item 2.02 Results of Operations and Financial Condition.\nText.\n", ["2.02"]),
    ("ITEM 2.02 — RESULTS OF OPERATION AND FINANCIAL CONDITION\nText.\n", ["2.02"]),
    ("ITEM 9.01(d). Exhibits\n99.1 Press release\n", ["9.01"]),
    ("Item 8.01- Other Events\nText.\n", ["8.01"]),
    ("Items 2.02 and 7.01. Results of Operations; Regulation FD Disclosure\nText.\n", ["2.02", "7.01"]),
    ("Item 5.\tOther Events.\nText.\nItem 7.\tFinancial Statements and Exhibits.\n", ["5", "7"]),
    ("Items 1 through 4, 6 and 8 Not Applicable.\nItem 5. Other Events.\nText.\n", ["5"]),
    ("Item 2.02\nResults of Operations and Financial Condition\nText.\n", ["2.02"]),
    ("Item 9.01 of Form 8-K is not applicable.\nItem 7.01 Regulation FD Disclosure.\n", ["7.01"]),
    ("Item 1A. Risk Factors\nText.\n", []),
    ("Item 2.02 Results of Operations\nSIGNATURES\nItem 9.01 Financial Statements\n", ["2.02"]),
])
def test_item_headings(body: str, numbers: list[str]) -> None:
    assert items_of(body) == numbers


def test_item_text_runs_to_the_next_item_or_signatures() -> None:
    body = ("Item 2.02 Results of Operations and Financial Condition.\nRevenue rose.\n"
            "Section 9 - Financial Statements and Exhibits\nItem 9.01 Financial Statements and Exhibits.\n"
            "(d) Exhibits\n99.1 Press release dated May 1, 2024\nSIGNATURES\nPursuant to the requirements\n")
    filing = parse([("x.txt", (COVER + body).encode())])
    assert [i.text for i in filing.items] == ["Revenue rose.", "(d) Exhibits\n99.1 Press release dated May 1, 2024"]
    assert filing.items[0].title == "Results of Operations and Financial Condition"
    a, b = filing.items[1].span  # type: ignore[misc]
    assert filing.text[a:b].startswith("Item 9.01")


@pytest.mark.parametrize(("listing", "expected"), [
    ("(d) Exhibits\n99.1\tPress release dated May 1, 2024\n104\tCover Page Interactive Data File\n",
     [("99.1", "Press release dated May 1, 2024"), ("104", "Cover Page Interactive Data File")]),
    ("(c)   Exhibits\n\n            Exhibit 99 - Press release dated July 22, 2004, furnished\n"
     "            pursuant to Item 12\n", [("99", "Press release dated July 22, 2004, furnished pursuant to Item 12")]),
    ("Exhibit No.Exhibit99.1Press Release of Acme Corp. dated February 1, 2007\n",
     [("99.1", "Press Release of Acme Corp. dated February 1, 2007")]),
    ("(d) Exhibits\n99.1*\tAudit Committee Charter\n99.2*\tCompensation Committee Charter\n*Filed herewith.\n",
     [("99.1", "Audit Committee Charter"), ("99.2", "Compensation Committee Charter")]),
    ("(c) Exhibits\n(1)  Underwriting agreement\n\n     Not Applicable.\n(99) Additional exhibits\n\n     None.\n", []),
])
def test_exhibit_lists(listing: str, expected: list[tuple[str, str]]) -> None:
    body = "Item 9.01 Financial Statements and Exhibits.\n" + listing + "\nSIGNATURES\n"
    filing = parse([("x.txt", (COVER + body).encode())])
    assert [(e.number, e.description) for e in filing.exhibits] == expected


def test_exhibit_index_joined_with_attached_documents() -> None:
    filing = parse_paths([FILINGS / "acorn-energy_2025-01-06_8-K_officer-change.nc"])
    by_number = {e.number: e for e in filing.exhibits}
    assert list(by_number) == ["10.1", "104.1", "101"]
    assert by_number["10.1"].listed and by_number["10.1"].attached
    assert by_number["10.1"].filename == "ex10-1.htm"
    assert not by_number["101"].listed and by_number["101"].attached  # EX-101.* parts make one exhibit


def test_attached_ex99_headed_99_1_is_one_exhibit() -> None:
    filing = parse_paths([FILINGS / "apple_1996-12-24_8-K_other.txt"])
    assert [(e.number, e.document_type, e.is_press_release) for e in filing.exhibits] == [("99.1", "EX-99", True)]


def test_press_release_is_marked() -> None:
    filing = parse_paths([FILINGS / "apple_2011-01-18_8-K_earnings.txt"])
    assert [(e.number, e.is_press_release) for e in filing.exhibits] == [("99.1", True), ("99.2", False)]


def test_several_files_of_one_filing_make_one_record() -> None:
    filing = parse_paths([FILINGS / "buckle_2024-11-22_8-K_earnings.html",
                          FILINGS / "buckle_2024-11-22_8-K_earnings_ex99-1.html"])
    assert [d.type for d in filing.documents] == ["8-K", "EX-99.1"]
    assert filing.cover.registrant == "THE BUCKLE, INC."
    ex = {e.number: e for e in filing.exhibits}
    assert ex["99.1"].listed and ex["99.1"].attached and ex["99.1"].filename == "bke20241122-8kexhibit.htm"
    start, end = filing.documents[1].span  # type: ignore[misc]
    assert filing.text[start:end].startswith("Exhibit 99.1")


@pytest.mark.parametrize(("name", "signer"), [
    ("sears-roebuck_2004-07-22_8-K_earnings.txt",
     ("Michael J. Graham", "Vice President and Controller", dt.date(2004, 7, 22), "SEARS, ROEBUCK AND CO.")),
    ("amazon_1998-08-12_8-K_acquisition.txt",
     ("Joy D. Covey", "Chief Financial Officer, Vice President of Finance and Administration and Secretary",
      dt.date(1998, 8, 27), "AMAZON.COM, INC.")),
    ("acorn-energy_2025-01-06_8-K_officer-change.nc",
     ("Tracy S. Clifford", "Chief Financial Officer", dt.date(2025, 1, 8), "ACORN ENERGY, INC.")),
    ("immunogen_2007-02-01_8-K_earnings.txt", ("Daniel M. Junius", None, dt.date(2007, 2, 1), "ImmunoGen, Inc.")),
])
def test_signatures(name: str, signer: tuple[str, str | None, dt.date, str]) -> None:
    s = parse_paths([FILINGS / name]).signatures[0]
    assert (s.name, s.title, s.date, s.registrant) == signer


@pytest.mark.parametrize(("raw", "expected"), [
    ("99.01", "99.1"), ("EX-101.SCH", "101"), ("EX-99", "99"), ("10.10", "10.10"), ("Exhibit 4", "4"),
])
def test_exhibit_numbers(raw: str, expected: str) -> None:
    assert normalize_number(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("February 1, 2007", dt.date(2007, 2, 1)), ("Sept. 30, 2004", dt.date(2004, 9, 30)),
    ("March 21,2003", dt.date(2003, 3, 21)), ("AUGUST 12, 1998", dt.date(1998, 8, 12)),
    ("12/14/2023", dt.date(2023, 12, 14)), ("this 8th day of January, 2025", dt.date(2025, 1, 8)),
    ("14 December 2023", dt.date(2023, 12, 14)), ("February 30, 2007", None), ("Item 2.02", None),
])
def test_dates(raw: str, expected: dt.date | None) -> None:
    assert parse_date(raw) == expected
