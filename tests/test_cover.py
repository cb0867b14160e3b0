"""The cover reader on the layouts filings use, as small examples."""

from __future__ import annotations

import datetime as dt

import pytest

from form8k import parse, parse_paths
from form8k.record.cover_fields import _box_state

from conftest import DATA as TESTS_DATA

TEXT_STACKED = """\
                                 UNITED STATES
                       SECURITIES AND EXCHANGE COMMISSION
                                    FORM 8-K
         Date of Report (Date of earliest event reported): March 3, 1999

                             WIDGET INDUSTRIES, INC.
               (Exact name of registrant as specified in charter)

        Ohio                          1-8765                       31-1234567
 (State or Other Jurisdiction   (Commission File Number)   (IRS Employer Identification No.)
    of Incorporation)

           100 Main Street                                   44101
         Cleveland, Ohio                                   (Zip code)
(Address of principal executive offices)

       Registrant's telephone number, including area code: (216) 555-0100

Item 5. Other Events.
   Nothing else.
"""

TEXT_INLINE = """\
FORM 8-K/A
CURRENT REPORT
Date of Report: June 1, 2001
(Date of earliest event reported: May 30, 2001)
Acme Robotics Corp.
(Exact name of registrant as specified in its charter)
Nevada (State or other jurisdiction of incorporation)
000-12345 (Commission File Number)
88-7654321 (IRS Employer Identification No.)
1 Robot Way, Reno, NV 89501 (Address of principal executive offices) (Zip Code)
Registrant's telephone number, including area code: 775-555-0199
[X] Written communications pursuant to Rule 425 under the Securities Act
[ ] Soliciting material pursuant to Rule 14a-12 under the Exchange Act
[ ] Pre-commencement communications pursuant to Rule 14d-2(b) under the Exchange Act
[ ] Pre-commencement communications pursuant to Rule 13e-4(c) under the Exchange Act
Item 8.01 Other Events.
Text.
"""

HTML_MODERN = """<html><body>
<p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p><p>FORM 8-K</p><p>CURRENT REPORT</p>
<p>Date of Report (Date of earliest event reported): <b>November&nbsp;22, 2024</b></p>
<p>NORTHWIND TRADERS, INC.</p><p>(Exact name of registrant as specified in its charter)</p>
<table>
<tr><td>Delaware</td><td></td><td>001-40001</td><td></td><td>12-3456789</td></tr>
<tr><td>(State or other jurisdiction<br>of incorporation)</td><td></td><td>(Commission<br>File Number)</td><td></td>
<td>(I.R.S. Employer<br>Identification No.)</td></tr>
</table>
<table><tr><td>500 Harbor Blvd., Seattle, Washington</td><td>98101</td></tr>
<tr><td>(Address of principal executive offices)</td><td>(Zip Code)</td></tr></table>
<p>(206) 555-0123</p><p>(Registrant&#8217;s telephone number, including area code)</p>
<p>&#9744; Written communications pursuant to Rule 425 under the Securities Act</p>
<p>&#9744; Soliciting material pursuant to Rule 14a-12 under the Exchange Act</p>
<p>&#9746; Pre-commencement communications pursuant to Rule 14d-2(b) under the Exchange Act</p>
<p>&#9744; Pre-commencement communications pursuant to Rule 13e-4(c) under the Exchange Act</p>
<p>Securities registered pursuant to Section 12(b) of the Act:</p>
<table><tr><td>Title of each class</td><td>Trading Symbol(s)</td><td>Name of each exchange on which registered</td></tr>
<tr><td>Common Stock, $0.01 par value</td><td>NWT</td><td>The Nasdaq Stock Market LLC</td></tr>
<tr><td>5.25% Notes due 2031</td><td>NWT 31</td><td>New York Stock Exchange</td></tr></table>
<p>Emerging growth company &#9746;</p>
<p>Item 2.02 Results of Operations and Financial Condition.</p><p>Text.</p>
</body></html>"""

