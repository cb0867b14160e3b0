"""Charts of a company's core figures over time, laid out here and drawn as inline SVG by a template.

Only geometry is computed here (positions, ticks, labels as plain strings);
the template writes the SVG with every label escaped, so nothing is fetched
from anywhere and no filing text reaches the page unescaped.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 84, 40, 16, 40
COLOURS = ("#1f5fa8", "#c2571a", "#2e7d32", "#7b3fa0", "#8d6e00")

# The charts of the company page: a title and the concepts that may stand for it, first found wins.
CORE_CHARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Revenues", ("Revenues",)),
    ("Net income (loss)", ("NetIncomeLoss",)),
    ("Earnings per share", ("EarningsPerShareDiluted", "EarningsPerShareBasicAndDiluted", "EarningsPerShareBasic")),
    ("Total assets", ("Assets",)),
)
CORE_CONCEPTS: tuple[str, ...] = tuple(c for _, concepts in CORE_CHARTS for c in concepts)


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    period_end: dt.date
    value: Decimal
    label: str  # "2006-12-31 · 3 months · $12,072,000"
    filing_id: str
    fact_index: int


@dataclass(slots=True)
class Series:
    name: str  # "3 months", "12 months", "instant"
    period_months: int | None
    colour: str
    points: list[Point] = field(default_factory=list)

    @property
    def path(self) -> str:
        """The SVG path data joining the points in date order."""
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points))


@dataclass(frozen=True, slots=True)
class Tick:
    at: float
    label: str


@dataclass(slots=True)
class Chart:
    title: str
    concept: str | None
    unit: str | None
    series: list[Series] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    zero_y: float | None = None
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM

    @property
    def empty(self) -> bool:
        return not any(s.points for s in self.series)


def period_name(months: int | None) -> str:
    if months == 0:
        return "instant"
    if months is None:
        return "period unknown"
    return f"{months} month" + ("" if months == 1 else "s")


def short_amount(value: float, unit: str | None) -> str:
    """A tick label: `$12.1M`, `-$3B`, `$0.07`, `41.6M sh`."""
    value += 0.0  # no "-0"
    if unit == "USD/share":
        return f"-${abs(value):,.2f}" if value < 0 else f"${value:,.2f}"
    sign = "-" if value < 0 else ""
    size = abs(value)
    for step, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if size >= step:
            text = f"{size / step:.1f}".rstrip("0").rstrip(".") + suffix
            break
    else:
        text = f"{size:,.2f}".rstrip("0").rstrip(".") if size >= 0.01 or size == 0 else f"{size:.2g}"
    if unit == "shares":
        return f"{sign}{text} sh"
    return f"{sign}${text}" if unit in (None, "USD") else f"{sign}{text}"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2 or 5 times a power of ten."""
    if high - low <= 1e-9 * max(1.0, abs(low), abs(high)):
        spread = abs(high) if abs(high) > 1e-6 else 1.0
        low, high = low - spread / 2, high + spread / 2
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first, last = math.floor(low / step), math.ceil(high / step)
    while first * step > low:  # float division may land a step off
        first -= 1
    while (first + 1) * step <= low:
        first += 1
    while last * step < high:
        last += 1
    while (last - 1) * step >= high and last - 1 > first:
        last -= 1
    return [k * step for k in range(first, max(last, first + 1) + 1)]


def build_chart(title: str, concept: str | None, facts: list[dict[str, Any]], describe: Any) -> Chart:
    """Lay out one chart from fact rows (concept, period_end, period_months, value, unit, filing_id, fact_index).

    `describe(value, unit)` formats a value for a point's tooltip.
    """
    unit = facts[0]["unit"] if facts else None
    chart = Chart(title=title, concept=concept, unit=unit)
    if not facts:
        return chart
    by_months: dict[int | None, list[dict[str, Any]]] = {}
    for row in facts:
        by_months.setdefault(row["period_months"], []).append(row)
    # Quarters first, then years, then the rest; an instant series stands alone.
    order = sorted(by_months, key=lambda m: (m is None, {3: 0, 12: 1, 0: 2}.get(m or 0, 3), m or 0))
    values = [float(r["value"]) for r in facts]
    y_values = nice_ticks(min(0.0, *values), max(0.0, *values))
    y_low, y_high = y_values[0], y_values[-1]
    dates = [r["period_end"] for r in facts]
    d_low, d_high = min(dates), max(dates)
    span_days = max((d_high - d_low).days, 1)

    def x_of(day: dt.date) -> float:
        if d_low == d_high:
            return (chart.left + chart.right) / 2
        return chart.left + (day - d_low).days / span_days * (chart.right - chart.left)

    def y_of(value: float) -> float:
        return chart.bottom - (value - y_low) / (y_high - y_low) * (chart.bottom - chart.top)

    for i, months in enumerate(order):
        series = Series(period_name(months), months, COLOURS[i % len(COLOURS)])
        for row in sorted(by_months[months], key=lambda r: r["period_end"]):
            value = row["value"]
            label = f"{row['period_end'].isoformat()} · {period_name(months)} · {describe(value, row['unit'])}"
            series.points.append(Point(x_of(row["period_end"]), y_of(float(value)), row["period_end"], value,
                                       label, row["filing_id"], int(row["fact_index"])))
        chart.series.append(series)
    chart.y_ticks = [Tick(y_of(v), short_amount(v, unit)) for v in y_values]
    chart.zero_y = y_of(0.0) if y_low < 0 < y_high else None
    chart.x_ticks = _date_ticks(d_low, d_high, x_of)
    return chart


def _date_ticks(low: dt.date, high: dt.date, x_of: Any) -> list[Tick]:
    """Year ticks when the series spans years, else one tick per distinct date (at most six)."""
    if high.year - low.year >= 2:
        years = range(low.year + (0 if (low.month, low.day) == (1, 1) else 1), high.year + 1)
        step = max(1, math.ceil(len(years) / 8))
        return [Tick(x_of(dt.date(y, 1, 1)), str(y)) for y in list(years)[::step]]
    if low == high:
        return [Tick(x_of(low), low.isoformat())]
    quarter_ends = []
    day = dt.date(low.year, 1, 1)
    while day <= high:
        for month in (3, 6, 9, 12):
            end = dt.date(day.year, month, 30 if month in (6, 9) else 31)
            if low <= end <= high:
                quarter_ends.append(end)
        day = dt.date(day.year + 1, 1, 1)
    chosen = quarter_ends or [low, high]
    step = max(1, math.ceil(len(chosen) / 6))
    return [Tick(x_of(d), d.strftime("%b %Y")) for d in chosen[::step]]
