"""Contribution: who may add, change and delete records; history; review dates; bad input loses nothing."""

from datetime import date, timedelta

import pytest

from ncbnet.access.policy import Denied
from ncbnet.audit.models import AuditEntry
from ncbnet.records import services
from ncbnet.records.cleaning import InvalidRecord
from ncbnet.records.identifier_search import IdentifierQuery, check_identifiers
from ncbnet.records.models import Firearm, Person, RecordVersion, TravelDocument, Vehicle, WorkOfArt
from tests.records.conftest import passport


def test_owner_ncb_adds_a_document_with_its_keys_version_and_audit_entry(desk):
    doc = services.create_record(desk.fr, "travel_document", passport("12 ab-34567")).record
    doc.refresh_from_db()
    assert (doc.number, doc.number_key, doc.issuing_country) == ("12AB34567", "12A834567", "FRA")
    assert doc.owner_country_id == "FR" and doc.owner_ncb_id == desk.fr_user.organisation_id
    assert doc.review_due.year == date.today().year + 10
    v = RecordVersion.objects.get(record_type="travel_document", record_id=doc.pk)
    assert v.action == "create" and v.data["number"] == "12AB34567" and v.username == desk.fr.username
    assert AuditEntry.objects.filter(action="travel_document.create", object_ids=[str(doc.pk)]).count() == 1


def test_only_the_issuing_country_adds_a_travel_document(desk):
    with pytest.raises(Denied, match="issuing country"):
        services.create_record(desk.fr, "travel_document", passport(country="DEU"))
    assert not TravelDocument.objects.exists()


@pytest.mark.parametrize("kind,raw", [
    ("vehicle", {"national_reference": "V1", "vin": "1HGCM82633A004352", "make": "Honda", "plate": "AB-123-CD",
                 "plate_country": "FR"}),
    ("firearm", {"national_reference": "F1", "make": "Glock", "model": "17", "firearm_type": "pistol",
                 "serial_number": "BXK-472"}),
    ("work_of_art", {"national_reference": "A1", "title": "Portrait of a Lady", "category": "painting",
                     "description": "Oil on canvas, a woman in a blue dress"}),
    ("person", {"national_reference": "P1", "names": ["Jean Dupont", {"full": "Жан Дюпон", "kind": "original_script"}],
                "birth_date": "1980-05", "role": "wanted", "nationalities": ["FR", "DZA"]}),
])
def test_each_kind_of_record_can_be_contributed(desk, kind, raw):
    rec = services.create_record(desk.fr, kind, raw).record
    model = {"vehicle": Vehicle, "firearm": Firearm, "work_of_art": WorkOfArt, "person": Person}[kind]
    assert model.objects.filter(pk=rec.pk, owner_country_id="FR").exists()
    if kind == "person":
        rec.refresh_from_db()
        assert rec.nationalities == ",DZ,FR,"
        assert (rec.birth_earliest, rec.birth_latest) == (date(1980, 5, 1), date(1980, 5, 31))
        assert [n.kind for n in rec.names.order_by("id")] == ["primary", "original_script"]
        assert all(n.keys for n in rec.names.all())


def test_an_agency_contributes_only_when_its_ncb_allowed_it(desk):
    reader = desk.agency_actor("FR", databases=("travel_documents",), may_contribute=False)
    with pytest.raises(Denied, match="not authorised to contribute"):
        services.create_record(reader, "travel_document", passport())
    writer = desk.agency_actor("FR", databases=("travel_documents",), may_contribute=True)
    doc = services.create_record(writer, "travel_document", passport()).record
    assert doc.owner_ncb_id == desk.fr_user.organisation_id  # the record is the NCB's, contributed by its agency
    with pytest.raises(Denied):
        services.create_record(writer, "vehicle", {"national_reference": "X", "vin": "1HGCM82633A004352"})


def test_a_change_keeps_the_previous_version(desk):
    doc = services.create_record(desk.fr, "travel_document", passport()).record
    services.update_record(desk.fr, "travel_document", doc.pk, {"document_status": "revoked"}, expected_version=1)
    versions = services.history(desk.fr, "travel_document", doc.pk)
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].data["document_status"] == "stolen_from_bearer"
    assert versions[1].changes == {"document_status": ["stolen_from_bearer", "revoked"]}
    with pytest.raises(services.VersionConflict):
        services.update_record(desk.fr, "travel_document", doc.pk, {"event_place": "Paris"}, expected_version=1)


def test_another_country_may_read_but_not_change_or_delete(desk):
    doc = services.create_record(desk.fr, "travel_document", passport()).record
    assert services.read_record(desk.de, "travel_document", doc.pk).pk == doc.pk
    with pytest.raises(Denied, match="only the owner"):
        services.update_record(desk.de, "travel_document", doc.pk, {"event_place": "Berlin"})
    with pytest.raises(Denied):
        services.delete_record(desk.de, "travel_document", doc.pk)
    doc.refresh_from_db()
    assert (doc.event_place, doc.status, doc.version) == ("Lyon", "active", 1)


def test_a_restricted_record_does_not_exist_for_an_excluded_country(desk):
    doc = services.create_record(desk.fr, "travel_document",
                                 passport(restriction_mode="deny", restricted_countries=["DE"])).record
    with pytest.raises(services.RecordNotFound):
        services.read_record(desk.de, "travel_document", doc.pk)
    with pytest.raises(services.RecordNotFound):
        services.history(desk.de, "travel_document", doc.pk)
    assert services.read_record(desk.us, "travel_document", doc.pk).pk == doc.pk


