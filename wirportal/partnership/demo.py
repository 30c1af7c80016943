"""Demo programme picture for the partnership view (issue #18): every one of the 33 WIR units
gets Koordination grants for 2025 and 2026, about a third a MitSprache course grant of an
association, and the regional picture gets events and IKÖ self-checks, so that the Land map and
the regional conference pages show what they are for.

The grants go through the project's services where the money moves: review steps
(`reviews.services`), the proposal and the approval by a second person (`decision_propose`,
`decision_approve`: the yearly amounts are bound in the ledger, § 38 LHO), the acceptance
(`decision_accept`) and the call-downs (`payment_request_create` → check → order → SEPA payment
run → executed: paid in the ledger in the year of payment, § 71 LHO). Only two steps are made
directly, for speed, as other demos do: the applications (like the decisions demo's
Vielfaltszentrum Bad Homburg, the calls are closed) and the issue of the Zuwendungsbescheid,
which is recorded as posted (`Delivery.POST`, § 41 Abs. 2 HVwVfG) without rendering the PDF
letter (a letter is optional on the model; rendering 80 PDF/A letters would take minutes).

The coordination line is the Koordinationskraft of the WIR-Vielfaltszentren (60,000 € per VZÄ
and year, at most two; the successor of the WIR-Koordination line of 2014–2020, whose 2017
programme has no budget after 2017), within the unit's allocation of 145,000 € a year.

Deterministic (the VZÄ and amounts follow from the unit's place in the reference order) and idempotent:
nothing happens once the first coordination application exists. Runs last (the partnership
app is the last in INSTALLED_APPS), so the other demos' grants and payments are in place.
The events of 2025/2026 are made through the events services (idempotent by slug); the IKÖ
self-checks of more units come from the opening demo (`opening.demo.OTHERS`).
"""

import functools
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from schwifty import IBAN

from wirportal.accounts.demo import ensure_demo_users
from wirportal.accounts.models import User
from wirportal.accounts.roles import Role
from wirportal.applications import services as application_services
from wirportal.applications.models import (
    Application,
    CostCategory,
    CostItem,
    FundingSource,
    FundingSourceKind,
)
from wirportal.core.dates import acceptance_deadline_after, bekanntgabe_by_post
from wirportal.decisions import services as decision_services
from wirportal.decisions.demo import _pdf, _review
from wirportal.decisions.models import Delivery, GrantDecision, Outcome
from wirportal.documents.validation import validate_upload
from wirportal.events import services as event_services
from wirportal.events.models import Event, EventKind
from wirportal.notifications.models import MailRecord, MailStatus
from wirportal.notifications.tasks import send_mail_task
from wirportal.offices.models import (
    Office,
    Organisation,
    OrganisationKind,
    OrganisationMembership,
)
from wirportal.payments import services as payment_services
from wirportal.payments.selectors import eligible_costs
from wirportal.programmes import services as programme_services
from wirportal.programmes.models import Call, FundingLine

CASE_WORKER = "rp.sachbearbeitung@wir-demo.de"
SECOND_PERSON = "rp.freigabe@wir-demo.de"
REVIEWER = "gutachten@wir-demo.de"
STAFF = "ministerium@wir-demo.de"
PROGRAMME = "WIR-VuT"
BERLIN = ZoneInfo("Europe/Berlin")
COORDINATION_TITLE = "WIR-Koordination {year}"
COURSE_TITLE = "MitSprache – Deutsch 4U: Sprachkurs für Frauen {year}"
RATE_PER_VZA = Decimal("60000")
#: a Landes-Girokonto at the Helaba, the bank of the Hessian municipalities (demo accounts)
BANK_CODE = "50050000"


@dataclass
class Grant:
    decision: GrantDecision
    member: User

    @property
    def amount(self) -> Decimal:
        return self.decision.amount or Decimal(0)


def _vza(number: int, year: int) -> Decimal:
    """1.0–2.0 VZÄ in quarter steps by the unit's place in the reference order; every third
    unit adds a quarter in 2026."""
    base = Decimal("1.00") + Decimal("0.25") * (number * 3 % 5)
    if year == 2026 and number % 3 == 0:
        base += Decimal("0.25")
    return min(base, Decimal("2.00"))


