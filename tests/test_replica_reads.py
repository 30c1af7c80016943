"""The read-heavy pages that opt in (`replica_reads`: dashboards, open data, the finder, the units'
directory, the partnership pages) read from the replica where one is configured; pages that did not opt in, and whatever
decides who someone is, read from the primary; a cache fill (a fragment, a public page, an ETag)
reads the primary while its content changed within WIR_REPLICA_PIN_SECONDS.

The test settings' "replica" is a mirror of the test database (another connection), with
WIR_REPLICA_READS off for every other test; here it is on, with committed data
(`transaction=True`), so each query can be counted on the alias it went through.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory
from wirportal.offices.tests.factories import TopicFactory
from wirportal.programmes.tests.factories import FundingLineFactory

pytestmark = pytest.mark.django_db(databases=["default", "replica"], transaction=True)

DATA = ("programmes_", "offices_", "decisions_", "payments_", "finder_", "settlement_")


@pytest.fixture(autouse=True)
def replica(settings):
    settings.WIR_REPLICA_READS = True


def _get(client, url):
    """(SQL on the primary, SQL on the replica) of one GET, the streamed body included."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)
    return [q["sql"] for q in primary.captured_queries], [
        q["sql"] for q in replica.captured_queries
    ]


def _data(queries):
    """Reads of content tables. The person's own read is not one, though it joins their unit
    (`office_membership`, accounts.cache.cache_with_person): it decides who someone is."""
    return [
        sql
        for sql in queries
        if 'FROM "accounts_user"' not in sql and any(f'"{table}' in sql for table in DATA)
    ]


@pytest.fixture
def staff(client):
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    return client


PUBLIC = [
    reverse("offices:office-list"),
    reverse("finder:search"),
    reverse("opendata:index"),
    reverse("opendata:all-csv"),
    reverse("opendata:datapackage"),
    reverse("partnership:overview"),
    reverse("partnership:conference", args=["nord"]),
]
SIGNED_IN = [
    reverse("reports:dashboard-page", args=["haushalt"]),  # a cached fragment
    reverse("reports:dashboard-page", args=["kennzahlen"]),  # not cached
    reverse("reports:export", args=["haushalt-linien", "csv"]),
]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_read_heavy_pages_read_the_replica(client, settings, url):
    settings.WIR_REPLICA_PIN_SECONDS = 0  # no content changed "just now"
    primary, replica = _get(client, url)
    assert _data(replica)
    assert not _data(primary)


@pytest.mark.parametrize("url", SIGNED_IN)
def test_dashboards_read_the_replica_and_the_person_from_the_primary(staff, settings, url):
    settings.WIR_REPLICA_PIN_SECONDS = 0
    FundingLineFactory()
    primary, replica = _get(staff, url)
    assert _data(replica)
    assert not _data(primary)
    # session, person and permissions: never from a replica (core.routers.PRIMARY_APPS)
    assert not [sql for sql in replica if '"django_session"' in sql or '"accounts_user"' in sql]


@pytest.mark.parametrize(
    ("url", "signed_in"),
    [
        (reverse("reports:dashboard-page", args=["haushalt"]), True),  # a fragment
        (reverse("opendata:all-csv"), False),  # its ETag names the content tokens
        (reverse("opendata:index"), True),  # a fragment
        (reverse("offices:office-list"), False),  # the whole page, for visitors
    ],
)
def test_a_cache_fill_just_after_a_change_reads_the_primary(client, url, signed_in):
    if signed_in:
        client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    FundingLineFactory()  # renews "programmes" now
    TopicFactory()  # renews "offices" now
    primary, replica = _get(client, url)
    assert _data(primary)
    assert not _data(replica)


def test_a_page_that_did_not_opt_in_reads_the_primary(staff, settings):
    """Negative control: the programme reports page (it starts a report by POST) stays on the
    primary even with a replica and nothing changed."""
    settings.WIR_REPLICA_PIN_SECONDS = 0
    primary, replica = _get(staff, reverse("reports:report-runs"))
    assert primary
    assert replica == []
