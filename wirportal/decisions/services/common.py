"""Shared by the decisions services: the letter kinds, the race test's negative-control
switches, loading and locking, addresses, the budget binding and bringing a lapsed decision back."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.applications.models import Application
from wirportal.core.dates import (
    acceptance_deadline_after,
    format_date,
)
from wirportal.core.exceptions import BudgetExceeded, NotAllowed
from wirportal.programmes.services import budget_commit

from ..models import (
    ACTIVE,
    DecisionStatus,
    GrantDecision,
)

LETTER_KIND = "zuwendungsbescheid"
REJECTION_KIND = "ablehnungsbescheid"
# Debug switches for the negative control of the race test (reliability brief T3): with the
# lock skipped and a pause between the state check and the writes, both approvals get through
# the check and the second one crashes on the application's concurrent-transition guard.
DEBUG_SKIP_LOCK = False
DEBUG_SLEEP_AFTER_CHECK = 0.0


# --- helpers --------------------------------------------------------------------------------


def acceptance_deadline_for(bekanntgabe: date) -> date:
    """One month after the Bekanntgabe (not the letter date), moved off weekends and Hessian
    holidays (§ 31 HVwVfG with §§ 187 ff. BGB; `core.dates.acceptance_deadline_after`)."""
    return acceptance_deadline_after(bekanntgabe)


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user else ""


def _applicant_addresses(application: Application) -> list[str]:
    return [a for a in [application.created_by.email, application.organisation.email] if a]


def _authority_addresses(decision: GrantDecision) -> list[str]:
    people = [decision.proposed_by, decision.approved_by]
    return sorted({p.email for p in people if p is not None and p.email})


def _load_decision(decision: GrantDecision, *, lock: bool = True) -> GrantDecision:
    decisions = GrantDecision.objects.select_related(
        "application__organisation",
        "application__line",
        "application__created_by",
        "proposed_by",
        "approved_by",
    )
    if lock and not DEBUG_SKIP_LOCK:
        decisions = decisions.select_for_update(of=("self",))
    return decisions.get(pk=decision.pk)


def _lock_decision(decision: GrantDecision) -> GrantDecision:
    return _load_decision(decision, lock=True)


def _lock_application(application: Application) -> Application:
    applications = Application.objects.select_related("line", "organisation", "created_by", "call")
    if not DEBUG_SKIP_LOCK:
        applications = applications.select_for_update(of=("self",))
    return applications.get(pk=application.pk)


def _require(decision: GrantDecision, *states: str, action: str) -> None:
    if decision.status not in states:
        raise NotAllowed(
            _("Die Entscheidung ist im Status „%(status)s“; %(action)s ist nicht möglich.")
            % {"status": decision.get_status_display(), "action": action}
        )


def _detail_path(decision: GrantDecision) -> str:
    return reverse("decisions:decision-detail", kwargs={"pk": decision.pk})


def _commit(decision: GrantDecision, *, by, note: str, on_year: int) -> None:
    """Bind the decision's yearly amounts: the year `on_year` against its Ansatz, later years
    against that budget's Verpflichtungsermächtigung (§ 38 LHO; `programmes.budget_commit`)."""
    application = decision.application
    budget_commit(
        line=application.line,
        year_amounts={int(y): Decimal(a) for y, a in decision.year_amounts.items()},
        source_key=decision.source_key,
        by=by,
        office=application.organisation.office if application.line.allocated_per_office else None,
        note=note,
        on_year=on_year,
    )


def _short(day: date) -> str:
    return format_date(day, "SHORT_DATE_FORMAT")


def _mail_date(day: date | None) -> str:
    return format_date(day, "SHORT_DATE_FORMAT", language=settings.LANGUAGE_CODE) if day else ""


def _bind_again(decision: GrantDecision, *, by) -> None:
    """Bind again the money the lapse released (`_end` → `budget_release`), with the ledger's
    `budget_commit` as at the approval. The ledger allows one commitment per source and year, so
    the new binding gets the decision's next key (`binding_round`). Not enough free money left
    raises `BudgetExceeded` with the figures and nothing changes."""
    application = decision.application
    decision.binding_round += 1
    try:
        # the same budgets as at the approval: that year's Ansatz and its VE (§ 38 LHO)
        approved_year = (
            timezone.localdate(decision.approved_at).year if decision.approved_at else None
        )
        _commit(
            decision,
            by=by,
            note=f"Erneute Bindung {application.reference}",
            on_year=approved_year or timezone.localdate().year,
        )
    except BudgetExceeded as error:
        raise BudgetExceeded(
            _(
                "Die beim Unwirksamwerden freigegebenen Mittel können nicht wieder gebunden "
                "werden: %(reason)s"
            )
            % {"reason": error.message}
        ) from error


def _bring_back(decision: GrantDecision, *, by) -> None:
    """A lapsed decision is in force again: money bound again, back to `issued`."""
    others = GrantDecision.objects.filter(
        application_id=decision.application_id, status__in=ACTIVE
    ).exclude(pk=decision.pk)
    if others.exists():
        raise NotAllowed(_("Für diesen Antrag liegt inzwischen eine andere Entscheidung vor."))
    _bind_again(decision, by=by)
    decision.reinstate()
    decision.ended_at = None
    decision.ended_reason = ""


def _refuse_revoked(decision: GrantDecision) -> None:
    if decision.status == DecisionStatus.REVOKED:
        raise NotAllowed(_("Ein widerrufener Bescheid kann nicht wieder in Kraft gesetzt werden."))
