import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ncbnet.access.levels import Role
from ncbnet.access.policy import Denied
from ncbnet.audit.models import AuditEntry
from ncbnet.audit.services import postgres_append, verify_chain
from ncbnet.messaging import services
from ncbnet.messaging.models import Delivery, Message
from ncbnet.messaging.recipients import UnknownRecipient


def test_message_to_all_members_gets_one_delivery_per_ncb_but_not_the_sender(world):
    fr = world.officer("FR")
    msg = world.send(fr, ["ALL"], priority="urgent")
    deliveries = Delivery.objects.filter(message=msg)
    assert deliveries.count() == 195
    assert not deliveries.filter(recipient_org__country_id="FR").exists()
    assert all(d.ack_due_at is not None for d in deliveries)


def test_regional_group_expands_to_its_ncbs(world):
    msg = world.send(world.officer("FR"), ["REGION:americas"])
    countries = set(Delivery.objects.filter(message=msg).values_list("recipient_org__country_id", flat=True))
    assert {"US", "BR", "MX", "CA"} <= countries
    assert "FR" not in countries and "EG" not in countries


def test_deny_list_keeps_broadcast_from_excluded_country(world):
    msg = world.send(world.officer("FR"), ["ALL"], restriction_mode="deny", restricted_countries=["RU", "BY"])
    countries = set(Delivery.objects.filter(message=msg).values_list("recipient_org__country_id", flat=True))
    assert "RU" not in countries and "BY" not in countries and "DE" in countries


def test_addressing_an_excluded_country_directly_is_refused_and_writes_nothing(world):
    before = Message.objects.count()
    with pytest.raises(Denied):
        world.send(world.officer("FR"), ["NCB:DE", "NCB:RU"], restriction_mode="deny", restricted_countries=["RU"])
    assert Message.objects.count() == before


def test_idempotent_send_returns_the_first_message(world):
    fr = world.officer("FR")
    actor = world.actor(fr)
    d = services.Draft(subject="s", body="b", recipients=["DE"], language="en")
    first = services.send_message(actor, d, idempotency_key="k-1")
    again = services.send_message(actor, d, idempotency_key="k-1")
    assert first.created and not again.created
    assert first.message.pk == again.message.pk
    assert Message.objects.filter(author=fr).count() == 1
    assert Delivery.objects.filter(message=first.message).count() == 1


def test_same_key_for_a_different_message_is_a_conflict(world):
    actor = world.actor(world.officer("FR"))
    services.send_message(actor, services.Draft(subject="s", body="b", recipients=["DE"]), idempotency_key="k")
    with pytest.raises(services.IdempotencyConflict):
        services.send_message(actor, services.Draft(subject="other", body="b", recipients=["DE"]), idempotency_key="k")


def test_language_is_detected_when_not_given(world):
    fr = world.officer("FR")
    actor = world.actor(fr)
    m = services.send_message(actor, services.Draft(
        subject="Demande d'entraide", body="Nous sollicitons votre assistance concernant un individu recherché.",
        recipients=["ES"])).message
    assert m.language == "fr" and m.language_detected
    m = services.send_message(actor, services.Draft(subject="طلب معلومات", body="نرجو التحقق من سجلاتكم", recipients=["EG"])).message
    assert m.language == "ar"


def test_agency_can_address_only_its_own_ncb(world):
    agent = world.user(world.agency("FR", "FR-PAF"), Role.AGENCY_OFFICER)
    with pytest.raises(Denied, match="only its own NCB"):
        world.send(agent, ["NCB:DE"])
    with pytest.raises(Denied):
        world.send(agent, ["ALL"])
    msg = world.send(agent, ["NCB:FR"])
    assert list(msg.deliveries.values_list("recipient_org__code", flat=True)) == ["NCB-FR"]


def test_forward_keeps_the_chain_and_the_owner(world):
    agent = world.user(world.agency("FR", "FR-PAF"), Role.AGENCY_OFFICER)
    asked = world.send(agent, ["NCB:FR"], subject="Please check this passport")
    fr = world.actor(world.officer("FR"))
    fw = services.forward_message(fr, asked.pk, ["NCB:ES"], note="On behalf of PAF").message
    assert fw.forwarded_from_id == asked.pk and fw.thread_root_id == asked.pk
    assert [h["organisation"] for h in fw.chain] == ["FR-PAF", "NCB-FR"]
    assert fw.owner_country_id == "FR" and fw.sender_org.code == "NCB-FR"
    assert "On behalf of PAF" in fw.body


def test_forward_may_not_reach_a_country_the_owner_excluded(world):
    msg = world.send(world.officer("US"), ["NCB:FR"], restriction_mode="deny", restricted_countries=["RU"])
    with pytest.raises(Denied, match="exclude RU"):
        services.forward_message(world.actor(world.officer("FR")), msg.pk, ["NCB:RU"])


def test_unknown_and_empty_recipients_are_refused(world):
    fr = world.officer("FR")
    for bad in (["NCB:ZZ"], ["REGION:atlantis"], ["nonsense"], []):
        with pytest.raises(UnknownRecipient):
            world.send(fr, bad)
    assert Message.objects.count() == 0


