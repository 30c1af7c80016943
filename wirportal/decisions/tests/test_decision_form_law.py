"""The decision fixes eligible costs, Bewilligungszeitraum, yearly amounts and the proof-of-use
date (issue #10; brief F1, C1, A; § 23 LHO, § 38 LHO, § 39 HVwVfG)."""

from datetime import date
from decimal import Decimal as D

import pytest

from wirportal.core.exceptions import BudgetExceeded, DomainError
from wirportal.decisions import selectors, services
from wirportal.decisions.models import DecisionStatus, GrantDecision, Outcome
from wirportal.programmes.models import LedgerEntry, LedgerKind, LineBudget, ProofOfUseRule

pytestmark = pytest.mark.django_db

F1_YEARS = {
    2026: D("120000.00"),
    2027: D("120000.00"),
    2028: D("120000.00"),
    2029: D("120000.00"),
    2030: D("120000.00"),
}


def _propose(application, by, **kwargs):
    kwargs.setdefault("outcome", Outcome.APPROVE)
    return services.decision_propose(application=application, by=by, **kwargs)


def test_f1_five_whole_yearly_amounts_bound_against_ansatz_and_ve(
    world, bad_homburg, second_case_worker
):
    decision = _propose(bad_homburg, world.users["case_worker"])
    assert decision.amount == D("600000.00")
    # not a split by days (the portal gave 119,934.28 / … / 120,262.87 …)
    assert dict(decision.year_amount_list) == F1_YEARS
    services.decision_approve(decision=decision, by=second_case_worker, today=date(2026, 3, 2))
    rows = sorted(
        (e.kind, e.line_budget.year, e.burden_year, e.amount)
        for e in LedgerEntry.objects.filter(source_key=decision.source_key).select_related(
            "line_budget"
        )
    )
    assert rows == [
        (LedgerKind.COMMITMENT, 2026, None, D("120000.00")),
        *[(LedgerKind.VE_COMMITMENT, 2026, year, D("120000.00")) for year in range(2027, 2031)],
    ]
    assert not LineBudget.objects.filter(line=bad_homburg.line, year__gt=2026).exists()
    decision = GrantDecision.objects.get(pk=decision.pk)
    assert selectors.bound_by_year(decision) == F1_YEARS
    context = services.letter_context(decision, issued=date(2026, 3, 3), deadline=None)
    assert context["year_amounts"] == sorted(F1_YEARS.items())
    assert (context["period_start"], context["period_end"]) == (
        date(2026, 1, 1),
        date(2030, 12, 31),
    )
    # WIR practice: three months after the end of the Bewilligungszeitraum
    assert context["proof_of_use_deadline"] == date(2031, 3, 31)
    assert "drei Monate" in context["proof_of_use_rule_text"]
    # a Widerruf releases the Ansatz and the VE
    GrantDecision.objects.filter(pk=decision.pk).update(status=DecisionStatus.ISSUED)
    services.decision_revoke(
        decision=decision, by=world.users["case_worker"], reason="Zweck entfallen"
    )
    assert selectors.bound_by_year(decision) == {}
    assert LedgerEntry.objects.filter(kind=LedgerKind.VE_RELEASE).count() == 4


def test_f1_decision_exceeding_the_free_ve_is_refused_with_the_figures(
    world, bad_homburg, second_case_worker
):
    LineBudget.objects.filter(line=bad_homburg.line).update(ve_amount=D("300000"))
    decision = _propose(bad_homburg, world.users["case_worker"])
    with pytest.raises(BudgetExceeded) as refused:
        services.decision_approve(decision=decision, by=second_case_worker, today=date(2026, 3, 2))
    assert "300.000,00" in refused.value.message and "480.000,00" in refused.value.message
    assert GrantDecision.objects.get(pk=decision.pk).status == DecisionStatus.PROPOSED
    assert not LedgerEntry.objects.exists()


def test_yearly_amounts_as_decided_must_add_up_and_lie_in_the_period(world, bad_homburg):
    case_worker = world.users["case_worker"]
    with pytest.raises(DomainError) as refused:
        _propose(bad_homburg, case_worker, year_amounts={**F1_YEARS, 2030: D("100000")})
    assert refused.value.field == "year_amounts"
    assert "580.000,00" in refused.value.message and "600.000,00" in refused.value.message
    with pytest.raises(DomainError) as refused:
        _propose(
            bad_homburg,
            case_worker,
            period_end=date(2029, 12, 31),
            year_amounts={**F1_YEARS, 2029: D("240000")},
        )
    assert refused.value.field == "year_2030"
    decided = {
        2026: D("60000"),
        2027: D("135000"),
        2028: D("135000"),
        2029: D("135000"),
        2030: D("135000"),
    }
    decision = _propose(bad_homburg, case_worker, year_amounts=decided)
    assert dict(decision.year_amount_list) == decided


