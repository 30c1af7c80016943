"""The versioned page cache: changes are visible on the next request, nothing personal is shared."""

import pytest
from django.urls import reverse

from wirportal.core import caching


def _whole_pages(cache) -> int:
    return sum(":page:" in key for key in cache._cache)


@pytest.mark.django_db
def test_bump_shows_the_new_token_to_the_writer_at_once_and_to_others_after_the_commit(
    django_capture_on_commit_callbacks,
):
    """Inside a transaction the writer sees its new token; the shared store gets it with the
    commit (on the embedded SQLite default: inside the transaction, atomic with the data)."""
    from django.db import connection

    def shared(name: str) -> str:
        return caching._read([name])[name]

    before = caching.versions("offices", "events")
    assert before == caching.versions("offices", "events")  # stable until a bump
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        caching.bump("offices")
    seen_by_writer = caching.versions("offices", "events")
    assert seen_by_writer != before
    assert seen_by_writer.split(".")[1] == before.split(".")[1]  # "events" untouched
    if caching._written_in_transaction(connection):
        assert callbacks == []
        assert shared("offices") == seen_by_writer.split(".")[0]
    else:
        assert shared("offices") == before.split(".")[0]  # nobody else sees it yet
        for callback in callbacks:
            callback()
        assert shared("offices") not in {before.split(".")[0], seen_by_writer.split(".")[0]}


@pytest.mark.django_db
def test_an_evicted_token_never_comes_back_with_its_old_value():
    """A token that vanished from Redis (eviction) gets a new random value, so entries stored
    under an earlier "missing" token cannot be served again."""
    from django.conf import settings
    from django.core.cache import caches

    if caching.VERSIONS_ALIAS not in settings.CACHES:
        pytest.skip("the embedded default keeps the tokens in a table: nothing is evicted")
    first = caching.versions("offices")
    caches[caching.VERSIONS_ALIAS].delete("v:offices")
    second = caching.versions("offices")
    assert second != first and second == caching.versions("offices")


@pytest.mark.django_db
def test_a_registration_renews_its_event_not_the_other_events(reference_data):
    """Per-object tokens: a registration for one event leaves other events' pages cached."""
    from wirportal.events.tests.factories import EventFactory, RegistrationFactory

    one, other = EventFactory(), EventFactory()
    before_one, before_other, before_list = (
        caching.versions(f"event:{one.pk}"),
        caching.versions(f"event:{other.pk}"),
        caching.versions("events"),
    )
    RegistrationFactory(event=one)
    assert caching.versions(f"event:{one.pk}") != before_one
    assert caching.versions(f"event:{other.pk}") == before_other
    assert caching.versions("events") == before_list  # the list's places: "event-places"


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
def test_negative_control_without_a_bump_the_page_is_stale(
    client, reference_data, page_cache, settings
):
    """Proves the test above can fail: a write that sends no signal stays invisible."""
    from wirportal.offices.models import Office

    settings.WIR_CACHE_VERIFY = False  # the cache-verify run would refuse to serve it

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
    assert '<html lang="en" dir="ltr">' in english
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


@pytest.mark.django_db
def test_verify_mode_fails_on_a_stale_page(client, reference_data, page_cache, settings):
    """Negative control of the cache-verify run (WIR_TEST_PAGE_CACHE=1): a write without a bump
    leaves a stale entry, and the next hit fails instead of serving it."""
    from wirportal.offices.models import Office

    settings.WIR_CACHE_VERIFY = True
    url = reverse("offices:office-detail", args=["kassel"])
    client.get(url)
    assert _whole_pages(page_cache) == 1
    assert client.get(url).status_code == 200  # a hit that still matches passes
    Office.objects.filter(slug="kassel").update(name="Kassel (neu)")  # no signal, no bump
    with pytest.raises(caching.StaleCacheEntry, match="Kassel"):
        client.get(url)


@pytest.mark.django_db
def test_verify_mode_fails_on_a_stale_fragment(page_cache, settings):
    settings.WIR_CACHE_VERIFY = True
    shown = {"form": "eins"}
    fragment = lambda: caching.cached_fragment(  # noqa: E731
        "components/form.html", lambda: {"form": shown["form"]}, key=("verify",)
    )
    assert "eins" in fragment()
    assert "eins" in fragment()  # a hit that still matches passes
    shown["form"] = "zwei"  # changed content, same key, no bump
    with pytest.raises(caching.StaleCacheEntry, match=r"components/form\.html"):
        fragment()


