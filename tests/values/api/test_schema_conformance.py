"""Schemathesis against the API's own OpenAPI schema: for every operation, at least 100
valid generated requests (and some deliberately invalid ones), no server error, and every
answer – content, status code, headers – as the schema says."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from tests.conftest import make_framework
from values.models import Status

EXAMPLES_PER_OPERATION = 100
INVALID_EXAMPLES_PER_OPERATION = 15


@pytest.mark.django_db
def test_every_operation_answers_as_its_schema_says_for_generated_requests(concepts):
    make_framework(concepts=concepts)
    make_framework(title="Hemmeligt udkast", publisher="Vejle Kommune", status=Status.DRAFT)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13
    for operation in operations:
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
