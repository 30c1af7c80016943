"""The Land overview's map: the 33 units' shapes (offices.geo, shipped with the project, no tiles)
filled by a chosen measure in five classes. The class is also written as a number on each unit
and in the legend, so the map does not rely on colour alone; the table below has the figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wirportal.core.money import format_money
from wirportal.offices import geo

from .selectors import UnitYear

# measure → (label, value of a unit's year, kind)
MEASURES = {
    "bewilligt": (_("Bewilligt"), lambda c: c.approved, "eur"),
    "ausgezahlt": (_("Ausgezahlt"), lambda c: c.paid, "eur"),
    "stellen": (_("Stellen (VZÄ)"), lambda c: c.posts, "decimal"),
    "empfaenger": (_("Zuwendungsempfänger"), lambda c: c.recipients, "int"),
    "veranstaltungen": (_("Veranstaltungen"), lambda c: c.events_held + c.events_attended, "int"),
    "ikoe": (_("IKÖ-Mittelwert"), lambda c: c.ikoe, "decimal"),
}
DEFAULT = "bewilligt"
CLASSES = 5
# light to dark KERN blue; the darkest three carry white numbers (contrast ≥ 4.5:1)
FILLS = ["#e8eef8", "#b9cbe9", "#7f9fd6", "#1f5aa8", "#0b2f66"]
NO_DATA_FILL = "#ffffff"


def _text(value, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "eur":
        return format_money(Decimal(value))
    if kind == "decimal":
        return f"{Decimal(value):.1f}".replace(".", ",")
    return str(value)


@dataclass(frozen=True)
class Shape:
    key: str
    name: str
    path: str
    label_x: float
    label_y: float
    is_point: bool
    url: str
    fill: str
    number: str  # the class ("1" … "5"), "–" without a figure
    dark: bool
    title: str


@dataclass(frozen=True)
class LegendItem:
    number: str
    fill: str
    text: str


@dataclass(frozen=True)
class UnitMap:
    viewbox: str
    outline: str
    shapes: list[Shape]
    legend: list[LegendItem]
    label: str
    attribution: str
    missing: list[str]  # units without a shape (the map is incomplete)


def _bounds(values: list[Decimal]) -> list[Decimal]:
    """Upper bounds of five equal classes from 0 to the largest value."""
    peak = max(values, default=Decimal(0))
    if peak <= 0:
        return []
    return [peak * (i + 1) / CLASSES for i in range(CLASSES)]


def unit_map(cells: list[UnitYear], *, measure: str, year: int) -> UnitMap:
    label, value_of, kind = MEASURES[measure]
    shapes_by_key = geo.unit_shapes()
    values = {c.unit.pk: value_of(c) for c in cells}
    known = [Decimal(v) for v in values.values() if v is not None]
    bounds = _bounds(known)
    shapes = []
    missing = []
    for cell in cells:
        shape = shapes_by_key.get(cell.unit.key)
        if shape is None:
            missing.append(cell.unit.name)
            continue
        value = values[cell.unit.pk]
        if value is None or not value or not bounds:  # no figure, or 0: no class
            number, fill = "–", NO_DATA_FILL
        else:
            index = next(
                (i for i, bound in enumerate(bounds) if Decimal(value) <= bound), CLASSES - 1
            )
            number, fill = str(index + 1), FILLS[index]
        shapes.append(
            Shape(
                key=cell.unit.key,
                name=cell.unit.name,
                path=shape.path,
                label_x=shape.label_x,
                label_y=shape.label_y,
                is_point=shape.is_point,
                url=reverse("partnership:unit", kwargs={"key": cell.unit.key}),
                fill=fill,
                number=number,
                dark=number in ("4", "5"),
                title=f"{cell.unit.name}: {label} {year} {_text(value, kind)}"
                + (f" (Klasse {number})" if number != "–" else ""),
            )
        )
    # points (small cities) last: they lie on top of their Landkreis
    shapes.sort(key=lambda s: s.is_point)
    legend = []
    lower = Decimal(0)  # class 1 starts above 0
    for index, bound in enumerate(bounds):
        legend.append(
            LegendItem(str(index + 1), FILLS[index], f"{_text(lower, kind)} – {_text(bound, kind)}")
        )
        lower = bound
    legend.append(LegendItem("–", NO_DATA_FILL, str(_("keine Angabe oder 0"))))
    return UnitMap(
        viewbox=geo.MAP_VIEWBOX,
        outline=geo.hessen_outline(),
        shapes=shapes,
        legend=legend,
        label=f"{label} {year}",
        attribution=geo.MAP_ATTRIBUTION,
        missing=missing,
    )
