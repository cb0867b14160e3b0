"""The database schema: versioned DDL, applied in order, recorded in `schema_migrations`.

A database written by an older form8k is brought up to date when it is opened
for writing; one written by a newer form8k is refused. To change the schema,
append a `Migration` (never edit one that has shipped): give a part of the
record that has been riding in an `extra` column a column of its own, add an
index, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from form8k.errors import StoreError

if TYPE_CHECKING:
    import duckdb


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    sql: str


_V1 = """
-- One row per stored filing: what it is, where it came from, its cover and header, its counts.
CREATE TABLE filings (
    filing_id                                  VARCHAR PRIMARY KEY,
    accession_number                           VARCHAR,
    cik                                        VARCHAR,
    company                                    VARCHAR,
    form_type                                  VARCHAR,
    date_of_report                             DATE,
    year                                       INTEGER,
    n_documents                                INTEGER,
    n_items                                    INTEGER,
    n_tables                                   INTEGER,
    n_facts                                    INTEGER,
    n_checks                                   INTEGER,
    n_checks_failed                            INTEGER,
    n_mentions                                 INTEGER,
    n_guidance                                 INTEGER,
    n_problems                                 INTEGER,
    ingested_at                                TIMESTAMP,
    parser_version                             VARCHAR,
    status                                     VARCHAR,
    source_path                                VARCHAR,
    source_files                               VARCHAR[],
    source_sha256                              VARCHAR,
    source_size                                BIGINT,
    source_format                              VARCHAR,
    header_accession_number                    VARCHAR,
    header_form_type                           VARCHAR,
    header_period_of_report                    DATE,
    header_filed_as_of                         DATE,
    header_items                               VARCHAR[],
    header_cik                                 VARCHAR,
    header_company_name                        VARCHAR,
    header_sic                                 VARCHAR,
    header_state_of_incorporation              VARCHAR,
    header_fiscal_year_end                     VARCHAR,
    header_business_address_street             VARCHAR,
    header_business_address_city               VARCHAR,
    header_business_address_state              VARCHAR,
    header_business_address_zip                VARCHAR,
    header_business_address_phone              VARCHAR,
    header_filers                              JSON,
    cover_form_type                            VARCHAR,
    cover_date_of_report                       DATE,
    cover_registrant                           VARCHAR,
    cover_cik                                  VARCHAR,
    cover_state_of_incorporation               VARCHAR,
    cover_commission_file_number               VARCHAR,
    cover_irs_employer_id                      VARCHAR,
    cover_address                              VARCHAR,
    cover_phone                                VARCHAR,
    cover_trading_symbols                      JSON,
    cover_registrants                          JSON,
    cover_written_communications               BOOLEAN,
    cover_soliciting_material                  BOOLEAN,
    cover_pre_commencement_tender_offer        BOOLEAN,
    cover_pre_commencement_issuer_tender_offer BOOLEAN,
    cover_emerging_growth_company              BOOLEAN,
    cover_disagreements                        JSON,
    cover_span_start                           INTEGER,
    cover_span_end                             INTEGER,
    extra                                      JSON
);

-- The canonical text of each filing: every span_start/span_end is an offset into it.
CREATE TABLE texts (
    filing_id VARCHAR NOT NULL,
    text      VARCHAR
);

CREATE TABLE documents (
    filing_id      VARCHAR NOT NULL,
    document_index BIGINT NOT NULL,
    type           VARCHAR,
    sequence       BIGINT,
    filename       VARCHAR,
    description    VARCHAR,
    format         VARCHAR,
    span_start     INTEGER,
    span_end       INTEGER,
    skipped        VARCHAR,
    extra          JSON
);

CREATE TABLE items (
    filing_id  VARCHAR NOT NULL,
    item_index BIGINT NOT NULL,
    number     VARCHAR,
    title      VARCHAR,
    heading    VARCHAR,
    text       VARCHAR,
    span_start INTEGER,
    span_end   INTEGER,
    extra      JSON
);

CREATE TABLE exhibits (
    filing_id        VARCHAR NOT NULL,
    exhibit_index    BIGINT NOT NULL,
    number           VARCHAR,
    description      VARCHAR,
    document_type    VARCHAR,
    filename         VARCHAR,
    sequence         BIGINT,
    listed           BOOLEAN,
    attached         BOOLEAN,
    is_press_release BOOLEAN,
    span_start       INTEGER,
    span_end         INTEGER,
    extra            JSON
);

