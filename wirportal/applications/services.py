"""Writes on applications: create, autosave, cost/financing rows, attachments, submit, withdraw.

Every write locks the application row first (`select_for_update`), so an autosave that races a
submission either lands before the snapshot or is refused afterwards; it never changes a
submitted application and a double click never submits twice.
"""

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wirportal.audit.services import audit_record
from wirportal.core import numbers
from wirportal.core.caching import bump
from wirportal.core.dates import format_date
from wirportal.core.exceptions import DeadlineMissed, DomainError, NotAllowed
from wirportal.core.money import format_eur
from wirportal.core.prepared import PreparedQuery, PreparedUpdate
from wirportal.documents.pdf import render_pdf
from wirportal.documents.services import document_delete, document_store, document_store_generated
from wirportal.notifications.services import notify
from wirportal.offices.models import Organisation
from wirportal.programmes.grants import GrantComputation
from wirportal.programmes.models import Call, UnitRate

from . import selectors
from .models import (
    EDITABLE,
    MONEY,
    Application,
    ApplicationSnapshot,
    ApplicationStatus,
    CostCategory,
    CostItem,
    EarlyStartRequest,
    EarlyStartStatus,
    FundingSource,
    FundingSourceKind,
    OtherFunding,
    OtherFundingDeclaration,
    OtherFundingStatus,
    TargetGroup,
)

RECEIPT_KIND = "eingangsbestaetigung"
ATTACHMENT_KIND = "anlage"


