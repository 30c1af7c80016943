"""Who may see and change units and organisations. Each predicate has a QuerySet twin in selectors."""

import rules

from wirportal.accounts.rules import (
    is_applicant,
    is_coordinator,
    is_land_staff,
    is_programme_staff,
    is_superuser,
)


@rules.predicate
def is_member_of_organisation(user, organisation) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return organisation.memberships.filter(user=user).exists()


@rules.predicate
def is_admin_of_organisation(user, organisation) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return organisation.memberships.filter(user=user, is_admin=True).exists()


@rules.predicate
def is_coordinator_of_organisation_office(user, organisation) -> bool:
    if organisation is None or not user.is_authenticated or organisation.office_id is None:
        return False
    membership = getattr(user, "office_membership", None)
    return membership is not None and membership.office_id == organisation.office_id


@rules.predicate
def is_member_of_office(user, office) -> bool:
    if office is None or not user.is_authenticated:
        return False
    membership = getattr(user, "office_membership", None)
    return membership is not None and membership.office_id == office.pk


@rules.predicate
def is_invitee(user, invitation) -> bool:
    """The applicant account of the invited address, while the invitation is open."""
    if invitation is None or not user.is_authenticated or not is_applicant(user):
        return False
    return user.email.casefold() == invitation.email.casefold() and invitation.is_open()


rules.add_perm("offices.view_office", rules.always_allow)
rules.add_perm("offices.change_office_region", is_programme_staff | is_superuser)
rules.add_perm("offices.view_office_history", is_land_staff | is_superuser | is_member_of_office)

rules.add_perm("offices.list_organisations", rules.is_authenticated)
rules.add_perm("offices.add_organisation", is_applicant)
rules.add_perm(
    "offices.view_organisation",
    is_land_staff
    | is_superuser
    | is_member_of_organisation
    | is_coordinator_of_organisation_office,
)
rules.add_perm("offices.change_organisation", is_member_of_organisation)
rules.add_perm("offices.manage_organisation_members", is_admin_of_organisation)
# joining a Träger needs the person's own consent: only they accept the invitation
rules.add_perm("offices.accept_organisation_invitation", is_invitee)
rules.add_perm(
    "offices.view_organisation_history", is_land_staff | is_superuser | is_member_of_organisation
)


# --- network: office staff and regional actors (issue 4) ---------------------------------------


@rules.predicate
def is_bound_coordinator(user) -> bool:
    """A coordinator whose account is bound to a unit."""
    return is_coordinator(user) and getattr(user, "office_membership", None) is not None


@rules.predicate
def is_coordinator_of_office(user, office) -> bool:
    return is_coordinator(user) and is_member_of_office(user, office)


@rules.predicate
def is_coordinator_of_entry_office(user, entry) -> bool:
    return entry is not None and is_coordinator_of_office(user, entry.office)


@rules.predicate
def is_person_of_entry(user, entry) -> bool:
    return (
        entry is not None
        and user.is_authenticated
        and entry.user_id is not None
        and entry.user_id == user.pk
    )


def _actor_office_ids(actor) -> set[int]:
    """Use the selector's prefetch when there is one (detail page), else one query."""
    cached = getattr(actor, "_prefetched_objects_cache", {}).get("offices")
    if cached is not None:
        return {office.pk for office in cached}
    return set(actor.offices.values_list("pk", flat=True))


@rules.predicate
def is_coordinator_of_actor(user, actor) -> bool:
    """The actor works in the coordinator's own unit."""
    if actor is None or not is_bound_coordinator(user):
        return False
    return user.office_membership.office_id in _actor_office_ids(actor)


@rules.predicate
def is_coordinator_of_owner_office(user, actor) -> bool:
    """The actor is kept by the coordinator's own unit (the unit that recorded it).

    Linking an actor to one's unit shows it on that unit's page; it gives no right to change it.
    """
    if actor is None or actor.owner_office_id is None or not is_bound_coordinator(user):
        return False
    return user.office_membership.office_id == actor.owner_office_id


@rules.predicate
def actor_has_no_other_unit(user, actor) -> bool:
    if actor is None or not is_bound_coordinator(user):
        return False
    return _actor_office_ids(actor) <= {user.office_membership.office_id}


_programme = is_programme_staff | is_superuser
_staff = is_land_staff | is_coordinator | is_superuser

rules.add_perm("offices.view_staffentry_contacts", _staff)
rules.add_perm("offices.add_staffentry", _programme | is_coordinator_of_office)
rules.add_perm("offices.change_staffentry", _programme | is_coordinator_of_entry_office)
rules.add_perm("offices.delete_staffentry", _programme | is_coordinator_of_entry_office)
# the person decides what is published about them (GDPR consent), not the coordinator alone
rules.add_perm("offices.change_staffentry_publication", is_person_of_entry | is_superuser)

rules.add_perm("offices.list_regionalactors", rules.is_authenticated)
rules.add_perm("offices.view_regionalactor", rules.is_authenticated)
rules.add_perm("offices.add_regionalactor", _programme | is_bound_coordinator)
rules.add_perm("offices.change_regionalactor", _programme | is_coordinator_of_owner_office)
rules.add_perm(
    "offices.delete_regionalactor",
    _programme | (is_coordinator_of_owner_office & actor_has_no_other_unit),
)
# object: the unit an actor is attached to or detached from
rules.add_perm("offices.link_regionalactor", _programme | is_coordinator_of_office)
rules.add_perm(
    "offices.view_regionalactor_history", is_land_staff | is_superuser | is_coordinator_of_actor
)
# choosing any unit (and the keeping unit) in the actor form; coordinators work on their own unit
rules.add_perm("offices.assign_regionalactor_offices", _programme)
