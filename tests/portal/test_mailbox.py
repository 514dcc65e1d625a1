"""The inbox through the portal: read, acknowledge, reply, forward, compose, search, attachments; what another
country restricted never shows; what a form refuses keeps what was typed and sends nothing."""

from __future__ import annotations

import re

import pytest

from ncbnet.audit.models import AuditEntry
from ncbnet.messaging.models import Delivery, Message
from tests.factories import PNG
from tests.portal.conftest import signed_in

pytestmark = pytest.mark.django_db


def _compose(client, **fields):
    page = client.get("/portal/messages/new/").content.decode()
    submission = re.search(r'name="submission" value="([0-9a-f]+)"', page)[1]
    data = {"subject": "Stolen lorry", "body": "A lorry was stolen in Lyon.", "priority": "routine",
            "crime_area": "vehicles", "classification": "1", "restriction_mode": "none", "agencies_may_view": "on",
            "submission": submission, **fields}
    return client.post("/portal/messages/new/", data), submission


def test_inbox_lists_what_the_bureau_received_urgent_first(world, officers):
    fr, de = officers
    world.send(de, ["NCB:FR"], subject="Routine question")
    world.send(de, ["NCB:FR"], subject="Urgent: child missing", priority="urgent")
    world.send(de, ["NCB:IT"], subject="Not for France")
    page = signed_in(fr).get("/portal/").content.decode()
    due = page[page.index("Awaiting acknowledgement"):page.index('id="all-title"')]
    assert "Urgent: child missing" in due and "Routine question" not in due
    assert "Routine question" in page and "Not for France" not in page
    assert AuditEntry.objects.filter(action="message.inbox", username=fr.username).exists()


def test_inbox_filters(world, officers):
    fr, de = officers
    world.send(de, ["NCB:FR"], subject="About drugs", crime_area="drugs")
    world.send(de, ["NCB:FR"], subject="About art", crime_area="works_of_art")
    page = signed_in(fr).get("/portal/?crime_area=drugs").content.decode()
    assert "About drugs" in page and "About art" not in page


def test_read_acknowledge_and_reply(world, officers):
    fr, de = officers
    asked = world.send(de, ["NCB:FR"], subject="Urgent: identify this man", priority="urgent")
    client = signed_in(fr)
    page = client.get(f"/portal/messages/{asked.pk}/").content.decode()
    assert "Urgent: identify this man" in page and "A test message body." in page
    delivery = Delivery.objects.get(message=asked, recipient_org__code="NCB-FR")
    assert delivery.read_at is not None and delivery.acknowledged_at is None
    client.post(f"/portal/messages/{asked.pk}/acknowledge/")
    delivery.refresh_from_db()
    assert delivery.acknowledged_at is not None

    form = client.get(f"/portal/messages/{asked.pk}/").content.decode()
    submission = re.search(r'action="/portal/messages/\d+/reply/".*?name="submission" value="([0-9a-f]+)"', form, re.S)[1]
    response = client.post(f"/portal/messages/{asked.pk}/reply/", {"body": "He is known to us.", "priority": "urgent",
                                                                    "submission": submission})
    answer = Message.objects.get(reply_to=asked)
    assert response["Location"] == f"/portal/messages/{answer.pk}/"
    assert answer.subject == "Re: Urgent: identify this man" and answer.addressed_to == ["NCB:DE"]
    thread = signed_in(de).get(f"/portal/messages/{asked.pk}/").content.decode()
    assert f"/portal/messages/{answer.pk}/" in thread  # the sender sees the answer in the thread


def test_compose_sends_once_however_often_the_form_is_submitted(world, officers):
    fr, _de = officers
    client = signed_in(fr)
    first, submission = _compose(client, countries=["DE", "IT"], regions=["europe"])
    again = client.post("/portal/messages/new/", {
        "subject": "Stolen lorry", "body": "A lorry was stolen in Lyon.", "priority": "routine",
        "crime_area": "vehicles", "classification": "1", "restriction_mode": "none", "agencies_may_view": "on",
        "submission": submission, "countries": ["DE", "IT"], "regions": ["europe"]})
    sent = Message.objects.filter(subject="Stolen lorry")
    assert sent.count() == 1
    assert first["Location"] == again["Location"] == f"/portal/messages/{sent.get().pk}/"
    assert sorted(sent.get().addressed_to) == ["NCB:DE", "NCB:IT", "REGION:europe"]
    followed = client.get(again["Location"]).content.decode()
    assert "sent once" in followed


def test_a_refused_form_shows_the_reasons_by_the_fields_keeps_the_text_and_sends_nothing(world, officers):
    fr, _de = officers
    client = signed_in(fr)
    response, _ = _compose(client, subject="", body="Text typed with care.", restriction_mode="allow")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose at least one recipient." in page
    assert "An allow-list needs at least one country." in page
    assert "Text typed with care." in page
    assert not Message.objects.filter(body="Text typed with care.").exists()


