"""Issue #14: the API tokens on the account page, in Chromium: axe, 390 px, keyboard."""

import pytest

from tests.browser import check_page, login_context, requires_chromium, watch_csp

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_create_show_once_and_revoke_a_token(live_server, browser, reference_data, width):
    from wirportal.accounts.models import ApiToken
    from wirportal.accounts.tests.factories import UserFactory

    user = UserFactory(email="token@example.org")
    context = login_context(browser, live_server, user)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    problems = watch_csp(page)
    failures: list[str] = []
    page.goto(live_server.url + "/konto/")
    check_page(page, failures, "account")

    # by keyboard: the name field, Enter sends the form
    page.get_by_label("Bezeichnung des Tokens").focus()
    page.keyboard.type("Fachverfahren")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    shown = page.locator("#new-api-token").inner_text()
    token = ApiToken.objects.get(user=user)
    assert shown.startswith(f"wir_{token.prefix}_")
    check_page(page, failures, "account with the new token")

    page.get_by_role("button", name="Token „Fachverfahren“ widerrufen").click()
    page.wait_for_load_state()
    assert "widerrufen am" in page.locator("main").inner_text()
    assert shown not in page.content()
    check_page(page, failures, "account with the token revoked")
    assert not problems, problems
    context.close()
    assert not failures, "\n".join(failures)
