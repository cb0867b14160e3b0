"""fetch() end to end against the fake EDGAR: choosing filings, the cache, failures, resuming."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from fake_edgar import USER_AGENT, FakeEdgar, submission_text
from form8k.errors import FetchError, UserAgentError
from form8k.fetch import Settings, fetch

BASE = "https://edgar.test"
APPLE_202 = ["0000320193-23-000005", "0000320193-23-000007", "0000320193-23-000064",
             "0000320193-23-000074", "0000320193-23-000104"]


def _settings(**overrides: object) -> Settings:
    values: dict[str, object] = {"rate": 1000.0, "backoff": 0.001, "max_backoff": 0.01, "retries": 2}
    values.update(overrides)
    return Settings(user_agent=USER_AGENT, edgar_url=BASE, data_url=BASE, **values)  # type: ignore[arg-type]


def _cached(out: Path) -> dict[str, bytes]:
    return {p.stem: p.read_bytes() for p in out.rglob("*.txt")}


def test_items_202_chooses_the_earnings_releases(tmp_path: Path) -> None:
    fake = FakeEdgar()
    result = fetch(tickers=["aapl"], items=["2.02"], since=date(2023, 1, 1), out=tmp_path,
                   settings=_settings(), transport=fake.transport())
    assert [r.accession for r in result.selected] == APPLE_202  # oldest first; 8-K/A included
    assert all("2.02" in (r.items or ()) for r in result.selected)
    assert sorted(_cached(tmp_path / "320193")) == APPLE_202
    assert result.status == "ok" and result.bytes > 0
    for path in result.paths:
        assert path.read_bytes() == submission_text(320193, path.stem)
    # a 5.07 vote, an 8.01 and the 10-K were listed but not fetched
    assert not any("070648" in p or "000068" in p or "000106" in p for p in fake.archive_hits())
    # 2023 only: the page of older filings was not needed, so not asked for
    assert "/submissions/CIK0000320193-submissions-001.json" not in fake.paths()


def test_forms_and_dates_without_items(tmp_path: Path) -> None:
    result = fetch(ciks=["0000320193"], forms=["8-K/A"], out=tmp_path, settings=_settings(),
                   transport=FakeEdgar().transport(), dry_run=True)
    assert [r.accession for r in result.selected] == ["0000320193-23-000007"]
    result = fetch(ciks=[320193], since=date(2023, 3, 1), until=date(2023, 5, 31), out=tmp_path,
                   settings=_settings(), transport=FakeEdgar().transport(), dry_run=True)
    assert [r.accession for r in result.selected] == ["0001193125-23-070648", "0000320193-23-000064",
                                                      "0000320193-23-000068"]
    assert not list(tmp_path.iterdir())  # a dry run downloads nothing


def test_long_histories_follow_the_extra_pages(tmp_path: Path) -> None:
    fake = FakeEdgar()
    result = fetch(ciks=[320193], items=["2.02"], until=date(2015, 12, 31), out=tmp_path,
                   settings=_settings(), transport=fake.transport())
    assert [r.accession for r in result.selected] == ["0001193125-11-009392", "0001193125-15-023697"]
    assert "/submissions/CIK0000320193-submissions-001.json" in fake.paths()
    # the 1996 8-K lists no items, so --items 2.02 cannot choose it
    assert "0000320193-96-000023" not in {r.accession for r in result.selected}


def test_index_quarter_by_form(tmp_path: Path) -> None:
    fake = FakeEdgar()
    result = fetch(index=(2023, 1), out=tmp_path, settings=_settings(), transport=fake.transport())
    accessions = [r.accession for r in result.selected]
    # 8-K and 8-K/A only; the Duke filing has two filers but is fetched once
    assert sorted(accessions) == sorted(["0000320193-23-000005", "0001193125-23-070648", "0000093410-23-000004",
                                         "0000093410-23-000009", "0001326160-23-000012", "0000320193-23-000007"])
    assert fake.paths("/submissions/") == []  # no items asked for: no lookups
    assert len(fake.archive_hits()) == 6
    assert (tmp_path / "30371" / "0001326160-23-000012.txt").is_file()


def test_index_quarter_with_items_looks_each_company_up(tmp_path: Path) -> None:
    fake = FakeEdgar()
    result = fetch(index=(2023, 1), index_kind="master", items=["2.02"], out=tmp_path,
                   settings=_settings(), transport=fake.transport())
    assert sorted(r.accession for r in result.selected) == [
        "0000093410-23-000009", "0000320193-23-000005", "0000320193-23-000007"]
    assert sorted(fake.paths("/submissions/")) == [  # one lookup per company, no history pages
        "/submissions/CIK0000093410.json", "/submissions/CIK0000320193.json", "/submissions/CIK0001326160.json"]
    # Duke has no submissions JSON on this fake EDGAR: its filing cannot be judged, and says so
    assert [(f.filing.accession, "items unknown" in f.error) for f in result.failed] == [
        ("0001326160-23-000012", True)]
    assert result.status == "partial"
    assert json.loads((tmp_path / "failures.jsonl").read_text())["accession"] == "0001326160-23-000012"


def test_a_failed_filing_is_recorded_and_the_rest_go_on(tmp_path: Path) -> None:
    bad = "/Archives/edgar/data/320193/0000320193-23-000064.txt"
    fake = FakeEdgar(faults={bad: [503] * 5})
    result = fetch(tickers=["AAPL"], items=["2.02"], since=date(2023, 1, 1), out=tmp_path,
                   settings=_settings(), transport=fake.transport())
    assert [f.filing.accession for f in result.failed] == ["0000320193-23-000064"]
    assert len(result.downloaded) == 4 and result.status == "partial"
    failures = [json.loads(line) for line in (tmp_path / "failures.jsonl").read_text().splitlines()]
    assert [(f["cik"], f["accession"]) for f in failures] == [(320193, "0000320193-23-000064")]
    assert "HTTP 503" in failures[0]["error"] and failures[0]["url"].endswith(bad)
    assert not list(tmp_path.glob("*/*.part"))
    # the next run fetches only the one that failed
    again = FakeEdgar()
    result = fetch(tickers=["AAPL"], items=["2.02"], since=date(2023, 1, 1), out=tmp_path,
                   settings=_settings(), transport=again.transport())
    assert again.archive_hits() == [bad]
    assert result.status == "ok" and len(result.cached) == 4


def test_resume_after_an_interrupted_run(tmp_path: Path) -> None:
    """Ctrl-C in the middle of a download: nothing half-written stays, nothing finished is fetched again."""
    interrupt_at = "/Archives/edgar/data/320193/0000320193-23-000074.txt"

    def break_off(path: str) -> None:
        if path == interrupt_at:
            raise KeyboardInterrupt

    first = FakeEdgar(on_body=break_off)
    with pytest.raises(KeyboardInterrupt):
        fetch(tickers=["AAPL"], items=["2.02"], since=date(2023, 1, 1), out=tmp_path,
              settings=_settings(), transport=first.transport(), concurrency=3)
    assert not list(tmp_path.rglob("*.part"))
    done_first = _cached(tmp_path / "320193")
    assert done_first and "0000320193-23-000074" not in done_first
    for accession, body in done_first.items():  # whatever has its final name is whole
        assert body == submission_text(320193, accession)

    second = FakeEdgar()
    result = fetch(tickers=["AAPL"], items=["2.02"], since=date(2023, 1, 1), out=tmp_path,
                   settings=_settings(), transport=second.transport(), concurrency=3)
    refetched = {Path(p).stem for p in second.archive_hits()}
    assert refetched.isdisjoint(done_first)  # no finished file fetched twice
    assert refetched | set(done_first) == set(APPLE_202)
    assert Counter(second.archive_hits()).most_common(1)[0][1] == 1
    assert sorted(_cached(tmp_path / "320193")) == APPLE_202
    assert not list(tmp_path.rglob("*.part"))
    assert result.status == "ok" and len(result.cached) == len(done_first)


def test_a_part_file_left_by_a_killed_run_is_replaced(tmp_path: Path) -> None:
    stale = tmp_path / "320193" / "0000320193-23-000005.txt.part"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"<SEC-DOCUMENT>half of it")
    fetch(ciks=[320193], items=["2.02"], since=date(2023, 1, 1), until=date(2023, 2, 2), out=tmp_path,
          settings=_settings(), transport=FakeEdgar().transport())
    assert not stale.exists()
    assert (tmp_path / "320193" / "0000320193-23-000005.txt").read_bytes() == \
        submission_text(320193, "0000320193-23-000005")


def test_no_user_agent_no_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORM8K_USER_AGENT", raising=False)
    fake = FakeEdgar()
    with pytest.raises(UserAgentError, match="User-Agent"):
        fetch(ciks=[320193], out=tmp_path, transport=fake.transport())
    assert fake.hits == []


def test_listing_failures_raise(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="ZZZZ"):
        fetch(tickers=["ZZZZ"], out=tmp_path, settings=_settings(), transport=FakeEdgar().transport())
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(index=(1990, 1), out=tmp_path, settings=_settings(), transport=FakeEdgar().transport())


def test_progress_draws_filings_and_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fetch(tickers=["AAPL"], items=["2.02"], since=date(2023, 1, 1), out=tmp_path, settings=_settings(),
          transport=FakeEdgar().transport(), progress=True)
    err = capsys.readouterr().err
    assert "filings" in err and "5/5" in err and "0 left" in err and "kB" in err


def test_atomic_write_keeps_the_old_file_when_a_write_breaks_off(tmp_path: Path) -> None:
    from form8k.fetch.cache import atomic_write

    path = tmp_path / "320193" / "0000320193-23-000005.txt"
    with atomic_write(path) as f:
        f.write(b"whole")
    with pytest.raises(KeyboardInterrupt), atomic_write(path) as f:
        f.write(b"half")
        raise KeyboardInterrupt
    assert path.read_bytes() == b"whole"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
