"""Issue #12: /api/docs is not blank: its viewer ships with the project (django-ninja's own
Swagger UI files under /static/, no CDN), passes the portal's CSP and names its language."""

import pytest

from tests.browser import requires_chromium, watch_csp

pytestmark = pytest.mark.django_db


def test_api_docs_load_the_viewer_from_our_static_files(client):
    body = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn.jsdelivr.net" not in body and "unpkg" not in body
    assert '<html lang="de">' in body


@pytest.mark.browser
@requires_chromium
@pytest.mark.django_db(transaction=True)
def test_api_docs_render_in_chromium_without_csp_violations(live_server, browser):
    page = browser.new_context(locale="de-DE").new_page()
    problems = watch_csp(page)
    page.goto(live_server.url + "/api/docs")
    page.locator(".swagger-ui .info .title").wait_for(timeout=15000)
    assert "WIR-Portal API" in page.locator(".swagger-ui .info .title").inner_text()
    assert not problems, problems
