"""The hot path (ncbnet/api/hotpath.py) answers the front line's single checks as Django's whole cycle would:
the same requests go through both WSGI applications and the answers are compared; whatever it must not answer
itself reaches Django untouched, and nothing is written twice."""

import io
import json
import re

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from pydantic import ValidationError

from ncbnet.access.levels import Role
from ncbnet.api.hotpath import HotPath
from ncbnet.audit.models import AuditEntry
from ncbnet.hits.models import Hit
from ncbnet.matching.mrz import make_td3
from tests.records.conftest import passport

VARYING = {"Date", "Server"}


class Counting:
    """The Django application, counting the requests that reach it."""

    def __init__(self):
        self.app = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.app(environ, start_response)


@pytest.fixture
def apps(world):
    django_app = Counting()
    return django_app, HotPath(django_app)


@pytest.fixture
def tokens(world, api_client):
    fr, de = world.officer("FR"), world.officer("DE")
    border = world.user(world.agency("DE", "DE-BPOL", databases=("persons", "travel_documents")),
                        Role.FRONTLINE_SYSTEM, is_machine=True)
    tokens = {"fr": world.token(fr), "de": world.token(de), "border": world.token(border)}
    r = api_client.post("/api/v1/records/travel-documents", passport("12AB34567"), token=tokens["fr"])
    assert r.status_code == 201, r.content
    return tokens


def call(app, path, body, token=None, query="", host="testserver", content_type="application/json", raw=None):
    data = raw if raw is not None else json.dumps(body).encode()
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "testserver",
               "SERVER_PORT": "80", "HTTP_HOST": host, "REMOTE_ADDR": "192.0.2.7", "wsgi.url_scheme": "http",
               "wsgi.input": io.BytesIO(data), "CONTENT_LENGTH": str(len(data)), "CONTENT_TYPE": content_type,
               "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.errors": io.StringIO()}
    if token:
        environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, headers

    # As Django's test client does: the test's transaction must survive the request signals.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        content = b"".join(app(environ, start_response))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    headers = {k: v for k, v in answer["headers"] if k not in VARYING}
    return answer["status"], headers, content


def both(apps, *args, **kw):
    """The answer of each path: Django's whole cycle, then the hot path (and whether it left Django alone)."""
    django_app, hot = apps
    plain = call(django_app, *args, **kw)
    before = django_app.calls
    fast = call(hot, *args, **kw)
    return plain, fast, django_app.calls == before


def masked(content: bytes) -> bytes:
    return re.sub(rb'"hit_reference": "[^"]+"', b'"hit_reference": "H"', content)


ANSWERED = [
    ("/api/v1/search/identifier", {"field": "number", "value": "CLEAN0001"}, "de", ""),
    ("/api/v1/search/identifier", {"field": "number", "value": "12ab-34567"}, "de", ""),
    ("/api/v1/search/identifier", {"field": "number", "value": "12AB34567"}, "fr", ""),  # its own: no hit
    ("/api/v1/search/identifier", {"field": "number", "value": "12AB34567", "country": "FRA",
                                   "document_type": "passport"}, "de", "location=Munich%20airport&purpose=border"),
    ("/api/v1/search/identifier", {"field": "vin", "value": "1HGCM82633A004353"}, "de", ""),  # bad check digit
    ("/api/v1/search/identifier", {"field": "mrz", "value": make_td3(
        document_number="12AB34567", issuing_state="FRA", surname="MARTIN", given_names=["JEAN"],
        birth_date="1980-05-17", sex="M", expiry_date="2030-01-14", nationality="FRA")[:-1] + "9"}, "de", ""),
    ("/api/v1/frontline/check", {"document_number": "12AB34567", "issuing_country": "FRA", "location": "Gate B12",
                                 "names": ["Jean Martin"], "birth_date": "1980-05-17"}, "border", ""),
    ("/api/v1/frontline/check", {"document_number": "CLEAN0001", "names": ["Nobody Known"]}, "border", ""),
]


