"""Every operation of the OpenAPI description, called with requests generated from it (schemathesis, valid and
invalid), through the real WSGI application: no answer is a 500, and every answer has a status, a media type,
headers and a body its operation documents. Signed in as an NCB officer, who may call most operations; the rest
answer 403, which they document too."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ncbnet.api.hotpath import HotPath
from ncbnet.serving import RequestOnly

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]

# The server's WSGI application as ncbnet/wsgi.py builds it, without what that module does to the process (the
# PostgreSQL actor cache's listener, freezing the collector).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", RequestOnly(HotPath(WSGIHandler())))


@pytest.fixture
def token(world):
    """An NCB officer's token; the test's requests keep the test's transaction (as Django's test client does, the
    request signals do not close its connection), so that everything they write is rolled back after it."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield world.token(world.officer("FR"))
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# The bulk upload's NDJSON body has no serializer here; tests/records/test_bulk.py and test_records_api.py send it.
@pytest.mark.filterwarnings("ignore:Skipped test cases with unsupported payload media types")
@schema.parametrize()
@settings(max_examples=3, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_every_answer_is_one_its_operation_documents(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
