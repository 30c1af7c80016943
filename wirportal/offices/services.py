"""Writes on WIR units and organisations: one function per use case, audited."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wirportal.accounts.roles import Role
from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError
from wirportal.core.tokens import new_secret
from wirportal.notifications.services import notify

from . import reference
from .banking import bank_for_iban, normalise_iban, validate_iban
from .models import (
    GovernmentDistrict,
    Office,
    OfficeKey,
    OfficeMembership,
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    RegionalActor,
    StaffEntry,
    Topic,
)


@transaction.atomic
def reference_data_load() -> int:
    """Create the districts and 33 units if missing; never overwrite what staff edited. Idempotent."""
    districts = {}
    for district_key, name in reference.DISTRICTS:
        districts[district_key], _created = GovernmentDistrict.objects.get_or_create(
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
    for order, (slug, name) in enumerate(reference.TOPICS):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
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
        try:
            validate_iban(organisation.iban)
        except ValidationError as error:
            raise ValidationError({"iban": error.messages}) from None
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


def _invitation_url(invitation: OrganisationInvitation) -> str:
    base = getattr(settings, "WIR_SITE_URL", "") or "http://127.0.0.1:8000"
    return base.rstrip("/") + invitation.accept_path()


@transaction.atomic
def organisation_invite_member(
    *, organisation: Organisation, email: str, by, is_admin: bool = False
) -> OrganisationInvitation:
    """Invite an address to the Träger; the answer to the adder is the same for every address.

    The person joins only by accepting (`organisation_accept_invitation`). An address with an
    applicant account or none gets the link (register first, then accept); a staff account cannot
    belong to a Träger and its owner gets a notice saying so instead. Inviting again renews the
    link and makes older links stop working.
    """
    email = email.strip().lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        # the adder sees the member list anyway: this tells nothing new
        raise DomainError(_("Diese Person ist bereits Mitglied."), field="email")
    invitation, _created = OrganisationInvitation.objects.select_for_update().get_or_create(
        organisation=organisation,
        email=email,
        defaults={"secret": new_secret(), "sent_at": timezone.now()},
    )
    invitation.is_admin = is_admin
    invitation.invited_by = by
    invitation.secret = new_secret()
    invitation.sent_at = timezone.now()
    invitation.accepted_at = None
    invitation.save()
    account = get_user_model().objects.filter(email__iexact=email).first()
    context = {
        "organisation": organisation.name,
        "inviter": by.display_name,
        "valid_until": date_format(timezone.localtime(invitation.valid_until), "DATE_FORMAT"),
    }
    if account is None or account.role == Role.APPLICANT:
        context["url"] = _invitation_url(invitation)
        context["has_account"] = account is not None
        notify(to=[email], template="offices/email/invitation", context=context)
    else:
        notify(to=[email], template="offices/email/invitation_staff_account", context=context)
    # the address is personal data of someone who has not agreed to anything yet: not logged
    audit_record(
        action="organisation.member_invited",
        target=organisation,
        by=by,
        data={"invitation": invitation.pk},
    )
    return invitation


@transaction.atomic
def organisation_accept_invitation(
    *, invitation: OrganisationInvitation, by
) -> OrganisationMembership:
    """The invited person joins the Träger (the permission checks address and account kind)."""
    invitation = OrganisationInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise DomainError(_("Diese Einladung wurde bereits angenommen."))
    membership, _created = OrganisationMembership.objects.get_or_create(
        organisation=invitation.organisation, user=by, defaults={"is_admin": invitation.is_admin}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    audit_record(
        action="organisation.member_added",
        target=invitation.organisation,
        by=by,
        data={"user": by.pk, "invitation": invitation.pk},
    )
    return membership


@transaction.atomic
def organisation_withdraw_invitation(*, invitation: OrganisationInvitation, by) -> None:
    """A mistyped or no longer wanted invitation: its link stops working."""
    audit_record(
        action="organisation.invitation_withdrawn",
        target=invitation.organisation,
        by=by,
        data={"invitation": invitation.pk},
    )
    invitation.delete()


@transaction.atomic
def organisation_remove_member(*, membership: OrganisationMembership, by) -> None:
    organisation = membership.organisation
    if (
        membership.is_admin
        and not organisation.memberships.filter(is_admin=True).exclude(pk=membership.pk).exists()
    ):
        raise DomainError(
            _("Der Träger braucht mindestens eine Person, die Mitglieder verwalten darf.")
        )
    user_pk = membership.user_id
    membership.delete()
    audit_record(
        action="organisation.member_removed", target=organisation, by=by, data={"user": user_pk}
    )


# --- network: office staff ------------------------------------------------------------------------

STAFF_ENTRY_FIELDS = [
    "function",
    "name",
    "position_title",
    "email",
    "phone",
    "languages",
    "user",
    "sort_order",
    "publish",
    "publish_email",
    "publish_phone",
    "publish_languages",
]
PUBLICATION_FIELDS = ["publish", "publish_email", "publish_phone", "publish_languages"]


def _check_staff_user(entry: StaffEntry) -> None:
    if entry.user_id is None:
        return
    if not OfficeMembership.objects.filter(
        user_id=entry.user_id, office_id=entry.office_id
    ).exists():
        raise DomainError(
            _("Nur Konten, die dieser WIR-Einheit zugeordnet sind, können verknüpft werden."),
            field="user",
        )
    clash = StaffEntry.objects.filter(office_id=entry.office_id, user_id=entry.user_id)
    if clash.exclude(pk=entry.pk).exists():
        raise DomainError(
            _("Dieses Konto ist bereits mit einem anderen Eintrag verknüpft."), field="user"
        )


def _save_entry(entry: StaffEntry) -> None:
    # two coordinators linking the same account at once: the unique constraint decides
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        raise DomainError(
            _("Dieses Konto ist bereits mit einem anderen Eintrag verknüpft."), field="user"
        ) from error


def _track_consent(entry: StaffEntry, was_published: bool) -> None:
    """Keep the moment of consent; withdrawing consent also withdraws every published field."""
    if entry.publish and not was_published:
        entry.consent_at = timezone.now()
    if not entry.publish:
        entry.consent_at = None
        if was_published:
            entry.publish_email = entry.publish_phone = entry.publish_languages = False


@transaction.atomic
def staff_entry_create(*, office: Office, by, **fields) -> StaffEntry:
    """Add a person to a unit's team."""
    entry = StaffEntry(
        office=office, **{k: v for k, v in fields.items() if k in STAFF_ENTRY_FIELDS}
    )
    _check_staff_user(entry)
    _track_consent(entry, was_published=False)
    entry.full_clean()
    _save_entry(entry)
    audit_record(
        action="staff_entry.created",
        target=entry,
        by=by,
        data={"office": office.slug, "published": entry.publish},
    )
    return entry


