"""The Land's view: all 33 units side by side and the aggregate CSV."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from wirportal.core.caching import cached_fragment
from wirportal.core.permissions import check_perm
from wirportal.offices.selectors import office_of

from .. import exports, selectors
from ..models import CONTENT


def _year(request) -> int | None:
    try:
        return int(request.GET.get("jahr", ""))
    except ValueError:
        return None


@login_required
def comparison(request):
    """All units side by side. The body is a shared fragment under the IKÖ content versions,
    keyed by the year and the reader's scope (the Land, or one unit: its own row and the named
    ones); it renders without the request."""
    check_perm(request.user, "opening.view_comparison")
    land = request.user.has_perm("opening.view_land_aggregate")
    office = office_of(request.user)
    scope = "land" if land else f"unit:{office.pk if office else 0}"
    year = _year(request)
    user = request.user

    def context():
        years = selectors.comparison_years()
        chosen = year if year is not None else (years[0] if years else timezone.localdate().year)
        return {
            "comparison": selectors.comparison(user, chosen, years),
            "aggregate": selectors.land_aggregate() if land else None,
            "schema": exports.AGGREGATE_SCHEMA,
        }

    body = cached_fragment(
        "opening/_comparison_body.html",
        context,
        key=("comparison", scope, year),
        depends_on=CONTENT,
    )
    return render(request, "opening/comparison.html", {"body": body})


@login_required
def land_csv(request):
    check_perm(request.user, "opening.view_land_aggregate")
    return exports.aggregate_csv_response(selectors.land_aggregate())
