"""Writes on people's accounts."""

from django.db import transaction

from wirportal.audit.services import audit_record

from .models import User


@transaction.atomic
def user_update_profile(*, user: User, by: User, first_name: str, last_name: str) -> User:
    """Change a person's name; nothing else of the account can be changed here."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
    audit_record(action="account.profile_changed", target=user, by=by)
    return user
