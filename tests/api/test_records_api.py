"""The databases through HTTP: contribute, search, hits, front line, bulk; bad input gets a clear 422."""

import json

import pytest

from ncbnet.access.levels import Role
from ncbnet.audit.models import AuditEntry
from ncbnet.matching.mrz import make_td3
from ncbnet.records.models import Person, TravelDocument
from tests.records.conftest import passport


@pytest.fixture
def tokens(world):
    fr, de = world.officer("FR"), world.officer("DE")
    border = world.user(world.agency("DE", "DE-BPOL", databases=("persons", "travel_documents")),
                        Role.FRONTLINE_SYSTEM, is_machine=True)
    return {"fr": world.token(fr), "de": world.token(de), "border": world.token(border)}


def test_contribute_read_change_and_history(api_client, tokens):
    r = api_client.post("/api/v1/records/travel-documents", passport("12AB34567"), token=tokens["fr"])
    assert r.status_code == 201, r.content
    doc = r.json()
    assert doc["fields"]["number"] == "12AB34567" and doc["owner_country"] == "FR" and doc["version"] == 1
    url = f"/api/v1/records/travel-documents/{doc['id']}"
    r = api_client.client.patch(url, json.dumps({"document_status": "revoked"}), content_type="application/json",
                                HTTP_AUTHORIZATION=f"Bearer {tokens['fr']}", HTTP_IF_MATCH='"1"')
    assert r.status_code == 200 and r.json()["version"] == 2
    r = api_client.client.patch(url, json.dumps({"event_place": "Nice"}), content_type="application/json",
                                HTTP_AUTHORIZATION=f"Bearer {tokens['fr']}", HTTP_IF_MATCH='"1"')
    assert r.status_code == 409
    r = api_client.client.patch(url, json.dumps({"event_place": "Berlin"}), content_type="application/json",
                                HTTP_AUTHORIZATION=f"Bearer {tokens['de']}")
    assert r.status_code == 403
    history = api_client.get(url + "/history", token=tokens["de"]).json()
    assert [v["action"] for v in history] == ["create", "update"]


@pytest.mark.parametrize("body", ["null", "[]", "[null, null]", "1", '"revoked"', "true"])
def test_a_change_that_is_not_an_object_is_a_422_and_changes_nothing(api_client, tokens, body):
    doc = api_client.post("/api/v1/records/travel-documents", passport("12AB34567"), token=tokens["fr"]).json()
    r = api_client.client.patch(f"/api/v1/records/travel-documents/{doc['id']}", body, content_type="application/json",
                                HTTP_AUTHORIZATION=f"Bearer {tokens['fr']}")
    assert r.status_code == 422 and r.json()["errors"] == [{"field": "body", "message": "not an object"}], r.content
    assert TravelDocument.objects.get(pk=doc["id"]).version == 1
    assert AuditEntry.objects.latest("id").outcome == "refused"


def test_a_deleted_record_cannot_change_be_renewed_or_deleted_again_409(api_client, tokens):
    doc = api_client.post("/api/v1/records/travel-documents", passport("12AB34567"), token=tokens["fr"]).json()
    url = f"/api/v1/records/travel-documents/{doc['id']}"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {tokens['fr']}"}
    assert api_client.client.delete(url, **auth).json()["status"] == "deleted"
    for response, detail in [
        (api_client.client.delete(url, **auth), "this travel document was already deleted"),
        (api_client.post(url + "/renew", {}, token=tokens["fr"]), "this travel document was already deleted"),
        (api_client.client.patch(url, json.dumps({"event_place": "Nice"}), content_type="application/json", **auth),
         "this travel document was deleted; it can no longer change"),
    ]:
        assert response.status_code == 409 and response.json()["title"] == "Not allowed in this state", response.content
        assert response.json()["detail"] == detail
    assert TravelDocument.objects.get(pk=doc["id"]).version == 2  # created, deleted; nothing since
    assert AuditEntry.objects.latest("id").outcome == "refused"


@pytest.mark.parametrize("path,raw", [
    ("/api/v1/records/persons", b'{"national_reference": "P1", "names": ["Jean\\udfff"], "role": "wanted"}'),
    ("/api/v1/records/travel-documents", json.dumps(passport(ref="R\ud800")).encode()),
    ("/api/v1/search/persons", b'{"names": ["Jean \\ud800Dupont"]}'),
])
def test_a_lone_surrogate_is_a_400_naming_where_not_a_500(api_client, tokens, path, raw):
    """Half of a character (a JSON escape without its partner) could not be stored or searched: a 500."""
    r = api_client.post(path, token=tokens["fr"], raw=raw)
    assert r.status_code == 400 and r.json()["title"] == "Invalid character", r.content
    assert "contains a lone surrogate" in r.json()["detail"]
    assert not Person.objects.exists() and not TravelDocument.objects.exists()


