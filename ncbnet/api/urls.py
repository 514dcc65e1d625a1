"""The HTTP API: versioned under /api/v1/, OpenAPI at /api/openapi.json, browsable at /api/docs."""

from typing import Any

from ninja import NinjaAPI

from ncbnet.api import audit, frontline, hits, members, messages, notices, problems, records, search, session
from ncbnet.api.auth import AUTH
from ncbnet.api.parser import StrictJSONParser


class Api(NinjaAPI):
    def get_openapi_schema(self, **kw: Any) -> Any:
        """django-ninja's description, with the problems every operation may answer (``problems.documented``)."""
        return problems.documented(super().get_openapi_schema(**kw))


api = Api(
    title="ncbnet API",
    version="1",
    description="Secure messaging, the member network, the police databases, search and hits, notices and diffusions of ncbnet. Authenticate with "
    "`Authorization: Bearer <token>`; errors are application/problem+json (RFC 9457).",
    auth=AUTH,
    parser=StrictJSONParser(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
problems.install(api)
api.add_router("/v1/session", session.router)
api.add_router("/v1/members", members.router)
api.add_router("/v1/messages", messages.router)
api.add_router("/v1/audit", audit.router)
api.add_router("/v1/records", records.router)
api.add_router("/v1/search", search.router)
api.add_router("/v1/hits", hits.router)
api.add_router("/v1/frontline", frontline.router)
api.add_router("/v1/notices", notices.router)
api.add_router("/v1/diffusions", notices.diffusion_router)
