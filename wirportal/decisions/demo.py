"""Demo review and decisions through the services: applications in review, a proposal waiting
for the second person, a partial approval with reduced eligible costs (issued), one accepted, and
the multi-year grant of the Vielfaltszentrum Bad Homburg (600,000 for 2026–2030, five yearly
amounts of 120,000; 2026 bound against the Ansatz, 2027–2030 against the
Verpflichtungsermächtigung, brief F1).

Idempotent: nothing happens once a decision exists. Needs the demo applications (applications
demo) and open 2027 calls (programmes demo); otherwise it does nothing.
"""

import contextlib
from datetime import date, datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.accounts.demo import ensure_demo_users
from wirportal.applications import selectors as application_selectors
from wirportal.applications import services as application_services
from wirportal.applications.models import (
    Application,
    ApplicationStatus,
    CostCategory,
    CostItem,
    EarlyStartRequest,
    EarlyStartStatus,
    FundingSource,
    FundingSourceKind,
)
from wirportal.core.exceptions import DomainError
from wirportal.documents.validation import validate_upload
from wirportal.offices.models import Organisation
from wirportal.programmes.models import Call
from wirportal.reviews import services as review_services

from . import services
from .models import GrantDecision, Outcome

VEREIN = "Interkultureller Verein Nordhessen e. V."
CARITAS = "Caritasverband Offenbach/Main e. V."


