"""EDGAR's quarterly full index: `form.idx`, `company.idx` and `master.idx`.

    {EDGAR}/Archives/edgar/full-index/{YEAR}/QTR{N}/form.idx

Each file opens with a few `Description:` lines, then a header naming its
columns, a line of dashes, and one filing a line. `form.idx` and
`company.idx` are fixed-width (sorted by form type, by company):

    Form Type   Company Name                                                  CIK         Date Filed  File Name
    ---------------------------------------------------------------------------------------------------------
    8-K         APPLE INC                                                     320193      2023-02-02  edgar/data/320193/0000320193-23-000005.txt

`master.idx` separates the same columns with `|` (sorted by CIK):

    CIK|Company Name|Form Type|Date Filed|Filename
    --------------------------------------------------------------------------------
    320193|APPLE INC|8-K|2023-02-02|edgar/data/320193/0000320193-23-000005.txt

A filing with several filers appears once for each of them.
"""

from __future__ import annotations

import re
from typing import Literal

from form8k.fetch.filings import FilingRef, normalize_accession, parse_date

IndexKind = Literal["form", "master", "company"]
INDEX_KINDS: tuple[IndexKind, ...] = ("form", "master", "company")

# Right-anchored: form types ("SC 13D/A") and company names both hold spaces,
# but CIK, date and file name never do.
_FIXED_ROW = re.compile(r"^(?P<left>.*?)\s+(?P<cik>\d{1,10})\s+(?P<date>\d{4}-?\d{2}-?\d{2})\s+(?P<file>\S+)\s*$")


def index_url(edgar_url: str, year: int, quarter: int, kind: IndexKind = "form") -> str:
    """The URL of one quarter's full index.

    >>> index_url("https://www.sec.gov", 2023, 1)
    'https://www.sec.gov/Archives/edgar/full-index/2023/QTR1/form.idx'
    """
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1 to 4, not {quarter}")
    if kind not in INDEX_KINDS:
        raise ValueError(f"index must be one of {', '.join(INDEX_KINDS)}, not {kind!r}")
    return f"{edgar_url.rstrip('/')}/Archives/edgar/full-index/{year}/QTR{quarter}/{kind}.idx"


def parse_index(text: str) -> list[FilingRef]:
    """Every filing listed in a full-index file, whichever of the three kinds it is.

    Lines that cannot be read (a wrapped company name, a stray blank) are skipped.
    """
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if n + 1 < len(lines) and lines[n + 1].startswith("---") and "CIK" in line:
            header, rows = line, lines[n + 2:]
            break
    else:
        return []
    if "|" in header:
        return _parse_master(rows)
    return _parse_fixed(header, rows)


def index_problem(head: bytes, tail: bytes, size: int) -> str | None:
    """What is wrong with a full-index body from its first bytes, or None when it has its column header.

    >>> index_problem(b"<html>Service Unavailable</html>", b"", 32)
    'not a full index (no column header)'
    """
    lines = head.splitlines()
    for n, line in enumerate(lines[:-1]):
        if b"CIK" in line and lines[n + 1].startswith(b"---"):
            return None
    return "not a full index (no column header)"


def _ref(cik: str, company: str, form: str, filed: str, file_name: str) -> FilingRef | None:
    filing_date = parse_date(filed)
    stem = file_name.strip().rsplit("/", 1)[-1].removesuffix(".txt")
    if filing_date is None or not cik.strip().isdigit() or not form.strip():
        return None
    try:
        accession = normalize_accession(stem)
    except ValueError:
        return None
    return FilingRef(cik=int(cik), accession=accession, form=form.strip(),
                     filing_date=filing_date, company=company.strip())


def _parse_master(rows: list[str]) -> list[FilingRef]:
    refs: list[FilingRef] = []
    for row in rows:
        cik, _, rest = row.partition("|")
        fields = rest.rsplit("|", 3)
        if len(fields) != 4:
            continue
        company, form, filed, file_name = fields
        ref = _ref(cik, company, form, filed, file_name)
        if ref is not None:
            refs.append(ref)
    return refs


def _parse_fixed(header: str, rows: list[str]) -> list[FilingRef]:
    form_first = header.find("Form Type") < header.find("Company Name")
    # The left part holds two columns; the second starts where its header does.
    split_at = header.find("Company Name") if form_first else header.find("Form Type")
    refs: list[FilingRef] = []
    for row in rows:
        m = _FIXED_ROW.match(row)
        if m is None:
            continue
        left = m["left"]
        if len(left) > split_at > 0 and left[split_at - 1] == " ":
            first, second = left[:split_at], left[split_at:]
        else:  # an overlong first column: fall back to the widest run of spaces
            parts = re.split(r"\s{2,}", left.strip(), maxsplit=1)
            first, second = (parts + [""])[:2]
        form, company = (first, second) if form_first else (second, first)
        ref = _ref(m["cik"], company, form, m["date"], m["file"])
        if ref is not None:
            refs.append(ref)
    return refs
