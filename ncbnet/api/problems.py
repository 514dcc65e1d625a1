"""Errors as RFC 9457 problem details (application/problem+json), and the audit entry of each refusal."""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ncbnet.access.policy import Actor, Denied
from ncbnet.api.auth import caller
from ncbnet.api.parser import InvalidCharacter
from ncbnet.audit.services import record_refusal
from ncbnet.hits.services import HitNotFound
from ncbnet.matching.dates import InvalidDate
from ncbnet.matching.names import InvalidName
from ncbnet.members.services import AuthenticationFailed
from ncbnet.messaging.attachments import IntegrityFailure
from ncbnet.messaging.recipients import UnknownRecipient
from ncbnet.messaging.services import IdempotencyConflict, InvalidMessage, NotVisible
from ncbnet.notices.content import InvalidNotice
from ncbnet.notices.diffusions import DiffusionNotFound
from ncbnet.notices.lifecycle import NotAllowedNow
from ncbnet.notices.services import NoticeNotFound
from ncbnet.records.cleaning import InvalidRecord
from ncbnet.records.identifier_search import BatchTooLarge
from ncbnet.records.kinds import UnknownKind
from ncbnet.records.person_search import InvalidSearch
from ncbnet.records.services import RecordDeleted, RecordNotFound, VersionConflict
from ncbnet.records.text_search import InvalidTextSearch

log = logging.getLogger(__name__)
TYPE_BASE = "https://ncbnet.org/problems/"


class Problem(Exception):
    def __init__(self, status: int, title: str, detail: str = "", *, errors: list[dict] | None = None, kind: str = ""):
        super().__init__(detail or title)
        self.status, self.title, self.detail, self.errors = status, title, detail, errors or []
        self.kind = kind or title.lower().replace(" ", "-")


def problem_response(request: HttpRequest, p: Problem) -> HttpResponse:
    doc = {"type": TYPE_BASE + p.kind, "title": p.title, "status": p.status, "detail": p.detail,
           "instance": request.path}
    if p.errors:
        doc["errors"] = p.errors
    response = HttpResponse(json.dumps(doc, ensure_ascii=False), status=p.status, content_type="application/problem+json")
    if p.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="ncbnet"'
    if p.status < 500:
        actor = getattr(request, "ncbnet_actor", None)
        path = request.path.replace("\x00", "\ufffd")  # a path refused for its NUL (NulRefusalMiddleware)
        record_refusal(
            actor if isinstance(actor, Actor) else None,
            f"api {request.method} {request.resolver_match.route if request.resolver_match else path}"[:64],
            f"{p.status} {p.title}: {p.detail}"[:500],
            object_ids=[path],
        )
    return response


def _field(loc) -> str:
    parts = [str(x) for x in loc if x not in ("body", "payload")]
    return ".".join(parts) or "body"


