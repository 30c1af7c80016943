"""Open data: the 33 WIR units, their published contacts and public regional actors."""

from datetime import date

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from wirportal.accounts.api_auth import API_AUTH
from wirportal.core.api_caching import api_cached
from wirportal.core.api_schemas import MAX_ID, Pages, ValidationErrorOut
from wirportal.core.caching import public_page
from wirportal.core.permissions import check_perm_api

from . import selectors
from .models import Office, Organisation, RegionalActor, membership_version

router = Router(tags=["WIR-Einheiten"])
PREFIX = "/einheiten/"


class OfficeOut(Schema):
    slug: str
    name: str
    kind: str
    official_key: str | None
    government_district: str
    conference_region: str
    population: int
    parent: str | None


class OfficeKeyOut(Schema):
    key: str
    kind: str
    valid_from: date | None
    valid_until: date | None


@router.get(
    "",
    response={200: list[OfficeOut], 422: ValidationErrorOut},
    auth=None,
    summary="Alle 33 WIR-Einheiten",
)
@public_page("offices")  # open data: the whole JSON is cached until a unit changes
def list_offices(request, region: str = "", kind: str = ""):
    offices = selectors.office_list(region=region, kind=kind)
    rows = [
        OfficeOut(
            slug=office.slug,
            name=office.name,
            kind=office.kind,
            official_key=next((k.key for k in getattr(office, "current_keys", [])), None),
            government_district=office.district.name,
            conference_region=office.conference_region,
            population=office.population,
            parent=office.parent.slug if office.parent else None,
        ).model_dump(mode="json")
        for office in offices
    ]
    return JsonResponse(rows, safe=False)


class StaffContactOut(Schema):
    name: str
    function: str
    position_title: str
    email: str
    phone: str
    languages: str


class ActorOut(Schema):
    id: int
    name: str
    kind: str
    description: str
    topics: list[str]
    offices: list[str]
    street: str
    postcode: str
    city: str
    email: str
    phone: str
    website: str


class ErrorOut(Schema):
    detail: str


class NetworkOut(Schema):
    office: str
    staff: list[StaffContactOut]
    actors: list[ActorOut]


def _actor_out(actor: RegionalActor) -> ActorOut:
    # contact_person is left out on purpose: a private person's name is not open data
    return ActorOut(
        id=actor.pk,
        name=actor.name,
        kind=actor.kind,
        description=actor.description,
        topics=[topic.slug for topic in actor.topics.all()],
        offices=[office.slug for office in actor.offices.all()],
        street=actor.street,
        postcode=actor.postcode,
        city=actor.city,
        email=actor.email,
        phone=actor.phone,
        website=actor.website,
    )


@router.get(
    "akteure",
    response={200: list[ActorOut], 422: ValidationErrorOut},
    auth=None,
    summary="Öffentliche regionale Akteure",
)
def list_public_actors(
    request, topic: str = "", office: str = "", kind: str = "", region: str = ""
):
    actors = selectors.public_actor_list(topic=topic, office=office, kind=kind, region=region)
    return [_actor_out(actor) for actor in actors]


@router.get(
    "{slug}/netzwerk",
    response={200: NetworkOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=None,
    summary="Veröffentlichte Ansprechpersonen und öffentliche Akteure einer WIR-Einheit",
)
def office_network(request, slug: str):
    office = get_object_or_404(Office, slug=slug)
    return NetworkOut(
        office=office.slug,
        staff=[
            StaffContactOut(
                name=contact.name,
                function=contact.function,
                position_title=contact.position_title,
                email=contact.email,
                phone=contact.phone,
                languages=contact.languages,
            )
            for contact in selectors.office_staff_published(office=office)
        ],
        actors=[_actor_out(actor) for actor in selectors.office_public_actors(office=office)],
    )


# --- Organisations (Träger), scoped like the list page (issue #14) ------------------------------

organisations = Router(tags=["Träger"], auth=API_AUTH)


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    public_benefit: bool
    register_number: str
    office: str | None = Field(description="Kürzel der zuständigen WIR-Einheit")
    postcode: str
    city: str
    email: str
    website: str

    @staticmethod
    def resolve_office(obj: Organisation) -> str | None:
        return obj.office.slug if obj.office else None


class OrganisationFilters(Schema):
    office: str = Field("", max_length=80, description="Kürzel der WIR-Einheit, z. B. kassel")
    kind: str = Field("", max_length=32, description="Art des Trägers")
    q: str = Field("", max_length=200, description="Suche in Name und Ort")


def _organisations_show(request) -> tuple[str, ...]:
    """core.caching names the list shows: the organisations, their unit's key, the person's
    memberships (a coordinator's unit, an applicant's organisations)."""
    return ("organisations", "offices", membership_version(request.user.pk))


@organisations.get(
    "", response=list[OrganisationOut], summary="Träger, die ich sehen darf, seitenweise"
)
@api_cached(_organisations_show)
@paginate(Pages)
def list_organisations(request, filters: Query[OrganisationFilters]):
    check_perm_api(request.user, "offices.list_organisations")
    return selectors.organisation_list(
        user=request.user, query=filters.q, kind=filters.kind, office=filters.office
    ).order_by("name", "pk")


@organisations.get("{organisation_id}", response=OrganisationOut, summary="Ein Träger")
def organisation_detail(request, organisation_id: int = Path(..., ge=1, le=MAX_ID)):
    organisation = selectors.organisations_visible_to(request.user).filter(pk=organisation_id)
    found = organisation.select_related("office").first()
    if found is None:
        raise Http404
    return found


ROUTERS = [(PREFIX, router), ("/traeger/", organisations)]
