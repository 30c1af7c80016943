"""Pages and files of the partnership view (issue #18). Public pages are the same for everyone
(whole-page cache for visitors, the body a shared fragment); the staff part of a unit's page is
rendered per request for those the rules allow."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wirportal.core.caching import (
    Fragment,
    cached_fragment,
    cached_fragments,
    public_page,
    versions,
)
from wirportal.core.charts import Chart, Series
from wirportal.core.permissions import check_perm
from wirportal.core.routers import replica_reads
from wirportal.core.views import button_action
from wirportal.documents.pdf import render_pdf

from . import exports, maps, schema, selectors, services
from .models import PartnershipRelease

# the content the public figures show: a change to any of them renews the pages
CONTENT = (
    "decisions",
    "payments",
    "organisations",
    "offices",
    "programmes",
    "applications",
    "proofs",
    "events",
    "ikoe",
)
RELEASES = ("partnership-releases",)
MAX_AGE = 3600

SORTS = {
    "name": lambda c: c.unit.name.casefold(),
    "bewilligt": lambda c: c.approved,
    "ausgezahlt": lambda c: c.paid,
    "stellen": lambda c: c.posts,
    "empfaenger": lambda c: c.recipients,
    "akteure": lambda c: c.actors,
    "veranstaltungen": lambda c: c.events_held + c.events_attended,
    "ikoe": lambda c: -1 if c.ikoe is None else c.ikoe,
}


def _year(request: HttpRequest, years: list[int], default: int) -> tuple[int, str]:
    """The year of `?jahr=`; a year without data or a typo falls back to `default` with a note."""
    raw = request.GET.get("jahr", "")
    if not raw:
        return default, ""
    if raw.isascii() and raw.isdigit() and int(raw) in years:
        return int(raw), ""
    return default, _("Für „%(value)s“ gibt es keine Zahlen; gezeigt wird %(year)s.") % {
        "value": raw[:10],
        "year": default,
    }


def _lookup(key: str) -> selectors.KeyLookup:
    found = selectors.unit_by_key(key)
    if found.office_id is None:
        raise Http404(_("Diese WIR-Einheit gibt es nicht."))
    return found


# --------------------------------------------------------------------------- the Land overview


@replica_reads  # read-heavy and public (core.routers); cache fills read the primary
@require_safe
@public_page(*CONTENT)
def overview(request: HttpRequest) -> HttpResponse:
    """The body is a shared fragment keyed by the asked parameters: a hit computes nothing."""
    raw_year = request.GET.get("jahr", "")[:10]
    sort = request.GET.get("sortierung", "name")
    sort = sort if sort in SORTS else "name"
    descending = request.GET.get("richtung") == "ab"
    measure = request.GET.get("karte", maps.DEFAULT)
    measure = measure if measure in maps.MEASURES else maps.DEFAULT

    def context() -> dict:
        data = selectors.figures(public=True)
        year, note = _year(request, data.years, data.default_year())
        rows = sorted(data.year_rows(year), key=SORTS[sort], reverse=descending)
        return {
            "note": note,
            "year": year,
            "years": list(reversed(data.years)),
            "rows": rows,
            "totals": _totals(rows),
            "sort": sort,
            "descending": descending,
            "columns": _columns(year, sort, descending, measure),
            "map": maps.unit_map(data.year_rows(year), measure=measure, year=year),
            "measures": [(key, label) for key, (label, _value, _kind) in maps.MEASURES.items()],
            "measure": measure,
        }

    body = cached_fragment(
        "partnership/_overview.html",
        context,
        key=("overview", raw_year, sort, descending, measure),
        depends_on=CONTENT,
    )
    return render(request, "partnership/overview.html", {"body": body})


def _query(year: int, sort: str, descending: bool, measure: str) -> str:
    parts = [f"jahr={year}", f"sortierung={sort}"]
    if descending:
        parts.append("richtung=ab")
    if measure != maps.DEFAULT:
        parts.append(f"karte={measure}")
    return "?" + "&".join(parts)


def _columns(year: int, sort: str, descending: bool, measure: str) -> list[dict]:
    labels = [
        ("name", _("WIR-Einheit"), False),
        ("bewilligt", _("Bewilligt"), True),
        ("ausgezahlt", _("Ausgezahlt"), True),
        ("stellen", _("Stellen (VZÄ)"), True),
        ("empfaenger", _("Zuwendungs­empfänger"), True),
        ("akteure", _("Regionale Akteure"), True),
        ("veranstaltungen", _("Veranstaltungen (ausgerichtet / besucht)"), True),
        ("ikoe", _("IKÖ-Mittelwert"), True),
    ]
    columns = []
    for key, label, numeric in labels:
        current = key == sort
        # a click on the current column turns the order around; a new column starts descending
        # for figures (the biggest first) and ascending for names
        next_descending = (not descending) if current else numeric
        columns.append(
            {
                "key": key,
                "label": label,
                "numeric": numeric,
                "url": _query(year, key, next_descending, measure),
                "aria_sort": ("descending" if descending else "ascending") if current else "",
            }
        )
    return columns


def _totals(rows: list[selectors.UnitYear]) -> dict:
    return {
        "approved": sum((r.approved for r in rows), selectors.ZERO),
        "paid": sum((r.paid for r in rows), selectors.ZERO),
        "posts": sum((r.posts for r in rows), selectors.ZERO),
        "recipients": sum(r.recipients for r in rows),
        "actors": sum(r.actors for r in rows),
        "events_held": sum(r.events_held for r in rows),
        "events_attended": sum(r.events_attended for r in rows),
    }


# --------------------------------------------------------------------------- the unit page


@replica_reads  # read-heavy and public (core.routers); cache fills read the primary
@require_safe
@public_page(*CONTENT)
def unit(request: HttpRequest, key: str) -> HttpResponse:
    found = _lookup(key)
    if found.current != key:
        return redirect("partnership:unit", key=found.current, permanent=True)
    return _unit_page(request, found)


def _public_unit_context(office_id: int) -> dict:
    data = selectors.figures(office_ids=[office_id], public=True)
    the_unit = data.units[0]
    rows = data.unit_rows(the_unit)
    return {
        "unit": the_unit,
        "rows": rows,
        "chart": _unit_chart(rows),
        "recipients": selectors.recipients(office_id),
        "actors": selectors.actors_of(office_id, public=True),
        "events": selectors.events_of(office_id, public=True),
        "indicators": selectors.indicators_of(office_id, data.lines),
        "ikoe": selectors.ikoe_progress(the_unit.office, all_years=False),
    }


def _unit_page(request: HttpRequest, found: selectors.KeyLookup) -> HttpResponse:
    """The public body and, for those allowed, the staff part: cached fragments read with their
    tokens in one go (both under the staff part's names, so that they share one token)."""
    office_id = found.office_id
    assert office_id is not None
    fragments = [
        Fragment(
            "partnership/_unit.html", lambda: _public_unit_context(office_id), ("unit", office_id)
        )
    ]
    user = request.user
    if user.is_authenticated:
        office = selectors.unit_office(office_id)
        if user.has_perm("partnership.view_staff_figures", office):
            # the same for everyone allowed, but for the IKÖ detail: a fragment per scope
            ikoe = user.has_perm("partnership.view_unnamed_ikoe", office)
            fragments.append(
                Fragment(
                    "partnership/_staff.html",
                    lambda: _staff_context(office_id, ikoe=ikoe),
                    ("unit-staff", office_id, ikoe),
                )
            )
    body, *staff = cached_fragments(*fragments, depends_on=(*CONTENT, "budget"))
    return render(
        request,
        "partnership/unit.html",
        {"body": body, "staff": staff[0] if staff else None, "key": found.current},
    )


def _staff_context(office_id: int, *, ikoe: bool) -> dict:
    data = selectors.figures(office_ids=[office_id], public=False, ikoe_unnamed_of=lambda o: True)
    the_unit = data.units[0]
    return {
        "staff": {
            "unit": the_unit,
            "rows": data.unit_rows(the_unit),
            "figures": selectors.staff_figures(office_id, data.lines),
            "actors": selectors.actors_of(office_id, public=False),
            "events": selectors.events_of(office_id, public=False),
            "ikoe": selectors.ikoe_progress(the_unit.office, all_years=True) if ikoe else None,
        }
    }


def _unit_chart(rows: list[selectors.UnitYear]) -> Chart:
    ordered = sorted(rows, key=lambda r: r.year)
    return Chart(
        categories=[str(r.year) for r in ordered],
        series=[
            Series(_("Bewilligt"), [r.approved for r in ordered]),
            Series(_("Ausgezahlt"), [r.paid for r in ordered]),
        ],
        kind="eur",
    )


# --------------------------------------------------------------------------- exports


def _etag(*parts: object) -> str:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
    return f'"{digest[:32]}"'


def _file(
    request: HttpRequest,
    body: Callable[[], bytes],
    *,
    etag: str,
    content_type: str,
    filename: str,
    attachment: bool,
) -> HttpResponse:
    """A data file with an `ETag` (the content versions: a harvester asking again gets a 304
    without the figures being computed), open to other sites, cached for an hour by visitors'
    caches (signed-in people: private, core.middleware)."""
    response: HttpResponse | None = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body(), content_type=content_type)
        disposition = "attachment" if attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"  # open data: other sites may fetch it
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


