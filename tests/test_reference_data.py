"""The 33 WIR units with their official keys over time (domain brief, section 2)."""

from datetime import date

import pytest

from wirportal.offices.models import GovernmentDistrict, Office, OfficeKey, UnitKind
from wirportal.offices.services import reference_data_load

pytestmark = pytest.mark.django_db


def test_there_are_33_units_in_3_government_districts(reference_data):
    assert Office.objects.count() == 33
    assert GovernmentDistrict.objects.count() == 3
    counts = {kind: Office.objects.filter(kind=kind).count() for kind in UnitKind.values}
    # since 1.1.2026 Hanau is kreisfrei: 21 Landkreise, 6 kreisfreie Städte, 6 Sonderstatusstädte
    assert counts == {UnitKind.DISTRICT: 21, UnitKind.CITY: 6, UnitKind.SPECIAL_STATUS_CITY: 6}


def test_district_membership_matches_the_key_prefix(reference_data):
    for key in OfficeKey.objects.select_related("office__district"):
        assert key.key.startswith(key.office.district.key), key.key


def test_special_status_cities_belong_to_their_landkreis(reference_data):
    for city in Office.objects.filter(kind=UnitKind.SPECIAL_STATUS_CITY).select_related("parent"):
        assert city.parent is not None
        assert city.parent.kind == UnitKind.DISTRICT
        current_key = city.keys.get(valid_until__isnull=True).key
        parent_key = city.parent.keys.get().key
        assert current_key.startswith(parent_key)


def test_hanau_changed_key_and_kind_on_1_january_2026(reference_data):
    hanau = Office.objects.get(slug="hanau")
    keys = {key.key: key for key in hanau.keys.all()}
    old, new = keys["06435014"], keys["06415000"]
    assert old.kind == UnitKind.SPECIAL_STATUS_CITY and old.is_valid_on(date(2025, 12, 31))
    assert not old.is_valid_on(date(2026, 1, 1))
    assert new.kind == UnitKind.CITY and new.is_valid_on(date(2026, 1, 1))
    assert hanau.kind == UnitKind.CITY and hanau.parent is None


def test_loading_twice_changes_nothing_and_keeps_staff_edits(reference_data):
    kassel = Office.objects.get(slug="kassel")
    kassel.conference_region = "sued"
    kassel.save()
    assert reference_data_load() == 0
    assert Office.objects.count() == 33
    assert OfficeKey.objects.count() == 34
    kassel.refresh_from_db()
    assert kassel.conference_region == "sued"


def test_regions_split_north_and_south(reference_data):
    assert Office.objects.filter(conference_region="nord").count() == 16
    assert Office.objects.filter(conference_region="sued").count() == 17
