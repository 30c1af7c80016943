"""Pages and files: what the public and the staff see, redirects of old keys, exports that equal
the page, Stände that stay as published, constant queries as units and years grow."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError
from wirportal.core.testing import assert_constant_queries
from wirportal.offices.models import Office
from wirportal.partnership import selectors, services
from wirportal.partnership.models import PartnershipRelease

from .factories import at, build, event, grant, vza_row

pytestmark = pytest.mark.django_db
KASSEL = "06611000"


def test_unit_page_public_and_staff(world, login):
    build(world)
    url = reverse("partnership:unit", kwargs={"key": KASSEL})
    public = login(None).get(url).content.decode()
    assert "Partnerschaft mit Kassel" in public
    assert "Verein A e. V." in public and "Stadt Kassel" in public
    assert "Max Mustermann" not in public  # Sonstige: never named
    assert "nicht öffentlich" not in public and "Für Landesbedienstete" not in public
    for role, sees in [
        ("coordinator_x", True),
        ("programme_staff", True),
        ("case_worker", True),
        ("auditor", True),
        ("admin", True),
        ("coordinator_y", False),
        ("applicant_a", False),
        ("reviewer", False),
    ]:
        page = login(world.users[role]).get(url).content.decode()
        assert ("Für Landesbedienstete" in page) is sees, role
    staff = login(world.users["coordinator_x"]).get(url).content.decode()
    assert "Gebunden, noch nicht ausgezahlt" in staff
    assert "1 angenommene Zuwendung an einen Träger der Art „Sonstige“" in staff


def test_unnamed_ikoe_only_for_those_opening_allows(world, login):
    build(world)
    url = reverse("partnership:unit", kwargs={"key": "06434001"})  # Bad Homburg, not named
    assert "Kein veröffentlichter IKÖ-Selbstcheck" in login(None).get(url).content.decode()
    staff = login(world.users["programme_staff"]).get(url).content.decode()
    assert "IKÖ: alle abgeschlossenen Selbstchecks" in staff
    case_worker = login(world.users["case_worker"]).get(url).content.decode()
    assert "IKÖ: alle abgeschlossenen Selbstchecks" not in case_worker  # opening: not a reader


def test_old_key_redirects_to_the_current_one(world, client):
    response = client.get("/partnerschaft/06435014/")
    assert response.status_code == 301 and response["Location"] == "/partnerschaft/06415000/"
    assert client.get("/partnerschaft/06435014.csv")["Location"] == "/partnerschaft/06415000.csv"
    assert client.get("/partnerschaft/06999/").status_code == 404


def test_overview_sorts_without_javascript_and_keeps_the_year(world, client):
    build(world)
    page = client.get("/partnerschaft/?jahr=2026&sortierung=bewilligt&richtung=ab").content.decode()
    assert page.index("Kassel</a>") < page.index("Hanau</a>")  # 54,000 before 12,000
    assert 'aria-sort="descending"' in page
    assert "?jahr=2026&amp;sortierung=bewilligt" in page  # the header turns the order around
    bad = client.get("/partnerschaft/?jahr=1999x").content.decode()
    assert "gibt es keine Zahlen" in bad


def _csv(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_exports_equal_the_figures_and_are_excel_safe(world, client):
    build(world)
    response = client.get("/partnerschaft/daten.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = _csv(response)
    kassel = next(
        r
        for r in rows
        if r["amtlicher_schluessel"] == KASSEL and r["jahr"] == "2026" and r["ebene"] == "einheit"
    )
    assert kassel["bewilligt"] == "54000,00" and kassel["ausgezahlt"] == "27500,50"
    assert kassel["stellen_vzae"] == "4,00" and kassel["ikoe_mittelwert"] == "3,0"
    document = json.loads(client.get("/partnerschaft/daten.json").content)
    assert document["schema_version"] == "1.0.0" and "Namensnennung" in document["lizenz"]["titel"]
    row = next(
        r
        for r in document["zeilen"]
        if r["amtlicher_schluessel"] == KASSEL and r["jahr"] == 2026 and r["ebene"] == "einheit"
    )
    assert Decimal(str(row["bewilligt"])) == Decimal("54000")
    unit = _csv(client.get(f"/partnerschaft/{KASSEL}.csv"))
    assert {r["wir_einheit"] for r in unit} == {"Kassel"}
    package = json.loads(client.get("/partnerschaft/datapackage.json").content)
    assert package["licenses"][0]["name"] == "dl-de/by-2-0"
    assert [f["name"] for f in package["resources"][0]["schema"]["fields"]][:2] == ["ebene", "jahr"]


def test_a_published_stand_keeps_its_figures(world, client, login):
    build(world)
    release = services.release_publish(by=world.users["programme_staff"], day=date(2026, 12, 1))
    assert AuditEntry.objects.filter(action="partnership.release_published").count() == 1
    with pytest.raises(DomainError):
        services.release_publish(by=world.users["programme_staff"], day=date(2026, 12, 1))
    before = client.get("/partnerschaft/daten/2026-12-01.csv").content
    # later grants change the current data, not the Stand
    grant(world, world["org_a"], {"2026": "999.00"})
    assert client.get("/partnerschaft/daten/2026-12-01.csv").content == before
    assert client.get("/partnerschaft/daten.csv").content != before
    assert (
        json.loads(client.get("/partnerschaft/daten/2026-12-01.json").content)["stand"]
        == "2026-12-01"
    )
    assert "2026-12-01" in client.get("/partnerschaft/daten/").content.decode()
    assert release.row_count == len(release.rows)
    assert client.get("/partnerschaft/daten/2026-12-02.json").status_code == 404
    # the button
    staff = login(world.users["programme_staff"])
    assert "Stand veröffentlichen" in staff.get("/partnerschaft/daten/").content.decode()
    response = staff.post(reverse("partnership:release-publish"))
    assert response.status_code == 302
    assert PartnershipRelease.objects.count() == 2


def test_yearly_release_once_a_year(world):
    assert services.release_yearly(today=date(2027, 1, 1)) is not None
    assert services.release_yearly(today=date(2027, 6, 1)) is None
    assert services.release_yearly(today=date(2028, 1, 2)) is not None


def test_conference_pages(world, client):
    build(world)
    north = client.get("/partnerschaft/konferenz/nord/?jahr=2026").content.decode()
    assert "Kassel" in north and "Darmstadt</a>" not in north
    slide = client.get(f"/partnerschaft/konferenz/nord/{KASSEL}/?jahr=2026").content.decode()
    assert "54.000,00" in slide and 'rel="prev"' in slide and 'rel="next"' in slide
    assert client.get(f"/partnerschaft/konferenz/sued/{KASSEL}/").status_code == 404
    assert client.get("/partnerschaft/konferenz/west/").status_code == 404


def test_conference_pdf_is_pdf_a(world, client):
    build(world)
    response = client.get("/partnerschaft/konferenz/nord/ergebnisse.pdf?jahr=2026")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    import pikepdf

    with pikepdf.open(io.BytesIO(response.content)) as pdf:
        metadata = pdf.open_metadata()
        assert metadata.pdfa_status.startswith("3")
        # the table, then a page per unit of the North
        assert len(pdf.pages) >= 1 + len(selectors.region_office_ids("nord"))


def _more(world, n: int):
    """More units, years, grants, events and actors."""
    from wirportal.offices.tests.factories import OrganisationFactory, RegionalActorFactory

    def add():
        nonlocal n
        for office in Office.objects.order_by("pk")[n : n + 3]:
            organisation = OrganisationFactory(office=office)
            d = grant(world, organisation, {str(2020 + n): "1000.00", str(2021 + n): "500.00"})
            vza_row(d, "1", 1, "person")
            event(host_office=office, starts_at=at(2020 + n), participants_published=True)
            RegionalActorFactory(owner_office=office, offices=[office], is_public=True)
        own = grant(world, world["org_a"], {str(2020 + n): "700.00"})
        vza_row(own, "1", 1, "person")
        event(host_office=world["office_x"], starts_at=at(2020 + n))
        n += 3

    return add


@pytest.mark.parametrize(
    "path",
    [
        "/partnerschaft/",
        f"/partnerschaft/{KASSEL}/",
        "/partnerschaft/konferenz/nord/",
        f"/partnerschaft/konferenz/nord/{KASSEL}/",
        "/partnerschaft/daten.csv",
        "/partnerschaft/daten/",
    ],
)
def test_constant_queries_public(world, client, django_assert_num_queries, path):
    build(world)
    assert_constant_queries(django_assert_num_queries, lambda: client.get(path), _more(world, 0))


def test_constant_queries_staff_unit_page(world, login, django_assert_num_queries):
    build(world)
    client = login(world.users["programme_staff"])
    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(f"/partnerschaft/{KASSEL}/"),
        _more(world, 0),
    )


def test_cached_pages_show_changes_at_once(world, client, login, page_cache):
    """With the page cache on: the overview, a unit's page (public and staff part) and the
    conference page are served from the cache until a payment, an IKÖ check or a ledger booking
    renews their content versions."""
    from wirportal.opening.tests.factories import self_check
    from wirportal.payments.tests.factories import pay

    data = build(world)
    paths = [
        "/partnerschaft/?jahr=2026",
        f"/partnerschaft/{KASSEL}/",
        "/partnerschaft/konferenz/nord/?jahr=2026",
    ]
    for path in paths:
        assert "27.500,50" in client.get(path).content.decode(), path
    assert any(":page:" in key for key in page_cache._cache)  # visitors: whole pages
    pay(data.decisions[0], "100.00", date(2026, 11, 2))
    for path in paths:
        assert "27.600,50" in client.get(path).content.decode(), path
    staff = login(world.users["programme_staff"])
    before = staff.get(f"/partnerschaft/{KASSEL}/").content.decode()
    assert "Kein veröffentlichter IKÖ-Selbstcheck" not in before
    self_check(world["office_x"], 2027, submitted=True, rating=1, named=False)
    after = staff.get(f"/partnerschaft/{KASSEL}/").content.decode()
    assert after != before and "nicht veröffentlicht" in after  # 2027: not named


def test_files_answer_304_until_the_data_change(world, client):
    build(world)
    first = client.get("/partnerschaft/daten.csv")
    etag = first["ETag"]
    assert client.get("/partnerschaft/daten.csv", HTTP_IF_NONE_MATCH=etag).status_code == 304
    grant(world, world["org_a"], {"2026": "10.00"})
    again = client.get("/partnerschaft/daten.csv", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag
    services.release_publish(by=None, day=date(2026, 12, 1))
    stand = client.get("/partnerschaft/daten/2026-12-01.json")
    grant(world, world["org_a"], {"2026": "20.00"})
    tag = stand["ETag"]
    assert (
        client.get("/partnerschaft/daten/2026-12-01.json", HTTP_IF_NONE_MATCH=tag).status_code
        == 304
    )


def test_the_units_page_links_to_its_partnership_page(world, client):
    office = Office.objects.get(keys__key=KASSEL)
    page = client.get(reverse("offices:office-detail", kwargs={"slug": office.slug}))
    body = page.content.decode()
    assert "Mehr zur Einheit" in body
    assert f'href="{reverse("partnership:unit", kwargs={"key": KASSEL})}"' in body