def test_search_raises_a_hit_the_owner_answers(api_client, tokens):
    api_client.post("/api/v1/records/travel-documents", passport("12AB34567"), token=tokens["fr"])
    r = api_client.post("/api/v1/search/identifiers", {"items": [{"field": "number", "value": "12ab34567"},
                                                                 {"field": "vin", "value": "123"}],
                                                       "location": "Munich"}, token=tokens["de"])
    assert r.status_code == 200, r.content
    items = r.json()["items"]
    assert items[1]["error"] and "17" in items[1]["error"]
    reference = items[0]["matches"][0]["hit_reference"]
    assert reference
    owned = api_client.get("/api/v1/hits", token=tokens["fr"], role="owner").json()
    assert [h["reference"] for h in owned] == [reference] and owned[0]["location"] == "Munich"
    r = api_client.post(f"/api/v1/hits/{reference}/answer", {"confirmed": False, "note": "recovered"}, token=tokens["de"])
    assert r.status_code == 403
    r = api_client.post(f"/api/v1/hits/{reference}/answer", {"confirmed": True}, token=tokens["fr"])
    assert r.status_code == 200 and r.json()["status"] == "confirmed"
    counts = api_client.get(f"/api/v1/records/travel-documents/{items[0]['matches'][0]['record_id']}/hits",
                            token=tokens["fr"]).json()
    assert counts["total"] == 1


def test_person_search_through_the_api(api_client, tokens):
    r = api_client.post("/api/v1/records/persons", {"national_reference": "P1", "names": ["Youssef El Amrani"],
                                                    "birth_date": "1988-07-04", "role": "wanted"}, token=tokens["fr"])
    assert r.status_code == 201, r.content
    r = api_client.post("/api/v1/search/persons", {"names": ["Yusuf Amrani"], "birth_date": "1988"}, token=tokens["de"])
    assert r.status_code == 200, r.content
    res = r.json()["results"]
    assert res and res[0]["record_id"] == Person.objects.get().pk and res[0]["explanation"]


def test_front_line_check_says_hit_with_only_what_the_front_line_may_see(api_client, tokens):
    api_client.post("/api/v1/records/travel-documents", passport("12AB34567"), token=tokens["fr"])
    zone = make_td3(document_number="12AB34567", issuing_state="FRA", surname="MARTIN", given_names=["JEAN"],
                    birth_date="1980-05-17", sex="M", expiry_date="2030-01-14", nationality="FRA")
    r = api_client.post("/api/v1/frontline/check", {"mrz": zone, "location": "Gate B12"}, token=tokens["border"])
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["hit"] is True and body["findings"][0]["status"] == "stolen_from_bearer"
    assert set(body["findings"][0]) == {"kind", "owner_country", "status", "score", "hit_reference"}
    r = api_client.post("/api/v1/frontline/check-batch",
                        {"travellers": [{"document_number": "12AB34567", "issuing_country": "FRA"},
                                        {"document_number": "CLEAN0001", "names": ["Nobody Known"]}]},
                        token=tokens["border"])
    assert r.status_code == 200 and r.json()["hits"] == 1 and r.json()["travellers"][1]["hit"] is False


def test_bulk_upload_through_the_api(api_client, tokens):
    body = "".join(json.dumps(passport(f"BK{i:07d}")) + "\n" for i in range(20)).encode()
    r = api_client.client.post("/api/v1/records/travel-documents/bulk", body, content_type="application/x-ndjson",
                               HTTP_AUTHORIZATION=f"Bearer {tokens['fr']}")
    assert r.status_code == 201, r.content
    assert r.json()["loaded"] == 20
    bad = body + b'{"national_reference": "X", "number": "AB1", "issuing_country": "FRA"}\n'
    r = api_client.client.post("/api/v1/records/travel-documents/bulk", bad, content_type="application/x-ndjson",
                               HTTP_AUTHORIZATION=f"Bearer {tokens['fr']}")
    assert r.status_code == 422 and "line 21" in r.json()["errors"][0]["field"]
    assert TravelDocument.objects.count() == 20


BAD = [
    ("/api/v1/records/travel-documents", passport(issue_date="2023-02-31"), "fr", 422, "February 2023 has 28 days"),
    ("/api/v1/records/travel-documents", passport(issuing_country="XYZ"), "fr", 422, "unknown country code"),
    ("/api/v1/records/travel-documents", passport(country="DEU"), "fr", 403, "issuing country"),
    ("/api/v1/records/vehicles", {"national_reference": "V", "vin": "ABC"}, "fr", 422, "17"),
    ("/api/v1/records/persons", {"national_reference": "P", "names": ["?!"], "role": "wanted"}, "fr", 422, "letter"),
    ("/api/v1/search/identifiers", {"items": [{"field": "number", "value": "A1"}] * 1001}, "de", 422, "1000"),
    ("/api/v1/search/identifiers", {"items": [{"field": "vin", "value": "1HGCM82633A004352"}]}, "border", 403,
     "not authorised to search vehicles"),
    ("/api/v1/search/persons", {"names": ["Ann"], "birth_date": "1990-02-30"}, "de", 422, "February"),
]


