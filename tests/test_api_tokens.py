"""Issue #14, REST API: personal tokens, their scope, problem details, rate limits, writes."""

import hashlib

import pytest
from django.core.cache import caches

from wirportal.accounts.models import ApiToken
from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import api_token, bearer, record_second_factor
from wirportal.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from wirportal.accounts.api_auth import RATE_CACHE_ALIAS

    caches[RATE_CACHE_ALIAS].clear()
    yield
    caches[RATE_CACHE_ALIAS].clear()


def _problem(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    return body


# --- the account page: create once, list, revoke -----------------------------------------------


def test_token_is_shown_once_stored_hashed_listed_and_revoked(world, client):
    user = world.users["applicant_a"]
    client.force_login(user)
    response = client.post("/konto/api-tokens/neu/", {"name": "Fachverfahren"})
    assert response.status_code == 200
    text = response.context["new_token"]
    assert text.startswith("wir_") and text in response.content.decode()
    token = ApiToken.objects.get(user=user)
    assert token.name == "Fachverfahren" and token.role == Role.APPLICANT
    assert token.secret_hash == hashlib.sha256(text.encode()).hexdigest()
    assert text not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    # never again: the account page lists it by its prefix only
    page = client.get("/konto/").content.decode()
    assert f"wir_{token.prefix}_…" in page and text not in page
    response = client.post(f"/konto/api-tokens/{token.pk}/widerrufen/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()  # the token alone from here on
    _problem(client.get("/api/antraege/", **bearer(text)), 401)
    actions = list(
        AuditEntry.objects.filter(action__startswith="api_token.").values_list("action", flat=True)
    )
    assert sorted(actions) == ["api_token.created", "api_token.revoked"]


def test_token_needs_a_name_and_nobody_revokes_anothers(world, client):
    client.force_login(world.users["applicant_a"])
    response = client.post("/konto/api-tokens/neu/", {"name": ""})
    assert response.status_code == 422
    assert "name" in response.context["token_form"].errors
    assert not ApiToken.objects.exists()
    api_token(world.users["applicant_b"])
    other = ApiToken.objects.get(user=world.users["applicant_b"])
    assert client.post(f"/konto/api-tokens/{other.pk}/widerrufen/").status_code == 403
    other.refresh_from_db()
    assert other.revoked_at is None


def test_staff_make_tokens_only_after_the_second_factor(world, client):
    """/konto/ is behind the staff TOTP step: a session with the password alone cannot make one."""
    staff = world.users["case_worker"]
    assert client.login(email=staff.email, password="Sicheres-Passwort-123")
    response = client.post("/konto/api-tokens/neu/", {"name": "Auswertung"})
    assert response.status_code == 302 and not ApiToken.objects.exists()
    session = client.session
    record_second_factor(session, staff)
    session.save()
    assert client.post("/konto/api-tokens/neu/", {"name": "Auswertung"}).status_code == 200
    assert ApiToken.objects.filter(user=staff).count() == 1


# --- what a token is worth ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["Bearer wir_0000000000_falsch", "Bearer quatsch", "Bearer ", "Basic YTpi", "Bearer wir__x"],
)
def test_unknown_or_malformed_tokens_are_401_problems(world, client, header):
    body = _problem(client.get("/api/antraege/", HTTP_AUTHORIZATION=header), 401)
    assert body["type"] == "about:blank" and body["title"] == "Nicht angemeldet"


def test_a_wrong_secret_with_a_real_prefix_is_refused(world, client):
    text = api_token(world.users["applicant_a"])
    forged = text[:-4] + ("AAAA" if not text.endswith("AAAA") else "BBBB")
    _problem(client.get("/api/antraege/", **bearer(forged)), 401)


def test_tokens_stop_working_when_the_person_is_deactivated_or_changes_role(world, client):
    user = world.users["coordinator_x"]
    text = api_token(user)
    assert client.get("/api/antraege/", **bearer(text)).status_code == 200
    user.role = Role.APPLICANT
    user.save()
    _problem(client.get("/api/antraege/", **bearer(text)), 401)
    user.role = Role.COORDINATOR
    user.is_active = False
    user.save()
    _problem(client.get("/api/antraege/", **bearer(text)), 401)


def test_last_used_is_recorded(world, client):
    text = api_token(world.users["applicant_a"])
    assert ApiToken.objects.get().last_used_at is None
    client.get("/api/antraege/", **bearer(text))
    assert ApiToken.objects.get().last_used_at is not None


def test_an_applicants_token_reads_only_its_own_organisations_applications(world, client):
    from wirportal.applications.tests.factories import ApplicationFactory

    mine = ApplicationFactory(organisation=world["org_a"], created_by=world.users["applicant_a"])
    theirs = ApplicationFactory(organisation=world["org_b"], created_by=world.users["applicant_b"])
    text = api_token(world.users["applicant_a"])
    body = client.get("/api/antraege/", **bearer(text)).json()
    assert [row["id"] for row in body["items"]] == [mine.pk] and body["count"] == 1
    assert client.get(f"/api/antraege/{mine.pk}", **bearer(text)).status_code == 200
    _problem(client.get(f"/api/antraege/{theirs.pk}", **bearer(text)), 404)
    # and no staff role sees the draft (ADR 0005), not through the API either
    staff = api_token(world.users["case_worker"])
    assert client.get("/api/antraege/", **bearer(staff)).json()["count"] == 0
    _problem(client.get(f"/api/antraege/{mine.pk}", **bearer(staff)), 404)


# --- CSRF: the session keeps it, the token needs none ------------------------------------------


def test_cookie_writes_need_csrf_token_writes_do_not(world, client):
    from django.test import Client

    from wirportal.programmes.tests.factories import CallFactory

    call = CallFactory()
    user = world.users["applicant_a"]
    body = {"call": call.pk, "organisation": world["org_a"].pk}
    session = Client(enforce_csrf_checks=True)
    session.force_login(user)
    _problem(session.post("/api/antraege/", body, content_type="application/json"), 403)
    tokened = Client(enforce_csrf_checks=True)
    text = api_token(user)
    response = tokened.post("/api/antraege/", body, content_type="application/json", **bearer(text))
    assert response.status_code == 201, response.content


# --- problem details ---------------------------------------------------------------------------


def test_problem_details_for_401_403_404_and_422(world, client):
    _problem(client.get("/api/antraege/"), 401)
    assert client.get("/api/antraege/")["WWW-Authenticate"].startswith("Bearer")
    applicant = api_token(world.users["applicant_a"])
    _problem(client.get("/api/haushalt/", **bearer(applicant)), 403)
    _problem(client.get("/api/antraege/999999", **bearer(applicant)), 404)
    body = _problem(client.get("/api/antraege/?page=0&year=x", **bearer(applicant)), 422)
    assert set(body["errors"]) == {"page", "year"}
    assert all(isinstance(m, str) for ms in body["errors"].values() for m in ms)


def test_the_schema_documents_problems_on_every_operation(client):
    document = client.get("/api/openapi.json").json()
    assert "Problem" in document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for code in ("404", "422"):
                assert "application/problem+json" in operation["responses"][code]["content"], (
                    method,
                    path,
                )


# --- rate limits -------------------------------------------------------------------------------


def test_rate_limit_per_token_gives_429_with_retry_after(world, client, settings):
    settings.WIR_API_TOKEN_RATE = "3/m,1000/h"
    first = api_token(world.users["applicant_a"], "eins")
    second = api_token(world.users["applicant_a"], "zwei")
    for _ in range(3):
        assert client.get("/api/antraege/", **bearer(first)).status_code == 200
    response = client.get("/api/antraege/", **bearer(first))
    body = _problem(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 60
    assert body["type"] == "urn:wir-portal:problem:rate-limited"
    # per token: another token of the same person still has its own allowance
    assert client.get("/api/antraege/", **bearer(second)).status_code == 200


# --- writes: draft, change, submit, register ------------------------------------------------------


@pytest.fixture
def open_call(world):
    from wirportal.programmes.tests.factories import CallFactory

    return CallFactory()


def test_applicant_creates_changes_and_submits_a_draft_through_the_services(
    world, client, open_call
):
    from wirportal.applications.models import Application

    text = api_token(world.users["applicant_a"])
    created = client.post(
        "/api/antraege/",
        {"call": open_call.pk, "organisation": world["org_a"].pk},
        content_type="application/json",
        **bearer(text),
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["status"] == "draft"

    # a date that cannot be used: 422 with the field, the rest saved and the input kept
    response = client.patch(
        f"/api/antraege/{pk}",
        {"title": "Sprachcafé", "period_start": "31.02.2027"},
        content_type="application/json",
        **bearer(text),
    )
    body = _problem(response, 422)
    assert list(body["errors"]) == ["period_start"]
    application = Application.objects.get(pk=pk)
    assert application.title == "Sprachcafé"
    assert application.invalid_input["period_start"]["value"] == "31.02.2027"

    # submitting the incomplete draft: 422 with every missing field, still a draft
    body = _problem(client.post(f"/api/antraege/{pk}/einreichen", **bearer(text)), 422)
    assert body["type"] == "urn:wir-portal:problem:domain-rule" and body["errors"]
    assert Application.objects.get(pk=pk).status == "draft"

    # another organisation's member cannot touch it
    other = api_token(world.users["applicant_b"])
    _problem(
        client.patch(
            f"/api/antraege/{pk}", {"title": "x"}, content_type="application/json", **bearer(other)
        ),
        404,
    )


def test_draft_for_a_foreign_organisation_is_a_404_with_the_field(world, client, open_call):
    text = api_token(world.users["applicant_b"])
    body = _problem(
        client.post(
            "/api/antraege/",
            {"call": open_call.pk, "organisation": world["org_a"].pk},
            content_type="application/json",
            **bearer(text),
        ),
        404,
    )
    assert list(body["errors"]) == ["organisation"]


def test_a_submitted_application_cannot_be_changed_409(world, client):
    from wirportal.applications.tests.factories import ApplicationFactory, CostItemFactory

    application = ApplicationFactory(
        organisation=world["org_a"], created_by=world.users["applicant_a"]
    )
    CostItemFactory(application=application)
    application.submit()
    application.save()
    text = api_token(world.users["applicant_a"])
    _problem(
        client.patch(
            f"/api/antraege/{application.pk}",
            {"title": "neu"},
            content_type="application/json",
            **bearer(text),
        ),
        403,
    )


def test_register_for_an_event_with_a_token(world, client):
    from wirportal.events.models import Registration
    from wirportal.events.tests.factories import EventFactory

    event = EventFactory()
    user = world.users["applicant_a"]
    text = api_token(user)
    response = client.post(
        f"/api/veranstaltungen/{event.slug}/anmeldung",
        {"consent": True},
        content_type="application/json",
        **bearer(text),
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "confirmed"
    assert Registration.objects.get(event=event).email == user.email
    # twice: the service's rule, a 422 with the field
    again = client.post(
        f"/api/veranstaltungen/{event.slug}/anmeldung",
        {"consent": True},
        content_type="application/json",
        **bearer(text),
    )
    assert list(_problem(again, 422)["errors"]) == ["email"]
    without_consent = api_token(world.users["applicant_b"])
    response = client.post(
        f"/api/veranstaltungen/{event.slug}/anmeldung",
        {"consent": False},
        content_type="application/json",
        **bearer(without_consent),
    )
    assert list(_problem(response, 422)["errors"]) == ["consent"]
