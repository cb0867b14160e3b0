"""Reading EDGAR's listings: full-index files, submissions JSON, company_tickers.json; choosing filings."""

from __future__ import annotations

import json
from datetime import date

import pytest

from fake_edgar import EDGAR_DATA, USER_AGENT
from form8k.errors import UserAgentError
from form8k.fetch import (
    FilingRef,
    Selection,
    Settings,
    check_user_agent,
    index_url,
    normalize_accession,
    parse_cik,
    parse_index,
    parse_submissions,
    parse_tickers,
    retry_after_seconds,
)
from form8k.fetch.submissions import parse_columns

QTR1 = EDGAR_DATA / "Archives/edgar/full-index/2023/QTR1"


def _rows(refs: list[FilingRef]) -> set[tuple[int, str, str, date, str]]:
    return {(r.cik, r.accession, r.form, r.filing_date, r.company) for r in refs}


def test_form_idx_reads_every_row_with_its_columns() -> None:
    refs = parse_index((QTR1 / "form.idx").read_text())
    assert len(refs) == 11
    apple = [r for r in refs if r.accession == "0000320193-23-000005"]
    assert apple == [FilingRef(cik=320193, accession="0000320193-23-000005", form="8-K",
                               filing_date=date(2023, 2, 2), company="APPLE INC")]
    # form types and company names with spaces and punctuation keep them
    assert ("SC 13D/A", "SMITH JOHN A") in {(r.form, r.company) for r in refs}
    assert ("10-K", "APPLE HOSPITALITY REIT, INC.") in {(r.form, r.company) for r in refs}
    assert all(r.items is None for r in refs)  # the index does not say


def test_master_idx_and_form_idx_list_the_same_filings() -> None:
    form = parse_index((QTR1 / "form.idx").read_text())
    master = parse_index((QTR1 / "master.idx").read_text())
    assert _rows(form) == _rows(master)


def test_company_idx_layout_is_read_too() -> None:
    header = f"{'Company Name':<62}{'Form Type':<12}{'CIK':<12}{'Date Filed':<12}File Name"
    row = f"{'APPLE INC':<62}{'8-K':<12}{'320193':<12}{'2023-02-02':<12}edgar/data/320193/0000320193-23-000005.txt"
    refs = parse_index("Description: Company Index\n \n" + header + "\n" + "-" * 140 + "\n" + row + "\n")
    assert [(r.company, r.form, r.cik) for r in refs] == [("APPLE INC", "8-K", 320193)]


def test_index_skips_unreadable_lines_and_text_without_a_header() -> None:
    text = (QTR1 / "master.idx").read_text() + "not|a|row\n\n320193|APPLE INC|8-K|someday|edgar/data/x.txt\n"
    assert len(parse_index(text)) == 11
    assert parse_index("<html>Not Found</html>") == []


def test_index_url() -> None:
    assert index_url("https://www.sec.gov/", 2023, 4, "master") == \
        "https://www.sec.gov/Archives/edgar/full-index/2023/QTR4/master.idx"
    with pytest.raises(ValueError):
        index_url("https://www.sec.gov", 2023, 5)


def test_submissions_json_recent_block() -> None:
    doc = json.loads((EDGAR_DATA / "submissions/CIK0000320193.json").read_text())
    cik, company, refs, pages = parse_submissions(doc)
    assert (cik, company) == (320193, "Apple Inc.")
    assert len(refs) == 9
    newest = refs[1]
    assert newest.accession == "0000320193-23-000104"
    assert newest.items == ("2.02", "9.01")
    assert newest.report_date == date(2023, 11, 2)
    assert newest.primary_document == "aapl-20231102.htm"
    assert refs[0].form == "10-K" and refs[0].items == ()
    assert pages == [{"name": "CIK0000320193-submissions-001.json", "filingCount": 3,
                      "filingFrom": "1996-12-24", "filingTo": "2015-01-27"}]


