"""What a filing's inline XBRL tags say, joined with what form8k read from the print.

    tagged_cover(cover, sub) -> Cover           the dei: cover facts, reconciled with the printed cover
    tagged_facts(sub, facts) -> (facts, checks)  tagged numbers as facts (source "ixbrl"), cross-checked

Cover: a field the print does not give is taken from its `dei:` tag (CIK,
registrant, file number, state, EIN, address, phone, securities and exchanges,
the Rule 425/14a-12/14d-2(b)/13e-4(c) boxes, emerging-growth and shell flags,
form type, date of report); a field both give and that differs is kept as
printed and listed in `cover.disagreements` with the tagged value.

Facts: every `ix:nonFraction` of a context without dimensions, with its value
in base units, its unit, decimals and period. Where the table reader read the
same concept for the same period, a `cross_source` check says whether the
two agree within the coarser of their printed precisions.
"""

from __future__ import annotations

import re
from decimal import Decimal

from form8k.load import Submission
from form8k.load.ixbrl import IxDocument, IxFact
from form8k.models import Check, Cover, Disagreement, Fact, FactRef, TradingSymbol

__all__ = ["tagged_cover", "tagged_facts"]

_UNITS = {"USD/shares": "USD/share", "shares": "shares", "USD": "USD", "pure": "pure"}
_FLAGS = {"WrittenCommunications": "written_communications", "SolicitingMaterial": "soliciting_material",
          "PreCommencementTenderOffer": "pre_commencement_tender_offer",
          "PreCommencementIssuerTenderOffer": "pre_commencement_issuer_tender_offer",
          "EntityEmergingGrowthCompany": "emerging_growth_company", "EntityShellCompany": "shell_company"}


def _documents(sub: Submission) -> list[IxDocument]:
    return [d.ixbrl for d in sub.documents if d.ixbrl is not None]


def _first(docs: list[IxDocument], name: str) -> IxFact | None:
    for doc in docs:
        for fact in doc.dei(name):
            ctx = doc.contexts.get(fact.context or "")
            if fact.text and (ctx is None or not ctx.dimensions):
                return fact
    return None