def _administration_name(office: Office) -> str:
    if office.kind == "landkreis":
        if office.name.startswith("Landkreis "):
            return "Kreisausschuss des Landkreises " + office.name.removeprefix("Landkreis ")
        return f"Kreisausschuss des {office.name}es"
    return f"Magistrat der Stadt {office.name}"


def _member(organisation: Organisation, email: str, first: str, last: str) -> User:
    membership = organisation.memberships.select_related("user").first()
    if membership is not None:
        return membership.user
    user = User.objects.filter(email=email).first()
    if user is None:
        # background people of the demo: they cannot sign in (unusable password)
        user = User.objects.create_user(email, None, first_name=first, last_name=last)
        user.role = Role.APPLICANT
        user.save(update_fields=["role"])
    OrganisationMembership.objects.create(organisation=organisation, user=user, is_admin=True)
    return user


def _iban(number: int) -> str:
    return str(IBAN.generate("DE", bank_code=BANK_CODE, account_code=f"{number:010d}").compact)


def _administration(office: Office, number: int) -> tuple[Organisation, User]:
    """The unit's own administration (Gebietskörperschaft seated in the unit)."""
    kinds = [OrganisationKind.DISTRICT, OrganisationKind.MUNICIPALITY]
    organisation = Organisation.objects.filter(office=office, kind__in=kinds).order_by("pk").first()
    if organisation is None:
        name = _administration_name(office)
        organisation = Organisation.objects.create(
            name=name,
            kind=OrganisationKind.DISTRICT
            if office.kind == "landkreis"
            else OrganisationKind.MUNICIPALITY,
            street="Rathausplatz 1" if office.kind != "landkreis" else "Kreishaus",
            postcode="60000",
            city=office.name.removeprefix("Landkreis "),
            office=office,
            email=f"integration@{office.slug}.wir-demo.de",
            account_holder=name[:70],
            iban=_iban(1000 + number),
            bank_name="Landesbank Hessen-Thüringen",
        )
    member = _member(
        organisation, f"zuwendungen@{office.slug}.wir-demo.de", "Zuwendungen", office.name
    )
    return organisation, member


def _association(office: Office, number: int) -> tuple[Organisation, User]:
    name = f"Frauen im Dialog {office.name.removeprefix('Landkreis ')} e. V."
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=name,
            kind=OrganisationKind.ASSOCIATION,
            public_benefit=True,
            street="Marktplatz 3",
            postcode="60000",
            city=office.name.removeprefix("Landkreis "),
            office=office,
            email=f"verein@{office.slug}.wir-demo.de",
            account_holder=name[:70],
            iban=_iban(5000 + number),
            bank_name="Landesbank Hessen-Thüringen",
        )
    member = _member(organisation, f"vorstand@{office.slug}.wir-demo.de", "Vorstand", name)
    return organisation, member


@functools.cache
def _pdf_of(label: str) -> bytes:
    """One rendered demo PDF per kind of attachment, reused for every application."""
    return _pdf(label)


def _application(
    *, call: Call, organisation, member, title, start: date, end: date, submitted: date, rows
) -> Application:
    """An application of then, made as it was (the calls are closed now) and submitted."""
    line = call.line
    requested = sum((grant for *_rest, grant in rows), Decimal(0))
    application = Application.objects.create(
        organisation=organisation,
        call=call,
        line=line,
        created_by=member,
        title=title,
        summary="Koordination des regionalen Integrationsmanagements: Vernetzung, Beratung, "
        "interkulturelle Öffnung der Verwaltung."
        if line.code == "vielfaltszentren"
        else "Deutschkurs mit Kinderbetreuung für geflüchtete Frauen, in Kooperation mit der "
        "WIR-Koordination.",
        goals="Teilhabe Zugewanderter in allen Lebensbereichen.",
        target_groups=["neuzugewanderte", "familien"],
        period_start=start,
        period_end=end,
        participants_planned=120 if line.code == "vielfaltszentren" else 15,
        not_started_declared=True,
        requested_amount=requested,
    )
    application.reference = f"WIR-{submitted.year + 1}-{application.pk:06d}"
    application.save(update_fields=["reference"])
    own = Decimal(0)
    for description, rate, units, costs, grant in rows:
        CostItem.objects.create(
            application=application,
            category=CostCategory.UNIT_RATE,
            description=description,
            unit_rate=rate,
            units=units,
            count=1,
            amount=costs,  # the real costs the unit rate stands for
        )
        own += costs - grant
    if own > 0:
        FundingSource.objects.create(
            application=application, kind=FundingSourceKind.OWN, name="Eigenanteil", amount=own
        )
    for label in line.required_attachments or []:
        upload = validate_upload(ContentFile(_pdf_of(label), name=f"{label}.pdf"), allowed=("pdf",))
        application_services.attachment_add(
            application=application, upload=upload, label=label, by=member
        )
    application.submit()
    application.submitted_at = timezone.make_aware(
        datetime(submitted.year, submitted.month, submitted.day, 10, 0)
    )
    application.save()
    return application


