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


# --- deadlines: brief section E ------------------------------------------------------------


def test_e1_letter_by_post_is_bekanntgegeben_on_the_third_day_and_the_month_counts_from_there():
    from wirportal.core.dates import acceptance_deadline_after, bekanntgabe_by_post

    posted = date(2026, 11, 6)  # Friday
    assert bekanntgabe_by_post(posted) == date(2026, 11, 9)  # Monday, § 41 Abs. 2 HVwVfG
    assert acceptance_deadline_after(date(2026, 11, 9)) == date(2026, 12, 9)  # Wednesday


def test_e1_the_day_count_is_a_setting(settings):
    from wirportal.core.dates import acceptance_deadline_after, bekanntgabe_by_post

    settings.WIR_BEKANNTGABE_POST_DAYS = 4  # as the federal VwVfG since 2025
    assert bekanntgabe_by_post(date(2026, 11, 6)) == date(2026, 11, 10)
    assert acceptance_deadline_after(date(2026, 11, 10)) == date(2026, 12, 10)


def test_e2_download_in_the_portal_is_bekanntgegeben_the_day_after_the_first_download():
    from wirportal.core.dates import acceptance_deadline_after, bekanntgabe_by_download

    sent = date(2026, 11, 6)
    assert bekanntgabe_by_download(sent, date(2026, 11, 12)) == date(2026, 11, 13)
    # 13.12.2026 is a Sunday: § 31 Abs. 3 HVwVfG moves the end to Monday
    assert acceptance_deadline_after(date(2026, 11, 13)) == date(2026, 12, 14)
    # the tenth day after the notice still counts, the eleventh does not (§ 41 Abs. 2a HVwVfG)
    assert bekanntgabe_by_download(sent, date(2026, 11, 16)) == date(2026, 11, 17)
    assert bekanntgabe_by_download(sent, date(2026, 11, 17)) is None


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2027, 2, 26), date(2027, 3, 30)),  # Good Friday, Easter Monday
        (date(2027, 4, 27), date(2027, 5, 28)),  # Fronleichnam
        (date(2028, 9, 3), date(2028, 10, 4)),  # Tag der Deutschen Einheit
        (date(2027, 1, 31), date(2027, 3, 1)),  # 28.02.2027 is a Sunday (§ 188 Abs. 3 BGB)
        (date(2026, 11, 24), date(2026, 12, 24)),  # 24.12. is no holiday
    ],
)
def test_e3_holiday_shifts_stay(start, end):
    from wirportal.core.dates import acceptance_deadline_after

    assert acceptance_deadline_after(start) == end


@pytest.fixture
def approved_grant(world, reviewed, second_case_worker):
    decision = services.decision_propose(
        application=reviewed, by=world.users["case_worker"], outcome=Outcome.APPROVE
    )
    return services.decision_approve(decision=decision, by=second_case_worker)


def test_e1_issue_by_post_counts_the_deadline_from_the_bekanntgabe(
    approved_grant, second_case_worker
):
    # before: one month from the letter date, 06.12.2026 (Sunday) -> 07.12.2026
    decision = services.decision_issue(
        decision=approved_grant, by=second_case_worker, today=date(2026, 11, 6)
    )
    assert decision.delivery == "post"
    assert decision.dispatched_on == date(2026, 11, 6)
    assert decision.bekanntgabe_on == date(2026, 11, 9)
    assert decision.acceptance_deadline == date(2026, 12, 9)
    text = _letter_text(decision)
    assert "innerhalb eines Monats nach Bekanntgabe" in text
    assert "09.12.2026" in text and "09.11.2026 als bekanntgegeben" in text


