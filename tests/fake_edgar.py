"""A fake EDGAR for the fetch tests: the same answers through httpx.MockTransport or a local server.

It serves the files under tests/data/edgar by URL path (both base URLs point
at it), makes up a small full submission for any other
`/Archives/edgar/data/<cik>/<accession>.txt`, and can be told to answer a
path with errors first (429, 503, a timeout) or to break off a download.
Every request is logged with its arrival time, so tests can measure the rate
as the server sees it.
"""

from __future__ import annotations

import gzip
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

EDGAR_DATA = (Path(__file__).parent / "data" / "edgar").resolve()
USER_AGENT = "Jane Analyst jane@example.com"
_ARCHIVE = re.compile(r"^/Archives/edgar/data/(\d+)/(\d{10}-\d{2}-\d{6})\.txt$")


def submission_text(cik: int, accession: str) -> bytes:
    """A full submission for `accession`: the shipped one if there is one, else a small made-up 8-K."""
    shipped = EDGAR_DATA / "Archives" / "edgar" / "data" / str(cik) / f"{accession}.txt"
    if shipped.is_file():
        return shipped.read_bytes()
    body = "".join(f"<p>Line {n} of the release for {accession}.</p>\n" for n in range(400))
    return (f"<SEC-DOCUMENT>{accession}.txt : 20230202\n<SEC-HEADER>{accession}.hdr.sgml : 20230202\n"
            f"ACCESSION NUMBER:\t\t{accession}\nCONFORMED SUBMISSION TYPE:\t8-K\n"
            f"ITEM INFORMATION:\t\tResults of Operations and Financial Condition\n"
            f"FILER:\n\tCOMPANY DATA:\n\t\tCENTRAL INDEX KEY:\t\t\t{cik:010d}\n</SEC-HEADER>\n"
            f"<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>form8-k.htm\n<TEXT>\n<html><body>\n{body}"
            f"</body></html>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n").encode()


@dataclass
class Hit:
    path: str
    time: float
    headers: dict[str, str]
    status: int = 200


@dataclass
class FakeEdgar:
    """Answers by path; `faults[path]` is a list of answers to give first (an int status or 'timeout')."""

    files: dict[str, bytes] = field(default_factory=dict)
    faults: dict[str, list[int | str]] = field(default_factory=lambda: defaultdict(list))
    retry_after: str | None = None
    gzip: bool = True
    #: called with the path before a download's second chunk; may raise to break the download off
    on_body: Callable[[str], None] | None = None
    hits: list[Hit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def paths(self, prefix: str = "") -> list[str]:
        with self._lock:
            return [h.path for h in self.hits if h.path.startswith(prefix)]

    def archive_hits(self) -> list[str]:
        return self.paths("/Archives/edgar/data/")

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for one GET (a 'timeout' fault sleeps instead, see the transports)."""
        hit = Hit(path, time.monotonic(), headers)
        with self._lock:
            self.hits.append(hit)
            fault = self.faults[path].pop(0) if self.faults.get(path) else None
        if fault is not None:
            hit.status = 0 if fault == "timeout" else int(fault)
            if fault == "timeout":
                raise TimeoutError(path)
            extra = {"Retry-After": self.retry_after} if self.retry_after and fault == 429 else {}
            return int(fault), extra, b"Request Rate Threshold Exceeded" if fault == 429 else b"Service Unavailable"
        body = self.files.get(path)
        if body is None:
            m = _ARCHIVE.match(path)
            local = EDGAR_DATA / path.lstrip("/")
            if m:
                body = submission_text(int(m[1]), m[2])
            elif local.is_file() and EDGAR_DATA in local.resolve().parents:
                body = local.read_bytes()
        if body is None:
            hit.status = 404
            return 404, {"Content-Type": "text/html"}, b"<h1>Not Found</h1>"
        out_headers = {"Content-Type": "application/json" if path.endswith(".json") else "text/plain"}
        if self.gzip and "gzip" in headers.get("accept-encoding", ""):
            body = gzip.compress(body)
            out_headers["Content-Encoding"] = "gzip"
        return 200, out_headers, body

    # --- the two transports --------------------------------------------------------

    def transport(self) -> httpx.MockTransport:
        def handle(request: httpx.Request) -> httpx.Response:
            headers = {k.lower(): v for k, v in request.headers.items()}
            try:
                status, out_headers, body = self.answer(request.url.path, headers)
            except TimeoutError:
                raise httpx.ReadTimeout("timed out", request=request) from None
            if self.on_body is not None and status == 200:
                return httpx.Response(status, headers=out_headers, content=self._chunks(request.url.path, body))
            return httpx.Response(status, headers=out_headers, content=body)

        return httpx.MockTransport(handle)

    def _chunks(self, path: str, body: bytes) -> Iterator[bytes]:
        half = len(body) // 2
        yield body[:half]
        if self.on_body is not None:
            self.on_body(path)
        yield body[half:]

    @contextmanager
    def serve(self) -> Iterator[str]:
        """Run on 127.0.0.1 in a thread; yield its base URL."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    status, out_headers, body = fake.answer(self.path, headers)
                except TimeoutError:
                    time.sleep(0.5)
                    self.close_connection = True
                    return
                self.send_response(status)
                for name, value in out_headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()
            thread.join()


def max_in_window(times: list[float], window: float = 1.0) -> int:
    """The most requests that arrived within any `window` seconds."""
    times = sorted(times)
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best
