"""The HTTP client: one httpx.Client, one shared rate limiter, retries with backoff.

Every request, first try or retry, waits for a slot from the limiter, so all
threads of one client together stay under the rate. A 429, any 5xx, a timeout
or a dropped connection is retried after an exponential backoff with jitter
(or the server's `Retry-After`, if longer); other 4xx answers fail at once,
and so does a name that does not resolve or a network that is down
(NetworkError): a busy server is worth waiting for, a missing network is not.
The transport is the seam for tests: pass `httpx.MockTransport(handler)`.

Nothing incomplete is kept: a body shorter than its Content-Length, one that
fails its check (a submission without its closing `</SEC-DOCUMENT>`, JSON
that does not parse) is retried like a 5xx; a body past `max_bytes`, counted
after decompression, fails at once. Redirects are followed here, not by
httpx, so each hop takes a slot from the limiter; at most MAX_REDIRECTS.
"""

from __future__ import annotations

import email.utils
import errno
import json
import random
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urljoin

import httpx

from form8k.errors import FetchError, NetworkError
from form8k.fetch.cache import atomic_write
from form8k.fetch.limiter import RateLimiter
from form8k.fetch.settings import Settings

T = TypeVar("T")

CHUNK = 64 * 1024
MAX_REDIRECTS = 5
#: Checks a whole body from its first and last bytes and its size; returns what is wrong, or None.
BodyCheck = Callable[[bytes, bytes, int], "str | None"]
_EDGE = 4096


class Stopped(Exception):
    """A download was abandoned because the run is being stopped (Ctrl-C)."""


class _Retryable(Exception):
    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header: a number or an HTTP date.

    >>> retry_after_seconds("3")
    3.0
    """
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class EdgarClient:
    """Polite GETs against EDGAR, safe to share between threads.

    >>> import httpx
    >>> transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"ok": True}))
    >>> settings = Settings(user_agent="Jane Analyst jane@example.com")
    >>> with EdgarClient(settings, transport=transport) as client:
    ...     client.get_json("https://data.sec.gov/submissions/CIK0000320193.json")
    {'ok': True}
    """

    def __init__(self, settings: Settings, *, transport: httpx.BaseTransport | None = None,
                 limiter: RateLimiter | None = None, sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None) -> None:
        self.settings = settings
        self.limiter = limiter or RateLimiter(settings.rate)
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._rng_lock = threading.Lock()
        self.requests = 0
        self._count_lock = threading.Lock()
        self._http = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,  # followed in _request, each hop through the limiter
            headers={
                "User-Agent": settings.user_agent,
                "Accept-Encoding": "gzip, deflate",
            },
        )

    def __enter__(self) -> EdgarClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # --- public calls ----------------------------------------------------------

    def get_bytes(self, url: str, check: BodyCheck | None = None) -> bytes:
        """The body of `url`, decompressed, at most `settings.max_bytes` of it."""

        def read(response: httpx.Response) -> bytes:
            body = bytearray()
            for chunk in response.iter_bytes(CHUNK):
                body += chunk
                self._check_size(url, len(body))
            _check_complete(response, bytes(body[:_EDGE]), bytes(body[-_EDGE:]), len(body), check)
            return bytes(body)

        return self._request(url, read)

    def get_text(self, url: str, check: BodyCheck | None = None) -> str:
        # EDGAR's indexes are ASCII in principle; a stray Latin-1 byte must not stop a quarter.
        return self.get_bytes(url, check).decode("utf-8", errors="replace")

    def get_json(self, url: str) -> Any:
        """The JSON document at `url`; a body that does not parse (an error page) is retried, then a FetchError."""
        return self._request(url, self._json_reader(url))

    def _json_reader(self, url: str) -> Callable[[httpx.Response], Any]:
        def read(response: httpx.Response) -> Any:
            body = bytearray()
            for chunk in response.iter_bytes(CHUNK):
                body += chunk
                self._check_size(url, len(body))
            _check_complete(response, b"", b"", len(body), None)
            try:
                return json.loads(bytes(body))
            except ValueError as exc:
                raise _Retryable(f"not JSON ({exc})") from None

        return read

    def _check_size(self, url: str, size: int) -> None:
        limit = self.settings.max_bytes
        if limit and size > limit:
            raise FetchError(f"{url}: over the {limit:,}-byte limit once decompressed (--max-bytes)")

    def download(self, url: str, path: Path, *,
                 on_bytes: Callable[[int], None] | None = None,
                 stop: threading.Event | None = None, check: BodyCheck | None = None) -> int:
        """Stream `url` into `path`, renamed into place only when complete; return the bytes written.

        Complete means: as long as its Content-Length, within `max_bytes`, and
        passing `check`. Raises FetchError when retries are exhausted, Stopped
        when `stop` is set.
        """

        def save(response: httpx.Response) -> int:
            written = 0
            head = tail = b""
            with atomic_write(path) as f:
                for chunk in response.iter_bytes(CHUNK):
                    if stop is not None and stop.is_set():
                        raise Stopped(f"{url}: stopped")
                    written += len(chunk)
                    self._check_size(url, written)
                    if len(head) < _EDGE:
                        head += chunk[:_EDGE - len(head)]
                    tail = (tail + chunk)[-_EDGE:]
                    f.write(chunk)
                    if on_bytes is not None:
                        on_bytes(len(chunk))
                _check_complete(response, head, tail, written, check)
            return written

        return self._request(url, save, stop=stop)

    # --- retries ---------------------------------------------------------------

    def backoff(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number `attempt` (1, 2, …).

        Exponential (`backoff * 2**(attempt-1)`, capped at `max_backoff`) with
        jitter drawn from its upper half, so threads that failed together do
        not retry together; never shorter than the server's `Retry-After`.
        """
        s = self.settings
        ceiling = min(s.max_backoff, s.backoff * 2 ** (attempt - 1))
        with self._rng_lock:
            delay = ceiling * self._rng.uniform(0.5, 1.0)
        if retry_after is not None:
            delay = max(delay, min(retry_after, s.max_backoff))
        return delay

    def _request(self, url: str, handle: Callable[[httpx.Response], T],
                 stop: threading.Event | None = None) -> T:
        attempts = self.settings.retries + 1
        for attempt in range(1, attempts + 1):
            if stop is not None and stop.is_set():
                raise Stopped(f"{url}: stopped")
            try:
                return self._follow(url, handle)
            except _Retryable as exc:
                reason, retry_after = str(exc), exc.retry_after
            except httpx.TimeoutException as exc:
                reason, retry_after = f"timed out ({type(exc).__name__})", None
            except httpx.TransportError as exc:
                offline = no_network(exc)
                if offline is not None:
                    raise NetworkError(f"{url}: {offline}") from None
                reason, retry_after = f"{type(exc).__name__}: {exc}", None
            if attempt == attempts:
                raise FetchError(f"{url}: {reason}, after {attempts} attempts")
            self._sleep(self.backoff(attempt, retry_after))
        raise AssertionError("unreachable")

    def _follow(self, url: str, handle: Callable[[httpx.Response], T]) -> T:
        """One GET, following redirects; every hop waits for its own slot from the limiter."""
        target = url
        for _ in range(MAX_REDIRECTS + 1):
            self.limiter.acquire()
            with self._count_lock:
                self.requests += 1
            with self._http.stream("GET", target) as response:
                if response.is_redirect and "location" in response.headers:
                    target = urljoin(target, response.headers["location"])
                    continue
                _check(url, response)
                return handle(response)
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


