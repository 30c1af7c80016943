"""Early start (vorzeitiger Maßnahmebeginn) and the declaration of other funding (Doppelförderung).

Norms: § 44 LHO with VV Nr. 1.3 zu § 44 LHO (Hessian VV number to verify): only projects not yet
begun; a delivery or service contract counts as the start; exceptions only with prior written
consent, which gives no right to funding. Deutsch 4U: no start before the decision (brief
domain.md 3.4). Double funding: § 23 LHO, ANBest-P Nr. 1.2 and 5.1.
"""

import io
from datetime import UTC, date, datetime
from decimal import Decimal as D

import pikepdf
import pytest
from django.core import mail
from django.core.files.storage import default_storage

from wirportal.applications import selectors, services
from wirportal.applications.models import (
    ApplicationStatus,
    EarlyStartStatus,
    OtherFunding,
    OtherFundingStatus,
)
from wirportal.applications.tests.factories import (
    ApplicationFactory,
    CostItemFactory,
    FundingSourceFactory,
)
from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.documents.services import validate_upload
from wirportal.documents.tests.pdf_text import pdf_text
from wirportal.programmes.tests.factories import CallFactory

pytestmark = pytest.mark.django_db

SUBMITTED_ON = datetime(2027, 1, 10, 10, 0, tzinfo=UTC)


@pytest.fixture
def january_draft(world, pdf_upload):
    """A complete draft in a call open until 15.01.2027, starting 01.01.2027."""
    call = CallFactory(closes_at=date(2027, 1, 15))
    applicant = world.users["applicant_a"]
    application = ApplicationFactory(
        organisation=world["org_a"],
        created_by=applicant,
        call=call,
        period_start=date(2027, 1, 1),
        period_end=date(2027, 11, 30),
    )
    CostItemFactory(application=application, amount=D("19000"))
    FundingSourceFactory(application=application, amount=D("4000"))
    for label in application.line.required_attachments:
        services.attachment_add(
            application=application, upload=validate_upload(pdf_upload()), label=label, by=applicant
        )
    return application


def _request(application, by, *, planned=date(2027, 1, 1), on=date(2026, 12, 15)):
    return services.early_start_request(
        application=application,
        by=by,
        project_title=application.title,
        planned_start=planned,
        reasons="Der Kurs beginnt mit dem Schulhalbjahr.",
        contracts="Honorarvertrag Kursleitung (4.800 €), Mietvertrag Gemeindesaal",
        on=on,
    )


# --- submission (brief: worked examples of the task) -------------------------------------------


def test_submission_on_10_01_2027_with_start_01_01_2027_without_consent_is_refused(
    january_draft, world
):
    with pytest.raises(services.ApplicationIncomplete) as error:
        services.application_submit(
            application=january_draft, by=world.users["applicant_a"], now=SUBMITTED_ON
        )
    assert list(error.value.errors) == ["period_start"]
    assert "vorzeitiger Maßnahmebeginn" in error.value.errors["period_start"][0]
    january_draft.refresh_from_db()
    assert january_draft.status == ApplicationStatus.DRAFT


def test_submission_with_consent_for_01_01_2027_given_20_12_2026_is_accepted(january_draft, world):
    request = _request(january_draft, world.users["applicant_a"])
    services.early_start_decide(
        request=request,
        by=world.users["case_worker"],
        approve=True,
        approved_start=date(2027, 1, 1),
        on=date(2026, 12, 20),
    )
    services.application_submit(
        application=january_draft, by=world.users["applicant_a"], now=SUBMITTED_ON
    )
    january_draft.refresh_from_db()
    assert january_draft.status == ApplicationStatus.SUBMITTED


def test_consent_for_a_later_day_does_not_cover_an_earlier_start(january_draft, world):
    request = _request(january_draft, world.users["applicant_a"], planned=date(2027, 1, 5))
    services.early_start_decide(
        request=request,
        by=world.users["case_worker"],
        approve=True,
        approved_start=date(2027, 1, 5),
        on=date(2026, 12, 20),
    )
    with pytest.raises(services.ApplicationIncomplete) as error:
        services.application_submit(
            application=january_draft, by=world.users["applicant_a"], now=SUBMITTED_ON
        )
    assert "05.01.2027" in error.value.errors["period_start"][0]


def test_refused_consent_covers_nothing(january_draft, world):
    request = _request(january_draft, world.users["applicant_a"])
    services.early_start_decide(
        request=request,
        by=world.users["case_worker"],
        approve=False,
        reasons="Kein Grund für einen früheren Beginn erkennbar.",
        on=date(2026, 12, 20),
    )
    with pytest.raises(services.ApplicationIncomplete) as error:
        services.application_submit(
            application=january_draft, by=world.users["applicant_a"], now=SUBMITTED_ON
        )
    assert "period_start" in error.value.errors


