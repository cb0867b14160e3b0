"""Bad input gets a clear error or a record marked with what is missing — never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from form8k import parse
from form8k.errors import BinaryInputError, EmptyInputError, InputError, InputTooLargeError
from form8k.pipeline import parse_paths

from conftest import FILINGS

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" + bytes(range(256)) * 4
TEN_K = b"""<SEC-DOCUMENT>0000320193-20-000096.txt : 20201030
<SEC-HEADER>0000320193-20-000096.hdr.sgml : 20201030
ACCESSION NUMBER:\t\t0000320193-20-000096
CONFORMED SUBMISSION TYPE:\t10-K
PUBLIC DOCUMENT COUNT:\t\t1
CONFORMED PERIOD OF REPORT:\t20200926
FILED AS OF DATE:\t\t20201030
FILER:
\tCOMPANY DATA:
\t\tCOMPANY CONFORMED NAME:\t\t\tApple Inc.
\t\tCENTRAL INDEX KEY:\t\t\t0000320193
</SEC-HEADER>
<DOCUMENT>
<TYPE>10-K
<SEQUENCE>1
<FILENAME>a10-k.htm
<TEXT>
<html><body><p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p><p>FORM 10-K</p>
<p>ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d)</p></body></html>
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "form8k.cli", *args], capture_output=True, text=True,
                          env={**os.environ, "FORM8K_STRICT": ""})


def test_empty_input_is_a_clear_error() -> None:
    with pytest.raises(EmptyInputError):
        parse([("empty.txt", b"")])
    with pytest.raises(EmptyInputError):
        parse([("blank.txt", b"  \n\t \r\n")])


def test_binary_input_is_a_clear_error() -> None:
    with pytest.raises(BinaryInputError):
        parse([("image.png", PNG)])


def test_cli_unreadable_input_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    for name, data in (("empty.txt", b""), ("image.png", PNG)):
        path = tmp_path / name
        path.write_bytes(data)
        result = run_cli("parse", str(path), "--json")
        assert result.returncode == 2
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and name in lines[0], result.stderr
        assert "Traceback" not in result.stderr


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("parse", str(tmp_path / "nope.txt"))
    assert result.returncode == 2 and "no such file" in result.stderr


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    with pytest.raises(InputTooLargeError, match="200.0 MiB"):
        parse_paths([path])
    result = run_cli("parse", str(path))
    assert result.returncode == 2 and "limit" in result.stderr and "Traceback" not in result.stderr


def test_ten_k_is_a_failed_record_that_says_why(tmp_path: Path) -> None:
    filing = parse([("10k.txt", TEN_K)])
    assert filing.status == "failed"
    assert [p.code for p in filing.problems] == ["not_8k"]
    assert "10-K" in filing.problems[0].message
    assert filing.items == [] and filing.facts == []
    path = tmp_path / "10k.txt"
    path.write_bytes(TEN_K)
    result = run_cli("parse", str(path), "--json")
    assert result.returncode == 1 and "not an 8-K" in result.stderr
    assert '"status": "failed"' in result.stdout


def test_ten_k_without_a_header_is_a_failed_record() -> None:
    body = TEN_K[TEN_K.index(b"<html>"): TEN_K.index(b"</html>") + 7]
    filing = parse([("10k.htm", body)])
    assert filing.status == "failed" and filing.cover.form_type == "10-K"
    assert [p.code for p in filing.problems] == ["not_8k"]


def test_html_with_no_body_is_a_failed_record() -> None:
    filing = parse([("empty.htm", b"<html><head><title>8-K</title></head></html>")])
    assert filing.status == "failed"
    assert "no_text" in [p.code for p in filing.problems]
    assert filing.cover.registrant is None


