"""Hits: raised by searches on other countries' records, answered by the owner, followed by the searcher.

``record_search`` writes what a search leaves behind: the hit, the message that tells the owner's NCB and the
Command and Coordination Centre, and the search's audit entry (naming the hits) commit together or not at all.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ncbnet import prepared, rows
from ncbnet.access.policy import Action, Actor, Denied, allows, require
from ncbnet.access.restrictions import Restrictions
from ncbnet.audit.services import StatementAppend, postgres_append, sqlite_append
from ncbnet.audit.services import record as audit
from ncbnet.groupcommit import durable, durable_statement
from ncbnet.hits import texts
from ncbnet.hits.models import Hit, HitStatus
from ncbnet.members.models import Organisation, OrgKind
from ncbnet.messaging.models import CrimeArea, Message, Priority
from ncbnet.messaging.recipients import bureau_directory
from ncbnet.messaging.services import MessageCtes, ReadyMessage, notification, notify
from ncbnet.records.models import PoliceRecord

_CRIME_AREA = {"person": CrimeArea.FUGITIVES, "vehicle": CrimeArea.VEHICLES, "work_of_art": CrimeArea.WORKS_OF_ART,
               "firearm": CrimeArea.FIREARMS, "travel_document": CrimeArea.OTHER}


STATEMENT_HITS = 500  # hits written in one statement at most (a passenger list's: past it, in one transaction)


class HitNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Found:
    """A search result that may raise a hit."""

    kind: str
    record: PoliceRecord
    score: float
    summary: str  # one line naming the record for the owner, e.g. 'passport FRA 12AB34567 (stolen from bearer)'
    searched_with: dict  # what the searcher asked, as far as this result is concerned


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # base 32 without I, L, O, U: read out over the phone safely


def _reference(now) -> str:
    """``HIT-yymmdd-XXXX-XXXX-XXXX``: 60 random bits. The 32 bits before this had even odds of two hits of one busy
    day sharing a reference (the benchmark's 57,000 hits in a day found one, a 500 for that search); at a million
    hits a day, 60 bits give one chance in two million of a clash in a day, and the unique index still refuses it."""
    bits = secrets.randbits(60)
    chars = "".join(CROCKFORD[(bits >> (5 * i)) & 31] for i in range(12))
    return f"HIT-{now:%y%m%d}-{chars[:4]}-{chars[4:8]}-{chars[8:]}"


@dataclass
class _Raised:
    hit: Hit
    notification: Message  # made, not yet written
    recipients: list[Organisation]


def _prepare_hits(actor: Actor, found: list[Found], *, location: str, urgent: bool) -> list[_Raised]:
    """A hit for each result at or above the threshold on a record another country owns, with the message that
    tells the owner's NCB and the CCC: made, nothing written yet."""
    sender = actor.ncb_id or actor.organisation_id
    if sender is None or actor.organisation_id is None:  # no organisation, no search (require refused it)
        return []
    due_in = settings.HIT_ANSWER_URGENT_SECONDS if urgent else settings.HIT_ANSWER_SECONDS
    now = timezone.now()
    out: list[_Raised] = []
    references: set[str] = set()  # a batch's hits must not share one (their messages are found by it)
    directory: tuple[dict[str, Organisation], Organisation | None] | None = None
    for f in found:
        rec, country = f.record, f.record.owner_country_id
        if f.score < settings.HIT_THRESHOLD or country == actor.country:
            continue  # its own country's record; both without a country: the GS searching a record it holds
        ncbs, gs = directory = directory or bureau_directory()  # once per search, when it raises a hit
        reference = _reference(now)
        while reference in references:
            reference = _reference(now)
        references.add(reference)
        hit = Hit(
            reference=reference, record_type=f.kind, record_id=rec.pk, owner_country_id=country,
            owner_ncb_id=rec.owner_ncb_id, searcher_org_id=actor.organisation_id, searcher_user_id=actor.user_id,
            location=location[:200], searched_with=f.searched_with, score=round(f.score, 4), urgent=urgent,
            raised_at=now, due_at=now + timedelta(seconds=due_in),
        )
        # The record's NCB; for a record the General Secretariat holds (no country), the GS, which answers for the
        # international body that requested its notice.
        owner = (ncbs.get(country) if country is not None else None) or Organisation.objects.get(pk=rec.owner_ncb_id)
        language = owner.language  # the owner's working language; the CCC reads all four
        subject, body = texts.notification(
            language, summary=texts.record_line(f.kind, rec, f.summary, language),
            national_reference=rec.national_reference, searcher=actor.organisation_code, country=actor.country,
            location=location, when=now, score=f.score, searched_with=f.searched_with, due=hit.due_at,
            reference=hit.reference)
        recipients_ = [owner] + ([gs] if gs is not None and gs.pk != owner.pk else [])  # the GS: for the CCC
        msg = notification(
            actor, sender_org_id=sender, recipients_=recipients_, subject=subject, body=body,
            priority=Priority.URGENT if urgent else Priority.ROUTINE, crime_area=_CRIME_AREA[f.kind],
            owner_country=rec.owner_country_id, restrictions=rec.restrictions, case_reference=hit.reference, now=now,
            language=language,
        )
        out.append(_Raised(hit, msg, recipients_))
    return out


_HIT_FIELDS = [f for f in Hit._meta.concrete_fields if not f.primary_key and f.name != "notification"]
_HIT_CTE = (f"h AS (INSERT INTO {Hit._meta.db_table} ({', '.join(f.column for f in _HIT_FIELDS)}, notification_id)"
            f" SELECT {', '.join(['%s'] * len(_HIT_FIELDS))}, m.id FROM m RETURNING id)")


_INSERT_HIT = rows.insert_sql(Hit, _HIT_FIELDS, "notification_id")


def _one_statement(r: _Raised, entry: StatementAppend) -> None:
    """PostgreSQL, one hit: its message, the message's deliveries, the hit and the search's audit entry as ONE
    statement, durable when the database answers (outside a transaction) with no BEGIN and COMMIT of its own."""
    ctes = MessageCtes.of(r.notification, r.recipients)
    with connection.cursor() as cursor:
        prepared.execute(cursor, f"WITH {ctes.sql}, {_HIT_CTE}, {entry.ctes} SELECT (SELECT id FROM m),"
                         " (SELECT id FROM h) FROM audit_entry",
                         [*ctes.params, *rows.db_values(r.hit, _HIT_FIELDS), *entry.params])
        message_id, hit_id = cursor.fetchone()
    rows.stored(r.notification, message_id)
    r.hit.notification = r.notification
    rows.stored(r.hit, hit_id)
    entry.appended()


def _batch_statement(raised: list[_Raised], entry: StatementAppend) -> None:
    """PostgreSQL, two hits or more (a passenger list): every hit's message and deliveries, every hit, and the
    search's audit entry as ONE statement, its rows passed one array per column: the same text for any number of
    hits, prepared once. A hit finds its message by the hit's reference, which the message carries as its case
    reference."""
    ctes = MessageCtes.many([(r.notification, r.recipients) for r in raised])
    fields = tuple(_HIT_FIELDS)
    reference = next(i for i, f in enumerate(fields) if f.name == "reference")
    sql = (f"WITH {ctes.sql}, h AS (INSERT INTO {Hit._meta.db_table} ({', '.join(f.column for f in fields)},"
           f" notification_id) SELECT {', '.join(f'hu.c{i}' for i in range(len(fields)))}, m.id FROM"
           f" {rows.unnest_sql(fields, 'hu')} JOIN m ON m.case_reference = hu.c{reference} RETURNING id, reference),"
           f" {entry.ctes} SELECT (SELECT json_object_agg(case_reference, id) FROM m),"
           " (SELECT json_object_agg(reference, id) FROM h) FROM audit_entry")
    with connection.cursor() as cursor:
        prepared.execute(cursor, sql, [*ctes.params, *rows.column_values([r.hit for r in raised], _HIT_FIELDS),
                                       *entry.params])
        message_ids, hit_ids = cursor.fetchone()
    for r in raised:
        rows.stored(r.notification, message_ids[r.hit.reference])
        r.hit.notification = r.notification
        rows.stored(r.hit, hit_ids[r.hit.reference])
    entry.appended()


def record_search(actor: Actor, found: list[Found], *, action: str, query: dict, result_ids: list[str],
                  purpose: str = "", location: str = "", urgent: bool = False) -> list[Hit]:
    """What a search leaves behind, stored before anything of its answer leaves: the hits its results raise (each
    with the message that tells the owner) and its audit entry, which names them, all in one durable write. Returns
    the hits.

    On PostgreSQL, a search is written as ONE statement, whether it raises no hit (most), one (a front-line check
    that found something) or up to ``STATEMENT_HITS`` (a passenger list); otherwise ``groupcommit.durable``
    (shared with concurrent searches of the process)."""
    raised = _prepare_hits(actor, found, location=location, urgent=urgent)
    if raised:
        query = {**query, "hits": [r.hit.reference for r in raised]}
    entry_kw: dict[str, Any] = {"object_type": "search", "purpose": purpose, "query": query, "result_ids": result_ids}
    if connection.vendor == "postgresql" and len(raised) <= STATEMENT_HITS:
        if not raised:
            audit(actor, action, **entry_kw)  # one statement, a transaction of its own outside one
            return []
        entry = postgres_append(actor, action, **entry_kw)
        if entry is not None:
            if len(raised) == 1:
                durable_statement(lambda: _one_statement(raised[0], entry))
            else:
                durable_statement(lambda: _batch_statement(raised, entry))
            return [r.hit for r in raised]

    # Otherwise (SQLite; PostgreSQL past STATEMENT_HITS): every value converted before the transaction, which then
    # only runs the statements. On SQLite every write of the machine waits for the one holding the writer gate.
    ready = [(r.hit, rows.db_values(r.hit, _HIT_FIELDS), ReadyMessage.of(r.notification, r.recipients))
             for r in raised]
    sqlite_entry = sqlite_append(actor, action, **entry_kw) if connection.vendor == "sqlite" else None

    def write() -> None:
        with connection.cursor() as cursor:
            for hit, values, message in ready:  # run again alone after a failed batch: new rows, the same references
                message_id = message.write(cursor)
                cursor.execute(_INSERT_HIT, [*values, message_id])
                rows.stored(hit, cursor.fetchone()[0])
        if sqlite_entry is not None:
            sqlite_entry.write()
        else:
            audit(actor, action, **entry_kw)

    durable(write)
    if sqlite_entry is not None:
        sqlite_entry.appended()
    for hit, _, message in ready:
        hit.notification = message.msg
    return [hit for hit, _, _ in ready]


def answering_org(actor: Actor) -> int | None:
    """The organisation for which the actor answers hits: its NCB; the General Secretariat, for the records it holds
    (its reviewers: the subjects of international bodies' notices); None for an agency or anyone else."""
    if actor.is_agency:
        return None
    if actor.is_general_secretariat:
        return actor.organisation_id
    return actor.ncb_id


def visible_hits(actor: Actor) -> QuerySet[Hit]:
    """Hits on the actor's country's data, hits its own searches raised; the CCC and the GS see all."""
    require(actor, Action.HIT_VIEW)
    if allows(actor, Action.HITS_NETWORK) or actor.is_general_secretariat:
        return Hit.objects.all()
    mine = Q(searcher_org_id=actor.organisation_id)
    if not actor.is_agency and actor.ncb_id is not None:
        mine |= Q(owner_ncb_id=actor.ncb_id) | Q(searcher_org__parent_id=actor.ncb_id) | Q(searcher_org_id=actor.ncb_id)
    return Hit.objects.filter(mine)


def list_hits(actor: Actor, *, role: str = "", status: str = "", overdue: bool = False, before: int | None = None,
              limit: int = 50) -> list[Hit]:
    qs = visible_hits(actor)
    if role == "owner":
        qs = qs.filter(owner_ncb_id=answering_org(actor))
    elif role == "searcher":
        qs = qs.filter(searcher_org_id=actor.organisation_id)
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(status=HitStatus.PENDING, due_at__lt=timezone.now())
    if before:
        qs = qs.filter(pk__lt=before)
    hits = list(qs.select_related("owner_ncb", "searcher_org").order_by("-id")[:limit])
    audit(actor, "hit.list", object_type="hit", query={"role": role, "status": status, "overdue": overdue},
          result_ids=[h.reference for h in hits])
    return hits


def recent_hits(actor: Actor, *, since: datetime, limit: int = 100) -> list[Hit]:
    """Hits raised anywhere in the network since ``since``, newest first: the CCC's picture (``hits.network``)."""
    require(actor, Action.HITS_NETWORK)
    # Hits are numbered as they are raised: look among the newest ``limit`` only, so that a quiet hour costs one
    # short walk of the primary key and not a scan of every hit ever raised (raised_at has no index of its own).
    newest = Hit.objects.order_by("-id").values("id")[:limit]
    hits = list(Hit.objects.filter(pk__in=newest, raised_at__gte=since).select_related("owner_ncb", "searcher_org")
                .order_by("-id"))
    audit(actor, "hit.network", object_type="hit", query={"since": since.isoformat()},
          result_ids=[h.reference for h in hits])
    return hits


def get_hit(actor: Actor, reference: str) -> Hit:
    hit = visible_hits(actor).select_related("owner_ncb", "searcher_org").filter(reference=reference).first()
    if hit is None:
        raise HitNotFound(f"no hit {reference}")
    audit(actor, "hit.read", object_type="hit", object_ids=[hit.reference])
    return hit


def answer_hit(actor: Actor, reference: str, *, confirmed: bool, note: str = "") -> Hit:
    """The owner's NCB says whether its record still stands; the searcher's NCB is told by reply."""
    require(actor, Action.HIT_ANSWER)
    if len(note) > 4000:
        raise ValueError("the note is at most 4,000 characters")
    with transaction.atomic():
        hit = visible_hits(actor).select_for_update().filter(reference=reference).first()
        if hit is None:
            raise HitNotFound(f"no hit {reference}")
        answering = answering_org(actor)
        if answering is None or hit.owner_ncb_id != answering:
            raise Denied("only the owner's NCB answers a hit")
        if hit.status != HitStatus.PENDING:
            raise Denied(f"hit {reference} was already answered ({hit.status})", status=409)
        now = timezone.now()
        hit.status = HitStatus.CONFIRMED if confirmed else HitStatus.DENIED
        hit.answered_at, hit.answered_by_id, hit.answer_note = now, actor.user_id, note
        hit.save(update_fields=["status", "answered_at", "answered_by", "answer_note"])
        searcher = Organisation.objects.select_related("parent").get(pk=hit.searcher_org_id)
        to = searcher.parent if searcher.kind == OrgKind.AGENCY and searcher.parent else searcher
        subject, body = texts.answer(to.language, confirmed=confirmed, reference=hit.reference, note=note)
        notify(actor, sender_org_id=answering, recipients_=[to], subject=subject, body=body,
               language=to.language, priority=Priority.URGENT if hit.urgent else Priority.ROUTINE,
               crime_area=CrimeArea.OTHER, owner_country=hit.owner_country_id,
               restrictions=hit.notification.restrictions if hit.notification else Restrictions(),
               case_reference=hit.reference, reply_to=hit.notification)
        audit(actor, "hit.confirm" if confirmed else "hit.deny", object_type="hit", object_ids=[hit.reference])
    return hit


def record_hit_stats(actor: Actor, kind: str, record_id: int) -> dict:
    """Hit counts and history of one record, for whoever may see its hits."""
    qs = visible_hits(actor).filter(record_type=kind, record_id=record_id)
    counts = dict(qs.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    history = list(qs.select_related("searcher_org").order_by("-id")[:100])
    audit(actor, "hit.stats", object_type=kind, object_ids=[record_id], result_ids=[h.reference for h in history])
    return {"total": sum(counts.values()), "by_status": counts, "history": history}