_NO_NETWORK = (errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTUNREACH)
_NO_NAME = ("name or service not known", "temporary failure in name resolution", "nodename nor servname",
            "no address associated with hostname", "getaddrinfo failed")


def no_network(exc: BaseException) -> str | None:
    """Why `exc` means there is no way to the server (no network, a name that does not resolve), or None.

    A refused or reset connection, a timeout or a 5xx is a server that may
    answer later; these are not.
    """
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            break
        if isinstance(seen, socket.gaierror) or any(s in str(seen).lower() for s in _NO_NAME):
            return ("the server's name does not resolve: no network, or no DNS "
                    f"({str(seen) or type(seen).__name__})")
        if isinstance(seen, OSError) and seen.errno in _NO_NETWORK:
            return f"no network: {seen.strerror}"
        if "network is unreachable" in str(seen).lower():
            return f"no network: {seen}"
        seen = seen.__cause__ or seen.__context__
    return None


def _check_complete(response: httpx.Response, head: bytes, tail: bytes, size: int, check: BodyCheck | None) -> None:
    """Raise _Retryable if the body is shorter than its Content-Length or fails `check`."""
    length = response.headers.get("content-length")
    # Content-Length counts the bytes on the wire; a body handed over whole (a test transport) counts none.
    got = response.num_bytes_downloaded or (None if response.headers.get("content-encoding") else size)
    if length is not None and length.isdigit() and got is not None and got < int(length):
        raise _Retryable(f"body cut short: {got:,} of {int(length):,} bytes")
    if check is not None:
        problem = check(head, tail, size)
        if problem:
            raise _Retryable(problem)


def complete_submission(head: bytes, tail: bytes, size: int) -> str | None:
    r"""What is wrong with a full submission .txt from its edges, or None when it is whole.

    >>> complete_submission(b"<SEC-DOCUMENT>0001.txt", b"</DOCUMENT>\n</SEC-DOCUMENT>\n", 9000) is None
    True
    >>> complete_submission(b"<html><h1>Error</h1>", b"</html>", 20)
    'not a full submission (no <SEC-DOCUMENT> at its start)'
    """
    if not size:
        return "an empty body"
    start, end = head.lstrip()[:64], tail.rstrip()[-64:]
    if not (start.startswith(b"<SEC-DOCUMENT>") or start.startswith(b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----")):
        return "not a full submission (no <SEC-DOCUMENT> at its start)"
    if not (end.endswith(b"</SEC-DOCUMENT>") or end.endswith(b"-----END PRIVACY-ENHANCED MESSAGE-----")):
        return "an incomplete submission (no </SEC-DOCUMENT> at its end)"
    return None


def _check(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if status == 429 or status >= 500:
        raise _Retryable(f"HTTP {status}", retry_after_seconds(response.headers.get("Retry-After")))
    if status >= 400:
        hint = ""
        if status == 403:
            hint = " (EDGAR answers 403 to requests without a proper User-Agent or over its rate limit)"
        raise FetchError(f"{url}: HTTP {status}{hint}")
