"""Reads of the open dataset "Geförderte Projekte": funded grants per year, streamed.

What counts as funded (documented on the page and in docs/architecture.md):
- a Förderentscheidung to approve in full or in part (`Outcome.APPROVE`/`PARTIAL`) whose
  Zuwendungsbescheid the recipient has **accepted** (`DecisionStatus.ACCEPTED`). Issued but not
  yet accepted decisions may still lapse, revoked ones (Widerruf in vollem Umfang) are no longer
  grants: neither is published.
- recipients that are legal persons only: every `OrganisationKind` but "Sonstige" is one
  (Gebietskörperschaften, Zweckverbände, Wohlfahrtsverbände, kirchliche Körperschaften,
  Vereine, Migrantenorganisationen). A Träger of kind "Sonstige" may be a natural person (a sole
  trader, a GbR): its grants are left out entirely, not just its name (an Aktenzeichen with
  amounts would still be about a person).

One row per grant and year: the amount decided for that Haushaltsjahr (`year_amounts`) and the
sum of the grant's call-downs paid in that calendar year (`paid_on`; the amount paid is the sum
of the paid call-downs, as in settlement). A year appears if either is non-zero.

Published per row: the year, the Aktenzeichen, the Träger's name and kind, its WIR unit (seat)
with the official key valid on 31 December of the year and the Regierungsbezirk, the funding
line, the project title as the purpose, the Bewilligungszeitraum and the two amounts. Nothing
else leaves the database: no addresses, contacts, bank details, members, summaries, people.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import translation

from wirportal.core.money import to_money
from wirportal.decisions.models import DecisionStatus, GrantDecision, Outcome
from wirportal.offices.models import OfficeKey, OrganisationKind
from wirportal.payments.models import PaymentRequest, RequestStatus

CHUNK_SIZE = 2000
FUNDED_STATUSES = (DecisionStatus.ACCEPTED,)
FUNDED_OUTCOMES = (Outcome.APPROVE, Outcome.PARTIAL)
# kinds that may be natural persons: never published (see the module's docstring)
UNPUBLISHED_KINDS = (OrganisationKind.OTHER,)

FUNDED = Q(status__in=FUNDED_STATUSES, outcome__in=FUNDED_OUTCOMES) & ~Q(
    application__organisation__kind__in=UNPUBLISHED_KINDS
)
PAID = Q(status=RequestStatus.PAID, paid_on__isnull=False)


@dataclass(frozen=True)
class Row:
    jahr: int
    aktenzeichen: str
    zuwendungsempfaenger: str
    traegerart: str
    wir_einheit: str
    amtlicher_schluessel: str
    regierungsbezirk: str
    foerderlinie_kuerzel: str
    foerderlinie: str
    zweck: str
    bewilligungszeitraum_beginn: date | None
    bewilligungszeitraum_ende: date | None
    betrag_bewilligt: Decimal
    betrag_ausgezahlt: Decimal


def funded_decisions() -> QuerySet[GrantDecision]:
    return GrantDecision.objects.filter(FUNDED)


def paid_requests() -> QuerySet[PaymentRequest]:
    """The paid call-downs of published grants."""
    return PaymentRequest.objects.filter(
        PAID,
        decision__status__in=FUNDED_STATUSES,
        decision__outcome__in=FUNDED_OUTCOMES,
    ).exclude(decision__application__organisation__kind__in=UNPUBLISHED_KINDS)


@dataclass(frozen=True)
class DatasetState:
    projects: int
    years: list[int]
    last_modified: datetime | None


def dataset_state() -> DatasetState:
    """Number of published grants, the years with data and the last change: one query.

    The last change is the latest `updated_at` of any decision (a Widerruf takes one out), call-
    down or Träger of a decision; `ETag` (the content versions) is the stronger validator."""
    agg = GrantDecision.objects.aggregate(
        projects=Count("pk", filter=FUNDED, distinct=True),
        first=Min("period_start", filter=FUNDED),
        last=Max("period_end", filter=FUNDED),
        paid_first=Min("payment_requests__paid_on", filter=FUNDED & _paid_of_decision()),
        paid_last=Max("payment_requests__paid_on", filter=FUNDED & _paid_of_decision()),
        decision_changed=Max("updated_at"),
        payment_changed=Max("payment_requests__updated_at"),
        organisation_changed=Max("application__organisation__updated_at"),
    )
    bounds = [
        day.year
        for day in (agg["first"], agg["last"], agg["paid_first"], agg["paid_last"])
        if day is not None
    ]
    years = list(range(min(bounds), max(bounds) + 1)) if agg["projects"] and bounds else []
    changes = [
        moment
        for moment in (
            agg["decision_changed"],
            agg["payment_changed"],
            agg["organisation_changed"],
        )
        if moment is not None
    ]
    return DatasetState(
        projects=agg["projects"], years=years, last_modified=max(changes) if changes else None
    )


def _paid_of_decision() -> Q:
    return Q(payment_requests__status=RequestStatus.PAID, payment_requests__paid_on__isnull=False)


def _office_keys() -> dict[int, list[tuple[str, date | None, date | None]]]:
    keys: dict[int, list[tuple[str, date | None, date | None]]] = {}
    for office_id, key, valid_from, valid_until in OfficeKey.objects.order_by(
        "office_id", "valid_from", "pk"
    ).values_list("office_id", "key", "valid_from", "valid_until"):
        keys.setdefault(office_id, []).append((key, valid_from, valid_until))
    return keys


def key_for(keys: list[tuple[str, date | None, date | None]], year: int) -> str:
    """The official key valid on 31 December of `year`; else the nearest earlier one."""
    day = date(year, 12, 31)
    valid = [
        key
        for key, start, end in keys
        if (start is None or start <= day) and (end is None or day <= end)
    ]
    if valid:
        return valid[-1]
    earlier = [key for key, start, _end in keys if start is None or start <= day]
    return earlier[-1] if earlier else (keys[0][0] if keys else "")


def _kind_labels() -> dict[str, str]:
    # the dataset is German whatever the reader's language (its schema names German labels)
    with translation.override("de"):
        return {value: str(label) for value, label in OrganisationKind.choices}


_DECISION_COLUMNS = (
    "pk",
    "year_amounts",
    "period_start",
    "period_end",
    "application__reference",
    "application__title",
    "application__organisation__name",
    "application__organisation__kind",
    "application__organisation__office_id",
    "application__organisation__office__name",
    "application__organisation__office__district__name",
    "application__line__code",
    "application__line__name",
)


def rows(*, year: int | None = None) -> Iterator[Row]:
    """The dataset, one year or all, ordered by grant and year. Three queries (the units' keys,
    the grants, the paid sums per grant and year), both big ones streamed in chunks and merged
    on the grant's key: memory stays constant however many rows there are."""
    keys = _office_keys()
    kinds = _kind_labels()
    decisions = funded_decisions()
    paid = paid_requests()
    if year is not None:
        paid = paid.filter(paid_on__year=year)
        decisions = decisions.filter(
            Q(year_amounts__has_key=str(year)) | Q(Exists(paid.filter(decision=OuterRef("pk"))))
        )
    paid_sums = (
        paid.annotate(year=ExtractYear("paid_on"))
        .values_list("decision_id", "year")
        .annotate(total=Sum("amount"))
        .order_by("decision_id", "year")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    pending = next(paid_sums, None)
    key_cache: dict[tuple[int, int], str] = {}
    for (
        pk,
        year_amounts,
        start,
        end,
        reference,
        title,
        organisation,
        kind,
        office_id,
        office,
        district,
        line_code,
        line,
    ) in decisions.order_by("pk").values_list(*_DECISION_COLUMNS).iterator(chunk_size=CHUNK_SIZE):
        paid_in: dict[int, Decimal] = {}
        while pending is not None and pending[0] <= pk:
            if pending[0] == pk:
                paid_in[int(pending[1])] = to_money(pending[2])
            pending = next(paid_sums, None)
        granted = {int(y): to_money(a) for y, a in (year_amounts or {}).items()}
        for row_year in sorted({y for y, a in granted.items() if a} | set(paid_in)):
            if year is not None and row_year != year:
                continue
            if office_id is None:
                key = ""
            else:
                key = key_cache.get((office_id, row_year), "")
                if not key:
                    key = key_cache[(office_id, row_year)] = key_for(
                        keys.get(office_id, []), row_year
                    )
            yield Row(
                jahr=row_year,
                aktenzeichen=reference or "",
                zuwendungsempfaenger=organisation,
                traegerart=kinds.get(kind, ""),
                wir_einheit=office or "",
                amtlicher_schluessel=key,
                regierungsbezirk=district or "",
                foerderlinie_kuerzel=line_code,
                foerderlinie=line,
                zweck=title,
                bewilligungszeitraum_beginn=start,
                bewilligungszeitraum_ende=end,
                betrag_bewilligt=granted.get(row_year, Decimal("0.00")),
                betrag_ausgezahlt=paid_in.get(row_year, Decimal("0.00")),
            )
