"""Every error under /api/ is application/problem+json, whoever produced it (the API's handlers, Django's URL
resolution, django-ninja's method check, an unexpected exception), and the OpenAPI description says so for every
operation."""

from __future__ import annotations

import logging
import re
import typing
from datetime import UTC, datetime

import pytest
from pydantic import TypeAdapter

from ncbnet.access.levels import Role
from ncbnet.api import notices as notices_api
from ncbnet.api import record_schemas
from ncbnet.api.problems import PROBLEM_SCHEMA
from ncbnet.api.schemas import IsoDateTime
from ncbnet.audit.models import AuditEntry
from ncbnet.messaging.models import Message
from ncbnet.notices.models import DiffusionKind, NoticeState
from ncbnet.records.models import ArtCategory, DocumentStatus, DocumentType, FirearmType, NameKind, PersonRole

_JSON_TYPES = {"string": str, "integer": int, "array": list, "object": dict}


def assert_problem(response, status: int) -> dict:
    """The response is a problem document of ``status`` with the fields and types the OpenAPI ``Problem`` gives."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    doc = response.json()
    assert set(PROBLEM_SCHEMA["required"]) <= doc.keys() <= PROBLEM_SCHEMA["properties"].keys()
    for key, value in doc.items():
        assert isinstance(value, _JSON_TYPES[PROBLEM_SCHEMA["properties"][key]["type"]]), (key, value)
    assert doc["status"] == status and doc["instance"] == response.wsgi_request.path
    return doc


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/nothing", "/api/v1/records/persons/not-a-number",
                                  "/api/v1/records/persons/1/no-such-part"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_a_path_no_operation_has_is_a_404_problem_and_audited(world, api_client, path, signed_in):
    officer = world.officer("FR")
    token = world.token(officer) if signed_in else None
    refusals = AuditEntry.objects.filter(outcome="refused").count()
    doc = assert_problem(api_client.get(path, token=token), 404)
    assert doc["type"].endswith("/not-found") and path in doc["detail"]
    assert AuditEntry.objects.filter(outcome="refused").count() == refusals + 1
    entry = AuditEntry.objects.latest("id")
    assert entry.reason.startswith("404 Not found")
    # no operation authenticated the caller, yet the refusal names whoever a valid token says sent it
    assert (entry.username, entry.organisation) == ((officer.username, "NCB-FR") if signed_in else ("", ""))


@pytest.mark.parametrize("authorization", ["Bearer not-a-token", "Bearer ", "Basic b2ZmaWNlcjpwdw==", "Bearer \x00"])
def test_a_404_with_a_token_the_api_would_refuse_names_nobody(world, client, authorization):
    response = client.get("/api/v1/nothing-here", HTTP_AUTHORIZATION=authorization)
    assert_problem(response, 404)
    entry = AuditEntry.objects.latest("id")
    assert entry.outcome == "refused" and (entry.username, entry.organisation, entry.token_id) == ("", "", None)


def test_a_404_in_a_verified_session_names_its_user(world, client, settings):
    settings.OTP_REQUIRED = False
    officer = world.officer("DE")
    client.force_login(officer)
    assert_problem(client.get("/api/v1/nothing-here"), 404)
    assert AuditEntry.objects.latest("id").username == officer.username
    settings.OTP_REQUIRED = True  # a session that has not passed its second factor names nobody
    assert_problem(client.get("/api/v1/nothing-here"), 404)
    assert AuditEntry.objects.latest("id").username == ""


def test_outside_the_api_a_missing_page_is_still_a_page(world, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and not response["Content-Type"].startswith("application/problem+json")


def test_a_method_the_path_does_not_take_is_a_405_problem_with_allow(world, api_client):
    officer = world.officer("FR")
    token = world.token(officer)
    response = api_client.put("/api/v1/hits", {}, token=token)
    doc = assert_problem(response, 405)
    assert response["Allow"] == "GET" and "PUT is not allowed" in doc["detail"] and "allowed: GET" in doc["detail"]
    assert AuditEntry.objects.latest("id").username == officer.username


def test_an_unexpected_error_is_a_500_problem_naming_an_id_in_the_log(world, api_client, monkeypatch, caplog):
    def broken(*args, **kw):
        raise RuntimeError("disk on fire at /var/secret/path")

    monkeypatch.setattr("ncbnet.api.hits.services.list_hits", broken)
    token = world.token(world.officer("FR"))
    refusals = AuditEntry.objects.filter(outcome="refused").count()
    with caplog.at_level(logging.ERROR, logger="ncbnet.api.problems"):
        response = api_client.get("/api/v1/hits", token=token)
    doc = assert_problem(response, 500)
    assert b"disk on fire" not in response.content and b"secret" not in response.content
    error_id = re.search(r"logged as ([0-9a-f]{12})", doc["detail"]).group(1)
    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert len(logged) == 1 and "disk on fire" in str(logged[0].exc_info[1])
    assert AuditEntry.objects.filter(outcome="refused").count() == refusals  # a failure, not a refusal


@pytest.fixture
def openapi(client):
    return client.get("/api/openapi.json").json()


def test_every_operation_documents_its_problems(openapi):
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    assert openapi["components"]["schemas"]["Problem"] == PROBLEM_SCHEMA
    operations = [(path, method, op) for path, item in openapi["paths"].items() for method, op in item.items()]
    assert len(operations) > 60
    for path, method, op in operations:
        responses = op["responses"]
        expected = {"401", "default"}
        expected |= {"403"} if "security" in op else set()
        expected |= {"404"} if "{" in path else set()
        expected |= {"400", "422"} if "requestBody" in op else set()
        expected |= {"422"} if op.get("parameters") else set()
        assert expected <= responses.keys(), (method, path, sorted(responses))
        assert all(responses[s]["content"] == problem for s in expected), (method, path)
        assert any(s.startswith("2") for s in responses), (method, path)  # the success is still there


def test_the_login_documents_401_without_403(openapi):
    responses = openapi["paths"]["/api/v1/session"]["post"]["responses"]
    assert {"200", "400", "401", "422", "default"} <= responses.keys() and "403" not in responses


def _literal(annotation) -> set[str]:
    """The values of a ``Literal``, or of the ``Literal`` in an ``X | None``."""
    if typing.get_origin(annotation) is typing.Literal:
        return set(typing.get_args(annotation))
    return {v for arg in typing.get_args(annotation) for v in _literal(arg)}


def _parameter(view, name: str) -> set[str]:
    return _literal(typing.get_type_hints(view)[name])


def test_the_api_enumerations_are_the_models_choices():
    """What the OpenAPI enumerates is what the services accept: the schemas' literals cannot drift from the models."""
    fields = {name: f.annotation for name, f in record_schemas.TravelDocumentIn.model_fields.items()}
    assert _literal(fields["document_type"]) == set(DocumentType.values)
    assert _literal(fields["document_status"]) == set(DocumentStatus.values)
    assert _literal(record_schemas.WorkOfArtIn.model_fields["category"].annotation) == set(ArtCategory.values)
    assert _literal(record_schemas.FirearmIn.model_fields["firearm_type"].annotation) == set(FirearmType.values)
    assert _literal(record_schemas.PersonIn.model_fields["role"].annotation) == set(PersonRole.values)
    assert _literal(record_schemas.NameIn.model_fields["kind"].annotation) == set(NameKind.values)
    assert _literal(notices_api.DiffusionIn.model_fields["kind"].annotation) == set(DiffusionKind.values)
    assert _parameter(notices_api.list_notices, "state") == {"", *NoticeState.values}  # "": any
    assert _parameter(notices_api.list_diffusions, "kind") == {"", *DiffusionKind.values}


