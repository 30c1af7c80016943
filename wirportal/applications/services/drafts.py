"""The draft: create, autosave, rows of the cost and financing plan, other funding, attachments."""

import functools
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wirportal.audit.services import audit_record
from wirportal.core import numbers
from wirportal.core.caching import bump
from wirportal.core.dates import format_date
from wirportal.core.exceptions import DeadlineMissed, NotAllowed
from wirportal.core.prepared import PreparedQuery, PreparedUpdate
from wirportal.documents.services import document_delete, document_store
from wirportal.offices.models import Organisation
from wirportal.programmes.grants import GrantComputation
from wirportal.programmes.models import Call, UnitRate

from .. import selectors
from ..models import (
    EDITABLE,
    Application,
    CostCategory,
    CostItem,
    FundingSource,
    OtherFunding,
    OtherFundingDeclaration,
    TargetGroup,
)
from .common import ATTACHMENT_KIND, _forget_invalid, _lock, _require_editable, _touch
from .parsing import (
    APPLICATION_PARSERS,
    COST_PARSERS,
    MONEY_LIMIT,
    OTHER_PARSERS,
    ROW_KEY,
    SOURCE_PARSERS,
    SUM_TOO_LARGE,
    _set,
)


@dataclass
class AutosaveResult:
    saved_at: datetime
    errors: dict[str, str] = field(default_factory=dict)
    application: Application | None = None  # with its rows attached (no re-query needed)
    grant: GrantComputation | None = None  # as computed from those rows


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
    # One UPDATE is atomic by itself: the transaction (BEGIN and COMMIT, two round trips to
    # PostgreSQL on every pause in typing) only where rows change with it.
    with transaction.atomic() if plan.dirty_rows else nullcontext():
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
    """Write the plan if the application is as it was read: inside a transaction where rows
    change too (one UPDATE alone needs none)."""
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
