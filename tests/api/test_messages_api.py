"""The message API end to end through HTTP: send, retry, inbox pages, read, acknowledge, reply, forward,
thread, search in the working languages, overdue deliveries, division inboxes, the OpenAPI description."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ncbnet.access.levels import Role
from ncbnet.audit.models import AuditEntry
from ncbnet.members.models import Division
from ncbnet.messaging.models import Delivery, Message

MESSAGES = "/api/v1/messages"


def draft(**overrides) -> dict:
    return {"recipients": ["NCB:DE"], "subject": "Stolen vehicle WVWZZZ1JZXW000001",
            "body": "A vehicle reported stolen in Lyon may have crossed into Germany.", "language": "en", **overrides}


def send(api_client, token: str, **overrides) -> dict:
    response = api_client.post(MESSAGES, draft(**overrides), token=token)
    assert response.status_code == 201, response.content
    return response.json()


def test_send_returns_201_with_the_message_and_one_delivery_per_recipient(world, api_client):
    token = world.token(world.officer("FR"))
    response = api_client.post(MESSAGES, draft(recipients=["NCB:DE", "IT"], priority="urgent"), token=token)
    assert response.status_code == 201
    body = response.json()
    assert body["sender"] == "NCB-FR"
    assert body["addressed_to"] == ["NCB:DE", "NCB:IT"]
    assert sorted(d["recipient"] for d in body["deliveries"]) == ["NCB-DE", "NCB-IT"]
    assert all(d["state"] == "delivered" and d["ack_due_at"] for d in body["deliveries"])
    assert Delivery.objects.filter(message_id=body["id"]).count() == 2


def test_retry_with_the_same_idempotency_key_returns_the_first_message_and_sends_nothing(world, api_client):
    fr = world.officer("FR")
    token = world.token(fr)
    headers = {"Idempotency-Key": "fr-2024-0001"}
    first = api_client.post(MESSAGES, draft(), token=token, headers=headers)
    again = api_client.post(MESSAGES, draft(), token=token, headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Message.objects.filter(author=fr).count() == 1
    assert Delivery.objects.filter(message_id=first.json()["id"]).count() == 1


def test_inbox_pages_follow_the_cursor_newest_first_without_duplicates_or_gaps(world, api_client):
    fr, it = world.officer("FR"), world.officer("IT")
    sent = [world.send(fr if i % 2 else it, ["NCB:DE"], subject=f"Case {i}").pk for i in range(11)]
    world.send(fr, ["NCB:ES"], subject="Not for Germany")
    token = world.token(world.officer("DE"))

    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 4, **({"cursor": cursor} if cursor else {})}
        response = api_client.get(f"{MESSAGES}/inbox", token=token, **params)
        assert response.status_code == 200
        page = response.json()
        assert len(page["items"]) <= 4
        seen += [item["id"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == sorted(sent, reverse=True)


def test_reading_marks_the_recipients_delivery_read_and_acknowledging_completes_it(world, api_client):
    fr, de = world.officer("FR"), world.officer("DE")
    msg = world.send(fr, ["NCB:DE", "NCB:IT"], priority="urgent")
    de_token = world.token(de)

    opened = api_client.get(f"{MESSAGES}/{msg.pk}", token=de_token)
    assert opened.status_code == 200
    body = opened.json()
    assert [d["recipient"] for d in body["deliveries"]] == ["NCB-DE"]  # not the other recipients' state
    assert body["deliveries"][0]["state"] == "read"
    delivery = Delivery.objects.get(message=msg, recipient_org__code="NCB-DE")
    assert delivery.read_by_id == de.pk and delivery.acknowledged_at is None
    assert Delivery.objects.get(message=msg, recipient_org__code="NCB-IT").read_at is None

    acked = api_client.post(f"{MESSAGES}/{msg.pk}/acknowledge", token=de_token)
    assert acked.status_code == 200
    assert acked.json()["deliveries"][0]["state"] == "acknowledged"
    delivery.refresh_from_db()
    assert delivery.acknowledged_by_id == de.pk

    sender_view = api_client.get(f"{MESSAGES}/{msg.pk}", token=world.token(fr)).json()
    assert {d["recipient"]: d["state"] for d in sender_view["deliveries"]} == {"NCB-DE": "acknowledged",
                                                                              "NCB-IT": "delivered"}


def test_sender_cannot_acknowledge_its_own_message(world, api_client):
    fr = world.officer("FR")
    msg = world.send(fr, ["NCB:DE"])
    response = api_client.post(f"{MESSAGES}/{msg.pk}/acknowledge", token=world.token(fr))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_reply_goes_to_the_original_sender_in_the_same_thread(world, api_client):
    fr, de = world.officer("FR"), world.officer("DE")
    original = world.send(fr, ["NCB:DE", "NCB:IT"], subject="Fingerprints of suspect")
    response = api_client.post(f"{MESSAGES}/{original.pk}/reply", {"body": "No match in our records."},
                               token=world.token(de))
    assert response.status_code == 201, response.content
    reply = response.json()
    assert reply["sender"] == "NCB-DE"
    assert reply["subject"] == "Re: Fingerprints of suspect"
    assert reply["reply_to"] == original.pk and reply["thread_root"] == original.pk
    assert [d["recipient"] for d in reply["deliveries"]] == ["NCB-FR"]

    second = api_client.post(f"{MESSAGES}/{reply['id']}/reply", {"body": "Thank you."}, token=world.token(fr)).json()
    assert second["thread_root"] == original.pk and second["subject"] == "Re: Fingerprints of suspect"
    thread = api_client.get(f"{MESSAGES}/{reply['id']}/thread", token=world.token(fr))
    assert thread.status_code == 200
    assert [m["id"] for m in thread.json()] == [original.pk, reply["id"], second["id"]]

    # Italy received the original but is not party to the exchange between France and Germany.
    it_thread = api_client.get(f"{MESSAGES}/{original.pk}/thread", token=world.token(world.officer("IT"))).json()
    assert [m["id"] for m in it_thread] == [original.pk]


def test_ncb_forwards_its_agencys_request_and_the_chain_names_both(world, api_client):
    agent = world.user(world.agency("FR", "FR-PAF"), Role.AGENCY_OFFICER)
    request = world.send(agent, ["NCB:FR"], subject="Border check on passport 12AB34567")
    response = api_client.post(f"{MESSAGES}/{request.pk}/forward", {"recipients": ["NCB:ES"], "note": "Urgent for us"},
                               token=world.token(world.officer("FR")))
    assert response.status_code == 201, response.content
    forwarded = response.json()
    assert forwarded["forwarded_from"] == request.pk
    assert forwarded["thread_root"] == request.pk
    assert [hop["organisation"] for hop in forwarded["chain"]] == ["FR-PAF", "NCB-FR"]
    assert forwarded["chain"][0]["author"] == agent.username
    assert forwarded["restrictions"]["owner_country"] == "FR"

    at_es = api_client.get(f"{MESSAGES}/{forwarded['id']}", token=world.token(world.officer("ES"))).json()
    assert at_es["chain"] == forwarded["chain"]
    assert "Urgent for us" in at_es["body"] and "Border check" in at_es["subject"]


def test_agency_officer_cannot_forward(world, api_client):
    fr = world.officer("FR")
    agency = world.agency("FR", "FR-PAF")
    agent = world.user(agency, Role.AGENCY_OFFICER)
    msg = world.send(fr, ["AGENCY:FR-PAF"])
    response = api_client.post(f"{MESSAGES}/{msg.pk}/forward", {"recipients": ["NCB:FR"]}, token=world.token(agent))
    assert response.status_code == 403
    assert Message.objects.filter(forwarded_from=msg).count() == 0


def _search(api_client, token, q) -> list[int]:
    response = api_client.get(f"{MESSAGES}/search", token=token, q=q)
    assert response.status_code == 200, response.content
    return [m["id"] for m in response.json()["items"]]


def test_search_finds_english_words_and_their_inflections_only_in_the_visible_mailbox(world, api_client):
    fr = world.officer("FR")
    stolen = world.send(fr, ["NCB:DE"], subject="Stolen paintings", body="Three paintings were stolen from a museum.")
    other = world.send(fr, ["NCB:DE"], subject="Missing child", body="A child is missing since Monday.")
    hidden = world.send(world.officer("IT"), ["NCB:ES"], subject="Stolen paintings in Rome", body="Paintings stolen.")
    token = world.token(world.officer("DE"))
    assert _search(api_client, token, "paintings") == [stolen.pk]
    assert _search(api_client, token, "painting") == [stolen.pk]  # prefix on SQLite, stem on PostgreSQL
    assert _search(api_client, token, "missing child") == [other.pk]
    assert hidden.pk not in _search(api_client, world.token(fr), "stolen")


def test_search_matches_french_words_with_and_without_their_accents(world, api_client):
    fr = world.officer("FR")
    wanted = world.send(fr, ["NCB:DE"], subject="Individu recherché", language="fr",
                        body="L'individu recherché a été signalé à la frontière près de Strasbourg.")
    world.send(fr, ["NCB:DE"], subject="Véhicule volé", language="fr", body="Une voiture a été volée à Lyon.")
    token = world.token(world.officer("DE"))
    assert _search(api_client, token, "recherché") == [wanted.pk]
    assert _search(api_client, token, "recherche") == [wanted.pk]
    assert _search(api_client, token, "frontière") == [wanted.pk]
    assert _search(api_client, token, "Strasbourg") == [wanted.pk]


def test_search_finds_arabic_words(world, api_client):
    eg = world.officer("EG")
    msg = world.send(eg, ["NCB:MA"], subject="مركبة مسروقة", body="تم الإبلاغ عن سرقة مركبة في القاهرة", language="ar")
    world.send(eg, ["NCB:MA"], subject="شخص مفقود", body="طفل مفقود منذ يوم الاثنين", language="ar")
    token = world.token(world.officer("MA"))
    assert _search(api_client, token, "القاهرة") == [msg.pk]
    assert _search(api_client, token, "مسروقة") == [msg.pk]


def test_search_takes_words_joined_by_underscores_and_hyphens_as_words(world, api_client):
    fr = world.officer("FR")
    msg = world.send(fr, ["NCB:DE"], subject="Case file", body="The vessel Blue_Horizon sailed with cargo-hold seals broken.")
    world.send(fr, ["NCB:DE"], subject="Other", body="Nothing about the ship here.")
    token = world.token(world.officer("DE"))
    for q in ("blue_horizon", "Blue Horizon", "cargo-hold", "horizon_blue"):
        assert _search(api_client, token, q) == [msg.pk], q


def test_search_without_a_word_is_refused(world, api_client):
    response = api_client.get(f"{MESSAGES}/search", token=world.token(world.officer("FR")), q="?!")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_overdue_shows_the_ccc_every_late_delivery_and_an_uninvolved_ncb_none(world, api_client):
    fr = world.officer("FR")
    late = world.send(fr, ["NCB:DE", "NCB:IT"], priority="urgent")
    on_time = world.send(fr, ["NCB:DE"], priority="urgent")
    Delivery.objects.filter(message=late, recipient_org__code="NCB-DE").update(
        ack_due_at=timezone.now() - timedelta(minutes=5))
    Delivery.objects.filter(message=late, recipient_org__code="NCB-IT").update(
        ack_due_at=timezone.now() - timedelta(minutes=5), acknowledged_at=timezone.now())

    ccc = world.user(world.gs(), Role.CCC_OFFICER)
    items = api_client.get(f"{MESSAGES}/overdue", token=world.token(ccc)).json()
    assert [(i["message_id"], i["recipient"]) for i in items] == [(late.pk, "NCB-DE")]
    assert items[0]["sender"] == "NCB-FR" and items[0]["overdue_seconds"] >= 299
    assert "body" not in items[0] and "subject" not in items[0]  # metadata only

    assert api_client.get(f"{MESSAGES}/overdue", token=world.token(world.officer("JP"))).json() == []
    for party in ("FR", "DE"):
        seen = api_client.get(f"{MESSAGES}/overdue", token=world.token(world.officer(party))).json()
        assert [i["message_id"] for i in seen] == [late.pk]
    assert on_time.pk not in [i["message_id"] for i in items]

    inbox = api_client.get(f"{MESSAGES}/inbox", token=world.token(world.officer("DE"))).json()["items"]
    assert {i["id"]: i["overdue"] for i in inbox} == {late.pk: True, on_time.pk: False}


def test_division_inbox_shows_only_its_crime_areas(world, api_client):
    de_ncb = world.ncb("DE")
    drugs = Division.objects.create(ncb=de_ncb, name="Drugs and firearms", crime_areas=["drugs", "firearms"])
    fr = world.officer("FR")
    heroin = world.send(fr, ["NCB:DE"], crime_area="drugs", subject="Heroin shipment")
    pistols = world.send(fr, ["NCB:DE"], crime_area="firearms", subject="Pistols")
    world.send(fr, ["NCB:DE"], crime_area="fugitives", subject="Fugitive")
    token = world.token(world.officer("DE"))

    response = api_client.get(f"{MESSAGES}/inbox", token=token, division=drugs.pk)
    assert response.status_code == 200
    assert [i["id"] for i in response.json()["items"]] == [pistols.pk, heroin.pk]
    assert len(api_client.get(f"{MESSAGES}/inbox", token=token).json()["items"]) == 3

    foreign = Division.objects.create(ncb=world.ncb("IT"), name="Drugs", crime_areas=["drugs"])
    refused = api_client.get(f"{MESSAGES}/inbox", token=token, division=foreign.pk)
    assert refused.status_code == 404
    assert refused["Content-Type"] == "application/problem+json"


def test_every_api_read_is_audited_with_the_token(world, api_client):
    fr = world.officer("FR")
    msg = world.send(fr, ["NCB:DE"])
    token = world.token(world.officer("DE"))
    api_client.get(f"{MESSAGES}/{msg.pk}", token=token, purpose="case 2024/17")
    entry = AuditEntry.objects.filter(action="message.read").latest("id")
    assert entry.object_ids == [str(msg.pk)] and entry.organisation == "NCB-DE"
    assert entry.purpose == "case 2024/17" and entry.token_id is not None


def test_openapi_description_and_docs_are_served(world, client):
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/messages" in paths
    assert "/api/v1/messages/{message_id}/reply" in paths
    assert client.get("/api/docs").status_code == 200
