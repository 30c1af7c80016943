"""Issue #12: cancelling a registration asks for confirmation first and links back to the event;
the page after registering shows one success message, not two."""

import pytest
from django.urls import reverse

from wirportal.events.models import Registration, RegistrationStatus
from wirportal.events.tokens import registration_token

from .factories import EventFactory
from .test_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world):
    return EventFactory(capacity=5, host_office=world["office_x"], slug="treffen")


def _register(client, event) -> Registration:
    client.post(reverse("events:event-register", args=[event.slug]), form_data(1))
    return Registration.objects.get(email="ada1@example.org")


def test_page_after_registering_shows_one_success_message(event, client):
    response = client.post(
        reverse("events:event-register", args=[event.slug]), form_data(1), follow=True
    )
    body = response.content.decode()
    assert body.count("kern-alert--success") == 1
    assert "Ihr Platz ist bestätigt." in body


def test_cancel_asks_first_and_links_back_to_the_event(event, client):
    registration = _register(client, event)
    token = registration_token(registration)
    manage = client.get(reverse("events:registration-manage", args=[token])).content.decode()
    cancel_url = reverse("events:registration-cancel", args=[token])
    assert f'href="{cancel_url}"' in manage  # a link to the question, not a one-click POST
    question = client.get(cancel_url)
    assert question.status_code == 200
    body = question.content.decode()
    assert "wirklich" in body
    assert reverse("events:event-detail", args=[event.slug]) in body
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED  # asking changes nothing
    done = client.post(cancel_url, follow=True).content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "Diese Anmeldung ist storniert." in done
    assert reverse("events:event-detail", args=[event.slug]) in done
