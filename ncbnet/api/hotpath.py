"""The front line's single checks, answered without the general request cycle.

A border system checks one document or one traveller per passenger, hundreds a second. Through Django's whole
cycle (ten middleware, URL resolution, django-ninja's operation) such a check cost about 0.4 ms of CPU on top
of the check itself, a fifth of what the machine spent on it. ``HotPath`` wraps the WSGI application and
answers ``POST /api/v1/search/identifier`` and ``POST /api/v1/frontline/check`` itself when the request is the
ordinary kind: a host Django accepts, a JSON body the endpoint's schema accepts, only the query parameters the
endpoint takes, and a bearer token that authenticates. It does what the whole cycle does for such a request,
with the same functions: the request signals (database connections), the audit context, the token's actor
(``auth.authenticate_token``), the endpoint's own schema and answer function, its response schema, the security
headers, and errors after authentication through the API's own problem handlers.

Every other request, and every request that fails one of those tests, goes to Django untouched, before
anything is written: refusals are answered, and audited, in one place. ``tests/api/test_hotpath.py`` sends the
same requests both ways and compares the answers.
"""

from __future__ import annotations

import copy
import functools
import io
import json
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.core import signals
from django.core.handlers.exception import response_for_exception
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.http import HttpResponse
from django.http.request import split_domain_port, validate_host
from django.urls import resolve, reverse
from django.utils.log import log_response
from ninja import Schema
from ninja.responses import NinjaJSONEncoder
from pydantic import BaseModel, ValidationError, create_model

from ncbnet.access.policy import Actor
from ncbnet.api.auth import authenticate_token
from ncbnet.api.parser import parse_json
from ncbnet.audit.context import audit_context
from ncbnet.members.services import AuthenticationFailed

Answer = Callable[[Actor, Any, dict[str, str]], dict]


@dataclass(frozen=True)
class HotRoute:
    """One endpoint the hot path answers: its URL name, body schema, answer function, response schema and the
    query parameters it takes (each at most once)."""

    url_name: str
    schema: type[BaseModel]
    answer: Answer
    response: type[BaseModel]
    query: frozenset[str] = frozenset()

    @functools.cached_property
    def checked_as(self) -> type[BaseModel]:
        """What the answer is validated and dumped with: the response schema's plain twin (``plain_twin``)."""
        return plain_twin(self.response)


@functools.cache
def plain_twin(schema: type[BaseModel]) -> type[BaseModel]:
    """A django-ninja ``Schema`` as a plain pydantic model: the same fields, types, defaults and constraints (a
    nested ``Schema`` by its twin too), without ninja's root validator. That validator wraps the input in a
    ``DjangoGetter`` so that ORM objects can be read by attribute; on the answers here, which are dicts of plain
    values, it changes nothing and cost most of the validation and dump (measured: 19.5 us against 3.7 for an answer
    with one match, 10.1 against 2.3 with none). A schema with ``resolve_*`` fields, which only the getter applies,
    is used as it is."""
    if not issubclass(schema, Schema) or getattr(schema, "_ninja_resolvers", None):
        return schema
    fields: dict[str, Any] = {}
    for name, info in schema.model_fields.items():
        twin = copy.copy(info)
        twin.annotation = _plain_type(info.annotation)
        fields[name] = (twin.annotation, twin)
    return create_model(schema.__name__, __config__=schema.model_config, __module__=schema.__module__, **fields)


def _plain_type(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Schema):
        return plain_twin(annotation)
    args = typing.get_args(annotation)
    twins = tuple(_plain_type(a) for a in args)
    if twins == args:
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[twins]  # noqa: UP007 -- built from a tuple
    return origin[twins]


def _routes() -> list[HotRoute]:
    from ncbnet.api import frontline, search
    from ncbnet.api.record_schemas import FrontlineIn, FrontlineOut, IdentifierItem, ItemAnswerOut

    return [
        HotRoute("api:search_identifier", IdentifierItem, search.identifier_answer, ItemAnswerOut,
                 frozenset({"location", "purpose"})),
        HotRoute("api:frontline_check", FrontlineIn, frontline.check_answer, FrontlineOut),
    ]


def security_headers(secure: bool) -> list[tuple[str, str]]:
    """What SecurityMiddleware and XFrameOptionsMiddleware add to an API answer, from the same settings."""
    headers = []
    if secure and settings.SECURE_HSTS_SECONDS:
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            value += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            value += "; preload"
        headers.append(("Strict-Transport-Security", value))
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        policy = settings.SECURE_REFERRER_POLICY
        headers.append(("Referrer-Policy", policy if isinstance(policy, str) else ",".join(policy)))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    headers.append(("X-Frame-Options", getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()))
    return headers


@dataclass
class _Accepted:
    route: HotRoute
    token: str
    payload: BaseModel
    query: dict[str, str]


