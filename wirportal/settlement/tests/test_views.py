"""The proof-of-use pages: errors next to the field, nothing entered lost, the whole flow."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from wirportal.core.testing import assert_constant_queries
from wirportal.settlement import services
from wirportal.settlement.models import ProofOfUse, ProofStatus

from .factories import accepted_decision


@pytest.fixture
def decision(world):
    return accepted_decision(organisation=world["org_a"], applicant=world.users["applicant_a"])


def _form_data(proof, **overrides):
    rows = {row.label: row.pk for row in proof.cost_lines.all()}
    data = {
        "report": "Zwei Kurse durchgeführt.",
        "participants": "24",
        "own_funds": "1.500,00",
        "third_party_funds": "0",
        f"actual_{rows['Honorare']}": "7.500,00",
        f"actual_{rows['Sachausgaben']}": "500,00",
    }
    data.update(overrides)
    return data


def test_recipient_starts_fills_and_submits(decision, world, login):
    client = login(world.users["applicant_a"])
    response = client.post(reverse("settlement:proof-start", args=[decision.pk]))
    proof = ProofOfUse.objects.get(decision=decision)
    assert response.url == reverse("settlement:proof-edit", args=[proof.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    assert "29.02.2028" in page.content.decode()  # due date shown (C1, WIR rule)

    response = client.post(
        reverse("settlement:proof-edit", args=[proof.pk]), _form_data(proof, submit="1")
    )
    assert response.status_code == 302
    proof = ProofOfUse.objects.get(pk=proof.pk)
    assert proof.status == ProofStatus.SUBMITTED
    assert proof.own_funds == D("1500.00")


def test_bad_amount_is_shown_next_to_its_field_and_nothing_is_lost(decision, world, login):
    client = login(world.users["applicant_a"])
    proof = services.proof_start(decision=decision, by=world.users["applicant_a"])
    rows = {row.label: row.pk for row in proof.cost_lines.all()}
    bad = f"actual_{rows['Sachausgaben']}"
    response = client.post(
        reverse("settlement:proof-edit", args=[proof.pk]),
        _form_data(proof, **{bad: "fünfhundert"}, report="Mein langer Bericht"),
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert bad in form.errors
    html = response.content.decode()
    assert "Mein langer Bericht" in html and "fünfhundert" in html and "7.500,00" in html


def test_submit_refusal_keeps_the_saved_draft(decision, world, login):
    client = login(world.users["applicant_a"])
    proof = services.proof_start(decision=decision, by=world.users["applicant_a"])
    response = client.post(
        reverse("settlement:proof-edit", args=[proof.pk]),
        _form_data(proof, report="", submit="1"),
    )
    assert response.status_code == 422
    assert "report" in response.context["form"].errors
    proof = ProofOfUse.objects.get(pk=proof.pk)
    assert proof.status == ProofStatus.DRAFT and proof.own_funds == D("1500.00")


def test_receipt_errors_next_to_the_field(decision, world, login):
    client = login(world.users["applicant_a"])
    proof = services.proof_start(decision=decision, by=world.users["applicant_a"])
    response = client.post(
        reverse("settlement:receipt-add", args=[proof.pk]),
        {"paid_on": "31.02.2027", "payee": "Druckerei", "purpose": "Flyer", "amount": "12,50"},
    )
    assert response.status_code == 422
    assert "paid_on" in response.context["receipt_form"].errors
    assert "Druckerei" in response.content.decode()


def test_case_worker_checks_and_settles_with_preview(decision, world, login):
    applicant = world.users["applicant_a"]
    proof = services.proof_start(decision=decision, by=applicant)
    login(applicant).post(
        reverse("settlement:proof-edit", args=[proof.pk]), _form_data(proof, submit="1")
    )
    client = login(world.users["case_worker"])
    response = client.post(
        reverse("settlement:proof-check", args=[proof.pk]), {"result": "beanstandet"}
    )
    assert response.status_code == 422 and "note" in response.context["check_form"].errors
    client.post(reverse("settlement:proof-check", args=[proof.pk]), {"result": "ohne_beanstandung"})
    page = client.get(reverse("settlement:proof-detail", args=[proof.pk])).content.decode()
    # what was paid comes from the executed payment run: shown, not typed
    assert "Ausgezahlt laut den ausgeführten Zahlläufen: 6.500,00" in page
    assert 'name="paid"' not in page
    preview = client.post(reverse("settlement:proof-settle", args=[proof.pk]), {})
    assert preview.status_code == 200
    assert preview.context["preview"].repayment == D("300.00")
    assert ProofOfUse.objects.get(pk=proof.pk).status == ProofStatus.CHECKED
    done = client.post(reverse("settlement:proof-settle", args=[proof.pk]), {"confirmed": "1"})
    assert done.status_code == 302
    page = client.get(reverse("settlement:proof-detail", args=[proof.pk])).content.decode()
    assert "6.200,00" in page and "300,00" in page


def test_detail_page_queries_stay_constant(decision, world, login, django_assert_num_queries):
    applicant = world.users["applicant_a"]
    client = login(applicant)
    proof = services.proof_start(decision=decision, by=applicant)
    url = reverse("settlement:proof-detail", args=[proof.pk])

    def add_rows():
        for n in range(5):
            services.receipt_add(
                proof=proof,
                by=applicant,
                paid_on="2027-03-01",
                payee=f"Empfänger {n}",
                purpose="Honorar",
                amount=D("10"),
            )

    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), add_rows)


def test_list_offers_accepted_decisions_without_a_proof(decision, world, login):
    client = login(world.users["applicant_a"])
    html = client.get(reverse("settlement:proof-list")).content.decode()
    assert reverse("settlement:proof-start", args=[decision.pk]) in html
    services.proof_start(decision=decision, by=world.users["applicant_a"])
    html = client.get(reverse("settlement:proof-list")).content.decode()
    assert reverse("settlement:proof-start", args=[decision.pk]) not in html
    assert decision.application.reference in html
    other = login(world.users["applicant_b"]).get(reverse("settlement:proof-list"))
    assert decision.application.reference not in other.content.decode()


def _settled(decision, world):
    applicant, worker = world.users["applicant_a"], world.users["case_worker"]
    proof = services.proof_start(decision=decision, by=applicant)
    services.proof_save(
        proof=proof,
        by=applicant,
        report="Bericht",
        participants=None,
        own_funds=D("1500"),
        third_party_funds=D("0"),
        lines={
            row.pk: (D("7500") if row.label == "Honorare" else D("500"), None)
            for row in proof.cost_lines.all()
        },
    )
    services.proof_submit(proof=proof, by=applicant)
    services.proof_check(proof=proof, by=worker, result="ohne_beanstandung")
    return services.proof_settle(proof=proof, by=worker)


def test_recovery_from_the_settlement_hearing_then_widerruf(decision, world, login):
    proof = _settled(decision, world)
    client = login(world.users["case_worker"])
    detail = client.get(reverse("settlement:proof-detail", args=[proof.pk])).content.decode()
    start = reverse("settlement:recovery-open", args=[decision.pk])
    assert f"{start}?nachweis={proof.pk}" in detail
    form_page = client.get(f"{start}?nachweis={proof.pk}")
    assert 'value="300,00"' in form_page.content.decode()  # prefilled from the settlement
    bad = client.post(
        start,
        {
            "proof": proof.pk,
            "principal": "300,00",
            "reason": "Einzelansatz überschritten",
            "effective_from": "03.03.2025",
            "facts_known_on": "01.10.2024",
            "hearing_posted_on": "02.11.2026",
        },
    )
    assert bad.status_code == 422 and "facts_known_on" in bad.context["form"].errors
    assert "Einzelansatz überschritten" in bad.content.decode()  # nothing lost
    done = client.post(
        start,
        {
            "proof": proof.pk,
            "principal": "300,00",
            "reason": "Einzelansatz überschritten",
            "effective_from": "03.03.2025",
            "facts_known_on": "02.11.2026",
            "hearing_posted_on": "02.11.2026",
        },
    )
    assert done.status_code == 302
    page = client.get(done.url).content.decode()
    # posted Mon 02.11.2026 → bekanntgegeben Thu 05.11. → Thu 19.11.2026; Widerruf by 02.11.2027
    assert "19.11.2026" in page and "02.11.2027" in page
    # the Basiszinssatz from 01.01.2026 is not on record: said, not guessed
    assert "kein Basiszinssatz hinterlegt" in page


def test_f2_interim_proofs_of_a_multi_year_grant(world, login):
    from datetime import date

    decision = accepted_decision(organisation=world["org_a"], applicant=world.users["applicant_a"])
    type(decision.application).objects.filter(pk=decision.application_id).update(
        period_start=date(2026, 1, 1), period_end=date(2028, 12, 31)
    )
    client = login(world.users["applicant_a"])
    html = client.get(reverse("settlement:proof-list")).content.decode()
    assert "Zwischennachweis 2026" in html and "Zwischennachweis 2027" in html
    assert "Zwischennachweis 2028" not in html  # the last year is the final proof's
    start = reverse("settlement:proof-start", args=[decision.pk])
    assert client.post(start, {"year": "2028"}).status_code == 404
    response = client.post(start, {"year": "2026"})
    proof = ProofOfUse.objects.get(decision=decision, year=2026)
    assert response.url == reverse("settlement:proof-edit", args=[proof.pk])
    assert str(proof.due_on) == "2027-04-30"  # F2: 30.04. of the next year
    html = client.get(reverse("settlement:proof-list")).content.decode()
    assert "Zwischennachweis 2026 für" not in html and "Zwischennachweis 2027 für" in html
