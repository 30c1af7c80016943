"""Issue #9: self-service links end with the event's retention period (friendly page, no 500)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wirportal.events import services
from wirportal.events.models import Registration, RegistrationStatus
from wirportal.events.tokens import registration_token

from .factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

EXPIRED_TEXT = "Dieser Link ist abgelaufen"


@pytest.fixture
def past_registration(reference_data):
    """An event that ended 100 days ago; its retention (90 days) is over, not yet purged."""
    starts = timezone.now() - timedelta(days=100)
    event = EventFactory(
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        registration_opens_at=starts - timedelta(days=30),
        registration_closes_at=starts - timedelta(days=2),
        retention_days=90,
    )
    return RegistrationFactory(event=event)


def test_link_is_still_valid_until_the_retention_period_ends(reference_data, client):
    starts = timezone.now() - timedelta(days=10)
    event = EventFactory(
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        registration_opens_at=starts - timedelta(days=30),
        registration_closes_at=starts - timedelta(days=2),
        retention_days=90,
    )
    registration = RegistrationFactory(event=event)
    url = reverse("events:registration-manage", args=[registration_token(registration)])
    assert client.get(url).status_code == 200


def test_link_after_the_retention_period_shows_a_friendly_expiry_page(past_registration, client):
    token = registration_token(past_registration)
    page = client.get(reverse("events:registration-manage", args=[token]))
    assert page.status_code == 410
    text = page.content.decode()
    assert EXPIRED_TEXT in text
    assert past_registration.email not in text  # no personal data after the retention period
    cancel = client.post(reverse("events:registration-cancel", args=[token]))
    assert cancel.status_code == 410
    assert EXPIRED_TEXT in cancel.content.decode()
    past_registration.refresh_from_db()
    assert past_registration.status == RegistrationStatus.CONFIRMED


def test_link_after_the_purge_shows_the_same_page(past_registration, client):
    token = registration_token(past_registration)
    assert services.purge_personal_data() == [past_registration.event_id]
    assert not Registration.objects.exists()
    page = client.get(reverse("events:registration-manage", args=[token]))
    assert page.status_code == 410
    assert EXPIRED_TEXT in page.content.decode()


def test_a_forged_link_is_not_found(client):
    page = client.get(reverse("events:registration-manage", args=["kein-gueltiger-link"]))
    assert page.status_code == 404
