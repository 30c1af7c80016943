"""Every API operation x every role's personal token x another unit's or organisation's object
(reliability brief T6, issue #14). Each request goes through schemathesis as well: an answer must
match the OpenAPI document (status, media type, body), allowed or refused.

A route of the API that no row lists fails the suite, as in tests/test_access_matrix.py.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import transaction

from wirportal.accounts.tests.factories import api_token
from wirportal.core.testing import LAND, LOGGED_IN, ROLES

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())

EVERYONE = ROLES
ORGANISATION_A = LAND | {"applicant_a", "coordinator_x"}
APPLICATION_A = LAND | {"applicant_a", "coordinator_x"}
MEMBERS_A = frozenset({"applicant_a"})
AUTHORITY = frozenset({"case_worker", "programme_staff", "auditor", "admin"})
ORGANISERS_X = frozenset({"coordinator_x", "programme_staff", "admin"})


@dataclass(frozen=True)
class ApiCase:
    method: str
    path: str  # as in the OpenAPI document
    allowed: frozenset[str]
    params: Callable = field(default=lambda w: {})
    body: Callable | None = None
    query: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}{'?' if self.query else ''}"


def _pk(name: str, param: str):
    return lambda w: {param: w[name].pk}


CASES = [
    ApiCase("GET", "/api/einheiten/", EVERYONE),
    ApiCase("GET", "/api/einheiten/akteure", EVERYONE),
    ApiCase("GET", "/api/einheiten/{slug}/netzwerk", EVERYONE, lambda w: {"slug": "kassel"}),
    ApiCase("GET", "/api/foerderaufrufe/", EVERYONE),
    ApiCase("GET", "/api/foerderlinien/", EVERYONE),
    ApiCase("GET", "/api/haushalt/", LAND, query={"year": 2027}),
    ApiCase("GET", "/api/traeger/", LOGGED_IN),
    ApiCase(
        "GET", "/api/traeger/{organisation_id}", ORGANISATION_A, _pk("org_a", "organisation_id")
    ),
    ApiCase("GET", "/api/antraege/", LOGGED_IN, query={"status": "submitted"}),
    ApiCase(
        "GET", "/api/antraege/{application_id}", APPLICATION_A, _pk("submitted", "application_id")
    ),
    # a draft is the applicant organisation's alone, not even the superuser's (ADR 0005)
    ApiCase("GET", "/api/antraege/{application_id}", MEMBERS_A, _pk("draft", "application_id")),
    # the superuser passes the permission but the service refuses (not a member): 422, nothing
    # created; applicant_b does not see organisation A: 404
    ApiCase(
        "POST",
        "/api/antraege/",
        MEMBERS_A | {"admin"},
        body=lambda w: {"call": w["open_call"].pk, "organisation": w["org_a"].pk},
    ),
    ApiCase(
        "PATCH",
        "/api/antraege/{application_id}",
        MEMBERS_A,
        _pk("draft", "application_id"),
        body=lambda w: {"title": "Sprachcafé"},
    ),
    ApiCase(
        "POST",
        "/api/antraege/{application_id}/kostenpositionen",
        MEMBERS_A,
        _pk("draft", "application_id"),
    ),
    ApiCase(
        "POST",
        "/api/antraege/{application_id}/finanzierung",
        MEMBERS_A,
        _pk("draft", "application_id"),
    ),
    # the submission itself: refused for the matrix's draft (no attachments) with 422, but only
    # after the access check; everybody else never gets that far
    ApiCase(
        "POST",
        "/api/antraege/{application_id}/einreichen",
        MEMBERS_A,
        _pk("draft", "application_id"),
    ),
    ApiCase(
        "GET",
        "/api/pruefung/",
        frozenset({"case_worker", "reviewer", "programme_staff", "auditor", "admin"}),
    ),
    ApiCase("GET", "/api/entscheidungen/", LOGGED_IN),
    ApiCase("GET", "/api/entscheidungen/{decision_id}", AUTHORITY, _pk("approved", "decision_id")),
    ApiCase("GET", "/api/zahlungen/", AUTHORITY | {"applicant_a", "applicant_b"}),
    ApiCase(
        "GET",
        "/api/zahlungen/{payment_id}",
        AUTHORITY | {"applicant_a"},
        _pk("requested", "payment_id"),
    ),
    ApiCase("GET", "/api/verwendungsnachweise/", LOGGED_IN),
    ApiCase(
        "GET",
        "/api/verwendungsnachweise/{proof_id}",
        AUTHORITY | {"applicant_a"},
        _pk("proof_submitted", "proof_id"),
    ),
    ApiCase("GET", "/api/veranstaltungen/", EVERYONE),
    ApiCase("GET", "/api/veranstaltungen/{slug}", EVERYONE, lambda w: {"slug": w["event_x"].slug}),
    ApiCase(
        "GET",
        "/api/veranstaltungen/{slug}/anmeldungen",
        ORGANISERS_X,
        lambda w: {"slug": w["event_x"].slug},
    ),
    ApiCase(
        "POST",
        "/api/veranstaltungen/{slug}/anmeldung",
        LOGGED_IN,
        lambda w: {"slug": w["event_x"].slug},
        body=lambda w: {"consent": True},
    ),
]


def test_every_api_operation_is_in_the_matrix():
    listed = {(case.method, case.path) for case in CASES}
    documented = {
        (method.upper(), path)
        for path, operations in schema.raw_schema["paths"].items()
        for method in operations
    }
    assert not documented - listed, f"API operations missing from the matrix: {documented - listed}"


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class _Rollback(Exception):
    pass


@pytest.fixture
def tokens(shared_matrix_world, settings):
    settings.WIR_API_TOKEN_RATE = "1000000/m"
    return {
        role: api_token(user) if user is not None else None
        for role, user in shared_matrix_world.users.items()
    }


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_api_access(case: ApiCase, shared_matrix_world, tokens):
    operation = schema[case.path][case.method]
    failures = []
    for role in sorted(ROLES):
        token = tokens[role]
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        kwargs = {"path_parameters": case.params(shared_matrix_world), "headers": headers}
        if case.query:
            kwargs["query"] = case.query
        if case.body is not None:
            kwargs["body"] = case.body(shared_matrix_world)
            kwargs["media_type"] = "application/json"
        call = operation.Case(**kwargs)
        try:
            with transaction.atomic():
                response = call.call()
                raise _Rollback
        except _Rollback:
            pass
        cache.clear()
        status = response.status_code
        problems = []
        try:
            call.validate_response(response)
        except Exception as error:  # schema violation: reported with the role
            problems.append(str(error)[:400])
        allowed = role in case.allowed
        # allowed: 2xx, or 422 for a well-formed request the domain refuses (the draft to submit)
        ok = (200 <= status < 300 or status == 422) if allowed else status in (401, 403, 404)
        if role == "anonymous" and not allowed:
            ok = status == 401
        if not ok or problems:
            failures.append(
                f"{role} {case.method} {call.formatted_path}: {status} "
                f"(expected {'allowed' if allowed else 'denied'}) {' '.join(problems)}"
            )
    assert not failures, "\n".join(failures)