CSV = "text/csv; charset=utf-8; header=present"
JSON = "application/json; charset=utf-8"


def _current(kind: str) -> str:
    """The ETag of current data: schema, file, day (the JSON names it) and content versions."""
    return _etag(schema.SCHEMA_VERSION, kind, timezone.localdate(), versions(*CONTENT))


@require_safe
def all_csv(request: HttpRequest) -> HttpResponse:
    return _file(
        request,
        lambda: exports.to_csv(exports.rows(selectors.figures(public=True))),
        etag=_current("csv"),
        content_type=CSV,
        filename="wir-partnerschaft.csv",
        attachment=True,
    )


@require_safe
def all_json(request: HttpRequest) -> HttpResponse:
    return _file(
        request,
        lambda: exports.to_json(
            exports.rows(selectors.figures(public=True)), day=timezone.localdate()
        ),
        etag=_current("json"),
        content_type=JSON,
        filename="wir-partnerschaft.json",
        attachment=False,
    )


def _unit_rows(found: selectors.KeyLookup) -> list[dict]:
    assert found.office_id is not None
    data = selectors.figures(office_ids=[found.office_id], public=True)
    return exports.rows(data, unit=data.units[0])


@require_safe
def unit_csv(request: HttpRequest, key: str) -> HttpResponse:
    found = _lookup(key)
    if found.current != key:
        return redirect("partnership:unit-csv", key=found.current, permanent=True)
    return _file(
        request,
        lambda: exports.to_csv(_unit_rows(found)),
        etag=_current(f"csv:{key}"),
        content_type=CSV,
        filename=f"wir-partnerschaft-{key}.csv",
        attachment=True,
    )


