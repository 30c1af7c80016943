"""Database expressions the dashboards need and Django does not ship: whole days between two
dates, the unit (WIR-Einheit) a ledger booking belongs to, and PostgreSQL's `percentile_cont`."""

from django.db.models import (
    Aggregate,
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, StrIndex, Substr
from django.db.models.lookups import GreaterThan

# "application:<pk>" or "application:<pk>:<binding round>" (decisions.GrantDecision.source_key)
_PREFIX = "application:"


class DaysBetween(Func):
    """Whole days from `earlier` to `later` (both dates); NULL when either is NULL."""

    template = "(%(expressions)s)"  # PostgreSQL: date − date is a number of days
    arg_joiner = " - "
    output_field = IntegerField()

    def __init__(self, later, earlier, **extra):
        super().__init__(later, earlier, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate `percentile_cont(fraction) WITHIN GROUP (ORDER BY x)`:
    the value at `fraction` with linear interpolation between neighbouring rows."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()
    allow_distinct = False

    def __init__(self, expression, *, fraction: float, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must lie between 0 and 1")
        # a constant of ours, never user input: rendered as a number literal
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


def application_of_source(field: str = "source_key"):
    """The application id inside a ledger source key, as an integer expression."""
    rest = Substr(F(field), len(_PREFIX) + 1)
    colon = StrIndex(rest, Value(":"))
    number = Case(When(GreaterThan(colon, 0), then=Substr(rest, 1, colon - 1)), default=rest)
    return Cast(number, IntegerField())


def unit_of_entry():
    """The WIR-Einheit a ledger entry belongs to: its own unit (lines allocated per unit) or the
    seat of the applicant organisation of the application in its source key."""
    from wirportal.applications.models import Application

    seat = Application.objects.filter(pk=OuterRef("application_id")).values("organisation__office")[
        :1
    ]
    return Coalesce(F("office"), Subquery(seat, output_field=IntegerField()))