def _decide(application, member, users, *, proposed: date) -> GrantDecision:
    """Review, proposal, approval by a second person (binds the money), issue by post and
    acceptance a few days after the Bekanntgabe."""
    checker, orderer = users[CASE_WORKER], users[SECOND_PERSON]
    _review(application, case_worker=checker, reviewer=users[REVIEWER], points=4)
    decision = decision_services.decision_propose(
        application=application, by=checker, outcome=Outcome.APPROVE, today=proposed
    )
    approved = proposed.replace(day=proposed.day + 2)
    decision = decision_services.decision_approve(decision=decision, by=orderer, today=approved)
    posted = approved.replace(day=approved.day + 1)
    bekanntgabe = bekanntgabe_by_post(posted)
    decision.issue()
    decision.issued_at = timezone.make_aware(datetime(posted.year, posted.month, posted.day, 9))
    decision.delivery = Delivery.POST
    decision.dispatched_on = posted
    decision.bekanntgabe_on = bekanntgabe
    decision.acceptance_deadline = acceptance_deadline_after(bekanntgabe)
    decision.save()
    return decision_services.decision_accept(
        decision=decision, by=member, bank_details_confirmed=True, today=bekanntgabe
    )


def _coordination_rows(line: FundingLine, vza: Decimal):
    rate = line.unit_rates.get(code="koordination")
    grant = rate.amount * vza
    # the real staff costs (TVöD E 11 with employer's share) lie above the unit rate
    return [("Koordinationskräfte (VZÄ)", rate, vza, grant + Decimal("8000") * vza, grant)]


def _course_rows(line: FundingLine, lessons: int):
    rate = line.unit_rates.get(code="ue")
    grant = rate.amount * lessons
    return [("Unterrichtseinheiten (45 Minuten)", rate, Decimal(lessons), grant + 400, grant)]


def _calls(users) -> dict[str, Call]:
    staff = users[STAFF]
    vz = FundingLine.objects.get(code="vielfaltszentren", programme__short_name=PROGRAMME)
    d4u = FundingLine.objects.get(code="deutsch4u", programme__short_name=PROGRAMME)
    call_2025 = Call.objects.filter(line=vz, first_year=2025, last_year=2025).first()
    if call_2025 is None:
        call_2025 = programme_services.call_save(
            by=staff,
            line=vz,
            title="WIR-Vielfaltszentren – Koordination Förderjahr 2025",
            text="Anträge der WIR-Einheiten für das Förderjahr 2025 (abgeschlossen).",
            first_year=2025,
            last_year=2025,
            opens_at=date(2024, 9, 1),
            closes_at=date(2024, 11, 30),
        )
    call_2026 = Call.objects.get(line=vz, first_year=2026, last_year=2030)
    course_2026 = Call.objects.filter(line=d4u, first_year=2026, last_year=2026).first()
    if course_2026 is None:
        course_2026 = programme_services.call_save(
            by=staff,
            line=d4u,
            title="MitSprache – Deutsch 4U – Förderjahr 2026",
            text="Abgeschlossener Aufruf für Kurse im Jahr 2026.",
            first_year=2026,
            last_year=2026,
            opens_at=date(2025, 9, 1),
            closes_at=date(2025, 12, 31),
        )
    return {"2025": call_2025, "2026": call_2026, "course": course_2026}


def _halves(amount: Decimal) -> tuple[Decimal, Decimal]:
    first = (amount / 2).quantize(Decimal("0.01"))
    return first, amount - first


