"""Schemathesis against the API's own OpenAPI schema: for every operation, at least 100
valid generated requests (and some deliberately invalid ones), no server error, and every
answer – content, status code, headers – as the schema says. One test per operation, so the
test processes share them."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from reflections.principles import approval
from tests.conftest import make_framework
from tests.reflections.principles.listing_data import municipality, published_principle, school
from values.api.endpoints import api
from values.models import Material, Status

EXAMPLES_PER_OPERATION = 100
INVALID_EXAMPLES_PER_OPERATION = 10
SCHEMA_URL = "/api/v1/openapi.json"
OPERATIONS = [
    (method.upper(), path)
    for path, methods in api.get_openapi_schema(path_prefix="/api/v1/")["paths"].items()
    for method in methods
]


def test_the_schema_lists_every_operation():
    paths = {path for _method, path in OPERATIONS}
    kinds = (
        "publishers",
        "concepts",
        "frameworks",
        "themes",
        "items",
        "questions",
        "materials",
        "principles",
    )
    for kind in kinds:
        assert f"/api/v1/{kind}" in paths
    assert "/api/v1/search" in paths and len(OPERATIONS) == 17


@pytest.fixture
def connection_kept_open():
    """Requests go to the WSGI application itself, which closes the database connection after
    each request – and with it the test's transaction on PostgreSQL. Django's test client
    avoids that the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("connection_kept_open")
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[p for _m, p in OPERATIONS])
def test_the_operation_answers_as_its_schema_says_for_generated_requests(concepts, method, path):
    published = make_framework(concepts=concepts)
    draft = make_framework(title="Hemmeligt udkast", publisher="Vejle Kommune", status=Status.DRAFT)
    for framework in (published, draft):
        Material.objects.create(
            theme=framework.themes.first(),
            title=f"Materiale til {framework.title}",
            url="https://www.emu.dk/film",
            source="EVA",
        )
    listed = published_principle(school(municipality(), "Vestskolen", 151012), "Princip")
    approval.unpublish(published_principle(listed.space.school, "Taget offline"))
    schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application())
    operation = schema[path][method]
    _exercise(operation, GenerationMode.POSITIVE, EXAMPLES_PER_OPERATION)
    # Invalid input must be refused with a documented 4xx, never a server error.
    _exercise(operation, GenerationMode.NEGATIVE, INVALID_EXAMPLES_PER_OPERATION)


def _exercise(operation, mode, examples: int) -> None:
    seen = []

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        response = case.call()
        seen.append(response.status_code)
        assert response.status_code < 500, (case.as_curl_command(), response.text)
        case.validate_response(response)

    check()
    assert seen, f"{operation.label}: no request was made"
