"""Hostile input classes bench/scaling.py times: each is read in time linear in its size.

These tests assert what form8k does with such input, never how long it takes.
"""

from __future__ import annotations

from form8k.pipeline import statements
from form8k.statements.labels import extension_concept
from form8k.statements.tables.grid import MAX_ROWS


def test_rows_of_one_label_take_the_lowest_free_numbered_extension_in_order() -> None:
    taken = {"form8k:NetRevenue", "form8k:NetRevenue3"}
    suffixes: dict[str, int] = {}
    names = []
    for _ in range(4):
        name = extension_concept("Net revenue", taken, "", suffixes)
        taken.add(name)
        names.append(name)
    assert names == ["form8k:NetRevenue2", "form8k:NetRevenue4", "form8k:NetRevenue5", "form8k:NetRevenue6"]
    # the same names as a search from 2 each time
    again: set[str] = {"form8k:NetRevenue", "form8k:NetRevenue3"}
    for expected in names:
        assert extension_concept("Net revenue", again) == expected
        again.add(expected)


def _long_statement(rows: int) -> bytes:
    body = "".join(f"<tr><td>{('Net revenue', 'Cost of revenue', 'Other income, net')[i % 3]}</td>"
                   f"<td>$</td><td>{1000 + i:,}</td><td>$</td><td>{2000 + i:,}</td></tr>\n" for i in range(rows))
    return ("<html><body><p>ACME CORP</p><p>CONSOLIDATED STATEMENTS OF OPERATIONS</p><p>(in thousands)</p>"
            "<table><tr><td></td><td colspan=2>Year Ended December 31, 2024</td>"
            "<td colspan=2>Year Ended December 31, 2023</td></tr>\n" + body + "</table></body></html>").encode()


def test_a_table_longer_than_any_statement_is_cut_with_a_problem() -> None:
    filing = statements([("long.htm", _long_statement(MAX_ROWS + 500))])
    cut = [p for p in filing.problems if p.code == "table_cut"]
    assert len(cut) == 1 and "501 rows past the first" in cut[0].message
    table = filing.tables[0]
    assert MAX_ROWS - 5 <= len(table.rows) <= MAX_ROWS
    assert table.rows[0].label == "Net revenue" and table.rows[0].values[0] == 1_000_000  # in thousands


def test_a_table_within_the_limit_is_read_whole_without_a_problem() -> None:
    filing = statements([("short.htm", _long_statement(300))])
    assert not [p for p in filing.problems if p.code == "table_cut"]
    assert len(filing.tables[0].rows) == 300
    # every row keeps a concept of its own, the repeated labels numbered in order
    concepts = [row.concept for row in filing.tables[0].rows]
    assert len(set(concepts)) == 300
