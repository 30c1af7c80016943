"""Issue #14: the API's list responses are cached (core.api_caching) and still never stale nor
shared: a write the list shows changes it on the next request, a revoked token gets 401, every
cached hit counts towards the token's rate limit, a changed membership changes the scope at once."""

from datetime import date

import pytest

from wirportal.accounts.tests.factories import api_token, bearer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _generous_rate(settings):
    settings.WIR_API_TOKEN_RATE = "1000000/m"


def _grant(world):
    from wirportal.payments.tests.factories import accepted_grant

    return accepted_grant(
        organisation=world["org_a"],
        applicant=world.users["applicant_a"],
        case_worker=world.users["case_worker"],
    )


def _get(client, path, headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def _hit_needs_fewer_queries(client, path, headers, django_assert_max_num_queries):
    """The second request is served from the cache: the token with its person and the versions (the rate is counted in memory)."""
    from django.conf import settings

    _get(client, path, headers)
    if getattr(settings, "WIR_CACHE_VERIFY", False):  # every hit computed again and compared
        return _get(client, path, headers)
    with django_assert_max_num_queries(2):
        return _get(client, path, headers)


def test_application_list_shows_a_changed_title_at_once(
    world, client, page_cache, django_assert_max_num_queries
):
    grant = _grant(world)
    headers = bearer(api_token(world.users["case_worker"]))
    path = "/api/antraege/"
    first = _hit_needs_fewer_queries(client, path, headers, django_assert_max_num_queries)
    assert [row["title"] for row in first["items"]] == [grant.application.title]
    application = grant.application
    application.title = "Ein neuer Titel"
    application.save()
    assert [row["title"] for row in _get(client, path, headers)["items"]] == ["Ein neuer Titel"]


def test_applicant_list_shows_a_new_draft_and_loses_a_left_organisation(
    world, client, page_cache, django_assert_max_num_queries
):
    """Drafts change the applicant's list; leaving the organisation empties it at once."""
    from wirportal.applications.tests.factories import ApplicationFactory
    from wirportal.offices.models import OrganisationMembership

    headers = bearer(api_token(world.users["applicant_a"]))
    path = "/api/antraege/"
    assert (
        _hit_needs_fewer_queries(client, path, headers, django_assert_max_num_queries)["items"]
        == []
    )
    draft = ApplicationFactory(organisation=world["org_a"], created_by=world.users["applicant_a"])
    assert [row["id"] for row in _get(client, path, headers)["items"]] == [draft.pk]
    OrganisationMembership.objects.get(user=world.users["applicant_a"]).delete()
    assert _get(client, path, headers)["items"] == []


def test_organisation_list_shows_a_new_name_at_once(
    world, client, page_cache, django_assert_max_num_queries
):
    headers = bearer(api_token(world.users["case_worker"]))
    path = "/api/traeger/"
    _hit_needs_fewer_queries(client, path, headers, django_assert_max_num_queries)
    organisation = world["org_a"]
    organisation.name = "Umbenannt e. V."
    organisation.save()
    names = {row["name"] for row in _get(client, path, headers)["items"]}
    assert "Umbenannt e. V." in names and "Verein A e. V." not in names


def test_payment_list_shows_a_payment_at_once(
    world, client, page_cache, django_assert_max_num_queries
):
    from wirportal.payments.tests.factories import pay

    grant = _grant(world)
    headers = bearer(api_token(world.users["case_worker"]))
    path = "/api/zahlungen/"
    assert (
        _hit_needs_fewer_queries(client, path, headers, django_assert_max_num_queries)["items"]
        == []
    )
    pay(grant, "100.00", date(2027, 3, 3))
    rows = _get(client, path, headers)["items"]
    assert [(row["amount"], row["paid_on"]) for row in rows] == [("100.00", "2027-03-03")]


def test_a_revoked_token_gets_401_not_the_cached_list(world, client, page_cache):
    from wirportal.accounts.models import ApiToken
    from wirportal.accounts.services import api_token_revoke

    user = world.users["case_worker"]
    headers = bearer(api_token(user))
    _get(client, "/api/traeger/", headers)
    api_token_revoke(token=ApiToken.objects.get(user=user), by=user)
    assert client.get("/api/traeger/", **headers).status_code == 401


def test_a_deactivated_person_gets_401_not_the_cached_list(world, client, page_cache):
    user = world.users["case_worker"]
    headers = bearer(api_token(user))
    _get(client, "/api/traeger/", headers)
    user.is_active = False
    user.save()
    assert client.get("/api/traeger/", **headers).status_code == 401


def test_cached_hits_count_towards_the_rate_limit(world, client, page_cache, settings):
    settings.WIR_API_TOKEN_RATE = "3/m"
    headers = bearer(api_token(world.users["case_worker"]))
    statuses = [client.get("/api/traeger/", **headers).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_entries_are_never_shared_between_people(world, client, page_cache):
    """Two coordinators ask the same path: each sees their own unit's organisations."""
    path = "/api/traeger/"
    for role, mine, other in (
        ("coordinator_x", "Verein A e. V.", "Verein B e. V."),
        ("coordinator_y", "Verein B e. V.", "Verein A e. V."),
    ):
        names = {
            row["name"] for row in _get(client, path, bearer(api_token(world.users[role])))["items"]
        }
        assert mine in names and other not in names


def test_decision_list_shows_a_changed_application_title_at_once(
    world, client, page_cache, django_assert_max_num_queries
):
    grant = _grant(world)
    headers = bearer(api_token(world.users["case_worker"]))
    path = "/api/entscheidungen/"
    first = _hit_needs_fewer_queries(client, path, headers, django_assert_max_num_queries)
    assert [row["title"] for row in first["items"]] == [grant.application.title]
    application = grant.application
    application.title = "Ein neuer Titel"
    application.save()
    assert [row["title"] for row in _get(client, path, headers)["items"]] == ["Ein neuer Titel"]


def test_proof_list_shows_a_submitted_proof_at_once(
    world, client, page_cache, django_assert_max_num_queries
):
    from wirportal.settlement.models import ProofOfUse

    grant = _grant(world)
    proof = ProofOfUse.objects.create(
        decision=grant, due_on=date(2028, 6, 30), created_by=world.users["applicant_a"]
    )
    headers = bearer(api_token(world.users["applicant_a"]))
    path = "/api/verwendungsnachweise/"
    first = _hit_needs_fewer_queries(client, path, headers, django_assert_max_num_queries)
    assert [row["due_on"] for row in first["items"]] == ["2028-06-30"]
    proof.due_on = date(2028, 9, 30)
    proof.save()
    assert [row["due_on"] for row in _get(client, path, headers)["items"]] == ["2028-09-30"]


def test_funding_line_list_is_cached_and_shows_a_renamed_line_at_once(
    world, client, page_cache, django_assert_max_num_queries
):
    """The public list of funding lines (open data, no token): a hit costs only the versions."""
    from wirportal.programmes.tests.factories import FundingLineFactory

    line = FundingLineFactory(name="Linie Alt")
    path = "/api/foerderlinien/"
    _get(client, path, {})
    from django.conf import settings

    if not getattr(settings, "WIR_CACHE_VERIFY", False):
        with django_assert_max_num_queries(1):
            _get(client, path, {})
    line.name = "Linie Neu"
    line.save()
    assert [row["name"] for row in _get(client, path, {})["items"]] == ["Linie Neu"]
