"""Messaging services: the only writers of messages and deliveries. Each takes the actor, checks the
policy, writes in one transaction with its audit entry, and returns plain model objects."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from ncbnet import prepared, rows
from ncbnet.access.levels import Classification, RestrictionMode
from ncbnet.access.policy import Action, Actor, Denied, allows, require, restriction_q
from ncbnet.access.restrictions import Restrictions
from ncbnet.audit.services import StatementAppend, postgres_append, record
from ncbnet.groupcommit import durable, durable_statement
from ncbnet.members.models import Country, Division, Organisation
from ncbnet.messaging import attachments as blobs
from ncbnet.messaging import recipients
from ncbnet.messaging.fulltext import backend as fulltext_backend
from ncbnet.messaging.language import WORKING_LANGUAGES, detect_language
from ncbnet.messaging.models import URGENT_SQL, Attachment, Blob, CrimeArea, Delivery, Message, Priority


class InvalidMessage(ValueError):
    """A draft that cannot be sent; ``errors`` maps each field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class IdempotencyConflict(ValueError):
    pass


class NotVisible(LookupError):
    """The message does not exist or the actor may not see it; the two are not told apart."""


@dataclass
class AttachmentUpload:
    filename: str
    content: bytes
    declared_type: str | None = None


@dataclass
class Draft:
    subject: str
    body: str
    recipients: list[str]
    language: str | None = None
    priority: str = Priority.ROUTINE
    crime_area: str = CrimeArea.OTHER
    classification: int = Classification.OFFICIAL_USE
    restriction_mode: str = RestrictionMode.NONE
    restricted_countries: list[str] = field(default_factory=list)
    agencies_may_view: bool = True
    case_reference: str = ""
    reply_to: int | None = None
    attachments: list[AttachmentUpload] = field(default_factory=list)


@dataclass(frozen=True)
class SendResult:
    message: Message
    created: bool
    # For a message just written: whom it was delivered to and with what, so callers need not read it back.
    recipients: tuple[Organisation, ...] = ()
    ack_due_at: datetime | None = None
    attachments: tuple[blobs.CheckedAttachment, ...] = ()


@dataclass(frozen=True)
class Page:
    items: list
    next_before: int | None


# --------------------------------------------------------------------------------------------- visibility

def _received_by(actor: Actor) -> Exists:
    return Exists(Delivery.objects.filter(message=OuterRef("pk"), recipient_org_id=actor.organisation_id))


def visible_messages(actor: Actor) -> QuerySet[Message]:
    """Messages the actor's organisation sent or received, within the owner's restrictions and clearance."""
    require(actor, Action.MESSAGE_READ)
    return Message.objects.filter(restriction_q(actor)).filter(Q(sender_org_id=actor.organisation_id) | _received_by(actor))


def _visible_message(actor: Actor, message_id: int) -> Message:
    msg = visible_messages(actor).select_related("sender_org", "author").filter(pk=message_id).first()
    if msg is None:
        raise NotVisible(f"message {message_id} does not exist or is not visible to {actor.organisation_code}")
    return msg


# --------------------------------------------------------------------------------------------- sending

_PRIORITIES, _CRIME_AREAS = frozenset(Priority.values), frozenset(CrimeArea.values)
_CLASSIFICATIONS, _RESTRICTION_MODES = frozenset(Classification.values), frozenset(RestrictionMode.values)


