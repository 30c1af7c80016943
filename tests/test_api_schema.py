"""The REST API against its own OpenAPI schema (schemathesis, in process; reliability brief T5)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


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
def api_data(reference_data):
    from wirportal.offices.demo import load

    load()


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema_and_never_fails(case, api_data):
    response = case.call_and_validate()
    assert response.status_code < 500


@pytest.mark.django_db
def test_openapi_document_describes_every_route(client):
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "WIR-Portal API"
    assert len(document["paths"]) >= 1