def test_deleted_and_overdue_records_drop_out_of_search_until_renewed(desk):
    a = services.create_record(desk.fr, "travel_document", passport("AA1111111")).record
    b = services.create_record(desk.fr, "travel_document", passport("BB2222222")).record

    def found(number):
        return bool(check_identifiers(desk.de, [IdentifierQuery("number", number)])[0].matches)

    assert found("AA1111111") and found("BB2222222")
    services.delete_record(desk.fr, "travel_document", a.pk)
    TravelDocument.objects.filter(pk=b.pk).update(review_due=date.today() - timedelta(days=1))
    assert not found("AA1111111") and not found("BB2222222")
    services.renew_record(desk.fr, "travel_document", b.pk)
    assert found("BB2222222")
    assert [v.action for v in services.history(desk.fr, "travel_document", a.pk)] == ["create", "delete"]


@pytest.mark.parametrize("kind,raw,field,reason", [
    ("travel_document", passport(issue_date="2023-02-31"), "issue_date", "February 2023 has 28 days"),
    ("travel_document", passport(issuing_country="QQQ"), "issuing_country", "unknown country code"),
    ("travel_document", passport(number="12#4"), "number", "contains"),
    ("travel_document", passport(document_status="borrowed"), "document_status", "one of"),
    ("vehicle", {"national_reference": "V", "vin": "1HGCM8263"}, "vin", "17"),
    ("person", {"national_reference": "P", "names": ["!!! ---"], "role": "wanted"}, "names[0]", "letter"),
    ("person", {"national_reference": "P", "names": ["Ann Lee"], "role": "wanted", "birth_date": "1980-02-31"},
     "birth_date", "February"),
    ("person", {"national_reference": "P", "names": ["Ann Lee"], "role": "wanted", "nationalities": ["ZZ"]},
     "nationalities", "unknown"),
    ("firearm", {"national_reference": "F", "make": "Colt", "firearm_type": "pistol", "serial_number": "",
                 "colour": "black"}, "colour", "not a field"),
])
def test_bad_input_is_refused_with_the_field_and_the_reason_and_nothing_is_written(desk, kind, raw, field, reason):
    before = AuditEntry.objects.count()
    with pytest.raises(InvalidRecord) as err:
        services.create_record(desk.fr, kind, raw)
    assert field in err.value.errors and reason in err.value.errors[field]
    assert not RecordVersion.objects.exists()
    assert AuditEntry.objects.count() == before


def test_the_same_national_reference_twice_is_refused(desk):
    services.create_record(desk.fr, "travel_document", passport("AA1111111", ref="R-1"))
    with pytest.raises(InvalidRecord, match="already has a record"):
        services.create_record(desk.fr, "travel_document", passport("BB2222222", ref="R-1"))
    assert TravelDocument.objects.count() == 1


def test_free_text_finds_works_of_art_and_marks_within_restrictions(desk):
    from ncbnet.records.text_search import InvalidTextSearch, search_text

    icon = services.create_record(desk.fr, "work_of_art", {
        "national_reference": "A1", "title": "Vierge à l'Enfant", "category": "icon",
        "description": "Icône byzantine, tempera sur bois, feuille d'or"}).record
    services.create_record(desk.fr, "work_of_art", {
        "national_reference": "A2", "title": "Still life", "category": "painting",
        "description": "Oil painting of flowers in a vase", "restriction_mode": "deny", "restricted_countries": ["DE"]})
    marked = services.create_record(desk.fr, "person", {
        "national_reference": "P1", "names": ["Ann Lee"], "role": "missing",
        "distinguishing_marks": "tattoo of a dragon on the left forearm"}).record
    assert [r.record.pk for r in search_text(desk.de, "work_of_art", "icone bois")] == [icon.pk]  # accents folded
    assert search_text(desk.de, "work_of_art", "flowers") == []  # excluded country
    assert len(search_text(desk.us, "work_of_art", "flowers")) == 1
    assert [r.record.pk for r in search_text(desk.de, "person", "dragon tattoo")] == [marked.pk]
    with pytest.raises(InvalidTextSearch):
        search_text(desk.de, "vehicle", "red")
    with pytest.raises(InvalidTextSearch):
        search_text(desk.de, "person", "!!!")


def _refused(change) -> None:
    from django.db import IntegrityError, connection, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        change()
        if connection.vendor == "sqlite":  # its foreign keys are deferred: check them now
            connection.check_constraints()


def test_the_database_refuses_a_record_naming_a_missing_member_and_a_member_a_record_names(desk):
    """PostgreSQL checks these columns per statement (records migration 0003), SQLite by its foreign keys."""
    from django.db import connection

    from ncbnet.members.models import Organisation, User

    doc = services.create_record(desk.fr, "travel_document", passport("12AB34567")).record
    rows = TravelDocument.objects.filter(pk=doc.pk)
    _refused(lambda: rows.update(owner_ncb_id=987654))
    _refused(lambda: rows.update(updated_by_id=987654))
    _refused(lambda: rows.update(owner_country_id="QQ"))
    copy = TravelDocument.objects.values().get(pk=doc.pk)
    copy.update(id=None, national_reference="OTHER", created_by_id=987654)
    _refused(lambda: TravelDocument.objects.create(**copy))
    with connection.cursor() as cursor:  # plain SQL: no PROTECT from the application in the way
        _refused(lambda: cursor.execute("DELETE FROM members_user WHERE id = %s", [doc.created_by_id]))
        _refused(lambda: cursor.execute("UPDATE members_organisation SET id = 987654 WHERE id = %s", [doc.owner_ncb_id]))
    assert rows.get().owner_ncb_id == desk.fr_user.organisation_id and User.objects.filter(pk=doc.created_by_id)
    assert Organisation.objects.filter(pk=doc.owner_ncb_id).exists()
    rows.update(updated_by_id=desk.de_user.pk)  # a member that exists: accepted
