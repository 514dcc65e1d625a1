"""Appending to the audit trail, and reading it for auditors. The only writer of AuditEntry."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from ncbnet import prepared
from ncbnet.access.policy import Action, Actor, require
from ncbnet.audit import chain
from ncbnet.audit.context import current
from ncbnet.audit.models import AuditEntry, AuditHead
from ncbnet.rows import converter

_COLUMNS = (*chain.HASHED_FIELDS, "prev_hash", "entry_hash")
_FIELD_OBJECTS = {name: AuditEntry._meta.get_field(name) for name in _COLUMNS}  # all concrete fields
_UNHASHED = [name for name in chain.HASHED_FIELDS if name != "seq"]

# SQLite: one writer at a time (BEGIN IMMEDIATE), so one lane; the hash is computed here.
_SQLITE_HEAD = "SELECT seq, entry_hash FROM audit_audithead WHERE id = 1"
_SQLITE_INSERT = (f"INSERT INTO audit_auditentry (lane, {', '.join(_COLUMNS)}) "
                  f"VALUES (1, {', '.join(['%s'] * len(_COLUMNS))})")
_SQLITE_MOVE_HEAD = "UPDATE audit_audithead SET seq = %s, prev_hash = %s, entry_hash = %s WHERE id = 1"

# PostgreSQL: one statement takes the first lane no other transaction holds (or one this transaction already
# holds; when every lane is busy, one chosen at random, to wait for), moves its head and appends the entry, hashing
# in the database (sha256 over the same text as chain.entry_hash), so a lane is locked from this statement to the
# commit and no longer. The three CTEs can join a bigger statement (see ``postgres_append``): a write and its entry
# are then one statement, committed by the database without a BEGIN and a COMMIT of their own.
_PG_LANE = ("SELECT COALESCE((SELECT id FROM audit_audithead ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED),"
            " (SELECT 1 + floor(random() * count(*))::int FROM audit_audithead)) AS id")
_MARK = "\x00"  # where the database writes an id it makes in the same statement (never in a stored text)
_MARK_JSON = json.dumps(_MARK)[1:-1]


def _pg_ctes(id_sql: str | None, only_if: str | None = None) -> str:
    """CTEs audit_lane, audit_head and audit_entry (RETURNING lane, seq, prev_hash, entry_hash). Parameters, in
    order: the payload's text around seq (around the id too, when ``id_sql`` names one), then _UNHASHED's values,
    the object ids left out when ``id_sql`` gives them. With ``only_if``, an SQL condition over the statement's
    other CTEs: when it is false no lane is taken, no head moves and nothing is appended."""
    spliced = f"({id_sql})::text || %s || " if id_sql else ""
    values = ", ".join(f"jsonb_build_array(({id_sql})::text)" if id_sql and name == "object_ids" else "%s"
                       for name in _UNHASHED)
    # The condition on the lane's own SELECT (no FROM): when it is false the lane's row lock is not even taken, and a
    # statement that appends nothing writes nothing and commits without a flush.
    lane = f"{_PG_LANE} WHERE {only_if}" if only_if else _PG_LANE
    return (
        f"audit_lane AS ({lane}),"
        " audit_head AS (UPDATE audit_audithead h SET seq = h.seq + 1, prev_hash = h.entry_hash,"
        " entry_hash = encode(sha256(convert_to(h.entry_hash || E'\\n' || %s || "
        f"{spliced}(h.seq + 1)::text || %s, 'UTF8')), 'hex')"
        " FROM audit_lane WHERE h.id = audit_lane.id RETURNING h.id, h.seq, h.prev_hash, h.entry_hash),"
        f" audit_entry AS (INSERT INTO audit_auditentry (lane, seq, prev_hash, entry_hash, {', '.join(_UNHASHED)})"
        f" SELECT audit_head.id, audit_head.seq, audit_head.prev_hash, audit_head.entry_hash, {values}"
        " FROM audit_head RETURNING lane, seq, prev_hash, entry_hash)"
    )


_PG_APPEND = f"WITH {_pg_ctes(None)} SELECT lane, seq, prev_hash, entry_hash FROM audit_entry"


def _entry_fields(
    actor: Actor | None, action: str, *, outcome: str = "ok", object_type: str = "", object_ids: Iterable[Any] = (),
    query: dict | None = None, result_ids: Iterable[Any] = (), purpose: str = "", reason: str = "",
    username: str = "", organisation: str = "",
) -> dict[str, Any]:
    ctx = current()
    return {
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


@dataclass(frozen=True)
class StatementAppend:
    """An audit entry to append inside another PostgreSQL statement (see ``postgres_append``)."""

    ctes: str  # "audit_lane AS (...), audit_head AS (...), audit_entry AS (...)": put them after the statement's own
    params: list[Any]  # in the order of the CTEs' placeholders

    def appended(self) -> None:
        """Call once the statement has run: the request's context counts the entry."""
        if (ctx := current()) is not None:
            ctx.entries_written += 1


