"""The HTTP side: one shared rate limit, retries with backoff, gzip, the User-Agent."""

from __future__ import annotations

import gzip
import random
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from fake_edgar import USER_AGENT, FakeEdgar, max_in_window, submission_text
from form8k.errors import FetchError
from form8k.fetch import EdgarClient, RateLimiter, Settings, fetch

ARCHIVE = "/Archives/edgar/data/320193/0000320193-23-000005.txt"


def _settings(base: str = "https://www.sec.gov", **overrides: object) -> Settings:
    values: dict[str, object] = {"rate": 1000.0, "backoff": 0.01, "max_backoff": 1.0}
    values.update(overrides)
    return Settings(user_agent=USER_AGENT, edgar_url=base, data_url=base, **values)  # type: ignore[arg-type]


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


# --- the rate limit --------------------------------------------------------------------


def test_limiter_spaces_slots_from_every_thread() -> None:
    # A clock that stands still: each caller's wait is then exactly its slot's offset.
    limiter = RateLimiter(10, clock=lambda: 0.0, sleep=lambda seconds: None)
    with ThreadPoolExecutor(8) as pool:
        waits = sorted(pool.map(lambda _: limiter.acquire(), range(30)))
    assert [round(w, 6) for w in waits] == [round(n * limiter.interval, 6) for n in range(30)]
    assert limiter.interval * 10 > 1.0  # ten slots never fit in one second


def test_requests_per_second_at_the_server_stay_within_ten(tmp_path: Path) -> None:
    """The default rate, measured where EDGAR would count: at the server, under concurrency."""
    rows = [f"9999999|SPEEDY CORP|8-K|2099-01-{1 + n % 28:02d}|edgar/data/9999999/0009999999-99-{n:06d}.txt"
            for n in range(30)]
    fake = FakeEdgar(files={"/Archives/edgar/full-index/2099/QTR1/master.idx":
                            ("CIK|Company Name|Form Type|Date Filed|Filename\n" + "-" * 80 + "\n"
                             + "\n".join(rows) + "\n").encode()})
    with fake.serve() as base:
        settings = Settings(user_agent=USER_AGENT, edgar_url=base, data_url=base)
        assert settings.rate == 10.0
        started = time.monotonic()
        result = fetch(index=(2099, 1), index_kind="master", out=tmp_path, settings=settings, concurrency=6)
        elapsed = time.monotonic() - started
    assert len(result.downloaded) == 30 and not result.failed
    times = [h.time for h in fake.hits]
    assert len(times) == 31
    peak = max_in_window(times)
    print(f"max requests in any 1 s window: {peak}; {len(times) / elapsed:.2f} req/s overall")
    assert peak <= 10
    assert peak >= 7  # and does not throttle far below it


# --- retries -----------------------------------------------------------------------------


def test_retry_after_429_and_503_with_exponential_backoff() -> None:
    fake = FakeEdgar(faults={ARCHIVE: [429, 503, 503]})
    sleeps = Sleeps()
    settings = _settings(backoff=1.0, max_backoff=60.0)
    with EdgarClient(settings, transport=fake.transport(), sleep=sleeps, rng=random.Random(7)) as client:
        body = client.get_bytes("https://www.sec.gov" + ARCHIVE)
    assert body.startswith(b"<SEC-DOCUMENT>0000320193-23-000005.txt")
    assert [h.status for h in fake.hits] == [429, 503, 503, 200]
    assert len(sleeps) == 3
    for attempt, delay in enumerate(sleeps, start=1):  # jitter in the upper half of base * 2^(n-1)
        assert 0.5 * 2 ** (attempt - 1) <= delay <= 2 ** (attempt - 1)
    assert sleeps[0] < sleeps[2]


def test_jitter_spreads_retries_apart() -> None:
    client = EdgarClient(_settings(backoff=1.0, max_backoff=60.0), transport=FakeEdgar().transport(), rng=random.Random(1))
    delays = {round(client.backoff(3), 6) for _ in range(20)}
    client.close()
    assert len(delays) > 10 and all(2.0 <= d <= 4.0 for d in delays)


