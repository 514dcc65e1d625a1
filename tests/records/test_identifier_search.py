"""Identifier search: documents (number or MRZ), VINs, plates, serials; batches; hits to the owner."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ncbnet.access.policy import Denied
from ncbnet.audit.models import AuditEntry
from ncbnet.audit.services import verify_chain
from ncbnet.hits import services as hits
from ncbnet.hits.models import Hit
from ncbnet.matching.mrz import make_td3
from ncbnet.messaging.models import Delivery
from ncbnet.records import services
from ncbnet.records.identifier_search import BatchTooLarge, IdentifierQuery, check_identifiers
from tests.records.conftest import passport


def _one(actor, field, value, country=None):
    return check_identifiers(actor, [IdentifierQuery(field, value, country)])[0]


def test_a_document_is_found_by_number_typed_any_way(desk):
    doc = services.create_record(desk.fr, "travel_document", passport("12AB34567")).record
    for typed in ("12AB34567", "12 ab-34567", "12ab 345.67"):
        a = _one(desk.de, "number", typed)
        assert [m.record.pk for m in a.matches] == [doc.pk] and a.matches[0].score == 1.0


def test_scanned_text_confusions_still_find_the_document_with_a_lower_score(desk):
    doc = services.create_record(desk.fr, "travel_document", passport("12AB34567")).record
    a = _one(desk.de, "number", "I2A834S67")
    assert [m.record.pk for m in a.matches] == [doc.pk]
    assert a.matches[0].score < 1.0 and "folded" in a.matches[0].explanation[0]


def test_the_issuing_country_narrows_the_search(desk):
    services.create_record(desk.fr, "travel_document", passport("X1234567"))
    assert _one(desk.de, "number", "X1234567", "FRA").matches
    assert _one(desk.de, "number", "X1234567", "FR").matches
    assert not _one(desk.de, "number", "X1234567", "ESP").matches


def test_an_mrz_with_a_wrong_check_digit_is_searched_and_the_failure_reported(desk):
    doc = services.create_record(desk.fr, "travel_document", passport("12AB34567")).record
    zone = make_td3(document_number="12AB34567", issuing_state="FRA", surname="MARTIN", given_names=["JEAN"],
                    birth_date="1980-05-17", sex="M", expiry_date="2030-01-14", nationality="FRA")
    good = _one(desk.de, "mrz", zone)
    assert good.problems == [] and [m.record.pk for m in good.matches] == [doc.pk]
    line1, line2 = zone.splitlines()
    broken = line1 + "\n" + line2[:9] + ("0" if line2[9] != "0" else "1") + line2[10:]
    bad = _one(desk.de, "mrz", broken)
    assert [m.record.pk for m in bad.matches] == [doc.pk]
    assert any("check digit" in p for p in bad.problems)
    assert bad.parsed["surname"] == "MARTIN"


def test_an_unreadable_mrz_is_an_error_for_that_item_only(desk):
    services.create_record(desk.fr, "travel_document", passport("12AB34567"))
    answers = check_identifiers(desk.de, [IdentifierQuery("mrz", "P<FRA\nSHORT"), IdentifierQuery("number", "12AB34567")])
    assert answers[0].error and "MRZ" in answers[0].error
    assert answers[1].error is None and answers[1].matches


def test_vins_plates_and_serials(desk):
    car = services.create_record(desk.fr, "vehicle", {"national_reference": "V1", "vin": "1HGCM82633A004352",
                                                      "plate": "AB-123-CD", "plate_country": "FR"}).record
    gun = services.create_record(desk.fr, "firearm", {"national_reference": "F1", "make": "Glock",
                                                      "firearm_type": "pistol", "serial_number": "BXK-472"}).record
    assert [m.record.pk for m in _one(desk.de, "vin", "1hgcm82633a004352").matches] == [car.pk]
    assert [m.record.pk for m in _one(desk.de, "plate", "ab 123 cd", "FR").matches] == [car.pk]
    assert not _one(desk.de, "plate", "AB123CD", "BE").matches
    assert [m.record.pk for m in _one(desk.de, "serial_number", "8XK472").matches] == [gun.pk]


def test_a_vin_with_a_bad_check_digit_is_reported_but_still_searched(desk):
    car = services.create_record(desk.fr, "vehicle", {"national_reference": "V1", "vin": "1HGCM82633A004352"}).record
    other = services.create_record(desk.fr, "vehicle", {"national_reference": "V2", "vin": "1HGCM82643A004352"}).record
    a = _one(desk.de, "vin", "1HGCM82643A004352")  # check digit no longer fits
    assert [m.record.pk for m in a.matches] == [other.pk] and a.problems
    assert car.pk != other.pk


def test_a_vin_of_the_wrong_length_is_an_item_error(desk):
    a = _one(desk.de, "vin", "1HGCM8263")
    assert a.error and "17" in a.error and not a.matches


def test_a_batch_of_1001_is_refused_whole_and_1000_are_answered_each(desk):
    services.create_record(desk.fr, "travel_document", passport("AA0000500"))
    with pytest.raises(BatchTooLarge, match="1000"):
        check_identifiers(desk.de, [IdentifierQuery("number", f"AA{i:07d}") for i in range(1001)])
    answers = check_identifiers(desk.de, [IdentifierQuery("number", f"AA{i:07d}") for i in range(1000)])
    assert len(answers) == 1000 and [a.index for a in answers if a.matches] == [500]


def test_a_full_batch_finds_records_at_both_ends_and_keeps_the_owners_restrictions(desk):
    """All keys of a batch go to the database at once (PostgreSQL: one array parameter; SQLite: lists of 500): the
    first and the last are found, and a record whose owner allowed only the US stays out of Germany's answer."""
    for number, extra in (("AA0000000", {}), ("AA0000999", {}),
                          ("AA0000700", {"restriction_mode": "allow", "restricted_countries": ["US"]})):
        services.create_record(desk.fr, "travel_document", passport(number, **extra))
    queries = [IdentifierQuery("number", f"AA{i:07d}") for i in range(1000)]
    assert [a.index for a in check_identifiers(desk.de, queries) if a.matches] == [0, 999]
    assert [a.index for a in check_identifiers(desk.us, queries) if a.matches] == [0, 700, 999]


