"""Demo organisations, the coordinators' bindings, office teams and regional actors. Idempotent."""

from django.db import transaction

from wirportal.accounts.demo import ensure_demo_users

from . import services
from .models import (
    ActorKind,
    Office,
    OfficeFunction,
    OfficeMembership,
    Organisation,
    OrganisationKind,
    RegionalActor,
    StaffEntry,
    Topic,
)

DEMO_ORGANISATIONS = [
    # (member email or "", name, kind, public benefit, street, postcode, city, office slug, IBAN)
    (
        "verein@wir-demo.de",
        "Interkultureller Verein Nordhessen e. V.",
        OrganisationKind.MIGRANT_ORGANISATION,
        True,
        "Friedrich-Ebert-Straße 12",
        "34117",
        "Kassel",
        "kassel",
        "DE89370400440532013000",
    ),
    (
        "caritas@wir-demo.de",
        "Caritasverband Offenbach/Main e. V.",
        OrganisationKind.WELFARE,
        True,
        "Platz der Deutschen Einheit 7",
        "63065",
        "Offenbach am Main",
        "offenbach",
        "DE02500105170137075030",
    ),
    (
        "",
        "Stadt Bad Homburg vor der Höhe",
        OrganisationKind.MUNICIPALITY,
        False,
        "Rathausplatz 1",
        "61348",
        "Bad Homburg vor der Höhe",
        "bad-homburg",
        "DE02120300000000202051",
    ),
    (
        "",
        "Sprachbrücke Rhein-Main e. V.",
        OrganisationKind.ASSOCIATION,
        True,
        "Kaiserstraße 40",
        "60329",
        "Frankfurt am Main",
        "frankfurt",
        "DE02100100100006820101",
    ),
]

COORDINATORS = [
    ("koordination.kassel@wir-demo.de", "kassel"),
    ("koordination.badhomburg@wir-demo.de", "bad-homburg"),
]


@transaction.atomic
def load_reference() -> str:
    """The reference data every installation needs (`demo_data --reference-only` too)."""
    created = services.reference_data_load()
    return f"{created} WIR-Einheiten neu angelegt (33 insgesamt)"


def load() -> str:
    users = ensure_demo_users()
    for email, slug in COORDINATORS:
        OfficeMembership.objects.get_or_create(
            user=users[email],
            defaults={
                "office": Office.objects.get(slug=slug),
                "function": OfficeFunction.COORDINATION,
            },
        )
    created = 0
    for email, name, kind, benefit, street, postcode, city, slug, iban in DEMO_ORGANISATIONS:
        if Organisation.objects.filter(name=name).exists():
            continue
        member = users.get(email) or users["verein@wir-demo.de"]
        organisation = services.organisation_create(
            by=member,
            name=name,
            kind=kind,
            public_benefit=benefit,
            street=street,
            postcode=postcode,
            city=city,
            office=Office.objects.get(slug=slug),
            email=f"info@{slug}.wir-demo.de",
            account_holder=name,
            iban=iban,
        )
        if not email:
            # organisations without a demo member keep none (the registering person leaves again)
            organisation.memberships.all().delete()
        created += 1
    staff = _load_staff(users)
    actors = _load_actors(users)
    return (
        f"{created} Träger neu, {len(COORDINATORS)} Koordinationen, "
        f"{staff} Teameinträge neu, {actors} regionale Akteure neu"
    )


