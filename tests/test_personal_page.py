"""Whole pages cached per person (core.caching.personal_page, issue #13).

A signed-in person's detail pages (application, review, decision summary, call-down) are kept
whole, per person, path, language and day. These tests prove what may never go wrong with that:
a change shows on the next request, including changes that only the page's fragments follow
(their names are recorded while the page is rendered); a change of the person's memberships or
permissions shows at once; a waiting flash message is shown; every response carries its own CSRF
token and one-time token, and forms posted from a cached page are accepted.
"""

import re
from datetime import timedelta

import pytest
from django.contrib import messages
from django.urls import reverse

from tests.test_page_cache import one_store  # noqa: F401 (a fixture)
from tests.test_page_cache_scopes import _as
from wirportal.core import caching

pytestmark = pytest.mark.django_db


def _person_pages(page_cache) -> list[str]:
    return [key for key in page_cache._cache if ":person-page:" in key]


@pytest.fixture
def submitted(world, django_capture_on_commit_callbacks):
    from wirportal.applications.tests.factories import ApplicationFactory

    with django_capture_on_commit_callbacks(execute=True):
        return ApplicationFactory(organisation=world["org_a"], status="submitted")


def test_the_page_is_kept_per_person_and_served_again(client, world, submitted, page_cache):
    url = reverse("applications:application-detail", args=[submitted.pk])
    worker = _as(client, world.users["case_worker"]).get(url).content.decode()
    member = _as(client, world.users["applicant_a"]).get(url).content.decode()
    assert len(_person_pages(page_cache)) == 2  # one entry each
    withdraw = reverse("applications:application-withdraw", args=[submitted.pk])
    assert withdraw in member and withdraw not in worker
    # served again from the entries, still each person's own
    assert withdraw not in _as(client, world.users["case_worker"]).get(url).content.decode()
    assert len(_person_pages(page_cache)) == 2


def test_a_change_only_a_fragment_follows_shows_at_once(
    client, world, submitted, page_cache, django_capture_on_commit_callbacks
):
    """The application page declares only `application:<pk>`; the organisation's name comes from
    its body fragment, whose names ("organisations", …) are recorded into the entry."""
    url = reverse("applications:application-detail", args=[submitted.pk])
    _as(client, world.users["case_worker"])
    assert "Verein Neuer Name" not in client.get(url).content.decode()
    client.get(url)  # a hit
    with django_capture_on_commit_callbacks(execute=True):
        organisation = world["org_a"]
        organisation.name = "Verein Neuer Name"
        organisation.save()
    assert "Verein Neuer Name" in client.get(url).content.decode()


def test_negative_control_a_write_without_a_bump_stays_invisible(
    client, world, submitted, page_cache, settings
):
    """The entry is really served (a write that sends no signal is not seen until a bump)."""
    from wirportal.applications.models import Application

    settings.WIR_CACHE_VERIFY = False  # verify mode would refuse to serve the stale entry
    url = reverse("applications:application-detail", args=[submitted.pk])
    _as(client, world.users["case_worker"]).get(url)
    Application.objects.filter(pk=submitted.pk).update(title="Ohne Signal geändert")
    assert "Ohne Signal geändert" not in client.get(url).content.decode()
    caching.bump(f"application:{submitted.pk}")
    assert "Ohne Signal geändert" in client.get(url).content.decode()


def test_verify_mode_fails_on_a_stale_page(client, world, submitted, page_cache, settings):
    from wirportal.applications.models import Application

    settings.WIR_CACHE_VERIFY = True
    url = reverse("applications:application-detail", args=[submitted.pk])
    _as(client, world.users["case_worker"]).get(url)
    client.get(url)  # a hit that still matches passes
    Application.objects.filter(pk=submitted.pk).update(title="Ohne Signal geändert")
    with pytest.raises(caching.StaleCacheEntry, match="differs from a fresh rendering"):
        client.get(url)


def test_a_lost_membership_shows_at_once(
    client, world, submitted, page_cache, django_capture_on_commit_callbacks
):
    """The person's own version (`person_version`) is part of every personal page: leaving
    the organisation closes its application's page on the next request."""
    from wirportal.offices.models import OrganisationMembership

    url = reverse("applications:application-detail", args=[submitted.pk])
    _as(client, world.users["applicant_a"])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # a hit
    with django_capture_on_commit_callbacks(execute=True):
        OrganisationMembership.objects.get(user=world.users["applicant_a"]).delete()
    assert client.get(url).status_code in {403, 404}