class HotPath:
    """WSGI middleware in front of Django (``ncbnet/wsgi.py``)."""

    def __init__(self, django_app: WSGIHandler, routes: Callable[[], list[HotRoute]] = _routes):
        self.app = django_app
        self._route_list = routes
        self._routes: dict[str, HotRoute] | None = None

    def routes(self) -> dict[str, HotRoute]:
        if self._routes is None:  # after the URLconf is loaded: paths come from the API's own routing
            routes = {reverse(r.url_name): r for r in self._route_list()}
            for r in routes.values():
                r.checked_as  # noqa: B018 -- the response schemas' twins made now too, not at a first request
            self._routes = routes
        return self._routes

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        route = self.routes().get(environ.get("PATH_INFO", "")) if environ.get("REQUEST_METHOD") == "POST" else None
        accepted = self._accept(environ, route) if route is not None else None
        if accepted is None:
            return self.app(environ, start_response)
        return self._answer(environ, start_response, accepted)

    # ------------------------------------------------------------------------------------- the tests

    def _accept(self, environ: dict, route: HotRoute) -> _Accepted | None:
        """The request, parsed, if it is the ordinary kind; otherwise None (with the body put back)."""
        auth = environ.get("HTTP_AUTHORIZATION", "")
        if not auth.startswith("Bearer ") or not environ.get("CONTENT_TYPE", "").startswith("application/json"):
            return None
        if not _host_allowed(environ) or (settings.SECURE_SSL_REDIRECT and not _secure(environ)):
            return None
        query = _query(environ.get("QUERY_STRING", ""), route.query)
        if query is None:
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if not 0 < length <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return None
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)  # for Django, should it have to answer after all
        environ["CONTENT_LENGTH"] = str(len(body))
        try:
            payload = route.schema.model_validate(parse_json(body))
        except (ValueError, ValidationError):  # UnicodeDecodeError, JSONDecodeError and InvalidCharacter are ValueErrors
            return None
        return _Accepted(route, auth[len("Bearer "):], payload, query)

    # ------------------------------------------------------------------------------------- the answer

    def _answer(self, environ: dict, start_response: Callable, a: _Accepted) -> Iterable[bytes]:
        signals.request_started.send(sender=WSGIHandler, environ=environ)
        try:
            with audit_context(environ.get("REMOTE_ADDR", ""), "POST", environ["PATH_INFO"]) as finish:
                try:
                    actor = authenticate_token(a.token)
                except AuthenticationFailed:
                    finish(None)
                    fallback = True
                else:
                    fallback = False
                    status, headers, content = self._respond(environ, a, actor)
                    finish(status)
        finally:
            signals.request_finished.send(sender=WSGIHandler)
        if fallback:  # refused: Django answers and audits it as any refusal
            return self.app(environ, start_response)
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [content]

    def _respond(self, environ: dict, a: _Accepted, actor: Actor) -> tuple[int, list[tuple[str, str]], bytes]:
        try:
            data = a.route.checked_as.model_validate(a.route.answer(actor, a.payload, a.query)).model_dump()
            content = json.dumps(data, cls=NinjaJSONEncoder).encode()
            headers = [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(content)))]
            return 200, headers + security_headers(_secure(environ)), content
        except Exception as exc:  # noqa: BLE001 -- rendered by the API's handlers, as django-ninja would
            response = _error_response(environ, actor, exc)
            headers = [*response.items(), ("Content-Length", str(len(response.content)))]
            return response.status_code, headers + security_headers(_secure(environ)), response.content


def _error_response(environ: dict, actor: Actor, exc: Exception) -> HttpResponse:
    """An exception from the answer, rendered as the API renders it: its problem handler (``problems.unexpected``
    for one no handler knows), or Django's 500 should that handler fail."""
    from ncbnet.api.urls import api

    request = WSGIRequest(environ)
    request.resolver_match = resolve(request.path_info)
    request.ncbnet_actor = actor  # type: ignore[attr-defined]
    try:
        response = api.on_exception(request, exc)
    except Exception as unhandled:  # noqa: BLE001 -- what Django's handler does with it (it logs it too)
        response = response_for_exception(request, unhandled)
    if response.status_code >= 400:
        log_response("%s: %s", response.reason_phrase, request.path, response=response, request=request)
    return response


def _secure(environ: dict) -> bool:
    header = settings.SECURE_PROXY_SSL_HEADER
    if header is not None:
        name, value = header
        return environ.get(name, "").split(",")[0].strip() == value
    return environ.get("wsgi.url_scheme") == "https"


def _host_allowed(environ: dict) -> bool:
    if settings.USE_X_FORWARDED_HOST or "HTTP_HOST" not in environ:
        return False
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    domain, _ = split_domain_port(environ["HTTP_HOST"])
    return bool(domain) and validate_host(domain, allowed)


def _query(raw: str, allowed: frozenset[str]) -> dict[str, str] | None:
    """The query parameters, if each is one the endpoint takes, given once, without NUL."""
    if not raw:
        return {}
    try:
        pairs = parse_qsl(raw.encode("latin-1").decode("utf-8"), keep_blank_values=True, strict_parsing=True)
    except (ValueError, UnicodeError):
        return None
    query = dict(pairs)
    if len(query) != len(pairs) or not query.keys() <= allowed or any("\x00" in v for v in query.values()):
        return None
    return query