# (office slug, account email or "", function, name, position title, email, phone, languages,
#  published fields: "" = not public, else a subset of "epl" (e-mail, phone, languages) plus "n")
DEMO_STAFF = [
    (
        "kassel",
        "koordination.kassel@wir-demo.de",
        OfficeFunction.COORDINATION,
        "Fatma Yilmaz",
        "WIR-Koordination",
        "f.yilmaz@kassel.wir-demo.de",
        "0561 787-5010",
        "Deutsch, Türkisch",
        "nepl",
    ),
    (
        "kassel",
        "",
        OfficeFunction.LEAD,
        "Dr. Heike Brandt",
        "Leitung Vielfaltszentrum",
        "h.brandt@kassel.wir-demo.de",
        "0561 787-5000",
        "Deutsch, Englisch",
        "ne",
    ),
    (
        "kassel",
        "",
        OfficeFunction.CASE_MANAGEMENT,
        "Samir Haddad",
        "Fallmanagement",
        "s.haddad@kassel.wir-demo.de",
        "0561 787-5012",
        "Deutsch, Arabisch, Französisch",
        "nepl",
    ),
    (
        "kassel",
        "",
        OfficeFunction.SUPPORT,
        "Olena Kowalenko",
        "WIR-Mitarbeitsstelle",
        "o.kowalenko@kassel.wir-demo.de",
        "0561 787-5014",
        "Deutsch, Ukrainisch, Russisch",
        "",
    ),
    (
        "bad-homburg",
        "koordination.badhomburg@wir-demo.de",
        OfficeFunction.COORDINATION,
        "Peter Hofmann",
        "Integrationsbeauftragter",
        "p.hofmann@bad-homburg.wir-demo.de",
        "06172 100-4410",
        "Deutsch, Englisch",
        "nep",
    ),
    (
        "bad-homburg",
        "",
        OfficeFunction.CASE_MANAGEMENT,
        "Aylin Demir",
        "Fallmanagement",
        "a.demir@bad-homburg.wir-demo.de",
        "06172 100-4412",
        "Deutsch, Türkisch, Kurdisch",
        "nl",
    ),
    (
        "bad-homburg",
        "",
        OfficeFunction.SUPPORT,
        "Jana Wolf",
        "WIR-Mitarbeitsstelle",
        "j.wolf@bad-homburg.wir-demo.de",
        "06172 100-4414",
        "Deutsch",
        "",
    ),
]


def _load_staff(users) -> int:
    created = 0
    for order, row in enumerate(DEMO_STAFF):
        slug, account, function, name, title, email, phone, languages, published = row
        office = Office.objects.get(slug=slug)
        if StaffEntry.objects.filter(office=office, name=name).exists():
            continue
        by = users[account] if account else users["admin@wir-demo.de"]
        services.staff_entry_create(
            office=office,
            by=by,
            function=function,
            name=name,
            position_title=title,
            email=email,
            phone=phone,
            languages=languages,
            user=users[account] if account else None,
            sort_order=order,
            publish="n" in published,
            publish_email="e" in published,
            publish_phone="p" in published,
            publish_languages="l" in published,
        )
        created += 1
    return created


