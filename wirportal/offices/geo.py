"""The static map of Hessen: its outline and the shapes of the 33 WIR units, shipped in
`geodata/` (sources, licences and the attribution to show in geodata/README.md); read once per
process, never fetched at run time.

Every path is in one frame (`project`): Hessen within 7.70–10.30° E, 49.35–51.70° N, 400 units
wide, x scaled by cos(50.5°). The finder's map uses the same frame and outline.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "geodata"
WEST, EAST, SOUTH, NORTH = 7.70, 10.30, 49.35, 51.70
MAP_WIDTH = 400
MAP_HEIGHT = round(MAP_WIDTH * (NORTH - SOUTH) / ((EAST - WEST) * math.cos(math.radians(50.5))), 1)
MAP_VIEWBOX = f"0 0 {MAP_WIDTH} {MAP_HEIGHT}"
# The attribution to show under a map that draws the unit shapes (geodata/README.md)
MAP_ATTRIBUTION = (
    "Kreis- und Stadtgrenzen: © GeoBasis-DE / BKG 2016 (Daten verändert: zusammengefasst und "
    "vereinfacht); Umriss von Hessen: Natural Earth."
)

Ring = list[tuple[float, float]]
_COMMAND = re.compile(r"([MLZ])([^MLZ]*)")


@dataclass(frozen=True)
class UnitShape:
    key: str  # the unit's current official key (offices.reference)
    path: str  # SVG path, M/L/Z only, several rings drawn with fill-rule evenodd
    label_x: float
    label_y: float
    is_point: bool = False  # a small circle at the label point instead of an area


def project(lon: float, lat: float) -> tuple[float, float]:
    """Longitude/latitude to map coordinates (rounded to 0.1)."""
    kx = math.cos(math.radians(50.5))
    height = MAP_WIDTH * (NORTH - SOUTH) / ((EAST - WEST) * kx)
    return (
        round((lon - WEST) / (EAST - WEST) * MAP_WIDTH, 1),
        round((NORTH - lat) / (NORTH - SOUTH) * height, 1),
    )


@functools.cache
def hessen_outline() -> str:
    """The SVG path of Hessen's border (Natural Earth, public domain), in map coordinates."""
    return (DATA / "hessen_outline.txt").read_text(encoding="utf-8").strip()


@functools.cache
def unit_shapes() -> dict[str, UnitShape]:
    """The shapes of the 33 units by their current official key (Hanau: 06415000)."""
    data = json.loads((DATA / "units.json").read_text(encoding="utf-8"))
    return {
        key: UnitShape(
            key=key,
            path=item["path"],
            label_x=float(item["label"][0]),
            label_y=float(item["label"][1]),
            is_point=item["shape"] == "point",
        )
        for key, item in data["units"].items()
    }


def path_rings(path: str) -> list[Ring]:
    """The closed rings of a path made of M, L and Z only; ValueError for anything else."""
    rest = _COMMAND.sub("", path).strip()
    if rest:
        raise ValueError(f"unsupported path data: {rest[:20]!r}")
    rings: list[Ring] = []
    current: Ring | None = None
    for command, args in _COMMAND.findall(path):
        numbers = [float(n) for n in args.replace(",", " ").split()]
        if command == "Z":
            if current is None or len(current) < 3 or numbers:
                raise ValueError("Z without a ring of at least three points")
            rings.append(current)
            current = None
            continue
        if len(numbers) != 2:
            raise ValueError(f"{command} needs exactly one point")
        point = (numbers[0], numbers[1])
        if command == "M":
            if current is not None:
                raise ValueError("M before the previous ring was closed")
            current = [point]
        else:
            if current is None:
                raise ValueError("L before M")
            current.append(point)
    if current is not None:
        raise ValueError("ring not closed with Z")
    return rings


def inside(x: float, y: float, rings: list[Ring]) -> bool:
    """Even-odd point-in-polygon over all rings (holes count), like fill-rule evenodd."""
    hit = False
    for ring in rings:
        j = len(ring) - 1
        for i, (xi, yi) in enumerate(ring):
            xj, yj = ring[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                hit = not hit
            j = i
    return hit


def shape_problems(shape: UnitShape) -> list[str]:
    """What is wrong with a shape: bad path data, points outside the frame, label outside."""
    width, height = MAP_WIDTH, MAP_HEIGHT
    if not (0 <= shape.label_x <= width and 0 <= shape.label_y <= height):
        return [f"{shape.key}: label outside the frame"]
    if shape.is_point:
        return []
    try:
        rings = path_rings(shape.path)
    except ValueError as error:
        return [f"{shape.key}: {error}"]
    problems = []
    if not rings:
        problems.append(f"{shape.key}: no ring")
    if any(not (0 <= x <= width and 0 <= y <= height) for ring in rings for x, y in ring):
        problems.append(f"{shape.key}: points outside the frame")
    if not inside(shape.label_x, shape.label_y, rings):
        problems.append(f"{shape.key}: label outside its own shape")
    return problems
