"""Fixtures shared by every test: reference data, one person per role, two of each scope."""

import os
from dataclasses import dataclass, field

import pytest

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API runs an event loop


@pytest.fixture(autouse=True, scope="session")
def _forced_logins_include_the_second_factor():
    """`Client.force_login` stands for the whole login: for a person with TOTP that includes the
    code, as allauth records it in the session (accounts/mfa.py). Tests of the second factor
    itself build sessions without it (tests/test_auth.py)."""
    from django.test import Client

    from wirportal.accounts.tests.factories import record_second_factor

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        if record_second_factor(session, user):
            session.save()

    Client.force_login = force_login  # type: ignore[method-assign]
    yield
    Client.force_login = original  # type: ignore[method-assign]


@pytest.fixture
def reference_data(db):
    from wirportal.documents.services import anbest_demo_load
    from wirportal.offices.services import reference_data_load

    reference_data_load()
    # the labelled demo ANBest-P/-GK: a Zuwendungsbescheid is refused without its ANBest
    anbest_demo_load()


@dataclass
class World:
    """People of every role and two of each scope (unit X/Y, organisation A/B)."""

    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getitem__(self, key):
        return self.objects[key]


@pytest.fixture(autouse=True)
def _close_browser_contexts(request):
    """Close the browser contexts a test opened (`tests.browser.login_context`). An open context
    keeps its keep-alive sockets to the live server, and each such socket keeps a server thread
    with its own database connection: on PostgreSQL they piled up to the connection limit and
    the race tests failed with "too many clients"."""
    yield
    if "browser" in request.fixturenames:
        browser = request.getfixturevalue("browser")
        for context in list(browser.contexts):
            context.close()


@pytest.fixture(autouse=True)
def _german_by_default():
    """Every test starts in German, as every request without a language cookie does: a request
    with the English cookie leaves English active in the test's thread afterwards."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.activate("de")


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Every test starts without this thread's uncommitted content tokens (core.caching) and with
    empty caches: the cache tables of the embedded default go with each test's rollback, a
    Redis database (REDIS_URL; one per xdist worker, config/settings/test.py) and the page cache
    of the cache-verify run (WIR_TEST_PAGE_CACHE=1) are emptied here."""
    from django.conf import settings
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache
    from django.core.cache.backends.dummy import DummyCache

    from wirportal.core import caching

    caching.reset()
    for alias in settings.CACHES:
        cache = caches[alias]
        if not isinstance(cache, DatabaseCache | DummyCache):  # those need no database access
            cache.clear()
    yield


@pytest.fixture
def page_cache(settings):
    """The page cache switched on (the test settings keep it off, see core.caching), empty, and
    without bumps left pending by rolled-back transactions of earlier tests."""
    from django.core.cache import caches

    from wirportal.core import caching

    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"},
    }
    caching.reset()
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


ROLE_NAMES = [
    "anonymous",
    "applicant_a",
    "applicant_b",
    "coordinator_x",
    "coordinator_y",
    "case_worker",
    "reviewer",
    "programme_staff",
    "auditor",
    "admin",
    "antidiscrimination",
    "opening_contributor_x",
]


def _build_world() -> World:
    """People of every role and units X/Y, organisations A/B (reference data already loaded)."""
    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory
    from wirportal.offices.models import Office, OfficeMembership
    from wirportal.offices.tests.factories import OrganisationFactory, OrganisationMembershipFactory

    office_x = Office.objects.get(slug="kassel")
    office_y = Office.objects.get(slug="bad-homburg")
    w = World()
    w.users["anonymous"] = None
    w.users["applicant_a"] = UserFactory(role=Role.APPLICANT, email="a@example.org")
    w.users["applicant_b"] = UserFactory(role=Role.APPLICANT, email="b@example.org")
    w.users["coordinator_x"] = UserFactory(role=Role.COORDINATOR, email="x@example.org")
    w.users["coordinator_y"] = UserFactory(role=Role.COORDINATOR, email="y@example.org")
    w.users["case_worker"] = UserFactory(role=Role.CASE_WORKER, email="case@example.org")
    w.users["reviewer"] = UserFactory(role=Role.REVIEWER, email="review@example.org")
    w.users["programme_staff"] = UserFactory(role=Role.PROGRAMME_STAFF, email="hmaijs@example.org")
    w.users["auditor"] = UserFactory(role=Role.AUDITOR, email="audit@example.org")
    w.users["admin"] = UserFactory(
        role=Role.PROGRAMME_STAFF, email="admin@example.org", is_staff=True, is_superuser=True
    )
    w.users["antidiscrimination"] = UserFactory(
        role=Role.ANTIDISCRIMINATION, email="ads@example.org"
    )
    # invited to unit X's IKÖ self-check (issue #15 links the invitation)
    w.users["opening_contributor_x"] = UserFactory(
        role=Role.OPENING_CONTRIBUTOR, email="ikoe-x@example.org"
    )
    OfficeMembership.objects.create(user=w.users["coordinator_x"], office=office_x)
    OfficeMembership.objects.create(user=w.users["coordinator_y"], office=office_y)
    org_a = OrganisationFactory(name="Verein A e. V.", office=office_x)
    org_b = OrganisationFactory(
        name="Verein B e. V.", office=office_y, city="Bad Homburg", postcode="61348"
    )
    OrganisationMembershipFactory(organisation=org_a, user=w.users["applicant_a"], is_admin=True)
    OrganisationMembershipFactory(organisation=org_b, user=w.users["applicant_b"], is_admin=True)
    w.objects.update(office_x=office_x, office_y=office_y, org_a=org_a, org_b=org_b)
    return w


@pytest.fixture
def world(reference_data):
    return _build_world()


@pytest.fixture
def login(client):
    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture
def matrix_world(world):
    from tests.matrix import build_world

    return build_world(world)


@pytest.fixture(scope="module")
def _module_matrix_world(django_db_setup, django_db_blocker):
    """The matrix world built once per module inside a transaction that is rolled back at the
    module's end, as Django's `TestCase.setUpTestData` does: each test runs in a savepoint of it
    and leaves the world as it found it. Building it took 3–5 s, once for each of some 500 tests
    of the access matrix, the API matrix and the CSRF check."""
    from django.db import transaction

    from tests.matrix import build_world
    from wirportal.documents.services import anbest_demo_load
    from wirportal.offices.services import reference_data_load

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            reference_data_load()
            anbest_demo_load()
            world = build_world(_build_world())
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def shared_matrix_world(_module_matrix_world, db):
    """`matrix_world` for tests that only request pages (not transactional ones): shared by the
    tests of a module, each test's writes rolled back with its savepoint."""
    return _module_matrix_world
