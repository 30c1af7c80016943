"""Helpers that build IKÖ data through the services (the questionnaire from catalogue.py)."""

from datetime import date

from django.utils import timezone

from wirportal.opening import services
from wirportal.opening.models import Answer, Indicator, Measure, SelfCheck


def questionnaire():
    return services.questionnaire_default_load()


def self_check(office, year=2026, *, submitted=False, rating=2, named=False) -> SelfCheck:
    """A unit's self-check; with `submitted` every indicator rated `rating` (an int or a
    function of the indicator's position in the list)."""
    version = questionnaire()
    check = SelfCheck.objects.create(office=office, year=year, questionnaire=version, named=named)
    if submitted:
        indicators = Indicator.objects.filter(field__questionnaire=version).order_by("pk")
        now = timezone.now()
        Answer.objects.bulk_create(
            Answer(
                self_check=check,
                indicator=indicator,
                rating=rating(index) if callable(rating) else rating,
                evidence="Beschluss",
                answered_at=now,
            )
            for index, indicator in enumerate(indicators)
        )
        check.status = "submitted"
        check.submitted_at = now
        check.save()
    return check


def measure(check, *, deadline=date(2026, 3, 1), status="planned", title="Fortbildung") -> Measure:
    return Measure.objects.create(
        self_check=check,
        field=check.questionnaire.fields.order_by("position").first(),
        title=title,
        owner="Personalamt",
        deadline=deadline,
        status=status,
    )