def test_truncated_submission_keeps_what_it_has_and_says_so() -> None:
    data = (FILINGS / "sears-roebuck_2004-07-22_8-K_earnings.txt").read_bytes()
    cut = data[: data.index(b"Press release dated July 22, 2004") + 200]
    filing = parse([("cut.txt", cut)])
    assert filing.status == "partial"
    assert "truncated_document" in [p.code for p in filing.problems]
    assert filing.cover.registrant == "SEARS, ROEBUCK AND CO."
    assert [i.number for i in filing.items] == ["7", "12"]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "latin-1"])
def test_any_common_encoding_decodes(encoding: str) -> None:
    text = "FORM 8-K\nCURRENT REPORT\nSociété Générale – “quoted” café\n"
    if encoding == "latin-1":
        text = text.replace("–", "-").replace("“", '"').replace("”", '"')
    filing = parse([("enc.txt", text.encode(encoding))])
    assert "café" in filing.text


def test_a_wrong_file_among_several_is_reported_not_fatal(tmp_path: Path) -> None:
    body = (FILINGS / "buckle_2024-11-22_8-K_earnings.html").read_bytes()
    filing = parse([("body.htm", body), ("logo.png", PNG)])
    assert "unreadable_file" in [p.code for p in filing.problems]
    assert filing.cover.registrant == "THE BUCKLE, INC."


SGML_PIECES = st.sampled_from([
    "<SEC-DOCUMENT>", "<SEC-HEADER>", "</SEC-HEADER>", "<DOCUMENT>", "</DOCUMENT>", "<TYPE>8-K", "<TYPE>EX-99.1",
    "<TEXT>", "</TEXT>", "<html>", "<table><tr><td>", "</td></tr></table>", "Item 2.02", "SIGNATURES", "/s/ ",
    "FORM 8-K", "(Commission File Number)", "Exhibit 99.1", "\n", "\t", "  ", "$ (3,044)", "begin 644 x.jpg\n",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(SGML_PIECES, st.text(max_size=40)), max_size=40))
def test_parse_never_raises_anything_but_input_errors(pieces: list[str]) -> None:
    data = "".join(pieces).encode("utf-8")
    try:
        filing = parse([("fuzz.txt", data)])
    except InputError:
        return
    assert filing.status in ("ok", "partial", "failed")
    for item in filing.items:
        assert item.span is None or 0 <= item.span[0] <= item.span[1] <= len(filing.text)


_RELEASE_HEAD = ("FORM 8-K\nCURRENT REPORT\nAcme Corp.\n(Exact name of registrant as specified in its charter)\n"
                 "Item 2.02 Results of Operations and Financial Condition.\nAcme announced results.\nSIGNATURES\n"
                 "/s/ John Doe\n\nExhibit 99.1\n")


def test_odd_colspan_values_are_read_as_one_column() -> None:
    html = ('<html><body><p>FORM 8-K</p><table><tr><td colspan="²">Revenue</td><td colspan="99999">12</td>'
            '<td colspan="-2"></td><td colspan="">3</td></tr></table></body></html>')
    filing = parse([("odd.htm", html.encode())])
    assert "Revenue\t12\t3" in filing.text


def test_look_alike_letters_in_period_phrases_do_not_break_the_release() -> None:
    text = _RELEASE_HEAD + ("BOSTON, MA, May 1, 2007 -- Acme Corp. today announced results for the "
                            "fİrſt quarter of fiscal 2007 ended March 31, 2007. Revenues for the fİrſt quarter were "
                            "$3.0 million, compared to $2.0 million for the fİrſt quarter of fiscal 2006.\n")
    filing = parse([("lookalike.txt", text.encode())])
    assert not [p for p in filing.problems if p.code == "stage_error"]
    assert filing.press_release is not None and filing.press_release.fiscal_quarter == 1
    assert [m.text for m in filing.mentions] == ["$3.0 million", "$2.0 million"]


def test_tables_nested_ten_thousand_deep_load_in_linear_time() -> None:
    import time

    depth = 10_000
    html = ("<html><body><p>FORM 8-K</p>" + "<table><tr><td>x" * depth + "1,234" + "</td></tr></table>" * depth
            + "</body></html>").encode()
    t0 = time.process_time()
    filing = parse([("nested.html", html)])
    assert time.process_time() - t0 < 10  # was over a minute: every table searched its whole subtree
    assert "1,234" in filing.text