def test_classification_above_ones_clearance_is_not_offered(world):
    low = world.officer("FR", clearance=1)
    page = signed_in(low).get("/portal/messages/new/").content.decode()
    assert 'value="1"' in page and "confidential" not in page and "restricted</option>" not in page


def test_another_countrys_restricted_message_answers_as_if_it_did_not_exist(world, officers):
    fr, de = officers
    hidden = world.send(de, ["ALL"], subject="Not for France", restriction_mode="deny", restricted_countries=["FR"])
    client = signed_in(fr)
    assert "Not for France" not in client.get("/portal/").content.decode()
    response = client.get(f"/portal/messages/{hidden.pk}/")
    missing = client.get("/portal/messages/999999999/")
    assert response.status_code == missing.status_code == 404
    assert "Not for France" not in response.content.decode()
    def same(page: bytes, path: str) -> str:  # but for the address asked and the form's CSRF token
        text = page.decode().replace(path, "PATH")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)

    assert same(response.content, f"/portal/messages/{hidden.pk}/") == same(missing.content, "/portal/messages/999999999/")


def test_an_agency_writes_only_to_its_ncb_which_forwards_abroad(world):
    agency_user = world.user(world.agency("FR", "FR-PJ"), role="agency_officer")
    ncb_officer = world.officer("FR")
    client = signed_in(agency_user)
    page = client.get("/portal/messages/new/").content.decode()
    assert 'name="countries"' not in page and "forwards abroad for you" in page
    _compose(client, subject="Please ask Spain", body="Is this man known in Spain?")
    asked = Message.objects.get(subject="Please ask Spain")
    assert asked.addressed_to == ["NCB:FR"]

    ncb = signed_in(ncb_officer)
    form = ncb.get(f"/portal/messages/{asked.pk}/").content.decode()
    submission = re.search(r'action="/portal/messages/\d+/forward/".*?name="submission" value="([0-9a-f]+)"', form, re.S)[1]
    ncb.post(f"/portal/messages/{asked.pk}/forward/", {"countries": ["ES"], "note": "Urgent for us",
                                                        "submission": submission})
    forwarded = Message.objects.get(forwarded_from=asked)
    assert forwarded.addressed_to == ["NCB:ES"]
    assert [hop["organisation"] for hop in forwarded.chain] == ["FR-PJ", "NCB-FR"]
    assert "FR-PJ" in signed_in(world.officer("ES")).get(f"/portal/messages/{forwarded.pk}/").content.decode()


def test_an_agency_officer_is_not_offered_forwarding(world):
    agency_user = world.user(world.agency("FR", "FR-PJ"), role="agency_officer")
    msg = world.send(world.officer("FR"), ["AGENCY:FR-PJ"], subject="For the judicial police")
    page = signed_in(agency_user).get(f"/portal/messages/{msg.pk}/").content.decode()
    assert "For the judicial police" in page and "/forward/" not in page


def test_search_finds_by_word(world, officers):
    fr, de = officers
    world.send(de, ["NCB:FR"], subject="Counterfeit medicines", body="A shipment of counterfeit pills.")
    world.send(de, ["NCB:FR"], subject="Other matter", body="Nothing to see.")
    client = signed_in(fr)
    page = client.get("/portal/messages/search/?q=counterfeit").content.decode()
    assert "Counterfeit medicines" in page and "Other matter" not in page
    assert client.get("/portal/messages/search/?q=%21%21").status_code == 400


def test_attachments_are_sent_and_read_back_only_by_those_who_may(world, officers):
    fr, de = officers
    client = signed_in(fr)
    page = client.get("/portal/messages/new/").content.decode()
    submission = re.search(r'name="submission" value="([0-9a-f]+)"', page)[1]
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post("/portal/messages/new/", {
        "subject": "Photo", "body": "See the photo.", "priority": "routine", "crime_area": "other",
        "classification": "1", "restriction_mode": "none", "submission": submission, "countries": ["DE"],
        "attachments": [SimpleUploadedFile("suspect.png", PNG, "image/png")]})
    msg = Message.objects.get(subject="Photo")
    sha = msg.attachments.get().blob_id
    download = signed_in(de).get(f"/portal/messages/{msg.pk}/attachments/{sha}/")
    assert download.status_code == 200 and download.content == PNG and download["Content-Type"] == "image/png"
    assert signed_in(world.officer("IT")).get(f"/portal/messages/{msg.pk}/attachments/{sha}/").status_code == 404


def test_sent_lists_what_the_bureau_sent(world, officers):
    fr, de = officers
    world.send(fr, ["NCB:DE"], subject="From Paris")
    world.send(de, ["NCB:FR"], subject="From Berlin")
    page = signed_in(fr).get("/portal/messages/sent/").content.decode()
    assert "From Paris" in page and "From Berlin" not in page
