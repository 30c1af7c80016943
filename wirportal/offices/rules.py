"""Who may see and change units and organisations. Each predicate has a QuerySet twin in selectors."""

import rules

from wirportal.accounts.rules import is_applicant, is_land_staff, is_programme_staff, is_superuser


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
rules.add_perm(
    "offices.view_organisation_history", is_land_staff | is_superuser | is_member_of_organisation
)