HTML_UTILITY = """<html><body><p>FORM 8-K</p><p>CURRENT REPORT</p>
<p>Date of Report (Date of earliest event reported) April 2, 2012</p>
<table>
<tr><td>Commission File Number</td><td>Registrant, State of Incorporation, Address and Telephone Number</td>
<td>I.R.S. Employer Identification No.</td></tr>
<tr><td>1-1111</td><td>Big Power Holdings (A Virginia Corporation) 10 Grid Street Richmond, Virginia 23219 (804) 555-1000</td>
<td>54-1111111</td></tr>
<tr><td>1-2222</td><td>Big Power Electric Company (A Virginia Corporation) 10 Grid Street Richmond, Virginia 23219 (804) 555-2000</td>
<td>54-2222222</td></tr>
</table>
<p>Item 8.01. Other Events.</p><p>Text.</p></body></html>"""


def cover_of(text: str, name: str = "cover.txt"):  # type: ignore[no-untyped-def]
    return parse([(name, text.encode())]).cover


def test_text_cover_with_values_above_labels() -> None:
    c = cover_of(TEXT_STACKED)
    assert (c.form_type, c.date_of_report, c.registrant) == ("8-K", dt.date(1999, 3, 3), "WIDGET INDUSTRIES, INC.")
    assert (c.state_of_incorporation, c.commission_file_number, c.irs_employer_id) == ("Ohio", "1-8765", "31-1234567")
    assert c.address == "100 Main Street, Cleveland, Ohio 44101"
    assert c.phone == "(216) 555-0100"
    assert c.written_communications is None  # this cover predates the boxes


def test_text_cover_with_values_beside_labels() -> None:
    c = cover_of(TEXT_INLINE)
    assert c.form_type == "8-K/A"
    assert c.date_of_report == dt.date(2001, 5, 30)  # the earliest event, not the report date
    assert (c.registrant, c.state_of_incorporation) == ("Acme Robotics Corp.", "Nevada")
    assert (c.commission_file_number, c.irs_employer_id, c.phone) == ("000-12345", "88-7654321", "775-555-0199")
    assert c.address == "1 Robot Way, Reno, NV 89501"
    assert (c.written_communications, c.soliciting_material) == (True, False)


def test_modern_html_cover() -> None:
    c = cover_of(HTML_MODERN, "cover.htm")
    assert (c.date_of_report, c.registrant) == (dt.date(2024, 11, 22), "NORTHWIND TRADERS, INC.")
    assert (c.state_of_incorporation, c.commission_file_number, c.irs_employer_id) == (
        "Delaware", "001-40001", "12-3456789")
    assert c.address == "500 Harbor Blvd., Seattle, Washington 98101"
    assert c.phone == "(206) 555-0123"
    assert (c.written_communications, c.soliciting_material, c.pre_commencement_tender_offer,
            c.pre_commencement_issuer_tender_offer) == (False, False, True, False)
    assert c.emerging_growth_company is True
    assert [(s.symbol, s.exchange, s.title) for s in c.trading_symbols] == [
        ("NWT", "The Nasdaq Stock Market LLC", "Common Stock, $0.01 par value"),
        ("NWT 31", "New York Stock Exchange", "5.25% Notes due 2031")]


def test_utility_cover_with_several_registrants() -> None:
    c = cover_of(HTML_UTILITY, "cover.htm")
    assert [r.name for r in c.registrants] == ["Big Power Holdings", "Big Power Electric Company"]
    assert [(r.commission_file_number, r.irs_employer_id, r.state_of_incorporation, r.phone)
            for r in c.registrants] == [("1-1111", "54-1111111", "Virginia", "(804) 555-1000"),
                                         ("1-2222", "54-2222222", "Virginia", "(804) 555-2000")]
    assert c.registrant == "Big Power Holdings"
    assert c.date_of_report == dt.date(2012, 4, 2)


