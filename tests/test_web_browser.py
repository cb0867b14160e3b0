"""The viewer in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

Opens the seed filing, clicks a fact in a statement table and checks that its
span in the source text is marked and scrolled into view; draws a company's
charts; loads hostile filings and checks nothing in them runs. Screenshots go
to tests/output/. Skipped, saying why, only when no Chromium is installed
(.ci/run installs it with apt).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from form8k.pipeline import parse_paths
from form8k.store.query import read_filing
from form8k.store.records import filing_id_of
from form8k.web import create_app
from web_helpers import IMMUNOGEN_CIK, PAYLOAD, SEED, corpus_db, hostile_record, parsed_hostile, seed_record

from conftest import TESTS

pytestmark = pytest.mark.browser

OUTPUT = TESTS / "output"
# Without the networking flags Chromium keeps calling home, which a closed network answers with timeouts.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MARKED_BACKGROUND = "rgb(255, 159, 28)"  # .marked in form8k.css


def chromium_path() -> str | None:
    """Debian's Chromium (or FORM8K_CHROMIUM); Playwright's own browser download is never used."""
    for candidate in (os.environ.get("FORM8K_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(corpus_db()), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the viewer did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium to drive: install Debian's chromium (apt-get install -y chromium); "
                    ".ci/run does this before the tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is missing (pip install -e '.[dev]')")
    OUTPUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=path, headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1440, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()


class Watch:
    """What a page did that it should not: console errors (CSP refusals among them), dialogs, page errors."""

    def __init__(self, page: Any) -> None:
        self.messages: list[str] = []
        page.on("console", lambda m: self.messages.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.messages.append(f"page error: {e}"))
        page.on("dialog", lambda d: (self.messages.append(f"dialog: {d.message}"), d.dismiss()))

    def clean(self) -> list[str]:
        return [m for m in self.messages if "favicon" not in m]


def _fact_index(filing_id: str, concept: str, months: int, year: int) -> int:
    record = read_filing(corpus_db(), filing_id)
    return next(i for i, f in enumerate(record.facts) if f.concept == concept and f.period_months == months
                and f.period_end is not None and f.period_end.year == year and f.span is not None)


def _click_fact_and_check(page: Any, fact: int, expected_text: str) -> None:
    from playwright.sync_api import expect

    span = page.locator(f'mark[data-k~="f-{fact}"]')
    expect(span.first).not_to_be_in_viewport()  # far down the source text before the click
    page.locator(f"#cell-{fact}").click()
    expect(span.first).to_have_class(re.compile(r"\bmarked\b"))
    expect(span.first).to_be_in_viewport()
    assert "".join(span.all_inner_texts()) == expected_text
    assert page.evaluate("location.hash") == f"#f-{fact}"
    assert page.locator("#source .marked").count() == span.count()
    assert "marked" in (page.locator(f"#cell-{fact}").get_attribute("class") or "")
    background = span.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == MARKED_BACKGROUND
    assert page.locator("#source").evaluate("el => el.parentElement.scrollTop") > 0


def test_clicking_a_fact_marks_its_span_in_the_source(browser_page: Any, base_url: str) -> None:
    page = browser_page
    watch = Watch(page)
    filing_id = filing_id_of(seed_record())
    net_loss = _fact_index(filing_id, "NetIncomeLoss", 3, 2006)
    page.goto(f"{base_url}/filings/{filing_id}")
    _click_fact_and_check(page, net_loss, "(3,044)")
    page.screenshot(path=str(OUTPUT / "filing.png"))
    # A mention in the prose, clicked in the mentions table, is marked the same way.
    page.locator('a[href="#m-0"]').click()
    mention = page.locator('mark[data-k~="m-0"]')
    assert "".join(mention.all_inner_texts()) == "$3.0 million"
    assert "marked" in (mention.first.get_attribute("class") or "")
    # Clicking the marked number in the source goes back to its fact in the record.
    page.locator(f'mark[data-k~="f-{net_loss}"]').first.click()
    assert "marked" in (page.locator(f"#fact-{net_loss}").get_attribute("class") or "")
    assert watch.clean() == []


def test_a_link_to_a_fact_opens_with_it_marked(browser_page: Any, base_url: str) -> None:
    from playwright.sync_api import expect

    page = browser_page
    filing_id = filing_id_of(seed_record())
    assets = _fact_index(filing_id, "Assets", 0, 2006) + 1  # June 30, 2006 follows December 31
    page.goto(f"{base_url}/filings/{filing_id}#f-{assets}")
    span = page.locator(f'mark[data-k~="f-{assets}"]')
    expect(span.first).to_have_class(re.compile(r"\bmarked\b"))
    expect(span.first).to_be_in_viewport()
    assert span.first.inner_text() == "94,128"


def test_filing_page_shows_the_headline_card_under_its_title(browser_page: Any, base_url: str) -> None:
    page = browser_page
    watch = Watch(page)
    page.goto(f"{base_url}/filings/{filing_id_of(parse_paths([SEED]))}")
    card = page.locator("#headline")
    assert card.is_visible()
    box, title = card.bounding_box(), page.locator("h1").bounding_box()
    failures = page.locator("#failures").bounding_box()
    assert box is not None and title is not None and failures is not None
    assert title["y"] < box["y"] < failures["y"] and box["y"] + box["height"] < 900  # on the first screen
    revenue = page.locator("#headline-revenue td")
    assert revenue.all_inner_texts() == ["$12,072,000", "✓ confirmed", "$6,587,000", "✓ confirmed", "+83.3%"]
    missing = page.locator("#headline-cash_from_operations .verdict-missing").first
    assert missing.inner_text() == "✗ missing"
    assert missing.evaluate("el => getComputedStyle(el).color") == "rgb(198, 40, 40)"  # --fail
    assert page.locator("#headline-revenue .verdict-confirmed").first.evaluate(
        "el => getComputedStyle(el).color") != "rgb(198, 40, 40)"
    _assert_all_under_csp(page)
    page.screenshot(path=str(OUTPUT / "filing-headline.png"))
    assert watch.clean() == []


def test_the_parsed_seed_filing_shows_its_facts_where_they_stand(browser_page: Any, base_url: str) -> None:
    """The seed filing as the pipeline reads it; runs once the statement reader gives it facts."""
    parsed_id = filing_id_of(parse_paths([SEED]))
    record = read_filing(corpus_db(), parsed_id)
    first_of_cell: dict[tuple[int | None, int | None, int | None], int] = {}
    for i, f in enumerate(record.facts):
        first_of_cell.setdefault((f.table, f.row, f.column), i)
    # A fact with a cell in a statement table, printed far enough down the text to need scrolling to.
    fact = next((i for i, f in enumerate(record.facts) if f.table is not None and f.row is not None
                 and f.column is not None and first_of_cell[(f.table, f.row, f.column)] == i
                 and f.span is not None and f.span[0] > len(record.text) // 2), None)
    if fact is None:
        pytest.skip("the pipeline reads no statement facts from the seed filing yet "
                    "(the hand-read record above stands in for it)")
    page = browser_page
    page.goto(f"{base_url}/filings/{parsed_id}")
    span = record.facts[fact].span
    assert span is not None
    _click_fact_and_check(page, fact, record.text[span[0]:span[1]])
    page.screenshot(path=str(OUTPUT / "filing-parsed.png"))


def test_company_page_charts_the_core_figures(browser_page: Any, base_url: str) -> None:
    from playwright.sync_api import expect

    page = browser_page
    watch = Watch(page)
    page.goto(f"{base_url}/companies/{IMMUNOGEN_CIK}")
    charts = page.locator("figure.chart")
    assert charts.count() == 4
    assert [charts.nth(i).locator("figcaption").inner_text().split()[0] for i in range(4)] == [
        "Revenues", "Net", "Earnings", "Total"]
    assert page.locator("figure.chart svg circle").count() == 14
    box = page.locator("#chart-0 svg.plot").bounding_box()
    assert box is not None and box["width"] > 500 and box["height"] > 200
    page.screenshot(path=str(OUTPUT / "company.png"), full_page=True)
    # A point opens its fact in its filing, marked.
    page.locator("#chart-0 svg.plot a").last.click()
    page.wait_for_url(re.compile(r"/filings/.+#f-\d+$"))
    key = page.evaluate("location.hash").lstrip("#")
    span = page.locator(f'mark[data-k~="{key}"]')
    expect(span.first).to_have_class(re.compile(r"\bmarked\b"))
    expect(span.first).to_be_in_viewport()
    assert span.first.inner_text() == "19,842"  # six months to December 31, 2006
    assert watch.clean() == []


def _assert_inert(page: Any) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img, iframe, object, embed, [onload], [onerror], [onclick], a[href^='javascript:']") \
        .count() == 0
    scripts = page.evaluate("[...document.scripts].map(s => s.getAttribute('src'))")
    assert scripts == ["/static/form8k.js"]


def test_hostile_filings_render_as_inert_text(browser_page: Any, base_url: str) -> None:
    page = browser_page
    watch = Watch(page)
    hostile_id = filing_id_of(hostile_record())
    parsed_id = filing_id_of(parsed_hostile())
    pages = [f"/filings/{hostile_id}", f"/filings/{parsed_id}", "/filings", "/filings?company=evil",
             "/checks", f"/filings?company={PAYLOAD}"]
    for path in pages:
        page.goto(base_url + path)
        _assert_inert(page)
        assert "<script>window.__xss=1</script>" in page.locator("body").inner_text(), path
    # The hostile text is a fact in the record: marking it shows it as text, and nothing runs.
    page.goto(f"{base_url}/filings/{hostile_id}")
    fact = len(hostile_record().facts) - 1
    page.locator(f'a[href="#f-{fact}"]').first.click()
    marked = "".join(page.locator("#source .marked").all_inner_texts())
    assert marked == PAYLOAD
    _assert_inert(page)
    company = page.locator('a[href^="/companies/"]').first.get_attribute("href")
    page.goto(base_url + company)
    _assert_inert(page)
    assert page.locator("figure.chart svg circle").count() > 0
    assert watch.clean() == []


def _assert_all_under_csp(page: Any) -> None:
    """No inline style or script anywhere, and the only script the viewer's own file."""
    assert page.locator("[style]").count() == 0
    _assert_inert(page)


