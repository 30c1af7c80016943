"""Issue #12: the login, sign-up and password pages say "Sie" like the rest of the portal
(allauth's German catalogue says "du"; templates/account/ overrides its texts)."""

import re

import pytest

pytestmark = pytest.mark.django_db

# (who, page): the pages each one is shown (a signed-in person is sent on from login and sign-up)
PAGES = [
    ("visitor", "/accounts/login/"),
    ("visitor", "/accounts/signup/"),
    ("visitor", "/accounts/password/reset/"),
    ("visitor", "/accounts/password/reset/done/"),
    ("visitor", "/accounts/confirm-email/"),
    ("applicant_a", "/accounts/password/reset/"),
    ("applicant_a", "/accounts/password/reset/done/"),
    ("applicant_a", "/accounts/logout/"),
]
INFORMAL = re.compile(r"\b(du|Du|dein\w*|Dein\w*|dich|dir|Bestätige|gib|Gib|Bist)\b")


@pytest.mark.parametrize(("who", "path"), PAGES)
def test_account_pages_say_sie(world, client, who, path):
    if who != "visitor":
        client.force_login(world.users[who])
    response = client.get(path)
    assert response.status_code == 200
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", main)
    found = INFORMAL.findall(text)
    assert not found, (path, found, text[:600])
