"""Scenarios of concurrent writers, run as ``python -m tests.concurrent_writes <scenario>`` against a migrated
database of its own (tests/test_concurrent_writes.py makes it): real threads, each on its own connection, which
pytest-django's per-test transaction cannot host. Each scenario prints one JSON object for the test to check."""

from __future__ import annotations

import json
import sys
import threading
import time

import django


def _officer(country: str, name: str):
    from ncbnet.access.policy import Actor
    from ncbnet.members.models import Organisation, User

    user, _ = User.objects.get_or_create(username=name, defaults={
        "role": "ncb_officer", "organisation": Organisation.objects.get(code=f"NCB-{country}")})
    return Actor.of(User.objects.select_related("organisation").get(pk=user.pk))


def _in_threads(targets) -> None:
    threads = [threading.Thread(target=t) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a writer hung"


def batch() -> dict:
    """One writer holds the commit while five others queue; then the five share one transaction. The fourth raises:
    its caller gets its own error and nothing of it is stored; the other four are stored and answered."""
    from django.conf import settings
    from django.db import connection

    from ncbnet import groupcommit
    from ncbnet.audit.models import AuditEntry
    from ncbnet.audit.services import record, verify_chain

    settings.GROUP_COMMIT = True
    actor = _officer("FR", "batch.officer")
    release = threading.Event()
    answers: dict[str, object] = {}

    def first() -> str:
        record(actor, "test.first")
        release.wait(30)
        return "first"

    def queued(i: int):
        def write() -> str:
            record(actor, f"test.queued.{i}")
            if i == 3:
                raise ValueError("the fourth write is refused")
            return f"queued {i}"
        return write

    def caller(name: str, fn) -> None:
        try:
            answers[name] = groupcommit.durable(fn)
        except ValueError as exc:
            answers[name] = f"raised: {exc}"
        finally:
            connection.close()

    leader = threading.Thread(target=caller, args=("first", first))
    leader.start()
    while groupcommit.statistics()["writes"] == 0 and not groupcommit._committer.leading:
        time.sleep(0.001)
    followers = [threading.Thread(target=caller, args=(f"queued {i}", queued(i))) for i in range(5)]
    for t in followers:
        t.start()
    while len(groupcommit._committer.queue) < 5:
        time.sleep(0.001)
    release.set()
    for t in [leader, *followers]:
        t.join(timeout=60)
    broken = verify_chain()
    return {
        "answers": answers, "statistics": groupcommit.statistics(),
        "stored": sorted(AuditEntry.objects.filter(action__startswith="test.").values_list("action", flat=True)),
        "broken": str(broken) if broken else None,
    }


def sends() -> dict:
    """Six threads send 30 messages each, every one with an idempotency key, as a server's request threads do."""
    from django.conf import settings
    from django.db import connection

    from ncbnet import groupcommit
    from ncbnet.audit.services import verify_chain
    from ncbnet.messaging import services
    from ncbnet.messaging.models import Delivery, Message

    actors = [_officer(c, f"sender.{c.lower()}") for c in ("FR", "DE", "ES", "IT", "GB", "US")]

    def sender(actor) -> None:
        try:
            for i in range(30):
                draft = services.Draft(subject=f"Concurrent {i}", body=f"Message {i} from {actor.organisation_code}.",
                                       recipients=["NCB:BE"], language="en")
                services.send_message(actor, draft, idempotency_key=f"{actor.username}-{i}")
        finally:
            connection.close()

    _in_threads([lambda a=a: sender(a) for a in actors])
    broken = verify_chain()
    return {
        "messages": Message.objects.count(), "keys": Message.objects.values("author_id", "idempotency_key").distinct().count(),
        "deliveries": Delivery.objects.count(), "statistics": groupcommit.statistics(),
        "group_commit": settings.GROUP_COMMIT,
        "broken": str(broken) if broken else None,
    }


def hits() -> dict:
    """Six threads check documents another country listed, 15 each, as a border post's request threads do: every
    check raises a hit, whose message and deliveries land with it, and each search's audit entry names its hit.
    The values of those rows are converted before the write's transaction begins, never inside it (SQLite: inside
    it every write of the machine waits)."""
    from django.conf import settings
    from django.db import connection

    from ncbnet import groupcommit, rows
    from ncbnet.audit import services as audit_services
    from ncbnet.audit.models import AuditEntry
    from ncbnet.audit.services import verify_chain
    from ncbnet.hits.models import Hit
    from ncbnet.messaging.models import Delivery, Message
    from ncbnet.records.identifier_search import IdentifierQuery, check_identifiers
    from ncbnet.records.services import create_record

    owner = _officer("DE", "hits.owner")
    numbers = [f"C{i:08d}" for i in range(90)]
    for n in numbers:
        create_record(owner, "travel_document", {
            "national_reference": f"REF-{n}", "number": n, "issuing_country": "DEU", "document_type": "passport",
            "document_status": "stolen_from_bearer", "issue_date": "2020-01-15", "expiry_date": "2030-01-14"})
    searchers = [_officer(c, f"hits.{c.lower()}") for c in ("FR", "ES", "IT", "GB", "US", "BE")]
    converted_inside: list[str] = []  # conversions made while a transaction was open
    real_db_values, real_prepared = rows.db_values, audit_services._prepared

    def db_values(obj, fields):
        if connection.in_atomic_block:
            converted_inside.append(type(obj).__name__)
        return real_db_values(obj, fields)

    def prepared(fields, names):
        if connection.in_atomic_block:
            converted_inside.append("audit entry")
        return real_prepared(fields, names)

    rows.db_values, audit_services._prepared = db_values, prepared
    found: dict[str, list] = {}

    def searcher(actor, mine: list[str]) -> None:
        try:
            for n in mine:
                answer = check_identifiers(actor, [IdentifierQuery("number", n)], purpose="border check")[0]
                found.setdefault(actor.username, []).append((n, answer.matches[0].hit.reference, answer.matches[0].hit.pk))
        finally:
            connection.close()

    _in_threads([lambda a=a, i=i: searcher(a, numbers[i::6]) for i, a in enumerate(searchers)])
    rows.db_values, audit_services._prepared = real_db_values, real_prepared
    raised = [h for answers in found.values() for h in answers]
    stored = {h.reference: h for h in Hit.objects.select_related("notification")}
    linked = sum(1 for _, ref, pk in raised if ref in stored and stored[ref].pk == pk
                 and stored[ref].notification is not None and stored[ref].notification.case_reference == ref
                 and Delivery.objects.filter(message=stored[ref].notification).count() == 2)
    named = sum(1 for _, ref, _ in raised
                if AuditEntry.objects.filter(action="search.identifiers", query__hits=[ref]).count() == 1)
    broken = verify_chain()
    return {
        "checks": len(raised), "hits": len(stored), "linked": linked, "named": named,
        "messages": Message.objects.filter(case_reference__startswith="HIT-").count(),
        "converted_inside": sorted(set(converted_inside)), "group_commit": settings.GROUP_COMMIT,
        "statistics": groupcommit.statistics(), "broken": str(broken) if broken else None,
    }


def lanes() -> dict:
    """PostgreSQL: a transaction that finds lane 1 held writes to the next lane; eight threads appending at once
    spread over lanes; every lane verifies; an edit in lane 2 is named by its position there."""
    import psycopg
    from django.conf import settings
    from django.db import connection, transaction

    from ncbnet.audit.models import AuditEntry
    from ncbnet.audit.services import record, verify_chain
    from ncbnet.messaging import services

    settings.GROUP_COMMIT = False
    actor = _officer("FR", "lanes.officer")
    db = settings.DATABASES["default"]
    holder = psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
                             password=db["PASSWORD"] or None, dbname=db["NAME"])
    holder.execute("SELECT 1 FROM audit_audithead WHERE id = 1 FOR UPDATE")  # another transaction holds lane 1
    with transaction.atomic():
        beside = record(actor, "test.beside")
    holder.rollback()

    # Every lane held: an entry alone and a send (one statement with its entry) each wait for a lane, then land.
    holder.execute("SELECT 1 FROM audit_audithead FOR UPDATE")
    waited: dict[str, object] = {}

    def alone() -> None:
        try:
            waited["alone"] = record(actor, "test.waited").position
        finally:
            connection.close()

    def send() -> None:
        try:
            draft = services.Draft(subject="Waited", body="Sent while every lane was held.", recipients=["NCB:DE"],
                                   language="en")
            waited["message"] = services.send_message(actor, draft).message.pk
        finally:
            connection.close()

    blocked = [threading.Thread(target=alone), threading.Thread(target=send)]
    for t in blocked:
        t.start()
    time.sleep(0.5)
    waited["before_release"] = sorted(waited)
    holder.rollback()
    holder.close()
    for t in blocked:
        t.join(timeout=60)
    waited["send_entry"] = list(AuditEntry.objects.filter(action="message.send", username=actor.username).values_list("object_ids", flat=True))

    def appender(n: int) -> None:
        try:
            for i in range(40):
                with transaction.atomic():
                    record(actor, f"test.thread.{n}", object_ids=[i])
        finally:
            connection.close()

    _in_threads([lambda n=n: appender(n) for n in range(8)])
    intact = verify_chain()
    by_lane = dict(AuditEntry.objects.order_by().values("lane").annotate(n=django.db.models.Count("id"))
                   .values_list("lane", "n"))
    victim = AuditEntry.objects.filter(lane=2).order_by("seq").first()
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER audit_entry_append_only ON audit_auditentry")
        cursor.execute("UPDATE audit_auditentry SET username = 'someone.else' WHERE id = %s", [victim.pk])
    broken = verify_chain()
    return {"beside_lane": beside.lane, "waited": waited, "by_lane": by_lane, "intact": str(intact) if intact else None,
            "victim": victim.position, "broken": str(broken) if broken else None}


if __name__ == "__main__":
    django.setup()
    print(json.dumps({"batch": batch, "sends": sends, "hits": hits, "lanes": lanes}[sys.argv[1]]()))
