"""Appending to the audit trail, and reading it for auditors. The only writer of AuditEntry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from ncbnet.access.policy import Action, Actor, require
from ncbnet.audit import chain
from ncbnet.audit.context import current
from ncbnet.audit.models import AuditEntry, AuditHead

_LOCK_HEAD = ("SELECT seq, entry_hash FROM audit_audithead WHERE id = 1",
              "SELECT seq, entry_hash FROM audit_audithead WHERE id = 1 FOR UPDATE")
_COLUMNS = (*chain.HASHED_FIELDS, "prev_hash", "entry_hash")
_FIELD_OBJECTS = {name: AuditEntry._meta.get_field(name) for name in _COLUMNS}  # all concrete fields
_INSERT = (f"INSERT INTO audit_auditentry ({', '.join(_COLUMNS)}) VALUES ({', '.join(['%s'] * len(_COLUMNS))})")

_MOVE_HEAD = "UPDATE audit_audithead SET seq = %s, entry_hash = %s WHERE id = 1"


def record(
    actor: Actor | None = None,
    action: str = "",
    *,
    outcome: str = "ok",
    object_type: str = "",
    object_ids: Iterable[Any] = (),
    query: dict | None = None,
    result_ids: Iterable[Any] = (),
    purpose: str = "",
    reason: str = "",
    username: str = "",
    organisation: str = "",
) -> AuditEntry:
    """Append one entry. Called inside the caller's transaction, it commits or rolls back with the work."""
    ctx = current()
    fields: dict[str, Any] = {
        "at": timezone.now(),
        "username": (actor.username if actor else username)[:150],
        "organisation": (actor.organisation_code if actor else organisation)[:40],
        "action": action[:64],
        "outcome": outcome,
        "object_type": object_type[:40],
        "object_ids": [str(i) for i in object_ids],
        "query": query or {},
        "result_ids": [str(i) for i in result_ids],
        "purpose": purpose[:500],
        "reason": reason[:500],
        "ip": ctx.ip if ctx else "",
        "token_id": (actor.token_id if actor and actor.token_id else (ctx.token_id if ctx else None)),
    }
    # savepoint=False: inside the caller's transaction the entry shares its fate; no extra SAVEPOINT round trip.
    postgres = connection.vendor == "postgresql"
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(_LOCK_HEAD[postgres])
        row = cursor.fetchone()
        if row is None:
            AuditHead.objects.get_or_create(pk=1)
            cursor.execute(_LOCK_HEAD[postgres])
            row = cursor.fetchone()
        fields["seq"], prev_hash = row[0] + 1, row[1]
        digest = chain.entry_hash(prev_hash, fields)
        values = [_FIELD_OBJECTS[name].get_db_prep_save(fields[name], connection)  # type: ignore[union-attr]
                  for name in _COLUMNS[:-2]]
        head = [fields["seq"], digest]
        if postgres:  # one round trip for both writes
            cursor.execute(f"WITH appended AS ({_INSERT} RETURNING 1) {_MOVE_HEAD}", [*values, prev_hash, digest, *head])
        else:
            cursor.execute(_INSERT, [*values, prev_hash, digest])
            cursor.execute(_MOVE_HEAD, head)
    entry = AuditEntry(prev_hash=prev_hash, entry_hash=digest, **fields)
    if ctx is not None:
        ctx.entries_written += 1
    return entry


def record_refusal(actor: Actor | None, action: str, reason: str, **kw: Any) -> AuditEntry:
    """A refused request leaves exactly this behind. Runs in its own transaction, after the rollback."""
    return record(actor, action, outcome="refused", reason=reason, **kw)


def verify_chain() -> chain.Break | None:
    head = AuditHead.objects.filter(pk=1).first()
    rows = AuditEntry.objects.order_by("id").values(*chain.HASHED_FIELDS, "prev_hash", "entry_hash").iterator(chunk_size=5000)
    return chain.verify(rows, head.seq if head else 0, head.entry_hash if head else None)


SEARCHABLE = ("username", "organisation", "action", "outcome", "object_type")


def search_trail(
    actor: Actor, *, filters: dict[str, str], object_id: str = "", since=None, until=None,
    before_seq: int | None = None, limit: int = 50,
) -> list[AuditEntry]:
    """Auditors search the trail; the search itself is audited. Police data is not joined in."""
    require(actor, Action.AUDIT_SEARCH)
    qs = AuditEntry.objects.all()
    for name in SEARCHABLE:
        if filters.get(name):
            qs = qs.filter(**{name: filters[name]})
    if since:
        qs = qs.filter(at__gte=since)
    if until:
        qs = qs.filter(at__lt=until)
    if before_seq:
        qs = qs.filter(seq__lt=before_seq)
    if object_id:
        # Ids are stored as JSON lists of strings; '"42"' matches the whole id 42 and not 142, on both databases.
        needle = '"' + object_id.replace('"', "") + '"'
        qs = qs.annotate(
            _objects=Cast("object_ids", TextField()), _results=Cast("result_ids", TextField())
        ).filter(Q(_objects__contains=needle) | Q(_results__contains=needle))
    rows = list(qs.order_by("-seq")[:limit])
    record(actor, "audit.search", object_type="audit", query={**filters, "object_id": object_id},
           result_ids=[r.seq for r in rows])
    return rows
