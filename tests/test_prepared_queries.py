"""core.prepared: a query compiled once returns what the QuerySet returns, with new values each time."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory
from wirportal.applications.models import Application
from wirportal.applications.tests.factories import ApplicationFactory, CostItemFactory
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


# The prepared queries that `make bench` showed to earn their place (ADR 0013: the autosave and
# the application page lost 2-3x of their server time without them). A new use needs a
# measurement in the ADR first; this list may only shrink.
ALLOWED_USES = {
    "wirportal/accounts/services.py": 1,  # the API token of every request (ADR 0016, amendment 2)
    "wirportal/applications/selectors.py": 4,
    "wirportal/core/caching.py": 1,  # the embedded default's token read
    "wirportal/applications/services/drafts.py": 4,
    "wirportal/decisions/selectors.py": 2,
    "wirportal/offices/selectors.py": 1,
    "wirportal/programmes/selectors.py": 1,
    # the permission reads of the call-down and proof-check pages (issue #11; ADR 0013 has the
    # figures: 0.105 → 0.614 and 0.056 → 0.412 with the cached page bodies)
    "wirportal/payments/selectors.py": 1,
    "wirportal/settlement/selectors.py": 1,
}


def test_the_prepared_queries_stay_on_their_allow_list():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    found = {}
    for path in sorted((root / "wirportal").rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if "/tests/" in relative or relative == "wirportal/core/prepared.py":
            continue
        text = path.read_text(encoding="utf-8")
        count = text.count("PreparedQuery(") + text.count("PreparedUpdate(")
        if count:
            found[relative] = count
    assert found == ALLOWED_USES