# (name, kind, topic slugs, office slugs, city, postcode, public, description)
DEMO_ACTORS = [
    (
        "Diakonisches Werk Region Kassel – Migrationsdienst",
        ActorKind.WELFARE,
        ["arbeit", "wohnen", "gesundheit"],
        ["kassel", "lk-kassel"],
        "Kassel",
        "34117",
        True,
        "Migrationsberatung für Erwachsene, Jugendmigrationsdienst und Beratung zu Wohnen.",
    ),
    (
        "Caritasverband Nordhessen-Kassel – Integrationsfachdienst",
        ActorKind.WELFARE,
        ["arbeit", "bildung"],
        ["kassel"],
        "Kassel",
        "34119",
        True,
        "Begleitung in Ausbildung und Arbeit, Anerkennung ausländischer Abschlüsse.",
    ),
    (
        "Afrikanischer Kulturverein Kassel e. V.",
        ActorKind.MIGRANT_ORGANISATION,
        ["ehrenamt", "kinder-und-jugend", "antidiskriminierung"],
        ["kassel"],
        "Kassel",
        "34127",
        True,
        "Kultur- und Bildungsangebote, Hausaufgabenhilfe, Empowerment-Workshops.",
    ),
    (
        "Frauennetzwerk Nordstadt e. V.",
        ActorKind.ASSOCIATION,
        ["frauen", "sprache"],
        ["kassel"],
        "Kassel",
        "34125",
        False,
        "Sprachcafé und Treffpunkt für Frauen mit Kleinkindern.",
    ),
    (
        "Jobcenter Stadt Kassel – Team Integration",
        ActorKind.AUTHORITY,
        ["arbeit"],
        ["kassel"],
        "Kassel",
        "34117",
        True,
        "Ansprechpartner für Arbeitsmarktintegration Geflüchteter.",
    ),
    (
        "Volkshochschule Region Kassel – Integrationskurse",
        ActorKind.LANGUAGE_COURSE_PROVIDER,
        ["sprache", "bildung"],
        ["kassel", "lk-kassel"],
        "Kassel",
        "34117",
        True,
        "Integrations- und Berufssprachkurse, Deutsch 4U, Kinderbetreuung während der Kurse.",
    ),
    (
        "Sprachschule Weserbogen gGmbH",
        ActorKind.LANGUAGE_COURSE_PROVIDER,
        ["sprache"],
        ["lk-kassel"],
        "Hann. Münden",
        "34346",
        False,
        "Alphabetisierungs- und Jugendintegrationskurse.",
    ),
    (
        "Ehrenamtsagentur Hochtaunus",
        ActorKind.ASSOCIATION,
        ["ehrenamt"],
        ["bad-homburg", "hochtaunuskreis"],
        "Bad Homburg vor der Höhe",
        "61348",
        True,
        "Vermittlung von Integrationslotsinnen und -lotsen, Qualifizierung im Ehrenamt.",
    ),
    (
        "Türkisch-Deutscher Elternverein Bad Homburg e. V.",
        ActorKind.MIGRANT_ORGANISATION,
        ["bildung", "kinder-und-jugend"],
        ["bad-homburg"],
        "Bad Homburg vor der Höhe",
        "61352",
        True,
        "Elternbildung, Übergang Kita–Schule, Mentoring für Schülerinnen und Schüler.",
    ),
    (
        "Arbeiterwohlfahrt Hochtaunus – Migrationsberatung",
        ActorKind.WELFARE,
        ["arbeit", "wohnen", "frauen"],
        ["bad-homburg", "hochtaunuskreis"],
        "Bad Homburg vor der Höhe",
        "61350",
        True,
        "Migrationsberatung und Frauentreff.",
    ),
    (
        "Ausländerbehörde Hochtaunuskreis",
        ActorKind.AUTHORITY,
        ["interkulturelle-oeffnung"],
        ["hochtaunuskreis", "bad-homburg"],
        "Bad Homburg vor der Höhe",
        "61352",
        False,
        "Aufenthaltsrecht; Partnerin beim Projekt „Interkulturelle Öffnung der Verwaltung“.",
    ),
    (
        "Gesundheitslotsen Taunus e. V.",
        ActorKind.ASSOCIATION,
        ["gesundheit"],
        ["hochtaunuskreis"],
        "Oberursel (Taunus)",
        "61440",
        True,
        "Mehrsprachige Begleitung zu Ärztinnen und Ärzten.",
    ),
    (
        "Netzwerk gegen Diskriminierung Rhein-Main e. V.",
        ActorKind.ASSOCIATION,
        ["antidiskriminierung", "interkulturelle-oeffnung"],
        ["frankfurt", "offenbach", "bad-homburg"],
        "Frankfurt am Main",
        "60311",
        True,
        "Antidiskriminierungsberatung und Fortbildungen.",
    ),
    (
        "Polnischer Kulturverein Wiesbaden e. V.",
        ActorKind.MIGRANT_ORGANISATION,
        ["ehrenamt", "sprache"],
        ["wiesbaden"],
        "Wiesbaden",
        "65183",
        False,
        "Herkunftssprachlicher Unterricht und Kulturveranstaltungen.",
    ),
    (
        "Jugendmigrationsdienst Fulda",
        ActorKind.WELFARE,
        ["kinder-und-jugend", "bildung"],
        ["fulda", "lk-fulda"],
        "Fulda",
        "36037",
        True,
        "Begleitung junger Menschen mit Migrationsgeschichte bis 27 Jahre.",
    ),
    (
        "Sprachbrücke Rhein-Main e. V.",
        ActorKind.LANGUAGE_COURSE_PROVIDER,
        ["sprache", "frauen"],
        ["frankfurt"],
        "Frankfurt am Main",
        "60329",
        True,
        "Deutsch-4U-Kurse mit Kinderbetreuung.",
    ),
]


def _load_actors(users) -> int:
    coordinator_of = {
        membership.office.slug: membership.user
        for membership in OfficeMembership.objects.select_related("office", "user")
    }
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    created = 0
    for name, kind, topic_slugs, office_slugs, city, postcode, public, description in DEMO_ACTORS:
        if RegionalActor.objects.filter(name=name).exists():
            continue
        by = coordinator_of.get(office_slugs[0]) or users["ministerium@wir-demo.de"]
        domain = "".join(ch for ch in name.lower() if ch.isalnum())[:20]
        services.actor_create(
            by=by,
            offices=list(Office.objects.filter(slug__in=office_slugs)),
            owner_office=Office.objects.get(slug=office_slugs[0]),  # the recording unit keeps it
            topics=[topics[slug] for slug in topic_slugs if slug in topics],
            name=name,
            kind=kind,
            description=description,
            city=city,
            postcode=postcode,
            email=f"kontakt@{domain}.wir-demo.de",
            website=f"https://{domain}.wir-demo.de",
            is_public=public,
        )
        created += 1
    return created
