"""Identity and time: accepted_at, filed_at, period of report; results of operations under either
numbering (Item 2.02, Item 12, and the Item 5/7/9 releases before Item 12); an 8-K/A and what it amends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import form8k
from form8k.store import ingest, query

from conftest import FILINGS


def _submission(accession: str, form: str, period: str, items: list[str], body: str, exhibit: str = "",
                accepted: str = "") -> str:
    item_lines = "".join(f"ITEM INFORMATION:\t\t{i}\n" for i in items)
    ex = (f"<DOCUMENT>\n<TYPE>EX-99\n<SEQUENCE>2\n<DESCRIPTION>PRESS RELEASE\n<TEXT>\n{exhibit}\n</TEXT>\n</DOCUMENT>\n"
          if exhibit else "")
    return (f"<SEC-DOCUMENT>{accession}.txt : {period}\n<SEC-HEADER>{accession}.hdr.sgml : {period}\n"
            + (f"<ACCEPTANCE-DATETIME>{accepted}\n" if accepted else "")
            + f"ACCESSION NUMBER:\t\t{accession}\nCONFORMED SUBMISSION TYPE:\t{form}\nPUBLIC DOCUMENT COUNT:\t\t2\n"
            f"CONFORMED PERIOD OF REPORT:\t{period}\n{item_lines}FILED AS OF DATE:\t\t{period}\n\nFILER:\n\n"
            "\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\t\tACME WIDGETS INC\n"
            "\t\tCENTRAL INDEX KEY:\t\t\t0000012345\n\t\tSTATE OF INCORPORATION:\t\t\tDE\n"
            "\tFILING VALUES:\n\t\tFORM TYPE:\t\t" + form + "\n\t\tSEC FILE NUMBER:\t001-12345\n</SEC-HEADER>\n"
            f"<DOCUMENT>\n<TYPE>{form}\n<SEQUENCE>1\n<TEXT>\n{body}\n</TEXT>\n</DOCUMENT>\n{ex}</SEC-DOCUMENT>\n")


COVER = """                       SECURITIES AND EXCHANGE COMMISSION
                             WASHINGTON, D.C. 20549

                                   FORM {form}

                                 CURRENT REPORT
                     PURSUANT TO SECTION 13 OR 15(d) OF THE
                        SECURITIES EXCHANGE ACT OF 1934

       Date of Report (Date of earliest event reported): {date}

                               ACME WIDGETS INC.
             (Exact name of registrant as specified in its charter)

        Delaware                    001-12345                 12-3456789
(State of incorporation)     (Commission File Number)   (IRS Employer Id. No.)

"""

RELEASE_1999 = """ACME WIDGETS REPORTS FOURTH QUARTER RESULTS

BOSTON, MA, January 20, 1999 -- Acme Widgets Inc. today reported net income of $1.2 million for the
fourth quarter ended December 31, 1998.

                              ACME WIDGETS INC.
                       CONSOLIDATED STATEMENTS OF OPERATIONS
                      (In thousands, except per share data)

                                        Three Months Ended
                                           December 31,
                                        1998          1997
                                      --------      --------
Revenues                              $ 10,000      $  9,000
Cost of revenues                         6,000         5,500
                                      --------      --------
Gross profit                             4,000         3,500
Operating expenses                       2,800         2,700
                                      --------      --------
Net income                            $  1,200      $    800
                                      ========      ========
