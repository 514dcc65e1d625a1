"""/api/v1/audit: auditors search the trail; they never see the police data behind it."""

from __future__ import annotations

from ninja import Query, Router

from ncbnet.api import pagination
from ncbnet.api.auth import actor_of
from ncbnet.api.schemas import AuditPage, IsoDateTime
from ncbnet.audit.services import search_trail

router = Router(tags=["audit"])


@router.get("/entries", response=AuditPage, summary="Search the audit trail, newest first")
def entries(request, username: str | None = None, organisation: str | None = None, action: str | None = None,
            outcome: str | None = None, object_type: str | None = None, object_id: str | None = None,
            since: IsoDateTime | None = None, until: IsoDateTime | None = None, cursor: str | None = None,
            limit: int = Query(50, ge=1, le=500)):
    filters = {"username": username, "organisation": organisation, "action": action, "outcome": outcome,
               "object_type": object_type}
    rows = search_trail(actor_of(request), filters={k: v for k, v in filters.items() if v},
                        object_id=object_id or "", since=since, until=until,
                        before_id=pagination.decode(cursor), limit=limit + 1)
    page = rows[:limit]
    return {"items": page, "next_cursor": pagination.encode(page[-1].pk) if len(rows) > limit else None}
