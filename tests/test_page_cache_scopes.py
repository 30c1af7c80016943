"""With the page cache switched on, nobody sees another scope's list, and changes show at once.

The rest of the suite runs with the cache off (core.caching: factories write without commits), so
these tests are the ones that prove the cache keys carry the scope.
"""

import pytest
from django.urls import reverse

from wirportal.core import caching

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.logout()
    client.force_login(user)
    session = client.session
    session["wir_mfa_set_up"] = user.pk  # staff set up TOTP in the real login
    session.save()
    return client


def test_organisation_list_is_never_shared_between_coordinators(client, world, page_cache):
    url = reverse("offices:organisation-list")
    x = _as(client, world.users["coordinator_x"]).get(url).content.decode()
    y = _as(client, world.users["coordinator_y"]).get(url).content.decode()
    assert world["org_a"].name in x and world["org_a"].name not in y
    # served again from the cache, still per person
    assert (
        world["org_a"].name in _as(client, world.users["coordinator_x"]).get(url).content.decode()
    )


def test_application_list_is_per_organisation_and_shows_new_drafts(
    client, world, page_cache, django_capture_on_commit_callbacks
):
    from wirportal.applications.tests.factories import ApplicationFactory

    url = reverse("applications:application-list")
    with django_capture_on_commit_callbacks(execute=True):
        mine = ApplicationFactory(organisation=world["org_a"], title="Sprachcafé Nord")
    a = _as(client, world.users["applicant_a"]).get(url).content.decode()
    b = _as(client, world.users["applicant_b"]).get(url).content.decode()
    assert mine.title in a and mine.title not in b
    with django_capture_on_commit_callbacks(execute=True):
        ApplicationFactory(organisation=world["org_a"], title="Lotsenprojekt Süd")
    assert "Lotsenprojekt Süd" in _as(client, world.users["applicant_a"]).get(url).content.decode()


def test_inbox_assigned_to_me_is_per_case_worker(client, world, page_cache):
    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory

    other = UserFactory(role=Role.CASE_WORKER)
    url = reverse("reviews:inbox") + "?assignee=me"
    _as(client, world.users["case_worker"]).get(url)
    _as(client, other).get(url)
    fragments = [key for key in page_cache._cache if ":fragment:" in key]
    assert len(fragments) == 4  # form and table, for each of the two
    _as(client, world.users["case_worker"]).get(reverse("reviews:inbox"))
    _as(client, other).get(reverse("reviews:inbox"))
    shared = [key for key in page_cache._cache if ":fragment:" in key]
    assert len(shared) == 6  # the unfiltered inbox is one entry pair for all case workers


def test_cached_review_page_carries_each_persons_own_csrf_token(client, world, page_cache):
    """The body with its POST forms is shared; the CSRF token in it is the viewer's, and a form
    posted from the cached page is accepted."""
    import re

    from django.test import Client

    from wirportal.applications.tests.factories import ApplicationFactory

    application = ApplicationFactory(organisation=world["org_a"], status="submitted")
    url = reverse("reviews:review-detail", args=[application.pk])
    _as(client, world.users["case_worker"]).get(url)  # fills the cache
    strict = _as(Client(enforce_csrf_checks=True), world.users["case_worker"])
    html = strict.get(url).content.decode()
    assert caching.CSRF_PLACEHOLDER not in html
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert tokens
    response = strict.post(
        reverse("reviews:assign", args=[application.pk]),
        {"csrfmiddlewaretoken": tokens.pop(), "assignee": world.users["case_worker"].pk},
    )
    assert response.status_code == 302  # accepted, not a CSRF 403


def test_review_page_shows_each_person_only_what_they_may_do(client, world, page_cache):
    from wirportal.applications.tests.factories import ApplicationFactory

    application = ApplicationFactory(organisation=world["org_a"], status="submitted")
    url = reverse("reviews:review-detail", args=[application.pk])
    first = _as(client, world.users["case_worker"]).get(url)
    second = _as(client, world.users["auditor"]).get(url)
    assert first.status_code == second.status_code == 200
    worker, auditor = first.content.decode(), second.content.decode()
    assign = reverse("reviews:assign", args=[application.pk])
    assert application.reference in auditor
    assert assign in worker and assign not in auditor