def _call_downs(users, payments: list[tuple[Grant, Decimal]], *, requested: date, paid: date):
    """Call-downs by the recipients, checked and ordered by two people, paid in one SEPA run."""
    checker, orderer = users[CASE_WORKER], users[SECOND_PERSON]
    for grant, amount in payments:
        payment = payment_services.payment_request_create(
            decision=grant.decision,
            by=grant.member,
            amount=amount,
            needed_on=paid,
            due_expenses=eligible_costs(grant.decision),
            token=uuid.uuid5(uuid.NAMESPACE_URL, f"wir-demo:{grant.decision.pk}:{requested}"),
            today=requested,
        )
        payment_services.payment_request_check(payment=payment, by=checker)
        payment_services.payment_request_order(payment=payment, by=orderer)
    run = payment_services.payment_run_build(by=orderer, execution_date=paid, today=requested)
    payment_services.payment_run_execute(run=run, by=checker, today=paid)


#: (slug, title, host, participating units, day, venue, address): held in 2025 and 2026, the
#: participating units published by the organiser (issue #12)
EVENTS = [
    (
        "fachtag-ikoe-darmstadt-2025",
        "Fachtag Interkulturelle Öffnung der Verwaltung",
        "darmstadt",
        ["lk-darmstadt-dieburg", "lk-bergstrasse", "odenwaldkreis", "lk-gross-gerau", "offenbach"],
        "2025-06-17",
        "Darmstadtium, Raum Ferrum",
        "Schloßgraben 1, 64283 Darmstadt",
    ),
    (
        "netzwerktreffen-mittelhessen-2025",
        "Netzwerktreffen WIR-Koordination Mittelhessen",
        "lk-giessen",
        ["giessen", "wetzlar", "lahn-dill-kreis", "vogelsbergkreis", "lk-marburg-biedenkopf"],
        "2025-10-08",
        "Kreishaus Gießen, Sitzungssaal",
        "Riversplatz 1–9, 35394 Gießen",
    ),
    (
        "werkstatt-willkommenskultur-frankfurt-2026",
        "Werkstatt Willkommenskultur im Ballungsraum",
        "frankfurt",
        ["offenbach", "hanau", "main-taunus-kreis", "hochtaunuskreis", "wiesbaden"],
        "2026-03-12",
        "Haus am Dom, Saal",
        "Domplatz 3, 60311 Frankfurt am Main",
    ),
    (
        "tag-der-vielfalt-osthessen-2026",
        "Tag der Vielfalt Osthessen",
        "lk-fulda",
        ["fulda", "lk-hersfeld-rotenburg", "vogelsbergkreis"],
        "2026-05-21",
        "Kreishaus Fulda, Foyer",
        "Wörthstraße 15, 36037 Fulda",
    ),
    (
        "austausch-lotsen-nordhessen-2026",
        "Austausch der Integrationslotsen Nordhessen",
        "schwalm-eder-kreis",
        ["kassel", "lk-kassel", "werra-meissner-kreis", "lk-waldeck-frankenberg"],
        "2026-09-24",
        "Kreisverwaltung Homberg (Efze), Saal",
        "Parkstraße 6, 34576 Homberg (Efze)",
    ),
]


def _events(users) -> int:
    """Published events of 2025 and 2026, hosted by different units, with the participating
    units published; through the events services. Idempotent by slug."""
    by = users[STAFF]
    offices = {office.slug: office for office in Office.objects.all()}
    made = 0
    for slug, title, host, guests, day, venue, address in EVENTS:
        if Event.objects.filter(slug=slug).exists() or host not in offices:
            continue
        starts = datetime.fromisoformat(f"{day}T10:00").replace(tzinfo=BERLIN)
        event = event_services.event_create(
            by=by,
            publish=True,
            title=title,
            slug=slug,
            kind=EventKind.NETWORKING,
            region="",
            host_office=offices[host],
            description="Austausch der WIR-Koordinationen und ihrer Partner vor Ort: Beispiele "
            "aus der Praxis, Gespräche in kleinen Gruppen, Verabredungen für das nächste Jahr.",
            starts_at=starts,
            ends_at=starts + timedelta(hours=6),
            venue=venue,
            address=address,
            registration_opens_at=starts - timedelta(days=60),
            registration_closes_at=starts - timedelta(days=7),
            capacity=60,
        )
        event_services.event_set_participants(
            event=event,
            by=by,
            offices=[offices[g] for g in guests if g in offices],
            actors=[],
            published=True,
        )
        made += 1
    return made