CREATE TABLE signatures (
    filing_id       VARCHAR NOT NULL,
    signature_index BIGINT NOT NULL,
    name            VARCHAR,
    title           VARCHAR,
    date            DATE,
    registrant      VARCHAR,
    span_start      INTEGER,
    span_end        INTEGER,
    extra           JSON
);

CREATE TABLE statement_tables (
    filing_id      VARCHAR NOT NULL,
    table_index    BIGINT,
    statement      VARCHAR,
    title          VARCHAR,
    document_index BIGINT,
    scale          BIGINT,
    share_scale    BIGINT,
    unit_note      VARCHAR,
    span_start     INTEGER,
    span_end       INTEGER,
    problems       JSON,
    extra          JSON
);

CREATE TABLE table_columns (
    filing_id     VARCHAR NOT NULL,
    table_index   BIGINT NOT NULL,
    column_index  BIGINT NOT NULL,
    label         VARCHAR,
    period_end    DATE,
    period_months BIGINT,
    extra         JSON
);

-- values, raw and spans run parallel to the table's columns (table_columns.column_index).
CREATE TABLE table_rows (
    filing_id   VARCHAR NOT NULL,
    table_index BIGINT NOT NULL,
    row_index   BIGINT NOT NULL,
    label       VARCHAR,
    depth       BIGINT,
    kind        VARCHAR,
    is_total    BOOLEAN,
    concept     VARCHAR,
    section     VARCHAR,
    footnotes   VARCHAR[],
    unit        VARCHAR,
    values      DECIMAL(38,10)[],
    raw         VARCHAR[],
    spans       INTEGER[][],
    span_start  INTEGER,
    span_end    INTEGER,
    extra       JSON
);

-- One authoritative value per (concept, period_end, period_months) of a filing;
-- (filing_id, table_index, row_index, column_index) is the table cell it was read from.
CREATE TABLE facts (
    filing_id     VARCHAR NOT NULL,
    fact_index    BIGINT NOT NULL,
    concept       VARCHAR,
    value         DECIMAL(38,10),
    unit          VARCHAR,
    period_end    DATE,
    period_months BIGINT,
    label         VARCHAR,
    source        VARCHAR,
    table_index   BIGINT,
    row_index     BIGINT,
    column_index  BIGINT,
    decimals      BIGINT,
    confirmed     BOOLEAN,
    derived_from  VARCHAR,
    span_start    INTEGER,
    span_end      INTEGER,
    extra         JSON
);

CREATE TABLE checks (
    filing_id   VARCHAR NOT NULL,
    check_index BIGINT NOT NULL,
    rule        VARCHAR,
    status      VARCHAR,
    expected    DECIMAL(38,10),
    actual      DECIMAL(38,10),
    tolerance   DECIMAL(38,10),
    detail      VARCHAR,
    table_index BIGINT,
    inputs      JSON,
    span_start  INTEGER,
    span_end    INTEGER,
    extra       JSON
);

CREATE TABLE press_releases (
    filing_id                           VARCHAR NOT NULL,
    document_index                      BIGINT,
    headline                            VARCHAR,
    subheadline                         VARCHAR,
    dateline_city                       VARCHAR,
    dateline_state                      VARCHAR,
    dateline_date                       DATE,
    dateline_span_start                 INTEGER,
    dateline_span_end                   INTEGER,
    tickers                             JSON,
    contacts                            JSON,
    quotes                              JSON,
    conference_call_date                DATE,
    conference_call_time                VARCHAR,
    conference_call_phone               VARCHAR,
    conference_call_international_phone VARCHAR,
    conference_call_passcode            VARCHAR,
    conference_call_url                 VARCHAR,
    conference_call_replay_phone        VARCHAR,
    conference_call_replay_until        DATE,
    conference_call_span_start          INTEGER,
    conference_call_span_end            INTEGER,
    forward_looking_span_start          INTEGER,
    forward_looking_span_end            INTEGER,
    about_span_start                    INTEGER,
    about_span_end                      INTEGER,
    fiscal_year                         BIGINT,
    fiscal_quarter                      BIGINT,
    fiscal_year_end                     VARCHAR,
    span_start                          INTEGER,
    span_end                            INTEGER,
    extra                               JSON
);

CREATE TABLE mentions (
    filing_id                VARCHAR NOT NULL,
    mention_index            BIGINT NOT NULL,
    text                     VARCHAR,
    value                    DECIMAL(38,10),
    unit                     VARCHAR,
    scale                    BIGINT,
    metric                   VARCHAR,
    concept                  VARCHAR,
    period_text              VARCHAR,
    period_end               DATE,
    period_months            BIGINT,
    comparison_text          VARCHAR,
    comparison_kind          VARCHAR,
    comparison_value         DECIMAL(38,10),
    comparison_direction     VARCHAR,
    comparison_period_end    DATE,
    comparison_period_months BIGINT,
    fact_concept             VARCHAR,
    fact_period_end          DATE,
    fact_period_months       BIGINT,
    status                   VARCHAR,
    detail                   VARCHAR,
    span_start               INTEGER,
    span_end                 INTEGER,
    extra                    JSON
);