def test_submissions_extra_page_has_the_columns_at_its_top_level() -> None:
    page = json.loads((EDGAR_DATA / "submissions/CIK0000320193-submissions-001.json").read_text())
    refs = parse_columns(page, 320193, "Apple Inc.")
    assert [r.accession for r in refs] == ["0001193125-15-023697", "0001193125-11-009392", "0000320193-96-000023"]
    assert refs[2].items == ()  # 8-Ks before 2004 carry no item numbers in EDGAR's listing


def test_submissions_columns_of_uneven_length_do_not_break() -> None:
    refs = parse_columns({"accessionNumber": ["0000320193-23-000005", "junk"], "form": ["8-K"],
                          "filingDate": ["2023-02-02"]}, 320193)
    assert [r.accession for r in refs] == ["0000320193-23-000005"]


def test_company_tickers() -> None:
    table = parse_tickers(json.loads((EDGAR_DATA / "files/company_tickers.json").read_text()))
    assert table["AAPL"] == 320193
    assert table["BRK-B"] == 1067983


@pytest.mark.parametrize(("raw", "expected"), [
    ("000032019323000077", "0000320193-23-000077"),
    ("0000320193-23-000077", "0000320193-23-000077"),
])
def test_accession_numbers(raw: str, expected: str) -> None:
    assert normalize_accession(raw) == expected


def test_cik_forms() -> None:
    assert parse_cik("CIK0000320193") == parse_cik("0000320193") == parse_cik(320193) == 320193
    with pytest.raises(ValueError):
        parse_cik("AAPL")


def test_selection_by_items_forms_and_dates() -> None:
    ref = FilingRef(cik=1, accession="0000000001-23-000001", form="8-K", filing_date=date(2023, 2, 2),
                    items=("2.02", "9.01"))
    assert Selection(items=("2.02",)).matches(ref)
    assert not Selection(items=("5.07",)).matches(ref)
    assert not Selection(items=("2.02",)).matches(FilingRef(1, "0000000001-23-000002", "8-K", date(2023, 2, 2)))
    assert Selection(forms=("8-k",)).matches(ref)
    assert not Selection(forms=("10-K",)).matches(ref)
    assert Selection(since=date(2023, 2, 2), until=date(2023, 2, 2)).matches(ref)
    assert not Selection(since=date(2023, 2, 3)).matches(ref)
    assert Selection(since=date(2010, 1, 1)).overlaps(date(1996, 1, 1), date(2015, 1, 1))
    assert not Selection(since=date(2016, 1, 1)).overlaps(date(1996, 1, 1), date(2015, 1, 1))


def test_user_agent_must_name_someone_and_an_email(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORM8K_USER_AGENT", raising=False)
    assert check_user_agent(USER_AGENT) == USER_AGENT
    for bad in (None, "", "   ", "python-httpx/0.28", "jane@example.com"):
        with pytest.raises(UserAgentError, match="FORM8K_USER_AGENT"):
            check_user_agent(bad)
    with pytest.raises(UserAgentError):
        Settings.from_env()
    monkeypatch.setenv("FORM8K_USER_AGENT", USER_AGENT)
    assert Settings.from_env().user_agent == USER_AGENT


def test_base_urls_are_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORM8K_EDGAR_URL", raising=False)
    monkeypatch.delenv("FORM8K_DATA_URL", raising=False)
    defaults = Settings.from_env(USER_AGENT)
    assert (defaults.edgar_url, defaults.data_url) == ("https://www.sec.gov", "https://data.sec.gov")
    monkeypatch.setenv("FORM8K_EDGAR_URL", "http://mirror.example/")
    monkeypatch.setenv("FORM8K_DATA_URL", "http://mirror.example/data")
    mirror = Settings.from_env(USER_AGENT)
    assert (mirror.edgar_url, mirror.data_url) == ("http://mirror.example", "http://mirror.example/data")


def test_retry_after_header_forms() -> None:
    assert retry_after_seconds("2") == 2.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
    from datetime import UTC, datetime
    now = datetime(2023, 2, 2, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Thu, 02 Feb 2023 12:00:05 GMT", now=now) == 5.0
