"""Every read of the IKÖ pages, with a constant number of queries per page (issue #15).

A field's score is the mean of its indicators' ratings (0 … 4); its level, the whole part of the
mean, picks the suggestion configured for that field and level. Years are compared per field
`code`, which stays the same across questionnaire versions.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, Prefetch, QuerySet

from wirportal.accounts.roles import Role
from wirportal.core.charts import COMPACT, SCORE, Chart, Series
from wirportal.documents.models import StoredDocument
from wirportal.offices.models import Office

from .models import (
    MAX_LEVEL,
    OPEN_MEASURE_STATES,
    ActionField,
    Answer,
    CheckStatus,
    Contributor,
    Indicator,
    Measure,
    Questionnaire,
    SelfCheck,
)
from .rules import contributor_check_ids, is_land_reader


def score_chart(categories: list[str], series: list[Series]) -> Chart:
    """Field scores 0 … 4 on a fixed scale, one decimal."""
    return Chart(categories, series, kind=SCORE, scale_max=MAX_LEVEL, style=COMPACT)


def score(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def level_of(mean: Decimal | None) -> int | None:
    return None if mean is None else int(mean)


def checks_visible_to(user) -> QuerySet[SelfCheck]:
    checks = SelfCheck.objects.select_related("office", "questionnaire")
    if not user.is_authenticated:
        return checks.none()
    if is_land_reader(user) or user.is_superuser:
        return checks
    if user.role == Role.COORDINATOR:
        membership = getattr(user, "office_membership", None)
        return checks.filter(office_id=membership.office_id) if membership else checks.none()
    if user.role == Role.OPENING_CONTRIBUTOR:
        return checks.filter(pk__in=contributor_check_ids(user))
    return checks.none()


def check_for_page(pk: int) -> SelfCheck | None:
    return SelfCheck.objects.select_related("office", "questionnaire").filter(pk=pk).first()


def questionnaire_structure(questionnaire: Questionnaire) -> list[ActionField]:
    """The fields of a version with their indicators (two queries)."""
    return list(
        ActionField.objects.filter(questionnaire=questionnaire)
        .order_by("position")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("position")))
    )


@dataclass
class FieldResult:
    field: ActionField
    indicators: int
    answered: int
    mean: Decimal | None
    earlier: list[tuple[int, Decimal | None]] = dataclasses.field(default_factory=list)

    @property
    def level(self) -> int | None:
        return level_of(self.mean)

    @property
    def suggestion(self) -> str:
        return self.field.suggestion(self.level)


@dataclass
class CheckPage:
    check: SelfCheck
    fields: list[ActionField]
    answers: dict[int, Answer]
    documents: dict[int, list[StoredDocument]]
    results: list[FieldResult]
    earlier_years: list[int]
    contributors: list[Contributor]
    allowed_fields: set[int] | None

    @property
    def chart(self) -> Chart:
        series = [Series(str(self.check.year), [r.mean for r in self.results])]
        for index, year in enumerate(self.earlier_years):
            series.append(Series(str(year), [r.earlier[index][1] for r in self.results]))
        return score_chart([r.field.name for r in self.results], series)

    @property
    def open_count(self) -> int:
        total = sum(r.indicators for r in self.results)
        return total - sum(r.answered for r in self.results)

    @property
    def answerable(self) -> set[int]:
        """The fields the reader may answer (all for the unit's coordinators)."""
        if self.allowed_fields is None:
            return {r.field.pk for r in self.results}
        return self.allowed_fields


def _yearly_means(office_id: int, *, exclude_year: int | None = None) -> dict[int, dict]:
    """{year: {field code: mean}} of a unit's submitted self-checks (one query)."""
    rows = (
        Answer.objects.filter(
            self_check__office_id=office_id,
            self_check__status=CheckStatus.SUBMITTED,
            rating__isnull=False,
        )
        .exclude(self_check__year=exclude_year if exclude_year is not None else -1)
        .values("self_check__year", "indicator__field__code")
        .annotate(mean=Avg("rating"))
    )
    means: dict[int, dict] = defaultdict(dict)
    for row in rows:
        means[row["self_check__year"]][row["indicator__field__code"]] = score(row["mean"])
    return means


def answers_with_documents(check: SelfCheck) -> tuple[dict[int, Answer], dict[int, list]]:
    answers = {
        a.indicator_id: a
        for a in Answer.objects.filter(self_check=check).select_related("answered_by")
    }
    by_answer = {a.pk: a.indicator_id for a in answers.values()}
    documents: dict[int, list] = defaultdict(list)
    if by_answer:
        for document in StoredDocument.objects.filter(
            owner_type=ContentType.objects.get_for_model(Answer), owner_id__in=by_answer
        ).order_by("uploaded_at"):
            documents[by_answer[document.owner_id]].append(document)
    return answers, documents


def check_page(check: SelfCheck, user, *, earlier: int = 3) -> CheckPage:
    """Answers, the profile per field with up to `earlier` earlier years of the same unit,
    and the invited colleagues."""
    fields = questionnaire_structure(check.questionnaire)
    answers, documents = answers_with_documents(check)
    previous = _yearly_means(check.office_id, exclude_year=check.year)
    earlier_years = sorted((y for y in previous if y < check.year), reverse=True)[:earlier]
    earlier_years.sort()
    results = []
    for action_field in fields:
        ratings: list[int] = [
            answers[i.pk].rating  # type: ignore[misc]
            for i in action_field.indicators.all()
            if i.pk in answers and answers[i.pk].rating is not None
        ]
        mean = score(sum(ratings) / len(ratings)) if ratings else None
        results.append(
            FieldResult(
                field=action_field,
                indicators=len(action_field.indicators.all()),
                answered=len(ratings),
                mean=mean,
                earlier=[(y, previous[y].get(action_field.code)) for y in earlier_years],
            )
        )
    contributors = list(
        Contributor.objects.filter(self_check=check)
        .select_related("user")
        .prefetch_related("fields")
        .order_by("user__email")
    )
    allowed = None
    if user.role == Role.OPENING_CONTRIBUTOR:
        allowed = {f.pk for c in contributors if c.user_id == user.pk for f in c.fields.all()}
    return CheckPage(
        check=check,
        fields=fields,
        answers=answers,
        documents=documents,
        results=results,
        earlier_years=earlier_years,
        contributors=contributors,
        allowed_fields=allowed,
    )


def change_history(check: SelfCheck, limit: int = 40) -> list:
    """The django-simple-history records of the self-check and its answers, newest first:
    who changed which rating when (two queries)."""
    records = list(
        check.history.select_related("history_user").order_by("-history_date")[:limit]
    ) + list(
        Answer.history.filter(self_check_id=check.pk)
        .select_related("history_user", "indicator")
        .order_by("-history_date")[:limit]
    )
    records.sort(key=lambda record: record.history_date, reverse=True)
    return records[:limit]


# --- action plan and progress ---------------------------------------------------------------


def measures_of(check: SelfCheck) -> list[Measure]:
    return list(Measure.objects.filter(self_check=check).select_related("field"))


def measure_for_page(pk: int) -> Measure | None:
    return (
        Measure.objects.select_related("self_check__office", "self_check__questionnaire", "field")
        .filter(pk=pk)
        .first()
    )


def overdue_measures(office_id: int, *, today, limit: int = 10) -> list[Measure]:
    """Open measures of a unit past their deadline (the coordinator's start page)."""
    return list(
        Measure.objects.filter(
            self_check__office_id=office_id, status__in=OPEN_MEASURE_STATES, deadline__lt=today
        )
        .select_related("self_check", "field")
        .order_by("deadline", "pk")[:limit]
    )


@dataclass
class Progress:
    office: Office
    years: list[int]
    checks: dict[int, SelfCheck]
    rows: list[tuple[str, list[Decimal | None]]]  # field name, mean per year
    measures: dict[int, dict[str, int]]  # year → status → count

    @property
    def check_list(self) -> list[tuple[int, SelfCheck]]:
        items = []
        for year in sorted(self.checks, reverse=True):
            check = self.checks[year]
            counts = self.measures.get(year, {})
            check.measure_counts = {  # type: ignore[attr-defined]
                "done": counts.get("done", 0),
                "total": sum(counts.values()),
            }
            items.append((year, check))
        return items

    @property
    def chart(self) -> Chart:
        return score_chart(
            [name for name, _values in self.rows],
            [
                Series(str(year), [values[i] for _name, values in self.rows])
                for i, year in enumerate(self.years)
            ],
        )


def progress(office: Office) -> Progress:
    """The unit's profile over the years (submitted checks) and its measures per year."""
    checks = {
        c.year: c for c in SelfCheck.objects.filter(office=office).select_related("questionnaire")
    }
    means = _yearly_means(office.pk)
    years = sorted(means)
    latest = Questionnaire.objects.filter(published_at__isnull=False).order_by("-version").first()
    names = list(
        ActionField.objects.filter(questionnaire=latest)
        .order_by("position")
        .values_list("code", "name")
    )
    rows = [(name, [means[y].get(code) for y in years]) for code, name in names]
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Measure.objects.filter(self_check__office=office)
        .values("self_check__year", "status")
        .annotate(n=Count("pk"))
    ):
        counts[row["self_check__year"]][row["status"]] = row["n"]
    return Progress(office=office, years=years, checks=checks, rows=rows, measures=dict(counts))