class ApplicationIncomplete(DomainError):
    """Submission refused; `errors` maps field names (or row keys) to German messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("Der Antrag ist noch nicht vollständig.")
        self.errors = errors


@dataclass
class AutosaveResult:
    saved_at: datetime
    errors: dict[str, str] = field(default_factory=dict)
    application: Application | None = None  # with its rows attached (no re-query needed)
    grant: GrantComputation | None = None  # as computed from those rows


# --- parsing of what people type (lenient: keep everything, flag what is not valid) ---------


def parse_money(raw: str) -> Decimal | None:
    """Accept '1.234,50', '1234,5', '1234.50' and '1 234 €'; '' is None (core.numbers: ASCII
    digits only, checked against the money columns, DECIMAL(14, 2), after rounding)."""
    return numbers.parse_money(raw, max_digits=MONEY["max_digits"])


_UNITS_COLUMN = CostItem._meta.get_field("units")


def parse_units(raw: str) -> Decimal | None:
    """Units of a unit rate, '12,5'; checked against `CostItem.units` (DECIMAL(10, 2))."""
    return numbers.parse_number(
        raw, max_digits=_UNITS_COLUMN.max_digits, decimal_places=_UNITS_COLUMN.decimal_places
    )


def parse_date(raw: str) -> date | None:
    text = (raw or "").strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise numbers.InputError(gettext_lazy("Bitte geben Sie ein Datum an, z. B. 01.03.2027."))


def parse_count(raw: str) -> int | None:
    return numbers.parse_whole_number(raw, max_digits=7)


def parse_row_count(raw: str) -> int:
    """How many persons, clients, courses or years a unit-rate row stands for; empty means 1."""
    value = numbers.parse_whole_number(raw, max_digits=5)
    if value is None:
        return 1
    if value < 1:
        raise numbers.InputError(gettext_lazy("Bitte geben Sie eine Anzahl von mindestens 1 an."))
    return value


def _text(limit: int | None):
    def parse(raw: str) -> str:
        text = (raw or "").strip()
        if limit is not None and len(text) > limit:
            raise numbers.InputError(
                gettext_lazy("Bitte höchstens %(limit)s Zeichen."), {"limit": limit}
            )
        return text

    return parse


APPLICATION_PARSERS = {
    "title": _text(200),
    "summary": _text(20000),
    "goals": _text(20000),
    "period_start": parse_date,
    "period_end": parse_date,
    "participants_planned": parse_count,
}
COST_PARSERS = {
    "category": lambda raw: raw if raw in CostCategory.values else _bad_choice(),
    "description": _text(200),
    "amount": parse_money,
    "units": parse_units,
    "count": parse_row_count,
}
SOURCE_PARSERS = {
    "kind": lambda raw: raw if raw in FundingSourceKind.values else _bad_choice(),
    "name": _text(200),
    "amount": parse_money,
}
OTHER_PARSERS = {
    "funder": _text(200),
    "amount": parse_money,
    "status": lambda raw: raw if raw in OtherFundingStatus.values else _bad_choice(),
    "on": parse_date,
}
MONEY_LIMIT = Decimal(10) ** (MONEY["max_digits"] - MONEY["decimal_places"])
SUM_TOO_LARGE = gettext_lazy(
    "Die Summe des Kostenplans ist zu groß; bitte prüfen Sie diesen Betrag."
)
ROW_KEY = re.compile(r"^(cost|source|other)-(\d+)-(\w+)$")


def _set(row, attribute: str, value, dirty: set) -> None:
    if getattr(row, attribute) != value:
        setattr(row, attribute, value)
        dirty.add(row)


def _bad_choice():
    raise numbers.InputError(gettext_lazy("Bitte wählen Sie einen Eintrag aus der Liste."))


# --- use cases ------------------------------------------------------------------------------


def _lock(application: Application) -> Application:
    # of=self: lock only the application row, never the shared line and call rows
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("line", "call")
        .get(pk=application.pk)
    )


def _require_editable(application: Application) -> None:
    if application.status not in EDITABLE:
        raise NotAllowed(
            _(
                "Der Antrag ist eingereicht und kann nicht mehr geändert werden. "
                "Ihre letzte Eingabe wurde nicht übernommen."
            )
        )


@transaction.atomic
def application_create(*, call: Call, organisation: Organisation, by) -> Application:
    """Start a draft for an eligible organisation of the acting person while the call is open."""
    if not organisation.memberships.filter(user=by).exists():
        raise NotAllowed(_("Sie sind nicht Mitglied dieses Trägers."), field="organisation")
    line = call.line
    if not line.is_eligible(organisation):
        raise NotAllowed(
            _(
                "Träger der Art „%(kind)s“ können in der Förderlinie „%(line)s“ keinen Antrag "
                "stellen."
            )
            % {"kind": organisation.get_kind_display(), "line": line},
            field="organisation",
        )
    if not call.is_open(timezone.localdate()):
        raise DeadlineMissed(
            _("Der Förderaufruf ist nicht geöffnet (Antragstellung %(opens)s bis %(deadline)s).")
            % {
                "opens": format_date(call.opens_at, "SHORT_DATE_FORMAT"),
                "deadline": format_date(call.deadline, "SHORT_DATE_FORMAT"),
            }
        )
    application = Application.objects.create(
        organisation=organisation, call=call, line=line, created_by=by
    )
    application.reference = f"WIR-{call.first_year}-{application.pk:06d}"
    application.save(update_fields=["reference"])
    audit_record(action="application.created", target=application, by=by)
    return application


# The autosave runs on every pause in typing, for hundreds of applicants on deadline day. On SQLite
# a transaction holds the single write lock from BEGIN to COMMIT, so the autosave works out its
# changes before it and reads and writes with prepared statements (core.prepared): the row with
# its line, the rows, a version check under the lock and one UPDATE of the changed columns.
_LOCKED_FOR_AUTOSAVE = PreparedQuery(
    lambda pk: (
        Application.objects.select_for_update(of=("self",)).select_related("line").filter(pk=pk)
    ),
    pk=int,
)
_UNIT_RATES = PreparedQuery(lambda line: UnitRate.objects.filter(line_id=line), line=int)
_OTHER_FUNDING = PreparedQuery(
    lambda application: OtherFunding.objects.filter(application_id=application), application=int
)
AUTOSAVE_FIELDS = (
    *APPLICATION_PARSERS,
    "target_groups",
    "not_started_declared",
    "other_funding_declaration",
)


@functools.cache
def _autosave_update(columns: tuple[str, ...]) -> PreparedUpdate:
    """One prepared UPDATE per set of changed columns (a few shapes: what one form sends), only
    if the application is still editable (as ConcurrentTransitionMixin's check) and nobody saved
    it since it was read (`updated_at` as read)."""
    return PreparedUpdate(
        lambda pk, seen: Application.objects.filter(
            pk=pk, status__in=sorted(EDITABLE), updated_at=seen
        ),
        columns,
        pk=int,
        seen=datetime,
    )


def application_autosave(
    *, application: Application, by, data: Mapping[str, Any], complete_form: bool = False
) -> AutosaveResult:
    """Store whatever can be stored; keep invalid input verbatim (flagged) so nothing is lost.

    `data` holds the editor's fields (`title`, …, `cost-<id>-amount`, `source-<id>-name`).
    With `complete_form` unchecked checkboxes count as 'no' (browsers omit them).
    Writes only what changed: the application's changed columns (no history: drafts change with
    every keystroke, the submission snapshot is the record) and the changed rows.

    Concurrency (two tabs, a submission): the changes are worked out from the application as
    read (`application` itself, changed in place, when it was loaded with its line, e.g. by
    `selectors.application_for_autosave`; the result's `application` is the one saved); the
    write transaction's UPDATE applies only if the application is still editable and nobody
    saved it since (same `updated_at`), so the write lock is held only for the writes. If somebody did, everything is worked out again under the
    row lock, as every other write here does. Every change of an application's rows goes
    through a service that changes the application's `updated_at`.
    """
    snapshot: Application | None = application
    if application.get_deferred_fields() or not Application.line.is_cached(application):
        snapshot = selectors.application_for_autosave(pk=application.pk)
    if snapshot is None:
        raise Application.DoesNotExist
    _require_editable(snapshot)
    plan = _autosave_plan(snapshot, data, complete_form)
    with transaction.atomic():
        if _autosave_write(plan):
            return plan.result
    with transaction.atomic():  # saved in between (or submitted): again, under the lock
        locked = _LOCKED_FOR_AUTOSAVE.first(pk=application.pk)
        if locked is None:
            raise Application.DoesNotExist
        _require_editable(locked)
        plan = _autosave_plan(locked, data, complete_form)
        if not _autosave_write(plan):
            raise NotAllowed(_("Der Antrag kann nicht mehr geändert werden."))  # cannot: locked
        return plan.result


@dataclass
class _AutosavePlan:
    application: Application
    seen: datetime  # updated_at as read
    changed: dict[str, Any]
    dirty_rows: set
    result: AutosaveResult


def _autosave_plan(
    application: Application, data: Mapping[str, Any], complete_form: bool
) -> _AutosavePlan:
    """Apply `data` to `application` (loaded with its line) and its rows in memory."""
    invalid: dict[str, dict[str, str]] = dict(application.invalid_input or {})
    errors: dict[str, str] = {}
    before = {name: getattr(application, name) for name in AUTOSAVE_FIELDS}
    before_invalid = application.invalid_input
    seen = application.updated_at

    def flag(key: str, raw: Any, message: Any, params: Mapping[str, Any] | None = None) -> None:
        # PostgreSQL keeps no NUL in text or jsonb: what was typed is kept without it; the
        # message is kept as its German source and translated when shown (numbers.shown_error)
        invalid[key] = {
            "value": str(raw)[:20000].replace("\x00", ""),
            **numbers.stored_error(message, params),
        }
        errors[key] = numbers.translated(message, params)

    def accept(key: str, raw: Any, parse, apply) -> None:
        text = raw if isinstance(raw, str) else str(raw or "")
        if "\x00" in text:
            flag(key, raw, numbers.CONTROL_CHARACTER)
            return
        try:
            value = parse(text)
        except numbers.InputError as error:
            flag(key, raw, error.message, error.params)
        except (ValueError, ArithmeticError):  # a parser's slip: never Python's English text
            flag(key, raw, numbers.GENERIC)
        else:
            invalid.pop(key, None)
            apply(value)

    for name, parser in APPLICATION_PARSERS.items():
        if name in data:
            accept(name, data[name], parser, lambda v, n=name: setattr(application, n, v))
    _check_period(application, data, before, invalid, flag)
    if "target_groups" in data or complete_form:
        raw = data.get("target_groups", [])
        values = [raw] if isinstance(raw, str) else list(raw or [])
        application.target_groups = [v for v in TargetGroup.values if v in values]
    if "not_started_declared" in data or complete_form:
        application.not_started_declared = str(data.get("not_started_declared", "")) in {
            "on",
            "true",
            "1",
        }

    if "other_funding_declaration" in data or complete_form:
        raw = str(data.get("other_funding_declaration", "") or "")
        # radio buttons: absent from a whole form means none was chosen yet
        application.other_funding_declaration = raw if raw in OtherFundingDeclaration.values else ""

    items_list, sources_list = selectors.cost_plan_rows(application)
    row_keys = [(key, match) for key in data if (match := ROW_KEY.match(key))]
    dirty: set = set()
    if row_keys:
        dirty = _autosave_rows(application, data, row_keys, items_list, sources_list, accept)

    grant = selectors.grant_for(application)
    if grant.amount >= MONEY_LIMIT and row_keys:
        _refuse_oversized_plan(items_list, sources_list, dirty, data, flag)
        grant = selectors.grant_for(application)
    application.invalid_input = invalid
    application.requested_amount = grant.amount
    now = timezone.now()
    application.last_saved_at = application.updated_at = now
    changed = {
        name: getattr(application, name)
        for name in AUTOSAVE_FIELDS
        if getattr(application, name) != before[name]
    }
    if invalid != before_invalid:
        changed["invalid_input"] = invalid
    changed.update(requested_amount=application.requested_amount, last_saved_at=now, updated_at=now)
    return _AutosavePlan(
        application=application,
        seen=seen,
        changed=changed,
        dirty_rows=dirty,
        result=AutosaveResult(saved_at=now, errors=errors, application=application, grant=grant),
    )


def _check_period(
    application: Application, data: Mapping[str, Any], before: dict, invalid: dict, flag
) -> None:
    """Project end before its start (constraint `application_period_ordered`): the date just
    typed is kept as invalid input next to its field, the stored one goes back to what it was
    (or is left empty if that would not fit either)."""
    start, end = application.period_start, application.period_end
    if start is None or end is None or end >= start:
        return
    if "period_end" in data and "period_end" not in invalid:  # the end just typed is a date
        key, message = "period_end", gettext_lazy("Das Projektende liegt vor dem Projektbeginn.")
    else:
        key, message = (
            "period_start",
            gettext_lazy("Der Projektbeginn liegt nach dem Projektende."),
        )
    flag(key, data.get(key, ""), message)
    previous = before[key]
    other = application.period_start if key == "period_end" else application.period_end
    fits = previous is None or (previous >= other if key == "period_end" else previous <= other)
    setattr(application, key, previous if fits else None)


def _refuse_oversized_plan(items_list, sources_list, dirty: set, data, flag) -> None:
    """The requested grant would not fit its column (DECIMAL(14, 2)): the amounts and units just
    changed are kept as invalid input and their rows go back to what is stored."""
    for model, rows, kind in (
        (CostItem, items_list, "cost"),
        (FundingSource, sources_list, "source"),
    ):
        changed = [row for row in rows if row in dirty]
        if not changed:
            continue
        attributes = ("amount", "units", "count") if kind == "cost" else ("amount",)
        stored = {
            values["pk"]: values
            for values in model.objects.filter(pk__in=[row.pk for row in changed]).values(
                "pk", *attributes
            )
        }
        for row in changed:
            for attribute in attributes:
                before = stored.get(row.pk, {}).get(attribute)
                if getattr(row, attribute) != before:
                    key = f"{kind}-{row.pk}-{attribute}"
                    flag(key, data.get(key, ""), SUM_TOO_LARGE)
                    setattr(row, attribute, before)


def _autosave_write(plan: _AutosavePlan) -> bool:
    """Inside a transaction: write the plan if the application is as it was read."""
    application = plan.application
    update = _autosave_update(tuple(plan.changed))
    if not update.execute(plan.changed, pk=application.pk, seen=plan.seen):
        return False
    for row in plan.dirty_rows:
        # drafts change with every keystroke: the submission snapshot is the record, not history
        row.skip_history_when_saving = True
        row.save()
    bump(*application.content_versions())  # core.caching: update() sends no signals
    return True


def _autosave_rows(application, data, row_keys, items_list, sources_list, accept) -> set:
    """Apply the posted cost and financing row fields in memory; return the rows that changed."""
    rows: dict[str, dict[int, Any]] = {
        "cost": {item.pk: item for item in items_list},
        "source": {source.pk: source for source in sources_list},
        "other": {},
    }
    if any(match.group(1) == "other" for _key, match in row_keys):
        rows["other"] = {row.pk: row for row in _OTHER_FUNDING.fetch(application=application.pk)}
    rates: dict[int, UnitRate] | None = None
    dirty: set = set()
    parsers_of = {"cost": COST_PARSERS, "source": SOURCE_PARSERS, "other": OTHER_PARSERS}
    for key, match in row_keys:
        raw = data[key]
        kind, pk, attribute = match.group(1), int(match.group(2)), match.group(3)
        row = rows[kind].get(pk)
        if row is None:
            continue
        if kind == "cost" and attribute == "unit_rate":
            if rates is None:
                rates = {rate.pk: rate for rate in _UNIT_RATES.fetch(line=application.line_id)}
            text = str(raw or "")
            rate = rates.get(int(text)) if text.isascii() and text.isdigit() else None
            _set(row, "unit_rate", rate, dirty)
            if rate is not None:
                _set(row, "category", CostCategory.UNIT_RATE, dirty)
            continue
        parsers = parsers_of[kind]
        if attribute in parsers:
            accept(key, raw, parsers[attribute], lambda v, r=row, a=attribute: _set(r, a, v, dirty))
    return dirty


@transaction.atomic
def cost_item_add(*, application: Application, by) -> CostItem:
    application = _lock(application)
    _require_editable(application)
    position = application.cost_items.count() + 1
    _touch(application)
    return CostItem.objects.create(application=application, position=position)


@transaction.atomic
def cost_item_remove(*, application: Application, item: CostItem, by) -> None:
    application = _lock(application)
    _require_editable(application)
    pk = item.pk
    item.delete()
    _forget_invalid(application, f"cost-{pk}-")


@transaction.atomic
def funding_source_add(*, application: Application, by) -> FundingSource:
    application = _lock(application)
    _require_editable(application)
    _touch(application)
    return FundingSource.objects.create(application=application)


@transaction.atomic
def funding_source_remove(*, application: Application, source: FundingSource, by) -> None:
    application = _lock(application)
    _require_editable(application)
    pk = source.pk
    source.delete()
    _forget_invalid(application, f"source-{pk}-")


@transaction.atomic
def other_funding_add(*, application: Application, by) -> OtherFunding:
    """A row of the declaration of other funding for the same project (Doppelförderung)."""
    application = _lock(application)
    _require_editable(application)
    _touch(application)
    return OtherFunding.objects.create(application=application)


@transaction.atomic
def other_funding_remove(*, application: Application, other: OtherFunding, by) -> None:
    application = _lock(application)
    _require_editable(application)
    pk = other.pk
    other.delete()
    _forget_invalid(application, f"other-{pk}-")


def _touch(application: Application) -> None:
    """A row changed: a new `updated_at` tells a concurrent autosave to work out its changes
    again (application_autosave checks it)."""
    Application.objects.filter(pk=application.pk).update(updated_at=timezone.now())


def _forget_invalid(application: Application, prefix: str) -> None:
    application.invalid_input = {
        k: v for k, v in (application.invalid_input or {}).items() if not k.startswith(prefix)
    }
    application.requested_amount = selectors.grant_for(application).amount
    application.save(update_fields=["invalid_input", "requested_amount", "updated_at"])


@transaction.atomic
def attachment_add(*, application: Application, upload, label: str, by):
    """Attach a file that passed the shared upload validator (`SafeFileField`)."""
    application = _lock(application)
    _require_editable(application)
    document = document_store(
        upload=upload, attach_to=application, kind=ATTACHMENT_KIND, by=by, label=label
    )
    audit_record(
        action="application.attachment_added", target=application, by=by, data={"label": label}
    )
    return document


@transaction.atomic
def attachment_remove(*, application: Application, document, by) -> None:
    application = _lock(application)
    _require_editable(application)
    document_delete(document=document, by=by)


@transaction.atomic
def application_submit(*, application: Application, by, now: datetime | None = None):
    """Full check, freeze a snapshot, move to 'submitted', store a receipt PDF and mail it."""
    application = _lock(application)
    _require_editable(application)
    now = now or timezone.now()
    errors = selectors.submission_errors(application, day=timezone.localdate(now))
    if errors:
        raise ApplicationIncomplete(errors)
    application.requested_amount = selectors.grant_for(application).amount
    number = application.snapshots.count() + 1
    ApplicationSnapshot.objects.create(
        application=application,
        number=number,
        submitted_at=now,
        submitted_by=by,
        data=selectors.snapshot_data(application),
    )
    application.submit()
    application.submitted_at = now
    application.save()
    receipt_pdf = _receipt_pdf(application, number=number, by=by)
    receipt = document_store_generated(
        content=receipt_pdf,
        filename=f"Eingangsbestaetigung-{application.reference}-{number}.pdf",
        attach_to=application,
        kind=RECEIPT_KIND,
        by=by,
        label=f"Eingangsbestätigung Nr. {number}",
    )
    audit_record(
        action="application.submitted",
        target=application,
        by=by,
        data={"number": number, "requested": str(application.requested_amount)},
    )
    notify(
        to=[by.email, application.organisation.email],
        template="applications/email/submitted",
        context={
            "reference": application.reference,
            "title": application.title,
            "organisation": application.organisation.name,
            "requested": format_eur(application.requested_amount),
            "submitted_at": format_date(
                now, "SHORT_DATETIME_FORMAT", language=settings.LANGUAGE_CODE
            ),
            "number": number,
            "receipt_path": reverse("documents:download", kwargs={"public_id": receipt.public_id}),
        },
        attachments=[(receipt.display_name, receipt_pdf, "application/pdf")],
    )
    return application


def _receipt_pdf(application: Application, *, number: int, by) -> bytes:
    """The receipt as tagged PDF/A-3a (archival), like every letter of the portal."""
    return render_pdf(
        "applications/receipt.html",
        {
            "application": application,
            "number": number,
            "by": by,
            "grant": selectors.grant_for(application),
            "cost_items": list(application.cost_items.select_related("unit_rate")),
            "sources": list(application.funding_sources.all()),
        },
    )


@transaction.atomic
def application_withdraw(*, application: Application, by, reason: str = "") -> Application:
    """The applicant takes the application back; only before a decision."""
    application = _lock(application)
    if application.status not in {
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.CHANGES_REQUESTED,
    }:
        raise NotAllowed(
            _("Über den Antrag ist bereits entschieden; er kann nicht zurückgezogen werden.")
        )
    was_submitted = application.status != ApplicationStatus.DRAFT
    application.withdraw()
    application.withdrawn_at = timezone.now()
    application.save()
    audit_record(action="application.withdrawn", target=application, by=by, reason=reason)
    if was_submitted:
        notify(
            to=[by.email, application.organisation.email],
            template="applications/email/withdrawn",
            context={
                "reference": application.reference,
                "title": application.title,
                "organisation": application.organisation.name,
                "reason": reason,
            },
        )
    return application


# --- used by the case workers' steps (reviews app builds the inbox on top) -------------------


@transaction.atomic
def application_start_review(*, application: Application, by) -> Application:
    application = _lock(application)
    application.start_review()
    application.save()
    audit_record(action="application.review_started", target=application, by=by)
    return application


@transaction.atomic
def application_request_changes(*, application: Application, by, reason: str) -> Application:
    """Send the application back to the applicant; they edit and submit again."""
    if not reason.strip():
        raise DomainError(
            _("Bitte beschreiben Sie, was nachgebessert werden soll."), field="reason"
        )
    application = _lock(application)
    application.request_changes()
    application.save()
    audit_record(action="application.changes_requested", target=application, by=by, reason=reason)
    notify(
        to=[application.created_by.email, application.organisation.email],
        template="applications/email/changes_requested",
        context={
            "reference": application.reference,
            "title": application.title,
            "reason": reason,
            "path": application.get_absolute_url(),
        },
    )
    return application


# --- early start (vorzeitiger Maßnahmebeginn) ------------------------------------------------

EARLY_START_LETTER_KIND = "vorzeitiger_beginn"


@transaction.atomic
def early_start_request(
    *,
    application: Application,
    by,
    project_title: str,
    planned_start: date | None,
    reasons: str,
    contracts: str,
    on: date | None = None,
) -> EarlyStartRequest:
    """The applicant asks, from the draft, for consent to start before the decision.

    Consent must come before the start (VV Nr. 1.3 zu § 44 LHO; Hessian number to verify):
    signing a delivery or service contract counts as the start, so the request names the
    contracts to be signed, and the wished start lies in the future. What staff will see is
    copied into the request; the draft stays the applicant's own (ADR 0005)."""
    application = _lock(application)
    _require_editable(application)
    on = on or timezone.localdate()
    if not selectors.early_start_possible(application.line):
        raise NotAllowed(
            _(
                "In dieser Förderlinie darf das Projekt nicht vor der Bewilligung beginnen; ein "
                "vorzeitiger Maßnahmebeginn ist nicht möglich."
            )
        )
    if application.early_start_requests.filter(status=EarlyStartStatus.SENT).exists():
        raise NotAllowed(
            _("Über Ihren Antrag auf vorzeitigen Maßnahmebeginn ist noch nicht entschieden.")
        )
    if not project_title.strip():
        raise DomainError(_("Bitte geben Sie den Projekttitel an."), field="project_title")
    if planned_start is None:
        raise DomainError(_("Bitte geben Sie den gewünschten Beginn an."), field="planned_start")
    if planned_start < on:
        raise DomainError(
            _(
                "Der gewünschte Beginn liegt in der Vergangenheit. Eine Zustimmung ist nur vor "
                "dem Beginn möglich."
            ),
            field="planned_start",
        )
    if not reasons.strip():
        raise DomainError(
            _("Bitte begründen Sie, warum das Projekt vor der Bewilligung beginnen muss."),
            field="reasons",
        )
    if not contracts.strip():
        raise DomainError(
            _("Bitte nennen Sie die Verträge, die Sie vor der Bewilligung schließen wollen."),
            field="contracts",
        )
    request = EarlyStartRequest.objects.create(
        application=application,
        organisation=application.organisation,
        line=application.line,
        project_title=project_title.strip()[:200],
        planned_start=planned_start,
        reasons=reasons.strip(),
        contracts=contracts.strip(),
        sent_at=timezone.now(),
        sent_by=by,
    )
    audit_record(
        action="application.early_start_requested",
        target=application,
        by=by,
        data={"request": request.pk, "planned_start": planned_start.isoformat()},
    )
    return request


def early_start_decide(
    *,
    request: EarlyStartRequest,
    by,
    approve: bool,
    approved_start: date | None = None,
    reasons: str = "",
    on: date | None = None,
) -> EarlyStartRequest:
    """The granting authority consents to an early start, or refuses it, in writing.

    The letter (PDF/A) is rendered before the write transaction (issue #10: never under row
    locks), then stored with the request, audited and mailed in one transaction. A consent is
    given before the start (no consent for a past date), gives no right to funding and the start
    is at the applicant's risk (§ 44 LHO with VV Nr. 1.3 zu § 44 LHO; Hessian number to verify);
    a refusal states its reasons (§ 39 HVwVfG)."""
    on = on or timezone.localdate()
    reasons = reasons.strip()
    if request.status != EarlyStartStatus.SENT:
        raise NotAllowed(_("Über diesen Antrag ist bereits entschieden."))
    if approve:
        if approved_start is None:
            raise DomainError(
                _("Bitte geben Sie an, ab wann der Beginn zugelassen wird."),
                field="approved_start",
            )
        if approved_start < on:
            raise DomainError(
                _(
                    "Einem Beginn vor dem Datum der Zustimmung kann nicht zugestimmt werden "
                    "(nur vorherige Zustimmung)."
                ),
                field="approved_start",
            )
    elif not reasons:
        raise DomainError(_("Bitte begründen Sie die Ablehnung."), field="reasons")
    status = EarlyStartStatus.APPROVED if approve else EarlyStartStatus.REFUSED
    letter = _early_start_letter(
        request, status=status, approved_start=approved_start, reasons=reasons, on=on, by=by
    )
    with transaction.atomic():
        locked = EarlyStartRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != EarlyStartStatus.SENT:
            raise NotAllowed(_("Über diesen Antrag ist bereits entschieden."))
        locked.status = status
        locked.decided_on = on
        locked.decided_by = by
        locked.approved_start = approved_start if approve else None
        locked.decision_reasons = reasons
        locked.save()
        title = (
            "Zustimmung zum vorzeitigen Maßnahmebeginn"
            if approve
            else "Ablehnung des vorzeitigen Maßnahmebeginns"
        )
        document = document_store_generated(
            content=letter,
            filename=f"Vorzeitiger-Beginn-{request.application.reference}-{request.pk}.pdf",
            attach_to=locked,
            kind=EARLY_START_LETTER_KIND,
            by=by,
            label=title,
        )
        audit_record(
            action=f"application.early_start_{status}",
            target=locked.application,
            by=by,
            reason=reasons,
            data={
                "request": locked.pk,
                "approved_start": approved_start.isoformat() if approve and approved_start else "",
            },
        )
        application = locked.application
        notify(
            to=[locked.sent_by.email, application.organisation.email],
            template="applications/email/early_start_decided",
            context={
                "reference": application.reference,
                "title": locked.project_title,
                "approved": approve,
                "approved_start": format_date(
                    approved_start, "SHORT_DATE_FORMAT", language=settings.LANGUAGE_CODE
                )
                if approve and approved_start
                else "",
                "reasons": reasons,
                "path": locked.get_absolute_url(),
                "letter_path": reverse(
                    "documents:download", kwargs={"public_id": document.public_id}
                ),
            },
            attachments=[(document.display_name, letter, "application/pdf")],
        )
        return locked


def _early_start_letter(
    request: EarlyStartRequest, *, status: str, approved_start, reasons: str, on: date, by
) -> bytes:
    organisation = request.organisation
    return render_pdf(
        "applications/letters/early_start.html",
        {
            "request": request,
            "approved": status == EarlyStartStatus.APPROVED,
            "approved_start": approved_start,
            "reasons": reasons,
            "date": on,
            "reference": request.application.reference,
            "subject": "Zustimmung zum vorzeitigen Maßnahmebeginn"
            if status == EarlyStartStatus.APPROVED
            else "Ablehnung des vorzeitigen Maßnahmebeginns",
            "recipient_lines": [
                organisation.name,
                organisation.street,
                f"{organisation.postcode} {organisation.city}",
            ],
            "signatory_name": by.get_full_name() or by.email,
        },
    )
