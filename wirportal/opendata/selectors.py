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
from typing import NamedTuple

from django.db.models import CharField, Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import translation

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


class Row(NamedTuple):  # a tuple: built per row of a large file, cheaper than a dataclass
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
    bewilligungszeitraum_beginn: str  # YYYY-MM-DD or empty
    bewilligungszeitraum_ende: str
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
    """Number of published grants, the years with data and the last change: two queries
    without joins to the call-downs' grants (they are cheap on the 10-year dataset).

    The years run from the first to the last year of a published grant's Bewilligungszeitraum
    or of a payment. The last change is the latest `updated_at` of any decision (a Widerruf takes
    one out), call-down or Träger of a decision; the `ETag` (the content versions) is the
    stronger validator."""
    decisions = GrantDecision.objects.aggregate(
        projects=Count("pk", filter=FUNDED),
        first=Min("period_start", filter=FUNDED),
        last=Max("period_end", filter=FUNDED),
        changed=Max("updated_at"),
        organisation_changed=Max("application__organisation__updated_at"),
    )
    payments = PaymentRequest.objects.aggregate(
        first=Min("paid_on", filter=PAID),
        last=Max("paid_on", filter=PAID),
        changed=Max("updated_at"),
    )
    bounds = [
        day.year
        for day in (decisions["first"], decisions["last"], payments["first"], payments["last"])
        if day is not None
    ]
    years = list(range(min(bounds), max(bounds) + 1)) if decisions["projects"] and bounds else []
    changes = [
        moment
        for moment in (
            decisions["changed"],
            decisions["organisation_changed"],
            payments["changed"],
        )
        if moment is not None
    ]
    return DatasetState(
        projects=decisions["projects"],
        years=years,
        last_modified=max(changes) if changes else None,
    )


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
    "start",
    "end",
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
# dates leave the database as ISO text (YYYY-MM-DD on SQLite and PostgreSQL): they are written
# out as such, a date object per cell would only be turned back into the same text
_ISO_DATES = {
    "start": Cast("period_start", CharField()),
    "end": Cast("period_end", CharField()),
}


def rows(*, year: int | None = None) -> Iterator[Row]:
    """The dataset, one year or all, ordered by grant and year. Three queries (the units' keys,
    the grants, the paid call-downs by grant), both big ones streamed in chunks and merged on
    the grant's key: memory stays constant however many rows there are. The call-downs are read
    without joins; those of grants that are not published find no partner and are skipped."""
    keys = _office_keys()
    kinds = _kind_labels()
    decisions = funded_decisions()
    paid = PaymentRequest.objects.filter(PAID)
    if year is not None:
        paid = paid.filter(paid_on__gte=date(year, 1, 1), paid_on__lte=date(year, 12, 31))
        decisions = decisions.filter(
            Q(year_amounts__has_key=str(year)) | Q(Exists(paid.filter(decision=OuterRef("pk"))))
        )
    payments = (
        paid.order_by("decision_id", "pk")
        .values_list("decision_id", Cast("paid_on", CharField()), "amount")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    pending = next(payments, None)
    key_cache: dict[tuple[int, int], str] = {}
    zero = Decimal("0.00")
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
    ) in (
        decisions.annotate(**_ISO_DATES)
        .order_by("pk")
        .values_list(*_DECISION_COLUMNS)
        .iterator(chunk_size=CHUNK_SIZE)
    ):
        paid_in: dict[int, Decimal] = {}
        while pending is not None and pending[0] <= pk:
            if pending[0] == pk:
                paid_year = int(pending[1][:4])
                paid_in[paid_year] = paid_in.get(paid_year, zero) + pending[2]
            pending = next(payments, None)
        granted = {int(y): Decimal(a) for y, a in (year_amounts or {}).items()}
        for row_year in sorted({y for y, a in granted.items() if a} | paid_in.keys()):
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
                row_year,
                reference or "",
                organisation,
                kinds.get(kind, ""),
                office or "",
                key,
                district or "",
                line_code,
                line,
                title,
                start or "",
                end or "",
                granted.get(row_year, zero),
                paid_in.get(row_year, zero),
            )
