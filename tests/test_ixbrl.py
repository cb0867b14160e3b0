"""Inline XBRL: contexts, units, nonNumeric and nonFraction (scale, sign, format, continuation, exclusion);
dei: tags as the cover, reconciled with the print; tagged numbers as facts with cross_source checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import form8k
from form8k.load.ixbrl import has_ixbrl, read_ixbrl

from conftest import CORPUS, FILINGS

HEAD = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
 xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
 xmlns:xbrldi="http://xbrl.org/2006/xbrldi" xmlns:dei="http://xbrl.sec.gov/dei/2023"
 xmlns:us-gaap="http://fasb.org/us-gaap/2023" xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
 xmlns:ixt-sec="http://www.sec.gov/inlineXBRL/transformation/2015-08-31"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><head><title>acme</title></head><body>
<div style="display:none"><ix:header><ix:hidden>
<ix:nonNumeric contextRef="c-1" name="dei:EntityCentralIndexKey">0000012345</ix:nonNumeric>
<ix:nonNumeric contextRef="c-1" name="dei:EntityShellCompany" format="ixt:fixed-false">false</ix:nonNumeric>
</ix:hidden><ix:resources>
<xbrli:context id="c-1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000012345</xbrli:identifier>
</xbrli:entity><xbrli:period><xbrli:startDate>2024-03-15</xbrli:startDate><xbrli:endDate>2024-03-15</xbrli:endDate>
</xbrli:period></xbrli:context>
<xbrli:context id="q1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000012345</xbrli:identifier>
</xbrli:entity><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate><xbrli:endDate>2024-03-31</xbrli:endDate>
</xbrli:period></xbrli:context>
<xbrli:context id="i1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000012345</xbrli:identifier>
</xbrli:entity><xbrli:period><xbrli:instant>2024-03-31</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:context id="q1-seg"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000012345</xbrli:identifier>
<xbrli:segment><xbrldi:explicitMember dimension="srt:ProductOrServiceAxis">acme:WidgetsMember</xbrldi:explicitMember>
</xbrli:segment></xbrli:entity><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate>
<xbrli:endDate>2024-03-31</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
<xbrli:unit id="usdPerShare"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>iso4217:USD</xbrli:measure>
</xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unitDenominator>
</xbrli:divide></xbrli:unit>
</ix:resources></ix:header></div>
"""

BODY = """<p style="text-align:center">UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p>
<p style="text-align:center">FORM <ix:nonNumeric contextRef="c-1" name="dei:DocumentType">8-K</ix:nonNumeric></p>
<p>CURRENT REPORT</p>
<p>Date of Report (Date of earliest event reported): <ix:nonNumeric contextRef="c-1" name="dei:DocumentPeriodEndDate"
 format="ixt:date-monthname-day-year-en">March 15, 2024</ix:nonNumeric></p>
<p><ix:nonNumeric contextRef="c-1" name="dei:EntityRegistrantName">ACME WIDGETS INC.</ix:nonNumeric></p>
<p>(Exact name of registrant as specified in its charter)</p>
<table><tr><td><ix:nonNumeric contextRef="c-1" name="dei:EntityIncorporationStateCountryCode"
 format="ixt-sec:stateprovnameen">Delaware</ix:nonNumeric></td>
<td><ix:nonNumeric contextRef="c-1" name="dei:EntityFileNumber">001-12345</ix:nonNumeric></td>
<td><ix:nonNumeric contextRef="c-1" name="dei:EntityTaxIdentificationNumber">12-3456789</ix:nonNumeric></td></tr>
<tr><td>(State or other jurisdiction of incorporation)</td><td>(Commission File Number)</td>
<td>(IRS Employer Identification No.)</td></tr></table>
<p>Emerging growth company <ix:nonNumeric contextRef="c-1" name="dei:EntityEmergingGrowthCompany"
 format="ixt-sec:boolballotbox">&#9746;</ix:nonNumeric></p>
<p>Item 2.02 Results of Operations and Financial Condition.</p>
<p><ix:nonNumeric contextRef="q1" name="us-gaap:NatureOfOperations" continuedAt="k1">Acme makes widgets
<ix:exclude>[page 2]</ix:exclude> in</ix:nonNumeric></p><ix:continuation id="k1">three states.</ix:continuation>
<table>
<tr><td></td><td>Three Months Ended March 31, 2024</td></tr>
<tr><td>Revenues</td><td>$</td><td><ix:nonFraction contextRef="q1" name="us-gaap:Revenues" unitRef="usd"
 decimals="-3" scale="3" format="ixt:num-dot-decimal">12,072</ix:nonFraction></td></tr>
<tr><td>Widget revenues</td><td><ix:nonFraction contextRef="q1-seg" name="us-gaap:Revenues" unitRef="usd"
 decimals="-3" scale="3">9,000</ix:nonFraction></td></tr>
<tr><td>Net loss</td><td>(<ix:nonFraction contextRef="q1" name="us-gaap:NetIncomeLoss" unitRef="usd"
 decimals="-3" scale="3" sign="-" format="ixt:num-dot-decimal">3,044</ix:nonFraction>)</td></tr>
<tr><td>Impairment</td><td><ix:nonFraction contextRef="q1" name="us-gaap:AssetImpairmentCharges" unitRef="usd"
 decimals="INF" scale="3" format="ixt:fixed-zero">—</ix:nonFraction></td></tr>
<tr><td>Net loss per share</td><td><ix:nonFraction contextRef="q1" name="us-gaap:EarningsPerShareBasic"
 unitRef="usdPerShare" decimals="2" sign="-" format="ixt:num-comma-decimal">0,07</ix:nonFraction></td></tr>
<tr><td>Cash</td><td><ix:nonFraction contextRef="i1" name="us-gaap:CashAndCashEquivalentsAtCarryingValue"
 unitRef="usd" decimals="-6" scale="6" format="ixt:num-dot-decimal">1.5</ix:nonFraction></td></tr>
</table>
<p>SIGNATURES</p></body></html>
"""


