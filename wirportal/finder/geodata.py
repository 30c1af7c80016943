"""Hessian places and postcodes with coordinates, shipped in `data/` (sources and licences in
data/README.md); read once per process, never fetched at run time. The map's frame and Hessen's
outline are the offices' (offices.geo), shared with the map of the 33 units."""

from __future__ import annotations

import csv
import functools
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from wirportal.offices.geo import MAP_HEIGHT as MAP_HEIGHT
from wirportal.offices.geo import MAP_WIDTH as MAP_WIDTH
from wirportal.offices.geo import hessen_outline as hessen_outline
from wirportal.offices.geo import project

DATA = Path(__file__).resolve().parent / "data"
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


@dataclass(frozen=True)
class Point:
    label: str  # "34117 Kassel" or "Kassel"
    latitude: float
    longitude: float
    approximate: bool = False


def _fold(text: str) -> str:
    """Case and accents folded: 'Gießen' ~ 'giessen', 'Büdingen' ~ 'budingen'."""
    text = text.casefold().replace("ß", "ss").strip()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.cache
def postcodes() -> dict[str, Point]:
    found: dict[str, Point] = {}
    with open(DATA / "postcodes.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row["lat"] or row["postcode"] in found:
                continue
            found[row["postcode"]] = Point(
                f"{row['postcode']} {row['place']}",
                float(row["lat"]),
                float(row["lon"]),
                approximate=row["approximate"] == "1",
            )
    return found


@functools.cache
def places() -> dict[str, Point]:
    found: dict[str, Point] = {}
    with open(DATA / "places.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            found.setdefault(
                _fold(row["name"]), Point(row["name"], float(row["lat"]), float(row["lon"]))
            )
    return found


def locate(query: str) -> Point | None:
    """A Hessian postcode (five digits) or place name ('Kassel', 'marburg', 'Bad Homburg')."""
    query = query.strip()
    if not query:
        return None
    if query.isascii() and query.isdigit():
        return postcodes().get(query) if len(query) == 5 else None
    key = _fold(query)
    known = places()
    if key in known:
        return known[key]
    # 'Marburg' for 'Marburg an der Lahn', 'Bad Homburg' for 'Bad Homburg vor der Höhe'
    starts = sorted(name for name in known if name.startswith(key + " "))
    return known[starts[0]] if starts else None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """South, north, west, east around a point: a cheap pre-filter before the exact distance."""
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    dlon = math.degrees(km / (EARTH_RADIUS_KM * math.cos(math.radians(lat))))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def map_xy(lat: float, lon: float) -> tuple[float, float]:
    """A point in the frame of the map of Hessen (offices.geo.project)."""
    return project(lon, lat)
