"""The figures equal independent sums over the created objects (plain Python here, no selector),
and every negative control stays out: an unaccepted or rejected decision, a Träger of kind
"Sonstige", a refused VZÄ row, a draft or invited-only event, an unpublished participation, a
non-public actor, an unnamed IKÖ check."""

from decimal import Decimal

import pytest

from wirportal.decisions.models import DecisionStatus, Outcome
from wirportal.events.models import Audience, EventStatus
from wirportal.offices.models import Office, OrganisationKind
from wirportal.partnership import exports, selectors
from wirportal.payments.models import PaymentRequest, RequestStatus
from wirportal.programmes.models import CapLevel

from .factories import build

pytestmark = pytest.mark.django_db
YEARS = (2025, 2026, 2027)


def _funded(data, office):
    return [
        d
        for d in data.decisions
        if d.status == DecisionStatus.ACCEPTED
        and d.outcome in (Outcome.APPROVE, Outcome.PARTIAL)
        and d.application.organisation.kind != OrganisationKind.OTHER
        and d.application.organisation.office_id == office.pk
    ]


def _amount(decision, year) -> Decimal:
    return Decimal(str(decision.year_amounts.get(str(year), "0")))


def _paid(decision, year) -> Decimal:
    return sum(
        (
            p.amount
            for p in PaymentRequest.objects.filter(decision=decision)
            if p.status == RequestStatus.PAID and p.paid_on and p.paid_on.year == year
        ),
        Decimal(0),
    )


def expected(data, office, year, *, public=True) -> dict:
    funded = _funded(data, office)
    posts = Decimal(0)
    for decision, units, count, cap, refused in data.vza_rows:
        if decision in funded and not refused and _amount(decision, year):
            posts += units if cap == CapLevel.YEAR else units * count
    shown = [
        e
        for e in data.events
        if e.status == EventStatus.PUBLISHED and (e.audience == Audience.PUBLIC or not public)
    ]
    return {
        "approved": sum((_amount(d, year) for d in funded), Decimal(0)),
        "paid": sum((_paid(d, year) for d in funded), Decimal(0)),
        "posts": posts,
        "recipients": len(
            {d.application.organisation_id for d in funded if _amount(d, year) or _paid(d, year)}
        ),
        "events_held": len(
            [e for e in shown if e.host_office_id == office.pk and e.starts_at.year == year]
        ),
        "events_attended": len(
            [
                e
                for e in shown
                if e.participants_published
                and office in e.participating_offices.all()
                and e.starts_at.year == year
            ]
        ),
        "actors": len(
            [a for a in data.actors if office in a.offices.all() and (a.is_public or not public)]
        ),
    }


def _got(cell) -> dict:
    return {
        "approved": cell.approved,
        "paid": cell.paid,
        "posts": cell.posts,
        "recipients": cell.recipients,
        "events_held": cell.events_held,
        "events_attended": cell.events_attended,
        "actors": cell.actors,
    }


@pytest.mark.parametrize("public", (True, False))
def test_figures_equal_independent_sums(world, public):
    data = build(world)
    figures = selectors.figures(public=public)
    offices = [world["office_x"], world["office_y"], Office.objects.get(slug="hanau")]
    for office in offices:
        unit = next(u for u in figures.units if u.pk == office.pk)
        for year in YEARS:
            assert _got(figures.of(unit, year)) == expected(data, office, year, public=public), (
                office.name,
                year,
            )


def test_negative_controls_by_value(world):
    """The same, written out: what Kassel's 2026 row must be and what it must not include."""
    build(world)
    figures = selectors.figures(public=True)
    kassel = next(u for u in figures.units if u.pk == world["office_x"].pk)
    cell = figures.of(kassel, 2026)
    assert cell.approved == Decimal(
        "54000.00"
    )  # not + 3,000 Sonstige, 5,000 issued, 8,000 rejected
    assert cell.paid == Decimal("27500.50")  # not the Sonstige's 3,000
    assert cell.posts == Decimal("4.0")  # 1.5 + 0.5 (per year) + 1 × 2; not the refused row
    assert cell.recipients == 2
    assert cell.events_held == 1  # not the draft, not the invited-only event
    assert cell.events_attended == 1  # not the unpublished participation
    assert cell.actors == 2  # not the non-public actor
    assert cell.ikoe == Decimal("3.0")
    homburg = next(u for u in figures.units if u.pk == world["office_y"].pk)
    unnamed = figures.of(homburg, 2026)
    assert unnamed.ikoe is None and unnamed.ikoe_hidden
    staff = selectors.figures(public=True, ikoe_unnamed_of=lambda office_id: True)
    assert staff.of(next(u for u in staff.units if u.pk == homburg.pk), 2026).ikoe == Decimal("2.0")


def test_line_rows_add_up_to_the_unit_row(world):
    build(world)
    figures = selectors.figures(public=True)
    rows = exports.rows(figures)
    units = [r for r in rows if r["ebene"] == "einheit"]
    for unit_row in units:
        lines = [
            r
            for r in rows
            if r["ebene"] == "foerderlinie"
            and r["jahr"] == unit_row["jahr"]
            and r["wir_einheit"] == unit_row["wir_einheit"]
        ]
        for name in ("bewilligt", "ausgezahlt", "stellen_vzae"):
            assert sum(Decimal(r[name]) for r in lines) == Decimal(unit_row[name])


def test_hanau_rows_carry_the_key_of_their_year(world):
    build(world)
    rows = exports.rows(selectors.figures(public=True))
    hanau = {
        r["jahr"]: r["amtlicher_schluessel"]
        for r in rows
        if r["wir_einheit"] == "Hanau" and r["ebene"] == "einheit"
    }
    assert hanau == {2025: "06435014", 2026: "06415000"}


def test_old_key_names_the_current_unit(world):
    found = selectors.unit_by_key("06435014")
    assert found.current == "06415000"
    assert found.office_id == Office.objects.get(slug="hanau").pk
    assert selectors.unit_by_key("06999").office_id is None


def test_conference_regions_follow_the_districts_and_agree(world):
    south = set(selectors.region_office_ids("sued"))
    north = set(selectors.region_office_ids("nord"))
    assert len(south) + len(north) == 33 and not south & north
    assert set(Office.objects.filter(district__key="064").values_list("pk", flat=True)) == south
    assert selectors.region_mismatches("sued") == [] == selectors.region_mismatches("nord")
    Office.objects.filter(slug="lk-giessen").update(conference_region="sued")
    assert selectors.region_mismatches("sued") == ["Landkreis Gießen"]
    assert world["office_x"].pk in north  # Kassel
