from decimal import Decimal

import pytest

from wirportal.decisions import services
from wirportal.decisions.models import GrantDecision, Outcome

pytestmark = pytest.mark.django_db


def test_propose_error_next_to_field_keeps_input(world, reviewed, client):
    client.force_login(world.users["case_worker"])
    response = client.post(
        f"/entscheidungen/antrag/{reviewed.pk}/vorschlag/",
        {"outcome": "approve", "amount": "99.000,00", "conditions": "Bericht bis Juni"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "nicht übersteigen" in html
    assert "99.000,00" in html and "Bericht bis Juni" in html
    assert not GrantDecision.objects.exists()
    response = client.post(
        f"/entscheidungen/antrag/{reviewed.pk}/vorschlag/",
        {"outcome": "partial", "amount": "12.500,00", "reasons": "Miete nur anteilig"},
    )
    decision = GrantDecision.objects.get()
    assert response.status_code == 302
    assert (decision.outcome, decision.amount) == (Outcome.PARTIAL, Decimal("12500.00"))


def test_mass_assignment_is_ignored(world, reviewed, client):
    client.force_login(world.users["case_worker"])
    client.post(
        f"/entscheidungen/antrag/{reviewed.pk}/vorschlag/",
        {
            "outcome": "approve",
            "status": "accepted",
            "approved_by": world.users["case_worker"].pk,
            "requested_amount": "999999",
        },
    )
    decision = GrantDecision.objects.get()
    assert decision.status == "proposed"
    assert decision.approved_by is None
    assert decision.requested_amount == Decimal("15000.00")


def test_applicant_sees_decision_only_once_issued(world, reviewed, second_case_worker, client):
    decision = services.decision_propose(
        application=reviewed, by=world.users["case_worker"], outcome=Outcome.APPROVE
    )
    client.force_login(world.users["applicant_a"])
    assert client.get(f"/entscheidungen/{decision.pk}/").status_code == 403
    assert reviewed.reference not in client.get("/entscheidungen/").content.decode()
    services.decision_approve(decision=decision, by=second_case_worker)
    services.decision_issue(decision=decision, by=second_case_worker)
    assert client.get(f"/entscheidungen/{decision.pk}/").status_code == 200
    assert reviewed.reference in client.get("/entscheidungen/").content.decode()
    # acceptance without confirming the bank details: German error next to the field
    response = client.post(f"/entscheidungen/{decision.pk}/annahme/", {"declaration": "on"})
    assert response.status_code == 422
    assert "Bitte bestätigen Sie die Bankverbindung." in response.content.decode()
    client.force_login(world.users["applicant_b"])
    assert client.get(f"/entscheidungen/{decision.pk}/").status_code == 403
    assert client.get(f"/entscheidungen/{decision.pk}/annahme/").status_code == 403


def test_decision_list_queries_constant(world, today, client, django_assert_num_queries):
    from wirportal.core.testing import assert_constant_queries
    from wirportal.reviews.tests.factories import application_in_review

    from .factories import GrantDecisionFactory

    def add(n):
        for _ in range(n):
            GrantDecisionFactory(
                application=application_in_review(
                    organisation=world["org_a"], applicant=world.users["applicant_a"], budget=None
                )
            )

    add(2)
    client.force_login(world.users["programme_staff"])
    assert_constant_queries(
        django_assert_num_queries, lambda: client.get("/entscheidungen/"), lambda: add(5)
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("applicant_a", 200),
        ("case_worker", 200),
        ("programme_staff", 200),
        ("auditor", 200),
        ("applicant_b", 403),
        ("coordinator_x", 403),
        ("reviewer", 403),
    ],
)
def test_rejection_letter_download_for_recipient_members_and_staff_only(
    world, reviewed, second_case_worker, client, role, status
):
    decision = services.decision_propose(
        application=reviewed,
        by=world.users["case_worker"],
        outcome=Outcome.REJECT,
        reasons="Kein Bezug zum Programm",
    )
    services.decision_approve(decision=decision, by=second_case_worker)
    decision = GrantDecision.objects.select_related("letter").get(pk=decision.pk)
    client.force_login(world.users[role])
    response = client.get(f"/dokumente/{decision.letter.public_id}/")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_rejection_page_links_the_letter_for_the_applicant(
    world, reviewed, second_case_worker, client
):
    decision = services.decision_propose(
        application=reviewed, by=world.users["case_worker"], outcome=Outcome.REJECT, reasons="X"
    )
    services.decision_approve(decision=decision, by=second_case_worker)
    decision = GrantDecision.objects.select_related("letter").get(pk=decision.pk)
    client.force_login(world.users["applicant_a"])
    html = client.get(f"/entscheidungen/{decision.pk}/").content.decode()
    assert "Ablehnungsbescheid (PDF)" in html
    # the link goes through the decision (first downloads are recorded), then to the document
    assert f"/entscheidungen/{decision.pk}/bescheid/pdf/" in html
    response = client.get(f"/entscheidungen/{decision.pk}/bescheid/pdf/")
    assert response["Location"] == f"/dokumente/{decision.letter.public_id}/"


@pytest.fixture
def issued(world, reviewed, second_case_worker):
    decision = services.decision_propose(
        application=reviewed, by=world.users["case_worker"], outcome=Outcome.APPROVE
    )
    services.decision_approve(decision=decision, by=second_case_worker)
    return services.decision_issue(decision=decision, by=second_case_worker)


def test_revoke_without_reason_shows_german_error_and_changes_nothing(world, issued, client):
    client.force_login(world.users["programme_staff"])
    response = client.post(f"/entscheidungen/{issued.pk}/widerruf/", {"reason": "  "})
    assert response.status_code == 422
    assert "Bitte begründen Sie den Widerruf." in response.content.decode()
    assert GrantDecision.objects.get(pk=issued.pk).status == "issued"


def test_revoke_asks_for_confirmation_before_anything_changes(world, issued, client):
    client.force_login(world.users["case_worker"])
    response = client.post(
        f"/entscheidungen/{issued.pk}/widerruf/", {"reason": "Zweck <b>entfallen</b>"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bescheid verbindlich widerrufen" in html
    assert "15.000,00" in html  # the bound money that will be released
    assert "Zweck &lt;b&gt;entfallen&lt;/b&gt;" in html  # kept for the second step, escaped
    assert GrantDecision.objects.get(pk=issued.pk).status == "issued"


def test_revoke_confirmed_releases_budget_mails_applicant_and_audits(
    world, issued, client, mailoutbox, django_capture_on_commit_callbacks
):
    from wirportal.audit.models import AuditEntry
    from wirportal.programmes.models import LedgerEntry, LedgerKind

    client.force_login(world.users["programme_staff"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/entscheidungen/{issued.pk}/widerruf/",
            {"reason": "Zweck entfallen", "confirmed": "True"},
        )
    assert response.status_code == 302
    decision = GrantDecision.objects.get(pk=issued.pk)
    assert decision.status == "revoked"
    assert decision.ended_reason == "Zweck entfallen"
    release = LedgerEntry.objects.get(kind=LedgerKind.RELEASE)
    assert release.amount == Decimal("15000.00")
    entry = AuditEntry.objects.get(action="decision.revoked")
    assert entry.reason == "Zweck entfallen"
    assert entry.actor_id == world.users["programme_staff"].pk
    mail = next(m for m in mailoutbox if "a@example.org" in m.to)
    assert "widerrufen" in mail.subject and "Zweck entfallen" in mail.body
    # a second revocation is not offered any more
    assert client.get(f"/entscheidungen/{issued.pk}/widerruf/").status_code == 403


def test_revoke_button_only_for_those_who_may(world, issued, client):
    for role, shown in [("case_worker", True), ("auditor", False), ("applicant_a", False)]:
        client.force_login(world.users[role])
        html = client.get(f"/entscheidungen/{issued.pk}/").content.decode()
        assert ("Bescheid widerrufen" in html) is shown, role


def test_propose_form_with_eligible_costs_keeps_input_and_shows_errors_next_to_fields(
    world, reviewed, client
):
    """Eligible costs per cost line, the reason required where they differ, the period inside
    the application's and the highest grant next to the amount (issue #10)."""
    item = reviewed.cost_items.get()
    client.force_login(world.users["case_worker"])
    url = f"/entscheidungen/antrag/{reviewed.pk}/"
    html = client.get(url).content.decode()
    assert f'name="eligible_{item.pk}"' in html and 'value="20.000,00"' in html
    assert "Höchstens 15.000,00" in html  # the computed maximum next to the amount field
    response = client.post(
        f"{url}vorschlag/",
        {
            "outcome": "partial",
            "amount": "13.000,00",
            "reasons": "Honorare nur bis TV-H",
            f"eligible_{item.pk}": "18.000,00",
            f"reason_{item.pk}": "",
            "period_start": "2027-02-01",
            "period_end": "2027-11-30",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="id_reason_{item.pk}_error"' in html
    assert "Bitte begründen Sie, warum 18.000,00" in html
    assert 'value="18.000,00"' in html and "Honorare nur bis TV-H" in html
    assert "Höchstens 13.000,00" in html  # recomputed from the eligible costs entered
    response = client.post(
        f"{url}vorschlag/",
        {
            "outcome": "partial",
            "amount": "14.000,00",
            "reasons": "Honorare nur bis TV-H",
            f"eligible_{item.pk}": "18.000,00",
            f"reason_{item.pk}": "Honorarsatz über TV-H",
            "period_start": "2027-01-15",
            "period_end": "2027-11-30",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_period_start_error"' in html and "frühestens mit dem Projektbeginn" in html
    assert 'value="2027-01-15"' in html and "Honorarsatz über TV-H" in html
    response = client.post(
        f"{url}vorschlag/",
        {
            "outcome": "partial",
            "amount": "14.000,00",
            "reasons": "Honorare nur bis TV-H",
            f"eligible_{item.pk}": "18.000,00",
            f"reason_{item.pk}": "Honorarsatz über TV-H",
            "period_start": "2027-02-01",
            "period_end": "2027-11-30",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_amount_error"' in html and "höchstens eine Zuwendung von 13.000,00" in html
    assert not GrantDecision.objects.exists()
    response = client.post(
        f"{url}vorschlag/",
        {
            "outcome": "partial",
            "amount": "",
            "reasons": "Honorare nur bis TV-H",
            f"eligible_{item.pk}": "18.000,00",
            f"reason_{item.pk}": "Honorarsatz über TV-H",
            "period_start": "2027-02-01",
            "period_end": "2027-11-30",
        },
    )
    assert response.status_code == 302
    decision = GrantDecision.objects.get()
    assert (decision.amount, decision.eligible_costs) == (Decimal("13000.00"), Decimal("18000.00"))
    page = client.get(f"/entscheidungen/{decision.pk}/").content.decode()
    assert "Honorarsatz über TV-H" in page and "18.000,00" in page


def test_yearly_amount_fields_in_the_form(world, bad_homburg, client):
    client.force_login(world.users["case_worker"])
    url = f"/entscheidungen/antrag/{bad_homburg.pk}/"
    html = client.get(url).content.decode()
    for year in range(2026, 2031):
        assert f'name="year_{year}" value="120.000,00"' in html
    assert "Verpflichtungsermächtigung 2026 für 2027–2030" in html
    data = {
        "outcome": "approve",
        "amount": "600.000,00",
        "period_start": "2026-01-01",
        "period_end": "2030-12-31",
        **{f"year_{year}": "120.000,00" for year in range(2026, 2030)},
        "year_2030": "100.000,00",
    }
    response = client.post(f"{url}vorschlag/", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="year-amounts-error"' in html and "580.000,00" in html
    assert 'name="year_2030" value="100.000,00"' in html
    response = client.post(f"{url}vorschlag/", {**data, "year_2030": "120.000,00"})
    assert response.status_code == 302
    assert GrantDecision.objects.get().year_amounts == {
        str(year): "120000.00" for year in range(2026, 2031)
    }
