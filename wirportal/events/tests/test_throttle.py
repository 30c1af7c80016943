"""Issue #9: anonymous registration is rate-limited per e-mail address and per client network.

The limits come from ACCOUNT_RATE_LIMITS (allauth's rate limiting, the same client-IP logic and
trusted-proxy settings as the login throttle); the tests set small numbers to stay fast.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from wirportal.events.models import Registration

from .factories import EventFactory

pytestmark = pytest.mark.django_db

EMAIL_LIMIT_TEXT = "Für diese E-Mail-Adresse gab es in kurzer Zeit zu viele Anmeldungen"
NETWORK_LIMIT_TEXT = "Aus Ihrem Netz kamen in kurzer Zeit sehr viele Anmeldungen"


@pytest.fixture(autouse=True)
def _small_limits(settings):
    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "event_registration_email": "2/h/key",
        "event_registration_network": "3/h/key",
    }
    yield
    cache.clear()


def data(n, email=None):
    return {
        "first_name": "Ada",
        "last_name": f"Muster {n}",
        "email": email or f"ada{n}@example.org",
        "organisation_name": "Caritas",
        "consent": "on",
    }


def register_url(event):
    return reverse("events:event-register", args=[event.slug])


def test_the_limits_are_configured_for_production():
    from config.settings import base

    assert "event_registration_email" in base.ACCOUNT_RATE_LIMITS
    assert "event_registration_network" in base.ACCOUNT_RATE_LIMITS


def test_one_address_cannot_be_mailed_again_and_again(reference_data, client):
    events = [EventFactory() for _ in range(3)]
    for i, event in enumerate(events[:2]):
        ip = f"198.51.{i}.1"  # different networks: only the address limit applies
        assert (
            client.post(
                register_url(event), data(i, "opfer@example.org"), REMOTE_ADDR=ip
            ).status_code
            == 302
        )
    response = client.post(
        register_url(events[2]), data(9, "Opfer@Example.org "), REMOTE_ADDR="198.51.9.1"
    )
    assert response.status_code == 429
    text = response.content.decode()
    assert EMAIL_LIMIT_TEXT in text
    assert 'value="Muster 9"' in text  # nothing typed is lost
    assert not Registration.objects.filter(event=events[2]).exists()


@pytest.mark.parametrize(
    ("same_net", "other_net"),
    [
        (["203.0.113.5", "203.0.113.77", "203.0.113.200", "203.0.113.9"], "203.0.114.5"),
        (
            ["2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "2001:db8:1:2::abcd", "2001:db8:1:2::7"],
            "2001:db8:1:3::1",
        ),
    ],
    ids=["ipv4-24", "ipv6-64"],
)
def test_one_network_cannot_book_out_an_event(reference_data, client, same_net, other_net):
    event = EventFactory(capacity=100)
    for n, ip in enumerate(same_net[:3]):
        assert client.post(register_url(event), data(n), REMOTE_ADDR=ip).status_code == 302
    blocked = client.post(register_url(event), data(3), REMOTE_ADDR=same_net[3])
    assert blocked.status_code == 429
    assert NETWORK_LIMIT_TEXT in blocked.content.decode()
    assert 'value="ada3@example.org"' in blocked.content.decode()
    assert Registration.objects.filter(event=event).count() == 3
    # a neighbouring network is not affected
    assert client.post(register_url(event), data(4), REMOTE_ADDR=other_net).status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_client_address_counts(
    reference_data, client, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    event = EventFactory(capacity=100)
    for n in range(3):
        response = client.post(
            register_url(event),
            data(n),
            REMOTE_ADDR="10.0.0.1",
            headers={"X-Forwarded-For": f"192.0.2.{n + 1}"},
        )
        assert response.status_code == 302
    # another client behind the same proxy, in another network: not blocked
    other = client.post(
        register_url(event),
        data(3),
        REMOTE_ADDR="10.0.0.1",
        headers={"X-Forwarded-For": "192.0.3.1"},
    )
    assert other.status_code == 302
    same = client.post(
        register_url(event),
        data(4),
        REMOTE_ADDR="10.0.0.1",
        headers={"X-Forwarded-For": "192.0.2.99"},
    )
    assert same.status_code == 429


def test_invalid_input_does_not_use_up_the_quota(reference_data, client):
    event = EventFactory(capacity=100)
    for n in range(5):
        bad = client.post(
            register_url(event), {**data(n), "consent": ""}, REMOTE_ADDR="203.0.113.5"
        )
        assert bad.status_code == 422
    assert client.post(register_url(event), data(9), REMOTE_ADDR="203.0.113.5").status_code == 302
