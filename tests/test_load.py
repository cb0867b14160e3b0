"""Loading: submissions split into documents, binary parts skipped, one canonical text with global spans."""

from __future__ import annotations

from form8k import parse
from form8k.load import load

SUBMISSION = """<SEC-DOCUMENT>0000000000-05-000001.txt : 20050125
<SEC-HEADER>0000000000-05-000001.hdr.sgml : 20050125
ACCESSION NUMBER:\t\t0000000000-05-000001
CONFORMED SUBMISSION TYPE:\t8-K
CONFORMED PERIOD OF REPORT:\t20050125
ITEM INFORMATION:\t\tResults of Operations and Financial Condition
FILED AS OF DATE:\t\t20050126
FILER:
\tCOMPANY DATA:
\t\tCOMPANY CONFORMED NAME:\t\t\tACME CORP /DE/
\t\tCENTRAL INDEX KEY:\t\t\t0000012345
\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tSERVICES [7372]
\t\tIRS NUMBER:\t\t\t\t123456789
\t\tSTATE OF INCORPORATION:\t\t\tDE
\t\tFISCAL YEAR END:\t\t\t1231
\tFILING VALUES:
\t\tFORM TYPE:\t\t8-K
\t\tSEC FILE NUMBER:\t001-12345
\tBUSINESS ADDRESS:
\t\tSTREET 1:\t\t1 MAIN ST
\t\tCITY:\t\t\tBOSTON
\t\tSTATE:\t\t\tMA
\t\tZIP:\t\t\t02110
\t\tBUSINESS PHONE:\t\t6175550100
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>d8k.htm
<DESCRIPTION>FORM 8-K
<TEXT>
<html><body><p>FORM 8-K</p><p>Item 2.02 Results of Operations and Financial Condition.</p>
<table><tr><td>Revenue</td><td>$</td><td>(3,044</td><td>)</td></tr></table></body></html>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>GRAPHIC
<SEQUENCE>2
<FILENAME>logo.jpg
<TEXT>
begin 644 logo.jpg
M_]C_X``02D9)1@`!`0$`8`!@``#_VP!#``@&!@<&!0@'!P<)"0@*#!0-#`L+
end
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>3
<FILENAME>ex991.pdf
<TEXT>
<PDF>
begin 644 ex991.pdf
M)5!$1BTQ+C0*)>+CS],*
end
</PDF>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-101.INS
<SEQUENCE>4
<FILENAME>acme-20050125.xml
<TEXT>
<XBRL>
<?xml version="1.0"?><xbrl></xbrl>
</XBRL>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.2
<SEQUENCE>5
<FILENAME>ex992.txt
<TEXT>
EXHIBIT 99.2\r\nACME REPORTS\x0cPAGE TWO
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def test_submission_parts_and_header() -> None:
    sub = load([("sub.txt", SUBMISSION.encode())])
    assert sub.format == "sgml"
    assert [(d.type, d.format, d.skipped) for d in sub.documents] == [
        ("8-K", "html", None), ("GRAPHIC", "binary", "graphic"), ("EX-99.1", "binary", "pdf"),
        ("EX-101.INS", "binary", "xbrl data"), ("EX-99.2", "text", None)]
    h = sub.header
    assert h is not None
    assert (h.accession_number, h.form_type, str(h.period_of_report), str(h.filed_as_of)) == (
        "0000000000-05-000001", "8-K", "2005-01-25", "2005-01-26")
    assert (h.cik, h.company_name, h.sic, h.state_of_incorporation, h.fiscal_year_end) == (
        "0000012345", "ACME CORP /DE/", "SERVICES [7372]", "DE", "1231")
    assert h.items == ["Results of Operations and Financial Condition"]
    assert h.business_address is not None and (h.business_address.city, h.business_address.zip) == ("BOSTON", "02110")
    assert h.filers[0].file_number == "001-12345"


def test_one_canonical_text_with_global_spans() -> None:
    sub = load([("sub.txt", SUBMISSION.encode())])
    body, exhibit = sub.documents[0], sub.documents[4]
    assert sub.text[body.start:body.end] == body.text
    assert sub.text[exhibit.start:exhibit.end] == exhibit.text == "EXHIBIT 99.2\nACME REPORTS\nPAGE TWO"
    grid = body.grids[0]
    assert [c.text for c in grid.rows[0]] == ["Revenue", "$", "(3,044", ")"]  # a table stays a table
    for cell in grid.rows[0]:
        assert cell.span is not None and sub.text[cell.span[0]:cell.span[1]] == cell.text
    assert "uuencoded" not in sub.text and "begin 644" not in sub.text


def test_binary_parts_are_listed_but_never_read_as_text() -> None:
    filing = parse([("sub.txt", SUBMISSION.encode())])
    skipped = {d.type: d.skipped for d in filing.documents if d.skipped}
    assert skipped == {"GRAPHIC": "graphic", "EX-99.1": "pdf", "EX-101.INS": "xbrl data"}
    assert all(d.span is None for d in filing.documents if d.skipped)
    assert {e.number for e in filing.exhibits} == {"99.1", "101", "99.2"}


def test_nc_files_and_bare_carriage_returns() -> None:
    nc = ("<SUBMISSION>\r<ACCESSION-NUMBER>0000000000-25-000001\r<TYPE>8-K\r<PERIOD>20250106\r<ITEMS>5.02\r"
          "<FILER>\r<COMPANY-DATA>\r<CONFORMED-NAME>ACME CORP\r<CIK>0000012345\r</COMPANY-DATA>\r</FILER>\r"
          "<DOCUMENT>\r<TYPE>8-K\r<SEQUENCE>1\r<FILENAME>a.txt\r<TEXT>\rFORM 8-K\rACME\rCORP\r</TEXT>\r</DOCUMENT>\r"
          "</SUBMISSION>\r")
    sub = load([("a.nc", nc.encode())])
    assert sub.header is not None and (sub.header.cik, sub.header.items) == ("0000012345", ["5.02"])
    assert sub.documents[0].text == "FORM 8-K\nACME\nCORP"
