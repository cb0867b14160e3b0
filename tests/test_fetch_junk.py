"""fetch never stores junk: short, foreign, empty, binary or oversized bodies are retried, logged and fetched again."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import httpx
import pytest

from fake_edgar import USER_AGENT, FakeEdgar, submission_text
from form8k.errors import FetchError
from form8k.fetch import EdgarClient, RateLimiter, Settings, fetch
from form8k.fetch.client import MAX_REDIRECTS

BASE = "https://edgar.test"
FIRST = "/Archives/edgar/data/320193/0000320193-23-000005.txt"


def _settings(**overrides: object) -> Settings:
    values: dict[str, object] = {"rate": 1000.0, "backoff": 0.001, "max_backoff": 0.01, "retries": 2}
    values.update(overrides)
    return Settings(user_agent=USER_AGENT, edgar_url=BASE, data_url=BASE, **values)  # type: ignore[arg-type]


def _fetch(out: Path, transport: httpx.BaseTransport, **overrides: object):  # type: ignore[no-untyped-def]
    return fetch(tickers=["AAPL"], items=["2.02"], since=date(2023, 1, 1), until=date(2023, 2, 28), out=out,
                 settings=_settings(**overrides), transport=transport)


def _stored(out: Path) -> list[str]:
    return sorted(p.name for p in out.rglob("*") if p.is_file() and p.name != "failures.jsonl")




JUNK = {
    "an HTML error page": httpx.Response(200, headers={"Content-Type": "text/html"},
                                         content=b"<html><body><h1>Service Unavailable</h1></body></html>"),
    "an empty body": httpx.Response(200, content=b""),
    "a binary body": httpx.Response(200, content=bytes(range(256)) * 40),
    "a body cut short": httpx.Response(200, headers={"Content-Length": "900000"},
                                       stream=httpx.ByteStream(submission_text(320193, "0000320193-23-000005")[:4000])),
    "a submission without its end": httpx.Response(
        200, content=submission_text(320193, "0000320193-23-000005")[:-40]),
}


@pytest.mark.parametrize("junk", list(JUNK))
def test_junk_is_not_stored_is_logged_and_is_fetched_again(junk: str, tmp_path: Path) -> None:
    fake = FakeEdgar()
    answers = [JUNK[junk]]
    inner = fake.transport()
    asked: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == FIRST and answers:
            asked.append(request.url.path)
            response = answers[0]
            # the same junk on every try of this run
            return httpx.Response(response.status_code, headers=response.headers,
                                  stream=httpx.ByteStream(response.read() if junk != "a body cut short" else
                                                          submission_text(320193, "0000320193-23-000005")[:4000]))
        return inner.handle_request(request)

    result = _fetch(tmp_path, httpx.MockTransport(handle))
    assert [f.filing.accession for f in result.failed] == ["0000320193-23-000005"]
    assert len(asked) == 3  # tried, retried twice, then given up
    assert "0000320193-23-000005.txt" not in _stored(tmp_path)
    assert not list(tmp_path.rglob("*.part"))
    logged = [json.loads(line) for line in (tmp_path / "failures.jsonl").read_text().splitlines()]
    assert logged[0]["accession"] == "0000320193-23-000005" and logged[0]["error"]
    answers.clear()  # the server is well again: the next run fetches it
    again = _fetch(tmp_path, httpx.MockTransport(handle))
    assert [r.accession for r in again.downloaded] == ["0000320193-23-000005"]
    assert (tmp_path / "320193" / "0000320193-23-000005.txt").read_bytes() == submission_text(
        320193, "0000320193-23-000005")


def test_a_gzip_bomb_is_cut_at_max_bytes(tmp_path: Path) -> None:
    fake = FakeEdgar()
    inner = fake.transport()
    bomb = gzip.compress(b"<SEC-DOCUMENT>" + b"\0" * (20 * 2**20))

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == FIRST:
            return httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=bomb)
        return inner.handle_request(request)

    result = _fetch(tmp_path, httpx.MockTransport(handle), max_bytes=2**20)
    assert len(bomb) < 2**20  # small on the wire, 20 MiB once decompressed
    assert [f.filing.accession for f in result.failed] == ["0000320193-23-000005"]
    assert "limit" in result.failed[0].error
    assert "0000320193-23-000005.txt" not in _stored(tmp_path)


def test_json_bodies_are_capped_and_must_parse() -> None:
    big = json.dumps({"filler": "x" * 3_000_000}).encode()
    calls: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path == "/big.json":
            return httpx.Response(200, content=big)
        return httpx.Response(200, content=b"<html>busy</html>")

    with EdgarClient(_settings(max_bytes=2**20), transport=httpx.MockTransport(handle)) as client:
        with pytest.raises(FetchError, match="limit"):
            client.get_json(BASE + "/big.json")
        assert calls == ["/big.json"]  # over the cap: not asked again
        with pytest.raises(FetchError, match="not JSON"):
            client.get_json(BASE + "/page.json")
    assert calls.count("/page.json") == 3  # an error page in place of JSON is retried


def test_an_index_that_is_not_an_index_fails(tmp_path: Path) -> None:
    fake = FakeEdgar(files={"/Archives/edgar/full-index/2023/QTR1/form.idx": b"<html>maintenance</html>"})
    with pytest.raises(FetchError, match="not a full index"):
        fetch(index=(2023, 1), out=tmp_path, settings=_settings(), transport=fake.transport())


class CountingLimiter(RateLimiter):
    def __init__(self) -> None:
        super().__init__(1000.0)
        self.slots = 0

    def acquire(self) -> float:
        self.slots += 1
        return 0.0


def test_every_redirect_takes_a_slot_and_redirects_are_capped() -> None:
    hits: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        hits.append(request.url.path)
        if request.url.path.startswith("/hop"):
            n = int(request.url.path[4:])
            return httpx.Response(302, headers={"Location": f"/hop{n + 1}" if n < 3 else "/end.json"})
        if request.url.path.startswith("/loop"):
            return httpx.Response(301, headers={"Location": "/loop"})
        return httpx.Response(200, json={"ok": True})

    limiter = CountingLimiter()
    with EdgarClient(_settings(), transport=httpx.MockTransport(handle), limiter=limiter) as client:
        assert client.get_json(BASE + "/hop1") == {"ok": True}
        assert hits == ["/hop1", "/hop2", "/hop3", "/end.json"]
        assert limiter.slots == 4 == client.requests
        hits.clear()
        with pytest.raises(FetchError, match=f"more than {MAX_REDIRECTS} redirects"):
            client.get_json(BASE + "/loop")
    assert len(hits) == MAX_REDIRECTS + 1
    assert limiter.slots == 4 + MAX_REDIRECTS + 1
