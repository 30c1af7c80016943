"""Who sees what (issue 9, ASVS 5.0 V8; ADR 0005): reviewers see only the applications assigned
to them and what their review needs; no staff role sees an application before it is submitted.

Every read path is asked: lists, detail pages, the REST API, attachment downloads, the inbox.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

STAFF = ["case_worker", "reviewer", "programme_staff", "auditor", "admin", "coordinator_x"]
DENIED = (403, 404)


def _as(client, user):
    client.logout()
    client.force_login(user)
    session = client.session
    session["wir_mfa_set_up"] = user.pk  # staff set up TOTP in the real login
    session.save()
    return client


@pytest.fixture
def scene(world):
    """Two applications of A in review, only the first assigned to the reviewer; each with an
    attachment; A has bank data; a draft and a draft withdrawn before it was ever submitted."""
    from wirportal.applications.models import ApplicationStatus
    from wirportal.applications.tests.factories import ApplicationFactory
    from wirportal.documents.tests.factories import stored_document
    from wirportal.reviews.tests.factories import application_in_review

    org, applicant = world["org_a"], world.users["applicant_a"]
    assigned = application_in_review(organisation=org, applicant=applicant, budget=None)
    assigned.title = "Zugewiesenes Sprachcafé"
    assigned.save()
    assigned.review_case.reviewers.add(world.users["reviewer"])
    other = application_in_review(organisation=org, applicant=applicant, budget=None)
    other.title = "Fremdes Lotsenprojekt"
    other.save()
    draft = ApplicationFactory(organisation=org, created_by=applicant, title="Geheimer Entwurf")
    withdrawn_draft = ApplicationFactory(
        organisation=org, created_by=applicant, title="Verworfener Entwurf"
    )
    withdrawn_draft.withdraw()
    withdrawn_draft.save()
    assert withdrawn_draft.status == ApplicationStatus.WITHDRAWN
    org.iban = "DE89370400440532013000"
    org.bic = "COBADEFFXXX"
    org.account_holder = "Verein A e. V."
    org.save()
    return {
        "assigned": assigned,
        "other": other,
        "draft": draft,
        "withdrawn_draft": withdrawn_draft,
        "assigned_doc": stored_document(attach_to=assigned, by=applicant, name="Konzept.pdf"),
        "other_doc": stored_document(attach_to=other, by=applicant, name="Fremd.pdf"),
        "draft_doc": stored_document(attach_to=draft, by=applicant, name="Entwurf.pdf"),
    }


def _download(document) -> str:
    return reverse("documents:download", kwargs={"public_id": document.public_id})


# --- reviewers: only what is assigned, only what the review needs ------------------------------


def test_reviewer_reads_the_assigned_application_its_review_and_its_attachment(
    client, world, scene
):
    reviewer = _as(client, world.users["reviewer"])
    pk = scene["assigned"].pk
    assert reviewer.get(reverse("applications:application-detail", args=[pk])).status_code == 200
    assert reviewer.get(reverse("reviews:review-detail", args=[pk])).status_code == 200
    assert reviewer.get(reverse("reviews:score", args=[pk])).status_code == 200
    assert reviewer.get(_download(scene["assigned_doc"])).status_code == 200


def test_reviewer_is_refused_an_unassigned_application_and_its_attachment(client, world, scene):
    reviewer = _as(client, world.users["reviewer"])
    pk = scene["other"].pk
    assert reviewer.get(reverse("applications:application-detail", args=[pk])).status_code in (
        DENIED
    )
    assert reviewer.get(reverse("reviews:review-detail", args=[pk])).status_code in DENIED
    assert reviewer.get(_download(scene["other_doc"])).status_code in DENIED


def test_reviewer_lists_show_only_the_assigned_application(client, world, scene):
    reviewer = _as(client, world.users["reviewer"])
    for url in (reverse("applications:application-list"), reverse("reviews:inbox")):
        html = reviewer.get(url).content.decode()
        assert scene["other"].title not in html, url
        assert scene["draft"].title not in html, url
    inbox = reviewer.get("/api/pruefung/").json()
    assert [row["id"] for row in inbox["items"]] == [scene["assigned"].pk]
    assert inbox["count"] == 1


def test_reviewer_is_refused_the_organisation_and_its_bank_data(client, world, scene):
    reviewer = _as(client, world.users["reviewer"])
    org = world["org_a"]
    assert reviewer.get(reverse("offices:organisation-detail", args=[org.pk])).status_code in (
        DENIED
    )
    listing = reviewer.get(reverse("offices:organisation-list")).content.decode()
    assert org.name not in listing
    # nothing the reviewer may open shows the bank data
    for url in (
        reverse("applications:application-detail", args=[scene["assigned"].pk]),
        reverse("reviews:review-detail", args=[scene["assigned"].pk]),
        reverse("reviews:score", args=[scene["assigned"].pk]),
    ):
        html = reviewer.get(url).content.decode()
        assert "DE89370400440532013000" not in html and "COBADEFFXXX" not in html, url


def test_reviewer_is_refused_the_budget_overview(client, world, scene):
    reviewer = _as(client, world.users["reviewer"])
    assert reviewer.get(reverse("programmes:budget-overview")).status_code in DENIED
    home = reviewer.get("/").content.decode()
    assert reverse("programmes:budget-overview") not in home


def test_reviewer_is_refused_the_decisions_of_the_assigned_application(client, world, scene):
    reviewer = _as(client, world.users["reviewer"])
    pk = scene["assigned"].pk
    assert reviewer.get(reverse("decisions:summary", args=[pk])).status_code in DENIED
    assert reviewer.get("/api/entscheidungen/").json()["count"] == 0


def test_a_second_reviewer_sees_nothing_of_the_first_ones_application(client, world, scene):
    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory

    second = _as(client, UserFactory(role=Role.REVIEWER))
    pk = scene["assigned"].pk
    assert second.get(reverse("applications:application-detail", args=[pk])).status_code in (DENIED)
    assert second.get(_download(scene["assigned_doc"])).status_code in DENIED
    assert second.get("/api/pruefung/").json()["count"] == 0


# --- drafts belong to the applicant organisation alone -----------------------------------------


@pytest.mark.parametrize("role", STAFF)
@pytest.mark.parametrize("which", ["draft", "withdrawn_draft"])
def test_no_staff_role_opens_an_application_before_it_is_submitted(
    client, world, scene, role, which
):
    staff = _as(client, world.users[role])
    url = reverse("applications:application-detail", args=[scene[which].pk])
    assert staff.get(url).status_code in DENIED
    assert staff.get(reverse("reviews:review-detail", args=[scene[which].pk])).status_code in (
        DENIED
    )


@pytest.mark.parametrize("role", STAFF)
def test_no_staff_role_downloads_a_draft_attachment(client, world, scene, role):
    staff = _as(client, world.users[role])
    assert staff.get(_download(scene["draft_doc"])).status_code in DENIED


@pytest.mark.parametrize("role", STAFF)
def test_no_staff_list_search_or_count_shows_a_draft(client, world, scene, role):
    staff = _as(client, world.users[role])
    for query in ("", "?q=Entwurf", "?status=draft", "?status=withdrawn"):
        html = staff.get(reverse("applications:application-list") + query).content.decode()
        assert scene["draft"].title not in html, query
        assert scene["withdrawn_draft"].title not in html, query
    if role != "coordinator_x":
        inbox = staff.get("/api/pruefung/").json()
        assert scene["draft"].pk not in [row["id"] for row in inbox["items"]]


def test_the_applicant_still_sees_and_downloads_its_own_draft(client, world, scene):
    applicant = _as(client, world.users["applicant_a"])
    url = reverse("applications:application-detail", args=[scene["draft"].pk])
    assert applicant.get(url).status_code == 200
    assert applicant.get(_download(scene["draft_doc"])).status_code == 200
    assert scene["draft"].title in (
        applicant.get(reverse("applications:application-list")).content.decode()
    )


def test_staff_list_counts_only_submitted_applications(world, scene):
    from wirportal.applications.selectors import applications_visible_to
    from wirportal.reviews.selectors import inbox_visible_to

    submitted = {scene["assigned"].pk, scene["other"].pk}
    for role in ("case_worker", "programme_staff", "auditor", "admin"):
        seen = set(applications_visible_to(world.users[role]).values_list("pk", flat=True))
        assert seen == submitted, role
    # a reviewer's list is the review inbox (reviews owns the assignment): there, only theirs
    assert not applications_visible_to(world.users["reviewer"]).exists()
    assert set(inbox_visible_to(world.users["reviewer"]).values_list("pk", flat=True)) == {
        scene["assigned"].pk
    }


# --- constant queries: the scoping adds no query per row ---------------------------------------


def test_reviewer_pages_query_count_is_constant(client, world, scene, django_assert_num_queries):
    """Inbox, application page and review page of a reviewer: more assignments, attachments
    and unassigned applications cost no further query."""
    from wirportal.core.testing import assert_constant_queries
    from wirportal.documents.tests.factories import stored_document
    from wirportal.reviews.tests.factories import application_in_review

    org, applicant, reviewer = world["org_a"], world.users["applicant_a"], world.users["reviewer"]

    def more():
        for _ in range(3):
            application = application_in_review(organisation=org, applicant=applicant, budget=None)
            application.review_case.reviewers.add(reviewer)
            application_in_review(organisation=org, applicant=applicant, budget=None)
            stored_document(attach_to=scene["assigned"], by=applicant)

    _as(client, reviewer)
    pk = scene["assigned"].pk
    for url in (
        reverse("reviews:inbox"),
        reverse("applications:application-detail", args=[pk]),
        reverse("reviews:review-detail", args=[pk]),
    ):
        assert_constant_queries(django_assert_num_queries, lambda url=url: client.get(url), more)


def test_staff_application_list_query_count_is_constant(
    client, world, scene, django_assert_num_queries
):
    from wirportal.applications.tests.factories import ApplicationFactory
    from wirportal.core.testing import assert_constant_queries

    def more():
        for _ in range(3):
            ApplicationFactory(organisation=world["org_a"], title="Noch ein Entwurf")

    _as(client, world.users["case_worker"])
    url = reverse("applications:application-list")
    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), more)
    assert "Noch ein Entwurf" not in client.get(url).content.decode()
