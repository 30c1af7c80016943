"""Server-rendered SVG bar charts: geometry only; `core/_bar_chart.html` draws it.

A chart is an image (`role="img"` with a title); the same numbers always stand beside it in a
table, so the chart never carries information of its own. One horizontal bar per series and
category, the category's name above its bars (readable on a phone), the value as text after
the bar. The scale is the largest value shown, or a fixed `scale_max` (e.g. 4 for the
intercultural-opening scores 0 … 4). Used by the dashboards (`reports.tables`), the IKÖ profile
(`opening.selectors`) and the partnership pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from wirportal.core.money import format_money

WIDTH = 440
LABEL_HEIGHT = 18
# KERN blue, a dark teal, a dark orange and a violet: each with at least 3:1 against white
# (WCAG 1.4.11); the legend's swatches in static/css use the same four.
COLOURS = ("#0b4e9a", "#00696b", "#9a4a00", "#5b3d99")

EUR = "eur"
INT = "int"
DAYS = "days"
SCORE = "score"


def value_text(value, kind: str) -> str:
    """The value as it stands after its bar, in German notation."""
    if value is None:
        return "–"
    if kind == EUR:
        return format_money(Decimal(value))
    if kind in (DAYS, SCORE):
        return f"{Decimal(value):.1f}".replace(".", ",")
    return f"{value:n}" if isinstance(value, int) else f"{value}".replace(".", ",")


@dataclass(frozen=True)
class Style:
    """The sizes of one kind of chart (px in the SVG's own frame)."""

    bar: int = 16
    gap: int = 4
    group_gap: int = 14
    value_width: int = 120  # room kept right of the longest bar for its value
    baseline: int = 4  # the value's text sits this far above the bar's bottom edge


WIDE = Style()
COMPACT = Style(bar=14, gap=3, group_gap=12, value_width=60, baseline=3)


@dataclass
class Series:
    name: str
    values: list


@dataclass
class Bar:
    x: int
    y: int
    width: int
    height: int
    colour: str
    label: str  # the value as text
    baseline: int = 4

    @property
    def text_x(self) -> int:
        return self.x + self.width + 6

    @property
    def text_y(self) -> int:
        return self.y + self.height - self.baseline


@dataclass
class Group:
    label: str
    y: int
    bars: list[Bar] = field(default_factory=list)

    @property
    def text_y(self) -> int:
        return self.y + LABEL_HEIGHT - 5


@dataclass
class Chart:
    categories: list[str]
    series: list[Series]
    kind: str = INT
    scale_max: float | None = None  # None: the largest value shown
    style: Style = WIDE
    width: int = WIDTH
    text: Callable[[object, str], str] = value_text

    @property
    def legend(self) -> list[tuple[str, str]]:
        return [(s.name, COLOURS[i % len(COLOURS)]) for i, s in enumerate(self.series)]

    @property
    def peak(self) -> float:
        if self.scale_max is not None:
            return float(self.scale_max)
        return max(
            (float(v) for s in self.series for v in s.values if v is not None),
            default=0.0,
        )

    @property
    def groups(self) -> list[Group]:
        style, peak = self.style, self.peak
        room = self.width - style.value_width
        groups = []
        y = 4
        for index, category in enumerate(self.categories):
            group = Group(label=category, y=y)
            y += LABEL_HEIGHT
            for number, series in enumerate(self.series):
                value = series.values[index]
                share = min(max(float(value or 0), 0) / peak, 1.0) if peak > 0 else 0.0
                group.bars.append(
                    Bar(
                        x=0,
                        y=y + number * (style.bar + style.gap),
                        width=max(int(room * share), 1),
                        height=style.bar,
                        colour=COLOURS[number % len(COLOURS)],
                        label=self.text(value, self.kind),
                        baseline=style.baseline,
                    )
                )
            y += len(self.series) * (style.bar + style.gap) + style.group_gap
            groups.append(group)
        return groups

    @property
    def height(self) -> int:
        groups = self.groups
        if not groups:
            return 40
        step = self.style.bar + self.style.gap
        return groups[-1].y + LABEL_HEIGHT + len(self.series) * step + 4
