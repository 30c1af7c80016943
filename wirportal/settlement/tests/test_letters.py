"""The written letters of a Rückforderung, read back from the stored PDF/A:

- Anhörung (§ 28 Abs. 1 HVwVfG): facts, amount, deadline two weeks after Bekanntgabe (brief D6);
- Widerrufs- und Erstattungsbescheid (§§ 49 Abs. 3, 49a Abs. 1 and 3 HVwVfG): the Widerruf
  (full/partial, past/future), the amount, the interest computation (D1: 800.00 paid 03.03.2025,
  back 30.09.2025 → 31.60) or the running interest, the payment data, the reasons with the
  one-year limit (§ 48 Abs. 4), and the court of the recipient's seat (§ 52 Nr. 3 VwGO).
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from wirportal.settlement import letters, services
from wirportal.settlement.models import Recovery, RecoveryRepayment

from .factories import accepted_decision
from .test_recovery import open_d1

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(world):
    return accepted_decision(organisation=world["org_a"], applicant=world.users["applicant_a"])


def _text(document) -> str:
    from django.core.files.storage import default_storage

    from wirportal.documents.tests.pdf_text import normalised, pdf_text

    assert document is not None
    with default_storage.open(document.storage_name) as handle:
        return normalised(pdf_text(handle.read()))


def _revoke(recovery, by, **kwargs):
    services.recovery_revoke(recovery=recovery, by=by, **kwargs)
    return Recovery.objects.select_related("hearing_letter", "revocation_letter").get(
        pk=recovery.pk
    )


def test_d6_hearing_letter_names_facts_amount_and_the_two_week_deadline(decision, world):
    recovery = open_d1(decision, world.users["case_worker"])
    text = _text(recovery.hearing_letter)
    assert "Anhörung nach § 28 HVwVfG" in text
    assert "Geringere Ausgaben (C2)." in text  # the facts
    assert "800,00 €" in text
    # posted 18.08.2025 → bekanntgegeben 21.08. → two weeks: 04.09.2025
    assert "bis zum 4. September 2025" in text
    assert "zwei Wochen nach Bekanntgabe" in text
    assert "21.08.2025" in text
    assert "teilweise" in text and "für die Vergangenheit ab dem 03.03.2025" in text
    assert "Rechtsbehelfsbelehrung" not in text  # not a Verwaltungsakt


def test_d1_widerruf_letter_with_the_interest_computation_to_the_repayment(decision, world):
    worker = world.users["case_worker"]
    recovery = open_d1(decision, worker)
    # the recipient repaid during the hearing; the Bescheid fixes the interest to that day
    RecoveryRepayment.objects.create(
        recovery=recovery,
        received_on=date(2025, 9, 30),
        amount=D("800"),
        reference="WIR Erstattung",
        booked_by=worker,
    )
    recovery = _revoke(recovery, worker, today=date(2025, 10, 6))
    text = _text(recovery.revocation_letter)
    assert "Widerrufs- und Erstattungsbescheid" in text
    assert "teilweise, in Höhe von 800,00 €" in text
    assert "für die Vergangenheit ab dem 03.03.2025 widerrufen (§ 49 Abs. 3 HVwVfG)" in text
    assert "Der zu erstattende Betrag wird auf 800,00 € festgesetzt" in text
    assert "Die Zinsen werden auf 31,60 € festgesetzt" in text
    # the computation table: 04.03.–30.06.2025 119 days at 7.27 %, 01.07.–30.09. 92 at 6.27 %
    assert "04.03.2025 – 30.06.2025 119 7,27 %" in text
    assert "01.07.2025 – 30.09.2025 92 6,27 %" in text
    assert "Geringere Ausgaben (C2)." in text  # reasons
    # the one-year limit (§ 48 Abs. 4): facts known 15.08.2025 → by 15.08.2026
    assert "seit dem 15.08.2025" in text and "bis 15.08.2026" in text
    assert "Eine Stellungnahme ist nicht eingegangen." in text
    assert "Rechtsbehelfsbelehrung" in text and "Verwaltungsgericht Kassel" in text


def test_widerruf_letter_with_running_interest_payment_data_and_statement(decision, world):
    worker = world.users["case_worker"]
    recovery = _revoke(
        open_d1(decision, worker),
        worker,
        statement="Die Stelle war nur halb besetzt.",
        today=date(2025, 9, 5),
    )
    text = _text(recovery.revocation_letter)
    assert (
        "vom 03.03.2025 an bis zur Erstattung mit 5 Prozentpunkten über dem jeweiligen "
        "Basiszinssatz" in text
    )
    assert "Zinsen bis 05.09.2025" in text
    assert "festgesetzt. Die Zinsen werden auf" not in text  # not final: still running
    # posted Fri 05.09.2025 → bekanntgegeben Mon 08.09. → one month: Wed 08.10.2025
    assert "Zahlbar bis 08.10.2025" in text
    assert "DE89 3704 0044 0532 0130 00" in text
    assert f"{decision.application.reference} Erstattung" in text
    assert "Die Stelle war nur halb besetzt." in text


def test_widerruf_letter_names_the_court_of_a_recipient_in_another_district(world):
    decision = accepted_decision(organisation=world["org_b"], applicant=world.users["applicant_b"])
    worker = world.users["case_worker"]
    recovery = _revoke(open_d1(decision, worker), worker, today=date(2025, 9, 5))
    text = _text(recovery.revocation_letter)
    assert "Verwaltungsgericht Frankfurt am Main" in text
    assert "Verwaltungsgericht Kassel" not in text


def test_d3_full_widerruf_and_d4_waiver_in_the_letter(decision, world):
    worker = world.users["case_worker"]
    recovery = _revoke(
        open_d1(decision, worker, principal=D("6500"), in_full=True),
        worker,
        waive_interest=True,
        waiver_reason="Nicht zu vertreten; Rückzahlung in der gesetzten Frist.",
        today=date(2025, 9, 5),
    )
    text = _text(recovery.revocation_letter)
    assert "in vollem Umfang" in text
    assert "Von der Erhebung von Zinsen wird abgesehen (§ 49a Abs. 3 Satz 2 HVwVfG)" in text
    assert "Nicht zu vertreten" in text
    assert "Berechnung der Zinsen" not in text


def test_the_letters_are_mailed_to_the_recipient(
    decision, world, mailoutbox, django_capture_on_commit_callbacks
):
    worker = world.users["case_worker"]
    with django_capture_on_commit_callbacks(execute=True):
        recovery = open_d1(decision, worker)
    mail = next(m for m in mailoutbox if "a@example.org" in m.to)
    ((filename, content, mimetype),) = mail.attachments
    assert filename.startswith("Anhoerung-") and content.startswith(b"%PDF")
    assert "04.09.2025" in mail.subject
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.recovery_revoke(recovery=recovery, by=worker, today=date(2025, 9, 5))
    mail = next(m for m in mailoutbox if "a@example.org" in m.to)
    ((filename, content, mimetype),) = mail.attachments
    assert filename.startswith("Widerrufsbescheid-") and mimetype == "application/pdf"


@pytest.fixture
def render_depths(monkeypatch):
    """Records how many atomic blocks are open whenever a letter is rendered."""
    from django.db import connection

    depths: list[int] = []
    original = letters.render_pdf

    def recording(*args, **kwargs):
        depths.append(len(connection.atomic_blocks))
        return original(*args, **kwargs)

    monkeypatch.setattr(letters, "render_pdf", recording)
    return depths


def test_recovery_letters_are_rendered_before_the_write_transaction(decision, world, render_depths):
    from django.db import connection

    outside = len(connection.atomic_blocks)
    worker = world.users["case_worker"]
    recovery = open_d1(decision, worker)
    services.recovery_revoke(recovery=recovery, by=worker, today=date(2025, 9, 5))
    assert render_depths == [outside, outside]


def test_a_refused_widerruf_renders_and_stores_nothing(decision, world, render_depths):
    from wirportal.core.exceptions import NotAllowed

    worker = world.users["case_worker"]
    recovery = open_d1(decision, worker)
    with pytest.raises(NotAllowed):
        services.recovery_revoke(recovery=recovery, by=worker, today=date(2025, 9, 4))
    assert len(render_depths) == 1  # the hearing letter only
    assert Recovery.objects.get(pk=recovery.pk).revocation_letter is None


@pytest.mark.parametrize("role", ["case_worker", "applicant_a"])
def test_staff_and_members_download_the_letters_from_the_recovery_page(
    decision, world, client, role
):
    worker = world.users["case_worker"]
    recovery = _revoke(open_d1(decision, worker), worker, today=date(2025, 9, 5))
    client.force_login(world.users[role])
    html = client.get(
        reverse("settlement:recovery-detail", kwargs={"pk": recovery.pk})
    ).content.decode()
    for document in (recovery.hearing_letter, recovery.revocation_letter):
        link = reverse("documents:download", kwargs={"public_id": document.public_id})
        assert link in html
        response = client.get(link)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_others_cannot_download_the_letters(decision, world, client):
    worker = world.users["case_worker"]
    recovery = open_d1(decision, worker)
    client.force_login(world.users["applicant_b"])
    response = client.get(
        reverse("documents:download", kwargs={"public_id": recovery.hearing_letter.public_id})
    )
    assert response.status_code in {403, 404}


def test_a_missing_basiszinssatz_does_not_block_the_widerruf_letter(decision, world):
    """2026's rates are not on record: the Bescheid states the rule (§ 49a Abs. 3 HVwVfG) and
    leaves the amount open rather than guessing a rate."""
    worker = world.users["case_worker"]
    recovery = open_d1(
        decision,
        worker,
        facts_known_on=date(2026, 8, 14),
        hearing_posted_on=date(2026, 8, 17),
        today=date(2026, 8, 17),
    )
    recovery = _revoke(recovery, worker, today=date(2026, 9, 7))
    text = _text(recovery.revocation_letter)
    assert "5 Prozentpunkten über dem jeweiligen Basiszinssatz" in text
    assert "Berechnung der Zinsen" not in text
    assert "Die Zinsen laufen bis zum Tag des Zahlungseingangs weiter" in text
