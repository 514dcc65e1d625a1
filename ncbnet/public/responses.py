"""What every public answer shares: GET only, the per-client rate limit, ETag and Cache-Control, the answer
cache, problems.

Public answers are the same for everyone (no login, no session, no cookie), so they are cacheable by any
cache: each 200 carries a strong ETag (a hash of the exact bytes) and ``Cache-Control: public, max-age``; a
client that sends the ETag back in ``If-None-Match`` gets ``304 Not Modified`` without the body. Views return
plain 200 responses; ``public_view`` adds the validators, keeps the answer (``public.cache``) and turns it into
a 304 when the client already holds it.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.http import parse_etags
from django.views.decorators.csrf import csrf_exempt

from ncbnet.public import catalogue
from ncbnet.public.cache import ANSWERS, KEPT_HEADERS, Answer
from ncbnet.public.ratelimit import LIMITER

PROBLEM_BASE = "https://ncbnet.org/problems/"
HAL = "application/hal+json"
METHODS = ("GET", "HEAD")
TITLES = {405: "Method not allowed", 429: "Too many requests"}

View = Callable[..., HttpResponse]
# (request, status, detail, seconds to wait, view kwargs) -> the refusal in the view's own form (problem or page)
Refusal = Callable[[HttpRequest, int, str, int, dict[str, Any]], HttpResponse]


def problem(request: HttpRequest, status: int, title: str, detail: str, *, kind: str = "",
            errors: list[dict[str, str]] | None = None) -> HttpResponse:
    """An RFC 9457 problem document (the same shape as the police API's, without its audit entry: a refused
    public request touched nothing worth recording)."""
    doc: dict[str, Any] = {"type": PROBLEM_BASE + (kind or title.lower().replace(" ", "-")), "title": title,
                           "status": status, "detail": detail, "instance": request.path}
    if errors:
        doc["errors"] = errors
    response = HttpResponse(json.dumps(doc, ensure_ascii=False), status=status,
                            content_type="application/problem+json")
    response["Cache-Control"] = "no-store"
    return response


def hal(doc: dict[str, Any]) -> HttpResponse:
    return HttpResponse(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode(), content_type=HAL)


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    given = parse_etags(header)
    return "*" in given or etag in given or f"W/{etag}" in given


def not_modified(etag: str) -> HttpResponse:
    response = HttpResponse(status=304)
    del response["Content-Type"]
    response["ETag"] = etag
    return response


def _validated(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """ETag and Cache-Control on a 200; a 304 instead when the client holds these bytes."""
    etag = response.get("ETag") or etag_of(response.content)
    if matches(request, etag):
        vary = response.get("Vary")
        response = not_modified(etag)
        if vary:
            response["Vary"] = vary
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={settings.PUBLIC_CACHE_SECONDS}"
    return response


def _from_cache(request: HttpRequest, answer: Answer) -> HttpResponse:
    response = HttpResponse(answer.body)
    for name, value in answer.headers:
        response[name] = value
    response["ETag"] = answer.etag
    return _validated(request, response)


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def public_view(refuse: Refusal, *, cached: bool = True) -> Callable[[View], View]:
    """GET and HEAD only, within the client's rate limit; validators on every 200; with ``cached``, answers
    kept while the catalogue is unchanged (only for views whose answer depends on the URL alone).

    CSRF-exempt so that a POST is answered by this refusal (405), not by the CSRF failure page: these views
    change nothing whatever the method."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in METHODS:
                response = refuse(request, 405, f"{request.method} is not allowed here; use GET", 0, kwargs)
                response["Allow"] = ", ".join(METHODS)
                return response
            wait = LIMITER.admit(client_address(request), settings.PUBLIC_RATE_LIMIT)
            if wait:
                response = refuse(request, 429, f"more than {settings.PUBLIC_RATE_LIMIT} requests a minute from "
                                  f"your address; try again in {wait} s", wait, kwargs)
                response["Retry-After"] = str(wait)
                return response
            version = catalogue.version() if cached else None
            key = f"{request.get_host()}{request.get_full_path()}"
            kept = ANSWERS.get(key, version) if version is not None else None
            if kept is not None:
                response = _from_cache(request, kept)
            else:
                response = view(request, *args, **kwargs)
                if response.status_code == 200:
                    response = _keep(request, response, key, version)
            if request.method == "HEAD" and response.status_code == 200:
                response["Content-Length"] = str(len(response.content))
                response.content = b""
            return response

        return wrapper

    return decorate


def _keep(request: HttpRequest, response: HttpResponse, key: str, version: int | None) -> HttpResponse:
    etag = response.get("ETag") or etag_of(response.content)
    response["ETag"] = etag
    if version is not None:
        ANSWERS.put(key, Answer(version, etag, response.content,
                                tuple((h, response[h]) for h in KEPT_HEADERS if response.has_header(h))))
    return _validated(request, response)