def test_contexts_units_and_every_kind_of_fact() -> None:
    doc = read_ixbrl(HEAD + BODY)
    assert doc is not None and has_ixbrl(HEAD)
    assert doc.contexts["q1"].months == 3 and doc.contexts["i1"].months == 0 and doc.contexts["i1"].instant
    assert doc.contexts["q1-seg"].dimensions == {"srt:ProductOrServiceAxis": "acme:WidgetsMember"}
    assert doc.units == {"usd": "USD", "usdPerShare": "USD/shares"}
    values = {(f.name, f.context): f.value for f in doc.facts}
    assert values[("us-gaap:Revenues", "q1")] == Decimal(12072000)  # scale 3
    assert values[("us-gaap:NetIncomeLoss", "q1")] == Decimal(-3044000)  # sign="-"
    assert values[("us-gaap:AssetImpairmentCharges", "q1")] == 0  # ixt:fixed-zero
    assert values[("us-gaap:EarningsPerShareBasic", "q1")] == Decimal("-0.07")  # num-comma-decimal
    assert values[("us-gaap:CashAndCashEquivalentsAtCarryingValue", "i1")] == Decimal(1500000)
    assert values[("us-gaap:NatureOfOperations", "q1")] == "Acme makes widgets in three states."  # exclude, continuation
    assert values[("dei:EntityEmergingGrowthCompany", "c-1")] is True  # ☒
    assert values[("dei:EntityShellCompany", "c-1")] is False
    assert values[("dei:DocumentPeriodEndDate", "c-1")] == dt.date(2024, 3, 15)


def test_dei_tags_are_the_cover_and_tagged_numbers_are_facts() -> None:
    filing = form8k.parse([("acme-8k.htm", (HEAD + BODY).encode())])
    cover = filing.cover
    assert cover.cik == "0000012345" and cover.registrant == "ACME WIDGETS INC."
    assert cover.commission_file_number == "001-12345" and cover.irs_employer_id == "12-3456789"
    assert cover.emerging_growth_company is True and cover.shell_company is False
    assert cover.date_of_report == dt.date(2024, 3, 15)
    tagged = {(f.concept, f.period_end, f.period_months): f for f in filing.facts if f.source == "ixbrl"}
    assert tagged[("Revenues", dt.date(2024, 3, 31), 3)].value == 12072000
    assert tagged[("NetIncomeLoss", dt.date(2024, 3, 31), 3)].value == -3044000
    assert tagged[("EarningsPerShareBasic", dt.date(2024, 3, 31), 3)].unit == "USD/share"
    assert tagged[("CashAndCashEquivalentsAtCarryingValue", dt.date(2024, 3, 31), 0)].value == 1500000
    assert len([f for f in filing.facts if f.source == "ixbrl" and f.concept == "Revenues"]) == 1  # not the segment


