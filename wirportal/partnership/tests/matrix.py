"""Access matrix of the partnership view: every page and file is public and the same URL for every
role (the staff part of a unit's page is asserted in test_views); only programme staff (and the
technical administration) publish a Stand. The unit is X (Kassel); Hanau's old key redirects."""

from datetime import date

from wirportal.core.testing import ROLES, Case

KASSEL = "06611000"
DAY = date(2026, 1, 2)


def build(world):
    from wirportal.partnership.models import PartnershipRelease

    PartnershipRelease.objects.create(day=DAY, schema_version="1.0.0", rows=[], row_count=0)


def _unit(world) -> dict:
    return {"key": KASSEL}


def _day(world) -> dict:
    return {"day": DAY}


CASES = [
    Case("partnership:overview", ROLES),
    Case(
        "partnership:overview", ROLES, query="jahr=2027&sortierung=bewilligt&richtung=ab&karte=ikoe"
    ),
    Case("partnership:unit", ROLES, kwargs=_unit),
    Case("partnership:unit", ROLES, kwargs=lambda w: {"key": "06435014"}),  # redirects
    Case("partnership:unit-csv", ROLES, kwargs=_unit),
    Case("partnership:unit-json", ROLES, kwargs=_unit),
    Case("partnership:all-csv", ROLES),
    Case("partnership:all-json", ROLES),
    Case("partnership:datapackage", ROLES),
    Case("partnership:data", ROLES),
    Case("partnership:release-csv", ROLES, kwargs=_day),
    Case("partnership:release-json", ROLES, kwargs=_day),
    Case("partnership:release-publish", frozenset({"programme_staff"}), method="post"),
    Case("partnership:conference", ROLES, kwargs=lambda w: {"region": "sued"}),
    Case("partnership:conference", ROLES, kwargs=lambda w: {"region": "nord"}),
    Case("partnership:conference-unit", ROLES, kwargs=lambda w: {"region": "nord", "key": KASSEL}),
    Case("partnership:conference-pdf", ROLES, kwargs=lambda w: {"region": "nord"}),
]
