"""Letters name the right court and count the acceptance deadline from the Bekanntgabe.

Court: § 52 Nr. 3 Satz 2 VwGO with § 1 Abs. 2 HessAGVwGO (data in wirportal/offices/courts.py).
Deadlines: § 41 Abs. 2 and 2a HVwVfG, § 31 HVwVfG with §§ 187 ff. BGB (brief section E).
"""

from datetime import date

import pytest

from wirportal.decisions import services
from wirportal.decisions.models import GrantDecision, Outcome

pytestmark = pytest.mark.django_db


def _letter_text(decision: GrantDecision) -> str:
    from django.core.files.storage import default_storage

    from wirportal.documents.tests.pdf_text import normalised, pdf_text

    decision = GrantDecision.objects.select_related("letter").get(pk=decision.pk)
    assert decision.letter is not None
    with default_storage.open(decision.letter.storage_name) as handle:
        return normalised(pdf_text(handle.read()))


def _application_seated_in(world, slug: str):
    from wirportal.offices.models import Office, OrganisationMembership
    from wirportal.offices.tests.factories import OrganisationFactory
    from wirportal.reviews.tests.factories import application_in_review

    organisation = OrganisationFactory(
        name=f"Träger in {slug}", office=Office.objects.get(slug=slug)
    )
    OrganisationMembership.objects.create(
        organisation=organisation, user=world.users["applicant_a"]
    )
    return application_in_review(organisation=organisation, applicant=world.users["applicant_a"])


# one recipient in each of the five court districts; Sonderstatusstädte follow their Kreis
SEATS = [
    ("darmstadt", "Verwaltungsgericht Darmstadt", "Julius-Reiber-Straße 37, 64293 Darmstadt"),
    ("bad-homburg", "Verwaltungsgericht Frankfurt am Main", "Adalbertstraße 18, 60486"),
    ("wetzlar", "Verwaltungsgericht Gießen", "Marburger Straße 4, 35390 Gießen"),
    ("fulda", "Verwaltungsgericht Kassel", "34119 Kassel"),
    ("lk-limburg-weilburg", "Verwaltungsgericht Wiesbaden", "Mainzer Straße 124, 65189"),
]


@pytest.mark.parametrize(("slug", "court", "address"), SEATS)
def test_rejection_letter_names_the_court_of_the_recipients_seat(
    world, today, second_case_worker, slug, court, address
):
    application = _application_seated_in(world, slug)
    decision = services.decision_propose(
        application=application,
        by=world.users["case_worker"],
        outcome=Outcome.REJECT,
        reasons="Kein Bezug zur Teilhabe.",
    )
    decision = services.decision_approve(decision=decision, by=second_case_worker)
    text = _letter_text(decision)
    assert f"Klage beim {court} erhoben" in text
    assert address in text
    others = {name for _, name, _ in SEATS} - {court}
    assert not any(other in text for other in others)


def test_zuwendungsbescheid_names_the_court_of_the_recipients_seat(
    world, today, second_case_worker
):
    from wirportal.reviews.tests.factories import record_all_steps

    application = _application_seated_in(world, "lk-limburg-weilburg")
    record_all_steps(application, by=world.users["case_worker"])
    decision = services.decision_propose(
        application=application, by=world.users["case_worker"], outcome=Outcome.APPROVE
    )
    decision = services.decision_approve(decision=decision, by=second_case_worker)
    decision = services.decision_issue(decision=decision, by=second_case_worker)
    text = _letter_text(decision)
    assert "Klage beim Verwaltungsgericht Wiesbaden erhoben" in text
    assert "Verwaltungsgericht Darmstadt" not in text


def test_every_unit_has_a_court_and_a_source(reference_data):
    from wirportal.offices.courts import court_for_office
    from wirportal.offices.models import Office

    offices = Office.objects.all()
    assert offices.count() == 33
    for office in offices:
        found = court_for_office(office, date(2026, 12, 6))
        assert found is not None, office.name
        court, assignment = found
        assert "HessAGVwGO" in assignment.source and court.name.startswith("Verwaltungsgericht")
    hanau = Office.objects.get(slug="hanau")
    # Hanau: Sonderstatusstadt in the Main-Kinzig-Kreis until 2025, kreisfrei since 1.1.2026
    before, _ = court_for_office(hanau, date(2025, 6, 1))
    after, assignment = court_for_office(hanau, date(2026, 6, 1))
    assert before.name == after.name == "Verwaltungsgericht Frankfurt am Main"
    assert assignment.valid_from == date(2026, 1, 1)
    assert court_for_office(Office.objects.get(slug="wetzlar"), date(2026, 1, 1))[0].slug == (
        "giessen"
    )
    assert court_for_office(None, date(2026, 1, 1)) is None