CREATE TABLE guidance (
    filing_id      VARCHAR NOT NULL,
    guidance_index BIGINT NOT NULL,
    metric         VARCHAR,
    concept        VARCHAR,
    low            DECIMAL(38,10),
    high           DECIMAL(38,10),
    point          DECIMAL(38,10),
    unit           VARCHAR,
    fiscal_period  VARCHAR,
    previous_low   DECIMAL(38,10),
    previous_high  DECIMAL(38,10),
    direction      VARCHAR,
    text           VARCHAR,
    span_start     INTEGER,
    span_end       INTEGER,
    extra          JSON
);

CREATE TABLE problems (
    filing_id     VARCHAR NOT NULL,
    problem_index BIGINT NOT NULL,
    code          VARCHAR,
    message       VARCHAR,
    component     VARCHAR,
    span_start    INTEGER,
    span_end      INTEGER,
    extra         JSON
);

-- Files that gave no stored filing, and why. kind: unreadable (empty, binary, too large,
-- not readable from disk), failed (read, but not an 8-K or no text), error (the parser raised),
-- duplicate (its accession number is already stored from other bytes).
CREATE TABLE failures (
    path           VARCHAR NOT NULL,
    sha256         VARCHAR,
    size           BIGINT,
    parser_version VARCHAR,
    kind           VARCHAR,
    reason         VARCHAR,
    filing_id      VARCHAR,
    failed_at      TIMESTAMP
);

-- A concept's values across a company's releases: facts with their filing's company and date.
CREATE VIEW fact_series AS
SELECT f.cik, f.company, f.date_of_report, f.form_type, x.*
FROM facts x JOIN filings f USING (filing_id);
"""

_V2 = """
ALTER TABLE table_columns ADD COLUMN basis VARCHAR;
ALTER TABLE press_releases ADD COLUMN company VARCHAR;
ALTER TABLE press_releases ADD COLUMN period_end DATE;
ALTER TABLE mentions ADD COLUMN high DECIMAL(38,10);
ALTER TABLE mentions ADD COLUMN kind VARCHAR;
ALTER TABLE mentions ADD COLUMN qualifier VARCHAR;
ALTER TABLE mentions ADD COLUMN flags VARCHAR[];
ALTER TABLE mentions ADD COLUMN period_source VARCHAR;
ALTER TABLE mentions ADD COLUMN binding VARCHAR;
ALTER TABLE mentions ADD COLUMN tolerance DECIMAL(38,10);
ALTER TABLE mentions ADD COLUMN fact_value DECIMAL(38,10);
ALTER TABLE mentions ADD COLUMN fact_span_start INTEGER;
ALTER TABLE mentions ADD COLUMN fact_span_end INTEGER;
ALTER TABLE mentions ADD COLUMN table_index BIGINT;
ALTER TABLE mentions ADD COLUMN row_index BIGINT;
"""

_V3 = """
ALTER TABLE filings ADD COLUMN header_accepted_at JSON;
ALTER TABLE filings ADD COLUMN accepted_at JSON;
ALTER TABLE filings ADD COLUMN filed_at DATE;
ALTER TABLE filings ADD COLUMN period_of_report DATE;
ALTER TABLE filings ADD COLUMN item_numbering VARCHAR;
ALTER TABLE filings ADD COLUMN results_of_operations BOOLEAN;
ALTER TABLE filings ADD COLUMN results_item VARCHAR;
ALTER TABLE filings ADD COLUMN amends VARCHAR;
ALTER TABLE filings ADD COLUMN amended_by VARCHAR[];
ALTER TABLE filings ADD COLUMN cover_shell_company BOOLEAN;
ALTER TABLE filings ADD COLUMN coverage_statements JSON;
ALTER TABLE filings ADD COLUMN coverage_missing_statements VARCHAR[];
ALTER TABLE filings ADD COLUMN coverage_period_end DATE;
ALTER TABLE filings ADD COLUMN coverage_period_months BIGINT;
ALTER TABLE filings ADD COLUMN coverage_metrics JSON;
ALTER TABLE facts ADD COLUMN evidence VARCHAR[];
ALTER TABLE facts ADD COLUMN mapped_by VARCHAR;
ALTER TABLE documents ADD COLUMN pages INTEGER[][];
-- Rows stored before these columns kept the fields in `extra` under their dotted paths: copy them over.
UPDATE filings SET
    header_accepted_at = json_extract(extra, '$."header.accepted_at"'),
    accepted_at = json_extract(extra, '$.accepted_at'),
    filed_at = CAST(json_extract_string(extra, '$.filed_at') AS DATE),
    period_of_report = CAST(json_extract_string(extra, '$.period_of_report') AS DATE),
    item_numbering = json_extract_string(extra, '$.item_numbering'),
    results_of_operations = CAST(json_extract(extra, '$.results_of_operations') AS BOOLEAN),
    results_item = json_extract_string(extra, '$.results_item'),
    amends = json_extract_string(extra, '$.amends'),
    amended_by = CAST(json_extract(extra, '$.amended_by') AS VARCHAR[]),
    cover_shell_company = CAST(json_extract(extra, '$."cover.shell_company"') AS BOOLEAN),
    coverage_statements = json_extract(extra, '$."coverage.statements"'),
    coverage_missing_statements = CAST(json_extract(extra, '$."coverage.missing_statements"') AS VARCHAR[]),
    coverage_period_end = CAST(json_extract_string(extra, '$."coverage.period_end"') AS DATE),
    coverage_period_months = CAST(json_extract(extra, '$."coverage.period_months"') AS BIGINT),
    coverage_metrics = json_extract(extra, '$."coverage.metrics"')
