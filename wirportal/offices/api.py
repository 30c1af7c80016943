"""Open data: the 33 WIR units."""

from datetime import date

from ninja import Router, Schema

from . import selectors

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


@router.get("", response=list[OfficeOut], auth=None, summary="Alle 33 WIR-Einheiten")
def list_offices(request, region: str = "", kind: str = ""):
    offices = selectors.office_list(region=region, kind=kind)
    return [
        OfficeOut(
            slug=office.slug,
            name=office.name,
            kind=office.kind,
            official_key=next((k.key for k in getattr(office, "current_keys", [])), None),
            government_district=office.district.name,
            conference_region=office.conference_region,
            population=office.population,
            parent=office.parent.slug if office.parent else None,
        )
        for office in offices
    ]
