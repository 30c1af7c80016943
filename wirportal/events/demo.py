"""Demo events: the Regionalkonferenz Süd in Bad Homburg, the North conference in Kassel,
networking meetings, an online meeting for coordinators; with registrations and a waiting list.
Created through the services; idempotent (events are found by their slug)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from wirportal.accounts.demo import ensure_demo_users
from wirportal.accounts.roles import Role
from wirportal.offices.models import Office, Organisation

from . import services
from .models import Event, EventKind, WorkshopMode

BERLIN = ZoneInfo("Europe/Berlin")
MINISTRY = "ministerium@wir-demo.de"

PEOPLE = [
    ("Aylin", "Yıldız", "Caritasverband Offenbach/Main e. V.", "offenbach"),
    ("Jonas", "Becker", "Stadt Bad Homburg vor der Höhe", "bad-homburg"),
    ("Fatima", "Haddad", "Interkultureller Verein Nordhessen e. V.", "kassel"),
    ("Katharina", "Schmitt", "Hochtaunuskreis, Fachbereich Integration", "hochtaunuskreis"),
    ("Mehmet", "Kaya", "Ausländerbeirat Wiesbaden", "wiesbaden"),
    ("Julia", "Wagner", "Volkshochschule Frankfurt", "frankfurt"),
    ("Olena", "Kovalenko", "Sprachbrücke Rhein-Main e. V.", "frankfurt"),
    ("Thomas", "Hoffmann", "Landkreis Gießen, Jobcenter", "lk-giessen"),
    ("Amira", "Nasser", "Migrantenselbstorganisation Darmstadt", "darmstadt"),
    ("Lukas", "Schneider", "Diakonie Main-Kinzig", "main-kinzig-kreis"),
    ("Sophie", "Fischer", "Stadt Rüsselsheim am Main", "ruesselsheim"),
    ("Emre", "Demir", "Türkisch-Deutscher Kulturverein Hanau", "hanau"),
    ("Anna", "Weber", "Stadt Marburg, Integrationsbüro", "marburg"),
    ("Daniel", "Meyer", "Landkreis Fulda", "lk-fulda"),
    ("Grace", "Mensah", "Afrikanischer Elternverein Kassel", "kassel"),
    ("Nikolai", "Petrov", "Wetteraukreis, Fachstelle Vielfalt", "wetteraukreis"),
]


def _at(day: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=BERLIN)


def _register(event, people, *, preferences=None, now=None):
    workshops = list(event.workshops.order_by("pk"))
    offices = {o.slug: o for o in Office.objects.all()}
    for i, (first, last, organisation, office_slug) in enumerate(people):
        chosen = []
        if preferences is not None and workshops:
            order = preferences[i % len(preferences)]
            chosen = [workshops[k] for k in order if k < len(workshops)]
        services.registration_create(
            event=event,
            by=None,
            first_name=first,
            last_name=last,
            email=f"{first}.{last}@beispiel-traeger.de".lower().replace("ı", "i"),
            consent=True,
            organisation_name=organisation,
            office=offices.get(office_slug),
            dietary_needs="vegetarisch" if i % 3 == 0 else "",
            accessibility_needs="Induktionsschleife" if i == 4 else "",
            workshops=chosen,
            # a moment inside the registration window, so the demo loads on any day
            now=now or event.registration_opens_at + timedelta(hours=i + 1),
        )


def _south(by) -> Event:
    event = services.event_create(
        by=by,
        publish=True,
        title="Regionalkonferenz Süd 2027: Integration gestalten – Vielfalt leben",
        slug="regionalkonferenz-sued-2027",
        kind=EventKind.REGIONAL_CONFERENCE,
        region="sued",
        host_office=Office.objects.get(slug="bad-homburg"),
        description=(
            "Die Regionalkonferenz bringt die WIR-Vielfaltszentren, geförderte Träger und "
            "Projekte in Südhessen zusammen. Nach der Begrüßung durch die Staatssekretärin und "
            "die gastgebende Stadt folgen ein Impulsvortrag, vier parallele Foren und der "
            "Markt der Möglichkeiten, auf dem geförderte Projekte ihre Arbeit vorstellen."
        ),
        starts_at=_at("2027-03-18", "09:30"),
        ends_at=_at("2027-03-18", "16:30"),
        venue="Kurhaus Bad Homburg",
        address="Louisenstraße 58, 61348 Bad Homburg vor der Höhe",
        registration_opens_at=_at("2026-11-01", "08:00"),
        registration_closes_at=_at("2027-03-04", "23:59"),
        capacity=150,
        workshop_mode=WorkshopMode.RANKED,
        exhibitor_slots=12,
    )
    for title, moderation, capacity in [
        (
            "Forum 1: Vielfaltsorientierte Öffnung der Verwaltung",
            "WIR-Vielfaltszentrum Hochtaunuskreis",
            40,
        ),
        (
            "Forum 2: Willkommens- und Anerkennungskultur vor Ort",
            "WIR-Vielfaltszentrum Bad Homburg",
            40,
        ),
        ("Forum 3: Zusammenarbeit mit den Ausländerbehörden", "WIR-Vielfaltszentrum Offenbach", 35),
        ("Forum 4: Kommunales Integrationsmonitoring 2026", "Programmreferat WIR", 35),
    ]:
        services.workshop_add(
            event=event, by=by, title=title, capacity=capacity, moderation=moderation
        )
    for clock, end, title, speaker in [
        ("09:30", "10:00", "Ankommen und Anmeldung", ""),
        (
            "10:00",
            "10:20",
            "Begrüßung",
            "Staatssekretärin; Oberbürgermeister der Stadt Bad Homburg",
        ),
        ("10:20", "11:00", "Impuls: Interkulturelle Öffnung als Daueraufgabe", "DeZIM-Institut"),
        ("11:15", "12:45", "Parallele Foren 1–4", ""),
        ("12:45", "14:00", "Mittagspause und Markt der Möglichkeiten", ""),
        ("14:00", "15:30", "Ergebnisse der Foren und Diskussion", ""),
        ("15:30", "16:30", "Ausklang und Vernetzung", ""),
    ]:
        services.agenda_item_add(
            event=event,
            by=by,
            title=title,
            speaker=speaker,
            starts_at=_at("2027-03-18", clock),
            ends_at=_at("2027-03-18", end),
        )
    for organisation, project in [
        ("Caritasverband Offenbach/Main e. V.", "Lotsinnen für den Ämtergang"),
        ("Sprachbrücke Rhein-Main e. V.", "Deutsch 4U – Sprachkurse im Stadtteil"),
    ]:
        found = Organisation.objects.filter(name=organisation).first()
        if found is not None:
            services.exhibitor_add(event=event, by=by, organisation=found, project_title=project)
    _register(event, PEOPLE[:12], preferences=[[0, 1, 2], [1, 0, 3], [3, 2, 0], [0, 2, 1]])
    return event


def _north(by) -> Event:
    event = services.event_create(
        by=by,
        publish=True,
        title="Regionalkonferenz Nord 2027",
        slug="regionalkonferenz-nord-2027",
        kind=EventKind.REGIONAL_CONFERENCE,
        region="nord",
        host_office=Office.objects.get(slug="kassel"),
        description=(
            "Die Konferenz für Nord- und Mittelhessen: Austausch der WIR-Vielfaltszentren, "
            "Foren zu Antidiskriminierung und Ehrenamt, Markt der Möglichkeiten."
        ),
        starts_at=_at("2027-04-22", "09:30"),
        ends_at=_at("2027-04-22", "16:00"),
        venue="Kongress Palais Kassel",
        address="Holger-Börner-Platz 1, 34119 Kassel",
        registration_opens_at=_at("2026-11-15", "08:00"),
        registration_closes_at=_at("2027-04-08", "23:59"),
        capacity=120,
        workshop_mode=WorkshopMode.FIRST_COME,
        exhibitor_slots=10,
    )
    for title, capacity in [
        ("Forum A: Antidiskriminierungsstrategien in Kommunen", 40),
        ("Forum B: Ehrenamtliche Integrationslotsinnen und -lotsen", 3),
        ("Forum C: Sprachmittlung und Laiendolmetschen", 40),
    ]:
        services.workshop_add(event=event, by=by, title=title, capacity=capacity)
    _register(event, PEOPLE[:6], preferences=[[1], [1, 2], [0, 1], [1], [2], [0]])
    return event


def _networking(by) -> Event:
    event = services.event_create(
        by=by,
        publish=True,
        title="Hessenweites Vernetzungstreffen: Willkommens- und Anerkennungskultur",
        slug="vernetzungstreffen-wetzlar-2027",
        kind=EventKind.NETWORKING,
        region="",
        host_office=Office.objects.get(slug="wetzlar"),
        description=(
            "Vernetzungstreffen der WIR-Vielfaltszentren mit dem Schwerpunkt Willkommens- und "
            "Anerkennungskultur: Gruppengespräche und ein Input zur Zusammenarbeit mit "
            "Ausländerbehörden. Die Plätze sind begrenzt."
        ),
        starts_at=_at("2027-01-27", "10:00"),
        ends_at=_at("2027-01-27", "15:00"),
        venue="Neues Rathaus Wetzlar, Sitzungssaal",
        address="Ernst-Leitz-Straße 30, 35578 Wetzlar",
        registration_opens_at=_at("2026-11-10", "08:00"),
        registration_closes_at=_at("2027-01-20", "23:59"),
        capacity=12,
    )
    _register(event, PEOPLE[:15])  # 12 confirmed, 3 on the waiting list
    return event


def _online(by, users) -> Event:
    event = services.event_create(
        by=by,
        publish=True,
        title="Online-Austausch: Kommunales Integrationsmonitoring",
        slug="online-integrationsmonitoring-2026",
        kind=EventKind.ONLINE,
        host_office=Office.objects.get(slug="kassel"),
        description="Austausch der Koordinierenden zur Vorschau auf das Integrationsmonitoring.",
        starts_at=_at("2026-12-09", "14:00"),
        ends_at=_at("2026-12-09", "15:30"),
        online_url="https://konferenz.hessen.example/wir-monitoring",
        registration_opens_at=_at("2026-11-20", "08:00"),
        registration_closes_at=_at("2026-12-08", "12:00"),
        audience="invited",
        invited_roles=[Role.COORDINATOR, Role.PROGRAMME_STAFF],
        capacity=40,
    )
    for email in ("koordination.kassel@wir-demo.de", "koordination.badhomburg@wir-demo.de"):
        user = users.get(email)
        if user is not None:
            services.registration_create(
                event=event,
                by=user,
                first_name=user.first_name,
                last_name=user.last_name,
                email=user.email,
                consent=True,
                now=event.registration_opens_at + timedelta(hours=1),
            )
    return event


@transaction.atomic
def load() -> str:
    users = ensure_demo_users()
    by = users[MINISTRY]
    created = []
    builders = [
        ("regionalkonferenz-sued-2027", lambda: _south(by)),
        ("regionalkonferenz-nord-2027", lambda: _north(by)),
        ("vernetzungstreffen-wetzlar-2027", lambda: _networking(by)),
        ("online-integrationsmonitoring-2026", lambda: _online(by, users)),
    ]
    for slug, build in builders:
        if Event.objects.filter(slug=slug).exists():
            continue
        created.append(build().title)
    return f"{len(created)} Veranstaltungen angelegt" if created else ""
