"""schemathesis against /api/openapi.json, as a logged-in API client.

Every operation gets generated requests that fit the schema (positive mode; a
bounded number per operation, SCHEMATHESIS_EXAMPLES, so the run fits CI): no
answer may be a server error, and every documented answer must match its schema.
Runs in-process against the WSGI application on the test database, so whatever
the requests change is rolled back after each operation.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from samverkan.api import api

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "8"))

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()
schema.config.generation.update(modes=[GenerationMode.POSITIVE], max_examples=EXAMPLES, deterministic=True)


@pytest.fixture
def token(db):
    from samverkan.accounts.models import APIToken, User

    return APIToken.issue(User.objects.get(username="cecilia"), "schemathesis")[1]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_answers_every_generated_request_without_a_server_error_and_as_documented(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )


def test_every_paginated_operation_bounds_its_offset():
    # An unbounded offset overflowed the database's integer (a 500 that schemathesis found).
    unbounded = [
        f"{method.upper()} {path}"
        for path, operations in api.get_openapi_schema()["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "offset" and "maximum" not in parameter.get("schema", {})
    ]
    assert not unbounded, f"use samverkan.core.pagination.LimitOffsetPagination in: {unbounded}"


def test_a_huge_offset_is_a_client_error(client_for):
    response = client_for("cecilia").get("/api/agreements/rounds/?offset=904280888844705933569827515924480")
    assert response.status_code == 422