@pytest.mark.parametrize("path,body,who,query", ANSWERED)
def test_the_hot_path_answers_as_the_whole_cycle(apps, tokens, path, body, who, query):
    entries, hits = AuditEntry.objects.count(), Hit.objects.count()
    plain, fast, untouched = both(apps, path, body, tokens[who], query=query)
    assert untouched, "the hot path handed an ordinary request to Django"
    assert plain[0] == fast[0] == "200 OK"
    assert plain[1] == fast[1]
    assert masked(plain[2]) == masked(fast[2])
    new_hits = Hit.objects.count() - hits
    assert new_hits in (0, 2) and AuditEntry.objects.count() - entries >= 2
    if new_hits:
        assert b'"hit_reference": null' not in fast[2] and "hit" in json.loads(fast[2]).get("instruction", "hit")
    if query:  # the location reached the search's audit entry and the hit
        assert Hit.objects.order_by("-id").first().location == "Munich airport"


REFUSED = [  # (path, body, token, keyword arguments of call, status): Django answers, and audits the refusal once
    ("/api/v1/search/identifier", {"field": "number"}, "de", {}, 422),
    ("/api/v1/search/identifier", {"field": "number", "value": "A1", "extra": 1}, "de", {}, 422),
    ("/api/v1/search/identifier", None, "de", {"raw": b'{"field": "number", "value": '}, 400),
    ("/api/v1/search/identifier", None, "de", {"raw": b'{"field": "number", "value": "\xff"}'}, 400),
    ("/api/v1/search/identifier", {"field": "number", "value": "A\u0000"}, "de", {}, 400),
    ("/api/v1/search/identifier", {"field": "number", "value": "A1"}, "nobody", {}, 401),
    ("/api/v1/search/identifier", {"field": "number", "value": "A1"}, None, {}, 401),
    ("/api/v1/frontline/check", {"document_number": "A1", "sex": "Q"}, "border", {}, 422),
    # JSON nested past what the parser's recursion takes: a RecursionError escaped the hot path (the server's 500)
    ("/api/v1/frontline/check", None, "border", {"raw": b"[" * 5000 + b"]" * 5000}, 400),
    ("/api/v1/frontline/check", None, "border", {"raw": b'{"a":' * 990 + b"1" + b"}" * 990}, 400),
    ("/api/v1/search/identifier", None, "de", {"raw": b"[" * 5000 + b"]" * 5000}, 400),
]


@pytest.mark.parametrize("path,body,who,kw,status", REFUSED)
def test_a_refused_request_is_answered_and_audited_by_django_once(apps, tokens, path, body, who, kw, status):
    django_app, hot = apps
    token = tokens.get(who, "ncb_notatoken" if who else None)
    entries = AuditEntry.objects.count()
    before = django_app.calls
    answer = call(hot, path, body, token, **kw)
    assert django_app.calls == before + 1
    assert answer[0].startswith(str(status)) and answer[1]["Content-Type"] == "application/problem+json"
    assert AuditEntry.objects.count() == entries + 1
    assert AuditEntry.objects.order_by("-id").first().outcome == "refused"


def test_json_nested_too_deeply_is_malformed_json_named_so(apps, tokens):
    status, _, content = call(apps[1], "/api/v1/frontline/check", None, tokens["border"], raw=b"[" * 5000 + b"]" * 5000)
    doc = json.loads(content)
    assert status.startswith("400") and doc["title"] == "Malformed JSON"
    assert doc["detail"] == "request body is not valid JSON: it is nested too deeply"


@pytest.mark.parametrize("kw", [{"query": "debug=1"}, {"query": "location=a&location=b"}, {"host": "evil.example"},
                                {"content_type": "text/plain"}])
def test_anything_out_of_the_ordinary_goes_to_django(apps, tokens, kw):
    django_app, hot = apps
    before = django_app.calls
    status, _, _ = call(hot, "/api/v1/search/identifier", {"field": "number", "value": "CLEAN0001"}, tokens["de"], **kw)
    assert django_app.calls == before + 1
    assert status.split()[0] in {"200", "400", "422"}