def test_printed_cover_is_reconciled_with_its_tags() -> None:
    # the printed cover reads the tagged text itself, so here a hidden tag says another EIN:
    hidden = HEAD.replace("</ix:hidden>", '<ix:nonNumeric contextRef="c-1" name="dei:EntityTaxIdentificationNumber">'
                          "98-7654321</ix:nonNumeric></ix:hidden>")
    filing = form8k.parse([("acme-8k.htm", (hidden + BODY.replace(
        '<ix:nonNumeric contextRef="c-1" name="dei:EntityTaxIdentificationNumber">12-3456789</ix:nonNumeric>',
        "12-3456789")).encode())])
    assert filing.cover.irs_employer_id == "12-3456789"  # as printed
    (d,) = [d for d in filing.cover.disagreements if d.field == "irs_employer_id"]
    assert (d.cover, d.tagged) == ("12-3456789", "98-7654321")


def test_cross_source_checks_compare_tags_with_the_table_reader() -> None:
    apple = FILINGS / "apple_2024-02-01_8-K_earnings.txt"
    filing = form8k.parse(apple)
    table = {(f.concept, f.period_end, f.period_months): f for f in filing.facts if f.source == "table"}
    key = ("NetIncomeLoss", dt.date(2023, 12, 30), 3)
    assert key in table
    net = table[key]
    from form8k.load import load
    from form8k.record import tagged_facts

    sub = load([(str(apple), apple.read_bytes())])
    doc = read_ixbrl(HEAD.replace("2024-01-01", "2023-10-01").replace("2024-03-31", "2023-12-30") + BODY.replace(
        ">3,044<", f">{int(net.value) // 1_000_000:,}<").replace('scale="3" sign="-"', 'scale="6"'))
    sub.documents[0].ixbrl = doc
    facts, checks = tagged_facts(sub, filing.facts)
    (check,) = [c for c in checks if c.inputs[0].concept == "NetIncomeLoss"]
    assert check.rule == "cross_source" and check.status == "pass" and check.actual == net.value
    assert any(f.source == "ixbrl" and f.span == net.span for f in facts)


def test_buckle_html_gets_its_cik_from_its_tags() -> None:
    filing = form8k.parse(FILINGS / "buckle_2024-11-22_8-K_earnings.html")
    assert filing.header is None and filing.cover.cik == "0000885245"


@pytest.mark.corpus
def test_every_inline_xbrl_filing_of_the_corpus_gets_its_cik_from_its_tags() -> None:
    folder = CORPUS / "filings"
    if not folder.is_dir():
        pytest.skip("no ../shared/corpus")
    tagged = 0
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        data = path.read_bytes()
        if not has_ixbrl(data):
            continue
        tagged += 1
        filing = form8k.parse(path)
        docs = [read_ixbrl(d) for d in _bodies(data)]
        ciks = {f.text.strip() for d in docs if d for f in d.dei("EntityCentralIndexKey")}
        assert len(ciks) == 1, path.name
        assert filing.cover.cik == ciks.pop().zfill(10), path.name
    assert tagged >= 5


def _bodies(data: bytes) -> list[str]:
    from form8k.load.decode import decode
    from form8k.load.sgml import is_submission, split_parts

    text = decode(data)
    if is_submission(text):
        return [p.body for p in split_parts(text)[0] if p.skipped is None]
    return [text]


def test_a_file_without_tags_has_none(tmp_path: Path) -> None:
    assert read_ixbrl("<html><body><p>FORM 8-K</p></body></html>") is None


def test_a_comment_inside_a_fact_is_not_its_text() -> None:
    """Comments are not shown, with or without an ix:exclude beside them."""
    body = BODY.replace("in three states", "in three <!-- draft --> states").replace(
        "ACME WIDGETS INC.", "ACME <!-- legal name --> WIDGETS INC.")
    values = {(f.name, f.context): f.value for f in read_ixbrl(HEAD + body).facts}
    assert values[("dei:EntityRegistrantName", "c-1")] == "ACME WIDGETS INC."
    assert values[("us-gaap:NatureOfOperations", "q1")] == "Acme makes widgets in three states."