def _norm(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", value.casefold())


def _same(field: str, printed: str, tagged: str) -> bool:
    if field in ("irs_employer_id", "phone", "cik"):
        return re.sub(r"\D", "", printed)[-10:] == re.sub(r"\D", "", tagged)[-10:]
    if field == "commission_file_number":
        return [int(p) for p in re.findall(r"\d+", printed)] == [int(p) for p in re.findall(r"\d+", tagged)]
    a, b = _norm(printed), _norm(tagged)
    return a == b or (field in ("registrant", "address", "state_of_incorporation") and (a in b or b in a))


def tagged_cover(cover: Cover, sub: Submission) -> Cover:
    """The cover with its dei: tags filled in and reconciled (see the module's docstring)."""
    docs = _documents(sub)
    if not docs:
        return cover
    values: dict[str, str | None] = {}

    def text(name: str) -> str | None:
        fact = _first(docs, name)
        return fact.text if fact is not None else None

    cik = text("EntityCentralIndexKey")
    values["cik"] = cik.strip().zfill(10) if cik and cik.strip().isdigit() else cik
    values["registrant"] = text("EntityRegistrantName")
    values["commission_file_number"] = text("EntityFileNumber")
    values["state_of_incorporation"] = text("EntityIncorporationStateCountryCode")
    values["irs_employer_id"] = text("EntityTaxIdentificationNumber")
    street = ", ".join(p for p in (text("EntityAddressAddressLine1"), text("EntityAddressAddressLine2"),
                                   text("EntityAddressAddressLine3")) if p)
    city, state, zip_code = text("EntityAddressCityOrTown"), text("EntityAddressStateOrProvince"), \
        text("EntityAddressPostalZipCode")
    place = " ".join(p for p in (f"{city}," if city else None, state, zip_code) if p)
    values["address"] = ", ".join(p for p in (street, place) if p) or None
    area, local = text("CityAreaCode"), text("LocalPhoneNumber")
    values["phone"] = (f"({area.strip('()')}) {local}" if area else local) if local else None
    values["form_type"] = text("DocumentType")
    for field, tagged in values.items():
        if not tagged:
            continue
        printed = getattr(cover, field)
        if printed is None:
            setattr(cover, field, tagged)
        elif not _same(field, str(printed), tagged):
            cover.disagreements.append(Disagreement(field=field, cover=str(printed), header=None, tagged=tagged))
    period = _first(docs, "DocumentPeriodEndDate")
    if period is not None and period.value is not None and not isinstance(period.value, str):
        if cover.date_of_report is None:
            cover.date_of_report = period.value
        elif cover.date_of_report != period.value:
            cover.disagreements.append(Disagreement(field="date_of_report", cover=cover.date_of_report.isoformat(),
                                                    header=None, tagged=period.value.isoformat()))
    for name, field in _FLAGS.items():
        fact = _first(docs, name)
        if fact is None or not isinstance(fact.value, bool):
            continue
        printed_flag = getattr(cover, field)
        if printed_flag is None:
            setattr(cover, field, fact.value)
        elif printed_flag != fact.value:
            cover.disagreements.append(Disagreement(field=field, cover=str(printed_flag).lower(), header=None,
                                                    tagged=str(fact.value).lower()))
    _securities(cover, docs)
    return cover


def _securities(cover: Cover, docs: list[IxDocument]) -> None:
    """Securities registered under Section 12(b): title, symbol and exchange, tagged per context."""
    rows: dict[str, dict[str, str]] = {}
    for doc in docs:
        for fact in doc.facts:
            key = {"dei:Security12bTitle": "title", "dei:TradingSymbol": "symbol",
                   "dei:SecurityExchangeName": "exchange"}.get(fact.name)
            if key and fact.text and fact.context:
                rows.setdefault(fact.context, {}).setdefault(key, fact.text)
    tagged = [TradingSymbol(title=r.get("title"), symbol=r["symbol"], exchange=r.get("exchange"))
              for r in rows.values() if r.get("symbol")]
    if not tagged:
        return
    if not cover.trading_symbols:
        cover.trading_symbols = tagged
        return
    printed = {_norm(s.symbol) for s in cover.trading_symbols}
    tags = {_norm(s.symbol) for s in tagged}
    if printed != tags:
        cover.disagreements.append(Disagreement(
            field="trading_symbols", cover=", ".join(s.symbol for s in cover.trading_symbols), header=None,
            tagged=", ".join(s.symbol for s in tagged)))


def _concept(name: str) -> str:
    prefix, _, local = name.partition(":")
    return local if prefix in ("us-gaap", "ifrs-full", "srt") else name


def _tolerance(*decimals: int | None) -> Decimal:
    known = [d for d in decimals if d is not None]
    return Decimal(5).scaleb(-min(known) - 1) if known else Decimal("0.5")


def tagged_facts(sub: Submission, facts: list[Fact]) -> tuple[list[Fact], list[Check]]:
    """The tagged numbers of every document as facts, and their `cross_source` checks against `facts`."""
    out: list[Fact] = []
    seen: set[tuple] = set()
    for doc in _documents(sub):
        for ix in doc.facts:
            if not ix.numeric or ix.value is None or ix.name.startswith("dei:"):
                continue
            ctx = doc.contexts.get(ix.context or "")
            if ctx is None or ctx.dimensions or ctx.end is None:
                continue
            unit = _UNITS.get(doc.units.get(ix.unit or "", ""), doc.units.get(ix.unit or "") or "USD")
            key = (ix.name, ctx.end, ctx.months, ix.value)
            if key in seen:
                continue
            seen.add(key)
            out.append(Fact(concept=_concept(ix.name), value=ix.value, unit=unit, period_end=ctx.end,
                            period_months=ctx.months, source="ixbrl", decimals=ix.decimals, label=ix.name))
    by_key: dict[tuple, list[Fact]] = {}
    for fact in facts:
        if fact.source == "table":
            by_key.setdefault((fact.concept, fact.period_end, fact.period_months), []).append(fact)
    checks: list[Check] = []
    for fact in out:
        for table_fact in by_key.get((fact.concept, fact.period_end, fact.period_months), []):
            tol = _tolerance(fact.decimals, table_fact.decimals)
            agree = abs(fact.value - table_fact.value) <= tol
            fact.span = fact.span or table_fact.span
            ref = FactRef(concept=fact.concept, period_end=fact.period_end, period_months=fact.period_months)
            checks.append(Check(rule="cross_source", status="pass" if agree else "fail", expected=fact.value,
                                actual=table_fact.value, tolerance=tol, table=table_fact.table, inputs=[ref],
                                span=table_fact.span,
                                detail=f"tagged {fact.label} {fact.value} {'=' if agree else '≠'} table "
                                       f"{table_fact.value}"))
            if agree:
                table_fact.confirmed = True
    return out, checks