"""


def test_item_12_is_results_of_operations_in_the_old_numbering() -> None:
    sears = form8k.parse(FILINGS / "sears-roebuck_2004-07-22_8-K_earnings.txt")
    assert [i.number for i in sears.items] == ["7", "12"]
    assert sears.results_of_operations and sears.results_item == "12" and sears.item_numbering == "pre-2004"


def test_item_2_02_is_results_of_operations_in_the_2004_numbering() -> None:
    apple = form8k.parse(FILINGS / "apple_2024-02-01_8-K_earnings.txt")
    assert apple.results_item == "2.02" and apple.item_numbering == "2004" and apple.results_of_operations
    vote = form8k.parse(FILINGS / "apple_2019-03-01_8-K_vote.txt")
    assert not vote.results_of_operations and vote.results_item is None


def test_a_1999_item_9_release_of_results_is_results_of_operations() -> None:
    body = COVER.format(form="8-K", date="January 20, 1999") + (
        "Item 7. Financial Statements and Exhibits.\n\n(c) Exhibits\n\n99 Press release dated January 20, 1999\n\n"
        "Item 9. Regulation FD Disclosure.\n\nOn January 20, 1999 the Company announced its results for the "
        "fourth quarter of 1998. The press release is furnished as Exhibit 99.\n\nSIGNATURES\n")
    text = _submission("0000012345-99-000001", "8-K", "19990120", ["7", "9"], body, RELEASE_1999)
    filing = form8k.parse(text.encode())
    assert [i.number for i in filing.items] == ["7", "9"]
    assert filing.results_of_operations and filing.results_item == "9" and filing.item_numbering == "pre-2004"
    other = form8k.parse(_submission("0000012345-99-000002", "8-K", "19990120", ["5"], COVER.format(
        form="8-K", date="January 20, 1999") + "Item 5. Other Events.\n\nThe Company moved its offices.\n").encode())
    assert not other.results_of_operations and other.item_numbering == "pre-2004"


def test_accepted_at_keeps_its_zone_and_filed_at_and_period_are_read() -> None:
    apple = form8k.parse(FILINGS / "apple_2024-02-01_8-K_earnings.txt")
    assert apple.accepted_at == dt.datetime(2024, 2, 1, 21, 30, 30, tzinfo=dt.UTC)  # 16:30:30 EST
    assert apple.accepted_at.utcoffset() == dt.timedelta(hours=-5)
    oracle = form8k.parse(FILINGS / "oracle_2014-06-19_8-K_earnings.txt")
    assert oracle.accepted_at is not None and oracle.accepted_at.utcoffset() == dt.timedelta(hours=-4)  # EDT
    assert apple.filed_at == dt.date(2024, 2, 1) and apple.period_of_report == dt.date(2024, 2, 1)
    assert '"accepted_at":"2024-02-01T16:30:30-05:00"' in apple.model_dump_json()
    html = form8k.parse(FILINGS / "buckle_2024-11-22_8-K_earnings.html")
    assert html.accepted_at is None and html.filed_at is None  # not guessed without a header
    assert html.period_of_report == dt.date(2024, 11, 22)  # the cover's date of report


def _pair(tmp_path: Path, cite: bool) -> tuple[Path, Path]:
    original = _submission("0000012345-24-000010", "8-K", "20240315", ["2.02", "9.01"],
                           COVER.format(form="8-K", date="March 15, 2024")
                           + "Item 2.02 Results of Operations and Financial Condition.\n\nResults.\n\nSIGNATURES\n",
                           accepted="20240315161500")
    note = " (accession no. 0000012345-24-000010)" if cite else ""
    amendment = _submission("0000012345-24-000020", "8-K/A", "20240315", ["2.02", "9.01"],
                            COVER.format(form="8-K/A", date="March 15, 2024")
                            + f"Item 2.02 Results of Operations and Financial Condition.\n\nThis Amendment No. 1 "
                            f"amends the Current Report on Form 8-K filed on March 15, 2024{note} to correct a "
                            "figure.\n\nSIGNATURES\n", accepted="20240318090000")
    a, b = tmp_path / "original.txt", tmp_path / "amendment.txt"
    a.write_text(original)
    b.write_text(amendment)
    return a, b


def test_an_amendment_citing_its_report_carries_amends(tmp_path: Path) -> None:
    _, amendment = _pair(tmp_path, cite=True)
    filing = form8k.parse(amendment)
    assert filing.cover.form_type == "8-K/A" and filing.amends == "0000012345-24-000010"


def test_the_store_links_an_amendment_and_its_report_both_ways(tmp_path: Path) -> None:
    original, amendment = _pair(tmp_path, cite=False)
    assert form8k.parse(amendment).amends is None  # nothing in its text names the accession number
    db = tmp_path / "f.duckdb"
    ingest([amendment, original], db=db, workers=0, progress=False)  # the amendment first: order does not matter
    assert query.amendments(db) == [("0000012345-24-000020", "0000012345-24-000010")]
    assert query.read_filing(db, "0000012345-24-000020").amends == "0000012345-24-000010"
    assert query.read_filing(db, "0000012345-24-000010").amended_by == ["0000012345-24-000020"]
