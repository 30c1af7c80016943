"""Demo review and decisions through the services: applications in review, a proposal waiting
for the second person, one issued Zuwendungsbescheid (PDF) and one accepted.

Idempotent: nothing happens once a decision exists. Needs the demo applications (applications
demo) and open 2027 calls (programmes demo); otherwise it does nothing.
"""

import contextlib
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.accounts.demo import ensure_demo_users
from wirportal.applications import selectors as application_selectors
from wirportal.applications import services as application_services
from wirportal.applications.models import Application, ApplicationStatus
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


def _new_submitted(call, organisation, by, *, title, costs, own) -> Application:
    application = application_services.application_create(
        call=call, organisation=organisation, by=by
    )
    item = application_services.cost_item_add(application=application, by=by)
    source = application_services.funding_source_add(application=application, by=by)
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
        ("Sprachcafé und Elternberatung Nordstadt", "12.000,00", "2.000,00"),
        ("Interkulturelle Öffnung der Sportvereine", "9.000,00", "1.500,00"),
        ("Begegnungsfest und Patenschaften", "7.500,00", "1.000,00"),
    ]
    for title, costs, own in plans:
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
    issued = services.decision_propose(
        application=made[1],
        by=jonas,
        outcome=Outcome.PARTIAL,
        amount=(made[1].requested_amount or Decimal(0)) - Decimal(1000),
        reasons="Die Raumkosten sind nur anteilig zuwendungsfähig.",
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
    return "1 Antrag in Prüfung, 1 Vorschlag zur Freigabe, 1 Bescheid erlassen, 1 angenommen"