def postgres_append(actor: Actor | None, action: str, *, id_sql: str | None = None, only_if: str | None = None,
                    **kw: Any) -> StatementAppend | None:
    """The CTEs that append one entry in the statement they join. With ``id_sql``, an SQL expression over the
    statement's other CTEs (e.g. "SELECT id FROM m"), that is the entry's only object id: the database hashes the
    entry with the id in place, exactly as ``chain.entry_hash`` will when the chain is verified. None where the
    payload's text cannot be split around the id (a value holding the marker): the caller then writes the usual
    way. With ``only_if`` (no ``id_sql``), an SQL condition over the other CTEs: the entry is appended only when
    it holds (the caller learns which from the statement's answer)."""
    if id_sql is None:
        return StatementAppend(_pg_ctes(None, only_if), _pg_params(_entry_fields(actor, action, **kw)))
    fields = _entry_fields(actor, action, object_ids=[_MARK], **kw)
    before, after = chain.payload_around_seq(fields)
    parts = before.split(_MARK_JSON)
    if len(parts) != 2 or _MARK_JSON in after:
        return None
    values = _prepared(fields, [name for name in _UNHASHED if name != "object_ids"])
    return StatementAppend(_pg_ctes(id_sql), [parts[0], parts[1], after, *values])


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
    fields = _entry_fields(actor, action, outcome=outcome, object_type=object_type, object_ids=object_ids,
                           query=query, result_ids=result_ids, purpose=purpose, reason=reason, username=username,
                           organisation=organisation)
    if connection.vendor == "postgresql":
        # One statement: inside the caller's transaction it shares its fate; outside one it is a transaction of its
        # own, durable when the database answers, with no BEGIN and COMMIT round trips.
        with connection.cursor() as cursor:
            lane, prev_hash, digest = _append_postgres(cursor, fields)
        if (ctx := current()) is not None:
            ctx.entries_written += 1
    else:
        ready = SqliteAppend.of(fields)  # before the transaction: the writer gate is held only to append
        # savepoint=False: inside the caller's transaction the entry shares its fate; no extra SAVEPOINT round trip.
        with transaction.atomic(savepoint=False):
            fields["seq"], prev_hash, digest = ready.write()
        lane = 1
        ready.appended()
    return AuditEntry(lane=lane, prev_hash=prev_hash, entry_hash=digest, **fields)


def _prepared(fields: dict[str, Any], names) -> list[Any]:
    vendor = connection.vendor
    return [converter(_FIELD_OBJECTS[name], vendor)(fields[name]) for name in names]


@dataclass(frozen=True)
class SqliteAppend:
    """SQLite: an entry made ready before the write transaction begins (its values converted, its canonical text
    made around ``seq``), so that inside it only the head is read, the hash taken and two rows written: every
    write of the machine waits for the one holding the writer gate. ``write`` may run again after a rollback."""

    before: str  # chain.payload_around_seq
    after: str
    values: list[Any]  # _UNHASHED's values as stored

    @classmethod
    def of(cls, fields: dict[str, Any]) -> SqliteAppend:
        before, after = chain.payload_around_seq(fields)
        return cls(before, after, _prepared(fields, _UNHASHED))

    def write(self) -> tuple[int, str, str]:
        """Append, inside the caller's transaction: the entry's seq, the previous hash and its own."""
        with connection.cursor() as cursor:
            cursor.execute(_SQLITE_HEAD)
            row = cursor.fetchone()
            if row is None:  # a database whose migration made no head (cannot happen after migrate; kept as a guard)
                AuditHead.objects.get_or_create(pk=1)
                row = (0, chain.GENESIS)
            seq, prev_hash = row[0] + 1, row[1]
            # chain.entry_hash over the same text: before + str(seq) + after == chain.payload(fields)
            digest = hashlib.sha256(f"{prev_hash}\n{self.before}{seq}{self.after}".encode()).hexdigest()
            cursor.execute(_SQLITE_INSERT, [seq, *self.values, prev_hash, digest])
            cursor.execute(_SQLITE_MOVE_HEAD, [seq, prev_hash, digest])
        return seq, prev_hash, digest

    def appended(self) -> None:
        """Call once the transaction has committed: the request's context counts the entry."""
        if (ctx := current()) is not None:
            ctx.entries_written += 1


def sqlite_append(actor: Actor | None, action: str, **kw: Any) -> SqliteAppend:
    """An entry for ``record``'s arguments, made ready to append on SQLite (see ``SqliteAppend``)."""
    return SqliteAppend.of(_entry_fields(actor, action, **kw))


def _pg_params(fields: dict[str, Any]) -> list[Any]:
    """The parameters of ``_pg_ctes(None)``: the payload's text around seq, then the stored values."""
    before, after = chain.payload_around_seq(fields)
    return [before, after, *_prepared(fields, _UNHASHED)]


