"""Read every table of a filing: raw table -> header -> typed rows -> class -> concepts -> facts -> checks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from form8k.load import Submission
from form8k.models import Check, Column, Fact, Problem, Table

if TYPE_CHECKING:
    from form8k.statements.concepts import ConceptRule
    from form8k.statements.labels import LabelConcept
    from form8k.statements.tables.facts import MappedTable
    from form8k.statements.tables.header import ColumnHead
    from form8k.statements.tables.raw import RawTable

__all__ = ["Statements", "read_statements"]


@dataclass(slots=True)
class Statements:
    tables: list[Table] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


_STATEMENT_TITLE = re.compile(r"statements?\b|balance\s+sheets?|cash\s+flows?|reconciliation|non-gaap|segment|"
                              r"financial\s+(?:information|results|data|highlights)|summary|outlook|guidance|"
                              r"supplemental|selected", re.I)
_NOT_TITLE = re.compile(r"^\(?\s*(?:unaudited|in\s+(?:thousands|millions)|\$?\s*in\s+|amounts\s+in|dollars\s+in|"
                        r"millions|thousands)|^\d+$|^page\b|^\(.*\b(?:thousands|millions|billions)\b.*\)$"
                        # page furniture: "Table of Contents", "48  Logo.jpg", "2024 Annual Report  47"
                        r"|^table\s+of\s+contents$|\.(?:jpe?g|png|gif)$|^\d{1,3}\s{2,}|\s{2,}\d{1,3}$|^[^\w]+$", re.I)
_BARE_HEAD = re.compile(r"^\s*(?:assets|liabilities.*|revenues?|\(unaudited\))\s*:?\s*$", re.I)
_SCALE_GAP = 6000  # a table without its own units line takes the previous table's within this many characters


def read_statements(sub: Submission) -> Statements:
    """Every table of the filing as typed rows, the facts of its primary statements, and their checks."""
    from form8k.statements.checks import StatementTable, check_tables
    from form8k.statements.tables.captions import caption_facts
    from form8k.statements.tables.facts import collect_facts
    from form8k.statements.tables.find import find_tables

    out = Statements()
    mapped: list[MappedTable] = []
    previous: tuple[RawTable, MappedTable] | None = None
    for raw in find_tables(sub):
        m = _read_table(raw, len(out.tables), previous)
        previous = (raw, m)
        out.tables.append(m.table)
        out.problems.extend(m.table.problems)
        mapped.append(m)
    _date_fiscal_years(mapped, sub.text)
    result = check_tables(StatementTable(m.table, m.decimals, m.amount_columns, m.factors) for m in mapped)
    out.facts, cross = collect_facts(mapped, result)
    out.checks = result.checks + cross
    stated, stated_checks = caption_facts(mapped, sub.text)  # par values and share counts in equity labels
    have = {(f.concept, f.period_end, f.period_months) for f in out.facts}
    out.facts += [f for f in stated if (f.concept, f.period_end, f.period_months) not in have]
    out.facts.sort(key=lambda f: (f.table or 0, f.row or 0, f.column or 0))
    out.checks += stated_checks
    return out


_YEAR_ONLY = re.compile(r"^(?:fiscal\s+(?:year\s+)?|FY\s?|full[\s-]year\s+|(?:twelve|12)\s+months\s+)?((?:19|20)\d\d)$",
                        re.I)
# The last quarter of a fiscal year named by its year ("Q4 2024", "Fourth Quarter 2024"): it ends with the year.
_LAST_QUARTER = re.compile(r"^(?:Q4|(?:fourth|4th)\s+quarter)\s+(?:of\s+)?(?:fiscal\s+|FY\s?)?((?:19|20)\d\d)$", re.I)
# "year ended <date>", "Balance, <date>": a date the document states as the end of a fiscal year
_YEAR_END_STATED = re.compile(r"\b(?:ended|ending|balances?,?\s+(?:at\s+|as\s+of\s+)?)\s*((?:January|February|March|April|May|"
                              r"June|July|August|September|October|November|December)\s+\d{1,2},\s+(?:19|20)\d\d)", re.I)


def _one_year_end(dates: set[dt.date]) -> bool:
    """Whether the dates fall on one day of the year, give or take a week (52/53-week years drift)."""
    days = [d.timetuple().tm_yday for d in dates]
    return all(min(abs(a - days[0]), 365 - abs(a - days[0])) <= 7 for a in days)


def _date_fiscal_years(mapped: list[MappedTable], text: str) -> None:
    """Columns headed by a bare fiscal year ("2024", "FY 2024"), or by its last quarter ("Q4 2024"), take the
    year's end from the document itself: a balance-sheet date of that year (a 52/53-week year may end in the
    first days of the next January), else a "year ended <date>" the text states or a "Balance, <date>" row of
    the equity statement (a year may end in its first days of January only when it is the next one's); a
    year the document never dates stays undated."""

    bare = [(c, named) for m in mapped if m.table.statement in ("income", "cash_flow") for c in m.table.columns
            if c.period_end is None and (named := c.period_months in (None, 12) and _YEAR_ONLY.match(c.label.strip())
                                         or c.period_months in (None, 3) and _LAST_QUARTER.match(c.label.strip()))]
    if not bare:
        return
    sheets = {c.period_end for m in mapped if m.table.statement == "balance" for c in m.table.columns
              if c.period_end is not None}
    if not _one_year_end(sheets):
        sheets = set()  # an interim balance sheet (March 31 beside June 30): its dates are not all year ends
    stated: set[dt.date] = set()
    for found in _YEAR_END_STATED.finditer(text[:2_000_000]):
        try:
            stated.add(dt.datetime.strptime(" ".join(found.group(1).split()), "%B %d, %Y").date())
        except ValueError:
            continue
    for column, named in bare:
        year, months = int(named.group(1)), 12 if named.re is _YEAR_ONLY else 3
        for ends in (sheets, stated):
            fits = sorted(d for d in ends if (d.year == year) != (d.month == 1 and d.day <= 7)
                          and d.year in (year, year + 1))
            if fits:
                if len(fits) == 1:
                    column.period_end, column.period_months = fits[0], months
                break


def _read_table(raw: RawTable, index: int, previous: tuple[RawTable, MappedTable] | None) -> MappedTable:
    from form8k.statements.tables.classify import classify
    from form8k.statements.tables.facts import MappedTable
    from form8k.statements.tables.grid import MAX_ROWS
    from form8k.statements.tables.header import ColumnHead, read_columns, read_scale, title_block
    from form8k.statements.tables.rows import clean_label, read_rows

    above = title_block(raw.context)
    title = above + [t for t in raw.label_header if not _BARE_HEAD.match(t)]
    heads = read_columns(raw, title, instant=False)
    cleaned = [clean_label(r.label) for r in raw.rows]
    labels = [label for label, _ in cleaned]
    statement = classify(title, labels, heads)
    if statement == "balance":
        heads = read_columns(raw, title, instant=True)
    near = previous is not None and previous[0].document == raw.document and \
        raw.span[0] - previous[0].span[1] < _SCALE_GAP
    if previous is not None and near and not _title(above) and previous[0].ncols == raw.ncols and \
            previous[1].table.statement != "other" and \
            (not raw.header or [h.label for h in heads] == [c.label for c in previous[1].table.columns]):
        # A statement carried onto the next page: no title, no header or the same one, the same columns.
        before = previous[1].table
        statement = before.statement
        heads = [ColumnHead(c.label, c.period_end, c.period_months, c.basis) for c in before.columns]
    _mark_percent_columns(raw, heads)
    misaligned = _misaligned(raw, heads)
    if misaligned:
        for h in heads:
            h.period_end = None
    caption = " ".join(raw.label_header + [h.label for h in heads])
    scale, share_scale = read_scale(caption)
    unit_note = caption if scale else None
    if scale is None:
        scale, share_scale = read_scale(" ".join(title))
        unit_note = next((t for t in title if read_scale(t)[0]), None)
    if scale is None and previous is not None and near:
        scale, share_scale = previous[1].table.scale, previous[1].table.share_scale
        unit_note = "as the table before"
    if scale is None:
        scale, share_scale, unit_note = _footnote_scale(raw.after)
    scale = scale or 1
    share_scale = share_scale or scale
    read = read_rows(raw, heads, scale, share_scale, statement, cleaned)
    table = Table(index=index, statement=statement, title=_title(above) or _title(title), document=raw.document, scale=scale,
                  share_scale=share_scale, unit_note=unit_note,
                  columns=[Column(label=h.label, period_end=h.period_end, period_months=h.months, basis=h.basis)
                           for h in heads],
                  rows=read.rows, span=raw.span, problems=read.problems)
    if misaligned:
        table.problems.append(Problem(code="misaligned_header", component="statements", span=raw.span,
                                      message="a column of numbers stands under no header while another header "
                                              "names several years: the periods are not read"))
    if raw.cut:
        table.problems.append(Problem(code="table_cut", component="statements", span=raw.span,
                                      message=f"{raw.cut} rows past the first {MAX_ROWS} are not read (a table this "
                                              "long is no financial statement)"))
    twins = _same_period_columns(table) if statement in ("income", "balance", "cash_flow") else []
    if twins:
        for k in twins:
            table.columns[k].period_end = None
        table.problems.append(Problem(code="ambiguous_columns", component="statements", span=raw.span,
                                      message=f"columns {[k + 1 for k in twins]} name the same period and print "
                                              "different numbers: their periods are not read"))
    for p in table.problems:
        p.message = f"table {index}: {p.message}"
    amount = [h.basis not in ("percent", "change", "adjustment", "non_gaap", "low", "high", "reported") for h in heads]
    m = MappedTable(table, read.decimals, amount)
    if statement in ("income", "balance", "cash_flow"):
        _map_concepts(m, read.paths)
    return m


def _footnote_scale(after: str) -> tuple[int | None, int | None, str | None]:
    """A units note right under a table ("Amounts in thousands."), not the next table's caption."""
    from form8k.statements.tables.header import read_scale

    lines = [t.strip() for t in after.split("\n") if t.strip()][:2]
    for line in lines:
        if _STATEMENT_TITLE.search(line) or len(line) > 90:
            break
        scale, shares = read_scale(line)
        if scale is not None:
            return scale, shares, line
    return None, None, None


def _title(lines: list[str]) -> str | None:
    named = [t for t in lines if _STATEMENT_TITLE.search(t) and not _NOT_TITLE.search(t)]
    if named:
        return named[-1]
    plain = [t for t in lines if not _NOT_TITLE.search(t)]
    return plain[-1] if plain else None


_WHOLE = re.compile(r"\b(?:consolidated|total)\b", re.I)


def _same_period_columns(table: Table) -> list[int]:
    """Amount columns that share a period and basis yet differ in some row: a header read wrong, or
    the entities of a consolidating statement. One column named "Consolidated" or "Total" keeps its period."""
    groups: dict[tuple[object, ...], list[int]] = {}
    for k, c in enumerate(table.columns):
        if c.period_end is not None and c.basis not in ("percent", "change"):
            groups.setdefault((c.period_end, c.period_months, c.basis), []).append(k)
    out: list[int] = []
    for ks in groups.values():
        if len(ks) < 2 or not any(len({r.values[k] for k in ks if k < len(r.values) and r.values[k] is not None}) > 1
                                  for r in table.rows):
            continue
        whole = [k for k in ks if _WHOLE.search(table.columns[k].label)]
        out.extend(k for k in ks if len(whole) != 1 or k != whole[0])
    return sorted(out)


def _misaligned(raw: RawTable, heads: list[ColumnHead]) -> bool:
    """Whether the header cells do not sit over the value columns: a column of numbers under no header at
    all while another header names two years ("2023 2022"), as text tools print a header whose cells they
    merged. Read by position, every column would take its neighbour's period."""
    from form8k.statements.tables.numbers import YEAR_IN_TEXT

    if not any(len(set(YEAR_IN_TEXT.findall(h.label))) > 1 for h in heads):
        return False
    return any(not h.label.strip() and sum(1 for r in raw.rows if (c := r.cells[k]) is not None and c.number) >= 2
               for k, h in enumerate(heads))


def _mark_percent_columns(raw: RawTable, heads: list[ColumnHead]) -> None:
    for k, head in enumerate(heads):
        numbers = [n for r in raw.rows if (c := r.cells[k]) is not None and (n := c.number) is not None]
        percents = sum(1 for n in numbers if n.percent)
        if numbers and percents * 2 > len(numbers) and head.basis is None:
            head.basis = "percent"


def _map_concepts(m: MappedTable, paths: list[tuple[str, ...]]) -> None:
    from form8k.statements.concepts import (
        FALLBACKS,
        RESTRICTED_CASH_FLOW,
        match_normalized,
        normalize_label,
        normalize_path,
    )
    from form8k.statements.tables import structure

    table = m.table
    chosen: dict[tuple[str, str], tuple[int, int]] = {}  # (concept, period kind) -> (priority, row)
    matches: dict[int, ConceptRule] = {}
    headings: dict[tuple[str, ...], str | None] = {}  # rows share their headings: each path is normalised once
    for r, row in enumerate(table.rows):
        if row.kind not in ("data", "total"):
            continue
        if paths[r] not in headings:
            headings[paths[r]] = normalize_path(paths[r])
        joined = headings[paths[r]]
        rule = None if joined is None else match_normalized(normalize_label(row.label), table.statement, joined, row.unit)
        if rule is None:
            continue
        matches[r] = rule
        best = chosen.get((rule.concept, rule.period))
        if best is None or (rule.priority, r) < best:
            chosen[(rule.concept, rule.period)] = (rule.priority, r)
    for key, (_, r) in list(chosen.items()):
        outer = _enclosing_total(table, r, [t for t, rule in matches.items() if (rule.concept, rule.period) == key])
        if outer is not None:
            chosen[key] = (matches[outer].priority, outer)
    by_concept = {c: r for (c, kind), (_, r) in chosen.items() if kind != "start"}
    starts = {c: r for (c, kind), (_, r) in chosen.items() if kind == "start"}
    for fallback_from, fallback_to, unless in FALLBACKS:
        if fallback_from in by_concept and fallback_to not in by_concept and \
                not any(re.search(unless, row.label, re.I) for row in table.rows):
            by_concept[fallback_to] = by_concept.pop(fallback_from)
    if table.statement == "cash_flow" and structure.after_restricted_cash(table):
        for rows_of in (by_concept, starts):
            for plain, restricted in RESTRICTED_CASH_FLOW:
                if plain in rows_of and restricted not in rows_of:
                    rows_of[restricted] = rows_of.pop(plain)
    structure.interest_by_era(table, by_concept)
    whole = structure.whole_nonoperating(table, by_concept, m.amount_columns)
    margin = structure.unlabelled_margin(table, by_concept, m.amount_columns)
    alternates = {r: rule.alternate for r, rule in matches.items() if rule.alternate}
    amounts = [v for v, amount in zip(range(len(table.columns)), m.amount_columns, strict=True) if amount]
    for concept, r in [*by_concept.items(), *starts.items()]:
        rule = matches[r] if matches[r].concept == concept else replace(matches[r], concept=concept)
        table.rows[r].concept = concept
        m.rules[r] = rule
        m.factors[r] = _factor(table, r, rule, amounts)
    for r, alternate in alternates.items():
        if r not in m.rules and alternate not in by_concept:
            rule = replace(matches[r], concept=alternate)
            table.rows[r].concept = alternate
            m.rules[r] = rule
            m.factors[r] = _factor(table, r, rule, amounts)
            by_concept[alternate] = r
    for r in m.rules:
        m.mapped_by[r] = "rule"
    if margin is not None:
        from form8k.statements.concepts import ConceptRule

        rule = ConceptRule(concept="GrossProfit", statement="income", label=_ANY, section=None, unit="USD",
                           sign="printed", period="duration", priority=1, alternate=None, line=0)
        table.rows[margin].concept = rule.concept
        m.rules[margin] = rule
        m.factors[margin] = 1
        m.mapped_by[margin] = "rule"
    diluted = structure.diluted_numerator(m, by_concept)
    if diluted is not None:
        m.also[diluted] = replace(m.rules[diluted], concept="NetIncomeLossAvailableToCommonStockholdersDiluted")
    if whole is not None and whole in m.rules and "NonoperatingIncomeExpense" not in by_concept:
        m.also[whole] = replace(m.rules[whole], concept="NonoperatingIncomeExpense")
    _map_remaining(m, set(by_concept), amounts)


_START = re.compile(r"\b(?:beginning|start) of (?:the )?(?:period|year|quarter|fiscal)", re.I)
_END = re.compile(r"\bend of (?:the )?(?:period|year|quarter|fiscal)", re.I)


def _map_remaining(m: MappedTable, used: set[str], amounts: list[int]) -> None:
    """Every other data or total row of a primary statement: the concept filers give its label, else a
    `form8k:` extension concept named from it, so that no row of the statement is dropped."""
    from form8k.statements.concepts import normalize_label
    from form8k.statements.labels import lookup, nearest, row_sections

    table = m.table
    labels = [normalize_label(row.label) for row in table.rows]
    sections = row_sections(table)
    taken = set(used) | {row.concept for row in table.rows if row.concept}
    suffixes: dict[str, int] = {}
    headings = _headings(table)
    rows = [r for r, row in enumerate(table.rows)
            if r not in m.rules and row.kind in ("data", "total") and row.unit != "pure" and row.label.strip()
            and any(row.values[k] is not None for k in amounts if k < len(row.values))]
    # a label filers print as it stands goes before one only like it: the near one never takes its concept.
    # A label the table does not hold takes the concept filers most often give the line it names.
    exact = {r: lookup(table.statement, sections[r], labels[r], near=False)
             or _by_default(table, r, labels[r], sections[r]) for r in rows}
    exact_concepts = {hit.concept for hit in exact.values() if hit is not None}
    for r in rows:
        hit = exact[r]
        if hit is None:
            hit = nearest(table.statement, sections[r], labels[r])
            if hit is not None and hit.concept in exact_concepts:
                hit = None
        _map_row(m, r, hit, labels, sections, headings, taken, suffixes, amounts)


def _by_default(table: Table, r: int, label: str, section: str) -> LabelConcept | None:
    from form8k.statements.concepts import match_default
    from form8k.statements.labels import LabelConcept

    rule = match_default(label, table.statement, table.rows[r].unit or "USD", section)
    return None if rule is None else LabelConcept(concept=rule.concept, sign=rule.sign, filers=0, share=1.0)


def _map_row(m: MappedTable, r: int, hit: LabelConcept | None, labels: list[str], sections: list[str],
             headings: list[str], taken: set[str], suffixes: dict[str, int], amounts: list[int]) -> None:
    """Row `r` under the concept the label table gives it, else under an extension concept named from it."""
    from form8k.statements.concepts import ConceptRule, concept_direction
    from form8k.statements.labels import extension_concept
    from form8k.statements.tables import structure

    table, row = m.table, m.table.rows[r]
    period = "instant" if table.statement == "balance" else "duration"
    if table.statement == "cash_flow" and _START.search(labels[r]):
        period = "start"
    elif table.statement == "cash_flow" and _END.search(labels[r]):
        period = "end"
    if hit is not None:
        hit = structure.concept_of_the_era(table, hit, taken)
    if hit is not None and hit.concept not in taken:
        concept, sign, how = hit.concept, hit.sign, "labels"
        if sign == "printed" and table.statement == "income" and concept_direction(concept) == "debit":
            sign = "expense"  # a cost printed as a deduction by this filer, as printed by the table's source
        sign = structure.working_capital_sign(table.statement, concept) or sign
    else:
        concept = extension_concept(row.label, taken, headings[r] or sections[r], suffixes)
        sign = structure.extension_sign(table, r, labels[r], sections[r], amounts, row.section or headings[r])
        how = "extension"
    taken.add(concept)
    rule = ConceptRule(concept=concept, statement=table.statement, label=_ANY, section=None,
                       unit=row.unit or "USD", sign=sign, period=period, priority=9, alternate=None, line=0)
    row.concept = concept
    m.rules[r] = rule
    m.mapped_by[r] = how
    m.factors[r] = _factor(table, r, rule, amounts)


_ANY = re.compile("")


def _factor(table: Table, r: int, rule: ConceptRule, amounts: list[int]) -> int:
    """How row `r`'s printed numbers become `rule`'s concept values: as its two-way label says
    ("Benefit (provision) for income taxes"), else by the rule's sign convention."""
    from form8k.statements.concepts import label_sign, sign_factor

    row = table.rows[r]
    by_label = label_sign(row.label, rule.concept, table.statement)
    return by_label if by_label is not None else sign_factor(rule, [row.values[k] for k in amounts])


def _enclosing_total(table: Table, r: int, candidates: list[int]) -> int | None:
    """A later total row matching the same concept that sums the block `r` is part of ("Total revenues and
    other income" over "Sales and other operating revenue"): the concept names the whole, not a part."""
    if table.rows[r].kind == "total":
        return None
    for t in sorted(c for c in candidates if c > r):
        total = table.rows[t]
        if total.kind != "total" and not total.label.lower().startswith("total"):
            continue
        if any(row.kind == "total" for row in table.rows[r + 1:t]):
            return None
        pairs = [(a, b) for a, b in zip(table.rows[r].values, total.values, strict=False)
                 if a is not None and b is not None]
        if pairs and all(abs(b) >= abs(a) for a, b in pairs) and any(abs(b) > abs(a) for a, b in pairs):
            return t
        return None
    return None


def _headings(table: Table) -> list[str]:
    """For each row, the label of the heading row it sits under ("Cost of sales:" over "Products"); "" after a
    total row closes the heading's block, or above any heading."""
    out: list[str] = []
    current = ""
    for row in table.rows:
        out.append(current)
        if row.kind == "section":
            current = row.label
        elif row.kind == "total":
            current = ""
    return out