@pytest.mark.parametrize("path,body,who,status,reason", BAD)
def test_bad_input_gets_a_clear_error_and_changes_nothing(api_client, tokens, path, body, who, status, reason):
    records_before = TravelDocument.objects.count() + Person.objects.count()
    r = api_client.post(path, body, token=tokens[who])
    assert r.status_code == status, r.content
    assert r["Content-Type"] == "application/problem+json" and reason in r.json()["detail"]
    assert TravelDocument.objects.count() + Person.objects.count() == records_before
    assert AuditEntry.objects.filter(outcome="refused").count() == 1


def test_links_and_photos_are_versions_and_follow_the_records_restrictions(api_client, tokens, world):
    from tests.factories import PNG, b64

    us = world.token(world.officer("US"))
    r = api_client.post("/api/v1/records/persons", {"national_reference": "P1", "names": ["Ann Lee"], "role": "missing",
                                                    "restriction_mode": "deny", "restricted_countries": ["US"]},
                        token=tokens["fr"])
    url = f"/api/v1/records/persons/{r.json()['id']}"
    assert api_client.post(url + "/links", {"target_type": "case", "target_ref": "FR-2026-0042"},
                           token=tokens["fr"]).status_code == 201
    r = api_client.post(url + "/photos", {"filename": "face.png", "content_base64": b64(PNG)}, token=tokens["fr"])
    assert r.status_code == 201, r.content
    sha = r.json()["sha256"]
    r = api_client.post(url + "/photos", {"filename": "notes.txt", "content_base64": b64(b"hello")}, token=tokens["fr"])
    assert r.status_code == 422 and "photo" in r.json()["detail"]
    rec = api_client.get(url, token=tokens["de"]).json()
    assert rec["links"] == [{"target_type": "case", "target_ref": "FR-2026-0042"}] and rec["photos"][0]["sha256"] == sha
    assert rec["version"] == 3
    got = api_client.get(f"{url}/photos/{sha}", token=tokens["de"])
    assert got.status_code == 200 and got.content == PNG and got["Content-Type"] == "image/png"
    assert api_client.get(f"{url}/photos/{sha}", token=us).status_code == 404
    assert api_client.post(url + "/links", {"target_type": "case", "target_ref": "X"}, token=tokens["de"]).status_code == 403


def test_records_due_for_review_listed_in_pages_and_renewed_together(api_client, tokens):
    from datetime import date, timedelta

    ids = []
    for i, days in enumerate([-3, 15, 400]):
        doc = api_client.post("/api/v1/records/travel-documents", passport(f"RV{i:07d}"), token=tokens["fr"]).json()
        TravelDocument.objects.filter(pk=doc["id"]).update(review_due=date.today() + timedelta(days=days))
        ids.append(doc["id"])
    url = "/api/v1/records/travel-documents/due-for-review"
    page = api_client.get(url + f"?before={date.today() + timedelta(days=30)}&limit=1", token=tokens["fr"]).json()
    assert [(i["id"], i["out_of_search"]) for i in page["items"]] == [(ids[0], True)] and page["next"]
    rest = api_client.get(url + f"?before={date.today() + timedelta(days=30)}&after={page['next']}", token=tokens["fr"])
    assert [(i["id"], i["out_of_search"]) for i in rest.json()["items"]] == [(ids[1], False)]
    assert rest.json()["next"] is None
    assert api_client.get(url, token=tokens["fr"]).json()["items"][0]["id"] == ids[0]  # by default: due by today
    r = api_client.post("/api/v1/records/travel-documents/renew", {"ids": ids[:2], "purpose": "review"},
                        token=tokens["fr"])
    assert r.status_code == 200, r.content
    assert r.json()["renewed"] == ids[:2] and r.json()["review_due"].startswith(str(date.today().year + 10))
    assert api_client.get(url + f"?before={date.today() + timedelta(days=30)}", token=tokens["fr"]).json()["items"] == []


@pytest.mark.parametrize("who,body,status,field", [
    ("de", {"ids": ["own"]}, 403, None),  # another country's record
    ("fr", {"ids": []}, 422, "ids"),
    ("fr", {"ids": list(range(1, 1002))}, 422, "ids"),
    ("fr", {"ids": [1], "extra": True}, 422, None),
])
def test_a_renewal_refused_renews_nothing(api_client, tokens, who, body, status, field):
    doc = api_client.post("/api/v1/records/travel-documents", passport("RV0000009"), token=tokens["fr"]).json()
    body = {**body, "ids": [doc["id"] if i == "own" else i for i in body["ids"]]}
    r = api_client.post("/api/v1/records/travel-documents/renew", body, token=tokens[who])
    assert r.status_code == status, r.content
    if field:
        assert field in {e["field"] for e in r.json()["errors"]}
    assert TravelDocument.objects.get(pk=doc["id"]).version == 1


def test_a_bad_page_mark_or_date_is_a_422(api_client, tokens):
    url = "/api/v1/records/travel-documents/due-for-review"
    for query in ("?after=soon", "?before=2026-02-31", "?limit=201"):
        r = api_client.get(url + query, token=tokens["fr"])
        assert r.status_code == 422, (query, r.content)