@transaction.atomic
def staff_entry_update(*, entry: StaffEntry, by, **fields) -> StaffEntry:
    was_published = entry.publish
    changed = []
    for name in STAFF_ENTRY_FIELDS:
        if name in fields and getattr(entry, name) != fields[name]:
            setattr(entry, name, fields[name])
            changed.append(name)
    _check_staff_user(entry)
    _track_consent(entry, was_published=was_published)
    entry.full_clean()
    _save_entry(entry)
    audit_record(action="staff_entry.updated", target=entry, by=by, data={"fields": changed})
    return entry


@transaction.atomic
def staff_entry_set_publication(
    *,
    entry: StaffEntry,
    by,
    publish: bool,
    publish_email: bool = False,
    publish_phone: bool = False,
    publish_languages: bool = False,
) -> StaffEntry:
    """The person's own choice of what the public directory shows about them."""
    was_published = entry.publish
    entry.publish = publish
    entry.publish_email = publish_email
    entry.publish_phone = publish_phone
    entry.publish_languages = publish_languages
    _track_consent(entry, was_published=was_published)
    entry.full_clean()
    entry.save()
    audit_record(
        action="staff_entry.publication_changed",
        target=entry,
        by=by,
        data={name: getattr(entry, name) for name in PUBLICATION_FIELDS},
    )
    return entry


@transaction.atomic
def staff_entry_delete(*, entry: StaffEntry, by) -> None:
    audit_record(
        action="staff_entry.deleted", target=entry, by=by, data={"office": entry.office.slug}
    )
    entry.delete()


# --- network: regional actors ---------------------------------------------------------------------

ACTOR_FIELDS = [
    "name",
    "kind",
    "description",
    "contact_person",
    "street",
    "postcode",
    "city",
    "email",
    "phone",
    "website",
    "is_public",
]


def _require_offices(offices: Iterable[Office]) -> list[Office]:
    offices = list(offices)
    if not offices:
        raise DomainError(_("Bitte wählen Sie mindestens eine WIR-Einheit."), field="offices")
    return offices


def _acting_unit(by) -> Office | None:
    membership = OfficeMembership.objects.filter(user=by).select_related("office").first()
    return membership.office if membership is not None else None


def _act(actor: RegionalActor, by) -> None:
    """The history of the actor names the person and the unit they acted for."""
    actor._history_user = by  # type: ignore[attr-defined]
    actor._changed_by_unit = _acting_unit(by)  # type: ignore[attr-defined]


def _check_owner(owner: Office | None, offices: list[Office]) -> Office:
    if owner is None:
        return offices[0]
    if owner.pk not in {o.pk for o in offices}:
        raise DomainError(
            _("Die pflegende WIR-Einheit muss eine der WIR-Einheiten des Akteurs sein."),
            field="owner_office",
        )
    return owner


