"""The filing record: what form8k reads out of one 8-K.

These pydantic models are the contract between the stages, the store, the web
viewer and the JSON output (`form8k parse --json`). They import nothing from
the rest of the package.

Conventions
- `span` is a `(start, end)` pair of character offsets into `Filing.text`,
  the one canonical text of the filing (every document's text, in order).
- Money, share counts and ratios are `Decimal` in base units (dollars, not
  thousands); JSON renders them as numbers.
- A value that could not be found is `None` (or an empty list), never guessed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

PARSER_VERSION = "0.1.0"


def _decimal_to_json(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)


Amount = Annotated[Decimal, PlainSerializer(_decimal_to_json, return_type=int | float, when_used="json")]
Span = tuple[int, int]

Status = Literal["ok", "partial", "failed"]
SourceFormat = Literal["sgml", "html", "text", "markdown", "pdf"]
StatementKind = Literal["income", "balance", "cash_flow", "segment", "non_gaap", "guidance", "other"]
CheckStatus = Literal["pass", "fail", "skipped"]
MentionStatus = Literal["agrees", "contradicts", "unverifiable"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Problem(Record):
    """A data problem met while reading: it rides on the record, it is not raised."""

    code: str
    message: str
    component: str | None = None
    span: Span | None = None


class Source(Record):
    path: str | None = None
    files: list[str] = Field(default_factory=list)
    sha256: str
    size: int
    format: SourceFormat


class Address(Record):
    street: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    phone: str | None = None


class Filer(Record):
    """One FILER (or FILED-BY / SUBJECT-COMPANY) block of an SGML header."""

    role: str = "filer"
    cik: str | None = None
    company_name: str | None = None
    sic: str | None = None
    irs_number: str | None = None
    state_of_incorporation: str | None = None
    fiscal_year_end: str | None = None
    form_type: str | None = None
    file_number: str | None = None
    business_address: Address | None = None
    mail_address: Address | None = None


class Header(Record):
    """The EDGAR SGML header of a full submission (`<SEC-HEADER>` or `.nc` tags)."""

    accession_number: str | None = None
    form_type: str | None = None
    period_of_report: dt.date | None = None
    filed_as_of: dt.date | None = None
    accepted_at: dt.datetime | None = None  # ACCEPTANCE-DATETIME, US Eastern, with its UTC offset
    items: list[str] = Field(default_factory=list)
    cik: str | None = None
    company_name: str | None = None
    sic: str | None = None
    state_of_incorporation: str | None = None
    fiscal_year_end: str | None = None
    business_address: Address | None = None
    filers: list[Filer] = Field(default_factory=list)


class DocumentInfo(Record):
    """One document of the filing: the 8-K body, an exhibit, or a skipped binary part."""

    type: str
    sequence: int | None = None
    filename: str | None = None
    description: str | None = None
    format: Literal["html", "text", "binary"]
    span: Span | None = None
    skipped: str | None = None  # why the part was not read as text (graphic, xbrl, zip, pdf, uuencoded…)
    pages: list[Span] = Field(default_factory=list)  # a PDF's pages: page n is pages[n - 1], a span of `text`


class TradingSymbol(Record):
    title: str | None = None
    symbol: str
    exchange: str | None = None


class Registrant(Record):
    name: str
    state_of_incorporation: str | None = None
    commission_file_number: str | None = None
    irs_employer_id: str | None = None
    address: str | None = None
    phone: str | None = None


class Disagreement(Record):
    """A field where the cover page and the SGML header (or the inline-XBRL tags) say different things."""

    field: str
    cover: str | None
    header: str | None
    tagged: str | None = None  # the value of its inline-XBRL dei: tag, where the tag is what disagrees


class Cover(Record):
    form_type: str | None = None
    date_of_report: dt.date | None = None
    registrant: str | None = None
    cik: str | None = None
    state_of_incorporation: str | None = None
    commission_file_number: str | None = None
    irs_employer_id: str | None = None
    address: str | None = None
    phone: str | None = None
    trading_symbols: list[TradingSymbol] = Field(default_factory=list)
    registrants: list[Registrant] = Field(default_factory=list)
    written_communications: bool | None = None  # Rule 425
    soliciting_material: bool | None = None  # Rule 14a-12
    pre_commencement_tender_offer: bool | None = None  # Rule 14d-2(b)
    pre_commencement_issuer_tender_offer: bool | None = None  # Rule 13e-4(c)
    emerging_growth_company: bool | None = None
    shell_company: bool | None = None  # from the dei:EntityShellCompany tag
    disagreements: list[Disagreement] = Field(default_factory=list)
    span: Span | None = None


class Item(Record):
    number: str
    title: str | None = None
    heading: str | None = None
    text: str = ""
    span: Span | None = None


class Exhibit(Record):
    number: str
    description: str | None = None
    document_type: str | None = None
    filename: str | None = None
    sequence: int | None = None
    listed: bool = False  # named in the Item 9.01 / 7(c) list or the exhibit index
    attached: bool = False  # present as an EX- document of the submission
    is_press_release: bool = False
    span: Span | None = None


class Signature(Record):
    name: str | None = None
    title: str | None = None
    date: dt.date | None = None
    registrant: str | None = None
    span: Span | None = None


# --- financial statements --------------------------------------------------


class Column(Record):
    label: str = ""
    period_end: dt.date | None = None
    period_months: int | None = None  # 0 for an instant
    basis: str | None = None  # what else the header says: gaap, non_gaap, adjustment, change, percent, low, high


class Row(Record):
    label: str
    depth: int = 0
    kind: Literal["data", "section", "total", "rejected"] = "data"
    is_total: bool = False
    concept: str | None = None
    section: str | None = None
    footnotes: list[str] = Field(default_factory=list)
    unit: str | None = None  # USD, shares, USD/share, pure
    values: list[Amount | None] = Field(default_factory=list)
    raw: list[str | None] = Field(default_factory=list)
    spans: list[Span | None] = Field(default_factory=list)
    span: Span | None = None


class Table(Record):
    index: int
    statement: StatementKind = "other"
    title: str | None = None
    document: int | None = None  # index into Filing.documents
    scale: int = 1
    share_scale: int | None = None
    unit_note: str | None = None
    columns: list[Column] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)
    span: Span | None = None
    problems: list[Problem] = Field(default_factory=list)


class Fact(Record):
    concept: str
    value: Amount
    unit: str = "USD"
    period_end: dt.date | None = None
    period_months: int | None = None
    label: str | None = None
    source: Literal["table", "derived", "ixbrl"] = "table"
    table: int | None = None
    row: int | None = None
    column: int | None = None
    decimals: int | None = None  # XBRL-style precision of the printed value
    confirmed: bool = False  # a check that a wrong scale, period, sign or concept would fail vouches for it
    evidence: list[str] = Field(default_factory=list)  # the rules of the passing checks that used this value
    derived_from: str | None = None  # the identity that proves a derived value
    mapped_by: Literal["rule", "labels", "extension"] | None = None  # how the concept was chosen
    span: Span | None = None


class FactRef(Record):
    concept: str
    period_end: dt.date | None = None
    period_months: int | None = None


class Check(Record):
    rule: str
    status: CheckStatus
    expected: Amount | None = None
    actual: Amount | None = None
    tolerance: Amount | None = None
    detail: str = ""
    table: int | None = None
    inputs: list[FactRef] = Field(default_factory=list)
    span: Span | None = None


class MetricCoverage(Record):
    """One headline figure of the period reported: confirmed, found (no check vouches for it) or missing."""

    metric: str  # revenue, operating_income, net_income, eps_basic, eps_diluted, total_assets, cash_from_operations
    status: Literal["confirmed", "found", "missing"] = "missing"
    concept: str | None = None
    value: Amount | None = None
    period_end: dt.date | None = None
    period_months: int | None = None


class Coverage(Record):
    """What the record holds of the statements, and what it lacks."""

    statements: dict[str, list[int]] = Field(default_factory=dict)  # primary statement -> its tables
    missing_statements: list[str] = Field(default_factory=list)
    period_end: dt.date | None = None  # the period reported: the latest period of the income statement
    period_months: int | None = None
    metrics: list[MetricCoverage] = Field(default_factory=list)


# --- the press release read as a whole ------------------------------------


class Dateline(Record):
    city: str | None = None
    state: str | None = None
    date: dt.date | None = None
    span: Span | None = None


class Contact(Record):
    name: str | None = None
    title: str | None = None
    organization: str | None = None
    role: str | None = None  # media, investors
    phone: str | None = None
    email: str | None = None
    span: Span | None = None


class Quote(Record):
    speaker: str | None = None
    title: str | None = None
    text: str
    span: Span | None = None


class ConferenceCall(Record):
    date: dt.date | None = None
    time: str | None = None
    phone: str | None = None
    international_phone: str | None = None
    passcode: str | None = None
    url: str | None = None
    replay_phone: str | None = None
    replay_until: dt.date | None = None
    span: Span | None = None


class PressRelease(Record):
    document: int | None = None  # index into Filing.documents
    headline: str | None = None
    subheadline: str | None = None
    dateline: Dateline | None = None
    tickers: list[TradingSymbol] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    conference_call: ConferenceCall | None = None
    forward_looking_span: Span | None = None
    about_span: Span | None = None
    fiscal_year: int | None = None
    fiscal_quarter: int | None = None
    fiscal_year_end: str | None = None  # MM-DD
    span: Span | None = None
    company: str | None = None  # the issuer as the dateline sentence names it
    period_end: dt.date | None = None  # end of the latest period the release reports


class Comparison(Record):
    text: str
    kind: Literal["prior_period", "change_percent", "change_amount", "other"] = "other"
    value: Amount | None = None
    direction: Literal["increase", "decrease"] | None = None
    period_end: dt.date | None = None
    period_months: int | None = None


class Mention(Record):
    """An amount in the press release's prose, what it describes, and whether the statements agree.

    `value` is the amount as printed, in base units ("net loss of $3.0 million"
    is 3000000; the sign the words give is applied when checking). A range
    ("$18-20 million") has `value` 18000000 and `high` 20000000. Percentages are
    in percent (83 for "83%"), with unit "percent".
    """

    text: str
    value: Amount
    unit: str = "USD"
    scale: int = 1
    metric: str | None = None
    concept: str | None = None
    period_text: str | None = None
    period_end: dt.date | None = None
    period_months: int | None = None
    comparison: Comparison | None = None
    fact: FactRef | None = None
    status: MentionStatus = "unverifiable"
    detail: str | None = None
    span: Span | None = None
    high: Amount | None = None  # the high end of a range
    kind: str = "value"  # value, change (a percent change), ratio (a margin), share_of, hypothetical, guidance
    qualifier: str | None = None  # about, approximately, nearly … as printed before the amount
    flags: list[str] = Field(default_factory=list)  # non-GAAP, segment, constant currency, adjusted …
    period_source: str | None = None  # stated in the sentence, carried from the paragraph, or assumed
    binding: str | None = None  # how the words bind the amount to its metric, and how firmly
    tolerance: Amount | None = None  # the rounding the sentence's precision allows
    fact_value: Amount | None = None  # the statement value it was checked against (a change or ratio: computed)
    fact_span: Span | None = None
    table: int | None = None  # the table and row it was tied to
    row: int | None = None


class GuidanceRange(Record):
    low: Amount | None = None
    high: Amount | None = None


class Guidance(Record):
    metric: str
    concept: str | None = None
    low: Amount | None = None
    high: Amount | None = None
    point: Amount | None = None
    unit: str = "USD"
    fiscal_period: str | None = None
    previous: GuidanceRange | None = None
    direction: Literal["raised", "lowered", "reaffirmed", "initiated", "narrowed", "widened"] | None = None
    text: str | None = None
    span: Span | None = None


# --- the record -------------------------------------------------------------


ItemNumbering = Literal["2004", "pre-2004"]


class Filing(Record):
    parser_version: str = PARSER_VERSION
    status: Status = "ok"
    problems: list[Problem] = Field(default_factory=list)
    source: Source
    header: Header | None = None
    # Identity and time (record/identity.py): when EDGAR accepted it, the date filed, the period it reports on.
    accepted_at: dt.datetime | None = None  # the header's acceptance date-time, with its zone
    filed_at: dt.date | None = None  # the header's filed-as-of date
    period_of_report: dt.date | None = None  # the header's period of report, else the cover's date of report
    item_numbering: ItemNumbering | None = None  # 1.01–9.01 (since 2004-08-23) or 1–12 (before)
    results_of_operations: bool = False  # an earnings report: Item 2.02, Item 12, or an Item 5/7/9 release of results
    results_item: str | None = None  # the item that carries it: 2.02, 12, 5, 7 or 9
    amends: str | None = None  # an 8-K/A: the accession number of the report it amends
    amended_by: list[str] = Field(default_factory=list)  # accession numbers of the 8-K/As amending it (the store)
    documents: list[DocumentInfo] = Field(default_factory=list)
    cover: Cover = Field(default_factory=Cover)
    items: list[Item] = Field(default_factory=list)
    exhibits: list[Exhibit] = Field(default_factory=list)
    signatures: list[Signature] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    press_release: PressRelease | None = None
    mentions: list[Mention] = Field(default_factory=list)
    guidance: list[Guidance] = Field(default_factory=list)
    coverage: Coverage | None = None  # which statements and headline figures were found and confirmed
    text: str = ""
