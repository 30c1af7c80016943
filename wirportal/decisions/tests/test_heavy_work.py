"""Bescheide are rendered and checked outside the write transaction (ADR 0014).

The Zuwendungsbescheid (with its embedded ANBest and acceptance declaration) and the
Ablehnungsbescheid are rendered by WeasyPrint and checked (pikepdf, clamd) before the decision
is locked; under the lock the state is checked again and a rendering made for a state that
changed meanwhile is discarded unstored.
"""

import pytest
from django.db import connection

from wirportal.applications.models import Application
from wirportal.applications.tests.locks import hook_renderer, row_lock_from_another_connection
from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import NotAllowed
from wirportal.decisions import services
from wirportal.decisions.models import DecisionStatus, GrantDecision, Outcome
from wirportal.documents import validation
from wirportal.documents.models import StoredDocument

RENDERING_MODULES = (services.issue, services.letters)


@pytest.fixture
def approved_grant(world, reviewed, second_case_worker):
    decision = services.decision_propose(
        application=reviewed, by=world.users["case_worker"], outcome=Outcome.APPROVE
    )
    return services.decision_approve(decision=decision, by=second_case_worker)


@pytest.fixture
def proposed_rejection(world, reviewed):
    return services.decision_propose(
        application=reviewed,
        by=world.users["case_worker"],
        outcome=Outcome.REJECT,
        reasons="Kein Bezug zum Förderzweck.",
    )


@pytest.fixture
def pdf_checks(monkeypatch):
    """Records the open atomic blocks whenever a generated PDF is checked before storing."""
    depths: list[int] = []
    original = validation._check_pdf

    def recording(*args, **kwargs):
        depths.append(len(connection.atomic_blocks))
        return original(*args, **kwargs)

    monkeypatch.setattr(validation, "_check_pdf", recording)
    return depths


@pytest.mark.django_db
def test_the_zuwendungsbescheid_is_checked_outside_the_write_transaction(
    approved_grant, second_case_worker, pdf_checks
):
    outside = len(connection.atomic_blocks)
    decision = services.decision_issue(decision=approved_grant, by=second_case_worker)
    assert decision.letter is not None
    # the letter, then each embedded PDF (ANBest, acceptance declaration) inside it
    assert pdf_checks and set(pdf_checks) == {outside}


@pytest.mark.django_db
def test_the_ablehnungsbescheid_is_checked_outside_the_write_transaction(
    proposed_rejection, second_case_worker, pdf_checks
):
    outside = len(connection.atomic_blocks)
    decision = services.decision_approve(decision=proposed_rejection, by=second_case_worker)
    assert decision.letter is not None
    assert pdf_checks == [outside]


@pytest.mark.django_db
def test_an_issue_while_the_letter_renders_wins_and_the_other_rendering_is_discarded(
    approved_grant, second_case_worker, world, monkeypatch
):
    def issue_meanwhile(template):
        if len(rendered) == 1:  # a second click issues the letter while the first renders
            services.decision_issue(
                decision=GrantDecision.objects.get(pk=approved_grant.pk),
                by=world.users["programme_staff"],
            )

    rendered = hook_renderer(monkeypatch, RENDERING_MODULES, issue_meanwhile)
    with pytest.raises(NotAllowed):
        services.decision_issue(decision=approved_grant, by=second_case_worker)
    decision = GrantDecision.objects.get(pk=approved_grant.pk)
    assert decision.status == DecisionStatus.ISSUED
    assert StoredDocument.objects.filter(kind=services.LETTER_KIND).count() == 1
    assert AuditEntry.objects.filter(action="decision.issued").count() == 1


@pytest.mark.django_db
def test_a_return_while_the_ablehnungsbescheid_renders_is_refused_cleanly(
    proposed_rejection, second_case_worker, world, monkeypatch
):
    programme_staff = world.users["programme_staff"]

    def return_meanwhile(_template):
        services.decision_return(
            decision=GrantDecision.objects.get(pk=proposed_rejection.pk),
            by=programme_staff,
            reason="Bitte die Begründung ergänzen.",
        )

    hook_renderer(monkeypatch, RENDERING_MODULES, return_meanwhile)
    with pytest.raises(NotAllowed):
        services.decision_approve(decision=proposed_rejection, by=second_case_worker)
    decision = GrantDecision.objects.get(pk=proposed_rejection.pk)
    assert decision.status == DecisionStatus.RETURNED
    assert decision.letter is None
    assert not StoredDocument.objects.filter(kind=services.REJECTION_KIND).exists()
    assert not AuditEntry.objects.filter(action="decision.approved").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_the_decision_row_is_free_while_the_zuwendungsbescheid_renders_and_is_checked(
    approved_grant, second_case_worker, monkeypatch
):
    seen: list[str] = []

    def probe(_what):
        seen.append(row_lock_from_another_connection(GrantDecision, approved_grant.pk))

    hook_renderer(monkeypatch, RENDERING_MODULES, probe)
    original = validation._check_pdf
    monkeypatch.setattr(
        validation, "_check_pdf", lambda *a, **k: (probe("check"), original(*a, **k))[1]
    )
    decision = services.decision_issue(
        decision=GrantDecision.objects.get(pk=approved_grant.pk), by=second_case_worker
    )
    assert decision.status == DecisionStatus.ISSUED
    assert len(seen) >= 3 and set(seen) == {"free"}, seen  # two renderings, the checks


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_decision_and_application_are_free_while_the_ablehnungsbescheid_renders(
    proposed_rejection, second_case_worker, monkeypatch
):
    seen: list[str] = []

    def probe(_what):
        seen.append(row_lock_from_another_connection(GrantDecision, proposed_rejection.pk))
        seen.append(
            row_lock_from_another_connection(Application, proposed_rejection.application_id)
        )

    hook_renderer(monkeypatch, RENDERING_MODULES, probe)
    original = validation._check_pdf
    monkeypatch.setattr(
        validation, "_check_pdf", lambda *a, **k: (probe("check"), original(*a, **k))[1]
    )
    decision = services.decision_approve(
        decision=GrantDecision.objects.get(pk=proposed_rejection.pk), by=second_case_worker
    )
    assert decision.status == DecisionStatus.APPROVED
    assert seen == ["free"] * 4, seen  # rendering and check, two rows each
