"""Cutting the canonical text at span boundaries, and laying out charts: the pieces under the filing and
company pages."""

from __future__ import annotations

import datetime as dt
import doctest
import math
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from form8k.web import charts, highlight
from form8k.web.charts import build_chart, nice_ticks, short_amount
from form8k.web.highlight import Mark, segments, usable


def test_module_examples() -> None:
    assert doctest.testmod(highlight).failed == 0


def test_overlapping_and_nested_marks() -> None:
    text = "net loss of $3.0 million, or $0.07"
    marks = [Mark("f-0", "fact", 12, 24, "fact"), Mark("m-0", "mention mention-agrees", 12, 16, "mention"),
             Mark("m-1", "mention", 20, 34), Mark("g-0", "guidance", 40, 45), Mark("f-1", "fact", 5, 5)]
    got = [(s.text, s.keys, s.anchors) for s in segments(text, marks, [("i-0", 0), ("d-9", 99)])]
    assert got == [("net loss of ", (), ("i-0",)),
                   ("$3.0", ("f-0", "m-0"), ("f-0", "m-0")),
                   (" mil", ("f-0",), ()),
                   ("lion", ("f-0", "m-1"), ("m-1",)),
                   (", or $0.07", ("m-1",), ())]
    both = segments(text, marks)[1]
    assert both.kinds == "fact mention mention-agrees" and both.title == "fact\nmention"


def test_no_marks_leaves_the_text_whole() -> None:
    assert [(s.text, s.keys) for s in segments("plain", [])] == [("plain", ())]
    assert segments("", [Mark("f-0", "fact", 0, 1)]) == []


spans = st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45)), max_size=8)


@given(text=st.text(max_size=40), marks=spans, anchors=st.lists(st.integers(-3, 45), max_size=4))
def test_segments_rebuild_the_text_and_cover_each_character_with_its_marks(
        text: str, marks: list[tuple[int, int]], anchors: list[int]) -> None:
    given_marks = [Mark(f"f-{i}", "fact", a, b) for i, (a, b) in enumerate(marks)]
    cut = segments(text, given_marks, [(f"a-{i}", at) for i, at in enumerate(anchors)])
    assert "".join(s.text for s in cut) == text
    assert all(s.text for s in cut)
    position = 0
    starts: dict[str, int] = {}
    for segment in cut:
        for key in segment.anchors:
            starts[key] = position
        for offset in range(len(segment.text)):
            at = position + offset
            assert segment.keys == tuple(m.key for m in given_marks
                                         if usable(m.start, m.end, len(text)) and m.start <= at < m.end)
        position += len(segment.text)
    for mark in given_marks:
        if usable(mark.start, mark.end, len(text)):
            assert starts[mark.key] == mark.start
        else:
            assert mark.key not in starts
    for i, at in enumerate(anchors):
        assert starts.get(f"a-{i}") == (at if 0 <= at < len(text) else None)


@given(low=st.floats(-1e13, 1e13), spread=st.floats(0, 1e13))
def test_nice_ticks_cover_the_range_in_round_steps(low: float, spread: float) -> None:
    high = low + spread
    ticks = nice_ticks(low, high)
    assert ticks[0] <= low + 1e-6 * max(1.0, abs(low)) and ticks[-1] >= high - 1e-6 * max(1.0, abs(high))
    assert 2 <= len(ticks) <= 12
    steps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert min(steps) > 0 and max(steps) / min(steps) < 1 + 1e-6
    mantissa = max(steps) / 10 ** math.floor(math.log10(max(steps)))
    assert any(abs(mantissa - m) < 1e-6 for m in (1, 2, 5, 10))


def _fact(day: dt.date, value: str, months: int = 3, index: int = 0) -> dict[str, object]:
    return {"concept": "NetIncomeLoss", "period_end": day, "period_months": months, "value": Decimal(value),
            "unit": "USD", "filing_id": "0000000001-07-000001", "fact_index": index}