def _mails_of_then_sent(since: datetime) -> int:
    """The mails the services queued for the demo's past (acceptances, payments of 2025 and
    2026) count as sent then: `make run` does not print a thousand old mails, and the
    monitoring of undelivered mails does not report them. Their mail logs stay."""
    now = timezone.now()
    done = DBTaskResult.objects.filter(
        task_path=send_mail_task.module_path,
        status=TaskResultStatus.READY,
        enqueued_at__gte=since,
    ).update(status=TaskResultStatus.SUCCESSFUL, started_at=now, finished_at=now)
    MailRecord.objects.filter(queued_at__gte=since, status=MailStatus.QUEUED).update(
        status=MailStatus.SENT, sent_at=now
    )
    return done


@transaction.atomic
def load() -> str:
    since = timezone.now()
    users = ensure_demo_users()
    events = _events(users)
    if Application.objects.filter(title=COORDINATION_TITLE.format(year=2025)).exists():
        return f"{events} Veranstaltungen 2025/2026" if events else ""
    if not FundingLine.objects.filter(
        code="vielfaltszentren", programme__short_name=PROGRAMME
    ).exists():
        return f"{events} Veranstaltungen 2025/2026" if events else ""
    calls = _calls(users)
    vz = calls["2025"].line
    d4u = calls["course"].line
    offices = list(Office.objects.select_related("district").order_by("pk"))
    grants: dict[str, list[Grant]] = {"2025": [], "2026": [], "course": []}
    for number, office in enumerate(offices):
        organisation, member = _administration(office, number)
        for year in (2025, 2026):
            if (
                year == 2026
                and GrantDecision.objects.filter(
                    application__organisation__office=office,
                    application__line=vz,
                    year_amounts__has_key="2026",
                    status="accepted",
                ).exists()
            ):
                continue  # Bad Homburg: its Vielfaltszentrum 2026–2030 (decisions demo)
            application = _application(
                call=calls[str(year)],
                organisation=organisation,
                member=member,
                title=COORDINATION_TITLE.format(year=year),
                start=date(year, 2, 1),
                end=date(year, 12, 31),
                submitted=date(year - 1, 11, 10 + number % 15),
                rows=_coordination_rows(vz, _vza(number, year)),
            )
            decision = _decide(application, member, users, proposed=date(year, 1, 12 + number % 8))
            grants[str(year)].append(Grant(decision, member))
        if number % 3 == 1:  # about a third: a course of an association in 2026
            association, chair = _association(office, number)
            application = _application(
                call=calls["course"],
                organisation=association,
                member=chair,
                title=COURSE_TITLE.format(year=2026),
                start=date(2026, 3, 1),
                end=date(2026, 11, 30),
                submitted=date(2025, 12, 1 + number % 20),
                rows=_course_rows(d4u, 200 + 20 * (number % 6)),
            )
            decision = _decide(application, chair, users, proposed=date(2026, 2, 2 + number % 10))
            grants["course"].append(Grant(decision, chair))

    # 2025: paid in full, in two halves (March and September)
    first = [(g, _halves(g.amount)[0]) for g in grants["2025"]]
    _call_downs(users, first, requested=date(2025, 3, 3), paid=date(2025, 3, 5))
    second = [(g, _halves(g.amount)[1]) for g in grants["2025"]]
    _call_downs(users, second, requested=date(2025, 9, 1), paid=date(2025, 9, 3))
    # 2026: the first half everywhere; the second half only in every third unit so far
    first = [(g, _halves(g.amount)[0]) for g in grants["2026"]]
    _call_downs(users, first, requested=date(2026, 3, 2), paid=date(2026, 3, 4))
    courses = [(g, g.amount) for g in grants["course"]]
    if courses:
        _call_downs(users, courses, requested=date(2026, 4, 13), paid=date(2026, 4, 15))
    second = [(g, _halves(g.amount)[1]) for g in grants["2026"][::3]]
    _call_downs(users, second, requested=date(2026, 9, 7), paid=date(2026, 9, 9))
    _mails_of_then_sent(since)
    return (
        f"{len(grants['2025']) + len(grants['2026'])} Koordinationsbewilligungen 2025/2026, "
        f"{len(grants['course'])} MitSprache-Kurse, Auszahlungen in fünf Zahlläufen, "
        f"{events} Veranstaltungen 2025/2026"
    )