# --- check_period_start (called by the decision against its own date) ------------------------


def test_check_period_start_decision_15_03_2027_start_01_03_2027_without_consent(world):
    application = ApplicationFactory(organisation=world["org_a"], period_start=date(2027, 3, 1))
    with pytest.raises(DomainError) as error:
        selectors.check_period_start(application, date(2027, 3, 1), date(2027, 3, 15))
    assert error.value.field == "period_start"
    assert "01.03.2027" in error.value.message and "15.03.2027" in error.value.message


def test_check_period_start_accepts_start_on_or_after_the_decision(world):
    application = ApplicationFactory(organisation=world["org_a"])
    selectors.check_period_start(application, date(2027, 3, 15), date(2027, 3, 15))
    selectors.check_period_start(application, date(2027, 4, 1), date(2027, 3, 15))


def test_check_period_start_accepts_a_start_covered_by_consent(world):
    applicant = world.users["applicant_a"]
    application = ApplicationFactory(organisation=world["org_a"], created_by=applicant)
    request = _request(application, applicant, planned=date(2027, 3, 1), on=date(2027, 2, 10))
    services.early_start_decide(
        request=request,
        by=world.users["case_worker"],
        approve=True,
        approved_start=date(2027, 3, 1),
        on=date(2027, 2, 20),
    )
    selectors.check_period_start(application, date(2027, 3, 1), date(2027, 3, 15))
    with pytest.raises(DomainError):  # earlier than consented
        selectors.check_period_start(application, date(2027, 2, 25), date(2027, 3, 15))


def test_deutsch4u_allows_no_early_start(world):
    application = ApplicationFactory(organisation=world["org_a"])
    application.line.code = "deutsch4u"
    application.line.save()
    with pytest.raises(NotAllowed):
        _request(application, world.users["applicant_a"])
    with pytest.raises(DomainError):
        selectors.check_period_start(application, date(2027, 3, 1), date(2027, 3, 15))


# --- the request and the decision ---------------------------------------------------------------


def test_request_needs_reasons_contracts_and_a_future_start(world):
    applicant = world.users["applicant_a"]
    application = ApplicationFactory(organisation=world["org_a"], created_by=applicant)
    base = {
        "application": application,
        "by": applicant,
        "project_title": "Sprachcafé",
        "planned_start": date(2027, 1, 1),
        "reasons": "Grund",
        "contracts": "Honorarvertrag",
        "on": date(2026, 12, 15),
    }
    for change, field in (
        ({"planned_start": None}, "planned_start"),
        ({"planned_start": date(2026, 12, 1)}, "planned_start"),
        ({"reasons": " "}, "reasons"),
        ({"contracts": ""}, "contracts"),
        ({"project_title": ""}, "project_title"),
    ):
        with pytest.raises(DomainError) as error:
            services.early_start_request(**{**base, **change})
        assert error.value.field == field
    request = services.early_start_request(**base)
    assert request.status == EarlyStartStatus.SENT
    assert request.organisation == world["org_a"] and request.line == application.line
    with pytest.raises(NotAllowed):  # one open request at a time
        services.early_start_request(**base)


