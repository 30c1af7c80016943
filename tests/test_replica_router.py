"""The read-replica router (wirportal.core.routers): opted-in reads go to "replica", never a
read inside a write transaction, never a read after the same browser's write.

The test settings define "replica" as a second alias on the test database itself (a mirror), so
a query can be seen going through one alias or the other; opted-in reads use it only with
WIR_REPLICA_READS on (off in the test settings, on here). The pages that opt in:
tests/test_replica_reads.py.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wirportal.core import routers
from wirportal.core.models import ContentVersion
from wirportal.core.routers import (
    PIN_COOKIE,
    ReplicaPinMiddleware,
    ReplicaRouter,
    primary_only,
    read_database,
    replica_reads,
)
from wirportal.offices.models import Topic

pytestmark = pytest.mark.django_db(databases=["default", "replica"], transaction=True)


@pytest.fixture(autouse=True)
def replica(settings):
    settings.WIR_REPLICA_READS = True


def test_reads_go_to_the_primary_unless_a_page_opts_in():
    assert read_database() == "default"
    with replica_reads():
        assert read_database() == "replica"
        with primary_only():
            assert read_database() == "default"
        assert read_database() == "replica"
    assert read_database() == "default"


def test_writes_and_migrations_stay_on_the_primary():
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_write(ContentVersion) == "default"
    assert router.allow_migrate("default", "core") is True
    assert router.allow_migrate("replica", "core") is False


def test_an_opted_in_query_runs_on_the_replica_alias():
    Topic.objects.create(name="Sprache", slug="sprache")  # committed (transaction=True)
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        assert Topic.objects.get(slug="sprache").name == "Sprache"
        with replica_reads():
            rows = Topic.objects.filter(slug="sprache")
            assert [row.name for row in rows] == ["Sprache"]
            assert rows.db == "replica"
    assert len(primary) == 1
    assert len(replica) == 1


def test_inside_a_write_transaction_every_read_is_on_the_primary():
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        replica_reads(),
        transaction.atomic(),
    ):
        ContentVersion.objects.create(name="neu", token="zwei")
        assert read_database() == "default"
        # the row written just now, not yet committed: only the primary's transaction sees it
        assert ContentVersion.objects.get(name="neu").token == "zwei"
        assert Permission.objects.filter(codename="x").count() == 0
    assert len(replica) == 0
    with replica_reads():
        assert read_database() == "replica"


def test_decorated_view_reads_from_the_replica():
    @replica_reads
    def view(request):
        return HttpResponse(read_database())

    assert view(RequestFactory().get("/")).content == b"replica"
    assert read_database() == "default"  # only while the view runs


def test_after_a_write_the_same_browser_reads_the_primary():
    @replica_reads
    def view(request):
        return HttpResponse(read_database())

    page = ReplicaPinMiddleware(view)
    factory = RequestFactory()
    assert page(factory.get("/")).content == b"replica"
    saved = page(factory.post("/"))
    assert saved.content == b"default"  # a POST itself never reads from the replica
    cookie = saved.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 15 and cookie["httponly"]
    follow_up = factory.get("/")
    follow_up.COOKIES[PIN_COOKIE] = cookie.value
    assert page(follow_up).content == b"default"  # the page after the save sees the save
    assert PIN_COOKIE not in page(follow_up).cookies  # a GET does not extend the pin
    assert page(factory.get("/")).content == b"replica"  # other browsers: replica


def test_without_a_replica_everything_reads_the_primary(monkeypatch):
    monkeypatch.setattr(routers, "replica_configured", lambda: False)
    with replica_reads():
        assert read_database() == "default"


def test_who_someone_is_is_always_read_from_the_primary():
    """Sessions, people, permissions (and the cache table, the tokens): their reads fill the
    shared cache, where a lagging replica would bring back an ended session."""
    User = get_user_model()
    with replica_reads():
        assert read_database() == "replica"
        assert Session.objects.all().db == "default"
        assert User.objects.all().db == "default"
        assert Permission.objects.all().db == "default"
        assert ContentVersion.objects.all().db == "default"


def test_without_the_switch_opted_in_reads_stay_on_the_primary(settings):
    settings.WIR_REPLICA_READS = False  # the test settings' default: "replica" is a test mirror
    with replica_reads():
        assert read_database() == "default"
