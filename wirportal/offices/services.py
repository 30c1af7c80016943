"""Writes on WIR units and organisations: one function per use case, audited."""

from django.db import transaction

from wirportal.accounts.roles import Role
from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError

from . import reference
from .banking import bank_for_iban, normalise_iban
from .models import (
    GovernmentDistrict,
    Office,
    OfficeKey,
    Organisation,
    OrganisationMembership,
)


@transaction.atomic
def reference_data_load() -> int:
    """Create the districts and 33 units if missing; never overwrite what staff edited. Idempotent."""
    districts = {}
    for district_key, name in reference.DISTRICTS:
        districts[district_key], _ = GovernmentDistrict.objects.get_or_create(
            key=district_key, defaults={"name": name}
        )
    created = 0
    by_slug: dict[str, Office] = {}
    for unit in sorted(reference.UNITS, key=lambda u: u.parent is not None):
        office, was_created = Office.objects.get_or_create(
            slug=unit.slug,
            defaults={
                "name": unit.name,
                "kind": unit.kind,
                "district": districts[unit.district],
                "parent": by_slug.get(unit.parent) if unit.parent else None,
                "population": unit.population,
                "population_source": unit.population_source,
                "conference_region": unit.region,
                "office_name": f"WIR-Vielfaltszentrum {unit.name}",
            },
        )
        created += int(was_created)
        by_slug[unit.slug] = office
        for key in unit.keys:
            OfficeKey.objects.get_or_create(
                office=office,
                key=key.key,
                valid_from=key.valid_from,
                defaults={"kind": key.kind, "valid_until": key.valid_until},
            )
    return created


@transaction.atomic
def office_set_conference_region(*, office: Office, region: str, by) -> Office:
    old = office.conference_region
    office.conference_region = region
    office.full_clean()
    office.save(update_fields=["conference_region", "updated_at"])
    audit_record(
        action="office.region_changed", target=office, by=by, data={"from": old, "to": region}
    )
    return office


def _apply_bank(organisation: Organisation) -> None:
    if organisation.iban:
        organisation.iban = normalise_iban(organisation.iban)
        organisation.bic, organisation.bank_name = bank_for_iban(organisation.iban)
    else:
        organisation.bic = organisation.bank_name = ""


ORGANISATION_FIELDS = [
    "name",
    "kind",
    "public_benefit",
    "register_number",
    "office",
    "street",
    "postcode",
    "city",
    "email",
    "phone",
    "website",
    "account_holder",
    "iban",
]


@transaction.atomic
def organisation_create(*, by, **fields) -> Organisation:
    """Register a Träger; the person registering becomes its first member and may add colleagues."""
    organisation = Organisation(**{k: v for k, v in fields.items() if k in ORGANISATION_FIELDS})
    _apply_bank(organisation)
    organisation.full_clean()
    organisation.save()
    OrganisationMembership.objects.create(organisation=organisation, user=by, is_admin=True)
    audit_record(action="organisation.created", target=organisation, by=by)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, by, **fields) -> Organisation:
    changed = []
    for name in ORGANISATION_FIELDS:
        if name in fields and getattr(organisation, name) != fields[name]:
            setattr(organisation, name, fields[name])
            changed.append(name)
    _apply_bank(organisation)
    organisation.full_clean()
    organisation.save()
    # never log bank details themselves (reliability brief, logging)
    audit_record(
        action="organisation.updated", target=organisation, by=by, data={"fields": changed}
    )
    return organisation


@transaction.atomic
def organisation_add_member(*, organisation: Organisation, user, by, is_admin: bool = False):
    if user.role != Role.APPLICANT:
        raise DomainError(
            "Nur Konten von Antragstellenden können einem Träger angehören.", field="email"
        )
    membership, created = OrganisationMembership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"is_admin": is_admin}
    )
    if not created:
        raise DomainError("Diese Person ist bereits Mitglied.", field="email")
    audit_record(
        action="organisation.member_added", target=organisation, by=by, data={"user": user.pk}
    )
    return membership


@transaction.atomic
def organisation_remove_member(*, membership: OrganisationMembership, by) -> None:
    organisation = membership.organisation
    if (
        membership.is_admin
        and not organisation.memberships.filter(is_admin=True).exclude(pk=membership.pk).exists()
    ):
        raise DomainError(
            "Der Träger braucht mindestens eine Person, die Mitglieder verwalten darf."
        )
    user_pk = membership.user_id
    membership.delete()
    audit_record(
        action="organisation.member_removed", target=organisation, by=by, data={"user": user_pk}
    )
