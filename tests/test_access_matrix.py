"""Every URL x every role x another unit's or organisation's object (reliability brief T6).

Each app lists its URLs in `wirportal/<app>/tests/matrix.py`. A URL of ours that no matrix lists
fails the suite, so every new page has to join the matrix.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix import CASES
from wirportal.core.testing import ROLES, Case

pytestmark = pytest.mark.django_db


OUR_NAMESPACES = {c.label for c in apps.get_app_configs() if c.name.startswith("wirportal.")}


def _our_url_names(patterns=None, namespace=None) -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            names |= _our_url_names(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name and namespace in OUR_NAMESPACES:
            names.add(f"{namespace}:{pattern.name}")
    return names


def test_every_url_of_ours_is_in_the_matrix():
    listed = {case.url_name for case in CASES}
    missing = _our_url_names() - listed
    assert not missing, f"URLs missing from the access matrix: {sorted(missing)}"


def test_every_case_names_only_known_roles():
    for case in CASES:
        assert case.allowed <= ROLES, case.id


def _outcome(response) -> str:
    if response.status_code in (401, 403, 404, 405):
        return "denied"
    if response.status_code in (301, 302, 303, 307, 308):
        location = response.headers.get("Location", "")
        if location.startswith((reverse(settings.LOGIN_URL), reverse("accounts:mfa-required"))):
            return "denied"
        return "allowed"
    if 200 <= response.status_code < 300 or response.status_code == 422:
        return "allowed"
    raise AssertionError(f"unexpected status {response.status_code}")


class _Rollback(Exception):
    pass


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_access(case: Case, shared_matrix_world, client):
    world = shared_matrix_world
    """Each role in turn, inside a savepoint that is rolled back, so POSTs do not leak into the next."""
    failures = []
    for role in sorted(ROLES):
        user = world.users[role]
        client.logout()
        if user is not None:
            client.force_login(user)
        url = reverse(case.url_name, kwargs=case.kwargs(world))
        if case.query:
            url = f"{url}?{case.query}"
        try:
            with transaction.atomic():
                if case.method == "post":
                    response = client.post(url, case.data(world))
                else:
                    response = client.get(url)
                raise _Rollback
        except _Rollback:
            pass
        # what the request left in a shared cache (Redis: throttles, cached pages) is outside the
        # rolled-back savepoint; it must not leak into the next role either
        cache.clear()
        # the superuser (technical administration) may do everything a logged-in role may do
        allowed = role in case.allowed or (
            role == "admin" and not case.rule_binds_admin and bool(case.allowed - {"anonymous"})
        )
        expected = "allowed" if allowed else "denied"
        got = _outcome(response)
        if got != expected:
            failures.append(
                f"{role} {case.method.upper()} {url}: got {response.status_code} "
                f"{response.headers.get('Location', '')}, expected {expected}"
            )
    assert not failures, "\n".join(failures)
