"""A filing record for people: a rich terminal summary and Markdown."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from form8k.models import Column, Filing
from form8k.statements import HeadlineRow, headline
from form8k.statements.coverage import is_earnings


def fmt_amount(value: Decimal | None, unit: str = "USD") -> str:
    """A value as a reader would write it: `$12,072,000`, `$(0.07)`, `41,571,000 shares`."""
    if value is None:
        return "—"
    if unit == "USD/share":
        text = f"{abs(value):,.2f}"
        return f"$({text})" if value < 0 else f"${text}"
    if unit == "pure":
        return f"{value:,}"
    text = f"{abs(value):,.0f}" if value == value.to_integral_value() else f"{abs(value):,}"
    if unit == "shares":
        return f"-{text} shares" if value < 0 else f"{text} shares"
    return f"$({text})" if value < 0 else f"${text}"


# --- the headline card -------------------------------------------------------------

VERDICT_MARK = {"confirmed": "✓ confirmed", "found": "found", "missing": "✗ missing"}


def card(filing: Filing) -> list[HeadlineRow]:
    """The headline card of a filing with statement facts or about earnings; none for the others."""
    if not filing.facts and not is_earnings(filing):
        return []
    return headline(filing)


def card_value(value: Decimal | None, unit: str) -> str:
    """A card figure with thousands separators; a figure not found is a dash beside "missing", never 0."""
    return "—" if value is None else fmt_amount(value, unit)


def card_change(row: HeadlineRow) -> str:
    """`+9.2%`, `−1.5%`, or `—` when either side is missing (or the year before is 0)."""
    change = row.change
    if change is None:
        return "—"
    return f"{'+' if change >= 0 else '−'}{abs(change):,.1f}%"


def card_title(rows: list[HeadlineRow]) -> str:
    """The card's period: `3 months to 2006-12-31 against the year before`."""
    first = next((r for r in rows if r.period_end is not None), None)
    if first is None:
        return "no period reported"
    prior = next((r.prior_end for r in rows if r.prior_end is not None and r.period_months == first.period_months),
                 None)
    span = f"{first.period_months} months to {first.period_end}" if first.period_months else f"{first.period_end}"
    return span + (f" against {prior}" if prior else " against the year before")


def card_label(row: HeadlineRow, rows: list[HeadlineRow]) -> str:
    """The figure's name, with its period when it is not the card's (a year-to-date cash flow)."""
    months = next((r.period_months for r in rows if r.period_end is not None), None)
    if row.value is not None and row.period_months != months and row.period_months:
        return f"{row.label} ({row.period_months} months)"
    return row.label


# --- Markdown ----------------------------------------------------------------------


def _md_card(f: Filing) -> list[str]:
    rows = card(f)
    if not rows:
        return []
    lines = [f"## Headline: {card_title(rows)}", "", "| | value | verdict | year before | verdict | change |",
             "|---|---:|---|---:|---|---:|"]
    for r in rows:
        lines.append(f"| {card_label(r, rows)} | {card_value(r.value, r.unit)} | {VERDICT_MARK[r.status]} | "
                     f"{card_value(r.prior, r.unit)} | {VERDICT_MARK[r.prior_status]} | {card_change(r)} |")
    lines.append("")
    return lines


