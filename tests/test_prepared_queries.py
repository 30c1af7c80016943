"""core.prepared: a query compiled once returns what the QuerySet returns, with new values each time."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory
from wirportal.applications.models import Application
from wirportal.applications.tests.factories import ApplicationFactory, CostItemFactory
from wirportal.core.caching import bump, versions
from wirportal.core.prepared import PreparedQuery, PreparedUpdate

pytestmark = pytest.mark.django_db

APPLICATION = PreparedQuery(
    lambda pk: (
        Application.objects.select_related("line", "organisation")
        .annotate(items=Count("cost_items"))
        .filter(pk=pk)
    ),
    pk=int,
)


def _fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_model_rows_equal_the_querysets_with_related_objects_annotations_and_converters():
    first, second = ApplicationFactory(), ApplicationFactory()
    CostItemFactory(application=second, amount=Decimal("1234.56"))
    CostItemFactory(application=second, amount=Decimal("0.01"))
    for application in (first, second):
        expected = APPLICATION.build(pk=application.pk).get()
        with CaptureQueriesContext(connection) as queries:
            got = APPLICATION.first(pk=application.pk)
            # select_related objects are loaded with it: no further query
            assert _fields(got.line) == _fields(expected.line)
            assert _fields(got.organisation) == _fields(expected.organisation)
        assert len(queries) == 1
        assert _fields(got) == _fields(expected)
        assert got.items == expected.items
        assert type(got.created_at) is type(expected.created_at)  # converters ran (datetime)
        assert got._state.adding is False and got._state.db == "default"
    assert APPLICATION.first(pk=second.pk).items == 2
    assert APPLICATION.first(pk=-1) is None


def test_values_list_rows_and_string_parameters():
    query = PreparedQuery(
        lambda email: UserFactory._meta.model.objects.filter(email=email).values_list("pk", "role"),
        email=str,
    )
    user = UserFactory(role=Role.CASE_WORKER)
    assert query.fetch(email=user.email) == [(user.pk, Role.CASE_WORKER)]
    assert query.fetch(email="nobody@example.invalid") == []


def test_a_value_the_lookup_rewrites_is_refused_instead_of_answering_wrongly():
    # `contains` wraps the value in % signs: the placeholder is not among the parameters as given
    query = PreparedQuery(lambda text: Application.objects.filter(title__contains=text), text=str)
    with pytest.raises(ValueError, match="text"):
        query.fetch(text="Projekt")


def test_versions_reads_all_tokens_in_one_query_and_sees_a_bump_at_once(
    django_capture_on_commit_callbacks,
):
    before = versions("offices", "events", "offices")
    assert before == "0.0.0"
    with django_capture_on_commit_callbacks(execute=True):  # PostgreSQL bumps after the commit
        bump("events")
    with CaptureQueriesContext(connection) as queries:
        after = versions("offices", "events", "offices")
    assert len(queries) == 1
    offices, events, offices_again = after.split(".")
    # (PostgreSQL may also write names left pending by an earlier rolled-back transaction)
    assert offices == offices_again and events != "0"
    assert versions() == ""


def test_an_expired_session_is_signed_out(client):
    user = UserFactory(role=Role.APPLICANT)
    client.force_login(user)
    assert client.get(reverse("accounts:me")).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("accounts:me"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_model_permissions_come_from_user_and_groups_as_in_django():
    from django.contrib.auth.models import Group, Permission

    from wirportal.accounts.backends import ModelBackend

    user = UserFactory(role=Role.APPLICANT)
    direct = Permission.objects.get(codename="view_session")
    via_group = Permission.objects.get(codename="change_group")
    group = Group.objects.create(name="Redaktion")
    group.permissions.add(via_group)
    user.groups.add(group)
    user.user_permissions.add(direct)
    backend = ModelBackend()
    fresh = type(user).objects.get(pk=user.pk)
    assert backend.get_user_permissions(fresh) == {"sessions.view_session"}
    assert backend.get_group_permissions(fresh) == {"auth.change_group"}
    assert fresh.has_perm("auth.change_group") and not fresh.has_perm("auth.delete_group")
    other = UserFactory(role=Role.APPLICANT)
    assert backend.get_all_permissions(other) == set()


UPDATE_DRAFT = PreparedUpdate(
    lambda pk: Application.objects.filter(pk=pk, status="draft"),
    ("title", "target_groups", "period_start", "requested_amount", "last_saved_at"),
    pk=int,
)


def test_a_prepared_update_writes_what_queryset_update_would_with_new_values_each_time():
    first, second = ApplicationFactory(), ApplicationFactory()
    now = timezone.now()
    for application, title in ((first, "Eins"), (second, "Zwei")):
        values = {
            "title": title,
            "target_groups": ["frauen", "familien"],
            "period_start": date(2027, 3, 1),
            "requested_amount": Decimal("1234.50"),
            "last_saved_at": now,
        }
        with CaptureQueriesContext(connection) as queries:
            assert UPDATE_DRAFT.execute(values, pk=application.pk) == 1
        assert len(queries) == 1
        application.refresh_from_db()
        assert {name: getattr(application, name) for name in values} == values
    first.refresh_from_db()
    assert first.title == "Eins"  # the second call changed only the second row
    assert UPDATE_DRAFT.execute({**values, "title": "X"}, pk=-1) == 0


def test_a_prepared_update_keeps_its_filter_and_wants_every_column():
    application = ApplicationFactory()
    Application.objects.filter(pk=application.pk).update(status="submitted")
    values = dict.fromkeys(UPDATE_DRAFT.columns)
    assert UPDATE_DRAFT.execute({**values, "target_groups": []}, pk=application.pk) == 0
    with pytest.raises(ValueError, match="values for exactly"):
        UPDATE_DRAFT.execute({"title": "Nur der Titel"}, pk=application.pk)


def test_bump_gives_new_and_existing_names_a_new_token(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # PostgreSQL bumps after the commit
        bump("offices")
    before = versions("offices", "events")
    with django_capture_on_commit_callbacks(execute=True):
        bump("offices", "events")
    after = versions("offices", "events")
    assert all(old != new for old, new in zip(before.split("."), after.split("."), strict=True))


def test_a_prepared_upsert_inserts_new_rows_and_updates_existing_ones_in_one_query():
    from wirportal.core.models import ContentVersion
    from wirportal.core.prepared import PreparedUpsert

    upsert = PreparedUpsert(
        ContentVersion, ("name", "token"), unique_fields=("name",), update_fields=("token",), rows=2
    )
    ContentVersion.objects.create(name="old", token="1")
    with CaptureQueriesContext(connection) as queries:
        upsert.execute([("old", "2"), ("new", "3")])
    assert len(queries) == 1
    assert dict(ContentVersion.objects.values_list("name", "token")) == {"old": "2", "new": "3"}
    with pytest.raises(ValueError, match="exactly 2 rows"):
        upsert.execute([("old", "4")])
    # one row (VALUES) and three rows (PostgreSQL: UNNEST of one array per column)
    single = PreparedUpsert(
        ContentVersion, ("name", "token"), unique_fields=("name",), update_fields=("token",)
    )
    single.execute([("new", "5")])
    triple = PreparedUpsert(
        ContentVersion, ("name", "token"), unique_fields=("name",), update_fields=("token",), rows=3
    )
    triple.execute([("a", "6"), ("old", "7"), ("b", "8")])
    assert dict(ContentVersion.objects.values_list("name", "token")) == {
        "old": "7",
        "new": "5",
        "a": "6",
        "b": "8",
    }


def test_a_prepared_update_can_check_a_datetime_as_read():
    """Optimistic check: the UPDATE applies only while updated_at is what was read."""
    stamp = PreparedUpdate(
        lambda pk, seen: Application.objects.filter(pk=pk, updated_at=seen),
        ("title", "updated_at"),
        pk=int,
        seen=datetime,
    )
    application = ApplicationFactory()
    seen = Application.objects.get(pk=application.pk).updated_at
    later = seen + timedelta(seconds=1)
    assert stamp.execute({"title": "Erst", "updated_at": later}, pk=application.pk, seen=seen) == 1
    assert stamp.execute({"title": "Dann", "updated_at": later}, pk=application.pk, seen=seen) == 0
    assert Application.objects.get(pk=application.pk).title == "Erst"
    with pytest.raises(ValueError, match="aware"):
        stamp.execute(
            {"title": "X", "updated_at": later}, pk=application.pk, seen=later.replace(tzinfo=None)
        )
