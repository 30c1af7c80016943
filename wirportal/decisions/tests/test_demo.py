import pytest

from wirportal.decisions.models import DecisionStatus, GrantDecision

pytestmark = pytest.mark.django_db


def test_demo_builds_every_stage_and_is_idempotent(world, today, settings, tmp_path):
    from wirportal.documents.services import orphan_files
    from wirportal.offices import demo as offices_demo
    from wirportal.programmes import demo as programmes_demo
    from wirportal.reviews import demo as reviews_demo

    from .. import demo

    settings.MEDIA_ROOT = tmp_path
    offices_demo.load()
    programmes_demo.load()
    assert reviews_demo.load()
    assert demo.load()
    assert reviews_demo.load() == ""
    assert demo.load() == ""
    decisions = {d.status: d for d in GrantDecision.objects.all()}
    assert set(decisions) == {
        DecisionStatus.PROPOSED,
        DecisionStatus.ISSUED,
        DecisionStatus.ACCEPTED,
    }
    assert decisions[DecisionStatus.ISSUED].letter is not None
    assert (
        decisions[DecisionStatus.PROPOSED].proposed_by
        != decisions[DecisionStatus.ISSUED].approved_by
    )
    # attempts the demo gives up (lines whose financing gives no grant) leave no files behind
    assert orphan_files() == []


def test_demo_shows_a_multi_year_grant_and_a_partial_approval_whose_figures_add_up(
    world, today, settings, tmp_path
):
    from datetime import date
    from decimal import Decimal

    from wirportal.decisions import selectors, services
    from wirportal.decisions.models import Outcome
    from wirportal.offices import demo as offices_demo
    from wirportal.programmes import demo as programmes_demo
    from wirportal.programmes.models import LedgerEntry, LedgerKind
    from wirportal.reviews import demo as reviews_demo

    from .. import demo

    settings.MEDIA_ROOT = tmp_path
    offices_demo.load()
    programmes_demo.load()
    reviews_demo.load()
    assert "mehrjährige Bewilligung" in demo.load()
    # F1: Bad Homburg, 600,000 for 2026–2030 = 120,000 a year; 480,000 against the VE
    multi = GrantDecision.objects.get(application__title__contains="Vielfaltszentrum Bad Homburg")
    assert multi.amount == Decimal("600000.00")
    assert multi.year_amount_list == [(year, Decimal("120000.00")) for year in range(2026, 2031)]
    assert (multi.period_start, multi.period_end) == (date(2026, 1, 1), date(2030, 12, 31))
    assert multi.status == DecisionStatus.ACCEPTED
    ve = LedgerEntry.objects.filter(source_key=multi.source_key, kind=LedgerKind.VE_COMMITMENT)
    assert sorted(ve.values_list("burden_year", "amount")) == [
        (year, Decimal("120000.00")) for year in range(2027, 2031)
    ]
    assert selectors.bound_by_year(multi) == {
        year: Decimal("120000.00") for year in range(2026, 2031)
    }
    letter = services.letter_context(multi, issued=date(2026, 3, 3), deadline=None)
    assert len(letter["year_amounts"]) == 5
    # the partial approval: eligible costs reduced on one line with a reason, grant recomputed
    partial = GrantDecision.objects.get(outcome=Outcome.PARTIAL)
    lines = list(partial.cost_lines.all())
    changed = [line for line in lines if line.eligible != line.requested]
    assert len(changed) == 1 and changed[0].reason
    assert partial.eligible_costs == sum(line.eligible for line in lines)
    assert partial.amount == partial.max_grant < partial.requested_amount
    recomputed = selectors.grant_for_eligible(
        partial.application, {line.cost_item_id: line.eligible for line in lines}
    )
    assert recomputed.amount == partial.amount
    context = services.letter_context(partial, issued=date(2026, 11, 25), deadline=None)
    assert context["partial"] and context["partial_reasons"][-1] == (
        "Im Übrigen wird der Antrag abgelehnt."
    )