def to_problem(exc: Exception) -> Problem:
    """Map every exception the services raise to the one problem an API user should see."""
    match exc:
        case Problem():
            return exc
        case ValidationError():
            errors = [{"field": _field(e.get("loc", ())), "message": e.get("msg", "invalid")} for e in exc.errors]
            return Problem(422, "Invalid request", "; ".join(f"{e['field']}: {e['message']}" for e in errors), errors=errors)
        case InvalidMessage():
            errors = [{"field": k, "message": v} for k, v in exc.errors.items()]
            return Problem(422, "Invalid message", str(exc), errors=errors)
        case InvalidRecord():
            errors = [{"field": k, "message": v} for k, v in exc.errors.items()]
            return Problem(422, "Invalid record", str(exc), errors=errors)
        case InvalidNotice():
            errors = [{"field": k, "message": v} for k, v in exc.errors.items()]
            return Problem(422, "Invalid notice", str(exc), errors=errors)
        case NotAllowedNow() | RecordDeleted():
            return Problem(409, "Not allowed in this state", str(exc))
        case InvalidSearch():
            errors = [{"field": k, "message": v} for k, v in exc.errors.items()]
            return Problem(422, "Invalid search", str(exc), errors=errors)
        case BatchTooLarge():
            return Problem(422, "Batch too large", str(exc), errors=[{"field": exc.field, "message": str(exc)}])
        case InvalidName() | InvalidDate() | InvalidTextSearch():
            return Problem(422, "Invalid search", str(exc))
        case RecordNotFound() | HitNotFound() | UnknownKind() | NoticeNotFound() | DiffusionNotFound():
            return Problem(404, "Not found", str(exc), kind="not-found")
        case VersionConflict():
            return Problem(409, "Version conflict", str(exc))
        case UnknownRecipient():
            return Problem(422, "Unknown recipient", str(exc),
                           errors=[{"field": "recipients", "message": str(exc)}])
        case Denied():
            return Problem(exc.status, "Forbidden", exc.reason, kind="forbidden")
        case NotVisible():
            return Problem(404, "Not found", str(exc), kind="not-found")
        case IdempotencyConflict():
            return Problem(409, "Idempotency key reused", str(exc))
        case InvalidCharacter():
            return Problem(400, "Invalid character", str(exc))
        case AuthenticationFailed():
            return Problem(exc.status, "Not authenticated" if exc.status == 401 else "Locked", exc.reason)
        case AuthenticationError():
            return Problem(401, "Not authenticated", "send 'Authorization: Bearer <token>' or log in")
        case IntegrityFailure():
            log.error("attachment integrity failure: %s", exc)
            return Problem(500, "Integrity failure", str(exc))
        case HttpError():
            cause = exc.__cause__
            if isinstance(cause, UnicodeDecodeError):
                return Problem(400, "Invalid encoding", f"request body is not valid UTF-8 (byte {cause.start})")
            if isinstance(cause, InvalidCharacter):
                return Problem(400, "Invalid character", str(cause))
            if isinstance(cause, ValueError):
                return Problem(400, "Malformed JSON", f"request body is not valid JSON: {cause}")
            return Problem(exc.status_code, "Request refused", str(exc))
        case Http404():
            return Problem(404, "Not found", str(exc) or "no such resource", kind="not-found")
        # What Django itself raises while the API reads a request, answered as Django's own handler would (it did,
        # before ``unexpected`` took every other exception): a body over DATA_UPLOAD_MAX_MEMORY_SIZE (Django: 400),
        # other malformed requests, a refusal.
        case RequestDataTooBig():
            return Problem(413, "Request too large",
                           f"the request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes")
        case SuspiciousOperation() | BadRequest() | MultiPartParserError():
            return Problem(400, "Bad request", str(exc) or "the request is malformed")
        case PermissionDenied():
            return Problem(403, "Forbidden", str(exc) or "forbidden", kind="forbidden")
    raise exc


def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    """An error no handler knows (a defect, a database gone away): a 500 problem that names an error id and nothing
    of the error itself; the traceback goes to the log under that id, for the operator the user quotes it to. Not
    audited as a refusal: the request was not refused, it failed (a service's uncommitted write rolled back with
    its audit entry)."""
    error_id = secrets.token_hex(6)
    log.error("unexpected error %s in %s %s", error_id, request.method, request.path, exc_info=exc)
    return problem_response(request, Problem(500, "Internal error", f"the request failed on the server; the error is "
                                             f"logged as {error_id}: quote it to your operator", kind="internal-error"))


_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def _nul_in(request: HttpRequest) -> str | None:
    """What of the request holds U+0000 (its path, a query parameter, a form field), or None."""
    if "\x00" in request.path:
        return "the path"
    fields = [("query parameter", request.GET)]
    if request.method == "POST" and request.content_type in _FORMS:
        fields.append(("form field", request.POST))
    for what, data in fields:
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in v for v in values):
                return f"{what} {key.replace(chr(0), '')!r}"
    return None