def _pdf(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<h1>{text}</h1><p>Demodokument des WIR-Portals.</p>").write_pdf()


def _new_submitted(call, organisation, by, *, title, costs, own, rent=None) -> Application:
    application = application_services.application_create(
        call=call, organisation=organisation, by=by
    )
    item = application_services.cost_item_add(application=application, by=by)
    source = application_services.funding_source_add(application=application, by=by)
    extra = {}
    if rent:
        room = application_services.cost_item_add(application=application, by=by)
        extra = {
            f"cost-{room.pk}-category": "miete",
            f"cost-{room.pk}-description": "Miete Gruppenraum",
            f"cost-{room.pk}-amount": rent,
        }
    application_services.application_autosave(
        application=application,
        by=by,
        data={
            "title": title,
            "summary": "Gruppenangebote und Beratung im Quartier, in Zusammenarbeit mit dem "
            "WIR-Vielfaltszentrum.",
            "goals": "Mehr Teilhabe von Neuzugewanderten.",
            "target_groups": ["neuzugewanderte", "familien"],
            "period_start": "2027-03-01",
            "period_end": "2027-12-15",
            "participants_planned": "60",
            "not_started_declared": "on",
            "other_funding_declaration": "keine",
            f"cost-{item.pk}-category": "honorare",
            f"cost-{item.pk}-description": "Honorare Kursleitung und Beratung",
            f"cost-{item.pk}-amount": costs,
            f"source-{source.pk}-kind": "eigenmittel",
            f"source-{source.pk}-name": "Eigenmittel",
            f"source-{source.pk}-amount": own,
            **extra,
        },
        complete_form=True,
    )
    # Lines with other financing (unit rates, fixed amounts) give no grant for this plan: give up
    # before uploading attachments, so the rollback of the attempt leaves no files behind.
    if application_selectors.grant_for(application).amount <= 0:
        raise DomainError(_("Nach dem Kosten- und Finanzierungsplan ergibt sich keine Zuwendung."))
    for label in application.line.required_attachments or []:
        upload = validate_upload(ContentFile(_pdf(label), name=f"{label}.pdf"), allowed=("pdf",))
        application_services.attachment_add(
            application=application, upload=upload, label=label, by=by
        )
    return application_services.application_submit(application=application, by=by)


def _review(application, *, case_worker, reviewer, points) -> None:
    review_services.review_assign(application=application, assignee=case_worker, by=case_worker)
    review_services.completeness_record(application=application, by=case_worker)
    review_services.content_check_record(
        application=application,
        by=case_worker,
        passed=True,
        note="Zuwendungszweck erfüllt; Träger antragsberechtigt.",
    )
    review_services.arithmetic_check_record(application=application, by=case_worker)
    review_services.reviewers_assign(application=application, reviewers=[reviewer], by=case_worker)
    criteria = list(application.line.review_criteria.order_by("position"))
    if criteria:
        review_services.scores_record(
            application=application,
            by=reviewer,
            points={c.pk: min(points, c.max_points) for c in criteria},
        )


@transaction.atomic
def load() -> str:
    if GrantDecision.objects.exists():
        return ""
    users = ensure_demo_users()
    verein = Organisation.objects.filter(name=VEREIN).first()
    caritas = Organisation.objects.filter(name=CARITAS).first()
    if verein is None or caritas is None:
        return ""
    today = timezone.localdate()
    calls = [
        call
        for call in Call.objects.filter(first_year=2027).select_related("line")
        if call.is_open(today)
    ]
    jonas = users["rp.sachbearbeitung@wir-demo.de"]
    leyla = users["rp.freigabe@wir-demo.de"]
    markus = users["gutachten@wir-demo.de"]
    people = {verein.pk: users["verein@wir-demo.de"], caritas.pk: users["caritas@wir-demo.de"]}

    # the applications demo's submitted applications: one assigned and being checked
    waiting = list(
        Application.objects.filter(
            organisation__in=[verein, caritas], status=ApplicationStatus.SUBMITTED
        ).order_by("pk")
    )
    if waiting:
        review_services.review_assign(application=waiting[0], assignee=jonas, by=jonas)

    made = []
    plans = [
        ("Sprachcafé und Elternberatung Nordstadt", "12.000,00", "2.000,00", None),
        ("Interkulturelle Öffnung der Sportvereine", "9.000,00", "1.500,00", "1.500,00"),
        ("Begegnungsfest und Patenschaften", "7.500,00", "1.000,00", None),
    ]
    for title, costs, own, rent in plans:
        for call in calls:
            for organisation in (verein, caritas):
                if not call.line.is_eligible(organisation):
                    continue
                try:
                    with transaction.atomic():
                        application = _new_submitted(
                            call,
                            organisation,
                            people[organisation.pk],
                            title=title,
                            costs=costs,
                            own=own,
                            rent=rent,
                        )
                        _review(application, case_worker=jonas, reviewer=markus, points=4)
                except DomainError:
                    continue
                made.append(application)
                break
            if len(made) and made[-1].title == title:
                break
    if len(made) < 3:
        return "Prüfung begonnen (zu wenige offene Förderaufrufe für Entscheidungen)"

    proposal = services.decision_propose(
        application=made[0],
        by=jonas,
        outcome=Outcome.APPROVE,
        conditions="Zwischenbericht zum 30.06.2027.",
    )
    # partial approval: the room is used for the project only half the time, so half the rent
    # is eligible; the grant is recomputed from the eligible costs (§ 23 LHO, ANBest-P Nr. 1.2)
    room = made[1].cost_items.get(category="miete")
    issued = services.decision_propose(
        application=made[1],
        by=jonas,
        outcome=Outcome.PARTIAL,
        eligible={room.pk: (room.amount or Decimal(0)) / 2},
        eligible_reasons={
            room.pk: "Der Gruppenraum wird nur zur Hälfte der Zeit für das Vorhaben genutzt."
        },
        reasons="Die Miete für den Gruppenraum ist nur zur Hälfte zuwendungsfähig, weil der "
        "Raum nur zur Hälfte der Zeit für das Vorhaben genutzt wird.\n\n"
        "Im Übrigen wird der Antrag abgelehnt.",
    )
    issued = services.decision_approve(decision=issued, by=leyla)
    issued = services.decision_issue(decision=issued, by=jonas)
    accepted = services.decision_propose(application=made[2], by=jonas, outcome=Outcome.APPROVE)
    accepted = services.decision_approve(decision=accepted, by=leyla)
    accepted = services.decision_issue(decision=accepted, by=jonas)
    with contextlib.suppress(DomainError):  # no bank details stored: stays 'issued'
        services.decision_accept(
            decision=accepted,
            by=people[accepted.application.organisation_id],
            bank_details_confirmed=True,
        )
    assert proposal.pk
    multi_year = _vielfaltszentrum_bad_homburg(users, case_worker=jonas, approver=leyla)
    return (
        "1 Antrag in Prüfung, 1 Vorschlag zur Freigabe, 1 Teilbewilligung erlassen, "
        "1 angenommen" + (", 1 mehrjährige Bewilligung (Vielfaltszentrum)" if multi_year else "")
    )


BAD_HOMBURG = "Stadt Bad Homburg vor der Höhe"
BAD_HOMBURG_MEMBER = "vielfaltszentrum@bad-homburg.wir-demo.de"


def _city_member(organisation):
    """The city's person for its Vielfaltszentrum (the offices demo leaves the city without
    members); signs in with the demo password like the other demo accounts."""
    from allauth.account.models import EmailAddress

    from wirportal.accounts.demo import DEMO_PASSWORD
    from wirportal.accounts.models import User
    from wirportal.accounts.roles import Role
    from wirportal.offices.models import OrganisationMembership

    user = User.objects.filter(email=BAD_HOMBURG_MEMBER).first()
    if user is None:
        user = User.objects.create_user(
            BAD_HOMBURG_MEMBER,
            DEMO_PASSWORD,
            first_name="Petra",
            last_name="Hofmann",
            role=Role.APPLICANT,
        )
    EmailAddress.objects.get_or_create(
        user=user, email=BAD_HOMBURG_MEMBER, defaults={"verified": True, "primary": True}
    )
    OrganisationMembership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"is_admin": True}
    )
    return user