def test_an_agency_searching_outside_its_scope_is_refused_and_nothing_read(desk):
    agency = desk.agency_actor("DE", databases=("persons",))
    with pytest.raises(Denied, match="not authorised to search travel documents"):
        check_identifiers(agency, [IdentifierQuery("number", "12AB34567")])
    assert not AuditEntry.objects.filter(action="search.identifiers").exists()


def test_restrictions_hold_in_search(desk, world):
    services.create_record(desk.fr, "travel_document", passport("12AB34567", restriction_mode="allow",
                                                                restricted_countries=["US"]))
    assert not _one(desk.de, "number", "12AB34567").matches
    assert _one(desk.us, "number", "12AB34567").matches
    agency = desk.agency_actor("US", databases=("travel_documents",))
    services.create_record(desk.fr, "travel_document", passport("ZZ9999999", agencies_may_view=False))
    assert not check_identifiers(agency, [IdentifierQuery("number", "ZZ9999999")])[0].matches


def test_a_foreign_match_raises_a_hit_told_to_the_owner_and_the_ccc(desk, world):
    doc = services.create_record(desk.fr, "travel_document", passport("12AB34567")).record
    a = check_identifiers(desk.de, [IdentifierQuery("number", "12AB34567")], location="Frankfurt airport")[0]
    hit = a.matches[0].hit
    assert hit is not None and hit.record_id == doc.pk and hit.location == "Frankfurt airport"
    recipients = set(Delivery.objects.filter(message_id=hit.notification_id).values_list("recipient_org__code", flat=True))
    assert recipients == {world.ncb("FR").code, world.gs().code}
    assert _one(desk.fr, "number", "12AB34567").matches[0].hit is None  # own data: no hit
    entry = AuditEntry.objects.filter(action="search.identifiers", username=desk.de.username).latest("id")
    assert entry.result_ids == [f"travel_document:{doc.pk}"]
    assert entry.query["hits"] == [hit.reference]  # the search's entry names the hit it raised


