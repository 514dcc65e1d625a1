"""/api/v1/hits: hits on my country's data awaiting an answer, hits my searches raised; confirm or deny."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from ncbnet.api.auth import actor_of
from ncbnet.api.schemas import Strict
from ncbnet.hits import services
from ncbnet.hits.models import Hit

router = Router(tags=["hits"])


class HitOut(Schema):
    reference: str
    record_type: str
    record_id: int
    owner_country: str | None = Field(description="empty for a record the General Secretariat holds")
    owner_ncb: str
    searcher: str
    location: str
    searched_with: dict
    score: float
    urgent: bool
    raised_at: datetime
    due_at: datetime
    overdue: bool
    status: str
    answered_at: datetime | None
    answer_note: str
    notification_message: int | None


class AnswerIn(Strict):
    confirmed: bool = Field(description="true: the record still stands; false: it no longer does")
    note: str = Field("", max_length=4000)


def hit_out(h: Hit) -> dict:
    return {
        "reference": h.reference, "record_type": h.record_type, "record_id": h.record_id,
        "owner_country": h.owner_country_id, "owner_ncb": h.owner_ncb.code, "searcher": h.searcher_org.code,
        "location": h.location, "searched_with": h.searched_with, "score": h.score, "urgent": h.urgent,
        "raised_at": h.raised_at, "due_at": h.due_at,
        "overdue": h.status == "pending" and h.due_at < timezone.now(), "status": h.status,
        "answered_at": h.answered_at, "answer_note": h.answer_note, "notification_message": h.notification_id,
    }


@router.get("", response=list[HitOut], summary="Hits visible to me, newest first",
            description="`role=owner`: hits on my country's records; `role=searcher`: hits my searches raised. "
                        "The CCC sees every hit of the network.")
def list_hits(request, role: Literal["owner", "searcher", ""] = "",
              status: Literal["pending", "confirmed", "denied", ""] = "", overdue: bool = False,
              before: int | None = None, limit: int = Query(50, ge=1, le=200)):
    hits = services.list_hits(actor_of(request), role=role, status=status, overdue=overdue, before=before, limit=limit)
    return [hit_out(h) for h in hits]


@router.get("/{reference}", response=HitOut, summary="One hit")
def get_hit(request, reference: str):
    return hit_out(services.get_hit(actor_of(request), reference))


@router.post("/{reference}/answer", response=HitOut, summary="The owner confirms or denies that its record stands")
def answer(request, reference: str, payload: AnswerIn):
    actor = actor_of(request)
    services.answer_hit(actor, reference, confirmed=payload.confirmed, note=payload.note)
    return hit_out(services.get_hit(actor, reference))