def _validate(actor: Actor, d: Draft) -> tuple[str, bool, Restrictions, list[blobs.CheckedAttachment]]:
    errors: dict[str, str] = {}
    if not d.subject.strip():
        errors["subject"] = "must not be empty"
    elif len(d.subject) > 300:
        errors["subject"] = "at most 300 characters"
    if not d.body.strip():
        errors["body"] = "must not be empty"
    elif len(d.body) > 200_000:
        errors["body"] = "at most 200,000 characters"
    if d.language is not None and d.language not in WORKING_LANGUAGES:
        errors["language"] = f"{d.language!r} is not a working language (ar, en, fr, es)"
    if d.priority not in _PRIORITIES:
        errors["priority"] = f"one of {', '.join(Priority.values)}"
    if d.crime_area not in _CRIME_AREAS:
        errors["crime_area"] = f"one of {', '.join(CrimeArea.values)}"
    if d.classification not in _CLASSIFICATIONS:
        errors["classification"] = "1 (official use only), 2 (restricted) or 3 (confidential)"
    elif d.classification > actor.clearance:
        errors["classification"] = "above your own clearance"
    if d.restriction_mode not in _RESTRICTION_MODES:
        errors["restriction_mode"] = "none, allow or deny"
    codes = sorted({c.strip().upper() for c in d.restricted_countries})
    if codes:
        known = set(Country.objects.filter(code__in=codes).values_list("code", flat=True))
        if unknown := [c for c in codes if c not in known]:
            errors["restricted_countries"] = f"unknown country codes: {', '.join(unknown)}"
    if d.restriction_mode == RestrictionMode.ALLOW and not codes:
        errors["restricted_countries"] = "an allow-list needs at least one country"
    if len(d.case_reference) > 64:
        errors["case_reference"] = "at most 64 characters"
    if len(d.attachments) > settings.ATTACHMENTS_PER_MESSAGE:
        errors["attachments"] = f"at most {settings.ATTACHMENTS_PER_MESSAGE}"
    checked = []
    for i, a in enumerate(d.attachments):
        try:
            checked.append(blobs.check(a.filename, a.declared_type, a.content))
        except blobs.AttachmentRejected as exc:
            errors[f"attachments[{i}]"] = str(exc)
    if len({a.filename for a in d.attachments}) != len(d.attachments):
        errors["attachments"] = "file names must be unique within a message"
    if errors:
        raise InvalidMessage(errors)
    language, detected = (d.language, False) if d.language else (detect_language(d.subject + "\n" + d.body), True)
    restr = Restrictions(d.restriction_mode, tuple(codes), d.agencies_may_view, d.classification)
    return language, detected, restr, checked


def _fingerprint(d: Draft, checked: list[blobs.CheckedAttachment]) -> str:
    doc = {k: v for k, v in d.__dict__.items() if k != "attachments"}
    doc["attachments"] = [(c.filename, c.sha256) for c in checked]
    return hashlib.sha256(json.dumps(doc, sort_keys=True, default=str).encode()).hexdigest()


def _replay(actor: Actor, key: str, fingerprint: str) -> SendResult | None:
    existing = Message.objects.filter(author_id=actor.user_id, idempotency_key=key).first()
    if existing is None:
        return None
    if existing.request_fingerprint != fingerprint:
        raise IdempotencyConflict(f"idempotency key {key!r} was already used for a different message")
    record(actor, "message.send.replay", object_type="message", object_ids=[existing.pk])
    return SendResult(existing, created=False)


_MESSAGE_FIELDS = [f for f in Message._meta.concrete_fields if not f.primary_key]
_INSERT_MESSAGE = rows.insert_sql(Message, _MESSAGE_FIELDS)


def _insert(msg: Message) -> None:
    """One INSERT ... RETURNING for the hot path of every send (Model.save() spent half a send compiling)."""
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_MESSAGE, rows.db_values(msg, _MESSAGE_FIELDS))
        rows.stored(msg, cursor.fetchone()[0])


_DELIVERY_COLUMNS = ("message_id", "recipient_org_id", "crime_area", "priority", "delivered_at", "ack_due_at")


def _ack_due(priority: str, now: datetime) -> datetime | None:
    """When the recipients must have acknowledged a message of this priority, if ever."""
    seconds = settings.ACK_DEADLINE_SECONDS.get(priority)
    return now + timedelta(seconds=seconds) if seconds else None


def _deliver(msg: Message, orgs: list[Organisation]):
    """One delivery row per recipient, delivered when the message was made, written with as few INSERT statements
    as the database allows. (A message to all members through bulk_create built 195 model instances and compiled
    1,950 values: two thirds of its time.)"""
    statements, due = _deliveries(msg, orgs)
    with connection.cursor() as cursor:
        for sql, chunk in statements:
            cursor.execute(sql, [v for row in chunk for v in (msg.pk, *row)])
    return due


