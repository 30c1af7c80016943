"""Server-rendered SVG bar charts of field scores (0 … 4): geometry only, the template
`opening/_chart.html` draws it (`role="img"`, the same numbers in a table beside it). The same
shape as `reports.charts`, which sits above this app in the layers, with a fixed scale."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 440
LABEL_HEIGHT = 18
VALUE_WIDTH = 60
BAR = 14
GAP = 3
GROUP_GAP = 12
SCALE_MAX = 4
# each with at least 3:1 against white (WCAG 1.4.11)
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
    label: str

    @property
    def text_x(self) -> int:
        return self.x + self.width + 6

    @property
    def text_y(self) -> int:
        return self.y + self.height - 3


@dataclass
class Group:
    label: str
    y: int
    bars: list[Bar] = field(default_factory=list)

    @property
    def text_y(self) -> int:
        return self.y + LABEL_HEIGHT - 5


def _text(value) -> str:
    return "–" if value is None else f"{Decimal(value):.1f}".replace(".", ",")


@dataclass
class Chart:
    categories: list[str]
    series: list[Series]
    width: int = WIDTH

    @property
    def legend(self) -> list[tuple[str, str]]:
        return [(s.name, COLOURS[i % len(COLOURS)]) for i, s in enumerate(self.series)]

    @property
    def groups(self) -> list[Group]:
        room = WIDTH - VALUE_WIDTH
        groups = []
        y = 4
        for index, category in enumerate(self.categories):
            group = Group(label=category, y=y)
            y += LABEL_HEIGHT
            for number, series in enumerate(self.series):
                value = series.values[index]
                width = int(room * float(value or 0) / SCALE_MAX)
                group.bars.append(
                    Bar(
                        x=0,
                        y=y + number * (BAR + GAP),
                        width=max(width, 1),
                        height=BAR,
                        colour=COLOURS[number % len(COLOURS)],
                        label=_text(value),
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
