"""Reports are made through the service (the receipt code exists only there)."""

from datetime import timedelta

from django.utils import timezone

from wirportal.offices.models import Office

from .. import services
from ..models import CounsellingCentre, Ground, LifeArea


def submit(**overrides) -> services.Submitted:
    data = {
        "description": "Bei der Wohnungsbesichtigung wurde ich wegen meines Namens abgewiesen.",
        "happened_on": timezone.localdate() - timedelta(days=3),
        "region": Office.objects.get(slug="kassel"),
        "life_area": LifeArea.HOUSING,
        "grounds": [Ground.RACISM],
        **overrides,
    }
    return services.report_submit(**data)


def centre(**overrides) -> CounsellingCentre:
    data = {
        "name": "Beratung Nordhessen",
        "regions": [Office.objects.get(slug="kassel")],
        "languages": "Deutsch, Türkisch",
        "email": "beratung@example.org",
        "by": None,
        **overrides,
    }
    return services.centre_save(**data)