def test_facts_page_searches_across_filings(browser_page: Any, base_url: str) -> None:
    from playwright.sync_api import expect

    page = browser_page
    watch = Watch(page)
    page.goto(f"{base_url}/facts")
    page.fill('input[name="concept"]', "revenues")
    page.fill('input[name="company"]', "apple")
    page.click('form.search button[type="submit"]')
    page.wait_for_url(re.compile(r"/facts\?concept=revenues&company=apple"))
    rows = page.locator("table.facts-list tbody tr")
    assert rows.count() >= 2
    assert set(rows.locator("td:first-child").all_inner_texts()) == {"APPLE INC."}
    assert "$26,741" in " ".join(rows.locator("td.num").all_inner_texts())
    csv_link = page.locator('a[download]')
    assert csv_link.get_attribute("href") == "/facts.csv?concept=revenues&company=apple"
    _assert_all_under_csp(page)
    page.screenshot(path=str(OUTPUT / "facts.png"), full_page=True)
    with page.expect_download() as download:
        csv_link.click()
    assert download.value.suggested_filename == "form8k-facts.csv"
    # A value opens its fact in its filing, marked in the source text.
    first = rows.first.locator("td.num a")
    href = first.get_attribute("href") or ""
    first.click()
    page.wait_for_url(re.compile(r"/filings/.+#f-\d+$"))
    span = page.locator(f'mark[data-k~="{href.rsplit("#", 1)[1]}"]')
    expect(span.first).to_have_class(re.compile(r"\bmarked\b"))
    expect(span.first).to_be_in_viewport()
    assert watch.clean() == []
    # An unknown concept (answered 400) names the closest ones, each a link that searches it.
    page.goto(f"{base_url}/facts?concept=Revenuez&company=apple")
    assert "did you mean" in page.locator("#problem").inner_text()
    page.screenshot(path=str(OUTPUT / "facts-unknown.png"))
    page.locator("p.facets a", has_text="Revenues").first.click()
    page.wait_for_url(re.compile(r"concept=Revenues&company=apple"))
    assert page.locator("table.facts-list tbody tr").count() >= 2
    assert [m for m in watch.clean() if "400 (Bad Request)" not in m] == []