def _deliveries(msg: Message, orgs: list[Organisation]) -> tuple[list[tuple[str, list[tuple]]], datetime | None]:
    """The INSERT statements of a message's deliveries, each with its rows as stored but for the message's id (the
    first column, known once the message is written), and the acknowledgement deadline."""
    now = msg.created_at
    due = _ack_due(msg.priority, now)
    ops, qn = connection.ops, connection.ops.quote_name
    delivered_at, ack_due_at = ops.adapt_datetimefield_value(now), ops.adapt_datetimefield_value(due)
    rows_ = [(o.pk, msg.crime_area, msg.priority, delivered_at, ack_due_at) for o in orgs]
    per_statement = (connection.features.max_query_params or 60_000) // len(_DELIVERY_COLUMNS)
    row_sql = "(" + ", ".join(["%s"] * len(_DELIVERY_COLUMNS)) + ")"
    insert = f"INSERT INTO {qn(Delivery._meta.db_table)} ({', '.join(map(qn, _DELIVERY_COLUMNS))}) VALUES "
    chunks = [rows_[start:start + per_statement] for start in range(0, len(rows_), per_statement)]
    return [(insert + ", ".join([row_sql] * len(chunk)), chunk) for chunk in chunks], due


@dataclass
class ReadyMessage:
    """A made message and its deliveries with every value already as the database stores it, so that the
    transaction that writes them does nothing but run the statements (SQLite: the writer gate, which every write
    of the machine waits for, is held that much shorter). ``write`` may run again after a rollback."""

    msg: Message
    values: list[Any]
    deliveries: list[tuple[str, list[tuple]]]

    @classmethod
    def of(cls, msg: Message, orgs: list[Organisation]) -> ReadyMessage:
        return cls(msg, rows.db_values(msg, _MESSAGE_FIELDS), _deliveries(msg, orgs)[0])

    def write(self, cursor: Any) -> int:
        """The message and its deliveries, inside the caller's transaction; the message's new id."""
        cursor.execute(_INSERT_MESSAGE, self.values)
        pk = cursor.fetchone()[0]
        for sql, chunk in self.deliveries:
            cursor.execute(sql, [v for row in chunk for v in (pk, *row)])
        rows.stored(self.msg, pk)
        return pk


_MESSAGE_CTES = (
    f"m AS (INSERT INTO {Message._meta.db_table} ({', '.join(f.column for f in _MESSAGE_FIELDS)})"
    f" VALUES ({', '.join(['%s'] * len(_MESSAGE_FIELDS))}) RETURNING id),"
    f" d AS (INSERT INTO {Delivery._meta.db_table} ({', '.join(_DELIVERY_COLUMNS)})"
    " SELECT m.id, r.org, %s, %s, %s, %s FROM m, unnest(%s::bigint[]) AS r(org))"
)


@dataclass(frozen=True)
class MessageCtes:
    """PostgreSQL: a message and its deliveries as the CTEs ``m`` (RETURNING id) and ``d`` of a bigger statement,
    which can refer to the new message's id as ``(SELECT id FROM m)``. The text is the same for any number of
    recipients (an array), so the server prepares it once."""

    sql: str
    params: list
    due: datetime | None  # the recipients' acknowledgement deadline, if the priority has one

    @classmethod
    def of(cls, msg: Message, orgs: list[Organisation]) -> MessageCtes:
        """Delivered when the message was made (``created_at``), as ``_deliver`` does."""
        now = msg.created_at
        due = _ack_due(msg.priority, now)
        return cls(_MESSAGE_CTES, [*rows.db_values(msg, _MESSAGE_FIELDS), msg.crime_area, msg.priority, now, due,
                                   [o.pk for o in orgs]], due)

    @classmethod
    def many(cls, items: list[tuple[Message, list[Organisation]]]) -> MessageCtes:
        """Several messages and their deliveries as the CTEs ``m`` (RETURNING id, case_reference) and ``d``. Each
        message must carry its own case reference: the statement's other parts find a message by it. The messages
        go as one array per column (``rows.unnest_sql``): the text is the same for any number of them, so the
        server prepares it once."""
        refs = [msg.case_reference for msg, _ in items]
        if not all(refs) or len(set(refs)) != len(refs):
            raise ValueError("each message of MessageCtes.many needs a case reference of its own")
        columns = ", ".join(f.column for f in _MESSAGE_FIELDS)
        sql = (f"m AS (INSERT INTO {Message._meta.db_table} ({columns}) SELECT * FROM"
               f" {rows.unnest_sql(tuple(_MESSAGE_FIELDS), 'mu')} RETURNING id, case_reference, crime_area, priority,"
               f" created_at), d AS (INSERT INTO {Delivery._meta.db_table} ({', '.join(_DELIVERY_COLUMNS)})"
               " SELECT m.id, r.org, m.crime_area, m.priority, m.created_at, r.due"
               " FROM m JOIN unnest(%s::varchar[], %s::bigint[], %s::timestamptz[]) AS r(ref, org, due)"
               " ON r.ref = m.case_reference)")
        params = rows.column_values([msg for msg, _ in items], _MESSAGE_FIELDS)
        to = [(msg.case_reference, o.pk, _ack_due(msg.priority, msg.created_at)) for msg, orgs in items for o in orgs]
        return cls(sql, [*params, [t[0] for t in to], [t[1] for t in to], [t[2] for t in to]], None)