def test_a_chart_keeps_its_points_inside_the_plot_and_draws_zero() -> None:
    facts = [_fact(dt.date(2005, 12, 31), "-3502000"), _fact(dt.date(2006, 12, 31), "1200000", index=1),
             _fact(dt.date(2006, 12, 31), "-9298000", months=6, index=2)]
    chart = build_chart("Net income (loss)", "NetIncomeLoss", facts, lambda v, u: f"{v} {u}")
    assert [s.name for s in chart.series] == ["3 months", "6 months"]
    points = [p for s in chart.series for p in s.points]
    assert all(chart.left <= p.x <= chart.right and chart.top <= p.y <= chart.bottom for p in points)
    assert chart.zero_y is not None and chart.top < chart.zero_y < chart.bottom
    above, below = chart.series[0].points[1], chart.series[0].points[0]
    assert above.y < chart.zero_y < below.y
    assert chart.series[0].path.startswith("M") and " L" in chart.series[0].path
    assert points[0].label == "2005-12-31 · 3 months · -3502000 USD"
    assert [t.label for t in chart.x_ticks][0] == "Dec 2005"


def test_a_single_point_sits_in_the_middle() -> None:
    chart = build_chart("Total assets", "Assets", [_fact(dt.date(2006, 6, 30), "94128000", months=0)],
                        lambda v, u: str(v))
    (point,) = chart.series[0].points
    assert point.x == (chart.left + chart.right) / 2 and chart.series[0].name == "instant"
    assert [t.label for t in chart.y_ticks][0] == "$0" and chart.x_ticks[0].label == "2006-06-30"


def test_an_empty_chart_and_tick_labels() -> None:
    assert build_chart("Revenues", None, [], str).empty
    assert [short_amount(v, u) for v, u in [(12_072_000, "USD"), (-3e9, "USD"), (0.07, "USD/share"),
                                             (-0.0, "USD/share"), (41_571_000, "shares"), (2.5, "pure")]] == [
        "$12.1M", "-$3B", "$0.07", "$0.00", "41.6M sh", "2.5"]
    assert charts.period_name(1) == "1 month" and charts.period_name(None) == "period unknown"


def test_tab_separated_lines_in_a_table_span_become_a_table_with_every_character_kept() -> None:
    from form8k.web.highlight import blocks, table_regions

    text = ("Results\nQuarter\tYear\n2024\t2023\t2024\t2023\nSales\t$\t10\t$\t9\t40\t(3\t)\nCOSTS:\n"
            "Cost\t5\t4\t20\t18\n5\t4\t20\t18\nEnd of text.")
    start = text.index("Quarter")
    end = text.index("\nEnd")
    sales = text.index("10")
    marks = [Mark("f-0", "fact", sales, sales + 2), Mark("f-1", "fact", text.index("(3"), text.index("(3") + 4)]
    regions = table_regions(text, [(start + 3, end - 2)])
    assert regions == [(start, end + 1)]
    out = blocks(segments(text, marks), regions)
    assert [b.rows is None for b in out] == [True, False, True]
    assert "".join(p.text for p in out[0].pieces) == "Results\n"
    rows = out[1].rows
    assert rows is not None
    shown = [[(c.text.strip(), c.colspan) for c in r] for r in rows]
    assert shown == [
        [("", 1), ("Quarter", 2), ("Year", 2)],
        [("", 1), ("2024", 1), ("2023", 1), ("2024", 1), ("2023", 1)],
        [("Sales", 1), ("$\t10", 1), ("$\t9", 1), ("40", 1), ("(3\t)", 1)],  # signs join their figure
        [("COSTS:", 5)],
        [("Cost", 1), ("5", 1), ("4", 1), ("20", 1), ("18", 1)],
        [("", 1), ("5", 1), ("4", 1), ("20", 1), ("18", 1)],
    ]
    assert [p.keys for p in rows[2][1].pieces] == [(), ("f-0",), ()]  # "$\t", "10", "\t"
    rebuilt = "".join(p.text for b in out for p in (b.pieces if b.rows is None else
                                                   [p for r in b.rows for c in r for p in c.pieces]))
    assert rebuilt == text
    # Text without tabs (a plain-text source's table) stays text.
    assert table_regions("a  1  2\nb  3  4\n", [(0, 10)]) == []
