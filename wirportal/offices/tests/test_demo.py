import pytest

from wirportal.offices import demo
from wirportal.offices.models import RegionalActor, StaffEntry

pytestmark = pytest.mark.django_db


def test_demo_network_loads_through_services_and_is_idempotent(reference_data):
    demo.load()
    counts = (StaffEntry.objects.count(), RegionalActor.objects.count())
    demo.load()

    assert (StaffEntry.objects.count(), RegionalActor.objects.count()) == counts
    assert set(StaffEntry.objects.values_list("office__slug", flat=True)) == {
        "kassel",
        "bad-homburg",
    }
    assert RegionalActor.objects.count() >= 15
    assert RegionalActor.objects.filter(is_public=True).count() >= 10
    coordinator = StaffEntry.objects.get(name="Fatma Yilmaz")
    assert coordinator.user is not None
    assert coordinator.user.office_membership.office.slug == "kassel"