def test_filing_page_shows_failures_first(browser_page: Any, base_url: str) -> None:
    page = browser_page
    watch = Watch(page)
    hostile_id = filing_id_of(hostile_record())
    page.goto(f"{base_url}/filings/{hostile_id}")
    failures = page.locator("#failures")
    assert failures.is_visible()
    box = failures.bounding_box()
    cover = page.locator("#cover-part").bounding_box()
    # under the title and the headline card, the failures start on the first screen, before the cover
    headline = page.locator("#headline").bounding_box()
    assert box is not None and cover is not None and box["y"] < 900 and box["y"] < cover["y"]
    assert headline is None or headline["y"] < box["y"]
    verdict = page.locator("#verdict")
    assert "failed" in verdict.inner_text()
    assert verdict.evaluate("el => getComputedStyle(el).color") == "rgb(198, 40, 40)"  # --fail, not green
    # Passing checks are folded away; a click opens them.
    passing = page.locator("details.passing").first
    assert passing.get_attribute("open") is None
    assert not passing.locator("li").first.is_visible()
    passing.locator("> summary").click()
    assert passing.locator("li").first.is_visible()
    _assert_all_under_csp(page)
    page.goto(f"{base_url}/filings/{hostile_id}")
    page.screenshot(path=str(OUTPUT / "filing-failures.png"))
    assert watch.clean() == []


