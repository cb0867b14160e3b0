"""`form8k fetch` on the command line, against a fake EDGAR on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fake_edgar import USER_AGENT, FakeEdgar
from form8k.cli import app

runner = CliRunner()


@pytest.fixture
def edgar(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEdgar]:
    fake = FakeEdgar()
    with fake.serve() as base:
        monkeypatch.setenv("FORM8K_EDGAR_URL", base)
        monkeypatch.setenv("FORM8K_DATA_URL", base)
        monkeypatch.setenv("FORM8K_USER_AGENT", USER_AGENT)
        yield fake


def test_refuses_without_a_user_agent(edgar: FakeEdgar, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FORM8K_USER_AGENT")
    result = runner.invoke(app, ["fetch", "--cik", "320193", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "User-Agent" in result.stderr and "FORM8K_USER_AGENT" in result.stderr and "e-mail" in result.stderr
    assert edgar.hits == []
    result = runner.invoke(app, ["fetch", "--cik", "320193", "--user-agent", "curl/8.0", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "no e-mail" in result.stderr


def test_fetch_by_ticker_with_items(edgar: FakeEdgar, tmp_path: Path) -> None:
    result = runner.invoke(app, ["fetch", "--ticker", "AAPL", "--items", "2.02", "--since", "2023-06-01",
                                 "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "320193").iterdir()) == [
        "0000320193-23-000074.txt", "0000320193-23-000104.txt"]
    assert {h.headers["user-agent"] for h in edgar.hits} == {USER_AGENT}


def test_dry_run_lists_the_filings(edgar: FakeEdgar, tmp_path: Path) -> None:
    result = runner.invoke(app, ["fetch", "--index", "2023", "1", "--items", "2.02,5.07", "--dry-run",
                                 "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(cols[2], cols[4]) for cols in lines] == [
        ("0000093410-23-000009", "2.02,9.01"), ("0000320193-23-000005", "2.02,9.01"),
        ("0000320193-23-000007", "2.02"), ("0001193125-23-070648", "5.07")]
    assert not edgar.archive_hits()


def test_summary_and_exit_status_when_a_filing_fails(edgar: FakeEdgar, tmp_path: Path) -> None:
    edgar.faults["/Archives/edgar/data/320193/0000320193-23-000104.txt"] = [404]
    result = runner.invoke(app, ["fetch", "--cik", "320193", "--items", "2.02", "--since", "2023-06-01",
                                 "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "2 filings chosen: 1 downloaded" in result.stderr and "1 failed" in result.stderr
    assert "0000320193-23-000104: " in result.stderr and "HTTP 404" in result.stderr
    assert (tmp_path / "failures.jsonl").is_file()


def test_ingest_hands_the_filings_to_the_store(edgar: FakeEdgar, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def ingest(paths: list[Path], db: str | Path = "form8k.duckdb", workers: int | None = None,
               reparse: bool = False, progress: bool = True) -> str:
        calls.append({"paths": list(paths), "db": db, "progress": progress})
        return f"{len(paths)} filings"

    store = types.ModuleType("form8k.store")
    store.ingest = ingest  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "form8k.store", store)
    db = tmp_path / "corpus.duckdb"
    args = ["fetch", "--cik", "320193", "--items", "2.02", "--since", "2023-06-01", "--out", str(tmp_path / "edgar"),
            "--ingest", "--db", str(db), "--quiet"]
    assert runner.invoke(app, args).exit_code == 0
    # a second run downloads nothing but still stores what it chose (the store skips what it has)
    assert runner.invoke(app, args).exit_code == 0
    assert len(calls) == 2
    expected = [tmp_path / "edgar" / "320193" / f"{a}.txt" for a in ("0000320193-23-000074", "0000320193-23-000104")]
    assert all(call["paths"] == expected and call["db"] == db and call["progress"] is False for call in calls)
    assert len(edgar.archive_hits()) == 2


def test_usage_errors(tmp_path: Path) -> None:
    assert runner.invoke(app, ["fetch", "--out", str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["fetch", "--cik", "1", "--index", "2023", "1"]).exit_code == 2
    assert runner.invoke(app, ["fetch", "--index", "2023", "5"]).exit_code == 2
    assert runner.invoke(app, ["fetch", "--cik", "1", "--since", "last week"]).exit_code == 2
    assert runner.invoke(app, ["fetch", "--cik", "1", "--rate", "50"]).exit_code == 2


def test_fetch_help_does_not_import_httpx() -> None:
    code = ("import sys\nfrom form8k.cli import app\n"
            "try:\n    app(['fetch', '--help'])\nexcept SystemExit:\n    pass\n"
            "print('HTTPX' if 'httpx' in sys.modules else 'CLEAN')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "--user-agent" in out and out.strip().endswith("CLEAN")