def test_every_send_is_audited(world):
    msg = world.send(world.officer("FR"), ["DE"])
    entry = AuditEntry.objects.filter(action="message.send").latest("id")
    assert entry.object_ids == [str(msg.pk)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the one-statement send is PostgreSQL's")
def test_on_postgresql_a_send_its_deliveries_and_its_audit_entry_are_one_statement(world):
    fr = world.officer("FR")
    with CaptureQueriesContext(connection) as queries:
        msg = world.send(fr, ["NCB:DE", "NCB:IT", "GS"], priority="urgent")
    writes = [q["sql"] for q in queries
              if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))]
    assert len(writes) == 1 and writes[0].startswith("WITH m AS (INSERT INTO messaging_message")
    deliveries = Delivery.objects.filter(message=msg)
    assert sorted(deliveries.values_list("recipient_org__code", flat=True)) == ["GS", "NCB-DE", "NCB-IT"]
    assert all(d.ack_due_at is not None and d.priority == "urgent" for d in deliveries)
    entry = AuditEntry.objects.filter(action="message.send").latest("id")
    assert entry.object_ids == [str(msg.pk)] and entry.organisation == "NCB-FR"
    assert entry.query == {"recipients": ["NCB:DE", "NCB:IT", "GS"], "priority": "urgent"}
    assert verify_chain() is None  # the database hashed the entry with the message's id in place


def test_an_entry_whose_text_holds_the_id_marker_is_not_spliced(world):
    actor = world.actor(world.officer("FR"))
    assert postgres_append(actor, "message.send", id_sql="SELECT id FROM m", purpose="case 17") is not None
    assert postgres_append(actor, "message.send", id_sql="SELECT id FROM m", purpose="odd \x00 text") is None


def test_a_send_writes_only_the_indexes_something_reads(db):
    from importlib import import_module

    dropped = import_module("ncbnet.messaging.migrations.0004_fewer_message_indexes").DROPPED
    with connection.cursor() as cursor:
        indexes = {name for name, info in connection.introspection.get_constraints(cursor, "messaging_message").items()
                   if info["index"] or info["unique"]}
    assert {"message_outbox", "message_thread", "message_case", "message_urgent_since"} <= indexes
    assert not indexes & set(dropped)


def test_a_thread_is_read_through_its_index_which_leaves_out_new_messages(world):
    fr, de = world.officer("FR"), world.officer("DE")
    root = world.send(fr, ["NCB:DE"], subject="Stolen lorry")
    reply = world.send(de, ["NCB:FR"], subject="Re: Stolen lorry", reply_to=root.pk)
    assert [m.pk for m in services.thread(world.actor(fr), reply.pk)] == [root.pk, reply.pk]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'message_thread'")
            definition = cursor.fetchone()[0]
            cursor.execute("SET enable_seqscan = off")  # a test's few rows: a plan that could use the index does
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'message_thread'")
            definition = cursor.fetchone()[0]
    try:
        plan = Message.objects.filter(thread_root_id=root.pk).explain()
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("RESET enable_seqscan")
    assert "thread_root_id" in definition and "IS NOT NULL" in definition  # a new message's NULL is not written
    assert "message_thread" in plan


def test_a_hit_writes_no_index_on_its_message(db):
    with connection.cursor() as cursor:
        columns = [info["columns"] for info in connection.introspection.get_constraints(cursor, "hits_hit").values()
                   if (info["index"] or info["unique"]) and not info["primary_key"]]
    assert ["notification_id"] not in columns
    assert ["reference"] in columns and ["record_type", "record_id"] in columns


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner needs the condition written out")
def test_the_ccc_picture_of_urgent_traffic_reads_the_partial_index(world):
    from datetime import timedelta

    from django.utils import timezone

    from ncbnet.messaging.models import URGENT_SQL

    since = timezone.now() - timedelta(hours=1)
    world.send(world.officer("FR"), ["NCB:DE"], priority="urgent")
    with CaptureQueriesContext(connection) as queries:
        items = services.urgent_traffic(world.actor(world.user(world.gs(), Role.CCC_OFFICER)), since=since)
    assert len(items) == 1
    assert any(URGENT_SQL in q["sql"] for q in queries)  # written out, not as parameters
    query = Message.objects.filter(created_at__gte=since).extra(where=[URGENT_SQL])
    assert "message_urgent_since" in query.order_by("-created_at").explain()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_only_the_hot_writes_are_prepared_on_the_server(world, settings):
    if not settings.PG_PREPARED:
        pytest.skip("NCBNET_PG_PREPARED=0: nothing is prepared")
    fr = world.officer("FR")
    world.send(fr, ["NCB:DE"], subject="Cocaine seized at the port")
    for _ in range(8):  # a search is planned for its own words every time, never from a prepared statement
        services.search(world.actor(fr), "cocaine", limit=10)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    assert any(s.startswith("WITH m AS (INSERT INTO messaging_message") for s in statements)
    assert not any("search_tsv" in s or s.lstrip().upper().startswith("SELECT") for s in statements)
