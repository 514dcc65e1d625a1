"""Per-request facts the audit trail records beside each entry: client address and API token."""

from __future__ import annotations

import contextvars
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


class AuditContextMiddleware:
    """Opens a context for each request; after it, a token use that left no entry of its own gets one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ctx = RequestContext(ip=request.META.get("REMOTE_ADDR", "")[:45])
        token = _current.set(ctx)
        try:
            response = self.get_response(request)
            if ctx.token_id is not None and ctx.entries_written == 0:
                from ncbnet.audit.services import record

                record(
                    action="token.use", username=ctx.username, organisation=ctx.organisation,
                    query={"method": request.method, "path": request.path, "status": response.status_code},
                )
            return response
        finally:
            _current.reset(token)
