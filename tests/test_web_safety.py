"""Filing content is untrusted: hostile filings render as inert text, every response carries a strict CSP,
ids are validated, and errors say what was wrong without echoing what was sent."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from form8k.store.records import filing_id_of
from form8k.web import create_app, queries
from form8k.web.app import CSP
from web_helpers import (
    ESCAPED,
    PAYLOAD,
    TestClient,
    corpus_db,
    hostile_id_record,
    hostile_record,
    parsed_hostile,
    seed_record,
)

# Every element the viewer itself writes; anything else in a page came from somewhere it should not have.
OUR_TAGS = frozenset({
    "html", "head", "meta", "title", "link", "script", "body", "header", "nav", "a", "main", "h1", "h2", "h3",
    "p", "span", "code", "details", "summary", "ul", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr",
    "th", "td", "small", "form", "label", "input", "button", "mark", "pre", "section", "div", "figure",
    "figcaption", "svg", "g", "line", "text", "path", "circle", "rect", "blockquote", "cite", "strong", "br",
})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"})


class Inspector(HTMLParser):
    """Lists whatever in a page could run: foreign elements, event handlers, script URLs, inline script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in OUR_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            text = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name == "style":
                self.problems.append(f"style= on <{tag}>")
            if name in URL_ATTRIBUTES and (text.startswith(("javascript:", "vbscript:"))
                                           or (text.startswith("data:") and text != "data:,")):
                self.problems.append(f"{name}={value!r} on <{tag}>")
        if tag == "script":
            if dict(attrs).get("src") != "/static/form8k.js":
                self.problems.append(f"script {attrs}")
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append(f"inline script {data[:40]!r}")


def inert(body: str) -> list[str]:
    inspector = Inspector()
    inspector.feed(body)
    inspector.close()
    return inspector.problems


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(corpus_db())) as test_client:
        yield test_client


def _hostile_pages(client: TestClient) -> list[str]:
    hostile = client.get(f"/filings/{filing_id_of(hostile_record())}.json").json()["filing"]
    parsed = client.get(f"/filings/{filing_id_of(parsed_hostile())}.json").json()["filing"]
    return [
        "/filings", "/filings?per_page=3&page=2", f"/filings?company={quote(PAYLOAD)}",
        hostile["url"], parsed["url"], f"/filings/{filing_id_of(seed_record())}",
        f"/companies/{hostile['company_key']}", f"/companies/{parsed['company_key']}", "/companies/0000000777",
        "/checks",
    ]


def test_the_inspector_finds_what_a_page_must_not_hold() -> None:
    found = inert(f"<p>{PAYLOAD}</p><a href=' JavaScript:x'>x</a><p style='color:red'>x</p><script>x()</script>")
    assert {"<img> element", "onerror= on <img>", "onload= on <svg>", "style= on <p>"} <= set(found)
    assert any(p.startswith("href=") for p in found) and any(p.startswith("inline script") for p in found)


def test_hostile_filings_render_as_escaped_text(client: TestClient) -> None:
    for url in _hostile_pages(client):
        response = client.get(url)
        assert response.status_code == 200, url
        assert inert(response.text) == [], url
        assert PAYLOAD not in response.text, url
    for url in _hostile_pages(client)[2:5] + ["/filings", "/checks"]:
        assert ESCAPED in client.get(url).text, url


def test_every_hostile_field_of_a_record_is_escaped_on_its_page(client: TestClient) -> None:
    record = hostile_record()
    body = client.get(f"/filings/{filing_id_of(record)}").text
    # The payload was put into every free-text field; count where the page shows it, all escaped.
    shown = body.count(ESCAPED)
    assert shown >= 150, shown
    for text in (record.cover.registrant, record.exhibits[0].description, record.tables[1].title,
                 record.tables[1].rows[1].label, record.checks[-1].detail, record.mentions[0].metric,
                 record.guidance[0].text, record.problems[-1].message, record.press_release.headline):
        assert text is not None and text.startswith(PAYLOAD)


