"""The shapes of the 33 units shipped for the map of Hessen (issue #18): complete, well-formed,
inside the frame, and each under its own key."""

import dataclasses
import re

import pytest

from wirportal.offices import geo
from wirportal.offices.reference import UNITS


def current_keys() -> set[str]:
    return {next(k.key for k in unit.keys if k.valid_until is None) for unit in UNITS}


def test_every_current_unit_has_a_shape_and_nothing_else():
    shapes = geo.unit_shapes()
    assert set(shapes) == current_keys()
    assert len(shapes) == 33
    assert "06415000" in shapes  # Hanau under its key as kreisfreie Stadt (since 2026)
    assert "06435014" not in shapes


def test_every_shape_is_well_formed_inside_the_frame_with_its_label_inside():
    problems = [p for shape in geo.unit_shapes().values() for p in geo.shape_problems(shape)]
    assert problems == []
    assert all(not shape.is_point for shape in geo.unit_shapes().values())


def test_paths_use_only_move_line_and_close():
    for shape in geo.unit_shapes().values():
        assert re.fullmatch(r"[MLZ0-9., -]+", shape.path), shape.key
        assert shape.path.startswith("M") and shape.path.endswith("Z")


def test_the_viewbox_is_the_finders_frame():
    assert geo.MAP_VIEWBOX == "0 0 400 568.4"
    assert geo.project(7.70, 51.70) == (0.0, 0.0)
    assert geo.project(10.30, 49.35) == (400.0, 568.4)
    assert geo.path_rings(geo.hessen_outline())  # the outline in the same frame


# A town in each unit (its seat, or for a Kreis whose seat is a Sonderstatusstadt another
# town), longitude and latitude rounded to 0.01°: the point must lie in that unit's shape.
# A shape under a wrong key fails here.
TOWNS = {
    "06411000": ("Darmstadt", 8.65, 49.87),
    "06412000": ("Frankfurt am Main", 8.68, 50.11),
    "06413000": ("Offenbach am Main", 8.76, 50.10),
    "06414000": ("Wiesbaden", 8.24, 50.08),
    "06415000": ("Hanau", 8.92, 50.13),
    "06611000": ("Kassel", 9.49, 51.32),
    "06431": ("Heppenheim", 8.64, 49.64),
    "06432": ("Dieburg", 8.84, 49.90),
    "06433": ("Groß-Gerau", 8.48, 49.92),
    "06434": ("Usingen", 8.54, 50.33),
    "06435": ("Gelnhausen", 9.19, 50.20),
    "06436": ("Hofheim am Taunus", 8.44, 50.09),
    "06437": ("Erbach", 9.00, 49.66),
    "06438": ("Dietzenbach", 8.78, 50.01),
    "06439": ("Bad Schwalbach", 8.07, 50.14),
    "06440": ("Friedberg", 8.76, 50.34),
    "06531": ("Lich", 8.82, 50.52),
    "06532": ("Herborn", 8.31, 50.68),
    "06533": ("Limburg an der Lahn", 8.06, 50.39),
    "06534": ("Biedenkopf", 8.53, 50.91),
    "06535": ("Lauterbach", 9.40, 50.64),
    "06631": ("Hünfeld", 9.77, 50.67),
    "06632": ("Bad Hersfeld", 9.71, 50.87),
    "06633": ("Hofgeismar", 9.38, 51.50),
    "06634": ("Homberg (Efze)", 9.40, 51.03),
    "06635": ("Korbach", 8.87, 51.27),
    "06636": ("Eschwege", 10.05, 51.19),
    "06434001": ("Bad Homburg vor der Höhe", 8.62, 50.23),
    "06433012": ("Rüsselsheim am Main", 8.41, 49.99),
    "06531005": ("Gießen", 8.68, 50.58),
    "06532023": ("Wetzlar", 8.50, 50.56),
    "06534014": ("Marburg", 8.77, 50.81),
    "06631009": ("Fulda", 9.68, 50.55),
}


def test_a_town_of_each_unit_lies_in_its_shape():
    assert set(TOWNS) == current_keys()
    shapes = geo.unit_shapes()
    misplaced = [
        f"{name} not in {key}"
        for key, (name, lon, lat) in TOWNS.items()
        if not geo.inside(*geo.project(lon, lat), geo.path_rings(shapes[key].path))
    ]
    assert misplaced == []


def test_the_main_kinzig_kreis_is_drawn_without_hanau():
    rings = geo.path_rings(geo.unit_shapes()["06435"].path)
    assert not geo.inside(*geo.project(8.92, 50.13), rings)


def test_the_points_of_the_compass():
    """Kassel north, Bergstraße south, Fulda east, Limburg west (by their label points)."""
    s = geo.unit_shapes()
    assert s["06633"].label_y < s["06635"].label_y < s["06534"].label_y
    assert max(u.label_y for u in s.values()) == s["06431"].label_y
    assert min(u.label_y for u in s.values()) == s["06633"].label_y
    assert s["06631"].label_x > s["06535"].label_x > s["06531"].label_x > s["06533"].label_x
    assert min(u.label_x for u in s.values()) in {s["06439"].label_x, s["06533"].label_x}


def test_the_check_catches_a_shape_shifted_out_of_the_frame():
    """Negative control for shape_problems."""
    darmstadt = geo.unit_shapes()["06411000"]
    shifted_path = " ".join(
        f"{c}{float(x) + 500:g},{y}" if c in "ML" else c
        for c, x, y in re.findall(r"([MLZ])(?:([-\d.]+),([-\d.]+))?", darmstadt.path)
    )
    shifted = dataclasses.replace(darmstadt, path=shifted_path)
    assert "06411000: points outside the frame" in geo.shape_problems(shifted)
    assert "06411000: label outside its own shape" in geo.shape_problems(shifted)
    assert geo.shape_problems(darmstadt) == []


def test_the_check_catches_a_label_of_another_unit():
    shapes = geo.unit_shapes()
    kassel, darmstadt = shapes["06611000"], shapes["06411000"]
    swapped = dataclasses.replace(kassel, label_x=darmstadt.label_x, label_y=darmstadt.label_y)
    assert geo.shape_problems(swapped) == ["06611000: label outside its own shape"]


@pytest.mark.parametrize(
    "path",
    [
        "M0,0 C1,1 2,2 3,3 Z",  # a curve
        "M0,0 L1,1 L2,0",  # not closed
        "M0,0 L1,1 Z",  # too few points
        "L1,1 L2,2 Z",  # no M
        "M0,0 L1 Z",  # half a point
    ],
)
def test_the_path_reader_refuses_what_the_map_does_not_draw(path):
    with pytest.raises(ValueError):
        geo.path_rings(path)


def test_the_data_file_stays_small():
    assert (geo.DATA / "units.json").stat().st_size < 60_000
