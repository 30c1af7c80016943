"""Every IKÖ page reads with a constant number of queries (more units, years, measures)."""

from datetime import date

import pytest
from django.urls import reverse

from wirportal.core.testing import assert_constant_queries
from wirportal.offices.models import Office

from . import factories

pytestmark = pytest.mark.django_db


def test_the_comparison_reads_in_constant_queries(world, login, django_assert_num_queries):
    factories.self_check(world["office_x"], 2025, submitted=True, rating=2)
    client = login(world.users["programme_staff"])
    others = iter(Office.objects.exclude(pk__in=[world["office_x"].pk]).order_by("pk"))

    def more():
        for year in (2025, 2024):
            for _ in range(3):
                factories.self_check(next(others), year, submitted=True, rating=3)

    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("opening:comparison") + "?jahr=2025"),
        more,
    )


def test_the_check_page_and_progress_read_in_constant_queries(
    world, login, django_assert_num_queries
):
    check = factories.self_check(world["office_x"], 2026, submitted=True, rating=2)
    client = login(world.users["coordinator_x"])
    years = iter(range(2015, 2026))

    def more():
        for _ in range(2):
            earlier = factories.self_check(world["office_x"], next(years), submitted=True)
            factories.measure(earlier)

    for name, kwargs in (
        ("opening:check-detail", {"pk": check.pk}),
        ("opening:progress", {"slug": world["office_x"].slug}),
    ):
        assert_constant_queries(
            django_assert_num_queries, lambda: client.get(reverse(name, kwargs=kwargs)), more
        )


def test_the_plan_and_the_land_csv_read_in_constant_queries(
    world, login, django_assert_num_queries
):
    check = factories.self_check(world["office_x"], 2026)
    client = login(world.users["coordinator_x"])

    def more():
        for day in (1, 2, 3):
            factories.measure(check, deadline=date(2026, 5, day))

    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("opening:plan", kwargs={"pk": check.pk})),
        more,
    )
    staff = login(world.users["programme_staff"])
    offices = iter(Office.objects.order_by("pk"))
    assert_constant_queries(
        django_assert_num_queries,
        lambda: staff.get(reverse("opening:land-csv")),
        lambda: [factories.self_check(next(offices), 2023, submitted=True) for _ in range(3)],
    )


def test_the_cached_comparison_keeps_scopes_apart_and_follows_changes(world, login, page_cache):
    from wirportal.opening import services

    x = factories.self_check(world["office_x"], 2025, submitted=True, rating=4)
    url = reverse("opening:comparison") + "?jahr=2025"
    land = login(world.users["programme_staff"]).get(url).content.decode()
    assert "Einheit A (anonym)" in land
    seen_by_y = login(world.users["coordinator_y"]).get(url).content.decode()
    assert "anonym)" not in seen_by_y
    assert "1 Einheit ist nicht namentlich sichtbar." in seen_by_y
    services.self_check_set_visibility(check=x, by=world.users["coordinator_x"], named=True)
    seen_by_y = login(world.users["coordinator_y"]).get(url).content.decode()
    assert "nicht namentlich sichtbar" not in seen_by_y
    assert f">{world['office_x'].name}<" in seen_by_y.replace("</th>", "<")
