"""Filings for the viewer's tests: the seed filing read by hand, hostile filings, and a store holding them.

`seed_record()` is ImmunoGen's Q2 FY2007 release (the seed example) as the
pipeline reads it today, completed by hand with what its statements say: the
balance sheet and statement of operations as typed rows, their facts with
spans on the printed numbers, the checks that prove them, the mentions in the
prose and the guidance. Every number is taken from the filing's own text and
every span is found in it, so the viewer can be tested before the statement
reader lands.

`hostile_submission()` is a crafted EDGAR submission whose name, exhibit
descriptions and text carry script; `hostile_record()` puts script into every
free-text field of a complete record.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import hashlib
import re
import shutil
import tempfile
import types
import typing
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from form8k.models import (
    Check,
    Column,
    ConferenceCall,
    Contact,
    Dateline,
    Fact,
    FactRef,
    Filing,
    Guidance,
    GuidanceRange,
    Header,
    Mention,
    PressRelease,
    Problem,
    Quote,
    Row,
    Table,
)
from form8k.pipeline import parse, parse_paths
from form8k.store import ingest, open_db
from form8k.store.records import filing_rows
from form8k.store.writer import Writer

from conftest import FILINGS, TESTS

with warnings.catch_warnings():
    # Starlette's TestClient asks for httpx2; the httpx installed serves it well.
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient as TestClient  # re-exported for the viewer's tests

SEED = FILINGS / "immunogen_2007-02-01_8-K_earnings.txt"
EXAMPLES = TESTS.parent / "examples"
Q2 = dt.date(2006, 12, 31)
Q2_PRIOR = dt.date(2005, 12, 31)
FY_END = dt.date(2006, 6, 30)
# ImmunoGen's CIK. The seed is a text file with no EDGAR header to carry it; the hand-read record names it so
# that its company page gathers this record alone, whatever the pipeline comes to read from the same text.
IMMUNOGEN_CIK = "0000855654"

# What script a hostile filing carries; each piece would set window.__xss if it ever ran.
PAYLOAD = ('<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
           '<a href="javascript:window.__xss=3">click</a>"\'><svg onload=window.__xss=4>')
ESCAPED = "&lt;script&gt;window.__xss=1&lt;/script&gt;"


def span_of(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    at = text.index(needle, start)
    return at, at + len(needle)


def _cell(text: str, raw: str, start: int) -> tuple[int, int]:
    """The span of a printed number at or after `start`, not part of a longer number."""
    found = re.compile(r"(?<![\d,.])" + re.escape(raw) + r"(?![\d,.])").search(text, start)
    assert found, f"{raw!r} not found after {start}"
    return found.start(), found.end()


def _value(raw: str, scale: int) -> Decimal:
    negative = raw.startswith("(")
    number = Decimal(raw.strip("()").replace(",", "")) * scale
    return -number if negative else number


# (label, concept, kind, unit, cells as printed); None cells make a section row.
BALANCE_ROWS = (
    ("Cash and marketable securities", "CashCashEquivalentsAndShortTermInvestments", "data", "USD",
     ("66,682", "75,023")),
    ("Other assets", None, "data", "USD", ("21,049", "19,105")),
    ("Total assets", "Assets", "total", "USD", ("87,731", "94,128")),
    ("Current liabilities", "LiabilitiesCurrent", "data", "USD", ("12,815", "10,723")),
    ("Long-term portion of deferred revenue and other long-term liabilities", None, "data", "USD",
     ("10,004", "11,055")),
    ("Stockholders' equity", "StockholdersEquity", "data", "USD", ("64,912", "72,350")),
    ("Total liabilities and stockholders' equity", "LiabilitiesAndStockholdersEquity", "total", "USD",
     ("87,731", "94,128")),
)
INCOME_ROWS = (
    ("Revenues:", None, "section", None, None),
    ("Research and development support", None, "data", "USD", ("6,593", "5,231", "12,100", "10,917")),
    ("License and milestone fees", None, "data", "USD", ("3,428", "1,275", "4,834", "2,536")),
    ("Clinical materials reimbursement", None, "data", "USD", ("2,051", "81", "2,908", "912")),
    ("Total revenues", "Revenues", "total", "USD", ("12,072", "6,587", "19,842", "14,365")),
    ("Expenses:", None, "section", None, None),
    ("Cost of clinical materials reimbursed", "CostOfRevenue", "data", "USD", ("1,588", "94", "2,235", "999")),
    ("Research and development (1)", "ResearchAndDevelopmentExpense", "data", "USD",
     ("11,768", "8,760", "23,184", "18,252")),
    ("General and administrative (1)", "GeneralAndAdministrativeExpense", "data", "USD",
     ("2,566", "2,332", "5,363", "5,125")),
    ("Total operating expenses", "OperatingExpenses", "total", "USD", ("15,922", "11,186", "30,782", "24,376")),
    ("Loss from operations", "OperatingIncomeLoss", "total", "USD", ("(3,850)", "(4,599)", "(10,940)", "(10,011)")),
    ("Other income, net", "OtherNonoperatingIncomeExpense", "data", "USD", ("815", "1,103", "1,662", "1,819")),
    ("Income (loss) before taxes",
     "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest", "total", "USD",
     ("(3,035)", "(3,496)", "(9,278)", "(8,192)")),
    ("Income tax expense", "IncomeTaxExpenseBenefit", "data", "USD", ("9", "6", "20", "16")),
    ("Net income (loss)", "NetIncomeLoss", "total", "USD", ("(3,044)", "(3,502)", "(9,298)", "(8,208)")),
    ("Net income (loss) per common share, basic and diluted", "EarningsPerShareBasicAndDiluted", "data",
     "USD/share", ("(0.07)", "(0.09)", "(0.22)", "(0.20)")),
    ("Average common shares outstanding, basic and diluted", "WeightedAverageNumberOfShareOutstandingBasicAndDiluted",
     "data", "shares", ("41,571", "41,079", "41,526", "41,072")),
)


def _table(text: str, index: int, statement: Any, title: str, columns: list[Column],
           spec: tuple[Any, ...]) -> tuple[Table, list[Fact]]:
    start = text.index(title)
    cursor = start + len(title)
    rows: list[Row] = []
    facts: list[Fact] = []
    for label, concept, kind, unit, cells in spec:
        label_span = span_of(text, label, cursor)
        cursor = label_span[1]
        if cells is None:
            rows.append(Row(label=label.rstrip(":"), kind="section", span=label_span))
            continue
        scale = 1 if unit == "USD/share" else 1000
        spans, values = [], []
        for raw in cells:
            cell = _cell(text, raw, cursor)
            cursor = cell[1]
            spans.append(cell)
            values.append(_value(raw, scale))
        rows.append(Row(label=label, kind=kind, is_total=kind == "total", concept=concept, unit=unit,
                        values=values, raw=list(cells), spans=spans, span=(label_span[0], spans[-1][1])))
        if concept:
            for j, column in enumerate(columns):
                facts.append(Fact(concept=concept, value=values[j], unit=unit or "USD",
                                  period_end=column.period_end, period_months=column.period_months, label=label,
                                  table=index, row=len(rows) - 1, column=j, decimals=-2 if scale == 1 else -3,
                                  span=spans[j]))
    table = Table(index=index, statement=statement, title=title.capitalize(), document=0, scale=1000,
                  unit_note="in thousands, except per share amounts", columns=columns, rows=rows,
                  span=(start, cursor))
    return table, facts


def seed_record() -> Filing:
    """The seed filing, parsed, with its statements, facts, checks, mentions and guidance read by hand."""
    filing = parse_paths([SEED])
    filing.cover.cik = IMMUNOGEN_CIK
    text = filing.text
    balance, balance_facts = _table(text, 0, "balance", "CONDENSED CONSOLIDATED BALANCE SHEETS",
                                    [Column(label="December 31, 2006 (Unaudited)", period_end=Q2, period_months=0),
                                     Column(label="June 30, 2006", period_end=FY_END, period_months=0)],
                                    BALANCE_ROWS)
    income, income_facts = _table(text, 1, "income", "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS",
                                  [Column(label="Three Months Ended December 31, 2006", period_end=Q2,
                                          period_months=3),
                                   Column(label="2005", period_end=Q2_PRIOR, period_months=3),
                                   Column(label="Six Months Ended December 31, 2006", period_end=Q2,
                                          period_months=6),
                                   Column(label="2005", period_end=Q2_PRIOR, period_months=6)],
                                  INCOME_ROWS)
    filing.tables = [balance, income]
    facts = balance_facts + income_facts
    # Total liabilities are not printed; the balance sheet proves them.
    facts.append(Fact(concept="Liabilities", value=Decimal(22819000), period_end=Q2, period_months=0,
                      label="Total liabilities", source="derived",
                      derived_from="LiabilitiesAndStockholdersEquity - StockholdersEquity = 87,731 - 64,912"))
    filing.facts = facts

    def ref(concept: str, end: dt.date = Q2, months: int = 3) -> FactRef:
        return FactRef(concept=concept, period_end=end, period_months=months)

    filing.checks = [
        Check(rule="sum", status="pass", expected=Decimal(12072000), actual=Decimal(12072000), table=1,
              detail="6,593 + 3,428 + 2,051 = 12,072", inputs=[ref("Revenues")]),
        Check(rule="sum", status="pass", expected=Decimal(15922000), actual=Decimal(15922000), table=1,
              detail="1,588 + 11,768 + 2,566 = 15,922",
              inputs=[ref("CostOfRevenue"), ref("ResearchAndDevelopmentExpense"),
                      ref("GeneralAndAdministrativeExpense"), ref("OperatingExpenses")]),
        Check(rule="operating_income", status="pass", expected=Decimal(-3850000), actual=Decimal(-3850000),
              table=1, detail="12,072 - 15,922 = (3,850)",
              inputs=[ref("Revenues"), ref("OperatingExpenses"), ref("OperatingIncomeLoss")]),
        Check(rule="net_income_chain", status="pass", expected=Decimal(-3044000), actual=Decimal(-3044000),
              table=1, detail="(3,035) - 9 = (3,044)",
              inputs=[ref("IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest"),
                      ref("IncomeTaxExpenseBenefit"), ref("NetIncomeLoss")]),
        Check(rule="eps", status="pass", expected=Decimal("-0.07"), actual=Decimal("-0.0732"),
              tolerance=Decimal("0.005"), table=1, detail="(3,044) / 41,571 = (0.0732), printed (0.07)",
              inputs=[ref("NetIncomeLoss"), ref("WeightedAverageNumberOfShareOutstandingBasicAndDiluted"),
                      ref("EarningsPerShareBasicAndDiluted")]),
        Check(rule="assets_balance", status="pass", expected=Decimal(87731000), actual=Decimal(87731000),
              table=0, detail="12,815 + 10,004 + 64,912 = 87,731",
              inputs=[ref("Assets", months=0), ref("LiabilitiesAndStockholdersEquity", months=0)]),
    ]

    prose = text.index("For the three-month period ended December 31, 2006, ImmunoGen reported")

    def mention(needle: str, after: str, value: str, metric: str, concept: str, end: dt.date = Q2,
                months: int = 3, scale: int = 1_000_000, unit: str = "USD") -> Mention:
        at = span_of(text, needle, text.index(after, prose))
        return Mention(text=text[at[0]:at[1]], value=Decimal(value), unit=unit, scale=scale, metric=metric,
                       concept=concept, period_end=end, period_months=months,
                       fact=FactRef(concept=concept, period_end=end, period_months=months), status="agrees",
                       span=at)

    filing.mentions = [
        mention("$3.0 million", "reported a net loss", "-3000000", "net loss", "NetIncomeLoss"),
        mention("$0.07", "or \\$0.07", "-0.07", "net loss per share", "EarningsPerShareBasicAndDiluted",
                scale=1, unit="USD/share"),
        mention("$12.1 million", "Revenues for the three-month", "12100000", "revenues", "Revenues"),
        mention("$6.6 million", "compared to \\$6.6", "6600000", "revenues", "Revenues", end=Q2_PRIOR),
        mention("$15.9 million", "Operating expenses for", "15900000", "operating expenses", "OperatingExpenses"),
        mention("$66.7 million", "approximately \\$66.7", "66700000", "cash and marketable securities",
                "CashCashEquivalentsAndShortTermInvestments", months=0),
    ]
    guidance_at = span_of(text, "$18-20 million", text.index("Updated Financial Guidance"))
    filing.guidance = [Guidance(metric="net loss", concept="NetIncomeLoss", low=Decimal(18000000),
                                high=Decimal(20000000), fiscal_period="FY2007",
                                previous=GuidanceRange(low=Decimal(26000000), high=Decimal(29000000)),
                                direction="lowered", text=text[guidance_at[0]:guidance_at[1]], span=guidance_at)]
    filing.press_release = PressRelease(
        document=0, headline="ImmunoGen, Inc. Reports Second Quarter Fiscal Year 2007 Financial Results",
        subheadline="Company Provides Update on Business and on Financial Guidance",
        dateline=Dateline(city="CAMBRIDGE", state="MA", date=dt.date(2007, 2, 1)),
        contacts=[Contact(name="Carol Hausner", title="Executive Director, Investor Relations", role="investors",
                          phone="(617) 995-2500", email="info@immunogen.com")],
        quotes=[Quote(speaker="Mitchel Sayare", title="Chairman and CEO",
                      text="In the past three months, the first findings were reported from four Phase I "
                           "clinical trials evaluating four different TAP compounds.")],
        conference_call=ConferenceCall(date=dt.date(2007, 2, 1)), fiscal_year=2007, fiscal_quarter=2)
    # A distinct id, so the hand-read record and the parsed seed filing can share a store.
    filing.source = filing.source.model_copy(
        update={"sha256": hashlib.sha256(b"hand-read:" + filing.source.sha256.encode()).hexdigest()})
    return filing


# --- hostile filings -----------------------------------------------------------------------------------------


def hostile_submission() -> bytes:
    """An EDGAR submission whose company name, exhibit descriptions and text carry script and javascript: links."""
    body = f"""UNITED STATES SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549

