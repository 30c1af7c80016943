"""The signed-in person and their permissions come from the shared cache and are flushed when
they change (accounts.cache, ADR 0013)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wirportal.accounts.backends import ModelBackend
from wirportal.accounts.cache import flush_user
from wirportal.accounts.models import User
from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _user_table_reads(queries) -> int:
    table = User._meta.db_table
    return sum(f'FROM "{table}"' in q["sql"] for q in queries)


def test_model_permissions_come_from_user_and_groups_as_in_django():
    user = UserFactory(role=Role.APPLICANT)
    direct = Permission.objects.get(codename="view_session")
    via_group = Permission.objects.get(codename="change_group")
    group = Group.objects.create(name="Redaktion")
    group.permissions.add(via_group)
    user.groups.add(group)
    user.user_permissions.add(direct)
    backend = ModelBackend()
    fresh = User.objects.get(pk=user.pk)
    assert backend.get_user_permissions(fresh) == {"sessions.view_session"}
    assert backend.get_group_permissions(fresh) == {"auth.change_group"}
    assert fresh.has_perm("auth.change_group") and not fresh.has_perm("auth.delete_group")
    other = UserFactory(role=Role.APPLICANT)
    assert backend.get_all_permissions(other) == set()


def test_the_signed_in_user_is_read_from_the_cache_after_the_first_request(client):
    user = UserFactory(role=Role.APPLICANT)
    client.force_login(user)
    client.get("/konto/")
    with CaptureQueriesContext(connection) as later:
        assert client.get("/konto/").status_code == 200
    assert _user_table_reads(later.captured_queries) == 0


def test_deactivating_a_person_ends_their_signed_in_requests_at_once(client):
    user = UserFactory(role=Role.APPLICANT)
    client.force_login(user)
    assert client.get("/konto/").status_code == 200  # cached now
    user.is_active = False
    user.save()
    assert client.get("/konto/").status_code == 302


def test_a_group_permission_added_later_counts_at_once():
    user = UserFactory(role=Role.APPLICANT)
    group = Group.objects.create(name="Redaktion")
    user.groups.add(group)
    backend = ModelBackend()
    assert backend.get_group_permissions(User.objects.get(pk=user.pk)) == set()  # cached now
    group.permissions.add(Permission.objects.get(codename="change_group"))
    assert backend.get_group_permissions(User.objects.get(pk=user.pk)) == {"auth.change_group"}
    group.permissions.clear()
    assert backend.get_group_permissions(User.objects.get(pk=user.pk)) == set()


def test_a_permission_removed_from_a_person_counts_at_once():
    user = UserFactory(role=Role.APPLICANT)
    permission = Permission.objects.get(codename="view_session")
    user.user_permissions.add(permission)
    backend = ModelBackend()
    assert backend.get_user_permissions(User.objects.get(pk=user.pk)) == {"sessions.view_session"}
    permission.user_set.remove(user)  # from the permission's side
    assert backend.get_user_permissions(User.objects.get(pk=user.pk)) == set()


def test_negative_control_an_update_without_signal_stays_cached_until_flushed():
    """Proves the flush is what the tests above see: `QuerySet.update()` sends no signal, so
    the cached person stays as they were until `flush_user()`."""
    user = UserFactory(role=Role.APPLICANT, first_name="Alt")
    backend = ModelBackend()
    assert backend.get_user(user.pk).first_name == "Alt"
    User.objects.filter(pk=user.pk).update(first_name="Neu")
    assert backend.get_user(user.pk).first_name == "Alt"
    flush_user(user.pk)
    assert backend.get_user(user.pk).first_name == "Neu"


def test_a_denied_permission_reads_the_cached_entry_once_per_request():
    """A permission the rules deny falls through to the model backends' user and group
    permissions: both come from one read of the shared cache's entry (a coordinator's dashboard
    asks whether they may see the annual reports)."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    if not isinstance(caches["default"], DatabaseCache):
        pytest.skip("counts the reads of the embedded default's cache table")
    user = UserFactory(role=Role.COORDINATOR)
    ModelBackend().get_all_permissions(User.objects.get(pk=user.pk))  # fills the entry
    fresh = User.objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        assert not fresh.has_perm("reports.view_reportrun")
    from django.conf import settings

    table = settings.CACHES["default"]["LOCATION"]
    assert sum(f'FROM "{table}"' in q["sql"] for q in queries) == 1


def test_a_signed_in_request_reads_the_person_and_their_permissions_in_one_go(client, world):
    """Every round trip to the shared cache costs a signed-in page (make bench-pg, issue #13):
    the session is one read, the person and their permissions (asked when the rules deny a
    permission, as the coordinator's dashboard does) together one more."""
    from django.core.cache import caches

    user = world.users["coordinator_x"]
    client.force_login(user)
    assert client.get("/auswertungen/").status_code == 200  # fills the person's entries
    cache = caches["default"]
    reads: list[tuple[str, ...]] = []
    inside: list[bool] = []  # the database cache's get() calls its get_many(): one read
    original_get, original_get_many = cache.get, cache.get_many

    def get(key, *args, **kwargs):
        reads.append((key,))
        inside.append(True)
        try:
            return original_get(key, *args, **kwargs)
        finally:
            inside.pop()

    def get_many(keys, *args, **kwargs):
        if not inside:
            reads.append(tuple(keys))
        return original_get_many(keys, *args, **kwargs)

    cache.get, cache.get_many = get, get_many
    try:
        assert client.get("/auswertungen/").status_code == 200
    finally:
        del cache.get, cache.get_many
    person = [read for read in reads if f"user:{user.pk}" in read]
    assert len(reads) == 2, reads  # the session, then the person with their permissions
    assert person == [(f"user:{user.pk}", f"user-permissions:{user.pk}")]