@require_safe
def unit_json(request: HttpRequest, key: str) -> HttpResponse:
    found = _lookup(key)
    if found.current != key:
        return redirect("partnership:unit-json", key=found.current, permanent=True)
    return _file(
        request,
        lambda: exports.to_json(_unit_rows(found), day=timezone.localdate()),
        etag=_current(f"json:{key}"),
        content_type=JSON,
        filename=f"wir-partnerschaft-{key}.json",
        attachment=False,
    )


def _release(day: date) -> PartnershipRelease:
    return get_object_or_404(PartnershipRelease, day=day)


@require_safe
def release_csv(request: HttpRequest, day: date) -> HttpResponse:
    release = _release(day)  # a Stand never changes: its ETag is its day and schema
    return _file(
        request,
        lambda: exports.to_csv(release.rows),
        etag=_etag("release", "csv", release.day, release.schema_version),
        content_type=CSV,
        filename=f"wir-partnerschaft-{day.isoformat()}.csv",
        attachment=True,
    )


@require_safe
def release_json(request: HttpRequest, day: date) -> HttpResponse:
    release = _release(day)
    return _file(
        request,
        lambda: exports.to_json(release.rows, day=release.day, version=release.schema_version),
        etag=_etag("release", "json", release.day, release.schema_version),
        content_type=JSON,
        filename=f"wir-partnerschaft-{day.isoformat()}.json",
        attachment=False,
    )


@require_safe
def datapackage(request: HttpRequest) -> HttpResponse:
    def body() -> bytes:
        days = list(PartnershipRelease.objects.order_by("-day").values_list("day", flat=True))
        document = exports.datapackage(releases=days)
        return json.dumps(document, ensure_ascii=False, indent=2).encode()

    return _file(
        request,
        body,
        etag=_etag(schema.SCHEMA_VERSION, "datapackage", versions(*RELEASES)),
        content_type=JSON,
        filename="datapackage.json",
        attachment=False,
    )