def test_the_list_filters_refuse_an_unknown_value_by_name_and_take_a_known_one(world, api_client):
    token = world.token(world.officer("FR"))
    doc = assert_problem(api_client.get("/api/v1/notices", token=token, state="lost"), 422)
    assert doc["errors"][0]["field"] == "query.state"
    doc = assert_problem(api_client.get("/api/v1/diffusions", token=token, kind="rumour"), 422)
    assert doc["errors"][0]["field"] == "query.kind"
    assert api_client.get("/api/v1/notices", token=token, state="published").status_code == 200
    assert api_client.get("/api/v1/diffusions", token=token, kind="wanted").status_code == 200
    assert api_client.get("/api/v1/diffusions", token=token, kind="", text="").status_code == 200


@pytest.mark.parametrize("value", ["0.5", "1700000000", "yesterday", "06/12/2026"])
def test_a_date_and_time_is_iso_8601_text_only(world, api_client, value):
    """pydantic alone reads a number as seconds since 1970: ``until=0.5`` searched the trail up to 1970."""
    auditor = world.token(world.user(world.gs(), Role.AUDITOR))
    doc = assert_problem(api_client.get("/api/v1/audit/entries", token=auditor, until=value), 422)
    assert doc["errors"][0]["field"] == "query.until" and "ISO 8601" in doc["errors"][0]["message"]
    for good in ("2026-12-06T10:00:00Z", "2026-12-06T10:00:00+01:00", "2026-12-06T10:00:00", "2026-12-06"):
        assert api_client.get("/api/v1/audit/entries", token=auditor, until=good).status_code == 200, good


