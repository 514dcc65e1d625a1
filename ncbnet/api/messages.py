"""/api/v1/messages: send, inbox, outbox, read, acknowledge, reply, forward, thread, search, overdue."""

from __future__ import annotations

import base64
import binascii

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Status

from ncbnet.api import pagination
from ncbnet.api.auth import actor_of
from ncbnet.api.problems import Problem
from ncbnet.api.schemas import (
    CrimeAreaName,
    ForwardIn,
    InboxPage,
    MessageIn,
    MessageOut,
    MessagePage,
    OverdueItem,
    PriorityName,
    ReplyIn,
)
from ncbnet.messaging import services
from ncbnet.messaging.models import Delivery, Message

router = Router(tags=["messages"])


def _idempotency_key(request: HttpRequest) -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not (1 <= len(key) <= 128 and key.isprintable()):
        raise Problem(400, "Invalid idempotency key", "Idempotency-Key must be 1 to 128 printable characters")
    return key


def _attachments(items) -> list[services.AttachmentUpload]:
    out = []
    for i, a in enumerate(items):
        try:
            content = base64.b64decode(a.content_base64, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise Problem(422, "Invalid attachment", f"attachments[{i}]: content_base64 is not valid base64",
                          errors=[{"field": f"attachments.{i}.content_base64", "message": "not valid base64"}]) from exc
        out.append(services.AttachmentUpload(a.filename, content, a.content_type))
    return out


def summary(m: Message, sender: str | None = None) -> dict:
    return {
        "id": m.pk, "sender": sender or m.sender_org.code, "subject": m.subject, "language": m.language,
        "priority": m.priority, "crime_area": m.crime_area, "classification": m.classification,
        "case_reference": m.case_reference, "created_at": m.created_at, "reply_to": m.reply_to_id,
        "thread_root": m.thread_root_id, "forwarded_from": m.forwarded_from_id,
    }


def _delivery(d: Delivery) -> dict:
    return {"recipient": d.recipient_org.code, "state": d.state, "delivered_at": d.delivered_at, "read_at": d.read_at,
            "acknowledged_at": d.acknowledged_at, "ack_due_at": d.ack_due_at}


def _restrictions(m: Message) -> dict:
    r = m.restrictions
    return {"owner_country": m.owner_country_id, "mode": r.mode, "countries": list(r.countries),
            "agencies_may_view": r.agencies_may_view, "classification": r.classification}


def detail(m: Message, actor_org_id: int | None) -> dict:
    deliveries = m.deliveries.select_related("recipient_org").order_by("pk")
    if m.sender_org_id != actor_org_id:  # a recipient sees its own copy's state, not the others'
        deliveries = deliveries.filter(recipient_org_id=actor_org_id)
    return {
        **summary(m), "author": m.author.username, "addressed_to": m.addressed_to, "body": m.body,
        "language_detected": m.language_detected,
        "restrictions": _restrictions(m),
        "chain": m.chain,
        "attachments": [
            {"filename": a.filename, "sha256": a.blob_id, "size": a.blob.size, "content_type": a.blob.content_type}
            for a in m.attachments.select_related("blob").order_by("pk")
        ],
        "deliveries": [_delivery(d) for d in deliveries],
    }


def _sent(request, result: services.SendResult, actor, *, read_back: bool = False) -> Status:
    if read_back or not result.created:  # a replay or a forward: read the stored message back
        m = Message.objects.select_related("sender_org", "author").get(pk=result.message.pk)
        return Status(201 if result.created else 200, detail(m, actor.organisation_id))
    # Just written by this actor: everything is at hand, no need to read it back.
    m = result.message
    return Status(201, {
        **summary(m, sender=actor.organisation_code), "author": actor.username, "addressed_to": m.addressed_to,
        "body": m.body, "language_detected": m.language_detected, "restrictions": _restrictions(m),
        "chain": m.chain,
        "attachments": [{"filename": a.filename, "sha256": a.sha256, "size": len(a.content),
                         "content_type": a.content_type} for a in result.attachments],
        "deliveries": [{"recipient": o.code, "state": "delivered", "delivered_at": m.created_at, "read_at": None,
                        "acknowledged_at": None, "ack_due_at": result.ack_due_at} for o in result.recipients],
    })


@router.post("", response={200: MessageOut, 201: MessageOut}, summary="Send a message",
             description="Send with an `Idempotency-Key` header: a retry with the same key returns the first "
                         "message (200) and sends nothing new.")
def send(request, payload: MessageIn):
    actor = actor_of(request)
    draft = services.Draft(
        subject=payload.subject, body=payload.body, recipients=payload.recipients, language=payload.language,
        priority=payload.priority, crime_area=payload.crime_area, classification=payload.classification,
        restriction_mode=payload.restrictions.mode, restricted_countries=payload.restrictions.countries,
        agencies_may_view=payload.restrictions.agencies_may_view, case_reference=payload.case_reference,
        attachments=_attachments(payload.attachments),
    )
    result = services.send_message(actor, draft, idempotency_key=_idempotency_key(request), purpose=payload.purpose)
    return _sent(request, result, actor)


@router.get("/inbox", response=InboxPage, summary="The organisation's inbox, newest first")
def inbox(request, cursor: str | None = None, limit: int = Query(50, ge=1, le=200),
          crime_area: CrimeAreaName | None = None, division: int | None = None,
          priority: PriorityName | None = None, unacknowledged: bool = False):
    actor = actor_of(request)
    page = services.inbox(actor, before=pagination.decode(cursor), limit=limit, crime_area=crime_area,
                          division_id=division, priority=priority, unacknowledged=unacknowledged)
    now = timezone.now()
    items = [
        {**summary(d.message), "state": d.state, "ack_due_at": d.ack_due_at,
         "overdue": bool(d.ack_due_at and d.acknowledged_at is None and d.ack_due_at < now)}
        for d in page.items
    ]
    return {"items": items, "next_cursor": pagination.encode(page.next_before)}


@router.get("/outbox", response=MessagePage, summary="Messages the organisation sent, newest first")
def outbox(request, cursor: str | None = None, limit: int = Query(50, ge=1, le=200)):
    page = services.outbox(actor_of(request), before=pagination.decode(cursor), limit=limit)
    return {"items": [summary(m) for m in page.items], "next_cursor": pagination.encode(page.next_before)}


@router.get("/search", response=MessagePage, summary="Full-text search over the mailbox you may see")
def search(request, q: str = Query(..., min_length=1, max_length=500), cursor: str | None = None,
           limit: int = Query(50, ge=1, le=200)):
    page = services.search(actor_of(request), q, before=pagination.decode(cursor), limit=limit)
    return {"items": [summary(m) for m in page.items], "next_cursor": pagination.encode(page.next_before)}


@router.get("/overdue", response=list[OverdueItem], summary="Urgent deliveries past their acknowledgement deadline")
def overdue(request, limit: int = Query(200, ge=1, le=1000)):
    now = timezone.now()
    return [
        {"message_id": d.message_id, "sender": d.message.sender_org.code, "recipient": d.recipient_org.code,
         "priority": d.priority, "crime_area": d.crime_area, "delivered_at": d.delivered_at, "ack_due_at": d.ack_due_at,
         "overdue_seconds": int((now - d.ack_due_at).total_seconds()) if d.ack_due_at else 0,
         "read": d.read_at is not None}
        for d in services.overdue(actor_of(request), limit=limit)
    ]


@router.get("/{int:message_id}", response=MessageOut, summary="Read a message (marks it read for your organisation)")
def read(request, message_id: int, purpose: str = Query("", max_length=500)):
    actor = actor_of(request)
    msg, _ = services.read_message(actor, message_id, purpose=purpose)
    return detail(msg, actor.organisation_id)


@router.post("/{int:message_id}/acknowledge", response=MessageOut, summary="Acknowledge receipt")
def acknowledge(request, message_id: int):
    actor = actor_of(request)
    services.acknowledge(actor, message_id)
    msg = Message.objects.select_related("sender_org", "author").get(pk=message_id)
    return detail(msg, actor.organisation_id)


@router.post("/{int:message_id}/reply", response={200: MessageOut, 201: MessageOut}, summary="Reply in the thread")
def reply(request, message_id: int, payload: ReplyIn):
    actor = actor_of(request)
    draft = services.Draft(
        subject=payload.subject or "", body=payload.body, recipients=payload.recipients or [],
        language=payload.language, priority=payload.priority, classification=payload.classification,
        restriction_mode=payload.restrictions.mode, restricted_countries=payload.restrictions.countries,
        agencies_may_view=payload.restrictions.agencies_may_view, attachments=_attachments(payload.attachments),
    )
    result = services.reply_message(actor, message_id, draft, idempotency_key=_idempotency_key(request))
    return _sent(request, result, actor)


@router.post("/{int:message_id}/forward", response={200: MessageOut, 201: MessageOut}, summary="Forward (NCBs)")
def forward(request, message_id: int, payload: ForwardIn):
    actor = actor_of(request)
    result = services.forward_message(actor, message_id, payload.recipients, payload.note,
                                      idempotency_key=_idempotency_key(request), purpose=payload.purpose)
    return _sent(request, result, actor, read_back=True)


@router.get("/{int:message_id}/thread", response=list[MessageOut], summary="The whole thread, oldest first")
def thread(request, message_id: int):
    actor = actor_of(request)
    return [detail(m, actor.organisation_id) for m in services.thread(actor, message_id)]


@router.get("/{int:message_id}/attachments/{sha256}", summary="Download an attachment (integrity checked)",
            response={200: None})
def attachment(request, message_id: int, sha256: str):
    att, content = services.attachment_content(actor_of(request), message_id, sha256.lower())
    response = HttpResponse(content, content_type=att.blob.content_type)
    response["Content-Disposition"] = f'attachment; filename="{att.filename}"'
    response["Digest"] = f"sha-256={base64.b64encode(bytes.fromhex(att.blob_id)).decode()}"
    return response
