"""In Chromium at 1280 and 390 px: the finder in German, Arabic (RTL) and Leichte Sprache passes
axe, needs no sideways scrolling, has no CSP violation, sets no cookie, and works by keyboard;
Arabic pages run right to left with postcodes and numbers left to right."""

import gzip
import re

import pytest

from tests.browser import check_page, login_context, requires_chromium, watch_csp

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def offers(reference_data):
    from wirportal.finder import services

    from .factories import published_offer, recipient

    member, grant = recipient()
    first = published_offer(grant=grant, by=member, name="Sprachcafé Kassel", postcode="34117")
    published_offer(grant=grant, by=member, name="Frauencafé Baunatal", postcode="34225")
    services.offer_translation_save(by=member, offer=first, language="ar", name="مقهى اللغة")
    return first


def _open(browser, live_server, path, width):
    page = login_context(browser, live_server, None).new_page()
    page.set_viewport_size({"width": width, "height": 900})
    csp = watch_csp(page)
    page.goto(live_server.url + path)
    page.wait_for_load_state("load")
    return page, csp


def _check(page, csp, failures, label):
    check_page(page, failures, label)
    assert not csp, csp
    assert page.context.cookies() == []


@pytest.mark.parametrize("width", (1280, 390))
def test_german_search_by_keyboard(offers, live_server, browser, width):
    page, csp = _open(browser, live_server, "/angebote/", width)
    failures: list[str] = []
    _check(page, csp, failures, "search")
    field = page.get_by_label("Postleitzahl oder Ort in Hessen")
    field.focus()
    page.keyboard.type("34119")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*wo=34119.*"))
    assert "Gefundene Angebote: 2" in page.locator("#results-title").inner_text()
    names = page.locator(".finder-result h3 a").all_inner_texts()
    assert names == ["Sprachcafé Kassel", "Frauencafé Baunatal"]  # nearest first
    _check(page, csp, failures, "results")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("width", (1280, 390))
def test_arabic_pages_run_right_to_left_with_postcodes_left_to_right(
    offers, live_server, browser, width
):
    page, csp = _open(browser, live_server, "/angebote/ar/?wo=34117", width)
    failures: list[str] = []
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    postcode = page.locator(".finder-facts bdi").first
    assert postcode.inner_text() == "34117"
    assert postcode.evaluate("e => getComputedStyle(e).direction") == "ltr"
    # mirrored: the number badge of a result stands at the right edge of its heading
    heading = page.locator(".finder-result h3").first.bounding_box()
    badge = page.locator(".finder-number").first.bounding_box()
    assert badge["x"] + badge["width"] > heading["x"] + heading["width"] - 60
    # the translated name in Arabic, the untranslated one marked German
    names = page.locator(".finder-result h3 a")
    assert names.nth(0).get_attribute("lang") == "ar"
    assert names.nth(1).get_attribute("lang") == "de"
    assert names.nth(1).evaluate("e => getComputedStyle(e).direction") == "ltr"
    _check(page, csp, failures, "ar results")
    page.goto(live_server.url + f"/angebote/ar/{offers.pk}/")
    assert page.locator("h1").inner_text() == "مقهى اللغة"
    _check(page, csp, failures, "ar detail")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("width", (1280, 390))
def test_leichte_sprache(offers, live_server, browser, width):
    page, csp = _open(browser, live_server, "/angebote/de-ls/", width)
    failures: list[str] = []
    assert page.evaluate("document.documentElement.lang") == "de-x-ls"
    assert page.locator("h1").inner_text() == "Angebote finden"
    assert "So viele Angebote haben wir gefunden" in page.locator("#results-title").inner_text()
    _check(page, csp, failures, "de-ls results")
    page.get_by_role("link", name="Sprachcafé Kassel").click()
    page.wait_for_load_state("load")
    _check(page, csp, failures, "de-ls detail")
    assert not failures, "\n".join(failures)


def test_page_weight_without_fonts_is_below_150_kb(offers, client):
    """HTML plus the stylesheets and scripts it loads, compressed as WhiteNoise serves them
    (gzip), fonts left out."""
    from django.contrib.staticfiles import finders

    html = client.get("/angebote/ar/?wo=34117").content
    total = len(gzip.compress(html))
    for url in re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        path = finders.find(url.decode())
        with open(path, "rb") as f:
            total += len(gzip.compress(f.read(), compresslevel=9))
    assert total < 150_000, total


def test_every_language_passes_axe(offers, live_server, browser):
    """Search and detail page in each of the seven languages: 0 axe violations."""
    from wirportal.finder.languages import FINDER_LANGUAGES

    page, csp = _open(browser, live_server, "/angebote/", 1280)
    failures = []
    for language in FINDER_LANGUAGES:
        prefix = "/angebote/" if language.code == "de" else f"/angebote/{language.code}/"
        for path in (f"{prefix}?wo=Kassel&umkreis=50", f"{prefix}{offers.pk}/"):
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("document.documentElement.lang") == language.html
            assert page.evaluate("document.documentElement.dir") == language.dir
            check_page(page, failures, path)
    assert not failures, "\n".join(failures)
    assert not csp, csp


def test_recipient_pages_pass_axe(offers, live_server, browser):
    member = offers.decision.application.organisation.memberships.get().user
    page = login_context(browser, live_server, member).new_page()
    csp = watch_csp(page)
    failures = []
    for path in (
        "/angebote/verwalten/",
        f"/angebote/verwalten/neu/{offers.decision.pk}/",
        f"/angebote/verwalten/{offers.pk}/",
        f"/angebote/verwalten/{offers.pk}/veroeffentlichen/",
        f"/angebote/verwalten/{offers.pk}/uebersetzen/?sprache=ar",
    ):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        check_page(page, failures, path)
    assert not failures, "\n".join(failures)
    assert not csp, csp
