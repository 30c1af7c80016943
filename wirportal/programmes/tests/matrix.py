from decimal import Decimal

from wirportal.core.testing import LAND, ROLES, Case

from .factories import CallFactory, FundingLineFactory, LineBudgetFactory, UnitRateFactory

STAFF = frozenset({"programme_staff", "admin"})


def build(world):
    line = FundingLineFactory(allocated_per_office=True)
    from wirportal.programmes.models import BudgetYear

    BudgetYear.objects.create(programme=line.programme, year=2027, total=Decimal("1000000"))
    world.objects["line"] = line
    world.objects["programme"] = line.programme
    world.objects["budget_year"] = line.programme.budget_years.get()
    world.objects["line_budget"] = LineBudgetFactory(line=line)
    world.objects["unit_rate"] = UnitRateFactory(line=line)
    world.objects["call"] = CallFactory(line=line)


def _pk(name):
    return lambda w: {"pk": w[name].pk}


CASES = [
    Case("programmes:programme-list", ROLES),
    Case("programmes:programme-detail", ROLES, kwargs=_pk("programme")),
    Case("programmes:programme-create", STAFF),
    Case(
        "programmes:programme-create",
        STAFF,
        method="post",
        data=lambda w: {"name": "Neues Programm", "short_name": "NP"},
    ),
    Case("programmes:programme-update", STAFF, kwargs=_pk("programme")),
    Case("programmes:budget-year-create", STAFF, kwargs=_pk("programme")),
    Case("programmes:budget-year-update", STAFF, kwargs=_pk("budget_year")),
    Case("programmes:line-create", STAFF, kwargs=_pk("programme")),
    Case("programmes:line-detail", ROLES, kwargs=_pk("line")),
    Case("programmes:line-update", STAFF, kwargs=_pk("line")),
    Case("programmes:unit-rate-create", STAFF, kwargs=_pk("line")),
    Case("programmes:unit-rate-update", STAFF, kwargs=_pk("unit_rate")),
    Case("programmes:unit-rate-delete", STAFF, kwargs=_pk("unit_rate"), method="post"),
    Case("programmes:line-budget-create", STAFF, kwargs=_pk("line")),
    Case("programmes:line-budget-update", STAFF, kwargs=_pk("line_budget")),
    Case("programmes:allocation-create", STAFF, kwargs=_pk("line_budget")),
    Case(
        "programmes:allocation-create",
        STAFF,
        kwargs=_pk("line_budget"),
        method="post",
        data=lambda w: {"office": w["office_x"].pk, "amount": "5000"},
    ),
    Case("programmes:call-list", ROLES),
    Case("programmes:call-detail", ROLES, kwargs=_pk("call")),
    Case("programmes:call-create", STAFF, kwargs=_pk("line")),
    Case("programmes:call-update", STAFF, kwargs=_pk("call")),
    Case("programmes:budget-overview", LAND),
    Case("programmes:budget-overview", LAND, query="jahr=2027"),
]
