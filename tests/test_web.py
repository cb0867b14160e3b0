"""The viewer's pages and their JSON twins, on a small ingested corpus, through FastAPI's TestClient."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from markupsafe import escape

from form8k.pipeline import parse_paths
from form8k.store.query import read_filing
from form8k.store.records import filing_id_of
from form8k.web import create_app
from web_helpers import (
    EXAMPLES,
    IMMUNOGEN_CIK,
    SEED,
    TestClient,
    corpus_db,
    hostile_record,
    seed_record,
)

SEED_ID = filing_id_of(seed_record())
PARSED_SEED_ID = filing_id_of(parse_paths([SEED]))


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(corpus_db())) as test_client:
        yield test_client


def _json(client: TestClient, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


class _Source(HTMLParser):
    """Collects the text inside <div id="source"> (text blocks and rebuilt tables) and the marks found in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.marks: dict[str, list[str]] = {}
        self._open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "div" and a.get("id") == "source":
            self.depth = 1
        elif self.depth and tag == "div":
            self.depth += 1
        elif self.depth and tag == "mark":
            self._open.append((a.get("data-k") or "").split())

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1
        elif self.depth and tag == "mark":
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)
            for keys in self._open:
                for key in keys:
                    self.marks.setdefault(key, []).append(data)


# --- filings --------------------------------------------------------------------------------------------