def test_long_text_lines_of_numbers_read_in_linear_time() -> None:
    import time

    from form8k.statements.tables.text_lines import read_line

    numbers = " ".join(str(i) for i in range(14_000))
    for text in ("Revenue " + numbers + " x 5", "1 " * 35_000 + "a 1", "Net  " + "  ".join(["(1,234)"] * 8_000)):
        t0 = time.process_time()
        assert isinstance(read_line(0, text).nums, list)
        assert time.process_time() - t0 < 2, text[:40]  # the tail pattern backtracked for minutes


def test_a_line_too_long_to_be_a_row_is_prose_not_millions_of_fields() -> None:
    from form8k.statements.tables.text_lines import read_line

    line = read_line(0, "1,234 (56) 7.8% " * 100_000)
    assert line.kind == "text" and len(line.fields) == 1


def test_a_sentence_of_a_thousand_amounts_is_left_unread_and_says_so() -> None:
    """A table or list run into one sentence: binding each amount to its words cost the square of their
    number (30 s for a repeated slice of a real release)."""
    amounts = ", ".join(f"${i}.5 million" for i in range(1_000))
    text = _RELEASE_HEAD + ("BOSTON, MA, May 1, 2007 -- Acme Corp. today announced results. Revenues for the "
                            f"first quarter were {amounts}.\n")
    filing = parse([("long.txt", text.encode())])
    assert [p.code for p in filing.problems if p.code == "long_sentence"] == ["long_sentence"]
    assert not filing.mentions


def test_an_amount_of_thousands_of_digits_is_no_amount_and_the_record_reads_back() -> None:
    import json

    text = _RELEASE_HEAD + ("BOSTON, MA, May 1, 2007 -- Acme Corp. today announced results. Revenues for the "
                            f"first quarter were $3.0 million, compared to ${'7' * 5000} million a year ago.\n")
    filing = parse([("digits.txt", text.encode())])
    assert [m.text for m in filing.mentions] == ["$3.0 million"]
    json.loads(filing.model_dump_json())  # an integer of 5,000 digits would not read back


def test_a_sentence_does_not_run_on_across_a_table_line() -> None:
    text = _RELEASE_HEAD + ("BOSTON, MA, May 1, 2007 -- Acme Corp. today announced a net loss of $3.0\n"
                            "Gross margin    (7%)    (12%)    33%\n million for the quarter.\n")
    filing = parse([("broken.txt", text.encode())])
    for mention in filing.mentions:
        assert mention.span is not None
        assert " ".join(mention.text.split()) in " ".join(filing.text[mention.span[0]:mention.span[1]].split())


def test_a_hidden_document_root_is_read() -> None:
    html = b'<html style="display:none"><body><p>FORM 8-K</p><p>Item 8.01 Other Events.</p></body></html>'
    filing = parse([("hidden.htm", html)])
    assert "FORM 8-K" in filing.text


def test_a_percentage_in_a_column_of_amounts_is_no_money_fact() -> None:
    html = ("<html><body><p>FORM 8-K</p><p>CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS (in millions)</p><table>"
            "<tr><td></td><td>Three Months Ended May 31, 2014</td><td>Three Months Ended May 31, 2013</td></tr>"
            "<tr><td>Software revenues</td><td>8,914</td><td>79%</td></tr>"
            "<tr><td>Total revenues</td><td>11,320</td><td>11,000</td></tr>"
            "<tr><td>Net income</td><td>3,653</td><td>3,500</td></tr></table></body></html>")
    filing = parse([("pct.htm", html.encode())])
    money = [f for f in filing.facts if f.unit == "USD" and f.span is not None]
    assert money and not [f for f in money if "%" in filing.text[f.span[0]:f.span[1]]]
