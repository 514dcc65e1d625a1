"""Errors as RFC 9457 problem details (application/problem+json), and the audit entry of each refusal."""

from __future__ import annotations

import json
import logging

from django.http import Http404, HttpRequest, HttpResponse
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ncbnet.access.policy import Actor, Denied
from ncbnet.api.parser import NulCharacter
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
from ncbnet.records.services import RecordNotFound, VersionConflict
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
        record_refusal(
            actor if isinstance(actor, Actor) else None,
            f"api {request.method} {request.resolver_match.route if request.resolver_match else request.path}"[:64],
            f"{p.status} {p.title}: {p.detail}"[:500],
            object_ids=[request.path],
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
        case NotAllowedNow():
            return Problem(409, "Not allowed in this state", str(exc))
        case InvalidSearch():
            errors = [{"field": k, "message": v} for k, v in exc.errors.items()]
            return Problem(422, "Invalid search", str(exc), errors=errors)
        case BatchTooLarge():
            return Problem(422, "Batch too large", str(exc), errors=[{"field": "items", "message": str(exc)}])
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
        case NulCharacter():
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
            if isinstance(cause, NulCharacter):
                return Problem(400, "Invalid character", str(cause))
            if isinstance(cause, ValueError):
                return Problem(400, "Malformed JSON", f"request body is not valid JSON: {cause}")
            return Problem(exc.status_code, "Request refused", str(exc))
        case Http404():
            return Problem(404, "Not found", str(exc) or "no such resource", kind="not-found")
    raise exc


def install(api) -> None:
    def handler(request, exc):
        return problem_response(request, to_problem(exc))

    for exc_type in (Problem, ValidationError, InvalidMessage, UnknownRecipient, Denied, NotVisible,
                     IdempotencyConflict, AuthenticationFailed, AuthenticationError, IntegrityFailure, HttpError, Http404,
                     NulCharacter, InvalidRecord, BatchTooLarge, InvalidName, InvalidDate, RecordNotFound, HitNotFound,
                     UnknownKind, VersionConflict, InvalidSearch, InvalidTextSearch, InvalidNotice, NotAllowedNow, NoticeNotFound,
                     DiffusionNotFound):
        api.add_exception_handler(exc_type, handler)
