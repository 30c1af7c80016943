"""Login, two-factor authentication, throttling and sessions (reliability brief T10, T11)."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Sicheres-Passwort-123"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _totp(secret: str, offset: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def _login(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_staff_without_totp_is_sent_to_set_it_up(client):
    user = UserFactory(role=Role.CASE_WORKER, totp=False)
    client.force_login(user)
    response = client.get(reverse("offices:organisation-list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:mfa-required")
    # the set-up page itself and the TOTP activation stay reachable
    assert client.get(reverse("accounts:mfa-required")).status_code == 200
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)


@pytest.mark.parametrize(
    "role", [Role.PROGRAMME_STAFF, Role.REVIEWER, Role.COORDINATOR, Role.AUDITOR]
)
def test_every_staff_role_needs_totp(client, role):
    client.force_login(UserFactory(role=role, totp=False))
    assert client.get(reverse("core:home"))["Location"] == reverse("accounts:mfa-required")


def test_applicant_does_not_need_totp(client):
    client.force_login(UserFactory(role=Role.APPLICANT))
    assert client.get(reverse("core:home")).status_code == 200


def test_staff_with_totp_logs_in_only_with_a_valid_code(client):
    user = UserFactory(role=Role.CASE_WORKER)
    response = _login(client, user.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # not logged in yet
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    ok = client.post(reverse("mfa_authenticate"), {"code": _totp(user.totp_secret)})
    assert ok.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_totp_code_cannot_be_used_twice(client):
    user = UserFactory(role=Role.CASE_WORKER)
    code = _totp(user.totp_secret)
    _login(client, user.email)
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.logout()
    _login(client, user.email)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" not in client.session


def test_login_is_throttled_after_five_wrong_passwords_but_the_victim_is_not_locked_out_forever(
    client,
):
    user = UserFactory(role=Role.APPLICANT)
    for _ in range(5):
        assert _login(client, user.email, "falsch-falsch-falsch").status_code == 200
    blocked = _login(client, user.email)  # correct password, but throttled
    assert blocked.status_code == 429 or "_auth_user_id" not in client.session
    assert "_auth_user_id" not in client.session
    cache.clear()  # the window has passed
    assert _login(client, user.email).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_session_key_changes_at_login_and_logout_ends_the_session(client):
    user = UserFactory(role=Role.APPLICANT)
    client.get(reverse("account_login"))
    client.session.save()
    before = client.session.session_key
    _login(client, user.email)
    after = client.session.session_key
    assert before != after
    client.post(reverse("account_logout"))
    assert client.get(reverse("accounts:me")).status_code == 302


def test_deactivated_user_loses_access(client):
    user = UserFactory(role=Role.APPLICANT)
    _login(client, user.email)
    assert client.get(reverse("accounts:me")).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(reverse("accounts:me")).status_code == 302


def test_password_change_ends_other_sessions(client, django_user_model):
    from django.test import Client

    user = UserFactory(role=Role.APPLICANT)
    other = Client()
    other.force_login(user)
    assert other.get(reverse("accounts:me")).status_code == 200
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "Ganz-neues-Passwort-456",
            "password2": "Ganz-neues-Passwort-456",
        },
    )
    assert response.status_code == 302
    assert other.get(reverse("accounts:me")).status_code == 302


def test_password_reset_sends_a_mail_and_does_not_bypass_totp(client):
    user = UserFactory(role=Role.CASE_WORKER)
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = next(word for word in body.split() if "/accounts/password/reset/key/" in word)
    path = link.split("testserver", 1)[-1]
    page = client.get(path, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else path
    new = "Neues-Sicheres-Passwort-789"
    done = client.post(form_url, {"password1": new, "password2": new})
    assert done.status_code == 302
    assert "_auth_user_id" not in client.session  # no login by reset
    response = _login(client, user.email, new)
    assert response["Location"] == reverse("mfa_authenticate")  # second factor still required
    assert "_auth_user_id" not in client.session


def test_signup_creates_an_applicant_never_staff(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "password1": "Ein-langes-Passwort-1",
            "password2": "Ein-langes-Passwort-1",
            "role": Role.PROGRAMME_STAFF,
            "is_staff": "on",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302
    from wirportal.accounts.models import User

    user = User.objects.get(email="neu@example.org")
    assert user.role == Role.APPLICANT
    assert not user.is_staff and not user.is_superuser


def test_login_form_errors_are_german_and_keep_the_email(client):
    response = _login(client, "niemand@example.org", "falsch-falsch-falsch")
    content = response.content.decode()
    assert response.status_code == 200
    assert "niemand@example.org" in content
    assert "Die E-Mail-Adresse und/oder das Passwort sind leider falsch." in content


def test_totp_secrets_are_encrypted_at_rest():
    from allauth.mfa.models import Authenticator

    user = UserFactory(role=Role.CASE_WORKER)
    stored = Authenticator.objects.get(user=user).data["secret"]
    assert stored.startswith("fernet:") and user.totp_secret not in stored


def test_staff_cannot_switch_off_their_second_factor(client):
    from allauth.mfa.models import Authenticator

    user = UserFactory(role=Role.CASE_WORKER)
    client.force_login(user)
    response = client.get(reverse("mfa_deactivate_totp"))
    assert (
        response.status_code in (302, 403, 404) or "Deaktivieren" not in response.content.decode()
    )
    client.post(reverse("mfa_deactivate_totp"), {})
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_only_applicants_may_delete_their_totp_authenticator():
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator

    staff = Authenticator.objects.get(user=UserFactory(role=Role.COORDINATOR))
    applicant = Authenticator.objects.get(user=UserFactory(role=Role.APPLICANT, totp=True))
    assert get_adapter().can_delete_authenticator(staff) is False
    assert get_adapter().can_delete_authenticator(applicant) is True


# --- Every way in passes the portal's login with its second factor (issue #9, ASVS V6) ----------


def _password_only_session(client, user):
    """A session as after a login with the password alone: one begun before the person set up TOTP,
    or one Django's own admin login would have made. allauth records each step of a login in the
    session; only a record of the second factor lets staff in."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "password", "at": time.time()}]
    session.save()


