"""The public finder (no login, no cookie, GET only) and the recipients' pages for their offers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wirportal.core.caching import cached_fragment, public_page
from wirportal.core.permissions import check_perm
from wirportal.core.routers import replica_reads
from wirportal.core.views import Saved, button_action, form_page
from wirportal.decisions.models import GrantDecision
from wirportal.offices.models import RegionalActor

from . import geodata, selectors, services
from .forms import OfferForm, PublishForm, SearchForm, TranslationForm
from .languages import BY_CODE, FINDER_LANGUAGES, GERMAN, Language
from .models import Offer


def _language(code: str) -> Language:
    language = BY_CODE.get(code)
    if language is None or code == "de":  # German lives at /angebote/ only (one URL per page)
        raise Http404
    return language


def search_url(code: str) -> str:
    if code == "de":
        return reverse("finder:search")
    return reverse("finder:search-lang", args=[code])


def detail_url(code: str, pk: int) -> str:
    if code == "de":
        return reverse("finder:detail", args=[pk])
    return reverse("finder:detail-lang", args=[code, pk])


def _switch(request: HttpRequest, current: Language, url_of) -> list[dict]:
    query = request.GET.urlencode()
    return [
        {
            "language": language,
            "url": url_of(language.code) + (f"?{query}" if query else ""),
            "current": language.code == current.code,
        }
        for language in FINDER_LANGUAGES
    ]


def _map() -> dict:
    return {
        "outline": geodata.hessen_outline(),
        "width": geodata.MAP_WIDTH,
        "height": geodata.MAP_HEIGHT,
    }


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["seite"] = str(page)
    return f"?{query.urlencode()}"


def _results(request: HttpRequest, language: Language, params, page: int) -> dict:
    """The result list and map (cached as one fragment per language and query)."""
    results, total = selectors.search(params, page=page) if params is not None else ([], 0)
    pages = max(1, -(-total // selectors.PER_PAGE))
    query = request.GET.urlencode()
    return {
        "lang": language,
        "params": params,
        "results": [(result, detail_url(language.code, result.offer.pk)) for result in results],
        "total": total,
        "query": query,
        "page": page,
        "pages": pages,
        "previous_url": _page_url(request, page - 1) if page > 1 else "",
        "next_url": _page_url(request, page + 1) if page < pages else "",
        # numbers and postcodes stay left-to-right inside any sentence
        "radius_html": format_html('<bdi dir="ltr">{} km</bdi>', params.radius_km)
        if params
        else "",
        "place_html": format_html('<bdi dir="ltr" lang="de">{}</bdi>', params.where.label)
        if params and params.where
        else "",
        "map": _map(),
    }


def _search_page(request: HttpRequest, language: Language) -> HttpResponse:
    with translation.override(language.code):
        form = SearchForm(request.GET or None)
        status, page = 200, 1
        if not request.GET:
            params: selectors.Search | None = selectors.Search()
        elif form.is_valid():
            data = form.cleaned_data
            params = selectors.Search(
                where=data["wo"],
                radius_km=int(data["umkreis"] or 25),
                kind=data["art"],
                language=data["sprache"],
                free_places=data["frei"],
                soon=data["bald"],
            )
            page = data["seite"] or 1
        else:
            params, status = None, 422
        results_html = cached_fragment(
            "finder/_results.html",
            lambda: _results(request, language, params, page),
            key=("search", request.GET.urlencode(), timezone.localdate()),  # "beginnt bald"
            depends_on=("offers",),
        )
        # the form depends on the query only (values, errors): cached as well
        form_html = cached_fragment(
            "finder/_form.html",
            lambda: {"form": form, "query": request.GET.urlencode()},
            key=("form", request.GET.urlencode()),
        )
        response = render(
            request,
            "finder/search.html",
            {
                "lang": language,
                "form_html": form_html,
                "results_html": results_html,
                "languages": _switch(request, language, search_url),
            },
            status=status,
        )
    response["Content-Language"] = language.html
    return response


def _detail_page(request: HttpRequest, language: Language, pk: int) -> HttpResponse:
    with translation.override(language.code):
        result = selectors.offer_for_public(pk)
        if result is None:
            raise Http404
        query = request.GET.urlencode()
        response = render(
            request,
            "finder/detail.html",
            {
                "lang": language,
                "result": result,
                "back": search_url(language.code) + (f"?{query}" if query else ""),
                "languages": _switch(request, language, lambda code: detail_url(code, pk)),
                "map": _map(),
            },
        )
    response["Content-Language"] = language.html
    return response


@replica_reads
@require_safe
@public_page("offers")
def search(request: HttpRequest) -> HttpResponse:
    return _search_page(request, GERMAN)


@replica_reads
@require_safe
@public_page("offers")
def search_in(request: HttpRequest, lang: str) -> HttpResponse:
    return _search_page(request, _language(lang))


@replica_reads
@require_safe
@public_page("offers")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, GERMAN, pk)


@replica_reads
@require_safe
@public_page("offers")
def detail_in(request: HttpRequest, lang: str, pk: int) -> HttpResponse:
    return _detail_page(request, _language(lang), pk)


# --- the recipients' pages --------------------------------------------------------------------


@login_required
@require_safe
def manage(request: HttpRequest) -> HttpResponse:
    check_perm(request.user, "finder.manage_offers")
    offers = list(selectors.offers_of_organisations(request.user))
    grants = list(selectors.grants_for_offers(request.user))
    actor_offers = list(selectors.offers_of_actors(request.user))
    actors = list(selectors.actors_for_offers(request.user))
    return render(
        request,
        "finder/manage.html",
        {"offers": offers, "grants": grants, "actor_offers": actor_offers, "actors": actors},
    )


@login_required
def create(request: HttpRequest, decision_pk: int) -> HttpResponseBase:
    decision = get_object_or_404(
        GrantDecision.objects.select_related("application__organisation__office"), pk=decision_pk
    )
    check_perm(request.user, "finder.add_offer", decision)
    form = OfferForm(_posted(request))

    def save(data: dict) -> Saved:
        offer = services.offer_create(by=request.user, decision=decision, data=data)
        return Saved(
            reverse("finder:edit", args=[offer.pk]),
            _(
                "Das Angebot ist angelegt. Es erscheint erst, wenn Sie der Veröffentlichung zustimmen."
            ),
        )

    return form_page(
        request, form, save, template="finder/offer_form.html", context={"decision": decision}
    )


@login_required
def create_for_actor(request: HttpRequest, actor_pk: int) -> HttpResponseBase:
    """An offer of a regional actor, by the coordinators of the unit that keeps its entry."""
    actor = get_object_or_404(RegionalActor.objects.select_related("owner_office"), pk=actor_pk)
    check_perm(request.user, "finder.add_actor_offer", actor)
    form = OfferForm(_posted(request))

    def save(data: dict) -> Saved:
        offer = services.offer_create(by=request.user, actor=actor, data=data)
        return Saved(
            reverse("finder:edit", args=[offer.pk]),
            _(
                "Das Angebot ist angelegt. Es erscheint erst, wenn Sie der Veröffentlichung zustimmen."
            ),
        )

    return form_page(
        request, form, save, template="finder/offer_form.html", context={"actor": actor}
    )


def _posted(request: HttpRequest):
    """The POST data of a POST (also when empty: an unticked consent box sends nothing)."""
    return request.POST if request.method == "POST" else None


def _offer(request: HttpRequest, pk: int) -> Offer:
    offer = get_object_or_404(
        Offer.objects.select_related("decision__application__organisation", "actor__owner_office"),
        pk=pk,
    )
    check_perm(request.user, "finder.change_offer", offer)
    return offer


def _initial(offer: Offer) -> dict:
    initial = {field: getattr(offer, field) for field in services.FIELDS if field != "languages"}
    initial["languages"] = offer.language_codes
    return initial


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    offer = _offer(request, pk)
    form = OfferForm(_posted(request), initial=_initial(offer))

    def save(data: dict) -> str:
        services.offer_update(by=request.user, offer=offer, data=data)
        return reverse("finder:edit", args=[offer.pk])

    translations = {t.language: t for t in offer.translations.all()}
    return form_page(
        request,
        form,
        save,
        template="finder/offer_edit.html",
        done=_("Gespeichert."),
        context=lambda: {
            "offer": offer,
            "publish_form": PublishForm(),
            "translation_form": TranslationForm(),
            "translations": [
                (BY_CODE[code], translations.get(code)) for code in BY_CODE if code != "de"
            ],
            "public_url": detail_url("de", offer.pk),
        },
    )


@login_required
def publish(request: HttpRequest, pk: int) -> HttpResponseBase:
    offer = _offer(request, pk)
    form = PublishForm(_posted(request))

    def save(data: dict) -> str:
        services.offer_publish(by=request.user, offer=offer, consent=data["consent"])
        return reverse("finder:edit", args=[offer.pk])

    return form_page(
        request,
        form,
        save,
        template="finder/publish.html",
        done=_("Das Angebot ist veröffentlicht."),
        context={"offer": offer},
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    return button_action(
        request,
        lambda: services.offer_withdraw(by=request.user, offer=offer),
        back=reverse("finder:edit", args=[offer.pk]),
        done=_("Die Einwilligung ist widerrufen; das Angebot ist nicht mehr öffentlich."),
    )


@login_required
def translate(request: HttpRequest, pk: int) -> HttpResponseBase:
    offer = _offer(request, pk)
    form = TranslationForm(_posted(request), initial={"language": request.GET.get("sprache")})

    def save(data: dict) -> str:
        services.offer_translation_save(by=request.user, offer=offer, **data)
        return reverse("finder:edit", args=[offer.pk])

    return form_page(
        request,
        form,
        save,
        template="finder/translate.html",
        done=_("Die Übersetzung ist gespeichert."),
        context={"offer": offer},
    )
