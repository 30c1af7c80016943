"""The versioned page cache: changes are visible on the next request, nothing personal is shared."""

import pytest
from django.urls import reverse

from wirportal.core import caching
from wirportal.core.models import ContentVersion


def _whole_pages(cache) -> int:
    return sum(":page:" in key for key in cache._cache)


@pytest.fixture(autouse=True)
def _no_pending_bumps():
    """Bumps of rolled-back transactions of earlier tests would be written with our commits."""
    caching._local.__dict__.pop("pending", None)


@pytest.mark.django_db
def test_bump_writes_a_new_token_after_the_commit_on_postgresql_inside_it_on_sqlite(
    django_capture_on_commit_callbacks,
):
    from django.db import connection

    before = caching.versions("offices", "events")
    assert before == "0.0"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        caching.bump("offices")
    if connection.vendor == "postgresql":
        assert caching.versions("offices", "events") == before  # not before the commit
        for callback in callbacks:
            callback()
    else:
        assert callbacks == []  # SQLite: one writer anyway, written within the transaction
    after = caching.versions("offices", "events")
    assert after != before and after.endswith(".0")
    assert ContentVersion.objects.count() == 1


@pytest.mark.django_db
def test_saving_a_model_that_declares_versions_bumps_them(
    reference_data, django_capture_on_commit_callbacks
):
    from wirportal.offices.models import Office

    before = caching.versions("offices")
    with django_capture_on_commit_callbacks(execute=True):
        office = Office.objects.get(slug="kassel")
        office.save()
    assert caching.versions("offices") != before


@pytest.mark.django_db
def test_public_page_shows_a_change_on_the_next_request(
    client, reference_data, page_cache, django_capture_on_commit_callbacks
):
    from wirportal.offices.models import Office

    url = reverse("offices:office-detail", args=["kassel"])
    first = client.get(url).content.decode()
    assert _whole_pages(page_cache) == 1
    assert client.get(url).content.decode() == first  # served from the cache
    with django_capture_on_commit_callbacks(execute=True):
        office = Office.objects.get(slug="kassel")
        office.name = "Kassel (neu)"
        office.save()
    assert "Kassel (neu)" in client.get(url).content.decode()


@pytest.mark.django_db
def test_negative_control_without_a_bump_the_page_is_stale(client, reference_data, page_cache):
    """Proves the test above can fail: a write that sends no signal stays invisible."""
    from wirportal.offices.models import Office

    url = reverse("offices:office-detail", args=["kassel"])
    client.get(url)
    Office.objects.filter(slug="kassel").update(name="Kassel (neu)")  # no signal, no bump
    assert "Kassel (neu)" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_visitors_with_a_session_or_a_message_are_never_served_from_the_cache(
    client, reference_data, page_cache, world
):
    url = reverse("offices:office-list")
    client.get(url)
    assert _whole_pages(page_cache) == 1
    client.force_login(world.users["coordinator_x"])
    html = client.get(url).content.decode()
    assert world.users["coordinator_x"].display_name in html  # rendered for this person
    assert _whole_pages(page_cache) == 1  # and not stored
    client.logout()
    client.cookies["messages"] = "x"
    client.get(url)
    assert _whole_pages(page_cache) == 1


@pytest.mark.django_db
def test_language_and_htmx_are_part_of_the_key(client, reference_data, page_cache):
    url = reverse("offices:office-list")
    german = client.get(url).content.decode()
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in german and "<html" not in partial
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert '<html lang="en">' in english
    assert _whole_pages(page_cache) == 3


def test_a_page_that_uses_the_csrf_token_is_not_stored(rf, page_cache):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    @caching.public_page()
    def view(request):
        return HttpResponse(get_token(request))

    @caching.public_page()
    def plain(request):
        return HttpResponse("ok")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(caching, "versions", lambda *names: "0")
        view(rf.get("/a"))
        assert _whole_pages(page_cache) == 0
        plain(rf.get("/b"))
        assert _whole_pages(page_cache) == 1


@pytest.mark.django_db
@pytest.mark.urls("tests.urls_public_csrf")
def test_a_public_page_whose_form_used_a_returning_visitors_csrf_cookie_is_not_stored(
    client, page_cache
):
    """A visitor who already has a CSRF cookie gets no new one (`response.cookies` is empty when
    the page is stored): what marks the page as personal is the CSRF middleware's
    CSRF_COOKIE_NEEDS_UPDATE, which `get_token()` sets. Stored, the next visitor would get this
    visitor's token."""
    from django.conf import settings

    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32  # a valid secret from an earlier visit
    first = client.get("/test-public/with-form/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in first
    assert _whole_pages(page_cache) == 0
    assert client.get("/test-public/with-form/").content.decode() != first  # rendered anew
    client.get("/test-public/without-form/")
    assert _whole_pages(page_cache) == 1  # negative control: a page without the token is stored