FORM 8-K

CURRENT REPORT

Date of Report (Date of earliest event reported): February 1, 2007

{PAYLOAD} Evil Corp

(Exact name of registrant as specified in its charter)

Delaware (State or other jurisdiction of incorporation)

ITEM 2.02 RESULTS OF OPERATIONS AND FINANCIAL CONDITION

On February 1, 2007, Evil Corp issued a press release. See <a href="javascript:window.__xss=5">the release</a>
and javascript:window.__xss=6 for details. <iframe src="javascript:window.__xss=7"></iframe>

ITEM 9.01 FINANCIAL STATEMENTS AND EXHIBITS

Exhibit 99.1 Press release <img src=x onerror="window.__xss=8"> dated February 1, 2007

SIGNATURES

/s/ <script>window.__xss=9</script>
"""
    release = (f"<html><body><p>Evil Corp reports &lt;script&gt;window.__xss=10&lt;/script&gt; and "
               f"<a href=\"javascript:window.__xss=11\">results</a>.</p><script>window.__xss=12</script>"
               f"<img src=x onerror=\"window.__xss=13\"><p>Revenues were $1.0 million {PAYLOAD}</p></body></html>")
    return f"""<SEC-DOCUMENT>0000000666-07-000001.txt : 20070201
<SEC-HEADER>0000000666-07-000001.hdr.sgml : 20070201
ACCESSION NUMBER:		0000000666-07-000001
CONFORMED SUBMISSION TYPE:	8-K
PUBLIC DOCUMENT COUNT:		2
CONFORMED PERIOD OF REPORT:	20070201
ITEM INFORMATION:		Results of Operations and Financial Condition
FILED AS OF DATE:		20070201