def _write_one_statement(msg: Message, orgs: list[Organisation], entry: StatementAppend) -> datetime | None:
    """PostgreSQL: a message, its deliveries and its audit entry as ONE statement. Run outside a transaction it is
    its own: durable when the database answers, without a BEGIN and a COMMIT of its own (five round trips become
    one)."""
    ctes = MessageCtes.of(msg, orgs)
    with connection.cursor() as cursor:
        prepared.execute(cursor, f"WITH {ctes.sql}, {entry.ctes} SELECT (SELECT id FROM m) FROM audit_entry",
                         [*ctes.params, *entry.params])
        rows.stored(msg, cursor.fetchone()[0])
    entry.appended()
    return ctes.due


def _write(
    actor: Actor, d: Draft, *, key: str | None, fingerprint: str, language: str, detected: bool,
    restr: Restrictions, owner_country: str | None, addressing: recipients.Addressing,
    checked: list[blobs.CheckedAttachment], action: str, purpose: str, reply_to: Message | None = None,
    forwarded_from: Message | None = None, chain: list | None = None,
    carried: list[blobs.CheckedAttachment] | None = None,
) -> SendResult:
    """``checked``: new attachments (stored here first); ``carried``: a forwarded message's, already stored."""
    for att in checked:  # content-addressed files first: a crash after this leaves only unreferenced blobs
        blobs.store(att)
    now = timezone.now()
    root = None
    if reply_to is not None:
        root = reply_to.thread_root_id or reply_to.pk
    if forwarded_from is not None:
        root = forwarded_from.thread_root_id or forwarded_from.pk
    sender_org_id = actor.organisation_id
    if sender_org_id is None:  # require() already refuses such accounts; never write an orphan message
        raise Denied("an account outside every organisation sends nothing")

    def compose() -> Message:
        msg = Message(
            sender_org_id=sender_org_id, author_id=actor.user_id, addressed_to=addressing.addressed_to,
            subject=d.subject.strip(), body=d.body, language=language, language_detected=detected,
            priority=d.priority, crime_area=d.crime_area, case_reference=d.case_reference.strip(),
            reply_to=reply_to, thread_root_id=root, forwarded_from=forwarded_from, chain=chain or [],
            idempotency_key=key, request_fingerprint=fingerprint, created_at=now, owner_country_id=owner_country,
        )
        msg.set_restrictions(restr)
        return msg

    audit_kw: dict[str, Any] = {
        "object_type": "message", "purpose": purpose, "query": {"recipients": addressing.addressed_to,
                                                                "priority": d.priority},
        "result_ids": [o.code for o in addressing.organisations[:250]],
    }

    def write() -> tuple[Message, datetime | None]:
        msg = compose()
        _insert(msg)
        due = _deliver(msg, addressing.organisations)
        for att in checked:
            blob, _ = Blob.objects.get_or_create(
                sha256=att.sha256, defaults={"size": len(att.content), "content_type": att.content_type}
            )
            Attachment.objects.create(message=msg, blob=blob, filename=att.filename)
        if carried:
            Attachment.objects.bulk_create([Attachment(message=msg, blob_id=a.sha256, filename=a.filename)
                                            for a in carried])
        record(actor, action, object_ids=[msg.pk], **audit_kw)
        return msg, due

    entry = None
    if connection.vendor == "postgresql" and not checked and not carried:
        entry = postgres_append(actor, action, id_sql="SELECT id FROM m", **audit_kw)
    try:
        if entry is not None:  # the common case on PostgreSQL: one statement, durable as the database answers
            msg = compose()
            due = durable_statement(lambda: _write_one_statement(msg, addressing.organisations, entry))
        else:
            msg, due = durable(write)  # concurrent sends of this process share one commit
    except IntegrityError:
        # A concurrent retry with the same key won the race: answer with its message.
        if key and (replay := _replay(actor, key, fingerprint)) is not None:
            return replay
        raise
    return SendResult(msg, True, tuple(addressing.organisations), due, tuple(checked))