def test_a_hostile_submission_read_by_the_pipeline_stays_text(client: TestClient) -> None:
    filing = parsed_hostile()
    assert filing.header is not None and filing.header.company_name.startswith(PAYLOAD)
    assert "javascript:window.__xss=6" in filing.text and "<iframe" in filing.text
    assert any("onerror" in (x.description or "") for x in filing.exhibits)
    body = client.get(f"/filings/{filing_id_of(filing)}").text
    assert inert(body) == []
    assert "&lt;iframe src=&#34;javascript:window.__xss=7&#34;&gt;&lt;/iframe&gt;" in body
    assert "Press release &lt;img src=x onerror=&#34;window.__xss=8&#34;&gt; dated February 1, 2007" in body


def test_a_hostile_filing_id_is_listed_escaped_and_cannot_be_opened(client: TestClient) -> None:
    record = hostile_id_record()
    filing_id = filing_id_of(record)
    assert filing_id.startswith('"><script>')
    listing = client.get("/filings?company=odd").text
    assert inert(listing) == []
    link = "/filings/" + quote(filing_id, safe=":")
    assert f'href="{link}"' in listing
    for url in (link, link + ".json"):
        response = client.get(url)
        assert response.status_code in (404, 422)
        assert "<script>" not in response.text and inert(response.text) == []
    # Its chart points link with the id percent-encoded.
    company = client.get("/companies/0000000777").text
    assert f'href="{link}#f-' in company and inert(company) == []


@pytest.mark.parametrize("url", [
    "/filings/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/filings/x%22onmouseover%3Dalert(1)",
    "/companies/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", f"/checks?rule={quote(PAYLOAD)}",
    f"/filings?cik={quote(PAYLOAD)}", f"/filings?from={quote(PAYLOAD)}", "/filings?sort=%3Cscript%3E",
    f"/facts?concept={quote(PAYLOAD)}", f"/facts?from={quote(PAYLOAD)}",
])
def test_bad_requests_say_what_was_wrong_without_echoing_it(client: TestClient, url: str) -> None:
    for target in (url, url.replace("?", ".json?", 1) if "?" in url else url + ".json"):
        response = client.get(target)
        assert response.status_code in (404, 422), target
        assert "script" not in response.text.lower().replace('<script src="/static/form8k.js" defer></script>', "")
        assert "onerror" not in response.text and "onmouseover" not in response.text
        assert inert(response.text) == [] if response.headers["content-type"].startswith("text/html") else True


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    urls = ["/filings", "/filings.json", f"/filings/{filing_id_of(seed_record())}", "/companies/immunogen-inc", "/companies/0000855654",
            "/checks.json", "/openapi.json", "/static/form8k.js", "/static/form8k.css", "/static/none.js",
            "/filings/nope", "/filings/a.b", "/filings?from=2020-02-31", "/", "/facts", "/facts?concept=revenue",
            "/facts.json?concept=revenue", "/facts.csv?concept=revenue", "/facts?concept=nosuch"]
    for url in urls:
        response = client.get(url, follow_redirects=False)
        assert response.headers["content-security-policy"] == CSP, url
        assert response.headers["x-content-type-options"] == "nosniff", url
        assert response.headers["x-frame-options"] == "DENY", url
        assert response.headers["referrer-policy"] == "no-referrer", url
    assert "script-src 'self';" in CSP and "default-src 'none';" in CSP and "frame-ancestors 'none'" in CSP


def test_a_failing_page_answers_500_with_headers_and_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(queries, "search_filings", broken)
    with TestClient(create_app(corpus_db()), raise_server_exceptions=False) as failing:
        for url in ("/filings", "/filings.json"):
            response = failing.get(url)
            assert response.status_code == 500
            assert response.headers["content-security-policy"] == CSP
            assert "secret" not in response.text and "Traceback" not in response.text


def test_templates_never_mark_filing_content_safe() -> None:
    from importlib import resources

    templates = resources.files("form8k.web").joinpath("templates")
    for entry in templates.iterdir():
        source = entry.read_text()
        assert "|safe" not in source.replace(" ", "") and "autoescape false" not in source, entry.name
        assert "style=" not in source, entry.name  # the CSP allows no inline style
        assert "<script>" not in source, entry.name