def test_a_refusal_after_authentication_is_rendered_by_the_api_handlers(apps, tokens, world):
    vehicles_only = world.user(world.agency("DE", "DE-KBA", databases=("vehicles",)), Role.FRONTLINE_SYSTEM,
                               is_machine=True)
    token = world.token(vehicles_only)
    entries = AuditEntry.objects.count()
    plain, fast, untouched = both(apps, "/api/v1/search/identifier", {"field": "number", "value": "12AB34567"}, token)
    assert untouched and plain == fast
    assert fast[0].startswith("403") and "not authorised to search travel documents" in json.loads(fast[2])["detail"]
    assert AuditEntry.objects.count() == entries + 2  # one refusal each way
    assert AuditEntry.objects.order_by("-id").first().outcome == "refused"


def test_an_unexpected_error_is_a_500_problem_as_in_django(apps, tokens, monkeypatch, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False

    def broken(*args, **kw):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("ncbnet.api.search.check_identifiers", broken)
    plain, fast, untouched = both(apps, "/api/v1/search/identifier", {"field": "number", "value": "A1"}, tokens["de"])
    assert untouched
    assert plain[0] == fast[0] == "500 Internal Server Error"
    assert plain[1]["Content-Type"] == fast[1]["Content-Type"] == "application/problem+json"
    ids = [re.search(rb"logged as ([0-9a-f]{12})", answer[2]).group(1) for answer in (plain, fast)]
    assert ids[0] != ids[1]  # each failure its own id in the log
    assert plain[2].replace(ids[0], b"ID") == fast[2].replace(ids[1], b"ID") and b"disk on fire" not in fast[2]


def test_the_hot_routes_are_the_api_endpoints_they_stand_for(apps):
    from django.urls import resolve

    _, hot = apps
    routes = hot.routes()
    assert set(routes) == {"/api/v1/search/identifier", "/api/v1/frontline/check"}
    for path, route in routes.items():
        view = resolve(path).func
        assert route.answer.__name__.split("_")[0] in path and view is not None


ANSWERS = [  # (response schema, an answer as the endpoints give it)
    ("ItemAnswerOut", {"index": 0, "field": "number", "key": "12AB34567", "problems": [], "error": None,
                       "parsed_mrz": None, "matches": [
                           {"kind": "travel_document", "record_id": 7, "owner_country": "FR", "score": 1,
                            "explanation": ["document number matches exactly"], "summary": "passport FRA 12AB34567",
                            "hit_reference": "HIT-261206-0000-0000-0000"}]}),
    ("ItemAnswerOut", {"index": 3, "field": "vin", "key": "X", "problems": ["bad check digit"], "error": "no",
                       "matches": [], "extra": "dropped"}),  # a default filled in, an unknown key left out
    ("FrontlineOut", {"index": 0, "hit": True, "problems": [], "errors": [], "instruction": "hold",
                      "findings": [{"kind": "travel_document", "status": "stolen", "owner_country": "FR",
                                    "hit_reference": "HIT-1", "score": 0.97}]}),
]


@pytest.mark.parametrize("name,answer", ANSWERS)
def test_the_answer_is_checked_and_dumped_as_the_api_does(name, answer):
    from ncbnet.api import record_schemas
    from ncbnet.api.hotpath import plain_twin

    schema = getattr(record_schemas, name)
    twin = plain_twin(schema)
    assert twin is not schema and twin.model_json_schema() == schema.model_json_schema()
    assert twin.model_validate(answer).model_dump() == schema.model_validate(answer).model_dump()
    wrong = {**answer, "index": "first"}
    with pytest.raises(ValidationError):
        schema.model_validate(wrong)
    with pytest.raises(ValidationError):
        twin.model_validate(wrong)


def test_a_schema_with_resolvers_is_used_as_it_is():
    from ninja import Schema

    from ncbnet.api.hotpath import plain_twin

    class Resolved(Schema):
        name: str

        @staticmethod
        def resolve_name(obj):
            return obj["first"] + " " + obj["last"]

    assert plain_twin(Resolved) is Resolved