@transaction.atomic
def actor_create(
    *,
    by,
    offices: Iterable[Office],
    topics: Iterable[Topic] = (),
    owner_office: Office | None = None,
    **fields,
) -> RegionalActor:
    """Record a regional actor and the units it works in (a coordinator: their own unit).

    The recording unit keeps the actor (`owner_office`, default: the first unit given).
    """
    office_list = _require_offices(offices)
    actor = RegionalActor(**{k: v for k, v in fields.items() if k in ACTOR_FIELDS})
    actor.owner_office = _check_owner(owner_office, office_list)
    _act(actor, by)
    actor.full_clean()
    actor.save()
    actor.offices.set(office_list)
    actor.topics.set(list(topics))
    audit_record(
        action="regional_actor.created",
        target=actor,
        by=by,
        data={
            "offices": sorted(o.slug for o in office_list),
            "owner_office": actor.owner_office.slug,
        },
    )
    return actor


@transaction.atomic
def actor_update(
    *,
    actor: RegionalActor,
    by,
    topics: Iterable[Topic] | None = None,
    offices: Iterable[Office] | None = None,
    owner_office: Office | None = None,
    **fields,
) -> RegionalActor:
    """Change an actor; `offices` and `owner_office` only from programme staff (coordinators
    use link/unlink, and only the keeping unit's coordinators get here at all)."""
    changed = []
    for name in ACTOR_FIELDS:
        if name in fields and getattr(actor, name) != fields[name]:
            setattr(actor, name, fields[name])
            changed.append(name)
    office_list = _require_offices(offices) if offices is not None else None
    if owner_office is not None and owner_office.pk != actor.owner_office_id:
        current = office_list if office_list is not None else list(actor.offices.all())
        actor.owner_office = _check_owner(owner_office, current)
        changed.append("owner_office")
    elif office_list is not None and actor.owner_office_id not in {o.pk for o in office_list}:
        raise DomainError(
            _("Die pflegende WIR-Einheit muss eine der WIR-Einheiten des Akteurs sein."),
            field="owner_office" if owner_office is not None else "offices",
        )
    _act(actor, by)
    actor.full_clean()
    actor.save()
    if topics is not None:
        topic_list = list(topics)
        if {t.pk for t in topic_list} != set(actor.topics.values_list("pk", flat=True)):
            actor.topics.set(topic_list)
            changed.append("topics")
    if office_list is not None and {o.pk for o in office_list} != set(
        actor.offices.values_list("pk", flat=True)
    ):
        actor.offices.set(office_list)
        changed.append("offices")
    audit_record(action="regional_actor.updated", target=actor, by=by, data={"fields": changed})
    return actor


@transaction.atomic
def actor_link_office(*, actor: RegionalActor, office: Office, by) -> RegionalActor:
    """The actor also works in this unit: it appears on the unit's page, still kept by its owner."""
    if actor.offices.filter(pk=office.pk).exists():
        raise DomainError(_("Der Akteur ist dieser WIR-Einheit bereits zugeordnet."))
    _act(actor, by)
    try:
        with transaction.atomic():
            actor.offices.add(office)
    except IntegrityError as error:  # linked by someone else at the same moment
        raise DomainError(_("Der Akteur ist dieser WIR-Einheit bereits zugeordnet.")) from error
    audit_record(
        action="regional_actor.office_linked", target=actor, by=by, data={"office": office.slug}
    )
    return actor


@transaction.atomic
def actor_unlink_office(*, actor: RegionalActor, office: Office, by) -> RegionalActor:
    """The actor no longer works in this unit; the keeping unit stays (it deletes the actor or
    asks programme staff to hand it over)."""
    if not actor.offices.filter(pk=office.pk).exists():
        raise DomainError(_("Der Akteur ist dieser WIR-Einheit nicht zugeordnet."))
    if not actor.offices.exclude(pk=office.pk).exists():
        raise DomainError(
            _(
                "Der Akteur arbeitet nur in dieser WIR-Einheit. Löschen Sie ihn stattdessen, "
                "wenn er nicht mehr aktiv ist."
            )
        )
    if office.pk == actor.owner_office_id:
        raise DomainError(
            _(
                "Diese WIR-Einheit pflegt den Akteur und kann daher nicht gelöst werden. Das "
                "Programmteam kann die Pflege an eine andere WIR-Einheit übergeben."
            )
        )
    _act(actor, by)
    actor.offices.remove(office)
    audit_record(
        action="regional_actor.office_unlinked", target=actor, by=by, data={"office": office.slug}
    )
    return actor


@transaction.atomic
def actor_delete(*, actor: RegionalActor, by) -> None:
    audit_record(
        action="regional_actor.deleted",
        target=actor,
        by=by,
        data={"offices": sorted(actor.offices.values_list("slug", flat=True))},
    )
    _act(actor, by)
    actor.delete()
