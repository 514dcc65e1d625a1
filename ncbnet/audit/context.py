"""Per-request facts the audit trail records beside each entry: client address and API token."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class RequestContext:
    ip: str = ""
    token_id: int | None = None
    username: str = ""
    organisation: str = ""
    entries_written: int = field(default=0)


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar("ncbnet_audit_ctx", default=None)


def current() -> RequestContext | None:
    return _current.get()


@contextmanager
def audit_context(ip: str, method: str, path: str) -> Iterator[Callable[[int | None], None]]:
    """Opens the context of one request; the caller calls what it yields with the answer's status (None if
    there is none) once the request is answered: a token use that left no entry of its own gets one."""
    ctx = RequestContext(ip=ip[:45])
    token = _current.set(ctx)
    path = path.replace("\x00", "\ufffd")  # refused (api.problems.NulRefusalMiddleware), yet its token was used

    def finish(status: int | None) -> None:
        if status is not None and ctx.token_id is not None and ctx.entries_written == 0:
            from ncbnet.audit.services import record

            record(action="token.use", username=ctx.username, organisation=ctx.organisation,
                   query={"method": method, "path": path, "status": status})

    try:
        yield finish
    finally:
        _current.reset(token)


class AuditContextMiddleware:
    """The audit context of every request Django answers (``ncbnet.api.hotpath`` opens its own)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audit_context(request.META.get("REMOTE_ADDR", ""), request.method, request.path) as finish:
            response = self.get_response(request)
            finish(response.status_code)
            return response