FILER:

	COMPANY DATA:
		COMPANY CONFORMED NAME:			{PAYLOAD} EVIL CORP
		CENTRAL INDEX KEY:			0000000666
		STATE OF INCORPORATION:			DE

	FILING VALUES:
		FORM TYPE:		8-K
		SEC FILE NUMBER:	000-00666

	BUSINESS ADDRESS:
		STREET 1:		<script>window.__xss=14</script>
		CITY:			EVIL
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>evil-8k.txt
<DESCRIPTION>{PAYLOAD}
<TEXT>
{body}
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>evil-ex99.htm
<DESCRIPTION>PRESS RELEASE <img src=x onerror="window.__xss=15"> javascript:window.__xss=16
<TEXT>
{release}
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
""".encode()


def _is_text(annotation: Any) -> bool:
    """Whether a model field holds free text: str, str | None, or a list of them (not a Literal)."""
    if annotation is str:
        return True
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list):
        return any(_is_text(a) for a in typing.get_args(annotation))
    return False


KEEP = frozenset({("Source", "sha256"), ("Filing", "parser_version"), ("Filing", "text")})


def poison(model: BaseModel) -> None:
    """Prefix every free-text field of `model`, recursively, with PAYLOAD."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            poison(value)
        elif isinstance(value, list):
            for i, element in enumerate(value):
                if isinstance(element, BaseModel):
                    poison(element)
                elif isinstance(element, str) and _is_text(info.annotation):
                    value[i] = PAYLOAD + element
        elif (type(model).__name__, name) not in KEEP and _is_text(info.annotation):
            setattr(model, name, PAYLOAD + (value or ""))