def test_budget_overview_shows_a_new_commitment_at_once(
    client, world, page_cache, django_capture_on_commit_callbacks
):
    """Ledger entries are written with bulk_create (no signals): the service bumps "budget"."""
    from decimal import Decimal

    from wirportal.programmes import services
    from wirportal.programmes.models import BudgetYear
    from wirportal.programmes.tests.factories import FundingLineFactory, LineBudgetFactory

    line = FundingLineFactory(name="Sprachmittlung")
    BudgetYear.objects.create(programme=line.programme, year=2027, total=Decimal("1000000"))
    LineBudgetFactory(line=line, year=2027, amount=Decimal("50000"))
    url = reverse("programmes:budget-overview") + "?jahr=2027"
    before = _as(client, world.users["programme_staff"]).get(url).content.decode()
    assert "50.000,00" in before
    with django_capture_on_commit_callbacks(execute=True):
        services.budget_commit(
            line=line,
            year_amounts={2027: Decimal("12345.67")},
            source_key="test:1",
            by=world.users["programme_staff"],
        )
    after = _as(client, world.users["programme_staff"]).get(url).content.decode()
    assert "12.345,67" in after


def test_application_page_is_shared_per_permission_set_and_shows_changes_at_once(
    client,
    world,
    page_cache,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
    settings,
):
    """One fragment for everyone with the same permissions (case worker and auditor: no buttons,
    changes and history; only the case worker the mail log); the member of the organisation gets the withdraw button, the
    coordinator of another unit nothing. A change shows on the next request."""
    from wirportal.applications.tests.factories import ApplicationFactory

    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(organisation=world["org_a"], status="submitted")
    url = reverse("applications:application-detail", args=[application.pk])
    withdraw = reverse("applications:application-withdraw", args=[application.pk])
    worker = _as(client, world.users["case_worker"]).get(url).content.decode()
    auditor = _as(client, world.users["auditor"]).get(url).content.decode()
    member = _as(client, world.users["applicant_a"]).get(url).content.decode()
    assert application.reference in worker and application.reference in member
    assert withdraw not in worker and withdraw not in auditor and withdraw in member
    assert "changes-heading" in worker and "changes-heading" in auditor
    assert "changes-heading" not in member
    assert _as(client, world.users["applicant_b"]).get(url).status_code == 403
    fragments = [key for key in page_cache._cache if ":fragment:" in key]
    # the member has their own permission set; the case worker sees the mail log (issue #12), the
    # auditor does not: one entry each (every case worker shares the first)
    assert len(fragments) == 3

    settings.WIR_CACHE_VERIFY = False  # counts the queries of a hit, which verify renders again
    _as(client, world.users["case_worker"])
    client.get(url)  # the login changed last_login: the cached person was flushed
    # a hit: the whole page as this person saw it (core.caching.personal_page), no query of the
    # page itself; session (cached_db), person and versions are one query each in the embedded
    # default's cache tables, none with Redis
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    from wirportal.core import caching

    in_tables = 2 * isinstance(caches["default"], DatabaseCache) + (
        caching.VERSIONS_ALIAS not in settings.CACHES
    )
    with django_assert_num_queries(in_tables):
        assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        application.title = "Neuer Projekttitel"
        application.save()
    assert "Neuer Projekttitel" in client.get(url).content.decode()


