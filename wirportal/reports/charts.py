"""Server-rendered SVG bar charts: geometry only (the template `reports/_chart.svg` draws it).

The chart is an image (`role="img"` with a title); the same numbers stand beside it in a table.
Geometry is computed from the few aggregated values a chart shows (years, states, stages).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from wirportal.core.money import format_money

WIDTH = 440
LABEL_HEIGHT = 18  # the category's name stands above its bars (readable on a phone)
VALUE_WIDTH = 120
BAR = 16
GAP = 4
GROUP_GAP = 14
# KERN blue, a dark teal and a dark orange: each with at least 3:1 against white (WCAG 1.4.11)
COLOURS = ["#0b4e9a", "#00696b", "#9a4a00", "#5b3d99"]


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

    @property
    def text_x(self) -> int:
        return self.x + self.width + 6

    @property
    def text_y(self) -> int:
        return self.y + self.height - 4


@dataclass
class Group:
    label: str
    y: int
    bars: list[Bar] = field(default_factory=list)

    @property
    def text_y(self) -> int:
        return self.y + LABEL_HEIGHT - 5


def _text(value, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "eur":
        return format_money(Decimal(value))
    if kind == "days":
        return f"{float(value):.1f}".replace(".", ",")
    return f"{value:n}" if isinstance(value, int) else f"{value}".replace(".", ",")


@dataclass
class Chart:
    categories: list[str]
    series: list[Series]
    kind: str = "int"

    @property
    def legend(self) -> list[tuple[str, str]]:
        return [(s.name, COLOURS[i % len(COLOURS)]) for i, s in enumerate(self.series)]

    @property
    def groups(self) -> list[Group]:
        peak = max(
            (float(v) for s in self.series for v in s.values if v is not None),
            default=0.0,
        )
        room = WIDTH - VALUE_WIDTH
        groups = []
        y = 4
        for index, category in enumerate(self.categories):
            group = Group(label=category, y=y)
            y += LABEL_HEIGHT
            for number, series in enumerate(self.series):
                value = series.values[index]
                width = int(room * max(float(value or 0), 0) / peak) if peak > 0 else 0
                group.bars.append(
                    Bar(
                        x=0,
                        y=y + number * (BAR + GAP),
                        width=max(width, 1),
                        height=BAR,
                        colour=COLOURS[number % len(COLOURS)],
                        label=_text(value, self.kind),
                    )
                )
            y += len(self.series) * (BAR + GAP) + GROUP_GAP
            groups.append(group)
        return groups

    @property
    def height(self) -> int:
        groups = self.groups
        if not groups:
            return 40
        return groups[-1].y + LABEL_HEIGHT + len(self.series) * (BAR + GAP) + 4

    width = WIDTH
