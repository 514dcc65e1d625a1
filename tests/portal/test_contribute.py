"""Contributing through the portal: a record of each kind added by its form, changed with its version checked,
refused field by field; a bulk file loaded whole or refused whole with its report."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ncbnet.records import services
from ncbnet.records.models import Firearm, Person, PersonName, RecordVersion, TravelDocument
from tests.portal.conftest import signed_in

pytestmark = pytest.mark.django_db

COMMON = {"classification": "1", "restriction_mode": "none", "agencies_may_view": "on"}


def test_a_person_added_by_the_form_is_found_by_search(world):
    paris = world.officer("FR")
    client = signed_in(paris)
    response = client.post("/portal/records/new/person/", {
        **COMMON, "national_reference": "FR-2026-77", "names": "Karim Benali\nكريم بن علي", "role": "wanted",
        "sex": "M", "birth_date": "1984-02-11", "nationalities": ["FR", "DZ"], "height_cm": "176",
        "distinguishing_marks": "scar above the right eye"})
    person = Person.objects.get(national_reference="FR-2026-77")
    assert response.status_code == 302 and response["Location"] == f"/portal/records/person/{person.pk}/"
    assert list(PersonName.objects.filter(person=person).order_by("id").values_list("full", flat=True)) == [
        "Karim Benali", "كريم بن علي"]
    assert person.owner_country_id == "FR" and person.height_cm == 176 and ",DZ," in person.nationalities
    found = signed_in(world.officer("ES")).post("/portal/search/persons/", {"names": "Kareem Ben Ali"}).content.decode()
    assert f"/portal/records/person/{person.pk}/" in found


def test_a_refused_record_keeps_what_was_typed_and_stores_nothing(world):
    client = signed_in(world.officer("FR"))
    response = client.post("/portal/records/new/travel_document/", {
        **COMMON, "national_reference": "FR-D-1", "number": "12AB34567", "issuing_country": "DEU",
        "document_type": "passport", "document_status": "lost"})
    page = response.content.decode()
    assert response.status_code == 400 and 'value="12AB34567"' in page
    assert not TravelDocument.objects.exists()


def test_a_change_is_versioned_and_a_stale_form_is_refused(world):
    fr_user = world.officer("FR")
    fr = world.actor(fr_user)
    gun = services.create_record(fr, "firearm", {"national_reference": "F-1", "make": "Glock", "firearm_type": "pistol",
                                                 "serial_number": "ABC123"}).record
    client = signed_in(fr_user)
    form = client.get(f"/portal/records/firearm/{gun.pk}/change/").content.decode()
    assert 'value="ABC123"' in form and 'name="version" value="1"' in form
    data = {**COMMON, "national_reference": "F-1", "make": "Glock", "model": "19", "firearm_type": "pistol",
            "serial_number": "ABC123", "version": "1"}
    assert client.post(f"/portal/records/firearm/{gun.pk}/change/", data).status_code == 302
    gun.refresh_from_db()
    assert gun.model == "19" and gun.version == 2
    versions = RecordVersion.objects.filter(record_type="firearm", record_id=gun.pk)
    assert versions.filter(version=2).get().changes == {"model": ["", "19"]}
    stale = client.post(f"/portal/records/firearm/{gun.pk}/change/", {**data, "model": "26"})
    assert stale.status_code == 400 and "changed this record while you were editing" in stale.content.decode()
    assert Firearm.objects.get(pk=gun.pk).model == "19"


def test_a_change_to_a_deleted_record_is_refused_in_the_form(world):
    fr_user = world.officer("FR")
    gun = services.create_record(world.actor(fr_user), "firearm", {
        "national_reference": "F-1", "make": "Glock", "firearm_type": "pistol", "serial_number": "ABC123"}).record
    services.delete_record(world.actor(fr_user), "firearm", gun.pk)
    data = {**COMMON, "national_reference": "F-1", "make": "Glock", "model": "19", "firearm_type": "pistol",
            "serial_number": "ABC123", "version": "2"}
    refused = signed_in(fr_user).post(f"/portal/records/firearm/{gun.pk}/change/", data)
    assert refused.status_code == 400 and "this firearm was deleted; it can no longer change" in refused.content.decode()
    assert Firearm.objects.get(pk=gun.pk).model == ""


def test_only_the_owner_country_is_offered_the_change(world):
    fr = world.actor(world.officer("FR"))
    gun = services.create_record(fr, "firearm", {"national_reference": "F-2", "make": "Beretta",
                                                 "firearm_type": "pistol", "serial_number": "XYZ9"}).record
    berlin = signed_in(world.officer("DE"))
    assert "/change/" not in berlin.get(f"/portal/records/firearm/{gun.pk}/").content.decode()
    refused = berlin.post(f"/portal/records/firearm/{gun.pk}/change/", {
        **COMMON, "national_reference": "F-2", "make": "Beretta", "model": "92", "firearm_type": "pistol",
        "serial_number": "XYZ9", "version": "1"})
    assert refused.status_code == 400
    assert Firearm.objects.get(pk=gun.pk).model == ""


def _ndjson(*rows: dict) -> bytes:
    return "\n".join(json.dumps(r) for r in rows).encode() + b"\n"


def test_a_bulk_file_is_loaded_whole_or_refused_whole_with_its_report(world):
    client = signed_in(world.officer("FR"))
    good = {"national_reference": "B-1", "make": "Glock", "firearm_type": "pistol", "serial_number": "S-1"}
    bad = {"national_reference": "B-2", "make": "Glock", "firearm_type": "cannon", "serial_number": "S-2"}
    refused = client.post("/portal/contribute/bulk/", {
        "kind": "firearm", "file": SimpleUploadedFile("guns.ndjson", _ndjson(good, bad), "application/x-ndjson")})
    page = refused.content.decode()
    assert refused.status_code == 400 and "nothing was loaded" in page and "firearm_type" in page
    assert not Firearm.objects.exists()
    loaded = client.post("/portal/contribute/bulk/", {
        "kind": "firearm", "file": SimpleUploadedFile("guns.ndjson", _ndjson(good, {**bad, "firearm_type": "rifle"}))})
    assert loaded.status_code == 200 and "2 records loaded." in loaded.content.decode()
    assert Firearm.objects.count() == 2


def test_a_bulk_file_of_another_format_is_refused(world):
    client = signed_in(world.officer("FR"))
    response = client.post("/portal/contribute/bulk/", {"kind": "firearm",
                                                        "file": SimpleUploadedFile("guns.xlsx", b"PK\x03\x04")})
    assert response.status_code == 400 and ".csv, .ndjson or .jsonl" in response.content.decode()