def test_consent_is_a_letter_stored_audited_and_mailed(world, django_capture_on_commit_callbacks):
    applicant = world.users["applicant_a"]
    application = ApplicationFactory(organisation=world["org_a"], created_by=applicant)
    request = _request(application, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        decided = services.early_start_decide(
            request=request,
            by=world.users["case_worker"],
            approve=True,
            approved_start=date(2027, 1, 1),
            on=date(2026, 12, 20),
        )
    assert decided.status == EarlyStartStatus.APPROVED
    assert decided.decided_on == date(2026, 12, 20)
    assert decided.approved_start == date(2027, 1, 1)
    (document,) = selectors.documents_of_early_start(decided)
    content = default_storage.open(document.storage_name).read()
    text = pdf_text(content)
    assert "Zustimmung zum vorzeitigen Maßnahmebeginn" in text
    assert "keinen Anspruch auf eine Zuwendung" in text
    assert "eigenes Risiko" in text
    assert "01.01.2027" in text
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert "pdfaid" in str(pdf.open_metadata())  # PDF/A
    assert AuditEntry.objects.filter(action="application.early_start_approved").exists()
    (message,) = mail.outbox
    assert applicant.email in message.to
    assert "Zustimmung" in message.subject
    assert message.attachments[0][2] == "application/pdf"


def test_refusal_needs_reasons_and_states_them(world, django_capture_on_commit_callbacks):
    applicant = world.users["applicant_a"]
    application = ApplicationFactory(organisation=world["org_a"], created_by=applicant)
    request = _request(application, applicant)
    with pytest.raises(DomainError) as error:
        services.early_start_decide(
            request=request, by=world.users["case_worker"], approve=False, reasons=""
        )
    assert error.value.field == "reasons"
    with django_capture_on_commit_callbacks(execute=True):
        services.early_start_decide(
            request=request,
            by=world.users["case_worker"],
            approve=False,
            reasons="Die Verträge können auch nach der Bewilligung geschlossen werden.",
            on=date(2026, 12, 20),
        )
    request.refresh_from_db()
    assert request.status == EarlyStartStatus.REFUSED and request.approved_start is None
    (document,) = selectors.documents_of_early_start(request)
    text = pdf_text(default_storage.open(document.storage_name).read())
    assert "Ablehnung" in text and "nach der Bewilligung geschlossen" in text
    assert len(mail.outbox) == 1


def test_consent_is_never_retroactive_and_decided_once(world):
    applicant = world.users["applicant_a"]
    application = ApplicationFactory(organisation=world["org_a"], created_by=applicant)
    request = _request(application, applicant)
    with pytest.raises(DomainError) as error:
        services.early_start_decide(
            request=request,
            by=world.users["case_worker"],
            approve=True,
            approved_start=date(2026, 12, 19),
            on=date(2026, 12, 20),
        )
    assert error.value.field == "approved_start"
    with pytest.raises(DomainError) as error:
        services.early_start_decide(
            request=request, by=world.users["case_worker"], approve=True, on=date(2026, 12, 20)
        )
    assert error.value.field == "approved_start"
    services.early_start_decide(
        request=request,
        by=world.users["case_worker"],
        approve=True,
        approved_start=date(2027, 1, 1),
        on=date(2026, 12, 20),
    )
    with pytest.raises(NotAllowed):
        services.early_start_decide(
            request=request, by=world.users["case_worker"], approve=False, reasons="x"
        )


# --- Doppelförderung -------------------------------------------------------------------------


def test_declaration_of_other_funding_is_required_before_submission(draft, world):
    draft.other_funding_declaration = ""
    draft.save()
    errors = selectors.submission_errors(draft, day=date(2026, 11, 25))
    assert "other_funding_declaration" in errors
    draft.other_funding_declaration = "angegeben"
    draft.save()
    errors = selectors.submission_errors(draft, day=date(2026, 11, 25))
    assert "other_funding_declaration" in errors  # no rows
    other = OtherFunding.objects.create(application=draft)
    errors = selectors.submission_errors(draft, day=date(2026, 11, 25))
    assert "other_funding_declaration" not in errors
    assert {f"other-{other.pk}-funder", f"other-{other.pk}-amount", f"other-{other.pk}-on"} <= set(
        errors
    )
    draft.other_funding_declaration = "keine"
    draft.save()
    errors = selectors.submission_errors(draft, day=date(2026, 11, 25))
    assert "other_funding_declaration" in errors  # "keine" but rows entered


def test_autosave_keeps_other_funding_rows_and_flags_bad_input(draft, world):
    applicant = world.users["applicant_a"]
    other = services.other_funding_add(application=draft, by=applicant)
    result = services.application_autosave(
        application=draft,
        by=applicant,
        data={
            "other_funding_declaration": "angegeben",
            f"other-{other.pk}-funder": "Stiftung Hessen",
            f"other-{other.pk}-amount": "3.000,50",
            f"other-{other.pk}-status": "bewilligt",
            f"other-{other.pk}-on": "zwölfter Mai",
        },
    )
    other.refresh_from_db()
    draft.refresh_from_db()
    assert draft.other_funding_declaration == "angegeben"
    assert other.funder == "Stiftung Hessen" and other.amount == D("3000.50")
    assert other.status == OtherFundingStatus.GRANTED and other.on is None
    assert f"other-{other.pk}-on" in result.errors
    assert draft.invalid_input[f"other-{other.pk}-on"]["value"] == "zwölfter Mai"


def test_other_funding_is_part_of_the_snapshot(draft, world):
    draft.other_funding_declaration = "angegeben"
    draft.save()
    OtherFunding.objects.create(
        application=draft,
        funder="Landkreis",
        amount=D("2000"),
        status=OtherFundingStatus.GRANTED,
        on=date(2026, 10, 1),
    )
    data = selectors.snapshot_data(draft)
    assert data["fields"]["other_funding_declaration"] == "angegeben"
    assert data["other_funding"] == [
        {"funder": "Landkreis", "amount": "2000.00", "status": "bewilligt", "on": "2026-10-01"}
    ]