def hostile_record() -> Filing:
    """The hand-read seed record with script in every free-text field, and in its text, marked as a fact."""
    filing = seed_record()
    concepts = [f.concept for f in filing.facts]
    poison(filing)
    for fact, concept in zip(filing.facts, concepts, strict=True):
        fact.concept = concept  # keep the charts drawing, with hostile labels around them
    start = len(filing.text) + 1
    filing.text += "\n" + PAYLOAD + " hostile text ends here"
    filing.facts.append(Fact(concept="Revenues", value=Decimal(1), period_end=dt.date(2007, 3, 31), period_months=3,
                             label=PAYLOAD, span=(start, start + len(PAYLOAD))))
    filing.mentions.append(Mention(text=PAYLOAD, value=Decimal(1), status="contradicts",
                                   span=(start + 10, start + len(PAYLOAD) + 8)))
    filing.checks.append(Check(rule="sum", status="fail", expected=Decimal(1), actual=Decimal(2), detail=PAYLOAD))
    filing.problems.append(Problem(code="hostile", message=PAYLOAD))
    filing.source = filing.source.model_copy(update={"sha256": hashlib.sha256(b"hostile").hexdigest()})
    return filing


def hostile_id_record() -> Filing:
    """A record whose accession number (and so its filing id) is script; it can be listed, never opened."""
    filing = seed_record()
    filing.header = Header(accession_number='"><script>window.__xss=20</script>', cik="0000000777",
                           company_name="Odd Id Corp")
    filing.cover.registrant = "Odd Id Corp"
    filing.cover.cik = "0000000777"
    return filing