def send_message(actor: Actor, d: Draft, *, idempotency_key: str | None = None, purpose: str = "") -> SendResult:
    """Send a new message (or a reply, when ``d.reply_to`` is set). A retry with the same key returns the
    first message and sends nothing."""
    require(actor, Action.MESSAGE_SEND)
    language, detected, restr, checked = _validate(actor, d)
    fingerprint = _fingerprint(d, checked)
    # No look-up of the key first: the unique (author, key) constraint answers a retry inside _write.
    parent = _visible_message(actor, d.reply_to) if d.reply_to else None
    addressing = recipients.resolve(actor, d.recipients, restr, actor.country)
    return _write(
        actor, d, key=idempotency_key, fingerprint=fingerprint, language=language, detected=detected,
        restr=restr, owner_country=actor.country, addressing=addressing, checked=checked,
        action="message.reply" if parent else "message.send", purpose=purpose, reply_to=parent,
    )


def reply_message(actor: Actor, message_id: int, d: Draft, *, idempotency_key: str | None = None) -> SendResult:
    """Answer a message in its thread. Left empty, the recipients are the original sender and the subject
    is 'Re: <subject>'; the crime area and the case reference always follow the original."""
    parent, _ = read_message(actor, message_id)
    sender = parent.sender_org
    default = {"ncb": f"NCB:{sender.country_id}", "gs": "GS"}.get(sender.kind, f"AGENCY:{sender.code}")
    d.recipients = d.recipients or [default]
    d.subject = d.subject or (parent.subject if parent.subject.lower().startswith("re:") else f"Re: {parent.subject}")[:300]
    d.crime_area, d.case_reference, d.reply_to = parent.crime_area, parent.case_reference, parent.pk
    return send_message(actor, d, idempotency_key=idempotency_key)


def forward_message(
    actor: Actor, message_id: int, addresses: list[str], note: str = "", *, idempotency_key: str | None = None,
    purpose: str = "",
) -> SendResult:
    """An NCB sends on a message it received (typically from one of its agencies). The forward keeps the
    owner's restrictions and the chain: who asked, and each bureau that sent it on."""
    require(actor, Action.MESSAGE_FORWARD)
    original = _visible_message(actor, message_id)
    if original.sender_org_id != actor.organisation_id and not Delivery.objects.filter(
        message=original, recipient_org_id=actor.organisation_id
    ).exists():
        raise Denied("only a recipient or the sender of a message may forward it")
    body = (note.strip() + "\n\n----- forwarded message -----\n" if note.strip() else "") + original.body
    d = Draft(
        subject=original.subject, body=body, recipients=addresses, language=original.language,
        priority=original.priority, crime_area=original.crime_area, classification=original.classification,
        restriction_mode=original.restriction_mode, restricted_countries=list(original.restrictions.countries),
        agencies_may_view=original.agencies_may_view, case_reference=original.case_reference,
    )
    checked = [
        blobs.CheckedAttachment(a.filename, b"", a.blob_id, a.blob.content_type)
        for a in original.attachments.select_related("blob")
    ]
    d_checked_fp = _fingerprint(d, checked) + f":fw{original.pk}"
    fingerprint = hashlib.sha256(d_checked_fp.encode()).hexdigest()
    if idempotency_key and (replay := _replay(actor, idempotency_key, fingerprint)) is not None:
        return replay
    restr = original.restrictions
    addressing = recipients.resolve(actor, addresses, restr, original.owner_country_id)
    hops = list(original.chain) or [_hop(original.sender_org.code, original.author.username, original)]
    hops.append({"organisation": actor.organisation_code, "author": actor.username, "at": timezone.now().isoformat(),
                 "note": note.strip()[:500]})
    return _write(
        actor, d, key=idempotency_key, fingerprint=fingerprint, language=original.language, detected=False,
        restr=restr, owner_country=original.owner_country_id, addressing=addressing, checked=[],
        action="message.forward", purpose=purpose, forwarded_from=original, chain=hops, carried=checked,
    )


