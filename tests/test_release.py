"""The press release read as a whole: where it is and its parts, on the shipped filings."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import cache

import pytest

from form8k import parse_paths
from form8k.export.render import markdown
from form8k.load import load
from form8k.models import Fact, Filing, Table
from form8k.pipeline import parse
from form8k.release.assemble import read_release

from conftest import DATA, FILINGS

SEED = "immunogen_2007-02-01_8-K_earnings.txt"
D = dt.date


@cache
def record(name: str) -> Filing:
    return parse_paths([FILINGS / name])


def text_of(filing: Filing, span: tuple[int, int] | None) -> str:
    assert span is not None
    return filing.text[span[0]:span[1]]


def test_seed_release_sits_after_the_signatures_of_the_8k_text() -> None:
    f = record(SEED)
    pr = f.press_release
    assert pr is not None and pr.span is not None
    assert text_of(f, pr.span).startswith("Contacts:")
    assert pr.headline == "ImmunoGen, Inc. Reports Second Quarter Fiscal Year 2007 Financial Results"
    assert pr.subheadline == "Company Provides Update on Business and on Financial Guidance"
    assert pr.dateline is not None
    assert (pr.dateline.city, pr.dateline.state, pr.dateline.date) == ("CAMBRIDGE", "MA", D(2007, 2, 1))
    assert [(t.exchange, t.symbol) for t in pr.tickers] == [("Nasdaq", "IMGN")]
    assert (pr.fiscal_year, pr.fiscal_quarter, pr.fiscal_year_end, pr.period_end) == (2007, 2, "06-30",
                                                                                      D(2006, 12, 31))
    assert pr.company == "ImmunoGen, Inc."


def test_seed_contacts() -> None:
    contacts = [c.model_dump(exclude={"span"}) for c in record(SEED).press_release.contacts]  # type: ignore[union-attr]
    assert contacts == [
        {"name": "Carol Hausner", "title": "Executive Director, Investor Relations and Corporate Communications",
         "organization": "ImmunoGen, Inc.", "role": "investors", "phone": "(617) 995-2500",
         "email": "info@immunogen.com"},
        {"name": "Kathryn Morris", "title": None, "organization": "KMorrisPR", "role": "media",
         "phone": "(845) 635-9828", "email": "Kathryn@kmorrispr.com"},
    ]


def test_seed_quotes_have_their_speakers() -> None:
    f = record(SEED)
    quotes = f.press_release.quotes  # type: ignore[union-attr]
    assert [(q.speaker, q.title) for q in quotes] == [
        ("Mitchel Sayare", "Chairman and CEO"), ("Daniel Junius", "Executive Vice President, Finance, and CFO")]
    assert quotes[0].text.startswith("In the past three months, the first findings were reported")
    # the CFO goes on after the attribution and across a page break
    assert quotes[1].text.startswith("This updated guidance reflects both an increase in the revenue")
    assert quotes[1].text.endswith("greater use of previously reserved materials.")
    assert text_of(f, quotes[1].span).endswith("greater use of previously reserved materials.")


def test_seed_conference_call() -> None:
    call = record(SEED).press_release.conference_call  # type: ignore[union-attr]
    assert call is not None
    assert (call.date, call.time, call.phone, call.url, call.replay_until) == (
        D(2007, 2, 1), "4:30 pm ET", "913-981-4900", "www.immunogen.com", D(2007, 2, 8))


def test_seed_sections() -> None:
    f = record(SEED)
    pr = f.press_release
    assert text_of(f, pr.about_span).startswith("About ImmunoGen, Inc.")  # type: ignore[union-attr]
    assert text_of(f, pr.forward_looking_span).startswith(  # type: ignore[union-attr]
        "This press release includes forward-looking statements")
    assert text_of(f, pr.forward_looking_span).endswith("Securities and Exchange Commission.")  # type: ignore


def test_seed_every_amount_in_the_prose_is_a_mention() -> None:
    mentions = record(SEED).mentions
    assert len(mentions) == 33
    f = record(SEED)
    assert all(text_of(f, m.span) == m.text for m in mentions)
    assert [m.text for m in mentions][:6] == ["\\$3.0 million", "\\$0.07 per basic and diluted share",
                                              "\\$3.5 million", "\\$0.09 per basic and diluted share",
                                              "\\$12.1 million", "\\$6.6 million"]


def _seed_with_statements(change: dict[str, str] | None = None) -> Filing:
    """The seed read with statements built by hand from its printed tables (in place of the statement reader)."""
    path = FILINGS / SEED
    files = [(str(path), path.read_bytes())]
    filing = parse(files)
    data = json.loads((DATA / "release" / "immunogen_statements.json").read_text())
    facts = [Fact(**f) for f in data["facts"]]
    for f in facts:
        key = f"{f.concept}@{f.period_end}/{f.period_months}"
        if change and key in change:
            f.value = Decimal(change[key])
    filing.facts = facts
    filing.tables = [Table(**t) for t in data["tables"]]
    release = read_release(load(files), filing)
    filing.press_release, filing.mentions, filing.guidance = release.press_release, release.mentions, release.guidance
    filing.checks = release.checks
    return filing


def test_seed_every_mention_restating_a_table_value_is_tied_and_agrees() -> None:
    f = _seed_with_statements()
    untied = [(m.text, m.metric) for m in f.mentions if m.status != "agrees"]
    assert untied == [
        ("\\$2.0 million", "milestone"),  # a milestone within license fees: no row of its own
        ("\\$2.1 million", None),  # "an incremental $2.1 million related to the production of …"
        ("\\$0.4 million", "other income"),  # other income received from Vernalis: a part of a row
        ("\\$7.9 million", "cash used in operations"),  # no cash-flow statement in the release
        ("\\$4.6 million", "cash used in operations"),
        ("\\$18-20 million", "net loss"), ("\\$26-\\$29 million", "net loss"),  # guidance
        ("\\$18-\\$20 million", "cash used in operations"), ("\\$26-29 million", "cash used in operations"),
    ]
    assert sum(m.status == "agrees" for m in f.mentions) == 24
    assert [c.status for c in f.checks] == ["pass"] * 24


def test_a_contradiction_is_prominent_in_markdown_and_checks() -> None:
    f = _seed_with_statements({"Revenues@2006-12-31/3": "12572000"})
    bad = [m for m in f.mentions if m.status == "contradicts"]
    assert [m.text for m in bad] == ["\\$12.1 million"]
    assert [c.status for c in f.checks].count("fail") == 1
    md = markdown(f)
    assert "#### ⚠ Contradictions" in md
    assert "1 contradict" in md or "**1 contradict them**" in md
    section = md.split("#### ⚠ Contradictions", 1)[1]
    assert "12,572,000" in section.split("\n\n", 2)[1]


def test_seed_guidance() -> None:
    g = [x.model_dump(exclude={"text", "span"}) for x in record(SEED).guidance]
    assert g == [
        {"metric": "net loss", "concept": "NetIncomeLoss", "low": Decimal(18000000), "high": Decimal(20000000),
         "point": None, "unit": "USD", "fiscal_period": "FY2007",
         "previous": {"low": Decimal(26000000), "high": Decimal(29000000)}, "direction": "lowered"},
        {"metric": "cash used in operations", "concept": "NetCashProvidedByUsedInOperatingActivities",
         "low": Decimal(18000000), "high": Decimal(20000000), "point": None, "unit": "USD", "fiscal_period": "FY2007",
         "previous": {"low": Decimal(26000000), "high": Decimal(29000000)}, "direction": "lowered"},
    ]


@pytest.mark.parametrize("name, headline, dateline, tickers, fiscal", [
    ("apple_2011-01-18_8-K_earnings.txt", "Apple Reports First Quarter Results",
     ("CUPERTINO", "California", D(2011, 1, 18)), [], (2011, 1, D(2010, 12, 25))),
    ("apple_2024-02-01_8-K_earnings.txt", "Apple reports first quarter results",
     ("CUPERTINO", "CALIFORNIA", None), [], (2024, 1, D(2023, 12, 30))),
    ("adobe_2023-03-15_8-K_earnings.txt", "Adobe Reports Record Revenue in Q1 Fiscal 2023",
     ("SAN JOSE", "Calif.", D(2023, 3, 15)), [("Nasdaq", "ADBE")], (2023, 1, D(2023, 3, 3))),
    ("oracle_2014-06-19_8-K_earnings.txt", "ORACLE BECOMES THE SECOND LARGEST CLOUD SAAS COMPANY IN THE WORLD",
     ("REDWOOD SHORES", "Calif.", D(2014, 6, 19)), [("NYSE", "ORCL")], (2014, 4, D(2014, 5, 31))),
    ("sears-roebuck_2004-07-22_8-K_earnings.txt", "Sears Reports Second Quarter 2004 Results",
     ("HOFFMAN ESTATES", "Ill.", D(2004, 7, 22)), [("NYSE", "S")], (2004, 2, D(2004, 7, 3))),
    ("buckle_2024-11-22_8-K_earnings_ex99-1.html", "THE BUCKLE, INC. REPORTS THIRD QUARTER NET INCOME",
     ("KEARNEY", "NE", D(2024, 11, 22)), [("NYSE", "BKE")], (2024, 3, D(2024, 11, 2))),
    ("beyond-air_2024-12-03_EX-99.1_press-release.html", "Beyond Cancer Announces Approval by the Israeli "
     "Ministry of Health to Conduct a Phase 1b Clinical Trial Utilizing Low Volume Ultra-High Concentration Nitric "
     "Oxide (LV UNO) in Combination with Anti-PD-1 Therapy", ("HAMILTON", "BERMUDA", D(2024, 12, 3)), [],
     (None, None, None)),
])
def test_release_heads(name: str, headline: str, dateline: tuple, tickers: list, fiscal: tuple) -> None:
    pr = record(name).press_release
    assert pr is not None and pr.dateline is not None
    assert pr.headline == headline
    assert (pr.dateline.city, pr.dateline.state, pr.dateline.date) == dateline
    assert [(t.exchange, t.symbol) for t in pr.tickers] == tickers
    assert (pr.fiscal_year, pr.fiscal_quarter, pr.period_end) == fiscal


@pytest.mark.parametrize("name, contacts", [
    ("apple_2011-01-18_8-K_earnings.txt", [("Steve Dowling", "media", "(408) 974-1896", "dowling@apple.com"),
                                          ("Nancy Paxton", "investors", "(408) 974-5420", "paxton1@apple.com"),
                                          ("Joan Hoover", "investors", "(408) 974-4570", "hoover1@apple.com")]),
    ("adobe_2023-03-15_8-K_earnings.txt", [("Jonathan Vaas", "investors", None, "ir@adobe.com"),
                                          ("Ashley Levine", "media", None, "adobepr@adobe.com")]),
    ("oracle_2014-06-19_8-K_earnings.txt", [("Ken Bond", "investors", "1.650.607.0349", "ken.bond@oracle.com"),
                                           ("Deborah Hellinger", "media", "1.212.508.7935",
                                            "deborah.hellinger@oracle.com")]),
    ("buckle_2024-11-22_8-K_earnings_ex99-1.html", [("Thomas B. Heacock", None, "(308) 236-8491", None)]),
    ("beyond-air_2024-12-03_EX-99.1_press-release.html", [
        ("Corey Davis, PhD", None, "(212) 915-2577", "Cdavis@lifesciadvisors.com"),
        ("Matt Johnson", None, None, "Mjohnson@beyondcancer.com")]),
])
def test_release_contacts(name: str, contacts: list[tuple]) -> None:
    pr = record(name).press_release
    assert pr is not None
    assert [(c.name, c.role, c.phone, c.email) for c in pr.contacts] == contacts


@pytest.mark.parametrize("name, speakers", [
    ("apple_2011-01-18_8-K_earnings.txt", [("Steve Jobs", "CEO"), ("Peter Oppenheimer", "CFO")]),
    ("adobe_2023-03-15_8-K_earnings.txt", [("Shantanu Narayen", "chairman and CEO"),
                                          ("Dan Durn", "executive vice president and CFO")]),
    ("oracle_2014-06-19_8-K_earnings.txt", [("Safra Catz", "President and CFO"), ("Mark Hurd", "President"),
                                           ("Larry Ellison", "CEO")]),
    ("sears-roebuck_2004-07-22_8-K_earnings.txt", [("Alan J. Lacy", "Chairman and CEO"),
                                                  ("Alan J. Lacy", "Chairman and CEO")]),
])
def test_release_quotes(name: str, speakers: list[tuple]) -> None:
    pr = record(name).press_release
    assert pr is not None
    assert [(q.speaker, q.title) for q in pr.quotes] == speakers


def test_calls_with_passcodes_and_replays() -> None:
    oracle = record("oracle_2014-06-19_8-K_earnings.txt").press_release.conference_call  # type: ignore[union-attr]
    assert oracle is not None
    assert (oracle.date, oracle.time, oracle.phone, oracle.passcode, oracle.url, oracle.replay_phone) == (
        D(2014, 6, 19), "2:00 p.m. Pacific", "(913) 312-6699", "822011", "http://www.oracle.com/investor",
        "(719) 457-0820")
    sears = record("sears-roebuck_2004-07-22_8-K_earnings.txt").press_release.conference_call  # type: ignore
    assert sears is not None
    assert (sears.time, sears.replay_phone, sears.passcode) == ("10:30 a.m. EDT", "1-866-499-4546", "7072")


def test_an_about_paragraph_without_a_heading() -> None:
    f = record("apple_2011-01-18_8-K_earnings.txt")
    pr = f.press_release
    assert pr is not None
    assert text_of(f, pr.about_span).startswith("Apple designs Macs")
    assert text_of(f, pr.forward_looking_span).endswith("which speak as of their respective dates.")


def test_filings_without_a_release_have_none() -> None:
    for name in ("apple_2019-03-01_8-K_vote.txt", "meta_2025-12-19_8-K_officer-change.txt",
                 "buckle_2024-11-22_8-K_earnings.html"):
        f = record(name)
        assert f.press_release is None and f.mentions == [] and f.guidance == []


def test_markdown_shows_the_release() -> None:
    md = markdown(record(SEED))
    for part in ("## Press release", "**ImmunoGen, Inc. Reports Second Quarter Fiscal Year 2007 Financial Results**",
                 "CAMBRIDGE, MA — 2007-02-01", "Nasdaq: IMGN", "| investors | Carol Hausner |",
                 "— **Mitchel Sayare**, Chairman and CEO", "- dial-in: 913-981-4900", "### Numbers in the prose",
                 "| net loss | FY2007 | $18,000,000 to $20,000,000 | $26,000,000 to $29,000,000 | lowered |"):
        assert part in md, part


_SEED_HAS_FACTS = bool(record(SEED).facts)


@pytest.mark.xfail(not _SEED_HAS_FACTS, strict=True, reason="the statement reader gives no facts for the seed yet")
def test_seed_pipeline_ties_every_table_value() -> None:
    """With the statement reader's own facts, the seed's table-restating mentions all agree."""
    f = record(SEED)
    agreeing = {(m.text, m.period_end, m.period_months) for m in f.mentions if m.status == "agrees"}
    expected = {("\\$3.0 million", D(2006, 12, 31), 3), ("\\$0.07 per basic and diluted share", D(2006, 12, 31), 3),
                ("\\$3.5 million", D(2005, 12, 31), 3), ("\\$0.09 per basic and diluted share", D(2005, 12, 31), 3),
                ("\\$12.1 million", D(2006, 12, 31), 3), ("\\$6.6 million", D(2005, 12, 31), 3),
                ("\\$15.9 million", D(2006, 12, 31), 3), ("\\$11.2 million", D(2005, 12, 31), 3),
                ("\\$11.8 million", D(2006, 12, 31), 3), ("\\$8.8 million", D(2005, 12, 31), 3),
                ("\\$2.6 million", D(2006, 12, 31), 3), ("\\$2.3 million", D(2005, 12, 31), 3),
                ("\\$0.8 million", D(2006, 12, 31), 3), ("\\$1.1 million", D(2005, 12, 31), 3),
                ("approximately \\$66.7 million", D(2006, 12, 31), 0), ("\\$75.0 million", D(2006, 6, 30), 0)}
    assert expected <= agreeing
    assert not [m for m in f.mentions if m.status == "contradicts"]
