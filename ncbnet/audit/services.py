"""Appending to the audit trail, and reading it for auditors. The only writer of AuditEntry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Q, TextField
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
    """Walk the whole chain; the first broken entry, or None. Safe beside live traffic: an entry appended while the
    walk runs is not taken for one written behind the head's back."""
    head = AuditHead.objects.filter(pk=1).first()
    head_seq = head.seq if head else 0
    # Only the entries the head covered when the walk began: honest appends after that are someone else's turn.
    rows = (AuditEntry.objects.filter(seq__lte=head_seq).order_by("id")
            .values(*chain.HASHED_FIELDS, "prev_hash", "entry_hash").iterator(chunk_size=5000))
    broken = chain.verify(rows, head_seq, head.entry_hash if head else None)
    if broken is not None:
        return broken
    # An entry beyond the head: an honest append moves the head in the same transaction, so read the highest seq
    # first and the head after it; only an entry written behind the head's back stays beyond it.
    top = AuditEntry.objects.aggregate(top=Max("seq"))["top"] or 0
    now_head = AuditHead.objects.filter(pk=1).values_list("seq", flat=True).first() or 0
    if top > now_head:
        return chain.Break(now_head + 1, f"the chain head says {now_head} but entries up to {top} follow "
                                         "(appended behind the head)")
    return None


@dataclass(frozen=True)
class Verification:
    """One check of the whole chain, as its ``audit.verify`` entry keeps it."""

    at: datetime
    by: str
    head_seq: int  # the chain was intact up to this entry (when nothing is broken)
    head_hash: str
    broken_seq: int | None
    problem: str

    @classmethod
    def of(cls, entry: AuditEntry) -> Verification:
        query = entry.query or {}
        return cls(at=entry.at, by=entry.username, head_seq=int(query.get("head_seq") or 0),
                   head_hash=str(query.get("head_hash") or ""),
                   broken_seq=int(entry.object_ids[0]) if entry.outcome != "ok" and entry.object_ids else None,
                   problem=entry.reason)


def verify_trail(actor: Actor) -> Verification:
    """An auditor has the chain checked now. The result is itself an entry of the trail (``audit.verify``, outcome
    ``failed`` when broken), so every auditor sees the last check and when it ran, and nothing else keeps it."""
    require(actor, Action.AUDIT_SEARCH)
    head = AuditHead.objects.filter(pk=1).first()
    broken = verify_chain()
    entry = record(actor, "audit.verify", outcome="failed" if broken else "ok", object_type="audit",
                   object_ids=[broken.seq] if broken else [],
                   query={"head_seq": head.seq if head else 0, "head_hash": head.entry_hash if head else ""},
                   reason=broken.problem if broken else "")
    return Verification.of(entry)


def last_verification(actor: Actor) -> Verification | None:
    """The latest check of the chain, by any auditor (read from the trail: see ``verify_trail``)."""
    require(actor, Action.AUDIT_SEARCH)
    entry = AuditEntry.objects.filter(action="audit.verify").order_by("-seq").first()
    return Verification.of(entry) if entry is not None else None


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
