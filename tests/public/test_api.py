"""The public notices API over HTTP (django.test.Client, the real URL conf, middleware and database)."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from ncbnet.audit.models import AuditEntry
from ncbnet.messaging.attachments import blob_path
from ncbnet.notices.models import Notice, PublicExtract
from tests.public.cases import BAD_INPUT, OTHER_FILTERS, RED_FILTERS
from tests.public.conftest import png

pytestmark = pytest.mark.django_db


def get(path: str, **headers: str):
    return Client().get(path, **{"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()})


def entity_ids(public, keys: list[str]) -> list[str]:
    return [public.extracts[k].entity_id for k in keys]


@pytest.mark.parametrize("query, expected", RED_FILTERS)
def test_red_list_filters(public, query, expected):
    response = get(f"/notices/v1/red?{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/hal+json"
    doc = response.json()
    assert [n["entity_id"] for n in doc["_embedded"]["notices"]] == entity_ids(public, expected)
    if "resultPerPage" not in query:
        assert doc["total"] == len(expected)


@pytest.mark.parametrize("kind, query, expected", OTHER_FILTERS)
def test_yellow_and_un_list_filters(public, kind, query, expected):
    doc = get(f"/notices/v1/{kind}?{query}").json()
    assert [n["entity_id"] for n in doc["_embedded"]["notices"]] == entity_ids(public, expected)
    assert doc["total"] == len(expected)


def test_list_item_shape(public):
    doc = get("/notices/v1/red?name=muller").json()
    assert doc["query"] == {"name": "muller", "page": 1, "resultPerPage": 20}
    [item] = doc["_embedded"]["notices"]
    photo = public.photos["muller_1"]
    assert item == {
        "forename": "HANS PETER", "date_of_birth": public.extracts["muller"].data["date_of_birth"],
        "nationalities": ["DE", "AT"], "name": "MÜLLER", "entity_id": "2026/1",
        "_links": {"self": {"href": "http://testserver/notices/v1/red/2026-1"},
                   "images": {"href": "http://testserver/notices/v1/red/2026-1/images"},
                   "thumbnail": {"href": f"http://testserver/notices/v1/red/2026-1/images/{photo}"}},
    }
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", item["date_of_birth"])
    no_photo = get("/notices/v1/red?name=rashid").json()["_embedded"]["notices"][0]
    assert set(no_photo["_links"]) == {"self", "images"}


def _page_of(href: str) -> dict[str, list[str]]:
    parts = urlsplit(href)
    assert parts.path == "/notices/v1/red"
    return parse_qs(parts.query)


def test_pagination_links(public):
    first = get("/notices/v1/red?sexId=M&resultPerPage=1").json()  # Müller, Al-Rashid
    assert first["total"] == 2
    links = {k: _page_of(v["href"]) for k, v in first["_links"].items()}
    assert links["self"] == links["first"] == {"sexId": ["M"], "page": ["1"], "resultPerPage": ["1"]}
    assert links["next"]["page"] == ["2"] and links["last"]["page"] == ["2"]
    assert links["next"]["sexId"] == ["M"]  # the filters travel with the links
    second = Client().get(first["_links"]["next"]["href"]).json()
    assert [n["entity_id"] for n in second["_embedded"]["notices"]] == ["2026/2"]
    assert "next" not in second["_links"]
    assert _page_of(second["_links"]["last"]["href"])["page"] == ["2"]
    beyond = get("/notices/v1/red?sexId=M&resultPerPage=1&page=3").json()
    assert beyond["total"] == 2 and beyond["_embedded"]["notices"] == [] and "next" not in beyond["_links"]
    unfiltered = get("/notices/v1/red?page=9").json()
    assert unfiltered["total"] == 4 and unfiltered["_embedded"]["notices"] == []


def test_empty_list_has_one_page(public):
    doc = get("/notices/v1/red?name=nobody").json()
    assert doc["total"] == 0 and "next" not in doc["_links"]
    assert _page_of(doc["_links"]["last"]["href"])["page"] == ["1"]


@pytest.mark.parametrize("query, parameter", BAD_INPUT)
def test_bad_input_is_refused_naming_the_parameter_and_changes_nothing(public, query, parameter):
    before = (Notice.objects.count(), PublicExtract.objects.count(), AuditEntry.objects.count())
    response = get(f"/notices/v1/red?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    doc = response.json()
    assert doc["status"] == 400 and doc["title"] == "Invalid query"
    assert doc["detail"].startswith(f"{parameter}: ")
    assert [e["field"] for e in doc["errors"]] == [parameter]
    assert (Notice.objects.count(), PublicExtract.objects.count(), AuditEntry.objects.count()) == before


def test_detail_shape(public):
    response = get("/notices/v1/red/2026-1")
    assert response.status_code == 200 and response["Content-Type"] == "application/hal+json"
    doc = response.json()
    assert doc["entity_id"] == "2026/1"
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", doc["date_of_birth"])
    assert doc["arrest_warrants"] == [{"issuing_country_id": "DE", "charge": "armed robbery", "charge_translation": None}]
    assert {k: doc[k] for k in ("sex_id", "height", "weight", "eyes_colors_id", "hairs_id", "languages_spoken_ids",
                                "distinguishing_marks", "place_of_birth", "country_of_birth_id")} == {
        "sex_id": "M", "height": 1.82, "weight": 80, "eyes_colors_id": ["BRO"], "hairs_id": ["BLA"],
        "languages_spoken_ids": ["GER"], "distinguishing_marks": "tattoo of an anchor", "place_of_birth": "Berlin",
        "country_of_birth_id": "DE"}
    assert doc["_links"]["self"]["href"] == "http://testserver/notices/v1/red/2026-1"


def test_detail_holds_only_the_fields_the_country_chose(public):
    doc = get("/notices/v1/red/2026-4").json()
    assert set(doc) == {"name", "forename", "entity_id", "_links"}
    assert set(doc["_links"]) == {"self", "images"}
    assert get("/notices/v1/red/2026-4/images").json()["_embedded"]["images"] == []


@pytest.mark.parametrize("path", [
    "/notices/v1/red/2026-50",  # published, no consent
    "/notices/v1/red/2026-51",  # withdrawn
    "/notices/v1/red/2026-52",  # a blue notice's number
    "/notices/v1/red/2026-9999",  # never existed
    "/notices/v1/yellow/2026-1",  # a red notice under another type
    "/notices/v1/red/2026-01",  # not the canonical number
    "/notices/v1/red/abc",
    "/notices/v1/red/2026-50/images",
    "/notices/v1/red/2026-9999/images",
])
def test_not_public_is_the_same_404_as_never_existed(public, path):
    never = get("/notices/v1/red/1999-1")
    response = get(path)
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert {k: v for k, v in response.json().items() if k != "instance"} == \
        {k: v for k, v in never.json().items() if k != "instance"}


@pytest.mark.parametrize("path", ["/notices/v1/blue", "/notices/v1/blue/2026-52", "/notices/v1", "/notices/v1/red/2026-1/x/y/z"])
def test_other_paths_are_404_problems(public, path):
    response = get(path)
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("path", ["/notices/v1/red/2026-1?lang=en", "/notices/v1/red/2026-1/images?x=1"])
def test_detail_refuses_parameters(public, path):
    response = get(path)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] in ("lang", "x")


def test_images_list_only_the_extracts_photos(public):
    doc = get("/notices/v1/red/2026-1/images").json()
    photos = [public.photos["muller_1"], public.photos["muller_2"]]
    assert [i["picture_id"] for i in doc["_embedded"]["images"]] == photos
    assert [i["_links"]["self"]["href"] for i in doc["_embedded"]["images"]] == \
        [f"http://testserver/notices/v1/red/2026-1/images/{p}" for p in photos]
    assert doc["_links"]["notice"]["href"] == "http://testserver/notices/v1/red/2026-1"
    assert doc["_links"]["thumbnail"]["href"].endswith(photos[0])


def test_image_bytes_are_served(public):
    response = Client().get(f"/notices/v1/yellow/2025-10/images/{public.photos['novak']}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content == png(3)
    assert response["ETag"] == f'"{public.photos["novak"]}"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("notice, photo", [
    ("red/2026-1", "police"),  # a police message's attachment: stored, never published
    ("red/2026-4", "hidden"),  # the subject's photo, not chosen for publication
    ("red/2026-1", "hidden"),
    ("red/2026-1", "novak"),  # published, but with another notice
    ("red/2026-50", "muller_1"),  # a notice that is not public
    ("red/2026-1", "not-a-hash"),
])
def test_image_not_in_the_extract_is_404_even_when_stored(public, notice, photo):
    sha = {"police": public.police_attachment, "not-a-hash": "0" * 10}.get(photo) or public.photos[photo]
    response = get(f"/notices/v1/{notice}/images/{sha}")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert png(5) not in response.content and png(4) not in response.content


def test_altered_photo_is_refused(public):
    blob_path(public.photos["muller_2"]).write_bytes(png(99))
    response = get(f"/notices/v1/red/2026-1/images/{public.photos['muller_2']}")
    assert response.status_code == 500 and response.json()["title"] == "Integrity failure"
    assert png(99) not in response.content


@pytest.mark.parametrize("path", ["/notices/v1/red?name=muller", "/notices/v1/red/2026-1", "/notices/v1/red/2026-1/images",
                                  "IMAGE"])
def test_etag_and_304(public, path, settings):
    settings.PUBLIC_CACHE_SECONDS = 120
    if path == "IMAGE":
        path = f"/notices/v1/red/2026-1/images/{public.photos['muller_1']}"
    first = get(path)
    etag = first["ETag"]
    assert first.status_code == 200 and re.fullmatch(r'"[0-9a-f]{32,64}"', etag)
    assert first["Cache-Control"] == "public, max-age=120"
    again = get(path, if_none_match=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert again["Cache-Control"] == "public, max-age=120"
    assert get(path, if_none_match=f'"other", W/{etag}').status_code == 304
    assert get(path, if_none_match="*").status_code == 304
    assert get(path, if_none_match='"other"').status_code == 200


def test_etag_changes_with_the_extract(public):
    etag = get("/notices/v1/red/2026-1")["ETag"]
    list_etag = get("/notices/v1/red")["ETag"]
    extract = public.extracts["muller"]
    extract.data = {**extract.data, "weight": 81}
    extract.updated_at = timezone.now()
    extract.save()
    changed = get("/notices/v1/red/2026-1", if_none_match=etag)
    assert changed.status_code == 200 and changed.json()["weight"] == 81
    assert get("/notices/v1/red", if_none_match=list_etag).status_code == 304  # the list does not show the weight
    extract.data = {**extract.data, "forename": "HANS"}
    extract.save()
    assert get("/notices/v1/red", if_none_match=list_etag).status_code == 200
    PublicExtract.objects.filter(pk=extract.pk).delete()  # withdrawn: gone at once, for holders of the old ETag too
    assert get("/notices/v1/red/2026-1", if_none_match=changed["ETag"]).status_code == 404


def test_head_answers_headers_only(public):
    response = Client().head("/notices/v1/red")
    assert response.status_code == 200 and response.content == b""
    assert response["ETag"] == get("/notices/v1/red")["ETag"]


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_other_methods_are_refused(public, method):
    before = PublicExtract.objects.count()
    response = getattr(Client(enforce_csrf_checks=True), method)("/notices/v1/red/2026-1", data="{}",
                                                                 content_type="application/json")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert response["Content-Type"] == "application/problem+json"
    assert PublicExtract.objects.count() == before


def test_anonymous_client_gets_no_cookie(public):
    for path in ("/notices/v1/red", "/notices/v1/red/2026-1", "/notices/v1/red?page=0"):
        assert not get(path).cookies


def test_rate_limit(public, settings):
    settings.PUBLIC_RATE_LIMIT = 3
    client = Client()
    assert [client.get("/notices/v1/red").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/notices/v1/red/2026-1")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert 1 <= int(refused["Retry-After"]) <= 20  # 3 a minute: one more every 20 s
    assert "3 requests a minute" in refused.json()["detail"]
    other = Client(REMOTE_ADDR="192.0.2.7")  # another client address has its own allowance
    assert other.get("/notices/v1/red").status_code == 200
    assert client.get("/en/notices/red/").status_code == 429  # the site counts against the same allowance


def test_rate_limit_off(public, settings):
    settings.PUBLIC_RATE_LIMIT = 0
    assert {Client().get("/notices/v1/un").status_code for _ in range(30)} == {200}


def test_json_is_utf8_not_escaped(public):
    body = get("/notices/v1/red/2026-3").content
    assert "GARCÍA".encode() in body
    assert json.loads(body)["name"] == "GARCÍA"