def test_budget_overview_offers_a_new_year_at_once(
    client, world, page_cache, django_capture_on_commit_callbacks
):
    """The year filter is part of the cached fragment: a new line budget adds its year."""
    from decimal import Decimal

    from wirportal.programmes.models import BudgetYear
    from wirportal.programmes.tests.factories import FundingLineFactory, LineBudgetFactory

    with django_capture_on_commit_callbacks(execute=True):
        line = FundingLineFactory()
        BudgetYear.objects.create(programme=line.programme, year=2027, total=Decimal("1000"))
        LineBudgetFactory(line=line, year=2027, amount=Decimal("500"))
    url = reverse("programmes:budget-overview") + "?jahr=2027"
    _as(client, world.users["programme_staff"])
    assert 'value="2031"' not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        BudgetYear.objects.create(programme=line.programme, year=2031, total=Decimal("1000"))
        LineBudgetFactory(line=line, year=2031, amount=Decimal("700"))
    assert 'value="2031"' in client.get(url).content.decode()


def test_budget_overview_title_and_table_follow_the_chosen_year_from_the_cache(
    client, world, page_cache, django_capture_on_commit_callbacks
):
    """Title and table are separate cache entries under the same key: they never disagree."""
    from decimal import Decimal

    from django.utils import timezone

    from wirportal.programmes.models import BudgetYear
    from wirportal.programmes.tests.factories import FundingLineFactory, LineBudgetFactory

    current = timezone.localdate().year
    with django_capture_on_commit_callbacks(execute=True):
        line = FundingLineFactory()
        for year in (current, current + 1):
            BudgetYear.objects.create(programme=line.programme, year=year, total=Decimal("1000"))
            LineBudgetFactory(line=line, year=year, amount=Decimal("500"))
    url = reverse("programmes:budget-overview")
    _as(client, world.users["programme_staff"])
    for _ in range(2):  # a miss, then a hit
        for query, year in [
            ("", current),
            (f"?jahr={current + 1}", current + 1),
            ("?jahr=x", current),
        ]:
            html = client.get(url + query).content.decode()
            assert f"<title>Haushalt {year} – WIR-Portal</title>" in html, query
            assert f"Bindungen, Auszahlungen und freie Mittel {year}" in html, query


@pytest.mark.parametrize("page", ["reviews:review-detail", "decisions:summary"])
def test_placeholder_typed_into_user_text_is_shown_literally_and_never_becomes_a_token(
    client, world, page_cache, page
):
    """The slot for the CSRF token is where `{% csrf_token %}` put it, not wherever its
    characters appear: a title containing the placeholder (even one who knew it) stays text, and
    the form's own token is still the viewer's, accepted on POST."""
    import re

    from django.test import Client
    from django.utils.html import escape

    from wirportal.applications.tests.factories import ApplicationFactory

    title = f"Projekt {caching.CSRF_PLACEHOLDER} Ende"
    application = ApplicationFactory(organisation=world["org_a"], status="submitted", title=title)
    url = reverse(page, args=[application.pk])
    strict = _as(Client(enforce_csrf_checks=True), world.users["case_worker"])
    for _ in range(2):  # a miss, then a hit
        html = strict.get(url).content.decode()
        assert f"<dd>{escape(title)}</dd>" in html
        tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        assert len(tokens) == 1  # the logout form and the fragment's forms: the viewer's token
        token = tokens.pop()
        assert token not in html.replace(f'name="csrfmiddlewaretoken" value="{token}"', "")
    response = strict.post(
        reverse("reviews:assign", args=[application.pk]),
        {"csrfmiddlewaretoken": token, "assignee": world.users["case_worker"].pk},
    )
    assert response.status_code == 302  # accepted, not a CSRF 403


@pytest.mark.parametrize("page", ["applications:application-list", "offices:organisation-list"])
def test_coordinator_moved_to_another_unit_sees_the_new_units_list_at_once(
    client, world, page_cache, django_capture_on_commit_callbacks, page
):
    """The lists of a coordinator are keyed by their scope: a move changes it on the next
    request, not when the entry expires."""
    from wirportal.applications.tests.factories import ApplicationFactory

    with django_capture_on_commit_callbacks(execute=True):
        ApplicationFactory(organisation=world["org_a"], status="submitted", title="Projekt Nord")
        ApplicationFactory(organisation=world["org_b"], status="submitted", title="Projekt Süd")
    coordinator = world.users["coordinator_x"]
    a, b = ("Projekt Nord", "Projekt Süd")
    if page == "offices:organisation-list":
        a, b = world["org_a"].name, world["org_b"].name
    url = reverse(page)
    before = _as(client, coordinator).get(url).content.decode()
    assert a in before and b not in before
    assert a in client.get(url).content.decode()  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        membership = coordinator.office_membership
        membership.office = world["office_y"]
        membership.save()
    after = _as(client, coordinator).get(url).content.decode()
    assert b in after and a not in after