@pytest.fixture
def one_store(settings):
    """Production with Redis: the tokens and the pages in one database under one prefix
    (config.settings.base), so that `caching._lookup` reads both with one MGET."""
    from django.core.cache import caches

    versions = settings.CACHES.get(caching.VERSIONS_ALIAS, {})
    if not versions.get("BACKEND", "").endswith("RedisCache"):
        pytest.skip("the tokens and pages share a store only on Redis (REDIS_URL)")
    settings.CACHES = {**settings.CACHES, caching.CACHE_ALIAS: versions}
    caching.reset()
    caches[caching.CACHE_ALIAS].clear()
    yield caches[caching.CACHE_ALIAS]
    caches[caching.CACHE_ALIAS].clear()


def _reads_of_the_shared_store(run) -> list[tuple[str, ...]]:
    """The keys of every read of the tokens' and pages' aliases while `run()` runs."""
    from django.core.cache import caches

    reads: list[tuple[str, ...]] = []
    spied = []
    for alias in (caching.VERSIONS_ALIAS, caching.CACHE_ALIAS):
        cache = caches[alias]
        original_get, original_get_many = cache.get, cache.get_many
        cache.get = lambda key, *a, _o=original_get, **k: reads.append((key,)) or _o(key, *a, **k)
        cache.get_many = lambda keys, *a, _o=original_get_many, **k: (
            reads.append(tuple(keys)) or _o(keys, *a, **k)
        )
        spied.append(cache)
    try:
        run()
    finally:
        for cache in spied:
            del cache.get, cache.get_many
    return reads


@pytest.mark.django_db
def test_with_redis_a_cached_page_and_its_tokens_come_in_one_read(
    client, reference_data, one_store, django_capture_on_commit_callbacks
):
    """Each round trip to Redis counts on every page (make bench-pg, issue #13): the tokens of
    a whole public page and its entry are one MGET, and a change still shows at once."""
    from wirportal.offices.models import Office

    url = reverse("offices:office-detail", args=["kassel"])
    first = client.get(url).content.decode()
    reads = _reads_of_the_shared_store(lambda: client.get(url))
    assert len(reads) == 1, reads
    assert any(key.startswith("v:") for key in reads[0])
    assert any(key.startswith("page:") for key in reads[0])
    with django_capture_on_commit_callbacks(execute=True):
        office = Office.objects.get(slug="kassel")
        office.name = "Kassel (neu)"
        office.save()
    changed = client.get(url).content.decode()
    assert "Kassel (neu)" in changed and changed != first


@pytest.mark.django_db
def test_with_redis_a_fragment_and_its_tokens_come_in_one_read(one_store, settings):
    settings.WIR_CACHE_VERIFY = False  # it serves content changed without a bump on purpose
    shown = {"form": "eins"}

    def fragment() -> str:
        return caching.cached_fragment(
            "components/form.html",
            lambda: {"form": shown["form"]},
            key=("one-read",),
            depends_on=("offices", "events"),
        )

    assert "eins" in fragment()
    shown["form"] = "zwei"  # changed without a bump: the entry still serves (no token changed)
    reads = _reads_of_the_shared_store(lambda: fragment())
    assert len(reads) == 1 and "eins" in fragment()
    caching.bump("events")
    assert "zwei" in fragment()  # a new token of any name it depends on: rendered again


@pytest.mark.django_db
def test_an_entry_of_earlier_tokens_is_never_served(page_cache, settings):
    """Entries keep the tokens they were stored under; the key is the same for every version
    of the content, so an entry of earlier tokens must be told apart by those."""
    settings.WIR_CACHE_VERIFY = False  # it serves content changed without a bump on purpose
    shown = {"form": "eins"}

    def fragment() -> str:
        return caching.cached_fragment(
            "components/form.html",
            lambda: {"form": shown["form"]},
            key=("earlier",),
            depends_on=("offices",),
        )

    assert "eins" in fragment()
    shown["form"] = "zwei"
    caching.bump("offices")
    assert "zwei" in fragment()
    shown["form"] = "drei"
    assert "zwei" in fragment()  # stored under the new token, served again


@pytest.mark.django_db
def test_with_redis_several_fragments_of_a_page_come_with_their_tokens_in_one_read(one_store):
    def fragments() -> list[str]:
        return caching.cached_fragments(
            caching.Fragment("components/form.html", lambda: {"form": "Kopf"}, ("several",)),
            caching.Fragment("components/form.html", lambda: {"form": "Rumpf"}, ("several", 2)),
            depends_on=("budget",),
        )

    first = fragments()
    assert "Kopf" in first[0] and "Rumpf" in first[1]
    reads = _reads_of_the_shared_store(fragments)
    assert len(reads) == 1 and sum(key.startswith("fragment:") for key in reads[0]) == 2