def test_retry_after_header_is_honoured() -> None:
    fake = FakeEdgar(faults={ARCHIVE: [429]}, retry_after="3")
    sleeps = Sleeps()
    with EdgarClient(_settings(backoff=0.01, max_backoff=60.0), transport=fake.transport(), sleep=sleeps) as client:
        client.get_bytes("https://www.sec.gov" + ARCHIVE)
    assert sleeps == [3.0]


def test_timeouts_are_retried_and_other_client_errors_are_not() -> None:
    fake = FakeEdgar(faults={ARCHIVE: ["timeout"]})
    sleeps = Sleeps()
    with EdgarClient(_settings(), transport=fake.transport(), sleep=sleeps) as client:
        assert client.get_bytes("https://www.sec.gov" + ARCHIVE)
        assert len(sleeps) == 1
        with pytest.raises(FetchError, match="HTTP 404"):
            client.get_bytes("https://www.sec.gov/Archives/edgar/data/1/nothing-here.txt")
        assert len(sleeps) == 1


def test_giving_up_after_the_last_retry() -> None:
    fake = FakeEdgar(faults={ARCHIVE: [503] * 10})
    sleeps = Sleeps()
    with EdgarClient(_settings(retries=3), transport=fake.transport(), sleep=sleeps) as client, \
            pytest.raises(FetchError, match="HTTP 503, after 4 attempts"):
        client.get_bytes("https://www.sec.gov" + ARCHIVE)
    assert len(fake.hits) == 4 and len(sleeps) == 3


def test_backoff_against_a_real_server_429_then_503(tmp_path: Path) -> None:
    fake = FakeEdgar(faults={ARCHIVE: [429, 503]})
    with fake.serve() as base:
        settings = _settings(base, backoff=0.2, max_backoff=5.0)
        with EdgarClient(settings) as client:
            size = client.download(base + ARCHIVE, tmp_path / "a.txt")
    times = [h.time for h in fake.hits]
    assert [h.status for h in fake.hits] == [429, 503, 200]
    assert times[1] - times[0] >= 0.1 - 0.01  # first wait: 0.1..0.2 s
    assert times[2] - times[1] >= 0.2 - 0.01  # second wait: 0.2..0.4 s
    assert size == (tmp_path / "a.txt").stat().st_size > 0


def test_a_server_that_hangs_is_a_timeout_and_is_retried(tmp_path: Path) -> None:
    fake = FakeEdgar(faults={ARCHIVE: ["timeout"]})
    with fake.serve() as base, EdgarClient(_settings(base, timeout=0.2)) as client:
        assert client.get_bytes(base + ARCHIVE).startswith(b"<SEC-DOCUMENT>")
    assert len(fake.hits) == 2


# --- what every request carries ----------------------------------------------------------------


def test_gzip_is_asked_for_and_undone(tmp_path: Path) -> None:
    fake = FakeEdgar(gzip=True)
    with fake.serve() as base, EdgarClient(_settings(base)) as client:
        client.download(base + ARCHIVE, tmp_path / "a.txt")
        with httpx.stream("GET", base + ARCHIVE, headers={"Accept-Encoding": "gzip"}) as raw:
            assert raw.headers["content-encoding"] == "gzip"
            wire = b"".join(raw.iter_raw())
    assert "gzip" in fake.hits[0].headers["accept-encoding"]
    assert (tmp_path / "a.txt").read_bytes() == gzip.decompress(wire) == submission_text(
        320193, "0000320193-23-000005")


def test_user_agent_is_sent_on_every_request() -> None:
    fake = FakeEdgar(faults={ARCHIVE: [503]})
    with EdgarClient(_settings(), transport=fake.transport(), sleep=Sleeps()) as client:
        client.get_bytes("https://www.sec.gov" + ARCHIVE)
        client.get_json("https://www.sec.gov/files/company_tickers.json")
    assert {h.headers["user-agent"] for h in fake.hits} == {USER_AGENT}
