"""Searching the databases in the portal (a transliterated name, a pasted MRZ, a VIN, a serial, words of a work
of art), the record page, and hits: raised by a search, answered by the owner."""

from __future__ import annotations

import pytest

from ncbnet.access.levels import Role
from ncbnet.audit.models import AuditEntry
from ncbnet.hits.models import Hit, HitStatus
from ncbnet.matching.mrz import make_td3
from ncbnet.members.models import Organisation, OrgKind
from ncbnet.notices import review
from ncbnet.notices import services as notices
from ncbnet.records import services
from tests.factories import PNG
from tests.notices.conftest import CONTENTS
from tests.portal.conftest import signed_in
from tests.records.conftest import passport

pytestmark = pytest.mark.django_db


@pytest.fixture
def paris(world):
    user = world.officer("FR", clearance=3)
    return user, world.actor(user)


def _wanted(actor, ref="P-1", names=("Mohammed bin Salman Al-Rashid",), **kw):
    return services.create_record(actor, "person", {"national_reference": ref, "names": list(names),
                                                    "birth_date": "1980-05-17", "role": "wanted", **kw}).record


def test_a_transliterated_name_finds_the_wanted_person_and_raises_a_hit_for_the_owner(world, paris):
    _user, fr = paris
    person = _wanted(fr, names=["Mohammed bin Salman Al-Rashid", {"full": "محمد بن سلمان الرشيد", "kind": "original_script"}])
    berlin = world.officer("DE")
    page = signed_in(berlin).post("/portal/search/persons/", {"names": "Muhammad Al Rasheed", "birth_date": "1980",
                                                              "purpose": "border check"})
    text = page.content.decode()
    assert page.status_code == 200
    assert f"/portal/records/person/{person.pk}/" in text and "Mohammed bin Salman Al-Rashid" in text
    hit = Hit.objects.get(record_type="person", record_id=person.pk)
    assert hit.searcher_org.code == "NCB-DE" and hit.reference in text
    assert AuditEntry.objects.filter(action="person.search", username=berlin.username, purpose="border check").exists()


def test_a_pasted_mrz_finds_the_stolen_passport(world, paris):
    _user, fr = paris
    doc = services.create_record(fr, "travel_document", passport("12AB34567")).record
    zone = make_td3(document_number="12AB34567", issuing_state="FRA", surname="MARTIN", given_names=["JEAN"],
                    birth_date="1980-05-17", sex="M", expiry_date="2030-01-14", nationality="FRA")
    text = signed_in(world.officer("ES")).post("/portal/search/documents/", {"mrz": zone}).content.decode()
    assert f"/portal/records/travel_document/{doc.pk}/" in text and "12AB34567" in text
    assert Hit.objects.filter(record_type="travel_document", record_id=doc.pk).exists()


def test_vehicles_firearms_and_works_of_art(world, paris):
    _user, fr = paris
    car = services.create_record(fr, "vehicle", {"national_reference": "V-1", "vin": "WVWZZZ1JZXW000001",
                                                 "make": "Volkswagen", "model": "Golf"}).record
    gun = services.create_record(fr, "firearm", {"national_reference": "F-1", "make": "Glock", "model": "17",
                                                 "firearm_type": "pistol", "serial_number": "ABC123"}).record
    art = services.create_record(fr, "work_of_art", {"national_reference": "A-1", "title": "Nature morte aux poires",
                                                     "artist": "Paul Cézanne", "category": "painting"}).record
    client = signed_in(world.officer("IT"))
    assert f"/records/vehicle/{car.pk}/" in client.post("/portal/search/vehicles/", {"vin": "WVWZZZ1JZXW000001"}).content.decode()
    assert f"/records/firearm/{gun.pk}/" in client.post("/portal/search/firearms/", {"serial_number": "abc 123"}).content.decode()
    assert f"/records/work_of_art/{art.pk}/" in client.post("/portal/search/art/", {"text": "poires"}).content.decode()


def test_a_search_form_refuses_with_reasons_and_searches_nothing(world):
    client = signed_in(world.officer("DE"))
    before = AuditEntry.objects.filter(action="person.search").count()
    page = client.post("/portal/search/persons/", {"names": "  ", "birth_date": "17/05/1980"})
    assert page.status_code == 400
    assert "This field is required." in page.content.decode()
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in page.content.decode()
    assert client.post("/portal/search/documents/", {}).status_code == 400
    assert AuditEntry.objects.filter(action="person.search").count() == before


def test_an_agency_without_the_database_is_told_so(world, paris):
    _user, fr = paris
    services.create_record(fr, "travel_document", passport("12AB34567"))
    police = world.user(world.agency("FR", "FR-PM", databases=("persons",)), role="agency_officer")
    page = signed_in(police).post("/portal/search/documents/", {"number": "12AB34567"})
    assert page.status_code == 400 and "not authorised" in page.content.decode()


