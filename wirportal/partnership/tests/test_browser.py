"""In Chromium at 1280 and 390 px: every page of the partnership view passes axe (as a visitor and,
for the unit page, as Land staff), needs no sideways scrolling and has no CSP violation; by
keyboard alone one gets from the overview to a unit's page and to the conference room view, and
pages through the units there."""

import re

import pytest

from tests.browser import check_page, login_context, requires_chromium, watch_csp

from .factories import build

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

KASSEL = "06611000"
PAGES = [
    "/partnerschaft/?jahr=2026",
    "/partnerschaft/?jahr=2026&sortierung=ikoe&richtung=ab&karte=ikoe",
    f"/partnerschaft/{KASSEL}/",
    "/partnerschaft/06415000/",
    "/partnerschaft/daten/",
    "/partnerschaft/konferenz/nord/?jahr=2026",
    "/partnerschaft/konferenz/sued/?jahr=2026",
    f"/partnerschaft/konferenz/nord/{KASSEL}/?jahr=2026",
]


@pytest.mark.parametrize("width", (1280, 390))
def test_pages_pass_axe(world, live_server, browser, width):
    build(world)
    failures: list[str] = []
    for user, paths in [
        (None, PAGES),
        (world.users["programme_staff"], [f"/partnerschaft/{KASSEL}/", "/partnerschaft/daten/"]),
    ]:
        context = login_context(browser, live_server, user, via_form=user is not None)
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": 900})
        csp = watch_csp(page)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, path
            check_page(page, failures, path)
            assert not csp, csp
        context.close()
    assert not failures, "\n".join(failures)


def _tab_to(page, name: str, limit: int = 400) -> None:
    """Press Tab until the focused element's text (or accessible title) contains `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        text = page.evaluate(
            "(() => { const e = document.activeElement;"
            " const t = e.querySelector && e.querySelector('title');"
            " return (e.textContent || '') + ' ' + (t ? t.textContent : ''); })()"
        )
        if name in text:
            return
    raise AssertionError(f"{name!r} not reached by Tab")


def test_keyboard_overview_to_unit_and_conference_room(world, live_server, browser):
    build(world)
    page = login_context(browser, live_server, None).new_page()
    page.goto(live_server.url + "/partnerschaft/?jahr=2026")
    # a unit's link in the table, by keyboard
    _tab_to(page, "Kassel")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/partnerschaft/06\d+/$"))
    assert "Partnerschaft mit" in page.locator("h1").inner_text()
    # back to the overview, on to the North's conference and its room view
    page.goto(live_server.url + "/partnerschaft/?jahr=2026")
    _tab_to(page, "Regionalkonferenz Nord")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/konferenz/nord/.*"))
    _tab_to(page, "Vollbildansicht")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/konferenz/nord/06\d+/.*"))
    first = page.locator("h1").inner_text()
    _tab_to(page, "Weiter:")
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() != first
    _tab_to(page, "Zurück:")
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == first