WHERE extra IS NOT NULL;
UPDATE facts SET
    evidence = CAST(json_extract(extra, '$.evidence') AS VARCHAR[]),
    mapped_by = json_extract_string(extra, '$.mapped_by')
WHERE extra IS NOT NULL;
UPDATE documents SET pages = CAST(json_extract(extra, '$.pages') AS INTEGER[][]) WHERE extra IS NOT NULL;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "the filing record: filings, texts, documents, items, exhibits, signatures, statement "
                 "tables with columns and rows, facts, checks, press releases, mentions, guidance, "
                 "problems, failures", _V1),
    Migration(2, "columns for a table column's basis, the press release's company and period, and a "
                 "mention's range, kind, qualifier, flags, binding, tolerance and the cell it was checked "
                 "against", _V2),
    Migration(3, "columns for the filing's acceptance and filing dates, period of report, item numbering, "
                 "results of operations and its item, amendments, shell-company flag and coverage; "
                 "for a fact's evidence (the rules of the passing checks that used its value) and how "
                 "its concept was chosen, and a PDF document's page spans", _V3),
)
SCHEMA_VERSION = MIGRATIONS[-1].version

# The tables that hold a filing's record, in the order a filing is written.
RECORD_TABLES: tuple[str, ...] = (
    "filings", "texts", "documents", "items", "exhibits", "signatures", "statement_tables", "table_columns",
    "table_rows", "facts", "checks", "press_releases", "mentions", "guidance", "problems",
)
ALL_TABLES: tuple[str, ...] = (*RECORD_TABLES, "failures")


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version a database is at; 0 for a new, empty one."""
    exists = con.execute("SELECT count(*) FROM information_schema.tables "
                         "WHERE table_name = 'schema_migrations' AND table_schema = 'main' "
                         "AND table_catalog = current_database()").fetchall()
    if not exists[0][0]:
        return 0
    version = con.execute("SELECT max(version) FROM schema_migrations").fetchall()[0][0]
    return int(version) if version is not None else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Create or upgrade the schema; returns the version now in force. Each migration is one transaction."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise StoreError(f"the database is at schema version {current}, newer than this form8k knows "
                         f"({SCHEMA_VERSION}): upgrade form8k")
    for migration in MIGRATIONS:
        if migration.version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                        "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)")
            con.execute(migration.sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, current_timestamp)",
                        [migration.version, migration.description])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        current = migration.version
    return current


def table_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """Each table's (column, SQL type) pairs, in table order."""
    rows = con.execute("SELECT table_name, column_name, data_type FROM information_schema.columns "
                       "WHERE table_schema = 'main' AND table_catalog = current_database() "
                       "ORDER BY table_name, ordinal_position").fetchall()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, sql_type in rows:
        out.setdefault(table, []).append((column, sql_type))
    return {t: out[t] for t in ALL_TABLES if t in out}


@cache
def current_columns() -> dict[str, tuple[tuple[str, str], ...]]:
    """The columns of the current schema, worked out once on an in-memory database."""
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        migrate(con)
        return {t: tuple(cols) for t, cols in table_columns(con).items()}
    finally:
        con.close()
