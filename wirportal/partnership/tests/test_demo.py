"""The partnership demo: a programme picture of all 33 units whose figures agree with the
ledger the dashboards read."""

from collections import defaultdict
from decimal import Decimal

import pytest

from wirportal.applications.models import Application
from wirportal.decisions.models import GrantDecision
from wirportal.events.models import Event
from wirportal.offices.models import Office
from wirportal.payments.models import PaymentRequest
from wirportal.programmes.models import FundingLine
from wirportal.reports import selectors as reports

from .. import selectors

pytestmark = pytest.mark.django_db

YEARS = (2025, 2026)


@pytest.fixture
def demo(reference_data, settings, tmp_path):
    from wirportal.offices import demo as offices_demo
    from wirportal.opening import demo as opening_demo
    from wirportal.programmes import demo as programmes_demo

    from .. import demo

    settings.MEDIA_ROOT = tmp_path
    offices_demo.load()
    opening_demo.load()
    programmes_demo.load()
    assert "Koordinationsbewilligungen" in demo.load()
    return demo


def _ledger_by_unit_year() -> dict[tuple[str, int], dict[str, Decimal]]:
    """The dashboards' figures (reports.selectors.budget_by_unit), summed over the lines."""
    opts = reports.Options(
        years=[],
        lines={line.pk: line for line in FundingLine.objects.all()},
        districts={},
        offices={o.pk: o for o in Office.objects.select_related("district")},
    )
    sums: dict[tuple[str, int], dict[str, Decimal]] = defaultdict(
        lambda: {"paid": Decimal(0), "committed": Decimal(0)}
    )
    for row in reports.budget_by_unit(reports.Filters(), opts):
        sums[(row.unit, row.year)]["paid"] += row.paid
        sums[(row.unit, row.year)]["committed"] += row.committed
    return sums


def test_every_unit_has_grants_in_both_years_the_ledger_agrees_and_it_loads_once(demo):
    figures = selectors.figures()
    assert len(figures.units) == 33
    ledger = _ledger_by_unit_year()
    for unit in figures.units:
        for year in YEARS:
            cell = figures.of(unit, year)
            assert cell.approved > 0, (unit.name, year)
            assert Decimal(0) < cell.paid <= cell.approved, (unit.name, year)
            assert Decimal("1.00") <= cell.posts <= Decimal("2.25"), (unit.name, year)
            # the partnership page and the dashboards read the same ledger
            booked = ledger[(unit.office.name, year)]
            assert cell.paid == booked["paid"], (unit.name, year)
            # approved = committed in the ledger (nothing revoked or released in the demo)
            assert cell.approved == booked["committed"], (unit.name, year)
    # 2025 is paid in full; 2026 only in part somewhere
    assert all(figures.of(u, 2025).paid == figures.of(u, 2025).approved for u in figures.units)
    assert any(figures.of(u, 2026).paid < figures.of(u, 2026).approved for u in figures.units)
    # about a third of the units have a second line (an association's course)
    with_course = [u for u in figures.units if len(figures.of(u, 2026).lines) > 1]
    assert 8 <= len(with_course) <= 14
    # VZÄ vary between the units
    assert len({figures.of(u, 2025).posts for u in figures.units}) >= 3

    # loaded again: nothing is added
    counts = (
        Application.objects.count(),
        GrantDecision.objects.count(),
        PaymentRequest.objects.count(),
        Event.objects.count(),
    )
    assert demo.load() == ""
    assert counts == (
        Application.objects.count(),
        GrantDecision.objects.count(),
        PaymentRequest.objects.count(),
        Event.objects.count(),
    )


def test_events_ikoe_and_the_pages_of_the_land_and_the_conferences(demo, client):
    figures = selectors.figures()
    held = {u.pk for u in figures.units for y in YEARS if figures.of(u, y).events_held}
    attended = {u.pk for u in figures.units for y in YEARS if figures.of(u, y).events_attended}
    assert len(held) >= 5 and len(attended) >= 15
    named = {u.pk for u in figures.units for y in YEARS if figures.of(u, y).ikoe is not None}
    hidden = {u.pk for u in figures.units for y in YEARS if figures.of(u, y).ikoe_hidden}
    assert len(named) >= 6 and hidden
    for path in (
        "/partnerschaft/",
        "/partnerschaft/?jahr=2025",
        "/partnerschaft/konferenz/sued/",
        "/partnerschaft/konferenz/nord/",
    ):
        assert client.get(path).status_code == 200, path
    north = client.get("/partnerschaft/konferenz/nord/?jahr=2026").content.decode()
    assert "Werra-Meißner-Kreis" in north and "Landkreis Fulda" in north
