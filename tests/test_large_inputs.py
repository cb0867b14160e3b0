"""Hostile input classes bench/scaling.py times: each is read in time linear in its size.

These tests assert what form8k does with such input, never how long it takes.
"""

from __future__ import annotations

from form8k.statements.labels import extension_concept


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