def _md_escape(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _md_overview(f: Filing) -> list[str]:
    c = f.cover
    lines = [f"# {c.registrant or (f.header.company_name if f.header else None) or 'Unknown registrant'} — "
             f"{c.form_type or 'filing'} of {c.date_of_report or '?'}", "",
             f"Status: **{f.status}** · source `{f.source.format}` · sha256 `{f.source.sha256[:12]}…`", ""]
    lines += _md_card(f)
    if f.problems:
        lines += ["## Problems", ""] + [f"- `{p.code}` {p.message}" for p in f.problems] + [""]
    lines += ["## Cover", "", "| field | value |", "|---|---|"]
    for field in ("form_type", "date_of_report", "registrant", "cik", "state_of_incorporation",
                  "commission_file_number", "irs_employer_id", "address", "phone", "emerging_growth_company"):
        lines.append(f"| {field} | {_md_escape(str(getattr(c, field)) if getattr(c, field) is not None else '—')} |")
    if c.trading_symbols:
        syms = ", ".join(f"{s.symbol} ({s.exchange or '?'})" for s in c.trading_symbols)
        lines.append(f"| trading symbols | {_md_escape(syms)} |")
    for d in c.disagreements:
        lines.append(f"| header disagrees: {d.field} | cover {_md_escape(d.cover)} · header {_md_escape(d.header)} |")
    lines.append("")
    return lines


def _md_items(f: Filing) -> list[str]:
    lines = ["## Items", ""]
    lines += [f"- **Item {i.number}** {i.title or ''}" for i in f.items] or ["None found."]
    lines += ["", "## Exhibits", ""]
    lines += [f"- **{e.number}** {_md_escape(e.description)}{' — press release' if e.is_press_release else ''}"
              for e in f.exhibits] or ["None."]
    lines += ["", "## Signatures", ""]
    lines += [f"- {s.name or '?'}, {s.title or '—'}, {s.date or '—'}" for s in f.signatures] or ["None found."]
    lines.append("")
    return lines


def _md_column(col: Column) -> str:
    if col.period_end is None:
        return col.label or "?"
    span = "instant" if col.period_months == 0 else f"{col.period_months}m" if col.period_months else "?"
    return f"{col.period_end} ({span})" + (f" {col.basis}" if col.basis and col.basis != "gaap" else "")


def _md_statements(f: Filing) -> list[str]:
    """The statement tables with their concepts, then the checks that prove (or question) them."""
    if not f.tables:
        return []
    lines = ["## Statements", ""]
    confirmed = sum(x.confirmed for x in f.facts)
    derived = [x for x in f.facts if x.source == "derived"]
    lines += [f"{len(f.tables)} tables, {len(f.facts)} facts ({confirmed} confirmed by a check"
              + (f", {len(derived)} derived" if derived else "") + ").", ""]
    for t in f.tables:
        if t.statement == "other":
            continue
        scale = {1: "", 10**3: " · in thousands", 10**6: " · in millions", 10**9: " · in billions"}.get(t.scale, "")
        lines += [f"### {t.statement}: {_md_escape(t.title) or 'untitled'}{scale}", ""]
        heads = [_md_column(col) for col in t.columns]
        lines.append("| | " + " | ".join(_md_escape(h) for h in heads) + " | concept |")
        lines.append("|---" * (len(heads) + 2) + "|")
        for r in t.rows:
            if r.kind == "rejected":
                lines.append(f"| ~~{_md_escape(r.label) or 'noise'}~~ | " + " | ".join(_md_escape(x) for x in r.raw)
                             + " | rejected |")
                continue
            label = ("&nbsp;" * 2 * r.depth) + (f"**{_md_escape(r.label)}**" if r.is_total else _md_escape(r.label))
            cells = [fmt_amount(v, r.unit or "USD") if v is not None else "" for v in r.values]
            lines.append(f"| {label} | " + " | ".join(cells) + f" | {r.concept or ''} |")
        checks = [c for c in f.checks if c.table == t.index]
        if checks:
            lines += ["", f"Checks: {sum(c.status == 'pass' for c in checks)} pass, "
                          f"{sum(c.status == 'fail' for c in checks)} fail, "
                          f"{sum(c.status == 'skipped' for c in checks)} skipped."]
        lines.append("")
    failed = [c for c in f.checks if c.status == "fail"]
    lines += [f"Checks: {sum(c.status == 'pass' for c in f.checks)} pass, {len(failed)} fail, "
              f"{sum(c.status == 'skipped' for c in f.checks)} skipped.", ""]
    lines += [f"- ✗ `{c.rule}` {_md_escape(c.detail)}" for c in failed]
    lines += [f"- derived `{x.concept}` {x.period_end} = {fmt_amount(x.value, x.unit)} from {_md_escape(x.derived_from)}"
              for x in derived]
    lines.append("")
    return lines


_STATUS_MARK = {"agrees": "✓ agrees", "contradicts": "✗ **contradicts**", "unverifiable": "· unverifiable"}


def _md_period(end: object, months: int | None) -> str:
    if end is None:
        return "—"
    return f"{end}" if months == 0 else f"{months}m to {end}"


def _md_release(f: Filing) -> list[str]:
    pr = f.press_release
    if pr is None and not f.mentions:
        return []
    lines = ["## Press release", ""]
    if pr is not None:
        if pr.headline:
            lines += [f"**{_md_escape(pr.headline)}**", ""]
        for sub in (pr.subheadline or "").split("\n"):
            if sub.strip():
                lines.append(f"_{_md_escape(sub)}_  ")
        if pr.subheadline:
            lines.append("")
        if pr.dateline is not None:
            d = pr.dateline
            lines.append(f"- Dateline: {', '.join(x for x in (d.city, d.state) if x)} — {d.date or 'undated'}")
        if pr.company:
            lines.append(f"- Issuer: {_md_escape(pr.company)}")
        if pr.tickers:
            lines.append("- Tickers: " + ", ".join(f"{t.exchange or '?'}: {t.symbol}" for t in pr.tickers))
        if pr.fiscal_year is not None:
            quarter = f"Q{pr.fiscal_quarter} " if pr.fiscal_quarter else ""
            lines.append(f"- Reports {quarter}FY{pr.fiscal_year}"
                         + (f", period ended {pr.period_end}" if pr.period_end else "")
                         + (f" (fiscal years end {pr.fiscal_year_end})" if pr.fiscal_year_end else ""))
        lines.append("")
        if pr.contacts:
            lines += ["### Contacts", "", "| role | name | title | organization | phone | e-mail |",
                      "|---|---|---|---|---|---|"]
            lines += [f"| {c.role or '—'} | {_md_escape(c.name) or '—'} | {_md_escape(c.title) or '—'} | "
                      f"{_md_escape(c.organization) or '—'} | {c.phone or '—'} | {c.email or '—'} |"
                      for c in pr.contacts]
            lines.append("")
        if pr.quotes:
            lines += ["### Quotes", ""]
            for q in pr.quotes:
                text = q.text if len(q.text) <= 400 else q.text[:400].rsplit(" ", 1)[0] + " …"
                who = f"**{_md_escape(q.speaker) or 'unattributed'}**" + (f", {_md_escape(q.title)}" if q.title else "")
                lines += [f"> “{_md_escape(text)}”", f"> — {who}", ""]
        call = pr.conference_call
        if call is not None:
            lines += ["### Conference call", ""]
            for label, value in (("date", call.date), ("time", call.time), ("dial-in", call.phone),
                                 ("international", call.international_phone), ("passcode", call.passcode),
                                 ("webcast", call.url), ("replay dial-in", call.replay_phone),
                                 ("replay until", call.replay_until)):
                if value:
                    lines.append(f"- {label}: {_md_escape(str(value))}")
            lines.append("")
    lines += _md_mentions(f) + _md_guidance(f)
    return lines


def _md_mentions(f: Filing) -> list[str]:
    if not f.mentions:
        return []
    counts = {s: sum(m.status == s for m in f.mentions) for s in ("agrees", "contradicts", "unverifiable")}
    lines = ["### Numbers in the prose", "",
             f"{len(f.mentions)} amounts: {counts['agrees']} agree with the statements, "
             f"**{counts['contradicts']} contradict them**, {counts['unverifiable']} cannot be checked.", ""]
    contradictions = [m for m in f.mentions if m.status == "contradicts"]
    if contradictions:
        lines += ["#### ⚠ Contradictions", ""]
        for m in contradictions:
            lines.append(f"- ✗ “{_md_escape(m.text)}” ({_md_escape(m.metric) or 'no metric'}, "
                         f"{_md_period(m.period_end, m.period_months)}): {_md_escape(m.detail)}")
        lines.append("")
    lines += ["| amount | metric | period | status | statement value | note |", "|---|---|---|---|---|---|"]
    for m in f.mentions:
        flags = f" ({', '.join(m.flags)})" if m.flags else ""
        kind = "" if m.kind == "value" else f" [{m.kind}]"
        stated = fmt_amount(m.fact_value, "USD" if m.unit in ("percent", "count") else m.unit) \
            if m.fact_value is not None and m.kind == "value" else \
            (f"{m.fact_value:.2f}%" if m.fact_value is not None else "—")
        note = "" if m.status == "agrees" else _md_escape(m.detail or "")
        if len(note) > 90:
            note = note[:90].rsplit(" ", 1)[0] + " …"
        lines.append(f"| {_md_escape(m.text)} | {_md_escape(m.metric) or '—'}{kind}{_md_escape(flags)} | "
                     f"{_md_period(m.period_end, m.period_months)} | {_STATUS_MARK.get(m.status, m.status)} | {stated} | "
                     f"{note} |")
    lines.append("")
    return lines


def _md_guidance(f: Filing) -> list[str]:
    if not f.guidance:
        return []
    lines = ["### Guidance", "", "| metric | period | expected | previous | direction |", "|---|---|---|---|---|"]
    for g in f.guidance:
        if g.point is not None:
            expected = f"{g.point}%" if g.unit == "percent" else fmt_amount(g.point, g.unit)
        else:
            expected = f"{g.low}–{g.high}%" if g.unit == "percent" else \
                f"{fmt_amount(g.low, g.unit)} to {fmt_amount(g.high, g.unit)}"
        previous = f"{fmt_amount(g.previous.low, g.unit)} to {fmt_amount(g.previous.high, g.unit)}" \
            if g.previous is not None else "—"
        lines.append(f"| {_md_escape(g.metric)} | {g.fiscal_period or '—'} | {expected} | {previous} | "
                     f"{g.direction or '—'} |")
    lines.append("")
    return lines


MARKDOWN_SECTIONS: list[Callable[[Filing], list[str]]] = [_md_overview, _md_items, _md_statements, _md_release]


def statements_markdown(filing: Filing) -> str:
    """The statement tables of any document as Markdown: problems, tables with concepts, checks."""
    name = filing.source.path or "document"
    lines = [f"# Statements of {_md_escape(name)}", "", f"Status: **{filing.status}** · source "
             f"`{filing.source.format}` · {len(filing.facts)} facts", ""]
    if filing.problems:
        lines += ["## Problems", ""] + [f"- `{p.code}` {_md_escape(p.message)}" for p in filing.problems] + [""]
    lines += _md_statements(filing) or ["No statement tables found.", ""]
    return "\n".join(lines) + "\n"


def markdown(filing: Filing) -> str:
    """The record as a Markdown report."""
    out: list[str] = []
    for section in MARKDOWN_SECTIONS:
        out.extend(section(filing))
    return "\n".join(out) + "\n"


# --- terminal summary ------------------------------------------------------------


def summary(filing: Filing) -> None:
    """Print a readable summary of the record to the terminal."""
    import os
    import sys

    from rich.console import Console
    from rich.table import Table

    # piped output is not cut to 80 columns (COLUMNS sets the width), as the store's listings
    console = Console(width=None if sys.stdout.isatty() else int(os.environ.get("COLUMNS") or 200))
    c = filing.cover
    style = {"ok": "green", "partial": "yellow", "failed": "red"}[filing.status]
    console.print(f"[bold]{c.registrant or 'Unknown registrant'}[/bold]  {c.form_type or ''}  "
                  f"{c.date_of_report or ''}  [{style}]{filing.status}[/{style}]")
    rows = card(filing)
    if rows:
        console.print(_card_table(rows))
    cover = Table(show_header=False, box=None, pad_edge=False)
    for field in ("cik", "state_of_incorporation", "commission_file_number", "irs_employer_id", "address", "phone"):
        value = getattr(c, field)
        if value:
            cover.add_row(field.replace("_", " "), str(value))
    if c.trading_symbols:
        cover.add_row("trading symbols", ", ".join(f"{s.symbol} ({s.exchange or '?'})" for s in c.trading_symbols))
    console.print(cover)
    for item in filing.items:
        console.print(f"  Item {item.number}  {item.title or ''}")
    for ex in filing.exhibits:
        mark = "  [cyan]press release[/cyan]" if ex.is_press_release else ""
        console.print(f"  Exhibit {ex.number}  {ex.description or ''}{mark}")
    for sig in filing.signatures:
        console.print(f"  Signed: {sig.name or '?'}{', ' + sig.title if sig.title else ''}"
                      f"{'  ' + str(sig.date) if sig.date else ''}")
    statements = [t for t in filing.tables if t.statement != "other"]
    if filing.tables:
        passed = sum(ch.status == "pass" for ch in filing.checks)
        failed = sum(ch.status == "fail" for ch in filing.checks)
        console.print(f"  Tables: {len(filing.tables)} ({len(statements)} statements), facts: {len(filing.facts)}, "
                      f"checks: [green]{passed} pass[/green], [red]{failed} fail[/red]")
    if filing.press_release is not None and filing.press_release.headline:
        console.print(f"  Press release: {filing.press_release.headline}")
    if filing.mentions:
        agree = sum(m.status == "agrees" for m in filing.mentions)
        contra = sum(m.status == "contradicts" for m in filing.mentions)
        console.print(f"  Mentions: {len(filing.mentions)} ({agree} agree, [red]{contra} contradict[/red])")
    for p in filing.problems:
        console.print(f"  [yellow]problem[/yellow] {p.code}: {p.message}")


_VERDICT_STYLE = {"confirmed": "green", "found": "yellow", "missing": "red"}


def _card_table(rows: list[HeadlineRow]) -> object:
    from rich import box
    from rich.table import Table

    table = Table(title=f"Headline: {card_title(rows)}", title_justify="left", title_style="bold",
                  header_style="bold", box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1), pad_edge=False)
    cells = [(card_label(r, rows), card_value(r.value, r.unit), r.status, card_value(r.prior, r.unit),
              r.prior_status, card_change(r)) for r in rows]
    for i, (name, justify) in enumerate((("", "left"), ("value", "right"), ("verdict", "left"),
                                         ("year before", "right"), ("verdict", "left"), ("change", "right"))):
        amounts = i in (1, 3, 5)  # amounts are never cut
        table.add_column(name, justify=justify, no_wrap=True,  # type: ignore[arg-type]
                         min_width=max(len(str(c[i])) for c in cells) if amounts else None)
    for label, value, now, prior, then, change in cells:
        a, b = _VERDICT_STYLE[now], _VERDICT_STYLE[then]
        table.add_row(label, value, f"[{a}]{VERDICT_MARK[now]}[/{a}]", prior, f"[{b}]{VERDICT_MARK[then]}[/{b}]",
                      change)
    return table


def statements_summary(filing: Filing) -> None:
    """Print the statements of a document: each primary statement with its periods and facts."""
    from rich.console import Console

    console = Console()
    style = {"ok": "green", "partial": "yellow", "failed": "red"}[filing.status]
    console.print(f"[bold]{filing.source.path or 'document'}[/bold]  [{style}]{filing.status}[/{style}]")
    for t in filing.tables:
        if t.statement == "other":
            continue
        facts = [x for x in filing.facts if x.table == t.index]
        periods = ", ".join(_md_column(c) for c in t.columns)
        console.print(f"  {t.statement:<10} {t.title or 'untitled'}  [dim]{periods}[/dim]  {len(facts)} facts")
    passed = sum(ch.status == "pass" for ch in filing.checks)
    failed = sum(ch.status == "fail" for ch in filing.checks)
    confirmed = sum(x.confirmed for x in filing.facts)
    console.print(f"  Tables: {len(filing.tables)}, facts: {len(filing.facts)} ({confirmed} confirmed), "
                  f"checks: [green]{passed} pass[/green], [red]{failed} fail[/red]")
    for p in filing.problems:
        console.print(f"  [yellow]problem[/yellow] {p.code}: {p.message}")
