"""The REST API against its own OpenAPI schema (schemathesis, in process; reliability brief T5,
issue #14): every operation, once anonymous and once with a personal token of each role
(applicant, coordinator, case worker, programme staff, auditor). Valid and invalid input; every
response must be documented (status, `application/problem+json` for problems, body schema) and
none may be a server error."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

from wirportal.accounts.tests.factories import api_token

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
OPERATIONS = [result.ok() for result in schema.get_all_operations()]
FUZZ_ROLES = [
    "anonymous",
    "applicant_a",
    "coordinator_x",
    "case_worker",
    "programme_staff",
    "auditor",
]
EXAMPLES = {GenerationMode.POSITIVE: 4, GenerationMode.NEGATIVE: 2}


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Like Django's test client: a request must not close the test's (transactional) connection.
    Schemathesis calls the WSGI app directly, which would fire close_old_connections."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_world(world, settings):
    """One person per role with units and organisations (the objects behind each route are the
    access matrix's, tests/test_api_matrix.py) and the demo units' network; no rate limit."""
    from django.core.cache import cache

    from wirportal.offices.demo import load

    load()
    settings.WIR_API_TOKEN_RATE = "1000000/m"
    cache.clear()
    return world


@pytest.mark.django_db
@pytest.mark.parametrize("role", FUZZ_ROLES)
def test_api_conforms_to_its_schema_and_never_fails(role, api_world):
    user = api_world.users[role]
    headers = {"Authorization": f"Bearer {api_token(user)}"} if user is not None else {}
    failures = []
    for operation in OPERATIONS:
        for mode, examples in EXAMPLES.items():

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
            )
            def run(case):
                response = case.call_and_validate(headers=headers)
                assert response.status_code < 500

            try:
                run()
            except Unsatisfiable:  # e.g. a free-text slug: there is no invalid value to send
                continue
            except Exception as error:  # collect: one report for every operation
                failures.append(f"{operation.label} ({mode.value}): {error}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.django_db
def test_openapi_document_describes_every_route(client):
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert document["info"]["title"] == "WIR-Portal API"
    schemes = document["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"} in schemes.values()
    paths = set(document["paths"])
    for resource in (
        "einheiten",
        "traeger",
        "foerderlinien",
        "foerderaufrufe",
        "haushalt",
        "antraege",
        "entscheidungen",
        "zahlungen",
        "verwendungsnachweise",
        "veranstaltungen",
    ):
        assert f"/api/{resource}/" in paths, resource