class NulRefusalMiddleware:
    """A NUL character (U+0000, "%00" in a URL) in the path, query or form of a request to the API or the portal is
    refused before any view reads it, on both databases alike: PostgreSQL cannot store it, so a view that looked it
    up (a hit by its reference, a database by its name) or an audit entry that named it failed with a 500. Under
    /api/ the refusal is a 400 problem, audited with its caller; in the portal Django's 400 page. JSON bodies are
    checked by the API's parser (``api/parser.py``); the public site and its API refuse it in their own terms
    (``public/query.py``: a 400 problem naming the parameter, or no such notice)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(("/api/", "/portal/")):
            return self.get_response(request)
        where = _nul_in(request)
        if where is None:
            return self.get_response(request)
        if not request.path_info.startswith("/api/"):
            raise BadRequest(f"{where} contains a NUL character")
        request.ncbnet_actor = caller(request)  # type: ignore[attr-defined]
        return problem_response(request, Problem(400, "Invalid character",
                                                 f"{where} contains a NUL character (\\u0000)"))


class ApiProblemsMiddleware:
    """Under /api/, the answers Django and django-ninja give before any API code runs are problems too: a path no
    operation has (Django's HTML 404) and a method the path does not take (django-ninja's plain-text 405, its Allow
    header kept). An API client gets application/problem+json for every error, and the refusal is audited as
    every other is."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (response.status_code not in (404, 405) or not request.path_info.startswith("/api/")
                or response.get("Content-Type", "").startswith("application/problem+json")):
            return response
        # No operation ran, so nothing authenticated the caller: its refusal names whoever sent it, where a valid
        # token or session says (the token's use is recorded as any other's).
        request.ncbnet_actor = caller(request)  # type: ignore[attr-defined]
        if response.status_code == 404:
            return problem_response(request, Problem(404, "Not found", f"no API operation at {request.path}",
                                                     kind="not-found"))
        allowed = response.get("Allow", "")
        refused = problem_response(request, Problem(405, "Method not allowed", f"{request.method} is not allowed on "
                                                    f"{request.path}; allowed: {allowed}"))
        refused["Allow"] = allowed
        return refused


PROBLEM_SCHEMA = {
    "title": "Problem",
    "description": "An error (RFC 9457 problem details, media type application/problem+json).",
    "type": "object",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "format": "uri", "description": f"the kind of problem, {TYPE_BASE}<kind>"},
        "title": {"type": "string", "description": "the kind of problem, in words (e.g. 'Invalid record')"},
        "status": {"type": "integer", "description": "the HTTP status"},
        "detail": {"type": "string", "description": "what was wrong with this request, naming the reason"},
        "instance": {"type": "string", "description": "the path that was asked for"},
        "errors": {"type": "array", "description": "one entry per refused field, where the problem is about fields",
                   "items": {"type": "object", "required": ["field", "message"],
                             "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}},
    },
}

# The problems an operation may answer, by what the operation has; "default" stands for the rest (409 conflicts
# of state, version or idempotency key, 413 a body too large, 423 a locked account, 500).
_PROBLEMS: list[tuple[str, Callable[[str, dict], bool], str]] = [
    ("400", lambda path, op: "requestBody" in op, "the body is not JSON, not UTF-8, or holds a NUL character"),
    ("401", lambda path, op: True, "not authenticated: no, an unknown, an expired or a revoked token or session"),
    ("403", lambda path, op: "security" in op, "the access policy refuses this action or this data to the caller"),
    ("404", lambda path, op: "{" in path, "nothing the caller may see under this path"),
    ("422", lambda path, op: "requestBody" in op or bool(op.get("parameters")),
     "a parameter or the body is invalid: 'errors' names each refused field and why"),
    ("default", lambda path, op: True, "another problem: 409 a conflict (of state, version or idempotency key), "
                                       "413 too large, 423 a locked account, 500 a failure on the server"),
]


def documented(schema: dict) -> dict:
    """The OpenAPI description with the problems each operation may answer (``_PROBLEMS``), beside the success the
    operation declares: a client generated from it knows the errors and their shape."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in schema["paths"].items():
        for op in operations.values():
            responses = op.setdefault("responses", {})
            declared = {str(status) for status in responses}  # django-ninja's keys are ints
            for status, applies, description in _PROBLEMS:
                if applies(path, op) and status not in declared:
                    responses[status] = {"description": description, "content": content}
    return schema


def install(api) -> None:
    def handler(request, exc):
        return problem_response(request, to_problem(exc))

    for exc_type in (Problem, ValidationError, InvalidMessage, UnknownRecipient, Denied, NotVisible,
                     IdempotencyConflict, AuthenticationFailed, AuthenticationError, IntegrityFailure, HttpError, Http404,
                     InvalidCharacter, InvalidRecord, BatchTooLarge, InvalidName, InvalidDate, RecordNotFound, HitNotFound,
                     UnknownKind, VersionConflict, RecordDeleted, InvalidSearch, InvalidTextSearch, InvalidNotice, NotAllowedNow, NoticeNotFound,
                     DiffusionNotFound, SuspiciousOperation, BadRequest, MultiPartParserError, PermissionDenied):
        api.add_exception_handler(exc_type, handler)
    api.add_exception_handler(Exception, unexpected)  # instead of django-ninja's (Django's HTML 500, or a traceback)
