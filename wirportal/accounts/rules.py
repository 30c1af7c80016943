"""Role predicates shared by every app."""

import rules

from .roles import LAND_ROLES, Role


def _has_role(*roles):
    @rules.predicate(name=f"has_role_{'_or_'.join(roles)}")
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.role in roles)

    return predicate


is_programme_staff = _has_role(Role.PROGRAMME_STAFF)
is_case_worker = _has_role(Role.CASE_WORKER)
is_reviewer = _has_role(Role.REVIEWER)
is_coordinator = _has_role(Role.COORDINATOR)
is_applicant = _has_role(Role.APPLICANT)
is_auditor = _has_role(Role.AUDITOR)
is_land_staff = _has_role(*LAND_ROLES)


@rules.predicate
def is_superuser(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def is_self(user, other) -> bool:
    return bool(user and user.is_authenticated and other is not None and user.pk == other.pk)


rules.add_perm("accounts.view_own_account", rules.is_authenticated)

# The notifications app sits below accounts and cannot name roles; its permissions are granted here.
rules.add_perm("notifications.view_undelivered_mail", is_programme_staff)
rules.add_perm("notifications.retry_mail", is_programme_staff)


@rules.predicate
def owns_token(user, token) -> bool:
    return bool(user and user.is_authenticated and token is not None and token.user_id == user.pk)


# personal API tokens (issue #14): everyone signed in makes and revokes their own
rules.add_perm("accounts.add_apitoken", rules.is_authenticated & rules.is_active)
rules.add_perm("accounts.revoke_apitoken", owns_token)