def test_a_date_and_time_without_an_offset_is_utc():
    read = TypeAdapter(IsoDateTime).validate_python
    assert read("2026-12-06T10:00:00") == read("2026-12-06T10:00:00Z") == datetime(2026, 12, 6, 10, tzinfo=UTC)
    assert read("2026-12-06") == datetime(2026, 12, 6, tzinfo=UTC)
    assert read("2026-12-06T11:00:00+01:00") == datetime(2026, 12, 6, 10, tzinfo=UTC)


def test_a_notice_suspension_takes_no_number_for_its_date(world, api_client):
    token = world.token(world.officer("FR"))
    doc = assert_problem(api_client.post("/api/v1/notices/1/suspend", {"until": 1.9e9, "reasons": "talks"},
                                         token=token), 422)
    assert doc["errors"][0]["field"] == "until" and "ISO 8601" in doc["errors"][0]["message"]


def test_a_body_over_the_limit_is_a_413_problem_and_changes_nothing(world, api_client, settings):
    """Django refuses it while the API reads the body; before the API took every exception, Django answered 400."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    token = world.token(world.officer("FR"))
    body = {"recipients": ["NCB:DE"], "subject": "big", "body": "x" * 2000, "language": "en"}
    doc = assert_problem(api_client.post("/api/v1/messages", body, token=token), 413)
    assert "1,000 bytes" in doc["detail"]
    assert AuditEntry.objects.latest("id").reason.startswith("413 Request too large")
    assert not Message.objects.exists()


# A NUL character ("%00") anywhere a portal view or the audit trail would read it: PostgreSQL cannot store it, and a
# page that looked it up (a hit by its reference, a database by its name) failed with a 500; the other pages are
# refused alike, whatever they would have made of it. (The public site and its API refused it already: tests/public.)
NUL_PAGES = ["/portal/hits/HIT-%00/", "/portal/notices/?text=%00", "/portal/hits/?status=%00",
             "/portal/bureau/agencies/FR%00/", "/portal/search/docu%00/", "/portal/messages/?q=%00"]


@pytest.mark.parametrize("path", NUL_PAGES)
def test_a_nul_in_a_page_address_is_a_400_not_a_500(world, client, settings, path):
    settings.OTP_REQUIRED = False
    client.force_login(world.officer("FR", role=Role.NCB_SUPERVISOR))
    response = client.get(path)
    assert response.status_code == 400 and b"NUL" not in response.content  # Django's 400 page, no echo


def test_a_nul_in_a_portal_form_field_is_a_400(world, client):
    response = client.post("/portal/sign-in/", {"username": "officer\x00", "password": "x"})
    assert response.status_code == 400


@pytest.mark.parametrize("path,where", [("/api/v1/hits/HIT-%00", "the path"),
                                        ("/api/v1/records/persons/1?purpose=a%00", "query parameter 'purpose'"),
                                        ("/api/v1/hits?st%00atus=x", "query parameter 'status'")])
def test_a_nul_in_an_api_address_is_a_400_problem_audited_with_its_caller(world, api_client, path, where):
    officer = world.officer("FR")
    doc = assert_problem(api_client.get(path, token=world.token(officer)), 400)
    assert doc["detail"] == f"{where} contains a NUL character (\\u0000)"
    entry = AuditEntry.objects.latest("id")
    assert entry.outcome == "refused" and entry.username == officer.username
    assert entry.object_ids == [path.split("?")[0].replace("%00", "\ufffd")]