def _vielfaltszentrum_bad_homburg(users, *, case_worker, approver) -> GrantDecision | None:
    """F1: the Vielfaltszentrum Bad Homburg, applied for in autumn 2025 (call closed), decided in
    March 2026: 600,000 for 2026–2030 in five yearly amounts of 120,000 - 2026 bound against the
    2026 Ansatz, 2027–2030 against the Verpflichtungsermächtigung of the 2026 budget (§ 38 LHO) -
    accepted, first payment booked."""
    organisation = Organisation.objects.filter(name=BAD_HOMBURG).first()
    call = (
        Call.objects.filter(line__code="vielfaltszentren", first_year=2026, last_year=2030)
        .select_related("line")
        .first()
    )
    if organisation is None or call is None:
        return None
    applicant = _city_member(organisation)
    line = call.line
    # the call closed in 2025: the draft is made as it was then (application_create refuses a
    # closed call), then filled and submitted like any other
    application = Application.objects.create(
        organisation=organisation,
        call=call,
        line=line,
        created_by=applicant,
        title="WIR-Vielfaltszentrum Bad Homburg 2026–2030",
        summary="Zwei Koordinationskräfte für das WIR-Vielfaltszentrum: Beratung, Vernetzung "
        "und interkulturelle Öffnung der Verwaltung.",
        goals="Teilhabe Zugewanderter in allen Lebensbereichen.",
        target_groups=["neuzugewanderte", "familien"],
        period_start=date(2026, 1, 1),
        period_end=date(2030, 12, 31),
        participants_planned=400,
        not_started_declared=True,
        requested_amount=Decimal("600000.00"),
    )
    application.reference = f"WIR-2026-{application.pk:06d}"
    application.save(update_fields=["reference"])
    rate = line.unit_rates.get(code="koordination")
    CostItem.objects.create(
        application=application,
        category=CostCategory.UNIT_RATE,
        description="Zwei Koordinationskräfte (VZÄ) 2026–2030",
        unit_rate=rate,
        units=Decimal("2"),
        count=5,
        amount=Decimal("650000.00"),  # the real staff costs the unit rate stands for (A11)
    )
    FundingSource.objects.create(
        application=application,
        kind=FundingSourceKind.OWN,
        name="Eigenanteil der Stadt",
        amount=Decimal("50000.00"),
    )
    for label in line.required_attachments or []:
        upload = validate_upload(ContentFile(_pdf(label), name=f"{label}.pdf"), allowed=("pdf",))
        application_services.attachment_add(
            application=application, upload=upload, label=label, by=applicant
        )
    application.submit()
    application.submitted_at = timezone.make_aware(datetime(2025, 10, 20, 10, 0))
    application.save()
    _review(application, case_worker=case_worker, reviewer=users["gutachten@wir-demo.de"], points=5)
    # the centre works on from 1 January 2026: written consent to the early start (VV Nr. 1.3
    # zu § 44 LHO), given in December 2025 (as it was then: the request service refuses past dates)
    EarlyStartRequest.objects.create(
        application=application,
        organisation=organisation,
        line=line,
        project_title=application.title,
        planned_start=date(2026, 1, 1),
        reasons="Die Koordinationskräfte sind unbefristet beschäftigt; die Arbeit des Zentrums "
        "läuft ohne Unterbrechung weiter.",
        contracts="Arbeitsverträge der beiden Koordinationskräfte (fortlaufend)",
        status=EarlyStartStatus.APPROVED,
        sent_at=timezone.make_aware(datetime(2025, 11, 3, 9, 0)),
        sent_by=applicant,
        decided_on=date(2025, 12, 15),
        decided_by=case_worker,
        approved_start=date(2026, 1, 1),
    )
    decision = services.decision_propose(
        application=application,
        by=case_worker,
        outcome=Outcome.APPROVE,
        conditions="Zwischennachweis für jedes Haushaltsjahr bis zum 30.04. des Folgejahres.",
        today=date(2026, 2, 20),
    )
    decision = services.decision_approve(decision=decision, by=approver, today=date(2026, 3, 2))
    decision = services.decision_issue(decision=decision, by=case_worker, today=date(2026, 3, 3))
    with contextlib.suppress(DomainError):  # no bank details stored: stays 'issued'
        decision = services.decision_accept(
            decision=decision, by=applicant, bank_details_confirmed=True, today=date(2026, 3, 20)
        )
    # the first payment (60,000 in March 2026) is a real call-down in the payments demo
    return decision