def test_a_new_role_shows_at_once(
    client, world, submitted, page_cache, django_capture_on_commit_callbacks
):
    """A change of the person's row (role, permissions) renews their version (flush_user)."""
    from wirportal.accounts.roles import Role

    url = reverse("reviews:review-detail", args=[submitted.pk])
    assign = reverse("reviews:assign", args=[submitted.pk])
    worker = world.users["case_worker"]
    _as(client, worker)
    assert assign in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        worker.role = Role.AUDITOR
        worker.save()
    response = client.get(url)
    assert response.status_code != 200 or assign not in response.content.decode()


def test_a_waiting_flash_message_is_shown_not_the_cached_page(
    client, world, submitted, page_cache, rf
):
    """Django's FallbackStorage keeps a flash message in the `messages` cookie (the session
    only for what does not fit): with one waiting, the page is rendered, not served."""
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse

    url = reverse("applications:application-detail", args=[submitted.pk])
    _as(client, world.users["case_worker"]).get(url)
    storage = CookieStorage(rf.get("/"))
    storage.add(messages.SUCCESS, "Die Prüfung wurde gespeichert.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    assert "Die Prüfung wurde gespeichert." in client.get(url).content.decode()
    # shown once (the response deleted the cookie); afterwards the cached page again
    assert "Die Prüfung wurde gespeichert." not in client.get(url).content.decode()


def test_each_day_has_its_own_entry(client, world, submitted, page_cache, monkeypatch):
    """What the page derives from the date (deadlines, interest, what may still be done) is
    rendered again on the next day."""
    from django.utils import timezone

    url = reverse("applications:application-detail", args=[submitted.pk])
    _as(client, world.users["case_worker"]).get(url)
    client.get(url)
    assert len(_person_pages(page_cache)) == 1
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    client.get(url)
    assert len(_person_pages(page_cache)) == 2


def test_a_form_posted_from_a_cached_page_is_accepted(client, world, submitted, page_cache):
    """The entry holds a placeholder for the CSRF token; every response gets the person's own."""
    from django.test import Client

    url = reverse("reviews:review-detail", args=[submitted.pk])
    strict = _as(Client(enforce_csrf_checks=True), world.users["case_worker"])
    first, second = strict.get(url).content.decode(), strict.get(url).content.decode()
    assert len(_person_pages(page_cache)) == 1
    assert caching.CSRF_PLACEHOLDER not in second
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', second))
    assert len(tokens) == 1
    assert tokens.isdisjoint(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', first))
    response = strict.post(
        reverse("reviews:assign", args=[submitted.pk]),
        {"csrfmiddlewaretoken": tokens.pop(), "assignee": world.users["case_worker"].pk},
    )
    assert response.status_code == 302  # accepted, not a CSRF 403


def test_one_time_slots_are_filled_anew_in_every_response():
    slot = str(caching.ONE_TIME_SLOT).encode()
    content = b"<input value=" + slot + b"><input value=" + slot + b">"
    first, second = caching.fill_one_time_slots(content), caching.fill_one_time_slots(content)
    assert slot not in first and first != second
    values = re.findall(rb"value=([0-9a-f-]{36})", first)
    assert len(set(values)) == 2


@pytest.mark.usefixtures("one_store")
def test_with_redis_a_hit_is_one_read_of_tokens_and_entry(client, world, submitted, settings):
    """Each round trip counts (make bench-pg): the declared names, the names the page's
    fragments were rendered under (learned when it was stored) and the entry in one MGET."""
    from tests.test_page_cache import _reads_of_the_shared_store

    settings.WIR_CACHE_VERIFY = False  # verify renders the page again: more reads
    url = reverse("applications:application-detail", args=[submitted.pk])
    _as(client, world.users["case_worker"]).get(url)
    reads = _reads_of_the_shared_store(lambda: client.get(url))
    assert len(reads) == 1, reads
    assert any(key.startswith("person-page:") for key in reads[0])
    assert f"v:application:{submitted.pk}" in reads[0] and "v:organisations" in reads[0]
