"""Who filed, when, and what kind of report: the record's identity and time.

- `accepted_at`: the SGML header's ACCEPTANCE-DATETIME (what event studies
  key on), US Eastern with its UTC offset; `filed_at`: its FILED AS OF DATE;
  `period_of_report`: its CONFORMED PERIOD OF REPORT, else the cover's date
  of report.
- `item_numbering`: "2004" for items 1.01–9.01 (since 23 August 2004),
  "pre-2004" for items 1–12.
- `results_of_operations`: an earnings report. Item 2.02, or its forerunner
  Item 12 (March 2003 to August 2004); before Item 12, releases of results
  were furnished under Item 9 (Regulation FD) or filed under Item 5 (other
  events) with the release listed under Item 7 — those count when the filing
  carries a press release that reports a period's results (an income
  statement, or a fiscal period the release names). `results_item` says which.
- `amends`: an 8-K/A that cites the accession number of the report it amends;
  otherwise the store finds it by company, period and items.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from form8k.models import Cover, Exhibit, Header, Item, ItemNumbering, PressRelease, StatementKind

__all__ = ["Identity", "read_identity"]

_ACCESSION = re.compile(r"\b(\d{10}-\d{2}-\d{6})\b")
_RESULTS_WORDS = re.compile(
    r"\b(?:results|earnings|net\s+(?:income|loss|sales|revenues?))\b[^.]{0,80}?\b(?:quarter|year|months|period)\b"
    r"|\b(?:quarter|year|months|period)\b[^.]{0,40}?\b(?:results|earnings)\b", re.I)
_PRE_2004_RELEASE_ITEMS = ("9", "5", "7")  # in the order a release of results most often sat under


@dataclass(slots=True)
class Identity:
    accepted_at: dt.datetime | None = None
    filed_at: dt.date | None = None
    period_of_report: dt.date | None = None
    item_numbering: ItemNumbering | None = None
    results_of_operations: bool = False
    results_item: str | None = None
    amends: str | None = None
    amended_by: list[str] = field(default_factory=list)


def read_identity(header: Header | None, cover: Cover, items: list[Item], exhibits: list[Exhibit],
                  statements: list[StatementKind], release: PressRelease | None, body: str = "") -> Identity:
    """The identity and time fields of a record (see the module's docstring). `body`: the 8-K body's text."""
    ident = Identity()
    if header is not None:
        ident.accepted_at = header.accepted_at
        ident.filed_at = header.filed_as_of
        ident.period_of_report = header.period_of_report
    ident.period_of_report = ident.period_of_report or cover.date_of_report
    numbers = [i.number for i in items]
    if numbers:
        ident.item_numbering = "2004" if all("." in n for n in numbers) else "pre-2004"
    if "2.02" in numbers:
        ident.results_item = "2.02"
    elif "12" in numbers:
        ident.results_item = "12"
    elif ident.item_numbering == "pre-2004" and _releases_results(items, exhibits, statements, release):
        ident.results_item = next(n for n in _PRE_2004_RELEASE_ITEMS if n in numbers)
    ident.results_of_operations = ident.results_item is not None
    form = (cover.form_type or (header.form_type if header else None) or "").upper()
    if form.endswith("/A"):
        own = header.accession_number if header else None
        ident.amends = next((m.group(1) for m in _ACCESSION.finditer(body) if m.group(1) != own), None)
    return ident


def _releases_results(items: list[Item], exhibits: list[Exhibit], statements: list[StatementKind],
                      release: PressRelease | None) -> bool:
    """A pre-2004 Item 5, 7 or 9 that furnishes a press release reporting a period's results."""
    carriers = [i for i in items if i.number in _PRE_2004_RELEASE_ITEMS]
    if not carriers:
        return False
    has_release = any(e.is_press_release for e in exhibits) or release is not None
    if not has_release:
        return False
    if "income" in statements or (release is not None and release.fiscal_quarter is not None):
        return True
    said = [i.text[:2000] for i in carriers] + [release.headline or "" if release is not None else ""]
    return any(_RESULTS_WORDS.search(t) for t in said)