def test_membership_handed_to_another_person_empties_the_former_members_list_at_once(
    client, world, page_cache, django_capture_on_commit_callbacks
):
    """A membership given to someone else (the admin can change its person) changes the scope of
    both people, not only of the new one."""
    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory
    from wirportal.applications.tests.factories import ApplicationFactory

    with django_capture_on_commit_callbacks(execute=True):
        ApplicationFactory(organisation=world["org_a"], status="submitted", title="Projekt Nord")
    former = world.users["coordinator_x"]
    url = reverse("applications:application-list")
    assert "Projekt Nord" in _as(client, former).get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        successor = UserFactory(role=Role.COORDINATOR)
        membership = type(former.office_membership).objects.get(user=former)
        membership.user = successor
        membership.save()
    assert "Projekt Nord" not in _as(client, former).get(url).content.decode()
    assert "Projekt Nord" in _as(client, successor).get(url).content.decode()


def test_each_reviewer_sees_only_their_own_assignments_from_the_cache(
    client, world, page_cache, django_capture_on_commit_callbacks
):
    """Reviewers share no list with anybody (ADR 0005): the inbox, the application list and the
    organisation list are cached per reviewer, and a new assignment shows at once."""
    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory
    from wirportal.reviews.tests.factories import application_in_review

    first, second = world.users["reviewer"], UserFactory(role=Role.REVIEWER)
    org, applicant = world["org_a"], world.users["applicant_a"]
    with django_capture_on_commit_callbacks(execute=True):
        mine = application_in_review(organisation=org, applicant=applicant, budget=None)
        mine.title = "Erstes Gutachten"
        mine.save()
        theirs = application_in_review(organisation=org, applicant=applicant, budget=None)
        theirs.title = "Zweites Gutachten"
        theirs.save()
        mine.review_case.reviewers.add(first)
    inbox = reverse("reviews:inbox")
    for _ in range(2):  # a miss, then a hit
        html = _as(client, first).get(inbox).content.decode()
        assert mine.title in html and theirs.title not in html
        html = _as(client, second).get(inbox).content.decode()
        assert mine.title not in html and theirs.title not in html
        for url in (reverse("applications:application-list"), reverse("offices:organisation-list")):
            html = _as(client, first).get(url).content.decode()
            assert mine.title not in html and theirs.title not in html and org.name not in html
    with django_capture_on_commit_callbacks(execute=True):
        theirs.review_case.reviewers.add(second)  # m2m_changed bumps "reviews"
    html = _as(client, second).get(inbox).content.decode()
    assert theirs.title in html and mine.title not in html


def test_land_application_list_never_shows_a_draft_from_the_cache(
    client, world, page_cache, django_capture_on_commit_callbacks
):
    """Staff share one list (scope "land") that holds no drafts; the applicant's own does."""
    from wirportal.applications.tests.factories import ApplicationFactory

    url = reverse("applications:application-list")
    _as(client, world.users["case_worker"]).get(url)  # fills the shared entry
    with django_capture_on_commit_callbacks(execute=True):
        draft = ApplicationFactory(organisation=world["org_a"], title="Noch geheimer Entwurf")
    for role in ("case_worker", "programme_staff", "auditor", "admin"):
        assert draft.title not in _as(client, world.users[role]).get(url).content.decode(), role
    assert draft.title in _as(client, world.users["applicant_a"]).get(url).content.decode()
