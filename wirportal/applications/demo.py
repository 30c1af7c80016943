"""Demo applications of the demo organisations (draft, submitted, withdrawn), through the services.

Idempotent: nothing is created when the demo organisations already have applications.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wirportal.accounts.demo import ensure_demo_users
from wirportal.documents.validation import validate_upload
from wirportal.offices.models import Organisation
from wirportal.programmes.models import Call

from . import services
from .models import Application

VEREIN = "Interkultureller Verein Nordhessen e. V."
CARITAS = "Caritasverband Offenbach/Main e. V."


def _pdf(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<h1>{text}</h1><p>Demodokument des WIR-Portals.</p>").write_pdf()


def _fill(application, by, *, title, summary, groups, costs, sources, extra=None) -> None:
    item_ids = [services.cost_item_add(application=application, by=by).pk for _ in costs]
    source_ids = [services.funding_source_add(application=application, by=by).pk for _ in sources]
    data = {
        "title": title,
        "summary": summary,
        "goals": "Mehr Teilhabe und sichtbare Vielfalt im Stadtteil.",
        "target_groups": groups,
        "period_start": "2027-02-01",
        "period_end": "2027-11-30",
        "participants_planned": "40",
        "not_started_declared": "on",
        "other_funding_declaration": "keine",
    }
    rates = {rate.code: rate.pk for rate in application.line.unit_rates.all()}
    for pk, (category, description, amount, *unit) in zip(item_ids, costs, strict=True):
        data[f"cost-{pk}-category"] = category
        data[f"cost-{pk}-description"] = description
        data[f"cost-{pk}-amount"] = amount
        if unit:
            data[f"cost-{pk}-unit_rate"] = str(rates[unit[0]])
            data[f"cost-{pk}-units"] = unit[1]
    for pk, (kind, name, amount) in zip(source_ids, sources, strict=True):
        data[f"source-{pk}-kind"] = kind
        data[f"source-{pk}-name"] = name
        data[f"source-{pk}-amount"] = amount
    data.update(extra or {})
    services.application_autosave(application=application, by=by, data=data, complete_form=True)


def _attach_required(application, by) -> None:
    for label in application.line.required_attachments or []:
        upload = validate_upload(ContentFile(_pdf(label), name=f"{label}.pdf"), allowed=("pdf",))
        services.attachment_add(application=application, upload=upload, label=label, by=by)


@transaction.atomic
def load() -> str:
    users = ensure_demo_users()
    verein = Organisation.objects.filter(name=VEREIN).first()
    caritas = Organisation.objects.filter(name=CARITAS).first()
    if verein is None or caritas is None:
        return ""
    if Application.objects.filter(organisation__in=[verein, caritas]).exists():
        return ""
    today = timezone.localdate()
    calls = {
        call.line.code: call
        for call in Call.objects.filter(first_year=2027).select_related("line")
        if call.is_open(today)
    }
    if not {"innovation", "migrantenorganisationen", "lotsen"} <= calls.keys():
        return ""
    ahmad, maria = users["verein@wir-demo.de"], users["caritas@wir-demo.de"]

    draft = services.application_create(call=calls["innovation"], organisation=verein, by=ahmad)
    _fill(
        draft,
        ahmad,
        title="Nachbarschaftsküche Nordstadt",
        summary="Wöchentliches Kochen und Austausch für Neuzugewanderte und Alteingesessene.",
        groups=["neuzugewanderte", "familien"],
        costs=[
            ("honorare", "Honorare Moderation", "4.800,00"),
            ("sachausgaben", "Lebensmittel und Material", "zweitausend"),  # kept, flagged
        ],
        sources=[("eigenmittel", "Eigenmittel des Vereins", "500,00")],
    )
    # the case workers' list of early start requests shows one (the draft itself stays hidden)
    services.early_start_request(
        application=draft,
        by=ahmad,
        project_title="Nachbarschaftsküche Nordstadt",
        planned_start=today + timedelta(days=21),
        reasons="Die Küche des Gemeindezentrums ist nur ab diesem Termin frei; sonst erst 2028.",
        contracts="Mietvertrag Gemeindezentrum (1.200 €), Honorarvertrag Moderation (4.800 €)",
    )

    submitted = services.application_create(
        call=calls["migrantenorganisationen"], organisation=verein, by=ahmad
    )
    _fill(
        submitted,
        ahmad,
        title="Elterncafé mehrsprachig",
        summary="Kleinprojekt mit Minijob für die Koordination ehrenamtlicher Elternbegleiter.",
        groups=["familien", "ehrenamtliche"],
        costs=[
            ("pauschale", "Kleinprojekt Elterncafé", "3.000,00", "projekt", "1"),
            ("pauschale", "Minijob Koordination", "7.200,00", "minijob", "1"),
        ],
        sources=[],
    )
    _attach_required(submitted, ahmad)
    services.application_submit(application=submitted, by=ahmad)

    caritas_submitted = services.application_create(
        call=calls["innovation"], organisation=caritas, by=maria
    )
    _fill(
        caritas_submitted,
        maria,
        title="Wegweiser Behördengänge",
        summary="Ehrenamtliche begleiten Geflüchtete zu Ämtern; Schulung und Koordination.",
        groups=["gefluechtete", "ehrenamtliche"],
        costs=[
            ("personal", "Koordination 0,25 VZÄ", "14.500,00"),
            ("honorare", "Schulungen", "3.200,00"),
            ("miete", "Raummiete", "1.800,00"),
        ],
        sources=[
            ("eigenmittel", "Eigenmittel Caritas", "2.000,00"),
            ("drittmittel", "Stadt Offenbach", "1.500,00"),
        ],
    )
    # Doppelförderung: the city's grant is in the plan, the foundation's application is not
    # (the arithmetic check flags 2.000 € not covered)
    others = [services.other_funding_add(application=caritas_submitted, by=maria) for _ in "ab"]
    services.application_autosave(
        application=caritas_submitted,
        by=maria,
        data={
            "other_funding_declaration": "angegeben",
            f"other-{others[0].pk}-funder": "Stadt Offenbach",
            f"other-{others[0].pk}-amount": "1.500,00",
            f"other-{others[0].pk}-status": "bewilligt",
            f"other-{others[0].pk}-on": "2026-10-15",
            f"other-{others[1].pk}-funder": "Stiftung Miteinander",
            f"other-{others[1].pk}-amount": "2.000,00",
            f"other-{others[1].pk}-status": "beantragt",
            f"other-{others[1].pk}-on": "2026-11-02",
        },
    )
    _attach_required(caritas_submitted, maria)
    services.application_submit(application=caritas_submitted, by=maria)

    withdrawn = services.application_create(call=calls["lotsen"], organisation=caritas, by=maria)
    _fill(
        withdrawn,
        maria,
        title="Lotsenschulung Frühjahr",
        summary="Basisschulung für zwölf neue Integrationslotsen.",
        groups=["ehrenamtliche"],
        costs=[("honorare", "Schulung", "3.600,00")],
        sources=[],
    )
    services.application_withdraw(
        application=withdrawn, by=maria, reason="Schulung wird von der Kommune übernommen."
    )
    return "4 Anträge (Entwurf, 2 eingereicht, zurückgezogen)"
