"""The signed-in person and their model permissions, read through the shared cache.

Every signed-in request loads its user (`django.contrib.auth.get_user` asks the session's backend)
and, when the rules backend answers a `has_perm()` with "no", the person's user and group
permissions (Django's ModelBackend: two queries). As Zulip does (`zerver/models/users.py`:
`flush_user_profile` on post_save next to a cached lookup), both come from the `default` cache
(Redis with REDIS_URL, else the database's cache table) and are deleted from it whenever they may
have changed: the person saved or deleted (a new password, deactivation, another role), their
groups or permissions changed, a group's permissions changed or a group deleted. These flushes are
cache bookkeeping wired in `AccountsConfig.ready()`, not business logic.

`QuerySet.update()` (and `bulk_create`) of users, or of rows cached with them
(`cache_with_person`), sends no signal: a service doing that must call `flush_user()`.
The TTL bounds what a missed flush could cost.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wirportal.core.caching import bump, person_version

TTL = 60 * 60  # seconds


def _cache():
    return caches["default"]


def _user_key(pk: object) -> str:
    return f"user:{pk}"


def _permissions_key(pk: object) -> str:
    return f"user-permissions:{pk}"


# The person's permissions read together with them, kept on the user object for this request.
PERMISSIONS_READ = "_wir_cached_permissions"

# One-to-one relations read with the person and cached with them (`cache_with_person`).
RELATIONS: list[str] = []


def cache_with_person(related_name: str, model) -> None:
    """Read the person's one-to-one `related_name` (a row of `model`, whose `people()` names the
    persons it concerns) together with them and keep it in their cached entry; flush the entry
    whenever such a row is saved or deleted. Called in the `ready()` of the app that owns `model` (apps above accounts know their
    relations, accounts does not): offices registers the coordinator's unit, which every
    coordinator's page asks (`user.office_membership`) and which otherwise cost a query each time.
    A row handed to another person flushes both (offices.models.Membership.people)."""
    if related_name not in RELATIONS:
        RELATIONS.append(related_name)
    post_save.connect(on_person_relation_change, sender=model)
    post_delete.connect(on_person_relation_change, sender=model)


def cached_user(pk: int):
    """The active or inactive user with this key, or None; the database only on a miss.

    One read of the cache fetches the person and, where the entry exists, their permissions
    (kept on the returned object as `PERMISSIONS_READ` for `cached_permissions`): each round trip
    to Redis counts on a signed-in page (`make bench-pg`, issue #13)."""
    from .models import User

    key, permissions_key = _user_key(pk), _permissions_key(pk)
    found = _cache().get_many([key, permissions_key])
    user = found.get(key)
    if user is None:
        user = User.objects.select_related(*RELATIONS).filter(pk=pk).first()
        if user is None:
            return None
        _cache().set(key, user, TTL)
    if permissions_key in found:
        user.__dict__[PERMISSIONS_READ] = found[permissions_key]
    return user


def cached_permissions(user) -> tuple[frozenset[str], frozenset[str]]:
    """("app_label.codename" of the person's own permissions, of their groups' permissions):
    read once per request, with the person where `cached_user` found them."""
    found = user.__dict__.get(PERMISSIONS_READ)
    if found is not None:
        return found
    key = _permissions_key(user.pk)
    found = _cache().get(key)
    if found is None:

        def names(permissions) -> frozenset[str]:
            rows = permissions.values_list("content_type__app_label", "codename").order_by()
            return frozenset(f"{app}.{codename}" for app, codename in rows)

        found = (
            names(Permission.objects.filter(user=user)),
            names(Permission.objects.filter(group__user=user)),
        )
        _cache().set(key, found, TTL)
    user.__dict__[PERMISSIONS_READ] = found
    return found


def flush_user(*pks: object) -> None:
    """Forget what the cache holds about these people: at once, and again after the commit, so
    that a request that read the old row before the commit cannot keep it in the cache; and
    renew their `person_version`, under which their personal pages are cached."""
    if not pks:
        return
    keys = [key for pk in pks for key in (_user_key(pk), _permissions_key(pk))]
    _cache().delete_many(keys)
    bump(*(person_version(pk) for pk in pks))  # the pages cached for them (core.caching)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _cache().delete_many(keys))


def _flush_group_members(groups: Iterable[int]) -> None:
    from .models import User

    flush_user(*User.objects.filter(groups__in=list(groups)).values_list("pk", flat=True))


# --- signal receivers (AccountsConfig.ready) -----------------------------------------------------


def on_user_change(sender, instance, **kwargs) -> None:
    """post_save / post_delete of a user."""
    flush_user(instance.pk)


def on_person_relation_change(sender, instance, **kwargs) -> None:
    """post_save / post_delete of a row cached with its person (`cache_with_person`)."""
    flush_user(*instance.people())


def on_user_relations_change(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """m2m_changed of User.groups and User.user_permissions, from either side."""
    if not action.startswith("post_"):
        return
    if not reverse:
        flush_user(instance.pk)
    elif isinstance(instance, Group):
        if action == "post_clear":
            _flush_group_members([instance.pk])  # Django gives no pk_set for a clear
        flush_user(*(pk_set or ()))
    else:  # a permission added to or removed from people
        flush_user(*(pk_set or ()))
        if action == "post_clear":
            from .models import User

            flush_user(*User.objects.values_list("pk", flat=True))


def on_group_permissions_change(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """m2m_changed of Group.permissions: every member of the group(s) concerned."""
    if not action.startswith(("post_", "pre_clear")):
        return
    if reverse:  # a permission's groups changed
        groups = list(
            pk_set or Group.objects.filter(permissions=instance).values_list("pk", flat=True)
        )
    else:
        groups = [instance.pk]
    _flush_group_members(groups)


def on_group_delete(sender, instance, **kwargs) -> None:
    """pre_delete of a group: its members, while the membership rows still exist."""
    _flush_group_members([instance.pk])
