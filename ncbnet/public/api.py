"""The public notices API, in the shape of INTERPOL's public notices API so that its clients work unchanged.

    GET /notices/v1/{red|yellow|un}?name=&forename=&nationality=&ageMin=&ageMax=&sexId=&arrestWarrantCountryId=
                                    &freeText=&page=&resultPerPage=
    GET /notices/v1/{type}/{year}-{number}
    GET /notices/v1/{type}/{year}-{number}/images
    GET /notices/v1/{type}/{year}-{number}/images/{picture_id}      (picture_id: the photo's SHA-256)

HAL documents (application/hal+json), absolute links; errors are RFC 9457 problems. No login: these are plain
Django views, outside the police API (which requires a token). See docs/public.md.
"""

from __future__ import annotations

import logging
import math
import re
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from ncbnet.messaging.attachments import IntegrityFailure
from ncbnet.public import catalogue
from ncbnet.public.query import InvalidQuery, QueryProblem, parse_query, refuse_unknown
from ncbnet.public.responses import TITLES, hal, matches, not_modified, problem, public_view

log = logging.getLogger(__name__)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# In list items, as INTERPOL's list shows them; the detail gives every published field.
_SUMMARY = ("forename", "date_of_birth", "nationalities", "name")
_NOT_PUBLIC = "no public notice has this id"


def _refusal(request: HttpRequest, status: int, detail: str, wait: int, kwargs: dict[str, Any]) -> HttpResponse:
    return problem(request, status, TITLES[status], detail)


api_view = public_view(_refusal)


def _invalid(request: HttpRequest, problems: list[QueryProblem]) -> HttpResponse:
    return problem(request, 400, "Invalid query", "; ".join(f"{p.parameter}: {p.message}" for p in problems),
                   errors=[{"field": p.parameter, "message": p.message} for p in problems])


def _not_found(request: HttpRequest, detail: str = _NOT_PUBLIC) -> HttpResponse:
    return problem(request, 404, "Not found", detail, kind="not-found")


def _unknown_type(request: HttpRequest) -> HttpResponse:
    return _not_found(request, f"no public notices of this type; the public types are {', '.join(catalogue.PUBLIC_TYPES)}")


class Links:
    """Absolute links, built from one prefix per request (each build_absolute_uri checks the Host header)."""

    def __init__(self, request: HttpRequest, kind: str):
        self.kind = kind
        self.list = request.build_absolute_uri(reverse("public:api-list", args=[kind]))

    def detail(self, entity: str) -> str:
        return f"{self.list}/{catalogue.url_id(entity)}"

    def images(self, entity: str) -> str:
        return f"{self.detail(entity)}/images"

    def image(self, entity: str, sha256: str) -> str:
        return f"{self.images(entity)}/{sha256}"

    def of_notice(self, extract: catalogue.Extract) -> dict[str, dict[str, str]]:
        links = {"self": {"href": self.detail(extract.entity_id)}, "images": {"href": self.images(extract.entity_id)}}
        if extract.photos:
            links["thumbnail"] = {"href": self.image(extract.entity_id, extract.photos[0])}
        return links


@api_view
def notice_list(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in catalogue.PUBLIC_TYPES:
        return _unknown_type(request)
    try:
        query = parse_query(dict(request.GET.lists()), catalogue.country_codes())
    except InvalidQuery as exc:
        return _invalid(request, exc.problems)
    result = catalogue.search(kind, query, timezone.localdate())
    links = Links(request, kind)
    last = max(1, math.ceil(result.total / query.per_page))

    def page(number: int) -> dict[str, str]:
        params = {**query.filters(), "page": number, "resultPerPage": query.per_page}
        return {"href": f"{links.list}?{urlencode(params)}"}

    nav = {"self": page(query.page), "first": page(1)}
    if query.page < last:
        nav["next"] = page(query.page + 1)
    nav["last"] = page(last)
    notices = [{**{k: e.data.get(k) for k in _SUMMARY}, "entity_id": e.entity_id, "_links": links.of_notice(e)}
               for e in result.extracts]
    return hal({"total": result.total, "query": query.given, "_embedded": {"notices": notices},
                         "_links": nav})


def _extract_or_refusal(request: HttpRequest, kind: str, notice_id: str) -> catalogue.Extract | HttpResponse:
    if kind not in catalogue.PUBLIC_TYPES:
        return _unknown_type(request)
    if unknown := refuse_unknown(dict(request.GET.lists()), ()):
        return _invalid(request, unknown)
    entity = catalogue.entity_id(notice_id)
    found = catalogue.extract(kind, entity) if entity else None
    return found if found is not None else _not_found(request)


@api_view
def notice_detail(request: HttpRequest, kind: str, notice_id: str) -> HttpResponse:
    found = _extract_or_refusal(request, kind, notice_id)
    if isinstance(found, HttpResponse):
        return found
    return hal({**found.data, "entity_id": found.entity_id, "_links": Links(request, kind).of_notice(found)})


@api_view
def notice_images(request: HttpRequest, kind: str, notice_id: str) -> HttpResponse:
    found = _extract_or_refusal(request, kind, notice_id)
    if isinstance(found, HttpResponse):
        return found
    links = Links(request, kind)
    images = [{"picture_id": sha, "_links": {"self": {"href": links.image(found.entity_id, sha)}}}
              for sha in found.photos]
    nav = {"self": {"href": links.images(found.entity_id)}, "notice": {"href": links.detail(found.entity_id)}}
    if found.photos:
        nav["thumbnail"] = {"href": links.image(found.entity_id, found.photos[0])}
    return hal({"_embedded": {"images": images}, "_links": nav})


@api_view
def notice_image(request: HttpRequest, kind: str, notice_id: str, picture_id: str) -> HttpResponse:
    """The photo's bytes, only when this extract lists it; its ETag is its SHA-256, so a client that holds it
    is answered 304 without the file being read."""
    found = _extract_or_refusal(request, kind, notice_id)
    if isinstance(found, HttpResponse):
        return found
    content_type = catalogue.photo_type(found, picture_id) if _SHA256.match(picture_id) else None
    if content_type is None:
        return _not_found(request, "this notice has no such public image")
    etag = f'"{picture_id}"'
    if matches(request, etag):
        response = not_modified(etag)
        response["Cache-Control"] = f"public, max-age={settings.PUBLIC_CACHE_SECONDS}"
        return response
    try:
        content = catalogue.photo_bytes(picture_id)
    except IntegrityFailure as exc:
        log.error("public photo integrity failure: %s", exc)
        return problem(request, 500, "Integrity failure", "the image could not be read")
    response = HttpResponse(content, content_type=content_type)
    response["ETag"] = etag
    response["Content-Disposition"] = f'inline; filename="{picture_id[:16]}"'
    return response


@api_view
def not_found(request: HttpRequest) -> HttpResponse:
    return _not_found(request, "no such resource; see /notices/v1/red, /notices/v1/yellow and /notices/v1/un")