def test_home_goes_to_the_filings(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 302 and response.headers["location"] == "/filings"


STORED = len(list(EXAMPLES.iterdir())) + 4  # the examples, the hostile submission, three hand-made records


def _all(client: TestClient) -> list[dict]:
    return _json(client, "/filings.json?per_page=500")["filings"]


def test_filings_json_lists_every_stored_filing_with_counts(client: TestClient) -> None:
    data = _json(client, "/filings.json?per_page=500")
    assert data["paging"]["total"] == len(data["filings"]) == STORED
    seed = next(f for f in data["filings"] if f["filing_id"] == SEED_ID)
    assert seed["company"] == "ImmunoGen, Inc." and seed["cik"] == seed["company_key"] == IMMUNOGEN_CIK
    assert seed["n_facts"] == 59 and seed["n_checks_failed"] == 0 and seed["items"] == ["2.02", "9.01"]
    assert seed["url"] == f"/filings/{SEED_ID}" and seed["json_url"] == f"/filings/{SEED_ID}.json"
    apple = next(f for f in data["filings"] if f["company"] == "APPLE INC.")
    assert apple["cik"] == apple["company_key"] == "0000320193"
    parsed = next(f for f in data["filings"] if f["filing_id"] == PARSED_SEED_ID)
    assert parsed["cik"] is None and parsed["company_key"] == "immunogen-inc"  # no CIK: a slug of the name
    # Newest first by default.
    dates = [f["date_of_report"] for f in data["filings"] if f["date_of_report"]]
    assert dates == sorted(dates, reverse=True)


# Each search, and which stored filings it must find (worked out here from the full list).
SEARCHES = {
    "company=immunogen": lambda f: "immunogen" in (f["company"] or "").lower(),
    "company=APPLE": lambda f: "apple" in (f["company"] or "").lower(),
    "cik=320193": lambda f: f["cik"] == "0000320193",
    "cik=0000320193": lambda f: f["cik"] == "0000320193",
    "from=2011-01-01&to=2015-12-31": lambda f: "2011-01-01" <= (f["date_of_report"] or "0") <= "2015-12-31",
    "from=2023-01-01": lambda f: (f["date_of_report"] or "0") >= "2023-01-01",
    "company=oracle&item=2.02": lambda f: "oracle" in (f["company"] or "").lower() and "2.02" in f["items"],
    "item=9.01&to=2007-12-31": lambda f: "9.01" in f["items"] and (f["date_of_report"] or "9") <= "2007-12-31",
    "failed=true": lambda f: f["n_checks_failed"] > 0,
}


@pytest.mark.parametrize("query", SEARCHES)
def test_filings_search(client: TestClient, query: str) -> None:
    everything = _all(client)
    expected = {f["filing_id"] for f in everything if SEARCHES[query](f)}
    found = {f["filing_id"] for f in _json(client, f"/filings.json?{query}&per_page=500")["filings"]}
    assert found == expected and found != {f["filing_id"] for f in everything}


def test_filings_search_finds_the_shipped_filings_by_name_cik_and_item(client: TestClient) -> None:
    assert {f["company"] for f in _json(client, "/filings.json?cik=320193")["filings"]} == {"APPLE INC."}
    oracle = _json(client, "/filings.json?company=ORACLE&item=2.02")["filings"]
    assert [f["date_of_report"] for f in oracle] == ["2014-06-19"]
    assert _json(client, "/filings.json?company=sears&item=8.01")["filings"] == []
    failed = _json(client, "/filings.json?failed=true")["filings"]
    assert filing_id_of(hostile_record()) in {f["filing_id"] for f in failed}


def test_filings_sort_and_pages(client: TestClient) -> None:
    for key, field in (("facts", "n_facts"), ("failed", "n_checks_failed"), ("date", "date_of_report")):
        for order in ("asc", "desc"):
            rows = _json(client, f"/filings.json?sort={key}&order={order}&per_page=500")["filings"]
            values = [r[field] for r in rows if r[field] is not None]
            assert values == sorted(values, reverse=order == "desc"), (key, order)
    first = _json(client, "/filings.json?sort=company&order=asc&per_page=4")
    pages = -(-STORED // 4)
    assert first["paging"] == {"page": 1, "per_page": 4, "total": STORED, "pages": pages, "previous": None,
                               "next": "/filings.json?sort=company&order=asc&page=2&per_page=4"}
    second = _json(client, first["paging"]["next"])
    assert second["paging"]["previous"] == "/filings.json?sort=company&order=asc&per_page=4"
    seen = [first, second]
    while seen[-1]["paging"]["next"]:
        seen.append(_json(client, seen[-1]["paging"]["next"]))
    assert len(seen) == pages
    ids = [f["filing_id"] for page in seen for f in page["filings"]]
    assert len(ids) == len(set(ids)) == STORED
    known = [f["company"].lower() for page in seen for f in page["filings"] if f["company"] is not None]
    assert known == sorted(known)


@pytest.mark.parametrize(("query", "status"), [
    ("from=2020-13-45", 400), ("from=2021-01-01&to=2020-01-01", 400), ("from=yesterday", 422),
    ("cik=abc", 422), ("item=2.02.03", 422), ("sort=drop%20table", 422), ("order=sideways", 422),
    ("page=0", 422), ("per_page=100000", 422),
])
def test_filings_rejects_a_bad_search(client: TestClient, query: str, status: int) -> None:
    response = client.get(f"/filings.json?{query}")
    assert response.status_code == status
    assert "detail" in response.json()
    page = client.get(f"/filings?{query}")
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")


def test_filings_page_shows_what_its_json_twin_holds(client: TestClient) -> None:
    query = "company=inc&sort=company&order=asc"
    data = _json(client, f"/filings.json?{query}")
    page = client.get(f"/filings?{query}")
    assert page.status_code == 200
    body = page.text
    assert 'href="/filings.json?company=inc&amp;sort=company&amp;order=asc"' in body
    for f in data["filings"]:
        assert f'href="{escape(f["url"])}"' in body
        assert escape(f["company"]) in body
    assert 'value="inc"' in body  # the search form keeps what was asked


# --- one filing -----------------------------------------------------------------------------------------------


def test_filing_json_is_the_stored_record(client: TestClient) -> None:
    data = _json(client, f"/filings/{SEED_ID}.json")
    record = read_filing(corpus_db(), SEED_ID)
    assert data["record"] == record.model_dump(mode="json")
    assert data["filing"]["filing_id"] == SEED_ID and data["filing"]["company_key"] == IMMUNOGEN_CIK
    lean = _json(client, f"/filings/{SEED_ID}.json?text=false")
    assert lean["record"]["text"] == "" and lean["record"]["facts"] == data["record"]["facts"]


def test_filing_page_marks_every_fact_and_mention_on_its_span(client: TestClient) -> None:
    record = read_filing(corpus_db(), SEED_ID)
    body = client.get(f"/filings/{SEED_ID}").text
    source = _Source()
    source.feed(body)
    # The source pane holds the canonical text, whole and unaltered.
    assert "".join(source.text) == record.text
    for i, fact in enumerate(record.facts):
        if fact.span is None:
            assert f'data-k="f-{i}"' not in body
            continue
        assert "".join(source.marks[f"f-{i}"]) == record.text[fact.span[0]:fact.span[1]]
        assert f'id="f-{i}"' in body
    for i, mention in enumerate(record.mentions):
        assert "".join(source.marks[f"m-{i}"]) == mention.text
    assert "".join(source.marks["g-0"]) == "$18-20 million"
    assert body.count('<mark class="mention mention-agrees" data-k="m-') == len(record.mentions)


def test_a_fact_cell_links_to_its_span(client: TestClient) -> None:
    record = read_filing(corpus_db(), SEED_ID)
    body = client.get(f"/filings/{SEED_ID}").text
    net_loss = next(i for i, f in enumerate(record.facts)
                    if f.concept == "NetIncomeLoss" and f.period_months == 3 and f.period_end.year == 2006)
    cell = re.search(rf'<a class="fact-link" id="cell-{net_loss}" data-mark href="#f-{net_loss}"[^>]*>([^<]*)</a>',
                     body)
    assert cell and cell.group(1) == "(3,044)"
    # Every fact read from a table has its cell linked.
    assert body.count('class="fact-link" id="cell-') == sum(1 for f in record.facts if f.table is not None)


def test_filing_page_shows_tables_checks_mentions_and_guidance(client: TestClient) -> None:
    body = client.get(f"/filings/{SEED_ID}").text
    assert "Condensed consolidated statements of operations" in body
    assert body.count('<span class="badge badge-pass">pass</span>') == 6
    assert "<code>(3,035) - 9 = (3,044)</code>" in body  # the arithmetic, inside its <details>
    assert '<span class="badge badge-derived"' in body and "Total liabilities" in body
    assert body.count('<span class="badge badge-agrees">agrees</span>') == 6
    assert "$18,000,000" in body and "$26,000,000" in body and '<span class="badge">lowered</span>' in body
    for section in ("cover-part", "items", "exhibits", "tables", "facts", "checks", "mentions", "guidance"):
        assert f'id="{section}"' in body
    assert "Press Release of ImmunoGen, Inc. dated February 1, 2007" in body
    assert f'href="/companies/{IMMUNOGEN_CIK}"' in body


def test_the_parsed_seed_filing_shows_whatever_the_pipeline_read(client: TestClient) -> None:
    record = read_filing(corpus_db(), PARSED_SEED_ID)
    body = client.get(f"/filings/{PARSED_SEED_ID}").text
    assert "ITEM 2.02" in body and 'id="source"' in body and 'href="/companies/immunogen-inc"' in body
    source = _Source()
    source.feed(body)
    assert "".join(source.text) == record.text
    for i, fact in enumerate(record.facts):
        if fact.span is not None:
            assert "".join(source.marks[f"f-{i}"]) == record.text[fact.span[0]:fact.span[1]]
    company = _json(client, "/companies/immunogen-inc.json")
    assert company["cik"] is None and [f["filing_id"] for f in company["filings"]] == [PARSED_SEED_ID]


def test_unknown_or_malformed_filing_ids(client: TestClient) -> None:
    assert client.get("/filings/0000000000-00-000000.json").status_code == 404
    missing = client.get("/filings/0000000000-00-000000")
    assert missing.status_code == 404 and "no filing 0000000000-00-000000" in missing.text
    for bad in ("a.b", "sha256:abc%20def", "%3Cscript%3E", "-leading-dash", "x" * 81):
        assert client.get(f"/filings/{bad}").status_code == 422
        assert client.get(f"/filings/{bad}.json").status_code == 422
    assert client.get("/filings/..%2F..%2Fpyproject.toml").status_code == 404


# --- company ------------------------------------------------------------------------------------------------


def test_company_json_charts_the_core_figures(client: TestClient) -> None:
    data = _json(client, f"/companies/{IMMUNOGEN_CIK}.json")
    assert data["key"] == data["cik"] == IMMUNOGEN_CIK and data["names"] == ["ImmunoGen, Inc."]
    assert [f["filing_id"] for f in data["filings"]] == [SEED_ID]
    charts = {c["title"]: c for c in data["charts"]}
    assert [c["concept"] for c in data["charts"]] == ["Revenues", "NetIncomeLoss",
                                                       "EarningsPerShareBasicAndDiluted", "Assets"]
    revenues = {s["name"]: [(p["period_end"], p["value"]) for p in s["points"]] for s in charts["Revenues"]["series"]}
    assert revenues == {"3 months": [("2005-12-31", 6587000), ("2006-12-31", 12072000)],
                        "6 months": [("2005-12-31", 14365000), ("2006-12-31", 19842000)]}
    eps = charts["Earnings per share"]["series"][0]["points"]
    assert [p["value"] for p in eps] == [-0.09, -0.07] and charts["Earnings per share"]["unit"] == "USD/share"
    assets = charts["Total assets"]["series"]
    assert [s["name"] for s in assets] == ["instant"]
    assert [(p["period_end"], p["value"]) for p in assets[0]["points"]] == [("2006-06-30", 94128000),
                                                                           ("2006-12-31", 87731000)]
    point = assets[0]["points"][0]
    assert point["url"] == f"/filings/{SEED_ID}#f-{point['fact_index']}"


def test_company_page_draws_inline_svg_with_a_link_per_point(client: TestClient) -> None:
    data = _json(client, f"/companies/{IMMUNOGEN_CIK}.json")
    body = client.get(f"/companies/{IMMUNOGEN_CIK}").text
    points = [p for c in data["charts"] for s in c["series"] for p in s["points"]]
    assert body.count("<svg") - body.count('aria-hidden="true"') == 4
    assert body.count("<circle") == len(points) == 14
    for p in points:
        assert f'href="{escape(p["url"])}"' in body
    # Nothing in the charts comes from another origin.
    assert not re.search(r'(?:href|src)="(?:https?:)?//', body)


def test_company_charts_hold_the_latest_value_the_store_has_for_each_period(client: TestClient) -> None:
    """For every company, each charted point is the store's latest value for its concept and period."""
    from form8k.store import query

    keys = {f["company_key"] for f in _all(client) if f["company_key"]}
    for key in keys:
        data = _json(client, f"/companies/{key}.json")
        for chart in data["charts"]:
            points = {(p["period_end"], p["period_months"], p["value"], p["filing_id"])
                      for s in chart["series"] for p in s["points"]}
            if chart["concept"] is None:
                assert points == set()
                continue
            expected = set()
            for filing in data["filings"]:
                facts = query.facts(corpus_db(), filing_id=filing["filing_id"], concept=chart["concept"],
                                    frame="arrow").to_pylist()
                expected |= {(r["period_end"].isoformat(), r["period_months"]) for r in facts
                             if r["period_end"] is not None and r["value"] is not None}
            assert {(p[0], p[1]) for p in points} == expected, (key, chart["concept"])


def test_company_by_cik_and_unknown_companies(client: TestClient) -> None:
    apple = _json(client, "/companies/0000320193.json")
    assert apple["names"] == ["APPLE INC."] and apple["cik"] == "0000320193"
    # The hostile submission prints no statements: its company page says so chart by chart.
    evil = client.get("/companies/0000000666")
    assert evil.status_code == 200 and "No revenues among this company" in evil.text
    assert client.get("/companies/0000000001.json").status_code == 404
    assert client.get("/companies/Not_A_Key").status_code == 422


# --- checks ------------------------------------------------------------------------------------------------


def test_checks_json_lists_failed_checks_with_their_filing(client: TestClient) -> None:
    data = _json(client, "/checks.json?per_page=500")
    assert data["paging"]["total"] == len(data["checks"]) == sum(f["n_checks_failed"] for f in _all(client))
    for check in data["checks"]:
        record = read_filing(corpus_db(), check["filing_id"])
        assert record.checks[check["check_index"]].status == "fail"
        assert check["url"] == f"/filings/{check['filing_id']}#check-{check['check_index']}"
    hostile = filing_id_of(hostile_record())
    (planted,) = [c for c in data["checks"] if c["filing_id"] == hostile]
    assert planted["rule"] == "sum" and planted["expected"] == 1 and planted["actual"] == 2
    rules = {r["rule"]: r["failed"] for r in data["rules"]}
    assert sum(rules.values()) == len(data["checks"]) and rules["sum"] >= 1
    for rule in rules:
        only = _json(client, f"/checks.json?rule={rule}&per_page=500")["checks"]
        assert len(only) == rules[rule] and {c["rule"] for c in only} == {rule}
    assert _json(client, "/checks.json?rule=no_such_rule")["checks"] == []


def test_checks_page_links_each_failure_to_its_filing(client: TestClient) -> None:
    data = _json(client, "/checks.json")
    body = client.get("/checks").text
    for check in data["checks"]:
        assert f'href="{escape(check["url"])}"' in body
    assert body.count("<tr>") == 1 + len(data["checks"])  # the header and one row per failure
    first = data["checks"][0]
    assert f'id="check-{first["check_index"]}"' in client.get(first["url"].split("#")[0]).text


# --- the API ------------------------------------------------------------------------------------------------


def test_openapi_describes_the_json_twins_only(client: TestClient) -> None:
    spec = _json(client, "/openapi.json")
    assert set(spec["paths"]) == {"/filings.json", "/filings/{filing_id}.json", "/companies/{key}.json",
                                  "/checks.json", "/facts.json", "/facts.csv"}
    params = {p["name"] for p in spec["paths"]["/filings.json"]["get"]["parameters"]}
    assert {"company", "cik", "from", "to", "item", "failed", "sort", "order", "page", "per_page"} <= params
    schemas = spec["components"]["schemas"]
    assert {"FilingsAnswer", "FilingAnswer", "CompanyAnswer", "ChecksAnswer", "FactsAnswer", "Filing", "Fact"} \
        <= set(schemas)
    # The interactive docs would load code from a CDN; they are off.
    assert client.get("/docs").status_code == 404


def test_static_files_are_served_from_memory_by_exact_name(client: TestClient) -> None:
    js = client.get("/static/form8k.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert client.get("/static/form8k.css").headers["content-type"].startswith("text/css")
    for name in ("other.js", "..%2Fapp.py", "form8k.py", "%2e%2e/%2e%2e/pyproject.toml"):
        assert client.get(f"/static/{name}").status_code in (404, 422)


def test_the_store_is_opened_read_only_without_file_access() -> None:
    app = create_app(corpus_db())
    con = app.state.con
    with pytest.raises(Exception, match="read-only"):
        con.execute("CREATE TABLE intruder (x INTEGER)")
    with pytest.raises(Exception, match="(?i)disabled|permission"):
        con.execute("SELECT * FROM read_text('pyproject.toml')").fetchall()
    with pytest.raises(Exception, match="(?i)lock|configuration"):
        con.execute("SET enable_external_access = true")
    con.close()


def test_a_large_filing_renders_quickly(tmp_path: Path) -> None:
    from decimal import Decimal

    from form8k.models import Fact
    from web_helpers import write_store

    record = seed_record()
    base = record.text
    record.text = base * 32  # ~600,000 characters
    copies = [f.model_copy(update={"span": (f.span[0] + k * len(base), f.span[1] + k * len(base))})
              for k in range(32) for f in record.facts if f.span]
    record.facts = copies + [Fact(concept="X", value=Decimal(1), span=(k * 1000, k * 1000 + 500)) for k in range(400)]
    db = write_store(tmp_path / "large.duckdb", record)
    with TestClient(create_app(db)) as large:
        started = time.perf_counter()
        response = large.get(f"/filings/{filing_id_of(record)}")
        elapsed = time.perf_counter() - started
    assert response.status_code == 200 and len(record.text) > 500_000
    assert response.text.count("<mark ") >= len(copies)
    assert elapsed < 5, f"{elapsed:.1f}s to render a {len(record.text)}-character filing"


# --- the command ---------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_command_runs_the_viewer_on_loopback() -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "form8k.cli", "serve", "--db", str(corpus_db()),
                               "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/filings.json", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["paging"]["total"] == STORED
        assert "content-security-policy" in response.headers
    finally:
        server.terminate()
        _, err = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in err


def test_serve_command_refuses_a_missing_database(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "form8k.cli", "serve", "--db", str(tmp_path / "none.duckdb")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "no such database" in result.stderr


def test_templates_and_static_files_are_package_data() -> None:
    import fnmatch
    import tomllib

    import form8k.web

    root = Path(form8k.web.__file__).parent
    globs = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["form8k"]
    files = [p.relative_to(root.parent).as_posix() for folder in ("templates", "static")
             for p in (root / folder).iterdir() if p.is_file()]
    assert {"web/templates/filing.html", "web/static/form8k.js", "web/static/form8k.css"} <= set(files)
    for name in files:
        assert any(fnmatch.fnmatch(name, g) for g in globs), f"{name} would not be installed"


def test_the_viewer_reads_a_parquet_dataset_too(tmp_path: Path) -> None:
    from form8k.store.dataset import write_parts
    from form8k.store.records import filing_date, filing_rows
    from form8k.store.schema import current_columns

    record = seed_record()
    columns = current_columns()
    stored = {table: [name for name, _ in cols] for table, cols in columns.items()}
    year = filing_date(record).year
    write_parts(tmp_path / "dataset", "t0", [(year, filing_rows(record, stored))], columns)
    with TestClient(create_app(tmp_path / "dataset")) as dataset:
        assert [f["filing_id"] for f in _json(dataset, "/filings.json")["filings"]] == [SEED_ID]
        assert _json(dataset, f"/filings/{SEED_ID}.json")["record"]["facts"] == \
            read_filing(corpus_db(), SEED_ID).model_dump(mode="json")["facts"]
        assert dataset.get(f"/companies/{IMMUNOGEN_CIK}").status_code == 200


# --- facts across filings -------------------------------------------------------------------------------------


def test_facts_json_finds_a_concept_by_the_words_a_person_types(client: TestClient) -> None:
    apple = _json(client, "/facts.json?concept=revenues&company=apple")
    assert apple["concepts"] == ["Revenues"] and apple["more"] is False
    assert {(f["company"], f["concept"]) for f in apple["facts"]} == {("APPLE INC.", "Revenues")}
    assert [f["period_end"] for f in apple["facts"]] == sorted(f["period_end"] for f in apple["facts"])
    assert 26_741_000_000 in {f["value"] for f in apple["facts"]}
    typed = _json(client, "/facts.json?concept=net%20income&company=APPLE")
    assert typed["concepts"][0] == "NetIncomeLoss" and typed["facts"]
    assert _json(client, "/facts.json?concept=eps%20diluted&company=apple")["concepts"] == ["EarningsPerShareDiluted"]
    # Each row links to its fact, marked in its filing's page.
    row = apple["facts"][0]
    assert row["url"] == f"/filings/{row['filing_id']}#f-{row['fact_index']}"
    record = read_filing(corpus_db(), row["filing_id"])
    assert record.facts[row["fact_index"]].concept == "Revenues"


def test_facts_json_bounds_the_period_end(client: TestClient) -> None:
    rows = _json(client, "/facts.json?concept=revenue&from=2010-01-01&to=2010-12-31")["facts"]
    assert rows and all("2010-01-01" <= f["period_end"] <= "2010-12-31" for f in rows)
    assert _json(client, "/facts.json?company=apple&from=2030-01-01")["facts"] == []
    assert client.get("/facts.json?from=2011-01-01&to=2010-01-01").status_code == 400
    assert client.get("/facts.json?from=2010-02-31").status_code == 400
    assert client.get("/facts.json?from=yesterday").status_code == 422


def test_an_unknown_concept_answers_400_with_the_closest_names(client: TestClient) -> None:
    response = client.get("/facts.json?concept=Revenuez")
    assert response.status_code == 400 and "Revenues" in response.json()["detail"]
    page = client.get("/facts?concept=Revenuez&company=apple")
    assert page.status_code == 400 and 'id="problem"' in page.text
    assert 'href="/facts?concept=Revenues&amp;company=apple"' in page.text


def test_facts_csv_holds_every_matching_row(client: TestClient) -> None:
    import csv
    import io

    response = client.get("/facts.csv?concept=revenues&company=apple")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    as_json = _json(client, "/facts.json?concept=revenues&company=apple")["facts"]
    assert [(r["period_end"], r["value"]) for r in rows] == [(f["period_end"], f"{f['value']:.0f}") for f in as_json]
    # Text a spreadsheet would run as a formula is quoted.
    from decimal import Decimal

    from form8k.web.views.facts import _csv_cell

    assert [_csv_cell(v) for v in ("=HYPERLINK(1)", "@SUM", "-1+2", "Net sales", Decimal("-3.50"), None)] == \
        ["'=HYPERLINK(1)", "'@SUM", "'-1+2", "Net sales", "-3.5", ""]


def test_facts_page_lists_what_its_json_twin_holds(client: TestClient) -> None:
    page = client.get("/facts?concept=revenue&company=apple")
    assert page.status_code == 200
    data = _json(client, "/facts.json?concept=revenue&company=apple")
    for row in data["facts"]:
        assert f'href="{escape(row["url"])}"' in page.text
    assert 'href="/facts.csv?concept=revenue&amp;company=apple"' in page.text
    assert 'href="/facts.json?concept=revenue&amp;company=apple"' in page.text
    assert "Name a concept" in client.get("/facts").text


def test_filing_page_puts_failures_first_and_folds_passing_checks(client: TestClient) -> None:
    hostile_id = filing_id_of(hostile_record())
    body = client.get(f"/filings/{hostile_id}").text
    record = read_filing(corpus_db(), hostile_id)
    failed = [i for i, c in enumerate(record.checks) if c.status == "fail"]
    assert failed
    top = body.index('id="failures"')
    assert top < body.index('id="cover-part"') < body.index('id="checks"')
    for i in failed:  # each failed check is listed (and anchored) at the top
        assert top < body.index(f'id="check-{i}"') < body.index('id="cover-part"')
    assert body.count('id="check-') == len(record.checks)
    assert '<details class="passing">' in body
    # The badge says the checks failed: never a plain "ok" beside them.
    badge = re.search(r'<span class="status status-(\w+)" id="verdict">([^<]*)</span>', body)
    assert badge and badge.group(1) == "failed" and f"{len(failed)} check" in badge.group(2)
    seed = client.get(f"/filings/{SEED_ID}").text
    seed_record_ = read_filing(corpus_db(), SEED_ID)
    if not any(c.status == "fail" for c in seed_record_.checks) and not seed_record_.problems:
        assert 'class="all-pass"' in seed


def test_source_pane_keeps_an_html_sources_tables_as_tables(client: TestClient) -> None:
    buckle = next(f for f in _all(client) if f["source_format"] == "html" and f["n_tables"])
    record = read_filing(corpus_db(), buckle["filing_id"])
    body = client.get(f"/filings/{buckle['filing_id']}").text
    source = _Source()
    source.feed(body)
    assert "".join(source.text) == record.text  # still whole and in order
    pane = body[body.index('id="source"'):]
    assert pane.count('<div class="scroll source-table"><table>') >= 1
    # A row of the income statement is a row of cells, its figures each in their own.
    fact = next(f for f in record.facts if f.table is not None and f.span)
    i = record.facts.index(fact)
    shown = re.escape(record.text[fact.span[0]:fact.span[1]])
    assert re.search(rf'<td class="num">(\$\t)?<span class="anchor" id="f-{i}"></span><mark class="fact[^"]*" '
                     rf'data-k="f-{i}[^"]*" title="[^"]*">{shown}</mark>\t?\n?</td>', pane)


def test_filing_page_shows_the_headline_card_under_its_title(client: TestClient) -> None:
    body = client.get(f"/filings/{PARSED_SEED_ID}").text
    card = body.index('id="headline"')
    assert body.index("<h1>") < card < body.index('id="failures"') < body.index('id="cover-part"')
    assert "3 months to 2006-12-31 against 2005-12-31" in body
    revenue = re.search(r'<tr id="headline-revenue">(.*?)</tr>', body, re.S)
    assert revenue is not None
    cells = [c for c in re.findall(r">([^<>]+)<", revenue.group(1)) if c.strip()]
    assert cells == ["Revenue", "$12,072,000", "✓ confirmed", "$6,587,000", "✓ confirmed", "+83.3%"]
    cash = re.search(r'<tr id="headline-cash_from_operations">(.*?)</tr>', body, re.S)
    assert cash is not None
    assert [c for c in re.findall(r">([^<>]+)<", cash.group(1)) if c.strip()] == [
        "Cash from operations", "—", "✗ missing", "—", "✗ missing", "—"]
    assert 'class="verdict verdict-missing"' in cash.group(1)
    # the JSON twin holds the same card
    figures = {f["metric"]: f for f in _json(client, f"/filings/{PARSED_SEED_ID}.json?text=false")["headline"]}
    assert list(figures) == ["revenue", "net_income", "eps_basic", "eps_diluted", "cash_from_operations"]
    assert figures["revenue"]["status"] == "confirmed" and float(figures["revenue"]["value"]) == 12072000
    assert figures["cash_from_operations"]["status"] == "missing" and figures["cash_from_operations"]["value"] is None