def _hop(org: str, author: str, msg: Message) -> dict:
    return {"organisation": org, "author": author, "at": msg.created_at.isoformat(), "message": msg.pk}


# --------------------------------------------------------------------------------------------- reading

def read_message(actor: Actor, message_id: int, *, purpose: str = "") -> tuple[Message, Delivery | None]:
    """Open one message; the first reader at a recipient organisation marks its delivery read."""
    msg = _visible_message(actor, message_id)
    now = timezone.now()
    with transaction.atomic():
        Delivery.objects.filter(message=msg, recipient_org_id=actor.organisation_id, read_at__isnull=True).update(
            read_at=now, read_by_id=actor.user_id
        )
        record(actor, "message.read", object_type="message", object_ids=[msg.pk], purpose=purpose)
    delivery = Delivery.objects.filter(message=msg, recipient_org_id=actor.organisation_id).first()
    return msg, delivery


def acknowledge(actor: Actor, message_id: int) -> Delivery:
    require(actor, Action.MESSAGE_ACKNOWLEDGE)
    msg = _visible_message(actor, message_id)
    now = timezone.now()
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(message=msg, recipient_org_id=actor.organisation_id).first()
        if delivery is None:
            raise Denied("only a recipient organisation acknowledges a message")
        if delivery.acknowledged_at is None:
            delivery.acknowledged_at, delivery.acknowledged_by_id = now, actor.user_id
            if delivery.read_at is None:
                delivery.read_at, delivery.read_by_id = now, actor.user_id
            delivery.save(update_fields=["acknowledged_at", "acknowledged_by", "read_at", "read_by"])
        record(actor, "message.acknowledge", object_type="message", object_ids=[msg.pk])
    return delivery


def inbox(
    actor: Actor, *, before: int | None = None, limit: int = 50, crime_area: str | None = None,
    division_id: int | None = None, priority: str | None = None, unacknowledged: bool = False,
) -> Page:
    """The actor's organisation's deliveries, newest first, one page; optionally one division's share."""
    require(actor, Action.MESSAGE_READ)
    qs = Delivery.objects.filter(recipient_org_id=actor.organisation_id).filter(restriction_q(actor, "message__"))
    if division_id is not None:
        division = Division.objects.filter(pk=division_id, ncb_id=actor.organisation_id).first()
        if division is None:
            raise NotVisible(f"division {division_id} is not a division of {actor.organisation_code}")
        qs = qs.filter(crime_area__in=division.crime_areas)
    if crime_area:
        qs = qs.filter(crime_area=crime_area)
    if priority:
        qs = qs.filter(priority=priority)
    if unacknowledged:
        qs = qs.filter(acknowledged_at__isnull=True)
    if before:
        qs = qs.filter(pk__lt=before)
    rows = list(qs.select_related("message", "message__sender_org").order_by("-pk")[: limit + 1])
    page = rows[:limit]
    record(actor, "message.inbox", object_type="message",
           query={"crime_area": crime_area, "division": division_id, "before": before, "priority": priority},
           result_ids=[d.message_id for d in page])
    return Page(page, page[-1].pk if len(rows) > limit else None)