@require_safe
@public_page(*RELEASES)
def data(request: HttpRequest) -> HttpResponse:
    """The dataset's documentation: what is published, schema, licence, Stände, downloads."""

    def context() -> dict:
        return {
            "fields": schema.FIELDS,
            "schema_version": schema.SCHEMA_VERSION,
            "licence": {
                "id": schema.LICENCE_ID,
                "title": schema.LICENCE_TITLE,
                "url": schema.LICENCE_URL,
                "attribution": schema.ATTRIBUTION,
            },
            "releases": list(
                PartnershipRelease.objects.order_by("-day").values(
                    "day", "schema_version", "row_count"
                )
            ),
        }

    body = cached_fragment("partnership/_data.html", context, key=("data",), depends_on=RELEASES)
    can_publish = request.user.is_authenticated and request.user.has_perm(
        "partnership.publish_release"
    )
    return render(request, "partnership/data.html", {"body": body, "can_publish": can_publish})


@require_POST
def release_publish(request: HttpRequest) -> HttpResponse:
    check_perm(request.user, "partnership.publish_release")
    return button_action(
        request,
        lambda: services.release_publish(by=request.user),
        back=reverse("partnership:data"),
        done=_("Der Stand ist veröffentlicht."),
    )


# --------------------------------------------------------------------------- regional conferences


def _region(region: str) -> str:
    if region not in selectors.REGIONS:
        raise Http404(_("Diese Konferenzregion gibt es nicht."))
    return region


def _conference_data(request: HttpRequest, region: str) -> tuple[selectors.Figures, int, str]:
    data = selectors.figures(office_ids=selectors.region_office_ids(region), public=True)
    year, note = _year(request, data.years, data.default_year())
    return data, year, note


def _region_chart(rows: list[selectors.UnitYear]) -> Chart:
    return Chart(
        categories=[r.unit.name for r in rows],
        series=[
            Series(_("Bewilligt"), [r.approved for r in rows]),
            Series(_("Ausgezahlt"), [r.paid for r in rows]),
        ],
        kind="eur",
    )


@replica_reads  # read-heavy and public (core.routers); cache fills read the primary
@require_safe
@public_page(*CONTENT)
def conference(request: HttpRequest, region: str) -> HttpResponse:
    _region(region)
    data, year, note = _conference_data(request, region)
    rows = data.year_rows(year)
    return render(
        request,
        "partnership/conference.html",
        {
            "region": region,
            "region_name": selectors.REGION_NAMES[region],
            "year": year,
            "years": list(reversed(data.years)),
            "rows": rows,
            "totals": _totals(rows),
            "chart": _region_chart(rows),
            "mismatches": selectors.region_mismatches(region),
            "note": note,
        },
    )


@replica_reads  # read-heavy and public (core.routers); cache fills read the primary
@require_safe
@public_page(*CONTENT)
def conference_unit(request: HttpRequest, region: str, key: str) -> HttpResponse:
    """One unit full-screen for the conference room: large type, previous/next by links."""
    _region(region)
    found = _lookup(key)
    if found.current != key:
        return redirect(
            "partnership:conference-unit", region=region, key=found.current, permanent=True
        )
    data, year, note = _conference_data(request, region)
    position = next((i for i, u in enumerate(data.units) if u.pk == found.office_id), None)
    if position is None:
        raise Http404(_("Diese WIR-Einheit gehört nicht zu dieser Konferenzregion."))
    cell = data.of(data.units[position], year)
    previous = data.units[position - 1] if position > 0 else None
    following = data.units[position + 1] if position + 1 < len(data.units) else None
    return render(
        request,
        "partnership/conference_unit.html",
        {
            "region": region,
            "region_name": selectors.REGION_NAMES[region],
            "cell": cell,
            "year": year,
            "position": position + 1,
            "count": len(data.units),
            "previous": previous,
            "following": following,
            "note": note,
        },
    )


@require_safe
def conference_pdf(request: HttpRequest, region: str) -> HttpResponse:
    """The results part of the conference as PDF/A-3a, one page per unit, rendered on request
    (a GET: no transaction is open, ADR 0014)."""
    _region(region)
    data, year, _note = _conference_data(request, region)
    rows = data.year_rows(year)
    pdf = render_pdf(
        "partnership/conference_pdf.html",
        {
            "region_name": selectors.REGION_NAMES[region],
            "year": year,
            "rows": rows,
            "totals": _totals(rows),
            "date": timezone.localdate(),
            "subject": f"WIR-Regionalkonferenz {selectors.REGION_NAMES[region]} {year}: Ergebnisse",
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="wir-regionalkonferenz-{region}-{year}.pdf"'
    )
    return response