def test_wide_tables_scroll_with_the_label_column_held(browser_page: Any, base_url: str) -> None:
    page = browser_page
    page.set_viewport_size({"width": 1100, "height": 800})
    try:
        page.goto(f"{base_url}/filings/{filing_id_of(seed_record())}")
        scroller = page.locator(".statement .scroll").first
        wide = scroller.evaluate("el => el.scrollWidth > el.clientWidth")
        label = scroller.locator("tbody th[scope=row]").first
        assert label.evaluate("el => getComputedStyle(el).position") == "sticky"
        if wide:
            before = label.bounding_box()
            scroller.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
            after = label.bounding_box()
            assert before is not None and after is not None and abs(after["x"] - before["x"]) < 1
        page.screenshot(path=str(OUTPUT / "filing-narrow.png"))
    finally:
        page.set_viewport_size({"width": 1440, "height": 900})


def test_source_pane_shows_an_html_sources_tables_as_tables(browser_page: Any, base_url: str) -> None:
    from playwright.sync_api import expect

    page = browser_page
    watch = Watch(page)
    page.goto(f"{base_url}/filings?company=buckle")
    page.locator("table.filings tbody tr td a").first.click()
    page.wait_for_url(re.compile(r"/filings/[^?]+$"))
    tables = page.locator("#source .source-table table")
    assert tables.count() >= 1
    row = tables.first.locator("tr", has_text="SALES, Net of returns")
    cells = row.locator("td")
    assert cells.count() == 5
    assert cells.nth(1).inner_text().replace("\t", " ").strip() == "$ 293,618"
    # Figures of one column line up, as the filing printed them.
    xs = set()
    for label in ("SALES, Net of returns", "COST OF SALES", "Gross profit", "Selling"):
        box = tables.first.locator("tr", has_text=label).first.locator("td").nth(2).bounding_box()
        assert box is not None
        xs.add(round(box["x"]))
    assert len(xs) == 1
    # A fact in a statement table still marks its figure in the rebuilt table.
    cell = page.locator('a.fact-link[href="#f-0"]').first
    cell.click()
    mark = page.locator('#source mark[data-k~="f-0"]').first
    expect(mark).to_have_class(re.compile(r"\bmarked\b"))
    expect(mark).to_be_in_viewport()
    assert mark.inner_text() == "293,618"
    _assert_all_under_csp(page)
    page.screenshot(path=str(OUTPUT / "filing-html-source.png"))
    assert watch.clean() == []