# --- a store --------------------------------------------------------------------------------------------------


def write_store(path: Path, *records: Filing) -> Path:
    """A DuckDB store at `path` holding `records`."""
    con = open_db(path)
    try:
        writer = Writer(con)
        writer.write([filing_rows(f, writer.stored_columns()) for f in records])
    finally:
        con.close()
    return path


def parsed_hostile() -> Filing:
    """The hostile submission as the pipeline reads it."""
    return parse([("evil-corp_2007-02-01_8-K.txt", hostile_submission())])


@functools.cache
def corpus_db() -> Path:
    """A small store, built once per test run: the shipped examples and the hostile submission, ingested
    through the pipeline, plus the hand-read seed record and the hostile records."""
    root = Path(tempfile.mkdtemp(prefix="form8k-web-"))
    atexit.register(shutil.rmtree, root, True)
    incoming = root / "incoming"
    incoming.mkdir()
    (incoming / "evil-corp_2007-02-01_8-K.txt").write_bytes(hostile_submission())
    db = root / "corpus.duckdb"
    summary = ingest([EXAMPLES, incoming], db=db, workers=0, progress=False)
    assert summary.parsed == len(list(EXAMPLES.iterdir())) + 1, summary.failures
    return write_store(db, seed_record(), hostile_record(), hostile_id_record())
