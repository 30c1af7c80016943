"""Who may do what with offers. Everyone sees published offers (selectors.published_offers)."""

import rules

from wirportal.accounts.rules import is_applicant, is_coordinator
from wirportal.offices.rules import (
    is_coordinator_of_office,
    is_member_of_office,
    is_member_of_organisation,
)


@rules.predicate
def is_member_of_recipient(user, obj) -> bool:
    """A member of the organisation that received the grant (obj: an offer or a decision)."""
    decision = getattr(obj, "decision", obj) if obj is not None else None
    if decision is None or not hasattr(decision, "application"):
        return False
    return is_member_of_organisation(user, decision.application.organisation)


@rules.predicate
def keeps_actor(user, offer) -> bool:
    """The coordinators of the unit that keeps the actor's entry."""
    actor = getattr(offer, "actor", None)
    return actor is not None and is_member_of_office(user, actor.owner_office)


@rules.predicate
def keeps_this_actor(user, actor) -> bool:
    """A coordinator of the unit that keeps the actor's directory entry (obj: the actor)."""
    return actor is not None and is_coordinator_of_office(user, actor.owner_office)


rules.add_perm("finder.manage_offers", is_applicant | is_coordinator)
rules.add_perm("finder.add_actor_offer", keeps_this_actor)
rules.add_perm("finder.add_offer", is_member_of_recipient)
rules.add_perm("finder.change_offer", is_member_of_recipient | keeps_actor)
