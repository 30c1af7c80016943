import pytest

from wirportal.antidiscrimination import demo
from wirportal.antidiscrimination.models import CounsellingCentre, Report

pytestmark = pytest.mark.django_db


def test_demo_data_loads_twice_without_duplicates(reference_data):
    demo.load()
    demo.load()
    assert CounsellingCentre.objects.count() == len(demo.CENTRES)
    assert all(centre.is_demo for centre in CounsellingCentre.objects.all())
    assert Report.objects.count() == len(demo.REPORTS)