# --- the Land: all units side by side, the aggregate -----------------------------------------


def current_fields() -> list[tuple[str, str]]:
    """(code, name) of the newest published version's fields: the columns of the comparison."""
    return list(
        ActionField.objects.filter(
            questionnaire__in=Questionnaire.objects.filter(published_at__isnull=False)
            .order_by("-version")
            .values("pk")[:1]
        )
        .order_by("position")
        .values_list("code", "name")
    )


@dataclass
class ComparisonRow:
    label: str
    office: Office | None  # None: anonymised
    check: SelfCheck | None
    means: list[Decimal | None]
    own: bool = False


@dataclass
class Comparison:
    year: int
    years: list[int]
    fields: list[tuple[str, str]]
    rows: list[ComparisonRow]
    land: list[Decimal | None]
    hidden: int  # units not shown by name to this reader (coordinators only)
    submitted: int
    missing: list[str] = dataclasses.field(default_factory=list)  # units without a check


def comparison_years() -> list[int]:
    return sorted(
        SelfCheck.objects.filter(status=CheckStatus.SUBMITTED)
        .values_list("year", flat=True)
        .distinct(),
        reverse=True,
    )


def comparison(user, year: int, years: list[int]) -> Comparison:
    """All 33 units of a year side by side: three queries for any number of units and years.

    The Land's readers see every unit; a unit that chose not to be named appears under a
    pseudonym ("Einheit A", ordered by its scores, not by name). A coordinator sees their own
    unit and the named ones; unnamed units count only in the Land's mean."""
    fields = current_fields()
    codes = [code for code, _name in fields]
    offices = list(Office.objects.order_by("name"))
    checks = {
        c.office_id: c for c in SelfCheck.objects.filter(year=year, status=CheckStatus.SUBMITTED)
    }
    per_check: dict[int, dict[str, Decimal | None]] = defaultdict(dict)
    for row in (
        Answer.objects.filter(
            self_check__year=year,
            self_check__status=CheckStatus.SUBMITTED,
            rating__isnull=False,
        )
        .values("self_check_id", "indicator__field__code")
        .annotate(mean=Avg("rating"))
    ):
        per_check[row["self_check_id"]][row["indicator__field__code"]] = score(row["mean"])
    land = []
    for code in codes:
        values: list[Decimal] = [m[code] for m in per_check.values() if m.get(code) is not None]  # type: ignore[misc]
        land.append(score(sum(values) / len(values)) if values else None)
    own_office = getattr(getattr(user, "office_membership", None), "office_id", None)
    land_reader = bool(is_land_reader(user) or user.is_superuser)
    named_rows: list[ComparisonRow] = []
    anonymous: list[ComparisonRow] = []
    missing: list[str] = []
    hidden = 0
    for office in offices:
        check = checks.get(office.pk)
        means: list[Decimal | None] = [None] * len(codes)
        if check is not None:
            means = [per_check.get(check.pk, {}).get(c) for c in codes]
        own = office.pk == own_office
        if check is None:
            missing.append(office.name)
        elif check.named or own:
            named_rows.append(ComparisonRow(office.name, office, check, means, own=own))
        elif land_reader:
            anonymous.append(ComparisonRow("", None, None, means))
        else:
            hidden += 1
    anonymous.sort(key=lambda r: [-(m or 0) for m in r.means])
    for number, anonymous_row in enumerate(anonymous):
        anonymous_row.label = _pseudonym(number)
    return Comparison(
        year=year,
        years=years,
        fields=fields,
        rows=named_rows + anonymous,
        land=land,
        hidden=hidden,
        submitted=len(checks),
        missing=missing,
    )