def awaiting_acknowledgement(actor: Actor, *, limit: int = 20) -> list[Delivery]:
    """The organisation's urgent and immediate deliveries not yet acknowledged, the nearest deadline first (an
    overdue one before all): what the desk must answer next."""
    require(actor, Action.MESSAGE_READ)
    qs = (Delivery.objects.filter(recipient_org_id=actor.organisation_id, acknowledged_at__isnull=True,
                                  ack_due_at__isnull=False)
          .filter(restriction_q(actor, "message__")))
    rows = list(qs.select_related("message", "message__sender_org").order_by("ack_due_at", "pk")[:limit])
    record(actor, "message.awaiting", object_type="message", result_ids=[d.message_id for d in rows])
    return rows


def outbox(actor: Actor, *, before: int | None = None, limit: int = 50) -> Page:
    qs = visible_messages(actor).filter(sender_org_id=actor.organisation_id)
    if before:
        qs = qs.filter(pk__lt=before)
    rows = list(qs.select_related("sender_org").order_by("-pk")[: limit + 1])
    page = rows[:limit]
    record(actor, "message.outbox", object_type="message", query={"before": before}, result_ids=[m.pk for m in page])
    return Page(page, page[-1].pk if len(rows) > limit else None)


def thread(actor: Actor, message_id: int) -> list[Message]:
    msg = _visible_message(actor, message_id)
    root = msg.thread_root_id or msg.pk
    items = list(visible_messages(actor).filter(Q(pk=root) | Q(thread_root_id=root)).select_related("sender_org").order_by("pk"))
    record(actor, "message.thread", object_type="message", object_ids=[message_id], result_ids=[m.pk for m in items])
    return items


def search(actor: Actor, query: str, *, before: int | None = None, limit: int = 50) -> Page:
    """Full-text search in every working language over the mailbox the actor may see."""
    if not query.strip() or not any(ch.isalnum() for ch in query):
        raise InvalidMessage({"q": "a search needs at least one word"})
    require(actor, Action.MESSAGE_READ)
    # The mailbox is what the organisation received plus what it sent. Asked as one query with an OR,
    # PostgreSQL first collected every delivery of a busy NCB (150 ms at a million messages); asked as two
    # queries, each walks its own index newest first and stops after a page. Same rows, merged here.
    allowed = Message.objects.filter(restriction_q(actor))
    engine = fulltext_backend()
    merged = {
        m.pk: m
        for part in (allowed.filter(_received_by(actor)), allowed.filter(sender_org_id=actor.organisation_id))
        for m in engine.newest_first(part, query, before=before).select_related("sender_org")[: limit + 1]
    }
    rows = [merged[pk] for pk in sorted(merged, reverse=True)][: limit + 1]
    page = rows[:limit]
    record(actor, "message.search", object_type="message", query={"q": query, "before": before},
           result_ids=[m.pk for m in page])
    return Page(page, page[-1].pk if len(rows) > limit else None)


def overdue(actor: Actor, *, limit: int = 200) -> list[Delivery]:
    """Urgent and immediate deliveries past their acknowledgement deadline. The CCC sees the whole
    network (metadata only); others see what they sent or received."""
    require(actor, Action.OVERDUE_OWN)
    qs = Delivery.objects.filter(acknowledged_at__isnull=True, ack_due_at__lt=timezone.now())
    if not allows(actor, Action.OVERDUE_NETWORK):
        qs = qs.filter(Q(recipient_org_id=actor.organisation_id) | Q(message__sender_org_id=actor.organisation_id))
    rows = list(qs.select_related("recipient_org", "message__sender_org").order_by("ack_due_at")[:limit])
    record(actor, "message.overdue", object_type="delivery", result_ids=[d.message_id for d in rows])
    return rows


@dataclass(frozen=True)
class TrafficItem:
    """An urgent or immediate message as the Command and Coordination Centre watches it: who wrote to whom, how
    urgent, and whether the recipients acknowledged it. Never the body; the subject only where the policy admits
    the message for the watcher (``None`` otherwise, e.g. above the watcher's clearance)."""

    message_id: int
    created_at: datetime
    sender: str
    addressed_to: tuple[str, ...]
    priority: str
    crime_area: str
    subject: str | None
    recipients: int
    acknowledged: int
    ack_due_at: datetime | None  # the nearest deadline among the recipients that have not acknowledged