def test_even_split_in_whole_euros_rest_on_the_last_year():
    assert selectors.even_split(D("600000"), [2026, 2027, 2028, 2029, 2030]) == F1_YEARS
    assert selectors.even_split(D("100000.50"), [2027, 2028, 2029]) == {
        2027: D("33333.00"),
        2028: D("33333.00"),
        2029: D("33334.50"),
    }


def test_eligible_costs_reduced_with_reason_recompute_the_grant(world, reviewed):
    """Fehlbedarf, costs 20,000, own funds 5,000, cap 15,000: eligible 18,000 → at most 13,000."""
    case_worker = world.users["case_worker"]
    item = reviewed.cost_items.get()
    with pytest.raises(DomainError) as refused:
        _propose(reviewed, case_worker, eligible={item.pk: D("18000")})
    assert refused.value.field == f"reason_{item.pk}"
    with pytest.raises(DomainError) as refused:
        _propose(
            reviewed,
            case_worker,
            outcome=Outcome.PARTIAL,
            amount=D("14000"),
            reasons="Honorare nur teilweise zuwendungsfähig.",
            eligible={item.pk: D("18000")},
            eligible_reasons={item.pk: "Honorarsatz über TV-H"},
        )
    assert refused.value.field == "amount"
    assert "13.000,00" in refused.value.message and "§ 23 LHO" in refused.value.message
    with pytest.raises(DomainError) as refused:
        _propose(reviewed, case_worker, eligible={item.pk: D("20000.01")})
    assert refused.value.field == f"eligible_{item.pk}"
    assert not GrantDecision.objects.exists()
    decision = _propose(
        reviewed,
        case_worker,
        outcome=Outcome.PARTIAL,
        reasons="Die Honorare sind nur bis zum Satz des TV-H zuwendungsfähig.\n\n"
        "Im Übrigen wird der Antrag abgelehnt.",
        eligible={item.pk: D("18000")},
        eligible_reasons={item.pk: "Honorarsatz über TV-H (Besserstellungsverbot)"},
    )
    assert (decision.amount, decision.eligible_costs, decision.max_grant) == (
        D("13000.00"),
        D("18000.00"),
        D("13000.00"),
    )
    (line,) = decision.cost_lines.all()
    assert (line.requested, line.eligible, line.reason) == (
        D("20000.00"),
        D("18000.00"),
        "Honorarsatz über TV-H (Besserstellungsverbot)",
    )
    context = services.letter_context(decision, issued=date(2026, 11, 25), deadline=None)
    assert context["partial"] is True
    assert context["eligible_costs"] == D("18000.00")
    assert context["eligible_cost_lines"] == [
        {
            "label": line.label,
            "requested": D("20000.00"),
            "eligible": D("18000.00"),
            "reason": "Honorarsatz über TV-H (Besserstellungsverbot)",
        }
    ]
    assert context["partial_reasons"] == [
        "Die Honorare sind nur bis zum Satz des TV-H zuwendungsfähig.",
        "Im Übrigen wird der Antrag abgelehnt.",
    ]
    # the figures add up: eligible costs − own funds = grant
    assert decision.eligible_costs - D("5000") == decision.amount


def test_bewilligungszeitraum_inside_the_application_period(world, reviewed):
    case_worker = world.users["case_worker"]
    for kwargs, field in [
        ({"period_start": date(2027, 1, 31)}, "period_start"),
        ({"period_end": date(2027, 12, 1)}, "period_end"),
        ({"period_start": date(2027, 6, 1), "period_end": date(2027, 5, 31)}, "period_end"),
    ]:
        with pytest.raises(DomainError) as refused:
            _propose(reviewed, case_worker, **kwargs)
        assert refused.value.field == field
    decision = _propose(
        reviewed, case_worker, period_start=date(2027, 3, 1), period_end=date(2027, 10, 31)
    )
    assert (decision.period_start, decision.period_end) == (date(2027, 3, 1), date(2027, 10, 31))
    assert decision.year_amounts == {"2027": "15000.00"}


@pytest.mark.parametrize(
    ("rule", "due"),
    [
        (ProofOfUseRule.WIR_THREE_MONTHS, date(2028, 3, 15)),
        (ProofOfUseRule.ANBEST_SIXTH_MONTH, date(2028, 6, 30)),
        (ProofOfUseRule.MARCH_NEXT_YEAR, date(2028, 3, 31)),
    ],
)
def test_c1_decision_stores_the_proof_of_use_date_by_the_lines_rule(world, reviewed, rule, due):
    reviewed.period_end = date(2027, 12, 31)
    reviewed.save()
    reviewed.line.proof_of_use_rule = rule
    reviewed.line.save()
    decision = _propose(reviewed, world.users["case_worker"], period_end=date(2027, 12, 15))
    assert decision.proof_of_use_due == due
    context = services.letter_context(decision, issued=date(2026, 11, 25), deadline=None)
    assert context["proof_of_use_deadline"] == due
    assert context["partial"] is False and context["partial_reasons"] == []