def test_what_a_search_leaves_behind_is_one_write_naming_every_hit(desk, world):
    one = services.create_record(desk.fr, "travel_document", passport("12AB34567")).record
    two = services.create_record(desk.fr, "travel_document", passport("98ZY76543")).record
    with CaptureQueriesContext(connection) as queries:
        a = _one(desk.de, "number", "12AB34567")
    # (On PostgreSQL the look-up is "WITH found AS (SELECT ...), audit_lane ...": it appends the entry only when it
    # finds nothing.)
    writes = [q["sql"] for q in queries
              if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE", "WITH FOUND AS"))]
    if connection.vendor == "postgresql":  # the message, its deliveries, the hit and the audit entry: one statement
        assert len(writes) == 1 and writes[0].startswith("WITH m AS (INSERT INTO messaging_message")
    hit = Hit.objects.select_related("notification").get(reference=a.matches[0].hit.reference)
    assert (hit.record_id, hit.owner_ncb_id, hit.searcher_org_id) == (one.pk, world.ncb("FR").pk, world.ncb("DE").pk)
    assert hit.notification.case_reference == hit.reference and hit.reference in hit.notification.subject
    assert Delivery.objects.filter(message=hit.notification).count() == 2
    # two hits at once (a passenger list): both written with their messages, and the one entry names both
    with CaptureQueriesContext(connection) as queries:
        answers = check_identifiers(desk.de, [IdentifierQuery("number", "12AB34567"),
                                              IdentifierQuery("number", "98ZY76543")])
    writes = [q["sql"] for q in queries
              if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE", "WITH FOUND AS"))]
    if connection.vendor == "postgresql":  # both hits, their messages and deliveries, the entry: one statement
        assert len(writes) == 1 and writes[0].startswith("WITH m AS (INSERT INTO messaging_message")
    refs = [x.matches[0].hit.reference for x in answers]
    assert sorted(Hit.objects.filter(reference__in=refs).values_list("record_id", flat=True)) == sorted([one.pk, two.pk])
    for x, record in zip(answers, (one, two), strict=True):  # each hit tied to its own message, told to FR and GS
        stored = Hit.objects.select_related("notification").get(reference=x.matches[0].hit.reference)
        assert stored.pk == x.matches[0].hit.pk and stored.notification_id == x.matches[0].hit.notification.pk
        assert stored.record_id == record.pk and stored.notification.case_reference == stored.reference
        assert set(Delivery.objects.filter(message=stored.notification).values_list("recipient_org__code", flat=True)) \
            == {world.ncb("FR").code, world.gs().code}
    entry = AuditEntry.objects.filter(action="search.identifiers", username=desk.de.username).latest("id")
    assert entry.query["hits"] == refs
    assert not AuditEntry.objects.filter(action="hit.raise").exists()
    assert verify_chain() is None


def test_the_owner_confirms_a_hit_and_the_searcher_is_told(desk, world):
    services.create_record(desk.fr, "travel_document", passport("12AB34567"))
    hit = _one(desk.de, "number", "12AB34567").matches[0].hit
    with pytest.raises(Denied):
        hits.answer_hit(desk.de, hit.reference, confirmed=True)  # the searcher does not answer its own hit
    answered = hits.answer_hit(desk.fr, hit.reference, confirmed=True, note="Still stolen; hold it.")
    assert answered.status == "confirmed"
    reply = Delivery.objects.filter(recipient_org=world.ncb("DE"), message__reply_to_id=hit.notification_id)
    assert reply.count() == 1
    with pytest.raises(Denied, match="already answered"):
        hits.answer_hit(desk.fr, hit.reference, confirmed=False)


def _language(world, country, language):
    ncb = world.ncb(country)
    ncb.language = language
    ncb.save(update_fields=["language"])  # the recipient directory forgets what it kept


def test_a_hit_is_told_to_the_owner_in_its_working_language_and_the_answer_to_the_searcher_in_its(desk, world):
    _language(world, "FR", "fr")
    _language(world, "DE", "ar")
    services.create_record(desk.fr, "travel_document", passport("12AB34567"))
    hit = Hit.objects.select_related("notification").get(
        pk=check_identifiers(desk.de, [IdentifierQuery("number", "12AB34567")], location="Francfort")[0]
        .matches[0].hit.pk)
    notice = hit.notification
    assert notice.language == "fr"
    assert notice.subject == f"HIT {hit.reference}: passeport FRA 12AB34567 (volé à son titulaire)"
    assert notice.body.startswith("Votre fiche passeport FRA 12AB34567 (volé à son titulaire) (référence nationale "
                                  "REF-12AB34567) a été trouvée par une recherche de NCB-DE (DE) à Francfort le ")
    assert f"(référence du hit {hit.reference})" in notice.body and "Your record" not in notice.body
    hits.answer_hit(desk.fr, hit.reference, confirmed=False, note="Retrouvé par son titulaire.")
    reply = Delivery.objects.select_related("message").get(recipient_org=world.ncb("DE"),
                                                            message__reply_to_id=notice.pk).message
    assert reply.language == "ar"
    assert reply.subject == f"HIT {hit.reference} منفيّ: السجل لم يعد ساريًا"
    assert reply.body == "منفيّ: السجل لم يعد ساريًا.\nRetrouvé par son titulaire."


def test_an_owner_whose_working_language_is_english_is_told_in_english(desk, world):
    services.create_record(desk.us, "travel_document", passport("55XY12345", country="USA"))
    hit = check_identifiers(desk.de, [IdentifierQuery("number", "55XY12345")])[0].matches[0].hit
    notice = Hit.objects.select_related("notification").get(pk=hit.pk).notification
    assert notice.language == "en" and notice.subject == f"HIT {hit.reference}: passport USA 55XY12345 (stolen from its bearer)"
    assert notice.body.startswith("Your record passport USA 55XY12345 (stolen from its bearer) (national reference ")
    assert notice.body.endswith(f"(hit reference {hit.reference}).")


def test_one_line_names_a_vehicle_or_firearm_the_same_way_in_english_and_in_the_owners_language(desk):
    from ncbnet.hits.texts import record_line, record_summary

    car = services.create_record(desk.fr, "vehicle", {"national_reference": "V1", "vin": "1HGCM82633A004352",
                                                      "make": "Honda", "model": "Accord", "plate": "AB-123-CD",
                                                      "plate_country": "FR"}).record
    gun = services.create_record(desk.fr, "firearm", {"national_reference": "F1", "make": "Glock", "model": "17",
                                                      "firearm_type": "pistol", "serial_number": "BXK-472"}).record
    car_en, gun_en = record_summary("vehicle", car), record_summary("firearm", gun)
    assert car_en == f"vehicle VIN 1HGCM82633A004352 plate {car.plate} FR (Honda Accord)"
    assert gun_en == f"firearm Glock 17 serial {gun.serial_number}"
    assert record_line("vehicle", car, car_en, "en") == car_en
    assert record_line("vehicle", car, car_en, "es") == f"vehículo VIN 1HGCM82633A004352 matrícula {car.plate} FR (Honda Accord)"
    assert record_line("firearm", gun, gun_en, "fr") == f"arme à feu Glock 17 n° de série {gun.serial_number}"


def test_a_passenger_list_written_with_its_values_made_ready_stores_each_hit_with_its_message_and_one_entry(
        desk, monkeypatch):
    """SQLite (and PostgreSQL past ``STATEMENT_HITS``): the rows made ready before the transaction land linked."""
    monkeypatch.setattr(hits, "STATEMENT_HITS", 1)  # PostgreSQL too takes the path SQLite always takes
    numbers = ["12AB34567", "98ZY76543", "55CD11223"]
    for n in numbers:
        services.create_record(desk.fr, "travel_document", passport(n))
    answers = check_identifiers(desk.de, [IdentifierQuery("number", n) for n in [*numbers, "00ZZ00000"]])
    raised = [a.matches[0].hit for a in answers[:3]]
    assert answers[3].matches == [] and all(h is not None and h.pk for h in raised)
    for hit in raised:
        stored = Hit.objects.select_related("notification").get(pk=hit.pk)
        assert stored.reference == hit.reference and stored.notification_id == hit.notification.pk
        assert stored.notification.case_reference == hit.reference and stored.record_type == "travel_document"
        assert Delivery.objects.filter(message=stored.notification).count() == 2  # the owner's NCB and the CCC
    entry = AuditEntry.objects.filter(action="search.identifiers", organisation="NCB-DE").get()
    assert entry.query["hits"] == [h.reference for h in raised] and len(entry.result_ids) == 3
    assert verify_chain() is None


def test_unanswered_hits_show_as_overdue_and_counts_per_record(desk):
    doc = services.create_record(desk.fr, "travel_document", passport("12AB34567")).record
    _one(desk.de, "number", "12AB34567")
    _one(desk.us, "number", "12AB34567")
    Hit.objects.update(due_at=timezone.now() - timedelta(minutes=1))
    overdue = hits.list_hits(desk.fr, role="owner", overdue=True)
    assert len(overdue) == 2
    assert hits.list_hits(desk.de, role="owner", overdue=True) == []
    stats = hits.record_hit_stats(desk.fr, "travel_document", doc.pk)
    assert stats["total"] == 2 and stats["by_status"] == {"pending": 2}


def test_a_hits_statement_text_is_not_parsed_again_on_every_check(desk, monkeypatch):
    """psycopg keeps its conversion of a statement's placeholders only up to a number of parameters; the one
    statement that writes a hit has more than its default 50 (ncbnet.prepared raises the limit)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL (psycopg) only")
    from psycopg import _queries

    services.create_record(desk.fr, "travel_document", passport("12AB34567"))
    services.create_record(desk.fr, "travel_document", passport("98ZY76543"))
    assert _one(desk.de, "number", "12AB34567").matches[0].hit is not None  # the texts are converted once here
    parsed_again = []
    convert = _queries._query2pg_nocache
    monkeypatch.setattr(_queries, "_query2pg_nocache", lambda query, enc: parsed_again.append(query) or convert(query, enc))
    with CaptureQueriesContext(connection) as queries:
        assert _one(desk.de, "number", "98ZY76543").matches[0].hit is not None
    assert any(len(q["sql"]) > 1000 for q in queries)  # the hit's one statement ran
    assert parsed_again == []


def test_hit_references_carry_sixty_random_bits_readable_over_the_phone():
    import re
    from datetime import datetime

    day = datetime(2026, 12, 5)
    refs = {hits._reference(day) for _ in range(200_000)}
    assert len(refs) == 200_000  # 32 bits gave a clash in about this many (the birthday bound is 77,000)
    pattern = re.compile(r"^HIT-261205-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
    assert all(pattern.match(r) for r in refs)
    assert max(map(len, refs)) <= Hit._meta.get_field("reference").max_length
    assert len({r[11] for r in refs}) == 32  # every character of the alphabet turns up


def test_a_check_that_finds_nothing_is_looked_up_and_audited_in_one_statement_on_postgresql(desk, world):
    from ncbnet.audit.services import verify_chain

    services.create_record(desk.fr, "travel_document", passport("12AB34567"))
    before = AuditEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        answers = check_identifiers(desk.de, [IdentifierQuery("number", "CLEAN0001"), IdentifierQuery("vin", "X")],
                                    location="Gate 4", purpose="border")
    assert not answers[0].matches and answers[1].error
    statements = [q["sql"] for q in queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))]
    if connection.vendor == "postgresql":
        assert len(statements) == 1 and statements[0].startswith("WITH found AS (SELECT")
    # the entry is the one the general path writes, whichever way it was written
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.username, entry.object_type, entry.purpose, entry.result_ids) == (
        "search.identifiers", desk.de.username, "search", "border", [])
    assert entry.query == {"items": ["number::CLEAN0001"], "refused_items": 1, "location": "Gate 4"}
    # something found: the look-up appends nothing, and the general path writes the entry with the results
    found = check_identifiers(desk.de, [IdentifierQuery("number", "12AB34567")])[0]
    assert found.matches and AuditEntry.objects.count() == before + 2
    assert AuditEntry.objects.latest("id").result_ids == [f"travel_document:{found.matches[0].record.pk}"]
    assert verify_chain() is None


@pytest.mark.django_db
def test_prepared_statements_are_planned_once_on_postgresql(settings):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone()[0] == ("force_generic_plan" if settings.PG_PREPARED else "auto")


_SAME_MESSAGE = ("restriction_mode", "restricted_countries", "agencies_may_view", "classification", "owner_country_id",
                 "sender_org_id", "author_id", "addressed_to", "language", "language_detected", "priority",
                 "crime_area", "reply_to_id", "thread_root_id", "forwarded_from_id", "chain", "idempotency_key",
                 "request_fingerprint")
_SAME_HIT = ("record_type", "record_id", "owner_country_id", "owner_ncb_id", "searcher_org_id", "searcher_user_id",
             "location", "searched_with", "score", "urgent", "status", "answered_at", "answered_by_id", "answer_note")


def _written(hit):
    """The hit, its message and deliveries as stored, read back."""
    stored = Hit.objects.select_related("notification").get(pk=hit.pk)
    msg = stored.notification
    deliveries = sorted((d.recipient_org_id, d.crime_area, d.priority, d.ack_due_at - msg.created_at,
                         d.delivered_at == msg.created_at) for d in Delivery.objects.filter(message=msg))
    return stored, msg, deliveries


def test_a_passenger_lists_hits_are_stored_as_a_single_checks_are(desk):
    """A passenger list's hits (PostgreSQL: one statement, its rows one array per column) land with the same values
    as a single check's (PostgreSQL: one statement of its own): owner, restrictions, language, deliveries, deadlines."""
    docs = [services.create_record(desk.fr, "travel_document", passport("12AB34567")).record,
            services.create_record(desk.fr, "travel_document", passport(
                "98ZY76543", restriction_mode="allow", restricted_countries=["DE", "ES"])).record,
            services.create_record(desk.us, "travel_document", passport("55CD11223", country="USA")).record]
    numbers = ["12AB34567", "98ZY76543", "55CD11223"]
    singles = [check_identifiers(desk.de, [IdentifierQuery("number", n)], location="Gate B12", urgent=True)[0]
               for n in numbers]
    batch = check_identifiers(desk.de, [IdentifierQuery("number", n) for n in ["00ZZ00000", *numbers]],
                              location="Gate B12", urgent=True)
    assert batch[0].matches == []
    for doc, single, listed in zip(docs, singles, batch[1:], strict=True):
        one, many = single.matches[0].hit, listed.matches[0].hit
        assert one.record_id == many.record_id == doc.pk and one.reference != many.reference
        (hit_1, msg_1, to_1), (hit_n, msg_n, to_n) = _written(one), _written(many)
        assert {f: getattr(hit_n, f) for f in _SAME_HIT} == {f: getattr(hit_1, f) for f in _SAME_HIT}
        assert hit_n.due_at - hit_n.raised_at == hit_1.due_at - hit_1.raised_at and hit_n.urgent
        assert {f: getattr(msg_n, f) for f in _SAME_MESSAGE} == {f: getattr(msg_1, f) for f in _SAME_MESSAGE}
        assert msg_n.case_reference == many.reference and msg_n.created_at == hit_n.raised_at
        assert msg_n.body.count(many.reference) == msg_1.body.count(one.reference) == 1
        assert msg_n.subject.replace(many.reference, "") == msg_1.subject.replace(one.reference, "")
        assert to_n == to_1 and len(to_n) == 2  # the owner's NCB and the CCC, with the urgent deadline
    assert msg_n.owner_country_id == "US" and batch[2].matches[0].hit.owner_country_id == "FR"
    assert Hit.objects.get(pk=batch[2].matches[0].hit.pk).notification.restricted_countries == ",DE,ES,"
    entry = AuditEntry.objects.filter(action="search.identifiers", organisation="NCB-DE").latest("id")
    assert entry.query["hits"] == [a.matches[0].hit.reference for a in batch[1:]]
    assert verify_chain() is None


def test_a_passenger_lists_hit_statement_is_the_same_text_for_any_number_of_hits(desk, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL (psycopg) only")
    from psycopg import _queries

    numbers = [f"AB{i:07d}" for i in range(5)]
    for n in numbers:
        services.create_record(desk.fr, "travel_document", passport(n))
    assert sum(a.hit for a in check_identifiers(desk.de, [IdentifierQuery("number", n) for n in numbers[:2]])) == 2
    parsed_again = []
    convert = _queries._query2pg_nocache
    monkeypatch.setattr(_queries, "_query2pg_nocache", lambda query, enc: parsed_again.append(query) or convert(query, enc))
    assert sum(a.hit for a in check_identifiers(desk.de, [IdentifierQuery("number", n) for n in numbers])) == 5
    assert parsed_again == []
    assert Hit.objects.filter(notification__case_reference=F("reference")).count() == 7