def _pseudonym(number: int) -> str:
    from django.utils.translation import gettext as _

    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return _("Einheit %(letter)s (anonym)") % {"letter": letters}


@dataclass
class AggregateRow:
    year: int
    code: str
    name: str
    units: int
    mean: Decimal | None
    levels: list[int]  # units per level 0 … 4 (by the unit's mean in the field)


def land_aggregate() -> list[AggregateRow]:
    """The Land's aggregate per year and field for the integration monitoring: how many units
    answered, the mean of the units' means and how many units reached each level. One query
    for the units' means, one for the field names; no unit is named."""
    names = dict(current_fields())
    per_unit = (
        Answer.objects.filter(self_check__status=CheckStatus.SUBMITTED, rating__isnull=False)
        .values("self_check__year", "self_check_id", "indicator__field__code")
        .annotate(mean=Avg("rating"))
    )
    grouped: dict[tuple[int, str], list[Decimal]] = defaultdict(list)
    for row in per_unit:
        grouped[(row["self_check__year"], row["indicator__field__code"])].append(
            score(row["mean"])  # type: ignore[arg-type]
        )
    order = {code: index for index, code in enumerate(names)}
    rows = []
    for (year, code), means in sorted(
        grouped.items(), key=lambda item: (item[0][0], order.get(item[0][1], 99), item[0][1])
    ):
        levels = [0] * 5
        for mean in means:
            levels[min(int(mean), 4)] += 1
        rows.append(
            AggregateRow(
                year=year,
                code=code,
                name=names.get(code, code),
                units=len(means),
                mean=score(sum(means) / len(means)),
                levels=levels,
            )
        )
    return rows


def questionnaires() -> list[Questionnaire]:
    return list(Questionnaire.objects.annotate(checks=Count("self_checks")).order_by("-version"))


def units_with_checks(user) -> QuerySet[SelfCheck]:
    return checks_visible_to(user).order_by("-year", "office__name")