def test_e2_portal_letter_is_bekanntgegeben_the_day_after_the_first_download(
    world, approved_grant, second_case_worker
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    decision = services.decision_issue(
        decision=approved_grant,
        by=second_case_worker,
        today=date(2026, 11, 6),
        delivery="portal",
    )
    assert decision.bekanntgabe_on is None and decision.acceptance_deadline is None
    assert "Abruf als bekanntgegeben" in _letter_text(decision)
    berlin = ZoneInfo("Europe/Berlin")
    # staff looking at the letter is no Bekanntgabe
    services.decision_record_download(
        decision=decision,
        by=world.users["case_worker"],
        now=datetime(2026, 11, 10, 9, 0, tzinfo=berlin),
    )
    decision = GrantDecision.objects.get(pk=decision.pk)
    assert decision.first_downloaded_at is None and decision.bekanntgabe_on is None
    first = datetime(2026, 11, 12, 23, 30, tzinfo=berlin)  # Thursday, late evening local time
    services.decision_record_download(decision=decision, by=world.users["applicant_a"], now=first)
    services.decision_record_download(
        decision=decision,
        by=world.users["applicant_a"],
        now=datetime(2026, 11, 14, 9, 0, tzinfo=berlin),
    )
    decision = GrantDecision.objects.get(pk=decision.pk)
    assert decision.first_downloaded_at == first
    assert decision.first_downloaded_by == world.users["applicant_a"]
    assert decision.bekanntgabe_on == date(2026, 11, 13)
    assert decision.acceptance_deadline == date(2026, 12, 14)


def test_e2_portal_letter_not_downloaded_within_ten_days_never_lapses(
    world, approved_grant, second_case_worker
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from wirportal.core.exceptions import NotAllowed
    from wirportal.decisions.models import DecisionStatus

    decision = services.decision_issue(
        decision=approved_grant,
        by=second_case_worker,
        today=date(2026, 11, 6),
        delivery="portal",
    )
    # nothing lapses without Bekanntgabe, however late
    assert services.decisions_lapse_overdue(today=date(2027, 6, 1)) == 0
    with pytest.raises(NotAllowed, match="nicht bekanntgegeben"):
        services.decision_lapse(decision=decision, today=date(2027, 6, 1))
    # a download on the eleventh day is recorded but is no Bekanntgabe
    late = datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    services.decision_record_download(decision=decision, by=world.users["applicant_a"], now=late)
    decision = GrantDecision.objects.get(pk=decision.pk)
    assert decision.first_downloaded_at == late
    assert decision.bekanntgabe_on is None and decision.acceptance_deadline is None
    assert services.decisions_lapse_overdue(today=date(2027, 6, 1)) == 0
    assert GrantDecision.objects.get(pk=decision.pk).status == DecisionStatus.ISSUED


def test_post_letter_lapses_after_the_deadline_from_the_bekanntgabe(
    approved_grant, second_case_worker
):
    from wirportal.decisions.models import DecisionStatus

    services.decision_issue(decision=approved_grant, by=second_case_worker, today=date(2026, 11, 6))
    # the old rule (letter date) would have lapsed it on 08.12.2026
    assert services.decisions_lapse_overdue(today=date(2026, 12, 9)) == 0
    assert services.decisions_lapse_overdue(today=date(2026, 12, 10)) == 1
    assert GrantDecision.objects.get(pk=approved_grant.pk).status == DecisionStatus.LAPSED


def test_recipient_download_is_recorded_and_shown_to_staff(
    world, approved_grant, second_case_worker, client
):
    from datetime import timedelta

    from django.utils import timezone

    from wirportal.core.dates import acceptance_deadline_after

    real_today = timezone.localtime().date()  # the `today` fixture pins localdate() only
    decision = services.decision_issue(
        decision=approved_grant, by=second_case_worker, delivery="portal", today=real_today
    )
    client.force_login(world.users["applicant_a"])
    response = client.get(f"/entscheidungen/{decision.pk}/bescheid/pdf/")
    assert response.status_code == 302
    assert response["Location"] == f"/dokumente/{decision.letter.public_id}/"
    decision = GrantDecision.objects.get(pk=decision.pk)
    assert decision.first_downloaded_by == world.users["applicant_a"]
    bekanntgabe = real_today + timedelta(days=1)
    assert decision.bekanntgabe_on == bekanntgabe
    assert decision.acceptance_deadline == acceptance_deadline_after(bekanntgabe)
    client.force_login(world.users["case_worker"])
    html = client.get(f"/entscheidungen/{decision.pk}/").content.decode()
    assert "Erster Abruf durch den Träger" in html
    assert world.users["applicant_a"].get_full_name() in html
    assert f"{bekanntgabe:%d.%m.%Y}" in html
    assert f"{decision.acceptance_deadline:%d.%m.%Y}" in html


# --- letters are rendered outside the write transaction (no PDF rendering under row locks) ---


@pytest.fixture
def render_depths(monkeypatch):
    """Records how many atomic blocks are open whenever a letter is rendered."""
    from django.db import connection

    from wirportal.documents.pdf import render_pdf

    depths: list[int] = []

    def recording(*args, **kwargs):
        depths.append(len(connection.atomic_blocks))
        return render_pdf(*args, **kwargs)

    for module in (services.issue, services.letters):
        monkeypatch.setattr(module, "render_pdf", recording)
    return depths


def test_zuwendungsbescheid_is_rendered_before_the_write_transaction(
    approved_grant, second_case_worker, render_depths
):
    from django.db import connection

    outside = len(connection.atomic_blocks)
    decision = services.decision_issue(decision=approved_grant, by=second_case_worker)
    assert decision.letter is not None
    # the letter and its embedded acceptance declaration
    assert render_depths == [outside, outside]


def test_ablehnungsbescheid_is_rendered_before_the_write_transaction(
    world, reviewed, second_case_worker, render_depths
):
    from django.db import connection

    decision = services.decision_propose(
        application=reviewed,
        by=world.users["case_worker"],
        outcome=Outcome.REJECT,
        reasons="Kein Bezug.",
    )
    outside = len(connection.atomic_blocks)
    decision = services.decision_approve(decision=decision, by=second_case_worker)
    assert decision.letter is not None
    assert render_depths == [outside]


def test_staff_see_that_a_portal_letter_was_not_bekanntgegeben(
    world, approved_grant, second_case_worker, client, today
):
    from datetime import timedelta

    decision = services.decision_issue(
        decision=approved_grant,
        by=second_case_worker,
        delivery="portal",
        today=today - timedelta(days=11),  # the offer ended yesterday
    )
    client.force_login(world.users["case_worker"])
    html = client.get(f"/entscheidungen/{decision.pk}/").content.decode()
    assert "Nicht bekanntgegeben: nicht innerhalb von zehn Tagen abgerufen" in html
    assert "noch nicht abgerufen" in html