def test_the_record_page_shows_facts_names_photos_history_and_hits(world, paris):
    user, fr = paris
    person = _wanted(fr, names=["Jean Martin", {"full": "Jean-Baptiste Martin", "kind": "alias"}],
                     distinguishing_marks="scar on the left cheek")
    from ncbnet.records.attachments import add_photo

    services.update_record(fr, "person", person.pk, {"height_cm": 181}, expected_version=1)
    photo = add_photo(fr, "person", person.pk, "face.png", PNG)
    client = signed_in(user)
    page = client.get(f"/portal/records/person/{person.pk}/").content.decode()
    assert "scar on the left cheek" in page and "Jean-Baptiste Martin" in page and "181" in page
    assert f"/portal/records/person/{person.pk}/photos/{photo.blob_id}/" in page
    assert page.count("<tr><td>") >= 2  # two versions in the history
    shot = client.get(f"/portal/records/person/{person.pk}/photos/{photo.blob_id}/")
    assert shot.status_code == 200 and shot.content == PNG
    assert [e.object_ids for e in AuditEntry.objects.filter(action="person.read", username=user.username)] == [[str(person.pk)]]


def test_a_record_another_country_restricted_answers_as_if_it_did_not_exist(world, paris):
    _user, fr = paris
    hidden = _wanted(fr, restriction_mode="deny", restricted_countries=["DE"])
    client = signed_in(world.officer("DE"))
    assert client.get(f"/portal/records/person/{hidden.pk}/").status_code == 404
    assert client.get("/portal/records/person/999999999/").status_code == 404
    assert client.get(f"/portal/records/nothing/{hidden.pk}/").status_code == 404
    found = client.post("/portal/search/persons/", {"names": "Mohammed bin Salman Al-Rashid"}).content.decode()
    assert f"/records/person/{hidden.pk}/" not in found


def test_the_owner_confirms_a_hit_and_the_searcher_sees_the_answer(world, paris):
    user, fr = paris
    person = _wanted(fr)
    berlin = world.officer("DE")
    signed_in(berlin).post("/portal/search/persons/", {"names": "Mohammed Al Rashid"})
    hit = Hit.objects.get(record_id=person.pk)

    owner = signed_in(user)
    listing = owner.get("/portal/hits/").content.decode()
    awaiting = listing[listing.index('data-testid="awaiting"'):]
    assert hit.reference in awaiting
    assert owner.post(f"/portal/hits/{hit.reference}/", {"decision": "maybe"}).status_code == 400
    answered = owner.post(f"/portal/hits/{hit.reference}/", {"decision": "confirm", "note": "Arrest him."})
    assert answered.status_code == 302
    hit.refresh_from_db()
    assert hit.status == HitStatus.CONFIRMED and hit.answer_note == "Arrest him."
    again = owner.post(f"/portal/hits/{hit.reference}/", {"decision": "deny"})
    assert again.status_code == 400  # answered once, not twice
    hit.refresh_from_db()
    assert hit.status == HitStatus.CONFIRMED

    searcher = signed_in(berlin)
    assert hit.reference in searcher.get("/portal/hits/").content.decode()
    page = searcher.get(f"/portal/hits/{hit.reference}/").content.decode()
    assert "confirmed by the owner" in page and 'name="decision"' not in page  # the searcher does not answer


def test_a_third_country_does_not_see_the_hit(world, paris):
    _user, fr = paris
    person = _wanted(fr)
    signed_in(world.officer("DE")).post("/portal/search/persons/", {"names": "Mohammed Al Rashid"})
    hit = Hit.objects.get(record_id=person.pk)
    assert signed_in(world.officer("IT")).get(f"/portal/hits/{hit.reference}/").status_code == 404


def test_a_gs_reviewer_answers_in_the_portal_a_hit_on_a_subject_the_gs_holds(world):
    """The subject of an international body's notice is held by the General Secretariat: its reviewers find the hit
    among those awaiting their answer and answer it; the CCC's duty officer sees it without the answer form."""
    un = Organisation.objects.create(code="UN-SC", kind=OrgKind.INTERNATIONAL_BODY, name="UN Security Council")
    body = world.actor(world.user(un, Role.INTL_BODY_OFFICER))
    notice = notices.request_notice(body, notices.NoticeRequest(
        notice_type="un", content=CONTENTS["un"],
        subject={"names": ["AL-TIKRITI, Hamid Youssef"], "birth_date": "1971-03-02", "sex": "M"}))
    notices.submit_notice(body, notice.pk)
    reviewer = world.user(world.gs(), Role.GS_REVIEWER, nationality="JP")
    review.review_notice(world.actor(world.user(world.gs(), Role.GS_REVIEWER, nationality="BR")), notice.pk, "approve")
    notice.refresh_from_db()

    signed_in(world.officer("DE")).post("/portal/search/persons/", {"names": "Hamid Youssef Al-Tikriti",
                                                                    "birth_date": "1971-03-02"})
    hit = Hit.objects.get(record_id=notice.subject_id)
    duty = signed_in(world.user(world.gs(), Role.CCC_OFFICER)).get(f"/portal/hits/{hit.reference}/").content.decode()
    assert hit.reference in duty and 'name="decision"' not in duty

    gs = signed_in(reviewer)
    listing = gs.get("/portal/hits/").content.decode()
    assert hit.reference in listing[listing.index('data-testid="awaiting"'):]
    assert gs.post(f"/portal/hits/{hit.reference}/", {"decision": "deny", "note": "Delisted."}).status_code == 302
    hit.refresh_from_db()
    assert hit.status == HitStatus.DENIED and hit.answer_note == "Delisted."