def urgent_traffic(actor: Actor, *, since: datetime, limit: int = 100) -> list[TrafficItem]:
    """Urgent and immediate messages sent anywhere in the network since ``since``, newest first: the live picture
    the CCC keeps of the deadlines it watches (``overdue.network``). Metadata only: the body is not even read."""
    require(actor, Action.OVERDUE_NETWORK)
    unacknowledged = Q(deliveries__acknowledged_at__isnull=True)
    rows = list(
        Message.objects.filter(created_at__gte=since).extra(where=[URGENT_SQL])  # noqa: S610 -- a constant
        .annotate(admitted=ExpressionWrapper(restriction_q(actor), output_field=BooleanField()),
                  recipients=Count("deliveries"),
                  acknowledged=Count("deliveries", filter=Q(deliveries__acknowledged_at__isnull=False)),
                  due=Min("deliveries__ack_due_at", filter=unacknowledged))
        .order_by("-created_at", "-pk")
        .values("pk", "created_at", "sender_org__code", "addressed_to", "priority", "crime_area", "subject",
                "admitted", "recipients", "acknowledged", "due")[:limit]
    )
    items = [
        TrafficItem(message_id=r["pk"], created_at=r["created_at"], sender=r["sender_org__code"],
                    addressed_to=tuple(r["addressed_to"]), priority=r["priority"], crime_area=r["crime_area"],
                    subject=r["subject"] if r["admitted"] else None, recipients=r["recipients"],
                    acknowledged=r["acknowledged"], ack_due_at=r["due"])
        for r in rows
    ]
    record(actor, "message.network", object_type="message", query={"since": since.isoformat(), "urgent": True},
           result_ids=[i.message_id for i in items])
    return items


def attachment_content(actor: Actor, message_id: int, sha256: str) -> tuple[Attachment, bytes]:
    msg = _visible_message(actor, message_id)
    att = Attachment.objects.select_related("blob").filter(message=msg, blob_id=sha256).first()
    if att is None:
        raise NotVisible(f"message {message_id} has no attachment {sha256}")
    try:
        content = blobs.read(sha256)
    except blobs.IntegrityFailure as exc:
        record(actor, "attachment.read", outcome="failed", object_type="attachment", object_ids=[sha256], reason=str(exc))
        raise
    record(actor, "attachment.read", object_type="attachment", object_ids=[msg.pk, sha256])
    return att, content


def notification(
    actor: Actor, *, sender_org_id: int, recipients_: list[Organisation], subject: str, body: str, priority: str,
    crime_area: str, owner_country: str | None, restrictions: Restrictions, case_reference: str = "",
    reply_to: Message | None = None, now: datetime | None = None, language: str = "en",
) -> Message:
    """A message a service writes on an actor's behalf (a hit, a notice decision), not one the actor composed,
    made but not yet written (``notify`` writes it; a service may write it in a statement of its own). ``language``:
    the one it is written in (its full-text entry is analysed in it)."""
    root = (reply_to.thread_root_id or reply_to.pk) if reply_to is not None else None
    msg = Message(
        sender_org_id=sender_org_id, author_id=actor.user_id, addressed_to=[o.code for o in recipients_],
        subject=subject[:300], body=body, language=language, language_detected=False, priority=priority,
        crime_area=crime_area, case_reference=case_reference[:64], reply_to=reply_to, thread_root_id=root,
        chain=[], created_at=now or timezone.now(), owner_country_id=owner_country,
    )
    msg.set_restrictions(restrictions)
    return msg


def write_notification(msg: Message, recipients_: list[Organisation]) -> Message:
    """Write a ``notification``: no MESSAGE_SEND check, but the same rows, deliveries and deadlines as any
    message. Runs inside the caller's transaction, whose audit entry names it."""
    ready = ReadyMessage.of(msg, recipients_)
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        ready.write(cursor)
    return msg


def notify(actor: Actor, *, recipients_: list[Organisation], **kw: Any) -> Message:
    """``notification`` made and written at once."""
    return write_notification(notification(actor, recipients_=recipients_, **kw), recipients_)