def _append_postgres(cursor, fields: dict[str, Any]) -> tuple[int, str, str]:
    prepared.execute(cursor, _PG_APPEND, _pg_params(fields))
    lane, fields["seq"], prev_hash, digest = cursor.fetchone()
    return lane, prev_hash, digest


def record_refusal(actor: Actor | None, action: str, reason: str, **kw: Any) -> AuditEntry:
    """A refused request leaves exactly this behind. Runs in its own transaction, after the rollback."""
    return record(actor, action, outcome="refused", reason=reason, **kw)


def verify_chain() -> chain.Break | None:
    """Walk every lane; the first broken entry, or None. Safe beside live traffic: an entry appended while the
    walk runs is not taken for one written behind a head's back."""
    for lane, head_seq, head_hash in AuditHead.objects.order_by("id").values_list("id", "seq", "entry_hash"):
        # Only the entries the head covered when the walk began: honest appends after that are someone else's turn.
        rows = (AuditEntry.objects.filter(lane=lane, seq__lte=head_seq).order_by("id")
                .values(*chain.HASHED_FIELDS, "prev_hash", "entry_hash").iterator(chunk_size=5000))
        broken = chain.verify(rows, head_seq, head_hash, lane)
        if broken is not None:
            return broken
    # An entry beyond its head: an honest append moves the head in the same transaction, so read the highest seqs
    # first and the heads after them; only an entry written behind a head's back stays beyond it.
    tops = dict(AuditEntry.objects.order_by().values("lane").annotate(top=Max("seq")).values_list("lane", "top"))
    now = dict(AuditHead.objects.values_list("id", "seq"))
    for lane, top in sorted(tops.items()):
        if lane not in now:
            return chain.Break(1, f"entries in lane {lane}, which has no head (moved out of their lane)", lane)
        if top > now[lane]:
            return chain.Break(now[lane] + 1, f"the chain head says {now[lane]} but entries up to {top} follow "
                                              "(appended behind the head)", lane)
    return None


def fingerprint() -> tuple[int, str]:
    """How many entries the lanes hold, and one SHA-256 over every lane's head: kept outside the system (a daily
    e-mail, a ticket), it shows a rewrite of the whole trail that the chain alone would not."""
    heads = list(AuditHead.objects.order_by("id").values_list("id", "seq", "entry_hash"))
    text = "".join(f"{lane}:{seq}:{digest}\n" for lane, seq, digest in heads)
    return sum(seq for _, seq, _ in heads), hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Verification:
    """One check of the whole trail, as its ``audit.verify`` entry keeps it."""

    at: datetime
    by: str
    entries: int  # how many entries the lanes held when the check began
    fingerprint: str
    broken_at: str | None  # the first broken entry's position (see AuditEntry.position), when one is
    problem: str

    @classmethod
    def of(cls, entry: AuditEntry) -> Verification:
        query = entry.query or {}
        broken = entry.outcome != "ok"
        return cls(at=entry.at, by=entry.username, entries=int(query.get("entries") or 0),
                   fingerprint=str(query.get("fingerprint") or ""),
                   broken_at=(str(entry.object_ids[0]) if entry.object_ids else "?") if broken else None,
                   problem=entry.reason)


def verify_trail(actor: Actor) -> Verification:
    """An auditor has the chain checked now. The result is itself an entry of the trail (``audit.verify``, outcome
    ``failed`` when broken), so every auditor sees the last check and when it ran, and nothing else keeps it."""
    require(actor, Action.AUDIT_SEARCH)
    entries, digest = fingerprint()
    broken = verify_chain()
    entry = record(actor, "audit.verify", outcome="failed" if broken else "ok", object_type="audit",
                   object_ids=[broken.position] if broken else [],
                   query={"entries": entries, "fingerprint": digest}, reason=broken.problem if broken else "")
    return Verification.of(entry)


def last_verification(actor: Actor) -> Verification | None:
    """The latest check of the chain, by any auditor (read from the trail: see ``verify_trail``)."""
    require(actor, Action.AUDIT_SEARCH)
    entry = AuditEntry.objects.filter(action="audit.verify").order_by("-id").first()
    return Verification.of(entry) if entry is not None else None


SEARCHABLE = ("username", "organisation", "action", "outcome", "object_type")


def search_trail(
    actor: Actor, *, filters: dict[str, str], object_id: str = "", since=None, until=None,
    before_id: int | None = None, limit: int = 50,
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
    if before_id:
        qs = qs.filter(id__lt=before_id)
    if object_id:
        # Ids are stored as JSON lists of strings; '"42"' matches the whole id 42 and not 142, on both databases.
        needle = '"' + object_id.replace('"', "") + '"'
        qs = qs.annotate(
            _objects=Cast("object_ids", TextField()), _results=Cast("result_ids", TextField())
        ).filter(Q(_objects__contains=needle) | Q(_results__contains=needle))
    rows = list(qs.order_by("-id")[:limit])
    record(actor, "audit.search", object_type="audit", query={**filters, "object_id": object_id},
           result_ids=[r.position for r in rows])
    return rows