def _admin(**extra):
    return UserFactory(
        role=extra.pop("role", Role.PROGRAMME_STAFF), is_staff=True, is_superuser=True, **extra
    )


@pytest.mark.parametrize("role", [Role.PROGRAMME_STAFF, Role.APPLICANT])
def test_a_superuser_with_only_a_password_reaches_neither_the_admin_nor_staff_pages(client, role):
    admin = _admin(role=role, totp=True)
    _password_only_session(client, admin)
    for path in [
        "/verwaltung/",
        "/verwaltung/accounts/user/",
        reverse("offices:organisation-list"),
        reverse("accounts:me"),
    ]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("mfa_reauthenticate")), path


def test_the_admin_login_takes_no_password_and_sends_to_the_portal_login(client):
    admin = _admin()
    response = client.post(
        "/verwaltung/login/?next=/verwaltung/",
        {"username": admin.email, "password": PASSWORD, "next": "/verwaltung/"},
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/verwaltung/"
    # the admin itself sends visitors the same way
    assert client.get("/verwaltung/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_password_only_session_of_staff_with_totp_must_pass_the_totp_step(client):
    user = UserFactory(role=Role.CASE_WORKER)
    _password_only_session(client, user)
    page = reverse("offices:organisation-list")
    response = client.get(page)
    assert response.status_code == 302
    step = response["Location"]
    assert step == f"{reverse('mfa_reauthenticate')}?next={page}"
    # neither recovery codes nor a new password nor e-mail addresses before the second factor
    for name in ["mfa_view_recovery_codes", "account_change_password", "account_email"]:
        refused = client.get(reverse(name))
        assert refused.status_code == 302, name
        assert refused["Location"].startswith(reverse("mfa_reauthenticate")), name
    assert client.get(step).status_code == 200
    assert client.post(step, {"code": "000000"}).status_code == 200  # wrong code: still refused
    assert client.get(page).status_code == 302
    done = client.post(step, {"code": _totp(user.totp_secret)})
    assert done.status_code == 302 and done["Location"] == page
    assert client.get(page).status_code == 200


def test_a_superuser_who_passed_totp_gets_into_the_admin(client):
    admin = _admin()
    to_admin = client.get("/verwaltung/", follow=True)
    assert to_admin.redirect_chain[-1][0] == f"{reverse('account_login')}?next=/verwaltung/"
    response = client.post(
        f"{reverse('account_login')}?next=/verwaltung/",
        {"login": admin.email, "password": PASSWORD, "next": "/verwaltung/"},
    )
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert client.get("/verwaltung/").status_code == 302  # not yet: the code is missing
    done = client.post(reverse("mfa_authenticate"), {"code": _totp(admin.totp_secret)})
    assert done.status_code == 302 and done["Location"] == "/verwaltung/"
    assert client.get("/verwaltung/").status_code == 200
    assert client.get("/verwaltung/accounts/user/").status_code == 200
    assert client.get(reverse("offices:organisation-list")).status_code == 200


def test_a_logged_in_person_without_admin_rights_is_refused_by_the_admin(client):
    client.force_login(UserFactory(role=Role.APPLICANT))
    response = client.get("/verwaltung/", follow=True)
    assert response.status_code == 403


def test_the_login_throttle_counts_per_client_address_behind_one_proxy():
    """Behind the TLS proxy (TRUSTED_PROXY_COUNT=1, the default) the client's address is the last
    entry of X-Forwarded-For, the one the proxy added; earlier entries are the client's own words."""
    from django.test import Client

    user = UserFactory(role=Role.APPLICANT)
    attacker = Client()
    for number in range(10):  # login_failed: 10 a minute per address
        attacker.post(
            reverse("account_login"),
            {"login": f"niemand{number}@example.org", "password": "falsch-falsch-falsch"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 203.0.113.7",
        )
    refused = attacker.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7",  # a new first entry does not help
    )
    assert "_auth_user_id" not in attacker.session
    assert "Zu viele" in refused.content.decode()
    neighbour = Client()  # another address (the same spoofed first entry) is not throttled
    response = neighbour.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.1, 192.0.2.44",
    )
    assert response.status_code == 302
    assert neighbour.session["_auth_user_id"] == str(user.pk)


def test_the_code_that_activated_totp_cannot_be_used_again_to_log_in(client):
    """RFC 6238 § 5.2: a verifier must not accept the same OTP twice. The activation code was
    accepted once (at set-up) and is spent; logging in with it in the same window fails."""
    user = UserFactory(role=Role.CASE_WORKER, totp=False)
    _login(client, user.email)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # allauth asks again
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session["mfa.totp.secret"]
    code = _totp(secret)
    activated = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert activated.status_code == 302, activated.content[:500]
    client.logout()
    _login(client, user.email)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" not in client.session