def test_header_and_cover_disagreements_are_kept() -> None:
    header = ("<SEC-DOCUMENT>x\n<SEC-HEADER>x\nACCESSION NUMBER:\t0000000000-99-000001\n"
              "CONFORMED SUBMISSION TYPE:\t8-K\nCONFORMED PERIOD OF REPORT:\t19990303\nFILER:\n\tCOMPANY DATA:\n"
              "\t\tCOMPANY CONFORMED NAME:\tWIDGET INDUSTRIES INC /OH/\n\t\tCENTRAL INDEX KEY:\t0000012345\n"
              "\t\tIRS NUMBER:\t311234567\n\t\tSTATE OF INCORPORATION:\tDE\n\tFILING VALUES:\n"
              "\t\tFORM TYPE:\t8-K\n\t\tSEC FILE NUMBER:\t001-08765\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n"
              "<SEQUENCE>1\n<TEXT>\n")
    filing = parse([("sub.txt", (header + TEXT_STACKED + "</TEXT>\n</DOCUMENT>\n").encode())])
    c = filing.cover
    assert c.cik == "0000012345"
    assert [(d.field, d.cover, d.header) for d in c.disagreements] == [("state_of_incorporation", "Ohio", "DE")]


@pytest.mark.parametrize(("token", "state"), [
    ("☐", False), ("☒", True), ("[X]", True), ("[ ]", False), ("[_]", False), ("o", False), ("x", True),
    ("ý", True), ("¨", False), ("", None), ("Rule", None),
])
def test_check_box_marks(token: str, state: bool | None) -> None:
    assert _box_state(token) is state


COVERS = TESTS_DATA / "covers"


def test_justified_text_cover_without_a_registrant_label() -> None:
    filing = parse_paths([COVERS / "oasis_2002-02-14_8-K_auditor-change.txt"])
    c = filing.cover
    assert c.registrant == "OASIS ENTERTAINMENT'S FOURTH MOVIE PROJECT, INC."
    assert (c.date_of_report, c.state_of_incorporation, c.commission_file_number, c.irs_employer_id, c.phone) == (
        dt.date(2002, 2, 14), "Nevada", "000-28881", "76-0528600", "(949) 487-7295")
    assert [i.number for i in filing.items] == ["4"]
    assert [(e.number, e.description) for e in filing.exhibits] == [
        ("16.1", "Letter on change in certifying accountant from HJ & Associates, LLC (Filed herewith.)")]


def test_text_utility_cover_with_seven_registrants() -> None:
    filing = parse_paths([COVERS / "southern_2005-01-25_8-K_earnings.txt"])
    regs = filing.cover.registrants
    assert len(regs) == 7
    assert (regs[0].name, regs[0].state_of_incorporation, regs[0].commission_file_number, regs[0].irs_employer_id,
            regs[0].address, regs[0].phone) == ("The Southern Company", "Delaware", "1-3526", "58-0690070",
                                                "270 Peachtree Street, N.W. Atlanta, Georgia 30303", "(404) 506-5000")
    assert (regs[3].name, regs[3].state_of_incorporation, regs[3].commission_file_number) == (
        "Gulf Power Company", "Maine", "0-2429")
    assert regs[6].commission_file_number == "333-98553"
    assert filing.cover.registrant == "The Southern Company"
    assert [e.number for e in filing.exhibits] == ["99.01", "99.02", "99.03", "99.04", "99.05", "99.06"]
    assert [(s.name, s.title) for s in filing.signatures] == [("W. Dean Hudson", "Comptroller"),
                                                              ("Wayne Boston", "Assistant Secretary")]


@pytest.mark.parametrize("line", ["Commission File Number: 1-8940", "SEC File No. 1-8940", "File No.  1-8940",
                                  "1-8940 (Commission File No.)"])
def test_file_number_label_variants(line: str) -> None:
    text = f"FORM 8-K\nCURRENT REPORT\nAcme Corp.\n(Exact name of registrant as specified in its charter)\n{line}\n"
    assert cover_of(text).commission_file_number == "1-8940"
