"""No network is not a busy server: fetch stops at once with one line, and a busy server is still waited for."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from fake_edgar import USER_AGENT, FakeEdgar
from form8k.cli import app
from form8k.errors import FetchError, NetworkError
from form8k.fetch import EdgarClient, Settings, fetch
from form8k.fetch.client import no_network

BASE = "https://edgar.test"


def _settings(**overrides: object) -> Settings:
    values: dict[str, object] = {"rate": 1000.0, "backoff": 0.5, "max_backoff": 1.0, "retries": 5}
    values.update(overrides)
    return Settings(user_agent=USER_AGENT, edgar_url=BASE, data_url=BASE, **values)  # type: ignore[arg-type]


def _unresolvable(request: httpx.Request) -> httpx.Response:
    try:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    except socket.gaierror as exc:
        raise httpx.ConnectError(str(exc), request=request) from exc


def _unreachable(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("[Errno 101] Network is unreachable", request=request)


@pytest.mark.parametrize("handler", [_unresolvable, _unreachable])
def test_no_network_stops_at_once_without_retrying(handler: object, tmp_path: Path) -> None:
    calls: list[str] = []

    def count(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return handler(request)  # type: ignore[operator,no-any-return]

    started = time.monotonic()
    with pytest.raises(NetworkError, match="no network"):
        fetch(tickers=["AAPL"], out=tmp_path, settings=_settings(), transport=httpx.MockTransport(count))
    assert time.monotonic() - started < 0.5  # no backoff: five retries would take seconds
    assert len(calls) == 1


def test_downloads_stop_at_the_first_sign_of_no_network(tmp_path: Path) -> None:
    fake = FakeEdgar()
    serve = fake.transport()
    archive_calls: list[str] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/Archives/edgar/data/"):
            archive_calls.append(request.url.path)
            return _unresolvable(request)
        return serve.handle_request(request)

    with pytest.raises(NetworkError):
        fetch(ciks=[320193], out=tmp_path, settings=_settings(), transport=httpx.MockTransport(flaky),
              concurrency=1)
    assert len(archive_calls) == 1
    assert not list(tmp_path.rglob("*.txt"))


def test_a_busy_server_is_still_retried() -> None:
    fake = FakeEdgar(faults={"/files/company_tickers.json": [503, 429]})
    with EdgarClient(_settings(backoff=0.001), transport=fake.transport()) as client:
        assert client.get_json(BASE + "/files/company_tickers.json")
    refused = httpx.ConnectError("[Errno 111] Connection refused")
    assert no_network(refused) is None  # a server that is down may come back: retried as before


def test_cli_says_no_network_in_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import form8k.fetch.run as run

    original = run.EdgarClient

    def offline_client(settings: Settings, **kwargs: object) -> EdgarClient:
        return original(settings, transport=httpx.MockTransport(_unresolvable))

    monkeypatch.setattr(run, "EdgarClient", offline_client)
    result = CliRunner().invoke(app, ["fetch", "--ticker", "AAPL", "--out", str(tmp_path), "--user-agent",
                                      USER_AGENT, "--quiet"])
    assert result.exit_code == 2
    assert "does not resolve: no network" in result.output
    assert isinstance(NetworkError("x"), FetchError)
