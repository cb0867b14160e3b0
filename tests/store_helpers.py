"""A filing record with every part filled in, for store tests that must not wait for the parser's stages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from form8k.models import (
    Check,
    Column,
    ConferenceCall,
    Contact,
    Cover,
    Dateline,
    Exhibit,
    Fact,
    FactRef,
    Filing,
    Guidance,
    GuidanceRange,
    Item,
    Mention,
    PressRelease,
    Problem,
    Quote,
    Row,
    Signature,
    Table,
    TradingSymbol,
)
from form8k.pipeline import parse_paths

from conftest import FILINGS

IMMUNOGEN = FILINGS / "immunogen_2007-02-01_8-K_earnings.txt"
Q4 = dt.date(2006, 12, 31)


def _span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    at = text.index(needle, start)
    return at, at + len(needle)


def rich_filing() -> Filing:
    """ImmunoGen's Q4 2006 release with cover, items, exhibits, signatures, a table, facts, checks,
    press release, mentions and guidance filled in by hand, every span pointing at its text."""
    filing = parse_paths([IMMUNOGEN])
    # The statements and release below replace what the pipeline read, and with it what it reported.
    filing.problems = [p for p in filing.problems if p.component not in ("statements", "release")]
    text = filing.text
    row_start = text.index("Total revenues")
    cells = [_span(text, raw, row_start) for raw in ("12,072", "6,587", "19,842", "14,365")]
    filing.cover = Cover(form_type="8-K", date_of_report=dt.date(2007, 2, 1), registrant="ImmunoGen, Inc.",
                         cik="855654", state_of_incorporation="Massachusetts", commission_file_number="0-17999",
                         irs_employer_id="04-2726691", phone="(617) 995-2500",
                         trading_symbols=[TradingSymbol(symbol="IMGN", exchange="Nasdaq")],
                         written_communications=False, span=_span(text, "FORM 8-K"))
    filing.items = [Item(number="2.02", title="Results of Operations and Financial Condition",
                         heading="ITEM 2.02 — RESULTS OF OPERATION AND FINANCIAL CONDITION", text="On February 1…",
                         span=_span(text, "ITEM 2.02")),
                    Item(number="9.01", title="Financial Statements and Exhibits", span=_span(text, "ITEM 9.01"))]
    filing.exhibits = [Exhibit(number="99.1", description="Press Release of ImmunoGen, Inc. dated February 1, 2007",
                               listed=True, is_press_release=True)]
    filing.signatures = [Signature(name="Daniel M. Junius", date=dt.date(2007, 2, 1), registrant="ImmunoGen, Inc.",
                                   span=_span(text, "/s/ Daniel M. Junius"))]
    filing.tables = [Table(index=0, statement="income", title="Consolidated statements of operations", document=0,
                           scale=1000, columns=[Column(label="Three months ended December 31, 2006",
                                                       period_end=Q4, period_months=3),
                                                Column(label="2005", period_end=dt.date(2005, 12, 31),
                                                       period_months=3),
                                                Column(label="Six months 2006", period_end=Q4, period_months=6),
                                                Column(label="2005", period_end=dt.date(2005, 12, 31),
                                                       period_months=6)],
                           rows=[Row(label="Revenues", kind="section"),
                                 Row(label="Total revenues", kind="total", is_total=True, concept="Revenues",
                                     unit="USD", values=[Decimal(12072000), Decimal(6587000), Decimal(19842000),
                                                         Decimal(14365000)],
                                     raw=["12,072", "6,587", "19,842", "14,365"], spans=[*cells],
                                     span=(row_start, cells[-1][1]))],
                           span=(row_start, cells[-1][1]),
                           problems=[Problem(code="unit_guess", message="scale read from the title")])]
    filing.facts = [Fact(concept="Revenues", value=Decimal(12072000), unit="USD", period_end=Q4, period_months=3,
                         label="Total revenues", table=0, row=1, column=0, decimals=-3, confirmed=True,
                         span=cells[0]),
                    Fact(concept="Revenues", value=Decimal(19842000), unit="USD", period_end=Q4, period_months=6,
                         label="Total revenues", table=0, row=1, column=2, decimals=-3, span=cells[2]),
                    Fact(concept="EarningsPerShareBasicAndDiluted", value=Decimal("-0.07"), unit="USD/share",
                         period_end=Q4, period_months=3, source="derived", derived_from="NetIncomeLoss / shares")]
    filing.checks = [Check(rule="sum", status="pass", expected=Decimal(12072000), actual=Decimal(12072000),
                           detail="6593 + 3428 + 2051 = 12072", table=0,
                           inputs=[FactRef(concept="Revenues", period_end=Q4, period_months=3)]),
                     Check(rule="eps", status="fail", expected=Decimal("-0.07"), actual=Decimal("-0.0712345678"),
                           tolerance=Decimal("0.005"), detail="net loss / shares")]
    filing.press_release = PressRelease(
        document=0, headline="ImmunoGen, Inc. Reports Second Quarter Fiscal Year 2007 Financial Results",
        dateline=Dateline(city="CAMBRIDGE", state="MA", date=dt.date(2007, 2, 1)),
        contacts=[Contact(name="Carol Hausner", role="investors", phone="(781) 895-0600")],
        quotes=[Quote(speaker="Mitchel Sayare", title="Chairman and CEO", text="We made good progress.")],
        conference_call=ConferenceCall(date=dt.date(2007, 2, 1), time="4:30 pm ET", phone="913-981-4900"),
        fiscal_year=2007, fiscal_quarter=2)
    filing.mentions = [Mention(text="$12.1 million", value=Decimal(12100000), scale=1000000, metric="revenues",
                               concept="Revenues", period_end=Q4, period_months=3,
                               fact=FactRef(concept="Revenues", period_end=Q4, period_months=3), status="agrees",
                               span=cells[0])]
    filing.guidance = [Guidance(metric="net loss", concept="NetIncomeLoss", low=Decimal(18000000),
                                high=Decimal(20000000), fiscal_period="FY2007",
                                previous=GuidanceRange(low=Decimal(26000000), high=Decimal(29000000)),
                                direction="lowered")]
    return filing
